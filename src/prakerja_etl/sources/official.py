"""The programme office's published recipient statistics: fetch, parse and cross-check them.

The files (described in `../shared/corpus/official/README.md`) disagree with each other in
small ways. Nothing is patched: every disagreement becomes a `DataQualityRow`, every value that
cannot be loaded becomes a problem for the quarantine, and regency counts are kept as published.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from prakerja_etl.errors import ConfigError, TransientError, UnreadableInput, failure_reason, one_line
from prakerja_etl.settings import Settings
from prakerja_etl.sources.bounded import check_nesting, read_capped
from prakerja_etl.text.provinces import Province, canonical_province, province_by_code

REGENCIES_FILE = "all_kabupaten_kota.json"
MAPPING_FILE = "data-province-city.json"
PROVINCES_ALL_FILE = "indonesia-all.json"
PROVINCES_2020_FILE = "indonesia-2020.json"
STATISTICS_FILE = "data-statistik.json"
OFFICIAL_FILES = (REGENCIES_FILE, MAPPING_FILE, PROVINCES_ALL_FILE, PROVINCES_2020_FILE, STATISTICS_FILE)
YEARS = tuple(range(2020, 2025))
# Papua (91) and Papua Barat (92) were split in 2022 (93-96). Files that assign regencies to
# the new provinces differently can still agree on the six provinces together.
PAPUA_FAMILY = frozenset({"91", "92", "93", "94", "95", "96"})
OFFLINE_HINT = "check the network or point the official source at a folder with --official-source DIR"
# 408 and 429 are the client errors that mean "try later", not "wrong URL".
RETRY_STATUSES = frozenset({408, 429})
_COUNT_TEXT = re.compile(r"\d{1,3}(?:,\d{3})+|\d+", re.ASCII)
# Keys every entry of a file has; a file in which no entry has one of them changed its schema.
REQUIRED_KEYS = {
    REGENCIES_FILE: ("KOTA_KABUPATEN_ID", "KOTA_KABUPATEN", "PROVINCE_CODE", "PROVINSI",
                     *(f"RPL_{y}" for y in YEARS)),
    MAPPING_FILE: ("PROVINCE_CODE",),
    PROVINCES_ALL_FILE: ("name", "value"),
    PROVINCES_2020_FILE: ("name", "value"),
}


class OfficialSourceUnreachable(TransientError):
    """The official source URL cannot be reached (offline, DNS, timeout)."""


class OfficialSourceFailing(TransientError):
    """The official source answers with a server error."""


@dataclass
class OfficialExtraction:
    """What the official files yield; row dicts match the models above."""

    recipients: list[dict[str, Any]] = field(default_factory=list)
    province_totals: list[dict[str, Any]] = field(default_factory=list)
    quality: list[dict[str, Any]] = field(default_factory=list)
    # (reason, payload as JSON or None); the reason starts with the source file.
    problems: list[tuple[str, str | None]] = field(default_factory=list)
    # Files that cannot be used at all (source_file → why): quarantined whole, their rows kept.
    unusable: dict[str, str] = field(default_factory=dict)


# --- fetching ------------------------------------------------------------------------------


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
        timeout = None if deadline is None else httpx.Timeout(max(0.1, deadline - time.monotonic()))
        try:
            with client.stream("GET", url, **({"timeout": timeout} if timeout else {})) as response:
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


# --- parsing -------------------------------------------------------------------------------


def parse_count(value: Any) -> int:
    """A published count: an int, or text with comma thousands separators ("49,174")."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return int(value)
    # Only commas every three digits: "4.069" could be 4069 or 4.069 and is not guessed.
    if isinstance(value, str) and _COUNT_TEXT.fullmatch(value.strip()):
        return int(value.strip().replace(",", ""))
    raise ValueError(f"{value!r} is not a count of persons (expected e.g. 49174 or \"49,174\")")


