"""Derived relations: claims side by side, conflicts between sources, official rankings.

They are views, so they always agree with the tables they read; removed files and
unpublished (fill-in) survey cells are left out. The tables hold each file's current version
only (what a changed file stated before is in claims_history), so every view but
`claim_revisions` shows the current state.
"""

from __future__ import annotations

from dataclasses import dataclass

from prakerja_etl.warehouse.ddl import quote


@dataclass(frozen=True)
class View:
    name: str
    comment: str
    sql: str
    columns: dict[str, str]     # column → comment


OFFICIAL_PROVINCE_RECIPIENTS = View(
    "official_province_recipients",
    "Official recipients per province and year, in the provinces of that year: before 2022 the "
    "2022 Papua provinces are counted in the province they were split from",
    """
    SELECT r.year,
           coalesce(CASE WHEN r.year < 2022 THEN p.split_from END, r.province_code) AS province_code,
           sum(r.recipients)::BIGINT AS recipients,
           any_value(r.source_file) AS source_file
    FROM official_recipients r JOIN provinces p USING (province_code)
    WHERE r.removed_at IS NULL
    GROUP BY ALL
    """,
    {"year": "Calendar year", "province_code": "Province code as the province existed that year",
     "recipients": "Recipients (persons), sum over the province's regencies/cities",
     "source_file": "Official file the counts come from"},
)

OFFICIAL_PROVINCE_RANKINGS = View(
    "official_province_rankings",
    "Provinces ranked by official recipients each year, most and least (rank 1 = most / fewest)",
    """
    WITH named AS (
        SELECT o.*, p.province_name FROM official_province_recipients o JOIN provinces p USING (province_code)
    )
    SELECT year, 'most' AS direction,
           rank() OVER (PARTITION BY year ORDER BY recipients DESC) AS rank,
           province_code, province_name, recipients FROM named
    UNION ALL
    SELECT year, 'least', rank() OVER (PARTITION BY year ORDER BY recipients ASC),
           province_code, province_name, recipients FROM named
    """,
    {"year": "Calendar year", "direction": "'most' or 'least'", "rank": "Position, 1 = most (or fewest)",
     "province_code": "Province code", "province_name": "Official province name",
     "recipients": "Official recipients that year (persons)"},
)

# Per-person amounts: none can exceed the whole budget of its year.
PER_PERSON_METRICS = ("benefit_per_recipient", "training_fee_per_recipient", "incentive_total_per_recipient",
                      "incentive_monthly", "survey_incentive")
# Shares of one breakdown of the recipients: together at most 100 % (plus rounding).
BREAKDOWNS = {"sex": ("recipients_male_share", "recipients_female_share"),
              "area": ("recipients_urban_share", "recipients_rural_share")}
# A province's count is part of the nation's: the national metric it must stay below.
NATIONAL_METRIC = {"province_recipients": "recipients_total"}
# Totals that cannot fall over time (a running share can).
AMOUNT_UNITS = ("person", "count", "rupiah")


def _sql_list(items: tuple[str, ...]) -> str:
    return "(" + ", ".join(quote(i) for i in items) + ")"


def _national_metric(column: str) -> str:
    return f"CASE {column} " + " ".join(f"WHEN {quote(k)} THEN {quote(v)}" for k, v in NATIONAL_METRIC.items()) + " END"


def _sql_pairs(pairs: list[tuple[str, str]]) -> str:
    return "VALUES " + ", ".join(f"({quote(a)}, {quote(b)})" for a, b in pairs)


