"""Reading one official file into rows: its JSON, its counts, its regencies or provinces. What
cannot be loaded becomes a problem for the quarantine and every disagreement a data-quality
finding, both collected in a `Report`; regency counts are kept as published."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, TypeVarTuple

from prakerja_etl.errors import UnreadableInput, failure_reason, one_line
from prakerja_etl.settings import Settings
from prakerja_etl.sources.bounded import check_nesting
from prakerja_etl.text.provinces import Province, canonical_province, province_by_code

Args = TypeVarTuple("Args")
Result = TypeVar("Result")

YEARS = tuple(range(2020, 2025))
_COUNT_TEXT = re.compile(r"\d{1,3}(?:,\d{3})+|\d+", re.ASCII)


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


class Report:
    """Collects quality rows, quarantine problems and published province-name variants."""

    def __init__(self) -> None:
        self.quality: list[dict[str, Any]] = []
        self.problems: list[tuple[str, str | None]] = []
        self.unusable: dict[str, str] = {}
        self._variants: dict[str, tuple[Province, list[str]]] = {}

    def guarded(self, source_file: str, step: Callable[[*Args], Result], *args: *Args) -> Result | None:
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


@dataclass
class Doc:
    """A loaded file: the key it came under (its source_file) and its objects."""

    source_file: str
    items: list[dict[str, Any]]


@dataclass
class Regencies:
    """The parsed regency file: loadable rows and the sums the cross-checks need."""

    source_file: str
    rows: list[dict[str, Any]]
    entries: dict[str, dict[str, Any]]          # regency_code → {name, province_code}
    totals: dict[str, int]                       # province_code → sum of TOTAL
    by_year: dict[tuple[str, int], int]          # (province_code, year) → sum of counts


def parse_regencies(doc: Doc | None, report: Report) -> Regencies | None:
    """Every regency's yearly counts; bad entries and counts become problems."""
    if doc is None:
        return None
    out = Regencies(doc.source_file, [], {}, defaultdict(int), defaultdict(int))
    as_text = 0
    for index, item in enumerate(doc.items):
        as_text += sum(isinstance(item.get(k), str) for k in ("TOTAL", *(f"RPL_{y}" for y in YEARS)))
        _parse_regency(index, item, out, report)
    if as_text:
        report.finding(doc.source_file, "count_as_text", "info",
                       f"{as_text} counts are published as text with comma thousands separators "
                       "('49,174'); parsed as whole numbers", observed=as_text)
    return out


def _parse_regency(index: int, item: dict[str, Any], out: Regencies, report: Report) -> None:
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


def _regency_head(index: int, item: dict[str, Any], out: Regencies,
                  report: Report) -> dict[str, Any] | None:
    """The regency and province columns of an entry, or None after reporting the problem."""
    keys = ("KOTA_KABUPATEN_ID", "KOTA_KABUPATEN", "PROVINCE_CODE", "PROVINSI")
    missing = [k for k in keys if item.get(k) in (None, "")]
    if missing:
        report.problem(out.source_file, f"entry #{index} lacks {', '.join(missing)}", item)
        return None
    code, name = regency_code(item["KOTA_KABUPATEN_ID"]), str(item["KOTA_KABUPATEN"]).strip()
    province = province_for_code(item["PROVINCE_CODE"])
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
    published = published_province(out.source_file, str(item["PROVINSI"]), province, where, report)
    out.entries[code] = {"name": name, "province_code": province.code}
    return {"regency_code": code, "regency_name": name, "province_code": province.code,
            "province_name": province.name, "province_name_published": published}


def _regency_count(item: dict[str, Any], year: int, head: dict[str, Any], source_file: str,
                   report: Report) -> int | None:
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
                         out: Regencies, report: Report) -> None:
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


def regency_code(value: Any) -> str | None:
    """KOTA_KABUPATEN_ID as text ("39"), or None when it is not a whole number of at most 12 digits."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value) if 0 <= value < 10**12 else None
    text = str(value).strip() if isinstance(value, str | float) else ""
    return str(int(text)) if text.isascii() and text.isdigit() and len(text) <= 12 else None


def province_for_code(value: Any) -> Province | None:
    """The reference province for a published code (12 or "12"), or None."""
    text = str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""
    if not (text.isascii() and text.isdigit() and len(text) <= 2):
        return None
    try:
        return province_by_code(text.zfill(2))
    except KeyError:
        return None


def published_province(source_file: str, published: str, province: Province, where: str,
                        report: Report) -> str:
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


def parse_province_file(doc: Doc, year: int | None, report: Report) -> list[dict[str, Any]]:
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
                       report: Report) -> Province | None:
    """The province of a province-level entry, by its code when it has one, else by its name."""
    name = str(item.get("name") or "").strip()
    if "province_code" in item:
        province = province_for_code(item["province_code"])
        if province is None:
            report.problem(source_file, f"entry #{index} ({name!r}): province_code "
                           f"{item['province_code']!r} is not in the province reference", item)
            return None
        published_province(source_file, name, province, f"entry #{index}", report)
        return province
    province = canonical_province(name) if name else None
    if province is None:
        report.problem(source_file, f"entry #{index}: province name {name!r} is not in the province "
                       "reference (add it as an alias in schemas/provinces.yaml if it is one)", item)
        return None
    if name != province.name:
        report.variant(source_file, name, province)
    return province