def load_json(source_file: str, data: bytes, limits: Settings | None = None) -> list[dict[str, Any]]:
    """The top-level list of objects of a file; UnreadableInput when it is not one, or when it
    is larger or nested deeper than `limits` allow."""
    limits = limits or Settings.from_env()
    if len(data) > limits.max_file_bytes:
        raise UnreadableInput(f"{source_file}: over the {limits.max_file_bytes:,}-byte limit "
                              "(PRAKERJA_MAX_FILE_BYTES)")
    try:
        doc = json.loads(data)
    except UnicodeDecodeError as err:
        raise UnreadableInput(f"{source_file}: not UTF-8 text ({one_line(err)})") from err
    except json.JSONDecodeError as err:
        raise UnreadableInput(
            f"{source_file}: not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})"
        ) from err
    except RecursionError as err:
        raise UnreadableInput(f"{source_file}: not valid JSON (nested too deeply)") from err
    except ValueError as err:   # a number with thousands of digits
        raise UnreadableInput(f"{source_file}: not valid JSON (a number has more digits than any count "
                              "can have)") from err
    if not isinstance(doc, list) or not all(isinstance(item, dict) for item in doc):
        raise UnreadableInput(f"{source_file}: expected a JSON list of objects at the top")
    check_nesting(doc, source_file, limits.max_nesting)
    return doc


class _Report:
    """Collects quality rows, quarantine problems and published province-name variants."""

    def __init__(self) -> None:
        self.quality: list[dict[str, Any]] = []
        self.problems: list[tuple[str, str | None]] = []
        self.unusable: dict[str, str] = {}
        self._variants: dict[str, tuple[Province, list[str]]] = {}

    def guarded(self, source_file: str, step: Any, *args: Any) -> Any:
        """step(*args), or None after marking the file unusable with whatever it raised."""
        try:
            return step(*args)
        except Exception as exc:  # noqa: BLE001 - the one guard: a file's failure is that file's
            reason = failure_reason(exc)
            self.unusable.setdefault(source_file, reason if reason.startswith(source_file)
                                     else f"{source_file}: {reason}")
            return None

    def finding(self, source_file: str, check: str, severity: str, detail: str,
                expected: Any = None, observed: Any = None) -> None:
        """Record one data-quality row."""
        self.quality.append({
            "source_file": source_file, "check_name": check, "severity": severity, "detail": detail,
            "expected": None if expected is None else str(expected),
            "observed": None if observed is None else str(observed),
        })

    def problem(self, source_file: str, reason: str, payload: dict[str, Any] | None = None) -> None:
        """Record something that must go to the quarantine."""
        body = None if payload is None else json.dumps(
            {"source_file": source_file, **payload}, ensure_ascii=False, default=str
        )
        self.problems.append((f"{source_file}: {reason}", body))

    def variant(self, source_file: str, published: str, province: Province) -> None:
        """Note a province written differently from the reference; reported once per name."""
        _, seen_in = self._variants.setdefault(published, (province, []))
        if source_file not in seen_in:
            seen_in.append(source_file)

    def report_variants(self) -> None:
        """One info row per published name that differs from the reference's name."""
        for published, (province, seen_in) in self._variants.items():
            self.finding(
                seen_in[0], "province_name_variant", "info",
                f"province {province.code} is published as {published!r}; loaded as the official "
                f"name {province.name!r}, the published name kept (in {', '.join(seen_in)})",
                expected=province.name, observed=published,
            )


def parse_official(files: dict[str, bytes]) -> OfficialExtraction:
    """Regency × year counts, published province totals and quality findings of the files. Each
    file is read and parsed under one guard: whatever goes wrong in it makes that file unusable
    (quarantined whole, its previous rows kept), never the others or the run."""
    report = _Report()
    docs = _load_all(files, report)
    regencies = None
    if REGENCIES_FILE in docs:
        regencies = report.guarded(docs[REGENCIES_FILE].source_file, _parse_regencies,
                                   docs[REGENCIES_FILE], report)
    totals = _province_totals(docs, report)
    if regencies is not None:
        for name, doc in totals.items():
            report.guarded(doc.source_file, _check_against_provinces, regencies, {name: doc}, report)
        if MAPPING_FILE in docs:
            report.guarded(docs[MAPPING_FILE].source_file, _check_mapping, regencies, docs[MAPPING_FILE],
                           report)
    report.report_variants()
    unusable = report.unusable
    recipients = regencies.rows if regencies and regencies.source_file not in unusable else []
    province_rows = [row for doc in totals.values() if doc.source_file not in unusable for row in doc.items]
    return OfficialExtraction(recipients, province_rows, report.quality, report.problems, unusable)


