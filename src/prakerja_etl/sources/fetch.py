"""Fetch news pages (by URL, from a list, or from an RSS/Atom feed) into the raw folder.

Each page is saved as `<raw-dir>/articles/<outlet>/<stem>.html` with a sidecar
`<stem>.fetch.yaml` (url, final url, fetched_at, HTTP status, ETag, Last-Modified); the next
run reads the page like any saved HTML article and never reads the sidecar as one.

Polite and repeatable: robots.txt is honoured, requests go one at a time with a pause per
host, the User-Agent says who is asking, a page fetched before is asked for conditionally
(If-None-Match / If-Modified-Since) so an unchanged page is not downloaded again, and
429/5xx answers are retried a few times, waiting as long as Retry-After says (within a
bound). A bad URL, a non-HTML answer, an oversized page or a refusal is one line in the
result and nothing is written.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import SplitResult, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import feedparser
import httpx
import yaml

from prakerja_etl.errors import ConfigError, one_line
from prakerja_etl.settings import Settings, default
from prakerja_etl.sources.bounded import read_capped
from prakerja_etl.sources.discover import FETCH_SIDECAR_SUFFIX

USER_AGENT = "prakerja-etl/0.1 (Kartu Prakerja figures for fact-checking; one request at a time)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
RETRY_STATUSES = (429, 500, 502, 503, 504)
_MAX_REDIRECTS = 5


@dataclass(frozen=True)
class FetchOptions:
    """How politely to fetch; PRAKERJA_FETCH_DELAY / _TIMEOUT / _RETRIES override, and the size
    limit is the run's (PRAKERJA_MAX_FILE_BYTES)."""

    delay: float = default("fetch_delay")       # seconds between two requests to one host
    timeout: float = default("fetch_timeout")   # seconds to connect, and between bytes read
    retries: int = default("fetch_retries")     # extra attempts after a 429/5xx or a network error
    backoff: float = 1.0             # first wait when the server gives no Retry-After (doubles)
    max_retry_after: float = 120.0   # a server asking to wait longer than this is not waited for
    max_bytes: int = default("max_file_bytes")  # a run would quarantine a larger page unread
    user_agent: str = USER_AGENT

    @classmethod
    def from_env(cls) -> FetchOptions:
        settings = Settings.from_env()
        return cls(delay=settings.fetch_delay, timeout=settings.fetch_timeout,
                   retries=settings.fetch_retries, max_bytes=settings.max_file_bytes)


@dataclass(frozen=True)
class Fetched:
    """What became of one URL: `saved` (new or changed page written), `unchanged` (nothing
    new: a 304 or the same bytes) or `failed` (nothing written; `message` says why)."""

    url: str
    outcome: str
    message: str
    path: Path | None = None


@dataclass
class FetchReport:
    results: list[Fetched] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(r.outcome == outcome for r in self.results)

    @property
    def exit_code(self) -> int:
        """0: every URL saved or unchanged; 1: some failed, the rest saved; 2: none could be fetched."""
        failed = self.count("failed")
        if not failed:
            return 0
        return 2 if failed == len(self.results) else 1


class FetchFailed(Exception):
    """One URL could not be fetched; the message is the line shown for it."""


