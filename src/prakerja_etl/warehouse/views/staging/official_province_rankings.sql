-- official_province_rankings (staging): provinces ranked by official recipients each year,
-- both ways (rank 1 = most, and rank 1 = fewest). Reads official_province_recipients, provinces.
WITH named AS (
    SELECT o.*, p.province_name FROM official_province_recipients o JOIN provinces p USING (province_code)
)
SELECT year, 'most' AS direction,
       rank() OVER (PARTITION BY year ORDER BY recipients DESC) AS rank,
       province_code, province_name, recipients FROM named
UNION ALL
SELECT year, 'least', rank() OVER (PARTITION BY year ORDER BY recipients ASC),
       province_code, province_name, recipients FROM named
