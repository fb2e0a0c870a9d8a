-- official_province_recipients (staging): the official regency counts summed per province and
-- year, in the provinces of that year (before 2022 the four 2022 Papua provinces count in the
-- province they were split from). Reads official_recipients, provinces.
SELECT r.year,
       coalesce(CASE WHEN r.year < 2022 THEN p.split_from END, r.province_code) AS province_code,
       sum(r.recipients)::BIGINT AS recipients,
       any_value(r.source_file) AS source_file
FROM official_recipients r JOIN provinces p USING (province_code)
WHERE r.removed_at IS NULL
GROUP BY ALL