@dataclass
class _Doc:
    """A loaded file: the key it came under (its source_file) and its objects."""

    source_file: str
    items: list[dict[str, Any]]


def _load_all(files: dict[str, bytes], report: _Report) -> dict[str, _Doc]:
    """Known file name → its loaded objects; missing or unreadable files are reported."""
    # Keys may carry a folder or URL ("official/indonesia-all.json"); the last part names the file.
    by_name = {key.rsplit("/", 1)[-1]: key for key in files}
    docs: dict[str, _Doc] = {}
    for name in (REGENCIES_FILE, MAPPING_FILE, PROVINCES_ALL_FILE, PROVINCES_2020_FILE):
        key = by_name.get(name)
        if key is None:
            severity = "error" if name == REGENCIES_FILE else "warning"
            report.finding(name, "file_missing", severity,
                           f"{name} was not found in the official source; its data and checks are skipped")
            continue
        items = report.guarded(key, load_json, key, files[key])
        if items is None:
            continue
        if (changed := _schema_change(name, items)) is not None:
            report.unusable[key] = f"{key}: {changed}"
            continue
        docs[name] = _Doc(key, items)
    return docs


def _schema_change(name: str, items: list[dict[str, Any]]) -> str | None:
    """What makes a file's entries no longer the published schema: a key no entry has."""
    if not items:
        return None
    absent = [key for key in REQUIRED_KEYS[name] if not any(key in item for item in items)]
    if not absent:
        return None
    return (f"the file's schema changed: no entry has {', '.join(absent)} (keys found: "
            f"{', '.join(sorted({str(k) for item in items[:50] for k in item})[:20])})")


@dataclass
class _Regencies:
    """The parsed regency file: loadable rows and the sums the cross-checks need."""

    source_file: str
    rows: list[dict[str, Any]]
    entries: dict[str, dict[str, Any]]          # regency_code → {name, province_code}
    totals: dict[str, int]                       # province_code → sum of TOTAL
    by_year: dict[tuple[str, int], int]          # (province_code, year) → sum of counts


def _parse_regencies(doc: _Doc | None, report: _Report) -> _Regencies | None:
    """Every regency's yearly counts; bad entries and counts become problems."""
    if doc is None:
        return None
    out = _Regencies(doc.source_file, [], {}, defaultdict(int), defaultdict(int))
    as_text = 0
    for index, item in enumerate(doc.items):
        as_text += sum(isinstance(item.get(k), str) for k in ("TOTAL", *(f"RPL_{y}" for y in YEARS)))
        _parse_regency(index, item, out, report)
    if as_text:
        report.finding(doc.source_file, "count_as_text", "info",
                       f"{as_text} counts are published as text with comma thousands separators "
                       "('49,174'); parsed as whole numbers", observed=as_text)
    return out


def _parse_regency(index: int, item: dict[str, Any], out: _Regencies, report: _Report) -> None:
    """Add one regency's rows to out, or report why it cannot be loaded."""
    head = _regency_head(index, item, out, report)
    if head is None:
        return
    counts: dict[int, int] = {}
    for year in YEARS:
        count = _regency_count(item, year, head, out.source_file, report)
        if count is not None:
            counts[year] = count
            out.rows.append({**head, "year": year, "recipients": count, "source_file": out.source_file})
            out.by_year[head["province_code"], year] += count
    _check_regency_total(item, head, counts, out, report)


def _regency_head(index: int, item: dict[str, Any], out: _Regencies,
                  report: _Report) -> dict[str, Any] | None:
    """The regency and province columns of an entry, or None after reporting the problem."""
    keys = ("KOTA_KABUPATEN_ID", "KOTA_KABUPATEN", "PROVINCE_CODE", "PROVINSI")
    missing = [k for k in keys if item.get(k) in (None, "")]
    if missing:
        report.problem(out.source_file, f"entry #{index} lacks {', '.join(missing)}", item)
        return None
    code, name = _regency_code(item["KOTA_KABUPATEN_ID"]), str(item["KOTA_KABUPATEN"]).strip()
    province = _province_for_code(item["PROVINCE_CODE"])
    where = f"regency {item['KOTA_KABUPATEN_ID']!r} ({name})"
    if code is None or province is None:
        bad = "KOTA_KABUPATEN_ID is not a whole number" if code is None else (
            f"PROVINCE_CODE {item['PROVINCE_CODE']!r} is not in the province reference")
        report.problem(out.source_file, f"{where}: {bad}", item)
        return None
    if code in out.entries:
        report.problem(out.source_file, f"{where}: KOTA_KABUPATEN_ID repeats an earlier entry; "
                       "the first is kept", item)
        return None
    published = _published_province(out.source_file, str(item["PROVINSI"]), province, where, report)
    out.entries[code] = {"name": name, "province_code": province.code}
    return {"regency_code": code, "regency_name": name, "province_code": province.code,
            "province_name": province.name, "province_name_published": published}


