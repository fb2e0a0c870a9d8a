"""Derived relations: claims side by side, conflicts between sources, official rankings.

They are views, so they always agree with the tables they read; removed files and
unpublished (fill-in) survey cells are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from prakerja_etl.warehouse.ddl import quote

# Sources disagree when their spread exceeds this: relative for amounts, points for shares.
RELATIVE_TOLERANCE = 0.02
PERCENT_POINTS_TOLERANCE = 0.5


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

CLAIMS = View(
    "claims",
    "Every value stated for a (metric, period, province), one row per source: articles, survey "
    "tables and figures derived from the official statistics",
    """
    SELECT f.metric, f.period, f.province_code, f.province_name, f.value, f.unit,
           'article' AS source_kind, f.source_file,
           'chars ' || f.char_start || '-' || f.char_end || ': ' || f.raw_text AS locator
    FROM figures f
    WHERE f.metric IS NOT NULL AND f.unit <> 'ordinal' AND f.removed_at IS NULL
    UNION ALL
    SELECT s.metric, s.period, s.province_code, s.province_name, s.value, s.unit, 'survey',
           s.source_file, coalesce(s.sheet || '!', '') || s.cell || ': ' || s.label
    FROM survey_results s
    WHERE s.metric IS NOT NULL AND s.published AND s."group" IS NULL AND s.removed_at IS NULL
    UNION ALL
    SELECT 'recipients_total', year::VARCHAR, NULL, NULL, sum(recipients)::DOUBLE, 'person', 'official',
           any_value(source_file), 'sum of ' || year || ' over all regencies/cities'
    FROM official_recipients WHERE removed_at IS NULL GROUP BY year
    UNION ALL
    SELECT 'regencies_covered', year::VARCHAR, NULL, NULL, count(*) FILTER (recipients > 0), 'count',
           'official', any_value(source_file), 'regencies/cities with recipients in ' || year
    FROM official_recipients WHERE removed_at IS NULL GROUP BY year
    UNION ALL
    SELECT 'provinces_covered', year::VARCHAR, NULL, NULL, count(*) FILTER (recipients > 0), 'count',
           'official', any_value(source_file), 'provinces with recipients in ' || year
    FROM official_province_recipients GROUP BY year
    UNION ALL
    SELECT 'province_recipients', o.year::VARCHAR, o.province_code, p.province_name, o.recipients,
           'person', 'official', o.source_file, 'sum of ' || o.year || ' over the province''s regencies'
    FROM official_province_recipients o JOIN provinces p USING (province_code)
    UNION ALL
    SELECT 'province_recipient_share', o.year::VARCHAR, o.province_code, p.province_name,
           round(100.0 * o.recipients / sum(o.recipients) OVER (PARTITION BY o.year), 4),
           'percent', 'official', o.source_file, 'share of ' || o.year || ' national total'
    FROM official_province_recipients o JOIN provinces p USING (province_code)
    """,
    {"metric": "Catalog metric id", "period": "YYYY, YYYY-MM, YYYY-S1/S2, YYYY-Qn or NULL",
     "province_code": "Province code, NULL for national figures", "province_name": "Official province name",
     "value": "The value, in `unit`", "unit": "person / percent (percentage points) / rupiah / count",
     "source_kind": "'article', 'survey' or 'official'",
     "source_file": "File (or URL) the value comes from",
     "locator": "Where in the source: character span and text, table cell, or how it was derived"},
)

# The rule, without the list of sources: two plain aggregations that DuckDB can spill, so it
# is cheap to count and filter however many articles state a value (runs count with it).
CONFLICT_GROUPS = View(
    "conflict_groups",
    f"The (metric, period, province) groups of `conflicts` without their list of sources: spread above "
    f"{RELATIVE_TOLERANCE:.0%} of the largest value for persons, counts and rupiah, above "
    f"{PERCENT_POINTS_TOLERANCE} percentage points for shares. Cheap to count over a large warehouse",
    f"""
    WITH per_source AS (
        SELECT metric, period, province_code, source_kind, source_file,
               any_value(province_name) AS province_name, any_value(unit) AS unit,
               count(*) AS n_claims, min(value) AS min_value, max(value) AS max_value
        FROM claims WHERE period IS NOT NULL
        GROUP BY metric, period, province_code, source_kind, source_file
    ), grouped AS (
        SELECT metric, period, province_code, any_value(province_name) AS province_name,
               any_value(unit) AS unit, count(*) AS n_sources, sum(n_claims)::BIGINT AS n_claims,
               min(min_value) AS min_value, max(max_value) AS max_value,
               max(max_value) - min(min_value) AS spread
        FROM per_source GROUP BY metric, period, province_code
    )
    SELECT * FROM grouped
    WHERE n_sources >= 2 AND CASE WHEN unit = 'percent' THEN spread > {PERCENT_POINTS_TOLERANCE}
                                  ELSE spread > {RELATIVE_TOLERANCE} * max_value END
    """,
    {"metric": "Catalog metric id", "period": "Period compared", "province_code": "Province code or NULL",
     "province_name": "Official province name", "unit": "Unit of the values",
     "n_sources": "Distinct sources (files or URLs) stating a value",
     "n_claims": "Values stated, a source may state several", "min_value": "Smallest value stated",
     "max_value": "Largest value stated",
     "spread": "max_value - min_value, in `unit` (percentage points for shares)"},
)

# Each distinct value a source states for a claim's group, as `conflicts` lists it.
STATED = ("SELECT DISTINCT metric, period, province_code, source_kind || ':' || source_file || '=' || value "
          "AS stated FROM claims WHERE period IS NOT NULL")

CONFLICTS = View(
    "conflicts",
    f"(metric, period, province) groups whose sources disagree: spread above {RELATIVE_TOLERANCE:.0%} "
    f"of the largest value for persons, counts and rupiah, above {PERCENT_POINTS_TOLERANCE} percentage "
    "points for shares. Claims without a period are not compared",
    f"""
    SELECT g.metric, g.period, g.province_code, g.province_name, g.unit, g.n_sources, g.n_claims,
           g.min_value, g.max_value, g.spread, string_agg(s.stated, '; ' ORDER BY s.stated) AS sources
    FROM conflict_groups g
    JOIN ({STATED}) s
      ON s.metric = g.metric AND s.period = g.period AND s.province_code IS NOT DISTINCT FROM g.province_code
    GROUP BY ALL
    """,
    {**CONFLICT_GROUPS.columns, "sources": "Each source and the value it states, 'kind:file=value; …'"},
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

VIEWS = (OFFICIAL_PROVINCE_RECIPIENTS, OFFICIAL_PROVINCE_RANKINGS, CLAIMS, CONFLICT_GROUPS, CONFLICTS,
         RANKING_CHECKS)


def view_statements(view: View) -> list[str]:
    """CREATE OR REPLACE VIEW plus its comments."""
    out = [f"CREATE OR REPLACE VIEW {view.name} AS {view.sql}",
           f"COMMENT ON VIEW {view.name} IS {quote(view.comment)}"]
    out += [f'COMMENT ON COLUMN {view.name}."{col}" IS {quote(text)}' for col, text in view.columns.items()]
    return out


