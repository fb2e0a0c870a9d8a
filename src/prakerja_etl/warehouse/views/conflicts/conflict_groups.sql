-- conflict_groups (conflicts): the groups of conflicts without their list of sources: (metric,
-- period, basis, as_of month, province) stated by two or more sources whose intervals do not all
-- overlap. Two plain aggregations DuckDB can spill, so it is cheap to count and filter however
-- many articles state a value (runs count with it). Reads compared_claims, metrics, provinces.
WITH per_source AS (     -- a source by the hash of its name: small keys, so the aggregation stays small
    SELECT metric, period, basis, as_of_month, province_code, hash(source_kind, source_file) AS source,
           count(*) AS n_claims, min(value) AS min_value, max(value) AS max_value,
           max(value_low) AS highest_low, min(value_high) AS lowest_high
    FROM compared_claims GROUP BY ALL
), grouped AS (
    SELECT metric, period, basis, as_of_month AS as_of, province_code,
           count(*) AS n_sources, sum(n_claims)::BIGINT AS n_claims,
           min(min_value) AS min_value, max(max_value) AS max_value,
           max(max_value) - min(min_value) AS spread,
           max(highest_low) - min(lowest_high) AS gap
    FROM per_source GROUP BY metric, period, basis, as_of_month, province_code
    HAVING count(*) >= 2 AND max(highest_low) > min(lowest_high)
)
-- Every value of a claim is in its metric's unit (the load checks it).
SELECT g.metric, g.period, g.basis, g.as_of, g.province_code, p.province_name, m.unit,
       g.n_sources, g.n_claims, g.min_value, g.max_value, g.spread, g.gap
FROM grouped g JOIN metrics m USING (metric) LEFT JOIN provinces p USING (province_code)
