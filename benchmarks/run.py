"""Benchmark the pipeline at several corpus sizes; writes docs/benchmarks.md.

    .venv/bin/python benchmarks/run.py [--sizes 2000 20000 100000] [--workdir DIR]

For each N it generates N unique articles (benchmarks/generate.py) and measures, on the
same files: a bare regex pass (read every file, one compiled number regex: the floor), the
cold run, an unchanged re-run, a run after 1 % of the files changed, and the peak memory.
Runs go through `prakerja-etl run` against one standalone Prefect server, so Prefect's
fixed cost (a temporary server per CLI run) is measured once, separately.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

FLOOR = """
import re, sys, time
from pathlib import Path
NUM = re.compile(r"\\d{1,3}(?:\\.\\d{3})+(?:,\\d+)?|\\d+(?:,\\d+)?")
t = time.perf_counter(); n = 0
for p in Path(sys.argv[1]).rglob("*.txt"):
    n += sum(1 for _ in NUM.finditer(p.read_text(encoding="utf-8", errors="replace")))
print(time.perf_counter() - t)
"""


END_MARKER = "<!-- end of the part benchmarks/run.py writes -->"


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, str, int]:
    """(wall seconds, stdout, peak RSS in MB of the command and its descendants)."""
    wrapper = [sys.executable, "-c",
               "import resource, subprocess, sys, time\n"
               "t = time.perf_counter(); out = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
               "wall = time.perf_counter() - t\n"
               "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024\n"
               "sys.stderr.write(out.stderr)\n"
               "print(wall, rss, out.returncode); print(out.stdout)", *cmd]
    done = subprocess.run(wrapper, capture_output=True, text=True, env=env, check=True)
    head, _, stdout = done.stdout.partition("\n")
    wall, rss, code = head.split()
    if code != "0":
        raise SystemExit(f"{' '.join(cmd)} failed ({code}): {done.stderr[-2000:]}")
    return float(wall), stdout, int(rss)


def run_seconds(stdout: str) -> float:
    """The run's own work, without Prefect's start-up (the summary also gives the wall time); a
    run with nothing to do ('run skipped in N s') starts no flow: all of its N s."""
    done = re.search(r"completed in [\d.]+ s \(start-up [\d.]+ s, work ([\d.]+) s\)|skipped in ([\d.]+) s", stdout)
    assert done is not None, stdout
    return float(done.group(1) or done.group(2))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(home: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = dict(os.environ, PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    server = subprocess.Popen([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port",
                               str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/api"
    for _ in range(240):
        try:
            import urllib.request
            urllib.request.urlopen(f"{url}/health", timeout=1)
            return server, url
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("the Prefect server did not start")


def touch_one_percent(raw: Path) -> int:
    files = sorted((raw / "articles").rglob("*.txt"))
    changed = files[:: 100]
    for path in changed:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("Hingga kini tercatat 1.234 penerima baru.\n")
    return len(changed)


def measure(n: int, workdir: Path, env: dict[str, str], garble_every: int = 0) -> dict[str, float]:
    raw = workdir / f"raw-{n}"
    if not raw.exists():
        generate(raw, n, garble_every=garble_every)
        os.sync()   # the generator's dirty pages are written back now, not during the timed runs
    warehouse = workdir / f"w-{n}.duckdb"
    for leftover in workdir.glob(f"w-{n}.*"):
        leftover.unlink()
    size_mb = sum(p.stat().st_size for p in raw.rglob("*.txt")) / 1e6
    floor = min(float(subprocess.run([sys.executable, "-c", FLOOR, str(raw)], capture_output=True, text=True,
                                     check=True).stdout) for _ in range(2))
    cli = [str(BIN / "prakerja-etl"), "run", "--raw-dir", str(raw), "--warehouse", str(warehouse)]
    cold_wall, out, cold_rss = timed(cli, env)
    cold = run_seconds(out)
    rerun_wall, out, _ = timed(cli, env)
    rerun = run_seconds(out)
    changed = touch_one_percent(raw)
    change_wall, out, change_rss = timed(cli, env)
    change = run_seconds(out)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        figures = con.execute("SELECT count(*) FROM figures").fetchone()[0]
        articles, undated = con.execute("SELECT count(*), count(*) FILTER (event_date IS NULL) "
                                        "FROM articles").fetchone()
    shutil.rmtree(raw)  # regenerated next time: the 1 % edit must not accumulate
    return {"n": n, "mb": size_mb, "floor": floor, "cold": cold, "cold_wall": cold_wall, "rerun": rerun,
            "rerun_wall": rerun_wall, "changed": changed, "change": change, "change_wall": change_wall,
            "rss": max(cold_rss, change_rss), "figures": figures, "articles": articles, "undated": undated,
            "garble_every": garble_every,
            "warehouse_mb": warehouse.stat().st_size / 1e6}


def prefect_fixed_cost(workdir: Path) -> tuple[float, float]:
    """Wall time of a run over an empty folder: with a temporary server, and against a running one."""
    empty = workdir / "empty"
    (empty / "articles").mkdir(parents=True, exist_ok=True)
    home = workdir / "prefect-ephemeral"
    env = dict(os.environ, PREFECT_HOME=str(home))
    env.pop("PREFECT_API_URL", None)
    cli = [str(BIN / "prakerja-etl"), "run", "--raw-dir", str(empty), "--warehouse", str(workdir / "e.duckdb")]
    timed(cli, env)   # the first run migrates a fresh Prefect database
    ephemeral, _, _ = timed(cli, env)
    return ephemeral, 0.0


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) // 1024 // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} cores ({cpu}), {mem} GiB RAM, Python {platform.python_version()}, {platform.system()}"


def write_report(rows: list[dict[str, float]], fixed: tuple[float, float], served: float, out: Path) -> None:
    lines = ["# Benchmarks", "",
             "Generated by `.venv/bin/python benchmarks/run.py` (regenerate with the same command).", "",
             f"Machine: {machine()}.", "",
             "Each N is N unique articles generated from the bundled samples (digits perturbed, so values",
             "and hashes differ; figure density as in real news). *regex* is the floor: read every file",
             "and run one compiled number regex. *cold*, *re-run* and *1 % changed* are the seconds the",
             "flow itself reports (a standalone Prefect server; in brackets the command's wall time).",
             "*peak RSS* is the largest process of the run (main process or an extraction worker).", "",
             "| N | MB | figures | regex (s) | cold (s) | cold / regex | re-run (s) | re-run / cold "
             "| 1 % changed (s) | peak RSS (MB) | warehouse (MB) |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        lines.append(
            f"| {r['n']:,} | {r['mb']:.0f} | {r['figures']:,} | {r['floor']:.1f} | {r['cold']:.1f} "
            f"({r['cold_wall']:.0f}) | {r['cold'] / r['floor']:.1f}× | {r['rerun']:.1f} ({r['rerun_wall']:.0f}) "
            f"| {r['rerun'] / r['cold']:.3f} | {r['change']:.1f} ({r['change_wall']:.0f}) | {r['rss']:,} "
            f"| {r['warehouse_mb']:.0f} |")
    for r in rows:
        if r.get("garble_every"):
            lines += ["", f"At N = {r['n']:,} every {r['garble_every']}th article had every digit scrambled, dates "
                      f"too (`--garble-every {r['garble_every']}`): {r['articles']:,} of {r['n']:,} articles "
                      f"loaded, {r['undated']:,} of them with no date (a date that cannot exist is dropped)."]
    lines += ["", "Prefect's fixed cost: a `prakerja-etl run` over an empty folder takes "
              f"{fixed[0]:.1f} s of wall time with no `PREFECT_API_URL` (Prefect starts and stops a temporary",
              f"server for the run) and {served:.1f} s against a running server (process start, imports, the "
              "flow run's API calls).", "",
              "Targets (issue 6, at N = 20,000): cold ≤ 25× the regex pass (aim ≤ 10×); unchanged re-run ≤ 0.25× "
              "the cold run; peak memory ≤ 1.5 GB and no more at 100,000 than at 20,000.", "",
              "Why memory does not grow with N: files are found and hashed one at a time and the plan is a",
              "temporary table in the warehouse, not a list in Python; extraction and loading hold two batches",
              f"of {os.environ.get('PRAKERJA_BATCH_SIZE', '500')} files; DuckDB is capped at "
              f"{os.environ.get('PRAKERJA_DUCKDB_MEMORY', '256MB')} in a run (`PRAKERJA_DUCKDB_MEMORY`: it evicts pages "
              "and spills past it), and the run's report reads with aggregations that spill. What is left is the",
              "interpreter with its libraries (about 300 MB) and one batch's rows."]
    # Only the generated part is rewritten: the sections written by hand (and by other benchmarks)
    # after the marker stay.
    kept = out.read_text(encoding="utf-8").partition(END_MARKER)[2] if out.exists() else ""
    out.write_text("\n".join(lines) + "\n\n" + END_MARKER + kept, encoding="utf-8")
    (out.with_suffix(".json")).write_text(json.dumps({"rows": rows, "prefect_fixed": fixed}, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000, 100000])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/prakerja-bench"))
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--garble-every", type=int, default=0,
                        help="scramble every digit (dates too) of every N-th article, as a corrupt feed would")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    fixed = prefect_fixed_cost(args.workdir)
    server, url = start_server(args.workdir / "prefect-served")
    try:
        env = dict(os.environ, PREFECT_API_URL=url, PREFECT_HOME=str(args.workdir / "prefect-served"))
        empty_cli = [str(BIN / "prakerja-etl"), "run", "--raw-dir", str(args.workdir / "empty"),
                     "--warehouse", str(args.workdir / "e2.duckdb")]
        served, _, _ = timed(empty_cli, env)
        rows = []
        for n in args.sizes:
            rows.append(measure(n, args.workdir, env, args.garble_every))
            print(json.dumps(rows[-1]), flush=True)
            write_report(rows, fixed, served, args.out)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
