"""`prakerja-etl`: run the ingest flow in-process, no Prefect server needed."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from prakerja_etl import stopping
from prakerja_etl.errors import ConfigError, PrakerjaError
from prakerja_etl.progress import Display, clock
from prakerja_etl.settings import Settings

if TYPE_CHECKING:   # only `run` imports it, when it starts the server
    from prakerja_etl.prefect_server import TemporaryServer

Number = TypeVar("Number", int, float)

# Quiet Prefect before it is imported: no telemetry (neither the server's nor the SDK's, whose
# first-run notice would print) and no INFO chatter.
_PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
}


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `prakerja-etl` command; returns the exit status."""
    try:
        settings = Settings.from_env()   # before anything else: a bad PRAKERJA_* value stops here
    except ConfigError as exc:
        print(f"prakerja-etl: {exc}", file=sys.stderr)
        return 2
    args = _parser(settings).parse_args(argv)
    # Run as the program (not called from another program's process, whose other children are
    # not the run's): a watchdog stops whatever the run starts when this process ends.
    args.guard = argv is None
    for key, value in _PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, "INFO" if key == "PREFECT_LOGGING_LEVEL" and args.verbose else value)
    try:
        code: int = args.handler(args)
        return code
    except PrakerjaError as exc:
        print(f"prakerja-etl: {exc}", file=sys.stderr)
        return 2
    except _RunFailed as exc:
        print(f"prakerja-etl: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("prakerja-etl: interrupted; the next run resumes from what was loaded", file=sys.stderr)
        return 130
    except BaseException as exc:
        # Prefect's TerminationSignal, raised by its SIGTERM handler in the flow and ours around it.
        if getattr(exc, "signal", None) != signal.SIGTERM:
            raise
        print("prakerja-etl: stopped (SIGTERM); the next run resumes from what was loaded", file=sys.stderr)
        return 128 + signal.SIGTERM


# The options of `run` that are settings, and how they are spelled.
_RUN_OPTIONS = {"raw_dir": "--raw-dir", "warehouse_path": "--warehouse",
                "official_source": "--official-source", "dask_address": "--dask-address"}


def _parser(defaults: Settings) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="prakerja-etl", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="extract, validate and load the raw folder into the warehouse")
    run.add_argument("--raw-dir", help=f"raw folder (default: {defaults.raw_dir})")
    run.add_argument("--warehouse", dest="warehouse_path",
                     help=f"DuckDB file to load (default: {defaults.warehouse_path})")
    run.add_argument("--official-source",
                     help="folder or http(s) URL of the official statistics (default: <raw-dir>/official)")
    run.add_argument("--dask-address", metavar="ADDRESS",
                     help="run extraction on this Dask scheduler (tcp://host:8786); loading stays here")
    run.add_argument("-v", "--verbose", action="store_true", help="show Prefect's logs and tracebacks")
    run.set_defaults(handler=_run)
    fetch = sub.add_parser("fetch", help="download news pages (URLs, a list, RSS/Atom feeds) to the raw dir",
                           description="Save each page as <raw-dir>/articles/<outlet>/<name>.html with a "
                                       "<name>.fetch.yaml sidecar; the next run loads it. Exit 0: every URL "
                                       "saved or unchanged; 1: some failed; 2: none could be fetched.")
    fetch.add_argument("url", nargs="*", help="page URLs")
    fetch.add_argument("--feed", action="append", default=[], metavar="URL",
                       help="an RSS/Atom feed: fetch every item (repeatable)")
    fetch.add_argument("--urls", metavar="FILE", help="a file of page URLs, one a line (# comments)")
    fetch.add_argument("--raw-dir", default=str(defaults.raw_dir), help="raw folder (default: %(default)s)")
    fetch.set_defaults(handler=_fetch, verbose=False)
    _add_analyst_commands(sub, str(defaults.warehouse_path))
    return parser


def _add_analyst_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser], warehouse: str) -> None:
    """The read-only commands: query, export, report."""
    from prakerja_etl.analyst import FORMATS, LOCK_WAIT_SECONDS

    query = sub.add_parser("query", help="run one read-only SQL statement against the warehouse",
                           description="Run one read-only SQL statement (SELECT, WITH, FROM, DESCRIBE, "
                                       "SHOW, SUMMARIZE, EXPLAIN); statements that write are refused.")
    query.add_argument("sql", help='the statement, e.g. "SELECT * FROM conflicts"')
    query.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    query.add_argument("--max-rows", type=_at_least(1, int), default=None, metavar="N",
                       help="rows the table format draws before eliding the middle (default: DuckDB's)")
    query.add_argument("--wait", type=_at_least(0, float), default=LOCK_WAIT_SECONDS, metavar="SECONDS",
                       help="how long to wait while another process holds the file read-write "
                            "(default: %(default)s)")
    export = sub.add_parser("export", help="write every table and view as Parquet (and CSV) files")
    export.add_argument("--to", required=True, metavar="DIR",
                        help="folder to write into (created if missing)")
    export.add_argument("--csv", action="store_true", help="also write a CSV file per relation")
    report = sub.add_parser("report", help="write the HTML run report (charts, conflicts, quarantine, runs)")
    report.add_argument("--out", default=None, metavar="FILE",
                        help="HTML file to write (default: <warehouse stem>.report.html beside it)")
    for parser, handler in ((query, _query), (export, _export), (report, _report)):
        parser.add_argument("--warehouse", default=warehouse,
                            help="DuckDB file to read (default: %(default)s)")
        parser.set_defaults(handler=handler, verbose=False)