def _regency_count(item: dict[str, Any], year: int, head: dict[str, Any], source_file: str,
                   report: _Report) -> int | None:
    """One year's count of a regency, or None after reporting why it cannot be loaded."""
    column = f"RPL_{year}"
    where = f"regency {head['regency_code']} ({head['regency_name']}), {year}"
    payload = {**head, "year": year, "recipients_published": item.get(column)}
    if column not in item:
        report.problem(source_file, f"{where}: column {column} is missing", payload)
        return None
    try:
        return parse_count(item[column])
    except ValueError as err:
        report.problem(source_file, f"{where}: {column} {err}", payload)
        return None


def _check_regency_total(item: dict[str, Any], head: dict[str, Any], counts: dict[int, int],
                         out: _Regencies, report: _Report) -> None:
    """Compare a regency's TOTAL with the sum of its yearly counts."""
    where = f"regency {head['regency_code']} ({head['regency_name']})"
    try:
        total = parse_count(item.get("TOTAL"))
    except ValueError as err:
        report.finding(out.source_file, "regency_total_unreadable", "error",
                       f"{where}: TOTAL {err}; its check against the yearly counts is skipped",
                       observed=item.get("TOTAL"))
        return
    out.totals[head["province_code"]] += total
    if len(counts) == len(YEARS) and sum(counts.values()) != total:
        report.finding(out.source_file, "regency_total_mismatch", "warning",
                       f"{where}: TOTAL {total:,} differs from the sum of RPL_2020..RPL_2024 "
                       f"{sum(counts.values()):,} by {total - sum(counts.values()):+,}",
                       expected=sum(counts.values()), observed=total)


