-- ranking_checks (conflicts): each province ranking an article states, next to the official
-- ranking of the same year. Reads province_rankings, official_province_rankings.
SELECT r.source_file, r.period, r.direction, r.rank, r.province_name AS stated_province,
       o.province_name AS official_province, o.recipients AS official_recipients,
       r.province_code = o.province_code AS agrees
FROM province_rankings r
LEFT JOIN official_province_rankings o
  ON o.year = TRY_CAST(left(r.period, 4) AS INTEGER) AND o.direction = r.direction AND o.rank = r.rank
WHERE r.removed_at IS NULL