_CLAIM_COLUMNS = {
    "claim_id": "Id of the claim: the figure_id of an article figure, file#cell of a survey cell, "
                "official:<metric>:<year>[:<province>] of an official figure",
    "metric": "Catalog metric id", "period": "YYYY, YYYY-MM, YYYY-S1/S2, YYYY-Qn or NULL",
    "basis": "total (the whole amount of the period), to_date (a running total up to as_of), part (one "
             "wave, stage or slice), superseded (a value the source says was replaced)",
    "as_of": "For to_date: the date the running total stands at, YYYY-MM or YYYY-MM-DD",
    "qualifier": "Hedge as written ('lebih dari', 'sekitar', 'hampir' …), NULL when none",
    "province_code": "Province code, NULL for national figures", "province_name": "Official province name",
    "value": "The value, in `unit`",
    "value_low": "Lowest value the statement allows (written precision and qualifier); NULL = no lower "
                 "bound. Official counts are exact; survey cells are rounded to the decimals printed",
    "value_high": "Highest value the statement allows; NULL = no upper bound ('lebih dari 5 juta')",
    "unit": "person / percent (percentage points) / rupiah / count",
    "source_kind": "'article', 'survey' or 'official'",
    "source_file": "File (or URL) the value comes from",
    "locator": "Where in the source: character span and text, table cell, or how it was derived",
}

CLAIMS = View(
    "claims",
    "Every value stated about Kartu Prakerja for a (metric, period, province), one row per statement: "
    "article figures with a metric (not wave numbers, not other programmes), published survey cells, "
    "and from the official statistics recipients_total and regencies_covered per year and "
    "province_recipients per province and year",
    r"""
    SELECT f.figure_id AS claim_id, f.metric, f.period, f.basis, f.as_of, f.qualifier,
           f.province_code, f.province_name, f.value, f.value_low, f.value_high, f.unit,
           'article' AS source_kind, f.source_file,
           'chars ' || f.char_start || '-' || f.char_end || ': ' || f.raw_text AS locator
    FROM figures f
    WHERE f.metric IS NOT NULL AND f.unit <> 'ordinal' AND f.removed_at IS NULL
      AND (f.subject IS NULL OR lower(f.subject) = 'prakerja')
    UNION ALL
    -- A table prints its values rounded: half a unit of the last decimal printed either way.
    SELECT s.source_file || '#' || coalesce(s.sheet || '!', '') || s.cell, s.metric, s.period, 'total', NULL,
           NULL, s.province_code, s.province_name, s.value,
           s.value - half, s.value + half, s.unit, 'survey', s.source_file,
           coalesce(s.sheet || '!', '') || s.cell || ': ' || s.label
    FROM (SELECT *, 0.5 * 10 ** -length(regexp_extract(printf('%.6f', value), '\.(\d*?)0*$', 1)) AS half
          FROM survey_results) s
    WHERE s.metric IS NOT NULL AND s.published AND s."group" IS NULL AND s.removed_at IS NULL
    UNION ALL
    SELECT 'official:recipients_total:' || year, 'recipients_total', year::VARCHAR, 'total', NULL, NULL,
           NULL, NULL, total, total, total, 'person', 'official', source_file,
           'sum of ' || year || ' over all regencies/cities'
    FROM (SELECT year, sum(recipients)::DOUBLE AS total, any_value(source_file) AS source_file
          FROM official_recipients WHERE removed_at IS NULL GROUP BY year)
    UNION ALL
    SELECT 'official:regencies_covered:' || year, 'regencies_covered', year::VARCHAR, 'total', NULL, NULL,
           NULL, NULL, n, n, n, 'count', 'official', source_file, 'regencies/cities with recipients in ' || year
    FROM (SELECT year, count(*) FILTER (recipients > 0)::DOUBLE AS n, any_value(source_file) AS source_file
          FROM official_recipients WHERE removed_at IS NULL GROUP BY year)
    UNION ALL
    SELECT 'official:province_recipients:' || o.year || ':' || o.province_code, 'province_recipients',
           o.year::VARCHAR, 'total', NULL, NULL, o.province_code, p.province_name, o.recipients,
           o.recipients, o.recipients, 'person', 'official', o.source_file,
           'sum of ' || o.year || ' over the province''s regencies'
    FROM official_province_recipients o JOIN provinces p USING (province_code)
    """,
    _CLAIM_COLUMNS,
)

