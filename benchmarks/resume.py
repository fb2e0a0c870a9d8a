"""Benchmark resuming killed runs (issue 13); writes its section of docs/benchmarks.md.

    .venv/bin/python benchmarks/resume.py [--old 3000] [--new 3000] [--workdir DIR]

A warehouse holds `old` generated articles and `new` more arrive. Clean: one run loads them.
Killed: the run loading them is killed with SIGKILL three times (PRAKERJA_FAULT_KILL_AT: after
its second committed batch, after the second batch of the next run, inside the transaction of
the third run's second batch); after each kill the published warehouse must be the file it was.
Then one more run finishes the load: its time against the clean run's, and whether it ends
with the same tables and values (run ids and timestamps aside).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402
from run import machine, start_server  # noqa: E402

KILLS = ("batch-committed:2", "batch-committed:2", "mid-transaction:2")
SECTION = "## Resuming killed runs (issue 13)"
_VOLATILE = {"run_id", "flow_run_id", "content_run_id", "superseded_by_run", "content_since", "valid_from",
             "valid_to"}


def run(raw: Path, warehouse: Path, env: dict[str, str],
        kill_at: str | None = None) -> tuple[int, float, float]:
    """(exit status, wall seconds, seconds the flow reports) of one `prakerja-etl run`."""
    env = dict(env)
    env.pop("PRAKERJA_FAULT_KILL_AT", None)
    if kill_at:
        env["PRAKERJA_FAULT_KILL_AT"] = kill_at
    started = time.perf_counter()
    cmd = [str(BIN / "prakerja-etl"), "run", "--raw-dir", str(raw), "--warehouse", str(warehouse)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    flow = re.search(r"completed in ([\d.]+) s", done.stdout)
    if done.returncode not in (0, -9):
        raise SystemExit(f"run failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.returncode, wall, float(flow.group(1)) if flow else float("nan")


def fingerprint(warehouse: Path) -> dict[str, tuple[int, int]]:
    """(rows, sum of row hashes) of every table and view, without run ids, timestamps and load_runs."""
    out = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        names = con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT internal UNION ALL "
                            "SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
        for (name,) in sorted(names):
            if name == "load_runs":
                continue
            cols = [f'"{c}"' for (c,) in con.execute("SELECT column_name FROM duckdb_columns() "
                                                     "WHERE table_name = ? ORDER BY column_index",
                                                     [name]).fetchall()
                    if c not in _VOLATILE and not c.endswith("_at")]
            out[name] = con.execute(f'SELECT count(*), coalesce(sum(hash({", ".join(cols)})::HUGEINT), 0) '
                                    f'FROM "{name}"').fetchall()[0]
    return out


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def articles(warehouse: Path) -> int:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("SELECT count(*) FROM articles").fetchall()[0][0]


def measure(old: int, new: int, workdir: Path, env: dict[str, str]) -> dict[str, Any]:
    generated = workdir / "generated"
    if not generated.exists():
        generate(generated, old + new)
    files = sorted((generated / "articles").rglob("*.txt"))

    def raw_with(name: str, count: int) -> Path:
        raw = workdir / name
        shutil.rmtree(raw, ignore_errors=True)
        (raw / "articles").mkdir(parents=True)
        for path in files[:count]:
            os.link(path, raw / "articles" / path.name)
        return raw

    for leftover in workdir.glob("*.duckdb*"):
        leftover.unlink()
    clean_raw, clean = raw_with("raw-clean", old), workdir / "clean.duckdb"
    run(clean_raw, clean, env)
    clean_raw = raw_with("raw-clean", old + new)
    _, clean_wall, clean_flow = run(clean_raw, clean, env)

    raw, warehouse = raw_with("raw-killed", old), workdir / "killed.duckdb"
    run(raw, warehouse, env)
    published = sha(warehouse)
    raw = raw_with("raw-killed", old + new)
    killed = []
    for kill_at in KILLS:
        code, wall, _ = run(raw, warehouse, env, kill_at)
        whole = code == -9 and sha(warehouse) == published and articles(warehouse) == old
        killed.append({"at": kill_at, "wall": wall, "whole": whole})
    _, resume_wall, resume_flow = run(raw, warehouse, env)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        runs = con.execute("SELECT status, files_loaded FROM load_runs ORDER BY started_at").fetchall()
    return {"old": old, "new": new, "load": os.getloadavg()[1], "clean_wall": clean_wall,
            "clean_flow": clean_flow, "killed": killed, "resume_wall": resume_wall,
            "resume_flow": resume_flow, "runs": runs, "equal": fingerprint(warehouse) == fingerprint(clean)}


def section(r: dict[str, Any]) -> str:
    kept = [n for status, n in r["runs"] if status == "interrupted"]
    last = r["runs"][-1][1]
    batch = os.environ.get("PRAKERJA_BATCH_SIZE", "500")
    whole = "yes" if all(k["whole"] for k in r["killed"]) else "NO"
    lines = [
        SECTION, "",
        "Generated by `.venv/bin/python benchmarks/resume.py` (regenerate with the same command; it",
        "rewrites this section only).", "", f"Machine: {machine()}.", "",
        f"A warehouse holds {r['old']:,} generated articles and {r['new']:,} more arrive "
        f"(batches of {batch}).",
        "*Clean* is one run loading them. The *resumed* run comes after the run loading them was",
        "killed with SIGKILL three times: after its second committed batch, after the second batch of",
        "the next run, and inside the transaction of the third run's second batch. Seconds are wall",
        "time of `prakerja-etl run` against a running Prefect server (in brackets: the seconds the flow",
        f"itself reports); the load average at the end was {r['load']:.1f} (other work shared the",
        "cores).", "",
        "| run | seconds | files loaded |", "| --- | ---: | ---: |",
        f"| clean load of the {r['new']:,} new articles | {r['clean_wall']:.1f} ({r['clean_flow']:.1f}) "
        f"| {r['new']:,} |"]
    for i, (kill, n) in enumerate(zip(r["killed"], kept, strict=False), 1):
        lines.append(f"| killed run {i} (`{kill['at']}`) | {kill['wall']:.1f} | {n:,} kept |")
    lines += [
        f"| resumed run | {r['resume_wall']:.1f} ({r['resume_flow']:.1f}) | {last:,} |", "",
        f"The resumed run takes **{r['resume_wall'] / r['clean_wall']:.2f}×** the clean load's wall time "
        f"({r['resume_flow'] / r['clean_flow']:.2f}× of the flow's own seconds; target ≤ 0.6×).",
        "It loaded only the files no killed run had committed: "
        f"{' + '.join(f'{n:,}' for n in kept)} kept + {last:,} = {sum(kept) + last:,}.",
        f"After each kill the published warehouse was the file it had been, {r['old']:,} articles "
        f"whole: {whole}. The result equals the clean run's (every table and view, run ids and",
        f"timestamps aside): {'yes' if r['equal'] else 'NO'}.", "",
        "What the resumed run still pays: starting (process, imports, the flow run's API calls),",
        "hashing every raw file to plan, opening the killed run's staging copy and reading it whole",
        "(its blocks' checksums) before reusing it, reading the finished copy whole again before",
        "publishing, and the report."]
    return "\n".join(lines) + "\n"


def write_section(text: str, out: Path) -> None:
    """Replace this benchmark's section of `out` (or add it at the end); other sections stay."""
    doc = out.read_text(encoding="utf-8") if out.exists() else "# Benchmarks\n"
    if SECTION in doc:
        before, _, rest = doc.partition(SECTION)
        following = rest.find("\n## ")
        doc = before + text + (rest[following + 1:] if following >= 0 else "")
    else:
        doc = doc.rstrip("\n") + "\n\n" + text
    out.write_text(doc, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--old", type=int, default=3000)
    parser.add_argument("--new", type=int, default=3000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/prakerja-bench-resume"))
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    server, url = start_server(args.workdir / "prefect")
    try:
        env = dict(os.environ, PREFECT_API_URL=url, PREFECT_HOME=str(args.workdir / "prefect"))
        result = measure(args.old, args.new, args.workdir, env)
        print(result, flush=True)
        write_section(section(result), args.out)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
