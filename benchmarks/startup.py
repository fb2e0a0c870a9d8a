"""The fixed cost of `prakerja-etl run` and the time each failure takes to say what to do.

    .venv/bin/python benchmarks/startup.py [--runs 5] [--old-src DIR]

Runs the real command on the bundled sample (data/raw) with no Prefect server running before
and checks that nothing is left running after. With --old-src (a `git archive` of an older
commit, unpacked), the same runs of that code are interleaved with these, so that both see the
same load on a shared machine. Prints markdown tables for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
BIN = REPO / ".venv" / "bin"
# A run's summary line; a run with nothing to do prints 'run skipped in N s: …' (no flow, no split).
SUMMARY = re.compile(r"(?:completed|skipped) in ([\d.]+) s(?: \(start-up ([\d.]+) s, work ([\d.]+) s\))?")


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """(wall seconds, CPU seconds of the command and everything it waited for, the result)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done


def leftovers(home: Path) -> list[int]:
    """Processes still running with this Prefect home (the temporary server, a watchdog)."""
    time.sleep(0.5)   # the watchdog notices the CLI is gone within 0.2 s
    found = []
    for p in psutil.process_iter(["pid"]):
        try:
            if p.environ().get("PREFECT_HOME") == str(home) and p.pid != os.getpid():
                found.append(p.pid)
        except psutil.Error:
            pass
    return found


def runs(label: str, src: Path | None, work: Path, fresh: bool) -> list[dict[str, float | str]]:
    """A cold run and a re-run of the sample (first, with `fresh`, a run on a new Prefect home)."""
    home = work.parent / f"prefect-{label}"    # kept across calls, as a user's is
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PRAKERJA_"))}
    env["PREFECT_HOME"] = str(home)
    if src is not None:
        env["PYTHONPATH"] = str(src / "src")
    rows: list[dict[str, float | str]] = []

    def one(kind: str, warehouse: Path) -> None:
        wall, cpu, done = timed([str(BIN / "prakerja-etl"), "run", "--raw-dir", str(work / "raw"),
                                 "--warehouse", str(warehouse)], env)
        if done.returncode != 0:
            raise SystemExit(f"{label} {kind} failed: {done.stderr[-2000:]}")
        match = SUMMARY.search(done.stdout)
        assert match is not None, done.stdout
        printed, startup, work_s = (float(g) if g else float("nan") for g in match.groups())
        rows.append({"code": label, "kind": kind, "wall": wall, "cpu": cpu, "printed": printed,
                     "startup": startup, "work": work_s, "left": len(leftovers(home))})

    if fresh:
        one("fresh Prefect home", work / f"{label}-first.duckdb")
    one("cold", work / f"{label}.duckdb")
    one("re-run", work / f"{label}.duckdb")
    article = min((work / "raw" / "articles").iterdir())
    article.write_text(article.read_text(encoding="utf-8") + "\nTambahan.\n", encoding="utf-8")
    one("re-run, one article edited", work / f"{label}.duckdb")
    return rows


