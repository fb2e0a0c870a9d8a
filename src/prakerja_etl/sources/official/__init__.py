"""The programme office's published recipient statistics: fetch, parse and cross-check them.

The files (described in `../shared/corpus/official/README.md`) disagree with each other in
small ways. Nothing is patched: every disagreement becomes a `DataQualityRow`, every value that
cannot be loaded becomes a problem for the quarantine, and regency counts are kept as published.
`fetch` gets the files, `rows` reads each into rows, `checks` compares them; `parse_official`
below reads them as one set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from prakerja_etl.sources.official.checks import check_against_provinces, check_mapping
from prakerja_etl.sources.official.fetch import (
    MAPPING_FILE,
    OFFICIAL_FILES,
    PROVINCES_2020_FILE,
    PROVINCES_ALL_FILE,
    REGENCIES_FILE,
    STATISTICS_FILE,
    OfficialSource,
    OfficialSourceFailing,
    OfficialSourceUnreachable,
    fetch_official,
    probe,
)
from prakerja_etl.sources.official.rows import (
    YEARS,
    Doc,
    Report,
    load_json,
    parse_count,
    parse_province_file,
    parse_regencies,
)

__all__ = ["MAPPING_FILE", "OFFICIAL_FILES", "PROVINCES_2020_FILE", "PROVINCES_ALL_FILE", "REGENCIES_FILE",
           "STATISTICS_FILE", "OfficialExtraction", "OfficialSource", "OfficialSourceFailing",
           "OfficialSourceUnreachable", "fetch_official", "load_json", "parse_count", "parse_official",
           "probe"]

# Keys every entry of a file has; a file in which no entry has one of them changed its schema.
REQUIRED_KEYS = {
    REGENCIES_FILE: ("KOTA_KABUPATEN_ID", "KOTA_KABUPATEN", "PROVINCE_CODE", "PROVINSI",
                     *(f"RPL_{y}" for y in YEARS)),
    MAPPING_FILE: ("PROVINCE_CODE",),
    PROVINCES_ALL_FILE: ("name", "value"),
    PROVINCES_2020_FILE: ("name", "value"),
}


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


def parse_official(files: dict[str, bytes]) -> OfficialExtraction:
    """Regency × year counts, published province totals and quality findings of the files. Each
    file is read and parsed under one guard: whatever goes wrong in it makes that file unusable
    (quarantined whole, its previous rows kept), never the others or the run."""
    report = Report()
    docs = _load_all(files, report)
    regencies = None
    if REGENCIES_FILE in docs:
        regencies = report.guarded(docs[REGENCIES_FILE].source_file, parse_regencies,
                                   docs[REGENCIES_FILE], report)
    totals = _province_totals(docs, report)
    if regencies is not None:
        for name, doc in totals.items():
            report.guarded(doc.source_file, check_against_provinces, regencies, {name: doc}, report)
        if MAPPING_FILE in docs:
            report.guarded(docs[MAPPING_FILE].source_file, check_mapping, regencies, docs[MAPPING_FILE],
                           report)
    report.report_variants()
    unusable = report.unusable
    recipients = regencies.rows if regencies and regencies.source_file not in unusable else []
    province_rows = [row for doc in totals.values() if doc.source_file not in unusable for row in doc.items]
    return OfficialExtraction(recipients, province_rows, report.quality, report.problems, unusable)


def _load_all(files: dict[str, bytes], report: Report) -> dict[str, Doc]:
    """Known file name → its loaded objects; missing or unreadable files are reported."""
    # Keys may carry a folder or URL ("official/indonesia-all.json"); the last part names the file.
    by_name = {key.rsplit("/", 1)[-1]: key for key in files}
    docs: dict[str, Doc] = {}
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
        docs[name] = Doc(key, items)
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


def _province_totals(docs: dict[str, Doc], report: Report) -> dict[str, Doc]:
    """File name → its province total rows (indonesia-all: all years; indonesia-2020: 2020)."""
    totals: dict[str, Doc] = {}
    for name, year in ((PROVINCES_ALL_FILE, None), (PROVINCES_2020_FILE, 2020)):
        doc = docs.get(name)
        if doc is None:
            continue
        rows = report.guarded(doc.source_file, parse_province_file, doc, year, report)
        if rows is not None:
            totals[name] = Doc(doc.source_file, rows)
    return totals
