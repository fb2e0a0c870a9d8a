"""Cross-checks of the official files against each other: the province-level files against the
sums of the regency file, and the regency file against the regency → province mapping. Each
disagreement is a data-quality finding; nothing is patched."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from prakerja_etl.sources.official.fetch import PROVINCES_2020_FILE, PROVINCES_ALL_FILE
from prakerja_etl.sources.official.rows import (
    Doc,
    Regencies,
    Report,
    province_for_code,
    published_province,
    regency_code,
)
from prakerja_etl.text.provinces import province_by_code

# Papua (91) and Papua Barat (92) were split in 2022 (93-96). Files that assign regencies to
# the new provinces differently can still agree on the six provinces together.
PAPUA_FAMILY = frozenset({"91", "92", "93", "94", "95", "96"})


def check_against_provinces(regencies: Regencies, totals: dict[str, Doc], report: Report) -> None:
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


def _check_grand_total(regencies: Regencies, doc: Doc, report: Report) -> None:
    """Sum of the regencies' TOTAL against the sum of the all-years province file."""
    ours, theirs = sum(regencies.totals.values()), sum(r["recipients"] for r in doc.items)
    if ours != theirs:
        report.finding(regencies.source_file, "grand_total_mismatch", "warning",
                       f"sum of TOTAL over all regencies is {ours:,} but {doc.source_file} "
                       f"sums to {theirs:,} ({theirs - ours:+,})", expected=ours, observed=theirs)


def _check_year_total(regency_file: str, doc: Doc, sums: dict[str, int], report: Report) -> None:
    """National 2020 total: the province file against the regencies' RPL_2020."""
    ours, theirs = sum(sums.values()), sum(r["recipients"] for r in doc.items)
    if ours != theirs:
        report.finding(doc.source_file, "national_year_total_mismatch", "warning",
                       f"2020 recipients sum to {theirs:,} in {doc.source_file} but to {ours:,} "
                       f"in RPL_2020 of {regency_file} ({theirs - ours:+,})", expected=ours, observed=theirs)


def _check_each_province(doc: Doc, sums: dict[str, int], what: str, check: str,
                         regency_file: str, report: Report) -> None:
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


def check_mapping(regencies: Regencies, doc: Doc | None, report: Report) -> None:
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


def _mapping_index(doc: Doc, report: Report) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """The mapping's regencies by id and by folded name; its province entries are name-checked."""
    by_id: dict[str, dict[str, Any]] = {}
    for item in doc.items:
        province = province_for_code(item.get("PROVINCE_CODE"))
        if "KOTA_KABUPATEN_ID" not in item:
            # The file also lists the provinces themselves ({PROVINCE_CODE, PROVINCE_NAME}).
            if province is not None and item.get("PROVINCE_NAME"):
                published_province(doc.source_file, str(item["PROVINCE_NAME"]), province,
                                    f"province entry {province.code}", report)
            continue
        code = regency_code(item["KOTA_KABUPATEN_ID"])
        if code is None:
            continue
        if province is not None and item.get("PROVINSI"):
            published_province(doc.source_file, str(item["PROVINSI"]), province,
                                f"regency {code}", report)
        by_id[code] = {"code": code, "name": str(item.get("KOTA_KABUPATEN") or "").strip(),
                       "province_code": province.code if province else str(item.get("PROVINCE_CODE"))}
    by_name = {entry["name"].casefold(): entry for entry in by_id.values()}
    return by_id, by_name


def _compare_mapping(code: str, entry: dict[str, Any], found: dict[str, Any], regency_file: str,
                     mapping_file: str, report: Report) -> None:
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
