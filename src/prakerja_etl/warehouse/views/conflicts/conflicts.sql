-- conflicts (conflicts): conflict_groups with the statements of each group listed in `sources`.
-- Reads conflict_groups, and compared_claims through _stated.sql (each distinct statement as
-- 'kind:file=value [low, high] basis', '@as_of' for a running total; the report lists them too).
SELECT g.*, string_agg(s.stated, '; ' ORDER BY s.stated) AS sources
FROM conflict_groups g
JOIN ({% include "conflicts/_stated.sql" %}) s
  ON s.metric = g.metric AND s.period IS NOT DISTINCT FROM g.period AND s.basis = g.basis
 AND s.as_of_month IS NOT DISTINCT FROM g.as_of AND s.province_code IS NOT DISTINCT FROM g.province_code
GROUP BY ALL