class _Hang(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        time.sleep(60)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Unavailable(_Hang):
    def do_GET(self) -> None:
        self.send_error(503)


def _serve(handler: type[BaseHTTPRequestHandler]) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/official"


def failures(work: Path) -> list[tuple[str, float, int, str]]:
    """(case, seconds to the message, exit code, the message) of each failure a user can hit."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PRAKERJA_"))}
    env["PREFECT_HOME"] = str(work / "prefect-failures")
    raw, cli = work / "raw", str(BIN / "prakerja-etl")
    good = work / "failures.duckdb"
    subprocess.run([cli, "run", "--raw-dir", str(raw), "--warehouse", str(good)], env=env, check=True,
                   capture_output=True)
    read_only = work / "read-only"
    read_only.mkdir()
    subprocess.run(["chattr", "+i", str(read_only)], check=True)   # root ignores permission bits
    (work / "a-file").write_text("")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}/official"
    hang, hang_url = _serve(_Hang)
    unavailable, unavailable_url = _serve(_Unavailable)
    run = [cli, "run", "--raw-dir", str(raw), "--warehouse"]
    cases = {
        "raw folder missing": [cli, "run", "--raw-dir", str(work / "nope"), "--warehouse", str(good)],
        "warehouse in a read-only folder": [*run, str(read_only / "w.duckdb")],
        "warehouse folder missing under a read-only one": [*run, str(read_only / "new" / "w.duckdb")],
        "warehouse folder is a file": [*run, str(work / "a-file" / "w.duckdb")],
        "`report --out` into a read-only folder": [cli, "report", "--warehouse", str(good), "--out",
                                                   str(read_only / "r.html")],
        "official source URL refused": [*run, str(good), "--official-source", closed],
        "official source URL never answers": [*run, str(good), "--official-source", hang_url],
        "official source URL answers 503": [*run, str(good), "--official-source", unavailable_url],
    }
    results = []
    try:
        for case, cmd in cases.items():
            wall, _, done = timed(cmd, env)
            results.append((case, wall, done.returncode, done.stderr.strip()))
        hold = (f"import duckdb, time; c = duckdb.connect({str(good)!r}); "
                "print('held', flush=True); time.sleep(120)")
        holder = subprocess.Popen([sys.executable, "-c", hold], stdout=subprocess.PIPE, text=True)
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        try:
            wall, _, done = timed([*run, str(good)], env)
            results.append(("warehouse held read-write by another program (default wait)", wall,
                            done.returncode, done.stderr.strip()))
        finally:
            holder.kill()
            holder.wait()
    finally:
        subprocess.run(["chattr", "-i", str(read_only)], check=True)
        hang.shutdown()
        unavailable.shutdown()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--old-src", type=Path, help="an older checkout to compare with (interleaved)")
    parser.add_argument("--no-failures", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="prakerja-startup-") as tmp:
        work = Path(tmp)
        shutil.copytree(REPO / "data" / "raw", work / "raw")
        rows: list[dict[str, float | str]] = []
        for i in range(args.runs):   # interleaved: both codes see the same load
            if args.old_src is not None:
                rows += runs("before", args.old_src, _copy_of_raw(work / f"b{i}"), fresh=i == 0)
            rows += runs("after", None, _copy_of_raw(work / f"a{i}"), fresh=i == 0)
        print(f"load average at the end: {os.getloadavg()[0]:.1f} (2 cores)\n")
        print("| code | run | wall (s) median [min–max] | printed (s) | start-up / work (s) | CPU (s) "
              "| left running |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for code in ("before", "after"):
            for kind in ("fresh Prefect home", "cold", "re-run", "re-run, one article edited"):
                sel = [r for r in rows if r["code"] == code and r["kind"] == kind]
                if not sel:
                    continue
                def med(key: str, sel: list[dict[str, float | str]] = sel) -> float:
                    return statistics.median(float(r[key]) for r in sel)
                walls = [float(r["wall"]) for r in sel]
                spread = f"{med('wall'):.1f} [{min(walls):.1f}–{max(walls):.1f}]"
                print(f"| {code} | {kind} (×{len(sel)}) | {spread} "
                      f"| {med('printed'):.1f} | {med('startup'):.1f} / {med('work'):.1f} | {med('cpu'):.1f} "
                      f"| {max(int(r['left']) for r in sel)} |")
        if not args.no_failures:
            print("\n| failure | seconds to the message | exit | message |\n| --- | ---: | ---: | --- |")
            for case, wall, code, message in failures(work):
                print(f"| {case} | {wall:.1f} | {code} | `{message}` |")


def _copy_of_raw(path: Path) -> Path:
    path.mkdir()
    shutil.copytree(path.parent / "raw", path / "raw")
    return path


if __name__ == "__main__":
    main()