# One row per (claim, rule broken). Each rule reads an aggregate of the claims it compares with,
# never every pair, so the view stays linear in the number of claims.
REVIEW = View(
    "review",
    "Claims that break a plausibility rule (CLAIMS.md), one row per claim and rule: a person should "
    "look at them. They stay in `claims` and out of `conflicts`",
    f"""
    WITH amounts AS (
        SELECT * FROM claims WHERE unit IN {_sql_list(AMOUNT_UNITS)}
    ), budgets AS (
        SELECT left(period, 4) AS year, max(value) AS budget FROM claims
        WHERE metric = 'budget_total' AND basis = 'total' AND period IS NOT NULL GROUP BY ALL
    ), running AS (
        SELECT *, max(value_low) OVER (
                   PARTITION BY metric, period, province_code ORDER BY month
                   RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier_low
        FROM (SELECT *, left(as_of, 4)::INTEGER * 12 + substr(as_of, 6, 2)::INTEGER AS month
              FROM amounts WHERE basis = 'to_date' AND as_of IS NOT NULL)
    ), national AS (
        SELECT metric, period, max(coalesce(value_high, 'inf'::DOUBLE)) AS high FROM claims
        WHERE province_code IS NULL AND basis = 'total' AND period IS NOT NULL GROUP BY ALL
    ), breakdown(metric, breakdown) AS (
        {_sql_pairs([(m, name) for name, metrics in BREAKDOWNS.items() for m in metrics])}
    ), breakdown_claims AS (
        SELECT c.*, b.breakdown FROM claims c JOIN breakdown b USING (metric)
    ), breakdown_sums AS (
        SELECT source_kind, source_file, period, basis, province_code, breakdown,
               sum(low) AS low_sum, count(*) AS parts
        FROM (SELECT source_kind, source_file, period, basis, province_code, breakdown, metric,
                     min(coalesce(value_low, 0)) AS low
              FROM breakdown_claims GROUP BY ALL)
        GROUP BY ALL
    )
    SELECT *, 'share_over_100' AS rule, 'a share cannot exceed 100 %' AS detail
    FROM claims WHERE unit = 'percent' AND value > 100
    UNION ALL
    SELECT *, 'persons_not_whole', 'a number of persons is a whole number from 1'
    -- (not a binary fraction: 16,4 juta is 16399999.999999998 as a DOUBLE)
    FROM claims WHERE unit = 'person' AND (value < 1 OR abs(value - round(value)) > 0.01)
    UNION ALL
    SELECT c.*, 'per_person_above_budget', 'above the largest budget_total stated for ' || b.year || ': '
           || b.budget::BIGINT
    FROM claims c JOIN budgets b ON b.year = left(c.period, 4)
    WHERE c.metric IN {_sql_list(PER_PERSON_METRICS)} AND c.value_low > b.budget
    UNION ALL
    SELECT * EXCLUDE (month, earlier_low), 'running_total_falls',
           'below a running total stated for an earlier month (at least ' || earlier_low || ')'
    FROM running WHERE value_high < earlier_low
    UNION ALL
    SELECT c.*, 'province_above_national', 'above every national ' || n.metric || ' of ' || n.period
           || ' (at most ' || n.high || ')'
    FROM amounts c
    JOIN national n ON n.period = c.period
     AND n.metric = coalesce({_national_metric("c.metric")}, c.metric)
    WHERE c.province_code IS NOT NULL AND c.value_low > n.high
    UNION ALL
    SELECT c.* EXCLUDE (breakdown), 'breakdown_over_100',
           'the ' || c.breakdown || ' shares this source states add up to at least ' || round(s.low_sum, 2) || ' %'
    FROM breakdown_claims c
    JOIN breakdown_sums s ON s.source_kind = c.source_kind AND s.source_file = c.source_file
     AND s.period IS NOT DISTINCT FROM c.period AND s.basis = c.basis
     AND s.province_code IS NOT DISTINCT FROM c.province_code AND s.breakdown = c.breakdown
    WHERE s.parts >= 2 AND s.low_sum > 100
    """,
    {**_CLAIM_COLUMNS,
     "rule": "Rule broken: share_over_100, persons_not_whole, per_person_above_budget, running_total_falls, "
             "province_above_national, breakdown_over_100",
     "detail": "What the claim was measured against"},
)