def _regency_code(value: Any) -> str | None:
    """KOTA_KABUPATEN_ID as text ("39"), or None when it is not a whole number of at most 12 digits."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value) if 0 <= value < 10**12 else None
    text = str(value).strip() if isinstance(value, str | float) else ""
    return str(int(text)) if text.isascii() and text.isdigit() and len(text) <= 12 else None


def _province_for_code(value: Any) -> Province | None:
    """The reference province for a published code (12 or "12"), or None."""
    text = str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""
    if not (text.isascii() and text.isdigit() and len(text) <= 2):
        return None
    try:
        return province_by_code(text.zfill(2))
    except KeyError:
        return None


def _published_province(source_file: str, published: str, province: Province, where: str,
                        report: _Report) -> str:
    """The published province name, after reporting how it differs from the reference."""
    published = published.strip()
    if published == province.name:
        return published
    if canonical_province(published) == province:
        report.variant(source_file, published, province)
    else:
        report.finding(source_file, "province_name_code_mismatch", "warning",
                       f"{where}: published province name {published!r} is not a name of province "
                       f"{province.code} ({province.name}); the code is kept",
                       expected=province.name, observed=published)
    return published


# --- province-level files and cross-checks -------------------------------------------------


def _province_totals(docs: dict[str, _Doc], report: _Report) -> dict[str, _Doc]:
    """File name → its province total rows (indonesia-all: all years; indonesia-2020: 2020)."""
    totals: dict[str, _Doc] = {}
    for name, year in ((PROVINCES_ALL_FILE, None), (PROVINCES_2020_FILE, 2020)):
        doc = docs.get(name)
        if doc is None:
            continue
        rows = report.guarded(doc.source_file, _parse_province_file, doc, year, report)
        if rows is not None:
            totals[name] = _Doc(doc.source_file, rows)
    return totals


def _parse_province_file(doc: _Doc, year: int | None, report: _Report) -> list[dict[str, Any]]:
    """One row per province of a province-level file; bad entries become problems."""
    rows: dict[str, dict[str, Any]] = {}
    for index, item in enumerate(doc.items):
        province = _province_of_entry(doc.source_file, index, item, report)
        if province is None:
            continue
        try:
            value = parse_count(item.get("value"))
        except ValueError as err:
            report.problem(doc.source_file, f"province {province.name}: value {err}", item)
            continue
        if province.code in rows:
            report.problem(doc.source_file, f"province {province.name} appears twice; the first is kept",
                           item)
            continue
        rows[province.code] = {
            "province_code": province.code, "province_name": province.name,
            "province_name_published": str(item.get("name") or province.name).strip(), "year": year,
            "recipients": value, "source_file": doc.source_file,
        }
    return list(rows.values())


def _province_of_entry(source_file: str, index: int, item: dict[str, Any],
                       report: _Report) -> Province | None:
    """The province of a province-level entry, by its code when it has one, else by its name."""
    name = str(item.get("name") or "").strip()
    if "province_code" in item:
        province = _province_for_code(item["province_code"])
        if province is None:
            report.problem(source_file, f"entry #{index} ({name!r}): province_code "
                           f"{item['province_code']!r} is not in the province reference", item)
            return None
        _published_province(source_file, name, province, f"entry #{index}", report)
        return province
    province = canonical_province(name) if name else None
    if province is None:
        report.problem(source_file, f"entry #{index}: province name {name!r} is not in the province "
                       "reference (add it as an alias in schemas/provinces.yaml if it is one)", item)
        return None
    if name != province.name:
        report.variant(source_file, name, province)
    return province


def _check_against_provinces(regencies: _Regencies, totals: dict[str, _Doc], report: _Report) -> None:
    """Compare the province-level files with the sums of the regency file."""
    if PROVINCES_ALL_FILE in totals:
        doc = totals[PROVINCES_ALL_FILE]
        _check_grand_total(regencies, doc, report)
        _check_each_province(doc, dict(regencies.totals), "the sum of TOTAL of its regencies",
                             "province_total_mismatch", regencies.source_file, report)
    if PROVINCES_2020_FILE in totals:
        doc = totals[PROVINCES_2020_FILE]
        sums = {code: n for (code, year), n in regencies.by_year.items() if year == 2020}
        _check_year_total(regencies.source_file, doc, sums, report)
        _check_each_province(doc, sums, "the sum of RPL_2020 of its regencies",
                             "province_year_total_mismatch", regencies.source_file, report)


def _check_grand_total(regencies: _Regencies, doc: _Doc, report: _Report) -> None:
    """Sum of the regencies' TOTAL against the sum of the all-years province file."""
    ours, theirs = sum(regencies.totals.values()), sum(r["recipients"] for r in doc.items)
    if ours != theirs:
        report.finding(regencies.source_file, "grand_total_mismatch", "warning",
                       f"sum of TOTAL over all regencies is {ours:,} but {doc.source_file} "
                       f"sums to {theirs:,} ({theirs - ours:+,})", expected=ours, observed=theirs)


def _check_year_total(regency_file: str, doc: _Doc, sums: dict[str, int], report: _Report) -> None:
    """National 2020 total: the province file against the regencies' RPL_2020."""
    ours, theirs = sum(sums.values()), sum(r["recipients"] for r in doc.items)
    if ours != theirs:
        report.finding(doc.source_file, "national_year_total_mismatch", "warning",
                       f"2020 recipients sum to {theirs:,} in {doc.source_file} but to {ours:,} "
                       f"in RPL_2020 of {regency_file} ({theirs - ours:+,})", expected=ours, observed=theirs)


def _check_each_province(doc: _Doc, sums: dict[str, int], what: str, check: str,
                         regency_file: str, report: _Report) -> None:
    """One warning per province whose published total differs from its regencies' sum."""
    published = {r["province_code"]: r for r in doc.items}
    source_file = doc.source_file
    family_note = _papua_note(published, sums, regency_file)
    for code in sorted(set(published) | set(sums)):
        theirs = published[code]["recipients"] if code in published else None
        ours = sums.get(code, 0)
        if theirs == ours:
            continue
        name = province_by_code(code).name
        detail = (f"{name} ({code}) is missing from {source_file}" if theirs is None else
                  f"{name} ({code}): {source_file} has {theirs:,}, {what} is {ours:,} ({theirs - ours:+,})")
        note = family_note if code in PAPUA_FAMILY else ""
        report.finding(source_file, check, "warning", detail + note, expected=ours, observed=theirs)


