"""Prefect's temporary API server for one `prakerja-etl run`, started before anything is imported.

Without PREFECT_API_URL a Prefect flow starts a temporary server on its first API call, after
the flow's module is imported, and stops it at exit. This starts the same server (Prefect's
own ASGI app under uvicorn, as `prefect.server.api.server.SubprocessASGIServer` does) first,
so that it boots while this process imports pandas, Prefect and the extraction code: on two
cores that halves the fixed cost of a run. It runs without the services a one-run server does
not need (automations, event storage and its vacuum, block registration), with its database
in a PREFECT_HOME that persists between runs, so that it is migrated once, not on every run.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from prakerja_etl.cachedir import user_cache
from prakerja_etl.errors import ConfigError

# Off in the server a run starts: what they do needs a long-lived server (automations reacting to
# events, storing and vacuuming events, block documents), and each costs start-up time.
_SERVER_ENV = {
    "PREFECT_UI_ENABLED": "0",
    "PREFECT__SERVER_EPHEMERAL": "1",
    "PREFECT__SERVER_FINAL": "1",
    "PREFECT_API_BLOCKS_REGISTER_ON_START": "false",
    "PREFECT_MEMOIZE_BLOCK_AUTO_REGISTRATION": "false",
    "PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_EVENT_LOGGER_ENABLED": "false",
    "PREFECT_SERVER_EVENTS_STREAM_OUT_ENABLED": "false",
    "PREFECT_SERVER_LOGS_STREAM_OUT_ENABLED": "false",
}
STARTUP_TIMEOUT_SECONDS = 120.0   # a new PREFECT_HOME migrates its database first (~10 s here)


def default_home() -> Path:
    """Where Prefect keeps its database for the CLI's runs when PREFECT_HOME is not set: the
    user's cache, so that the database outlives a run (and another project's Prefect version
    never migrates it under ours)."""
    return user_cache("prefect")


class TemporaryServer:
    """A Prefect API server process on a free local port; `os.environ["PREFECT_API_URL"]` points
    at it from `start()` on, so Prefect must not have been imported before."""

    def __init__(self, process: subprocess.Popen[bytes], port: int, log: Path | None) -> None:
        self.process, self.log = process, log
        self.api_url = f"http://127.0.0.1:{port}/api"

    @classmethod
    def start(cls, *, verbose: bool) -> TemporaryServer:
        home = Path(os.environ.setdefault("PREFECT_HOME", str(default_home()))).expanduser()
        try:
            home.mkdir(parents=True, exist_ok=True)
            log = home / "prakerja-temporary-server.log"
            output = None if verbose else open(log, "wb")   # noqa: SIM115 - the child keeps it
        except OSError as exc:
            raise ConfigError(f"cannot write Prefect's home {home} ({exc.strerror}); set PREFECT_HOME "
                              "to a folder you can write, or PREFECT_API_URL to a running server") from None
        port = _free_port()
        import importlib.util

        spec = importlib.util.find_spec("prefect")
        assert spec is not None and spec.origin is not None
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", str(Path(spec.origin).parents[1]), "--factory",
             "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port),
             "--log-level", "error", "--lifespan", "on"],
            env={**os.environ, **_SERVER_ENV}, stdin=subprocess.DEVNULL, stdout=output, stderr=output,
            # Its own process group: a Ctrl-C at the terminal stops the run, which still reports to
            # the server while it stops, instead of killing the server under it.
            process_group=0)
        if output is not None:
            output.close()
        server = cls(process, port, None if verbose else log)
        os.environ["PREFECT_API_URL"] = server.api_url
        return server

    def wait_until_ready(self, timeout: float = STARTUP_TIMEOUT_SECONDS) -> None:
        """Block until the server answers its health check."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._fail(f"stopped with exit code {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.05)
        self.stop()
        self._fail(f"did not answer within {timeout:.0f} s")

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 5 s); safe to call twice."""
        if os.environ.get("PREFECT_API_URL") == self.api_url:
            del os.environ["PREFECT_API_URL"]
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def _fail(self, what: str) -> None:
        last = ""
        if self.log is not None and self.log.exists():
            lines = self.log.read_text(errors="replace").strip().splitlines()
            last = f": {lines[-1].strip()}" if lines else ""
        raise ConfigError(f"Prefect's temporary server {what}{last}; run again with -v to see its "
                          "output, or set PREFECT_API_URL to a running Prefect server")


def _free_port() -> int:
    """A port the kernel has just handed out, so not one another program listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