COMPARED_CLAIMS = View(
    "compared_claims",
    "The claims `conflicts` compares: basis total with a period, or to_date with a period or an as_of; "
    "not part or superseded, not on the review list",
    """
    SELECT c.*, CASE WHEN c.basis = 'to_date' THEN left(c.as_of, 7) END AS as_of_month
    FROM claims c
    -- On the 8-byte hash of the id, not the id: the join stays small under a run's memory cap.
    ANTI JOIN (SELECT DISTINCT hash(claim_id) AS id_hash FROM review) r ON r.id_hash = hash(c.claim_id)
    WHERE (c.basis = 'total' AND c.period IS NOT NULL)
       OR (c.basis = 'to_date' AND (c.period IS NOT NULL OR c.as_of IS NOT NULL))
    """,
    {**_CLAIM_COLUMNS, "as_of_month": "For to_date: the month of as_of (YYYY-MM), compared; NULL for total"},
)

_GROUP = "metric, period, basis, as_of_month, province_code"

# The rule, without the list of sources: two plain aggregations that DuckDB can spill, so it
# is cheap to count and filter however many articles state a value (runs count with it).
CONFLICT_GROUPS = View(
    "conflict_groups",
    "The groups of `conflicts` without their list of sources: (metric, period, basis, as_of month, "
    "province) stated by two or more sources whose intervals do not all overlap. Cheap to count over a "
    "large warehouse",
    f"""
    WITH per_source AS (     -- a source by the hash of its name: small keys, so the aggregation stays small
        SELECT {_GROUP}, hash(source_kind, source_file) AS source,
               count(*) AS n_claims, min(value) AS min_value, max(value) AS max_value,
               max(value_low) AS highest_low, min(value_high) AS lowest_high
        FROM compared_claims GROUP BY ALL
    ), grouped AS (
        SELECT metric, period, basis, as_of_month AS as_of, province_code,
               count(*) AS n_sources, sum(n_claims)::BIGINT AS n_claims,
               min(min_value) AS min_value, max(max_value) AS max_value,
               max(max_value) - min(min_value) AS spread,
               max(highest_low) - min(lowest_high) AS gap
        FROM per_source GROUP BY {_GROUP}
        HAVING count(*) >= 2 AND max(highest_low) > min(lowest_high)
    )
    -- Every value of a claim is in its metric's unit (the load checks it).
    SELECT g.metric, g.period, g.basis, g.as_of, g.province_code, p.province_name, m.unit,
           g.n_sources, g.n_claims, g.min_value, g.max_value, g.spread, g.gap
    FROM grouped g JOIN metrics m USING (metric) LEFT JOIN provinces p USING (province_code)
    """,
    {"metric": "Catalog metric id", "period": "Period compared (NULL only for a to_date group)",
     "basis": "total or to_date: part and superseded claims are never compared",
     "as_of": "For to_date: the month (YYYY-MM) the running totals compared stand at; NULL for total",
     "province_code": "Province code or NULL", "province_name": "Official province name",
     "unit": "Unit of the values", "n_sources": "Distinct sources (files or URLs) stating a value",
     "n_claims": "Values stated, a source may state several", "min_value": "Smallest value stated",
     "max_value": "Largest value stated",
     "spread": "max_value - min_value, in `unit` (percentage points for shares)",
     "gap": "Highest lower bound minus lowest upper bound of the intervals stated, in `unit`: how far "
            "apart the statements that cannot both hold are (always > 0)"},
)

# Each distinct statement of a compared claim, as `conflicts` lists it:
# 'kind:file=value [low, high] basis', with '@as_of' for a running total.
STATED = (f"SELECT DISTINCT {_GROUP}, source_kind || ':' || source_file || '=' || value || ' [' "
          "|| coalesce(value_low::VARCHAR, '-inf') || ', ' || coalesce(value_high::VARCHAR, 'inf') || '] ' "
          "|| basis || coalesce('@' || as_of, '') AS stated FROM compared_claims")