def _papua_note(published: dict[str, dict[str, Any]], sums: dict[str, int], regency_file: str) -> str:
    """Why Papua provinces may differ: the 2022 split, when the six together agree."""
    theirs = sum(published[c]["recipients"] for c in PAPUA_FAMILY if c in published)
    ours = sum(sums.get(c, 0) for c in PAPUA_FAMILY)
    if theirs != ours:
        return ""
    return (f"; the six Papua provinces (91-96) together agree ({ours:,}), so the files assign "
            f"regencies to the 2022 Papua provinces differently (see {regency_file})")


def _check_mapping(regencies: _Regencies, doc: _Doc | None, report: _Report) -> None:
    """Every regency must be in the regency → province mapping, under the same province."""
    if doc is None:
        return
    by_id, by_name = _mapping_index(doc, report)
    matched: set[str] = set()
    for code, entry in regencies.entries.items():
        found = by_id.get(code) or by_name.get(entry["name"].casefold())
        if found is None:
            report.finding(doc.source_file, "regency_missing_from_mapping", "warning",
                           f"regency {code} ({entry['name']}) of {regencies.source_file} is not in "
                           f"{doc.source_file}", observed=code)
            continue
        matched.add(found["code"])
        _compare_mapping(code, entry, found, regencies.source_file, doc.source_file, report)
    for code, found in by_id.items():
        if code not in matched:
            report.finding(doc.source_file, "regency_only_in_mapping", "warning",
                           f"regency {code} ({found['name']}, province {found['province_code']}) of "
                           f"{doc.source_file} has no counts in {regencies.source_file}", observed=code)


def _mapping_index(doc: _Doc, report: _Report) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """The mapping's regencies by id and by folded name; its province entries are name-checked."""
    by_id: dict[str, dict[str, Any]] = {}
    for item in doc.items:
        province = _province_for_code(item.get("PROVINCE_CODE"))
        if "KOTA_KABUPATEN_ID" not in item:
            # The file also lists the provinces themselves ({PROVINCE_CODE, PROVINCE_NAME}).
            if province is not None and item.get("PROVINCE_NAME"):
                _published_province(doc.source_file, str(item["PROVINCE_NAME"]), province,
                                    f"province entry {province.code}", report)
            continue
        code = _regency_code(item["KOTA_KABUPATEN_ID"])
        if code is None:
            continue
        if province is not None and item.get("PROVINSI"):
            _published_province(doc.source_file, str(item["PROVINSI"]), province,
                                f"regency {code}", report)
        by_id[code] = {"code": code, "name": str(item.get("KOTA_KABUPATEN") or "").strip(),
                       "province_code": province.code if province else str(item.get("PROVINCE_CODE"))}
    by_name = {entry["name"].casefold(): entry for entry in by_id.values()}
    return by_id, by_name


def _compare_mapping(code: str, entry: dict[str, Any], found: dict[str, Any], regency_file: str,
                     mapping_file: str, report: _Report) -> None:
    """Report a regency whose id, name or province differs between the two files."""
    differences = _differences(code, entry, found)
    if differences:
        report.finding(mapping_file, "regency_mapping_mismatch", "warning",
                       f"regency {code} ({entry['name']}): {regency_file} and {mapping_file} differ in "
                       + "; ".join(differences) + "; counts are loaded under the province of "
                       + regency_file,
                       expected=f"{found['code']} / {found['province_code']}",
                       observed=f"{code} / {entry['province_code']}")


def _differences(code: str, entry: dict[str, Any], found: dict[str, Any]) -> list[str]:
    """The fields (id, name, province) that differ, each with both values."""
    pairs: Iterable[tuple[str, str, str]] = (
        ("id", code, found["code"]),
        ("name", entry["name"], found["name"]),
        ("province", entry["province_code"], found["province_code"]),
    )
    return [f"{label} {ours!r} vs {theirs!r}" for label, ours, theirs in pairs if ours != theirs]
