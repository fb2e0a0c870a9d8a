-- claims (claims): every value stated about Kartu Prakerja for a (metric, period, province), one
-- row per statement and source: article figures with a metric (no wave numbers, no other
-- programme's figures), published survey cells, and the official totals derived per year
-- (recipients_total, regencies_covered) and per province and year (province_recipients).
-- Removed files and fill-in survey cells are left out. Reads figures, survey_results,
-- official_recipients, official_province_recipients, provinces.
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