def _at_least(low: float, kind: Callable[[str], Number]) -> Callable[[str], Number]:
    """An argparse type: a number of `kind` not below `low`."""
    def parse(text: str) -> Number:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}")
        return value
    return parse


def _query(args: argparse.Namespace) -> int:
    from prakerja_etl.analyst.query import run_query

    try:
        run_query(Path(args.warehouse), args.sql, args.format, max_rows=args.max_rows, wait_seconds=args.wait)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (`head`, a pager) stopped early: not an error. Point stdout at /dev/null so that
        # Python's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _export(args: argparse.Namespace) -> int:
    from prakerja_etl import preflight
    from prakerja_etl.analyst.export import describe, export

    to = Path(args.to)
    preflight.writable_folder(to, "export", "--to DIR")
    print("\n".join(describe(export(Path(args.warehouse), to, csv=args.csv), to)))
    return 0


def _report(args: argparse.Namespace) -> int:
    from prakerja_etl import preflight
    from prakerja_etl.report.html import default_path, read_report, write_report

    warehouse = Path(args.warehouse)
    data = read_report(warehouse)
    out = Path(args.out) if args.out else default_path(warehouse)
    preflight.writable_file(out, "report", "--out FILE")
    path = write_report(warehouse, out, data=data)
    print(f"report written to {path}")
    return 0


def _fetch(args: argparse.Namespace) -> int:
    from prakerja_etl.sources.fetch import fetch, read_url_list

    urls = list(args.url) + (read_url_list(Path(args.urls)) if args.urls else [])
    if not urls and not args.feed:
        raise ConfigError("nothing to fetch; give page URLs, --feed URL or --urls FILE")
    report = fetch(Path(args.raw_dir), urls, args.feed)
    for result in report.results:
        if result.outcome == "failed":
            print(f"prakerja-etl: {result.message}", file=sys.stderr)
        else:
            print(f"  {result.outcome}: {result.message}")
    print(f"fetched: {report.count('saved')} saved, {report.count('unchanged')} unchanged, "
          f"{report.count('failed')} failed → {Path(args.raw_dir) / 'articles'}")
    return report.exit_code


def _run(args: argparse.Namespace) -> int:
    from prakerja_etl import preflight, watchdog

    started = _process_start()
    settings = Settings.load(_RUN_OPTIONS, **{name: getattr(args, name) for name in _RUN_OPTIONS})
    warehouse = settings.warehouse_path
    # Fail fast, before Prefect starts, on what the user can fix at once.
    preflight.check_run(settings.raw_dir, warehouse, settings.official_source)
    if stopped := watchdog.reap(warehouse):
        noun = "process" if len(stopped) == 1 else "processes"
        print(f"prakerja-etl: stopped {len(stopped)} {noun} left by an interrupted run "
              f"(pids {' '.join(map(str, stopped))})", file=sys.stderr)
    if args.guard:
        watchdog.start(warehouse)
        stopping.catch()
    with Display(terminal=sys.stderr.isatty() and not args.verbose) as shown:
        shown.phase("starting Prefect", None)
        server = _start_temporary_server(args.verbose)
        try:
            _check_warehouse_free(settings)
            # Imported and checked while Prefect's server starts (it must not start any later).
            from prakerja_etl.unchanged import nothing_to_load

            last = nothing_to_load(settings)
            summary = _ingest(args, settings, server) if last is None else None
        finally:
            if server is not None:
                server.stop()
    if last is not None:
        print(f"run skipped in {clock() - started:.1f} s: none of the {last.files} files is new, changed or "
              f"gone since run {last.run_id} ({last.finished_at:%Y-%m-%d %H:%M} UTC), with the same code; "
              f"{settings.warehouse_path} and its report are as that run left them")
    elif summary is not None:
        _print_summary(summary, started, shown.work_started or clock())
    if args.guard:
        _exit_at_once(0)
    return 0


