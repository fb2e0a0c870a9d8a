"""Getting the official files: from a folder, or from a base URL with retries.

A URL source is probed before a run starts and each file is fetched with a timeout and a few
attempts with backoff for connection errors and server errors: the only retries of a run.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from prakerja_etl.errors import ConfigError, TransientError, UnreadableInput, one_line
from prakerja_etl.settings import Settings
from prakerja_etl.sources.bounded import read_capped
from prakerja_etl.sources.discover import SourceFile

REGENCIES_FILE = "all_kabupaten_kota.json"
MAPPING_FILE = "data-province-city.json"
PROVINCES_ALL_FILE = "indonesia-all.json"
PROVINCES_2020_FILE = "indonesia-2020.json"
STATISTICS_FILE = "data-statistik.json"
OFFICIAL_FILES = (REGENCIES_FILE, MAPPING_FILE, PROVINCES_ALL_FILE, PROVINCES_2020_FILE, STATISTICS_FILE)
OFFLINE_HINT = "check the network or point the official source at a folder with --official-source DIR"
# 408 and 429 are the client errors that mean "try later", not "wrong URL".
RETRY_STATUSES = frozenset({408, 429})


class OfficialSourceUnreachable(TransientError):
    """The official source URL cannot be reached (offline, DNS, timeout)."""


class OfficialSourceFailing(TransientError):
    """The official source answers with a server error."""


@dataclass(frozen=True)
class OfficialSource:
    """Where the official files come from: a local folder or a base URL."""

    location: str

    @classmethod
    def from_setting(cls, setting: str | Path | None, raw_dir: Path) -> OfficialSource:
        """The configured folder or URL, or `<raw_dir>/official` when nothing is configured."""
        return cls(str(setting) if setting else str(Path(raw_dir) / "official"))

    @property
    def is_url(self) -> bool:
        """True for an http(s) base URL."""
        return re.match(r"https?://", self.location, re.IGNORECASE) is not None

    @property
    def is_folder(self) -> bool:
        """True for a folder that exists."""
        return not self.is_url and Path(self.location).expanduser().is_dir()

    def fetch(self, *, timeout: float = 20, retries: int = 3, backoff: float = 0.5) -> dict[str, bytes]:
        """File name → bytes of each official file the source has."""
        limit = Settings.from_env().max_file_bytes   # a larger file is read one byte past it
        if self.is_url:
            return _fetch_url(self.location, limit, timeout=timeout, retries=retries, backoff=backoff)
        if "://" in self.location:
            raise ConfigError(
                f"official source {self.location!r}: only http(s) URLs or a folder are supported"
            )
        return _read_folder(Path(self.location).expanduser(), limit)


    def found(self, raw_dir: Path) -> tuple[dict[str, bytes], list[SourceFile]]:
        """Each file's bytes and its `SourceFile` (hashed), under its name in the warehouse: its
        URL, or its path in the raw folder (absolute when the folder is elsewhere)."""
        files = {self._warehouse_name(raw_dir, name): data for name, data in self.fetch().items()}
        return files, [SourceFile(name, Path(name), "official", len(data), hashlib.sha256(data).hexdigest())
                       for name, data in sorted(files.items())]

    def _warehouse_name(self, raw_dir: Path, name: str) -> str:
        if self.is_url:
            return f"{self.location.rstrip('/')}/{name}"
        path = (Path(self.location) / name).resolve()
        root = raw_dir.resolve()
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def fetch_official(
    source: str | Path, *, timeout: float = 20, retries: int = 3, backoff: float = 0.5
) -> dict[str, bytes]:
    """File name → bytes of the official files, from a folder or a base URL."""
    return OfficialSource(str(source)).fetch(timeout=timeout, retries=retries, backoff=backoff)


def _read_folder(folder: Path, limit: int) -> dict[str, bytes]:
    """The official files present in a folder; absent ones are left out."""
    if not folder.is_dir():
        raise ConfigError(
            f"official source folder {folder} does not exist; "
            "pass --official-source DIR (a folder) or URL (a base URL)"
        )
    files: dict[str, bytes] = {}
    for name in OFFICIAL_FILES:
        path = folder / name
        if not path.is_file():
            continue
        try:
            with open(path, "rb") as handle:
                files[name] = handle.read(limit + 1)   # more than the limit: refused when parsed
        except OSError as err:
            raise UnreadableInput(f"cannot read {path}: {one_line(err)}") from err
    return files


def _fetch_url(base: str, limit: int, *, timeout: float, retries: int, backoff: float) -> dict[str, bytes]:
    """GET every official file under a base URL, retrying transient failures."""
    base = base.rstrip("/") + "/"
    with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=True) as client:
        return {name: _get(client, base + name, retries, backoff, limit) for name in OFFICIAL_FILES}


def probe(base: str, *, within: float = 10.0, retries: int = 3, backoff: float = 0.5) -> None:
    """Check, before a run starts, that the first official file under a base URL answers, retrying
    transient failures as a fetch does but giving up `within` seconds; raises what a fetch would."""
    url = base.rstrip("/") + "/" + OFFICIAL_FILES[0]
    with httpx.Client(follow_redirects=True) as client:
        _get(client, url, retries, backoff, None, deadline=time.monotonic() + within)


def _get(client: httpx.Client, url: str, retries: int, backoff: float, limit: int | None, *,
         deadline: float | None = None) -> bytes:
    """The body at url read to one byte past `limit` (none read when None); transient failures
    retried with exponential backoff (until `deadline`), then raised with the number of attempts
    made: this is the only retry of a run's fetch."""
    started = time.monotonic()
    failure: tuple[type[TransientError], str] | None = None
    attempts = 0
    for attempt in range(max(retries, 0) + 1):
        pause = backoff * 2 ** (attempt - 1) if attempt else 0.0
        if deadline is not None and time.monotonic() + pause >= deadline:
            break
        time.sleep(pause)
        attempts += 1
        # The client's timeout, or what is left until the deadline.
        timeout = client.timeout if deadline is None else httpx.Timeout(max(0.1, deadline - time.monotonic()))
        try:
            with client.stream("GET", url, timeout=timeout) as response:
                failure = _status_failure(url, response)
                if failure is None:
                    return b"" if limit is None else read_capped(response.iter_bytes(), limit)
        except httpx.InvalidURL as err:
            raise ConfigError(f"official source URL {url!r} is not valid: {one_line(err)}") from err
        except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as err:
            failure = (OfficialSourceUnreachable, f"cannot reach {url}: {one_line(err)}")
    assert failure is not None
    kind, problem = failure
    tried = f"{attempts} attempt{'s' if attempts != 1 else ''}"
    if deadline is not None:
        tried += f" in {time.monotonic() - started:.0f} s"
    raise kind(f"{problem} ({tried}); {'try again later or ' if kind is OfficialSourceFailing else ''}"
               f"{OFFLINE_HINT}")


def _status_failure(url: str, response: httpx.Response) -> tuple[type[TransientError], str] | None:
    """None for a success, a transient failure to retry, or raise ConfigError for a wrong URL."""
    status = f"HTTP {response.status_code} {response.reason_phrase}".strip()
    if response.status_code >= 500 or response.status_code in RETRY_STATUSES:
        return OfficialSourceFailing, f"{url} answered {status}"
    if response.status_code >= 400:
        raise ConfigError(
            f"{url} answered {status}; check the official source URL: "
            f"it must be the folder holding {', '.join(OFFICIAL_FILES)}"
        )
    return None