CONFLICTS = View(
    "conflicts",
    "(metric, period, basis, as_of month, province) whose sources disagree: two or more sources whose "
    "intervals (written precision and qualifier; official counts exact) do not all overlap. Part and "
    "superseded claims, total claims without a period and claims on the review list are not compared",
    f"""
    SELECT g.*, string_agg(s.stated, '; ' ORDER BY s.stated) AS sources
    FROM conflict_groups g
    JOIN ({STATED}) s
      ON s.metric = g.metric AND s.period IS NOT DISTINCT FROM g.period AND s.basis = g.basis
     AND s.as_of_month IS NOT DISTINCT FROM g.as_of AND s.province_code IS NOT DISTINCT FROM g.province_code
    GROUP BY ALL
    """,
    {**CONFLICT_GROUPS.columns,
     "sources": "Each statement: 'kind:file=value [low, high] basis', '@as_of' for a running total; '; '-separated"},
)

RANKING_CHECKS = View(
    "ranking_checks",
    "Each province ranking an article states, next to the official ranking of the same year",
    """
    SELECT r.source_file, r.period, r.direction, r.rank, r.province_name AS stated_province,
           o.province_name AS official_province, o.recipients AS official_recipients,
           r.province_code = o.province_code AS agrees
    FROM province_rankings r
    LEFT JOIN official_province_rankings o
      ON o.year = TRY_CAST(left(r.period, 4) AS INTEGER) AND o.direction = r.direction AND o.rank = r.rank
    WHERE r.removed_at IS NULL
    """,
    {"source_file": "Article file", "period": "Period the ranking refers to",
     "direction": "'most' or 'least'", "rank": "Position stated", "stated_province": "Province the article names",
     "official_province": "Province at that position in the official statistics",
     "official_recipients": "Its official recipients that year (persons)",
     "agrees": "True when the article names the official province; NULL without official data for the year"},
)

# The claim columns a revision keeps, in order: claims_history holds them under the same names.
_REVISION_COLUMNS = ("source_kind", "source_file", "metric", "period", "province_code", "province_name", "basis",
                     "as_of", "value", "value_low", "value_high", "unit", "claim_id", "locator")

CLAIM_REVISIONS = View(
    "claim_revisions",
    "Every value each source has stated for a claim, and when: one row per claim of each version of a "
    "file. A file's current version (valid_to NULL) is `claims`; versions its content replaced (an "
    "edited article, a revised official file) come from claims_history. Files re-extracted with the "
    "same bytes keep their version",
    f"""
    SELECT {", ".join(_REVISION_COLUMNS)}, valid_from, valid_to, run_id, superseded_by_run
    FROM claims_history
    UNION ALL
    SELECT {", ".join("c." + c for c in _REVISION_COLUMNS)},
           coalesce(s.content_since, s.loaded_at), NULL::TIMESTAMP, coalesce(s.content_run_id, s.run_id), NULL
    FROM claims c JOIN source_files s USING (source_file)
    """,
    {**{k: _CLAIM_COLUMNS[k] for k in _REVISION_COLUMNS},
     "valid_from": "When the version of the file stating this value was first loaded (UTC)",
     "valid_to": "When a changed version replaced it (UTC); NULL: the file states it now",
     "run_id": "Run that loaded the version stating this value (see load_runs)",
     "superseded_by_run": "Run that loaded the changed version; NULL while current"},
)

VIEWS = (OFFICIAL_PROVINCE_RECIPIENTS, OFFICIAL_PROVINCE_RANKINGS, CLAIMS, REVIEW, COMPARED_CLAIMS,
         CONFLICT_GROUPS, CONFLICTS, RANKING_CHECKS, CLAIM_REVISIONS)


def view_statements(view: View) -> list[str]:
    """CREATE OR REPLACE VIEW plus its comments."""
    out = [f"CREATE OR REPLACE VIEW {view.name} AS {view.sql}",
           f"COMMENT ON VIEW {view.name} IS {quote(view.comment)}"]
    out += [f'COMMENT ON COLUMN {view.name}."{col}" IS {quote(text)}' for col, text in view.columns.items()]
    return out