def _exit_at_once(code: int) -> None:
    """End the program without tearing the interpreter down: everything is written, closed and
    stopped by now, and freeing pandas', Prefect's and DuckDB's objects one by one takes 0.5-1 s
    that the run's printed time would not show."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _check_warehouse_free(settings: Settings) -> None:
    """While Prefect starts: fail now, not after it has started, when another program holds the
    warehouse read-write (waiting PRAKERJA_LOCK_WAIT_SECONDS for it); the next run records this
    one as failed."""
    from prakerja_etl.errors import WarehouseLocked, one_line
    from prakerja_etl.warehouse import runs, staging

    warehouse = settings.warehouse_path
    if not warehouse.exists():
        return
    try:
        staging.wait_for_writers(warehouse, settings.lock_wait_seconds)
    except WarehouseLocked as exc:
        runs.record_blocked_run(warehouse, str(settings.raw_dir), one_line(exc))
        raise


def _ingest(args: argparse.Namespace, settings: Settings, server: TemporaryServer | None) -> dict[str, Any]:
    """Run the flow in this process; its failures end as one line (PrakerjaError) or exit 1."""
    from prakerja_etl.flow import ingest  # imported while Prefect's server starts

    if not args.verbose:
        _silence_prefect_console()
    if server is not None:
        _prepare_while_prefect_starts()
        server.wait_until_ready()
    try:
        return ingest(raw_dir=str(settings.raw_dir), warehouse_path=str(settings.warehouse_path),
                      official_source=settings.official_source, dask_address=settings.dask_address)
    except PrakerjaError:
        raise
    except Exception as exc:  # noqa: BLE001 - the CLI edge: one line, not a traceback
        stopped = stopping.behind(exc)
        if stopped is not None:
            raise stopped from None
        if args.verbose:
            raise
        cause = _root_cause(exc)
        if isinstance(cause, PrakerjaError):
            raise cause from None
        raise _RunFailed(f"the run failed: {type(cause).__name__}: {cause} "
                         "(run again with --verbose for details)") from None
    finally:
        _drain_prefect()


def _prepare_while_prefect_starts() -> None:
    """Work the run needs that needs no server, done on the core the server's start leaves idle:
    Pandera builds each table's schema (~0.3 s) on first use."""
    from prakerja_etl.warehouse.ddl import TABLES, columns

    for table in TABLES:
        columns(table)


class _RunFailed(Exception):
    """A failure that is not the user's to fix: one line, exit 1."""


def _start_temporary_server(verbose: bool) -> TemporaryServer | None:
    """Without PREFECT_API_URL, start Prefect's temporary server now, before Prefect and the
    flow's code are imported, so that both start at once (see `prefect_server`)."""
    if "prefect" in sys.modules:   # called in a process that configured Prefect already (tests)
        from prefect.settings import PREFECT_API_URL

        if PREFECT_API_URL.value():
            return None
    if os.environ.get("PREFECT_API_URL"):
        return None
    from prakerja_etl.prefect_server import TemporaryServer

    return TemporaryServer.start(verbose=verbose)


def _drain_prefect() -> None:
    """Send Prefect's queued logs and events while its server is still up (as its test harness
    does before stopping its server), rather than at exit against a stopped server."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        with contextlib.suppress(RuntimeError):   # never started
            worker.drain_all(timeout=5)


def _process_start() -> float:
    """When this process started, on `clock()`: a run's time counts Python's start and imports."""
    if hasattr(time, "CLOCK_BOOTTIME") and os.path.exists("/proc/self/stat"):
        # Field 22 of /proc/self/stat: start in clock ticks since boot (after the command name,
        # which may hold spaces). psutil's create_time() adds the boot time rounded to a second.
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[19]) / os.sysconf("SC_CLK_TCK")
    import psutil

    return float(psutil.Process().create_time())


def _silence_prefect_console() -> None:
    """Keep Prefect's console logs (and its tracebacks of handled failures) off the user's screen;
    logs still reach the Prefect API when one is configured."""
    from prefect.logging.handlers import PrefectConsoleHandler

    for name in ("", "prefect", "prefect.flow_runs", "prefect.task_runs"):
        for handler in logging.getLogger(name).handlers:
            if isinstance(handler, PrefectConsoleHandler):
                handler.setLevel(logging.CRITICAL + 1)


def _root_cause(exc: BaseException) -> BaseException:
    while exc.__cause__ is not None:
        exc = exc.__cause__
    return exc


def _print_summary(s: dict[str, Any], process_started: float, work_started: float) -> None:
    now = clock()
    print(f"run {s['run_id']} {s['status']} in {now - process_started:.1f} s "
          f"(start-up {work_started - process_started:.1f} s, work {now - work_started:.1f} s) "
          f"→ {s['warehouse']}")
    print(f"  files: {s['files_seen']} seen, {s['files_loaded']} loaded, "
          f"{s['files_skipped']} skipped (unchanged), {s['files_quarantined']} quarantined, "
          f"{s['files_removed']} removed")
    print(f"  rows loaded: {s['figures_loaded']} figures, {s['rankings_loaded']} rankings, "
          f"{s['survey_rows_loaded']} survey rows, {s['official_rows_loaded']} official rows; "
          f"{s['rows_quarantined']} rows quarantined")
    if s.get("conflicts") is not None:
        print(f"  conflicts between sources: {s['conflicts']} (SELECT * FROM conflicts)")
    if s.get("report"):
        print(f"  report: {s['report']}")
    elif s.get("report_error"):
        print(f"  report not written ({s['report_error']}); the data is loaded: "
              "`prakerja-etl report` writes it")
    for source_file, reason in s["quarantined"][:10]:
        print(f"  quarantined {source_file}: {reason}")
    if len(s["quarantined"]) > 10:
        print(f"  … and {len(s['quarantined']) - 10} more (SELECT * FROM quarantine)")


if __name__ == "__main__":
    sys.exit(main())
