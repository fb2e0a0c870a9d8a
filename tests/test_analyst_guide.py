"""docs/analyst-guide.md: every worked query runs on the bundled data; the contract is documented."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

from conftest import REPO, SHARED
from prakerja_etl.analyst.query import check_read_only
from prakerja_etl.text.clean import clean_text

GUIDE = REPO / "docs" / "analyst-guide.md"
CONTRACT = SHARED / "spec" / "CONTRACT.md"


def guide_queries() -> list[tuple[str, str]]:
    """(heading it stands under, SQL) of every ```sql block of the guide, in order."""
    heading, out = "", []
    pattern = re.compile(r"^### ([^\n]+)$|^```sql\n(.*?)^```$", re.MULTILINE | re.DOTALL)
    for match in pattern.finditer(GUIDE.read_text()):
        if match.group(1):
            heading = match.group(1).strip()
        else:
            out.append((heading, match.group(2)))
    return out


QUERIES = guide_queries()


def by_heading(prefix: str, index: int = 0) -> str:
    return [sql for heading, sql in QUERIES if heading.startswith(prefix)][index]


def build_full_warehouse(ingest: Any, root: Path, corpus: Path,
                         extra: dict[str, bytes] | None = None) -> Path:
    """The bundled articles, dev survey tables and official files, plus `extra` (path in the raw
    folder → bytes), loaded by the flow."""
    raw = root / "raw"
    shutil.copytree(REPO / "data" / "raw" / "articles", raw / "articles")
    for name, content in (extra or {}).items():
        (raw / name).write_bytes(content)
    (raw / "surveys").mkdir()
    for path in sorted((corpus / "dev" / "surveys").glob("*.*")):
        if path.suffix in (".csv", ".xlsx", ".yaml"):
            shutil.copy(path, raw / "surveys" / path.name)
    shutil.copytree(corpus / "official", raw / "official")    # copied at test time, never committed
    warehouse = root / "prakerja.duckdb"
    summary = ingest(raw_dir=str(raw), warehouse_path=str(warehouse))
    assert summary["status"] == "completed", summary
    return warehouse


@pytest.fixture(scope="module")
def con(ingest: Any, tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Any:
    warehouse = build_full_warehouse(ingest, tmp_path_factory.mktemp("guide"), corpus)
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        yield connection


def rows(con: Any, sql: str) -> list[dict[str, Any]]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def test_the_guide_has_at_least_ten_worked_queries() -> None:
    assert len(QUERIES) >= 10
    assert len({heading for heading, _ in QUERIES}) >= 10


@pytest.mark.parametrize(("heading", "sql"), QUERIES, ids=[f"{i:02d}" for i in range(len(QUERIES))])
def test_every_guide_query_is_one_read_only_statement_that_runs(con: Any, heading: str, sql: str) -> None:
    check_read_only(sql)      # what `prakerja-etl query` accepts, so analysts can paste it there
    con.execute(sql).fetchall()


def test_recipients_per_year_shows_the_official_total_next_to_the_articles(con: Any) -> None:
    result = {(r["year"], r["source_kind"]): r for r in rows(con, by_heading("3."))}
    assert result["2020", "official"]["highest"] == 5_987_674
    assert result["2020", "article"]["sources"] >= 5
    assert result["2020", "article"]["highest"] < 5_987_674


def test_reported_totals_are_measured_against_the_official_ones(con: Any) -> None:
    result = rows(con, by_heading("4."))
    assert result and all(r["official"] > 0 for r in result)
    assert any(r["year"] == "2020" and r["pct_off_official"] < 0 for r in result)


def test_ranking_checks_find_agreeing_and_differing_articles(con: Any) -> None:
    result = rows(con, by_heading("6."))
    assert {True, False} <= {r["agrees"] for r in result}
    per_article = {r["source_file"]: r for r in rows(con, by_heading("6.", 1))}
    assert per_article["articles/liputan6_2021-02-23_prakerja-2020.txt"]["differ"] == 0


def test_conflicts_by_metric_include_the_recipients_total(con: Any) -> None:
    metrics = {r["metric"] for r in rows(con, by_heading("7."))}
    assert "recipients_total" in metrics


def test_every_figure_about_one_province_is_about_that_province(con: Any) -> None:
    result = rows(con, by_heading("9."))
    assert {r["kind"] for r in result} == {"claim", "ranking"}
    assert {"article", "official", "survey"} <= {r["source_kind"] for r in result}


def test_lineage_spans_cut_the_raw_text_out_of_the_file(con: Any) -> None:
    result = rows(con, by_heading("10."))
    assert result and all(clean_text(r["as_in_file"]).text == r["raw_text"] for r in result)
    assert all(r["raw_text"] in r["context"] for r in rows(con, by_heading("10.", 1)))
    # Where the file garbled a figure, the span cuts the original and raw_text is the repair.
    repaired = rows(con, by_heading("10.", 2))
    assert repaired and all(clean_text(r["as_in_file"]).text == r["raw_text"] != r["as_in_file"]
                            for r in repaired)
    assert not any("Â" in r["raw_text"] for r in repaired)


def test_scaled_values_are_exact(con: Any) -> None:
    assert rows(con, "SELECT value FROM figures WHERE raw_text LIKE '16,4 juta%'") == [{"value": 16_400_000}]
    inexact = rows(con, "SELECT raw_text, value FROM figures "
                        "WHERE unit IN ('person', 'count', 'rupiah') AND value <> round(value)")
    assert inexact == []


def test_survey_cells_are_marked_published_or_illustrative(con: Any) -> None:
    files = rows(con, by_heading("11."))
    assert sum(r["published"] for r in files) > 0 and sum(r["illustrative"] for r in files) > 0
    statuses = {r["label"]: r["status"] for r in rows(con, by_heading("11.", 1))}
    assert statuses["Jawa Barat"] == "published"
    assert "illustrative" in statuses.values()


def test_the_papua_split_counts_2021_in_the_old_provinces(con: Any) -> None:
    result = {(r["year"], r["province_code"]): r["counted_in"] for r in rows(con, by_heading("17."))}
    assert result[2021, "93"] == "91" and result[2021, "96"] == "92"
    assert result[2022, "93"] == "93"


def test_data_quality_and_load_history_have_rows(con: Any) -> None:
    assert any(r["check_name"] == "grand_total_mismatch" for r in rows(con, by_heading("13.")))
    runs = rows(con, by_heading("15."))
    assert runs[0]["status"] == "completed"


def test_the_province_table_of_the_guide_matches_the_reference(con: Any) -> None:
    text = GUIDE.read_text()
    documented = dict(re.findall(r"\| (\d{2}) \| ([^|(]+?)(?: \(since 2022[^|]*)? \|", text))
    reference = dict(con.execute("SELECT province_code, province_name FROM provinces").fetchall())
    assert documented == reference


# The contract with analysts: every relation and column exists and says what it holds.

def contract_relations() -> dict[str, list[str]]:
    """relation → columns of the table in CONTRACT.md's warehouse section."""
    if not CONTRACT.exists():
        pytest.skip(f"contract not found at {CONTRACT}")
    out = {}
    table_row = re.compile(r"^\| `(\w+)` \| [^|]+ \| ([^|]+) \|$", re.MULTILINE)
    for relation, columns in table_row.findall(CONTRACT.read_text()):
        plain = re.sub(r"\s*\([^)]*\)", "", columns)      # 'value (DOUBLE, normalised)' → 'value'
        out[relation] = [c.strip().strip('"') for c in plain.split(",")]
    for relation, columns in out.items():       # 'the claim's columns, rule' (review)
        if "the claim's columns" in columns:
            i = columns.index("the claim's columns")
            out[relation] = columns[:i] + out["claims"] + columns[i + 1:]
    return out


def test_the_contract_lists_the_relations_we_expect() -> None:
    assert {"figures", "claims", "conflicts", "load_runs"} <= set(contract_relations())


def test_every_contract_relation_exists_with_a_comment(con: Any) -> None:
    comments = dict(con.execute(
        "SELECT table_name, comment FROM duckdb_tables() WHERE NOT internal "
        "UNION ALL SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall())
    for relation in contract_relations():
        assert relation in comments, f"{relation} is missing"
        assert (comments[relation] or "").strip(), f"{relation} has no comment"


def test_every_contract_column_exists_with_a_comment(con: Any) -> None:
    comments = {(t, c): comment for t, c, comment in con.execute(
        "SELECT table_name, column_name, comment FROM duckdb_columns() WHERE NOT internal").fetchall()}
    missing = [f"{relation}.{column}" for relation, columns in contract_relations().items()
               for column in columns if (relation, column) not in comments]
    assert not missing, f"contract columns missing: {missing}"
    bare = [f"{relation}.{column}" for relation, columns in contract_relations().items()
            for column in columns if not (comments[relation, column] or "").strip()]
    assert not bare, f"contract columns without a comment: {bare}"


# Claims like with like: intervals, conflicts and the review list (CLAIMS.md).

def test_who_says_what_lists_each_statement_of_the_2020_conflict_with_its_interval(con: Any) -> None:
    result = rows(con, by_heading("8."))
    kinds = {r["source_kind"] for r in result}
    assert {"article", "official"} <= kinds and {r["basis"] for r in result} == {"total"}
    official = next(r for r in result if r["source_kind"] == "official")
    assert official["value_low"] == official["value_high"] == 5_987_674


def test_survey_province_shares_are_set_against_derived_official_shares(con: Any) -> None:
    result = rows(con, by_heading("12."))
    assert result and all(r["official_share_2020"] is not None for r in result)
    shares = rows(con, "SELECT 100.0 * recipients / sum(recipients) OVER () AS official_share_2020 "
                       "FROM official_province_recipients WHERE year = 2020")
    assert 99 < sum(r["official_share_2020"] for r in shares) < 101


def test_the_founding_articles_total_does_not_hold_the_official_count(con: Any) -> None:
    result = rows(con, by_heading("23.", 1))
    founding = [r for r in result if r["source_file"].endswith("liputan6_2021-02-23_prakerja-2020.txt")]
    assert founding and not any(r["holds_official"] for r in founding if r["period"] == "2020")


def test_conflicts_show_each_source_with_its_interval_and_basis(con: Any) -> None:
    result = {(r["metric"], r["period"], r["province"]): r for r in rows(con, by_heading("24."))}
    sources = result["recipients_total", "2020", "national"]["sources"]
    assert "official:official/all_kabupaten_kota.json=5987674.0 [5987674.0, 5987674.0] total" in sources
    assert all(r["gap"] > 0 for r in result.values())


def test_the_review_list_names_a_rule_for_every_claim_and_keeps_them_out_of_conflicts(con: Any) -> None:
    listed = rows(con, by_heading("25.", 1))
    assert {r["rule"] for r in rows(con, by_heading("25."))} == {r["rule"] for r in listed}
    compared = {r["claim_id"] for r in rows(con, "SELECT claim_id FROM compared_claims")}
    assert not compared & {r["claim_id"] for r in rows(con, "SELECT claim_id FROM review")}


def test_values_a_source_changed_lists_the_old_and_the_new_value(ingest: Any, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "articles").mkdir(parents=True)
    article = raw / "articles" / "warta_2021-03-01_penerima.txt"

    def write(figure: str) -> None:     # the budget sentence stays: its claim did not change
        article.write_text("Penerima program pelatihan tahun lalu\nSenin, 1 Maret 2021 10:00 WIB\n"
                           "Jakarta - Kementerian menyebut penerima Kartu Prakerja pada 2020 mencapai "
                           f"{figure} orang. Anggaran program pada 2020 disebut sebesar Rp 20 triliun.\n",
                           encoding="utf-8")

    warehouse = tmp_path / "w.duckdb"
    write("5,5 juta")
    first = ingest(raw_dir=str(raw), warehouse_path=str(warehouse))["run_id"]
    write("5,9 juta")
    second = ingest(raw_dir=str(raw), warehouse_path=str(warehouse))["run_id"]
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        result = rows(connection, by_heading("26."))
    assert [(r["metric"], r["value"], r["run_id"], r["valid_to"] is None) for r in result] == [
        ("recipients_total", 5_500_000, first, False), ("recipients_total", 5_900_000, second, True)]