class Fetcher:
    """One HTTP client, the robots.txt of each host, and when each host was last asked."""

    def __init__(self, raw_dir: Path, options: FetchOptions | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.articles = Path(raw_dir) / "articles"
        self.options = options or FetchOptions.from_env()
        self.client = httpx.Client(timeout=httpx.Timeout(self.options.timeout), follow_redirects=False,
                                   headers={"User-Agent": self.options.user_agent}, transport=transport)
        self._robots: dict[str, RobotFileParser] = {}
        self._last_request: dict[str, float] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.close()

    # --- what the CLI and the Prefect task call ----------------------------------------------

    def fetch_all(self, urls: Iterable[str] = (), feeds: Iterable[str] = ()) -> FetchReport:
        """Every URL and every item of every feed, each once, in order."""
        report = FetchReport()
        seen: set[str] = set()
        for url in self._all_urls(urls, feeds, report):
            if url not in seen:
                seen.add(url)
                report.results.append(self.fetch_page(url))
        return report

    def fetch_page(self, url: str) -> Fetched:
        """Save the page at `url` unless it is unchanged; never raises for a bad URL or answer."""
        try:
            page, sidecar = self.paths_for(url)
            previous = read_sidecar(sidecar) if page.is_file() else {}
            conditional = {k: str(v) for k, v in (("If-None-Match", previous.get("etag")),
                                                  ("If-Modified-Since", previous.get("last_modified"))) if v}
            response, body = self._get(url, conditional)
            if response.status_code == 304:
                return Fetched(url, "unchanged", f"{url}: not modified since {previous.get('fetched_at')}",
                               page)
            _require_html(url, response)
            if page.is_file() and page.read_bytes() == body:
                return Fetched(url, "unchanged", f"{url}: same page as {page.name}", page)
            _write_atomically(page, body)
            _write_atomically(sidecar, yaml.safe_dump({
                "url": url, "final_url": str(response.url),
                "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "status": response.status_code, "content_type": response.headers.get("content-type"),
                "etag": response.headers.get("etag"), "last_modified": response.headers.get("last-modified"),
            }, sort_keys=False, allow_unicode=True).encode())
            return Fetched(url, "saved", f"{url}: saved {page}", page)
        except FetchFailed as exc:
            return Fetched(url, "failed", str(exc))

    def feed_items(self, feed_url: str) -> list[str]:
        """The article links of an RSS/Atom feed, in the feed's order."""
        _, body = self._get(feed_url, {})
        parsed = feedparser.parse(body)
        if not parsed.entries and (parsed.bozo or not parsed.version):
            raise FetchFailed(f"{feed_url}: not an RSS or Atom feed")
        return [urljoin(feed_url, entry.link) for entry in parsed.entries if entry.get("link")]

    def paths_for(self, url: str) -> tuple[Path, Path]:
        """Where the page of `url` is saved: articles/<outlet>/<slug>-<hash>.html, and its sidecar.
        Named from the URL asked for, so a later fetch finds what an earlier one saved."""
        parts = _check_url(url)
        outlet = re.sub(r"^www\.", "", parts.hostname or "")
        last = [p for p in parts.path.split("/") if p]
        slug = re.sub(r"[^a-z0-9]+", "-", re.sub(r"\.html?$", "", last[-1].lower()) if last else "index")
        stem = f"{slug.strip('-')[:60] or 'index'}-{hashlib.sha256(url.encode()).hexdigest()[:10]}"
        folder = self.articles / outlet
        return folder / f"{stem}.html", folder / f"{stem}{FETCH_SIDECAR_SUFFIX}"

    # --- HTTP ---------------------------------------------------------------------------------

    def _all_urls(self, urls: Iterable[str], feeds: Iterable[str], report: FetchReport) -> Iterator[str]:
        yield from (u.strip() for u in urls if u.strip())
        for feed in feeds:
            try:
                yield from self.feed_items(feed)
            except FetchFailed as exc:
                report.results.append(Fetched(feed, "failed", str(exc)))

    def _get(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        """Follow redirects one hop at a time (each hop asks its host's robots.txt); the final
        answer with its body, read up to the size limit."""
        for _ in range(_MAX_REDIRECTS + 1):
            _check_url(url)
            if not self._allowed(url):
                raise FetchFailed(f"{url}: robots.txt of {urlsplit(url).netloc} disallows it; not fetched")
            response, body = self._request(url, headers)
            if response.is_redirect and "location" in response.headers:
                url = urljoin(url, response.headers["location"])
                continue
            if response.status_code == 304 and headers:
                return response, b""
            if response.status_code >= 400:
                status = f"{response.status_code} {response.reason_phrase}".strip()
                raise FetchFailed(f"{url}: answered HTTP {status}; not fetched")
            return response, body
        raise FetchFailed(f"{url}: more than {_MAX_REDIRECTS} redirects")

    def _request(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        """One GET with retries: 429/5xx and network errors wait (Retry-After, else backoff)."""
        options = self.options
        for attempt in range(options.retries + 1):
            try:
                response, body = self._stream(url, headers)
            except httpx.TransportError as exc:
                if attempt == options.retries:
                    raise FetchFailed(f"{url}: cannot reach it ({one_line(exc)}) after {attempt + 1} "
                                      "attempt(s); check the URL or the network") from None
                time.sleep(options.backoff * 2 ** attempt)
                continue
            if response.status_code not in RETRY_STATUSES or attempt == options.retries:
                return response, body
            wait = _retry_after(response.headers.get("retry-after"))
            if wait is not None and wait > options.max_retry_after:
                raise FetchFailed(f"{url}: answered HTTP {response.status_code} and asks to wait "
                                  f"{wait:.0f} s; fetch it later")
            time.sleep(options.backoff * 2 ** attempt if wait is None else wait)
        raise AssertionError("unreachable")

    def _stream(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        """A GET after the host's pause; the body is read only to the size limit."""
        host = urlsplit(url).netloc
        pause = self._last_request.get(host, float("-inf")) + self.options.delay - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                limit = self.options.max_bytes
                if int(response.headers.get("content-length") or 0) > limit:
                    raise FetchFailed(f"{url}: the page is {int(response.headers['content-length']):,} "
                                      f"bytes, over the {limit:,}-byte limit; not fetched")
                body = read_capped(response.iter_bytes(), limit)
                if len(body) > limit:
                    raise FetchFailed(f"{url}: the page is over the {limit:,}-byte limit; not fetched")
                return response, body
        finally:
            self._last_request[host] = time.monotonic()

    def _allowed(self, url: str) -> bool:
        """robots.txt of the URL's host: missing (4xx) allows everything; a failing one (5xx,
        unreachable) allows nothing, as RFC 9309 says."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            # disallow_all/allow_all are RobotFileParser's own switches (what its read() sets for
            # these answers); typeshed does not declare them.
            rules = RobotFileParser()
            try:
                response, body = self._request(origin + "/robots.txt", {})
            except FetchFailed:
                rules.disallow_all = True  # type: ignore[attr-defined]
            else:
                if response.status_code >= 500:
                    rules.disallow_all = True  # type: ignore[attr-defined]
                elif response.status_code >= 400 or response.is_redirect:
                    rules.allow_all = True  # type: ignore[attr-defined]
                else:
                    rules.parse(body.decode("utf-8", "replace").splitlines())
            self._robots[origin] = rules
        return self._robots[origin].can_fetch(self.options.user_agent, url)


def fetch(raw_dir: Path, urls: Iterable[str] = (), feeds: Iterable[str] = (),
          options: FetchOptions | None = None) -> FetchReport:
    """Fetch pages and feed items into `raw_dir`."""
    with Fetcher(raw_dir, options) as fetcher:
        return fetcher.fetch_all(urls, feeds)


def read_url_list(path: Path) -> list[str]:
    """URLs of a file, one a line; blank lines and `#` comments skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the URL list {path}: {one_line(exc)}") from exc
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def read_sidecar(path: Path) -> dict[str, object]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _check_url(url: str) -> SplitResult:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchFailed(f"{url!r} is not an http(s) URL; not fetched")
    return parts


def _require_html(url: str, response: httpx.Response) -> None:
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in HTML_TYPES:
        raise FetchFailed(f"{url}: not an HTML page ({kind or 'no content type'}); not saved")


def _retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (a number or an HTTP date), None without one."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        return max(0.0, (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return None


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")   # hidden: a run never reads it
    partial.write_bytes(data)
    os.replace(partial, path)


