-- review (conflicts): claims that break a plausibility rule of CLAIMS.md, one row per claim and
-- rule, for a person to look at; they stay in claims and out of conflicts. Each rule reads an
-- aggregate of the claims it compares with, never every pair, so the view stays linear in the
-- number of claims. Reads claims, articles, figures.
WITH amounts AS (      -- totals that cannot fall over time (a running share can)
    SELECT * FROM claims WHERE unit IN ('person', 'count', 'rupiah')
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
), official_provinces AS (   -- the highest official count of any province, per year
    SELECT period, max(value) AS largest FROM claims
    WHERE metric = 'province_recipients' AND source_kind = 'official' AND basis = 'total' GROUP BY ALL
), breakdown(metric, breakdown) AS (   -- shares of one breakdown of the recipients: together at most 100 %
    VALUES ('recipients_male_share', 'sex'), ('recipients_female_share', 'sex'),
           ('recipients_urban_share', 'area'), ('recipients_rural_share', 'area')
), breakdown_claims AS (
    SELECT c.*, b.breakdown FROM claims c JOIN breakdown b USING (metric)
), breakdown_sums AS (
    SELECT source_kind, source_file, period, basis, province_code, breakdown,
           sum(low) AS low_sum, count(*) AS parts
    FROM (SELECT source_kind, source_file, period, basis, province_code, breakdown, metric,
                 min(coalesce(value_low, 0)) AS low
          FROM breakdown_claims GROUP BY ALL)
    GROUP BY ALL
), implausible AS (   -- claims breaking a rule on their own (or beside an aggregate)
    SELECT *, 'share_over_100' AS rule, 'a share cannot exceed 100 %' AS detail
    FROM claims WHERE unit = 'percent' AND value > 100
    UNION ALL
    SELECT *, 'persons_not_whole', 'a number of persons is a whole number from 1'
    -- (not a binary fraction: 16,4 juta is 16399999.999999998 as a DOUBLE)
    FROM claims WHERE unit = 'person' AND (value < 1 OR abs(value - round(value)) > 0.01)
    UNION ALL
    -- Per-person amounts: none can exceed the whole budget of its year.
    SELECT c.*, 'per_person_above_budget', 'above the largest budget_total stated for ' || b.year || ': '
           || b.budget::BIGINT
    FROM claims c JOIN budgets b ON b.year = left(c.period, 4)
    WHERE c.metric IN ('benefit_per_recipient', 'training_fee_per_recipient', 'incentive_total_per_recipient',
                       'incentive_monthly', 'survey_incentive')
      AND c.value_low > b.budget
    UNION ALL
    SELECT * EXCLUDE (month, earlier_low), 'running_total_falls',
           'below a running total stated for an earlier month (at least ' || earlier_low || ')'
    FROM running WHERE value_high < earlier_low
    UNION ALL
    -- A province's count is part of the nation's: it stays below the national metric it is part of.
    SELECT c.*, 'province_above_national', 'above every national ' || n.metric || ' of ' || n.period
           || ' (at most ' || n.high || ')'
    FROM amounts c
    JOIN national n ON n.period = c.period
     AND n.metric = coalesce(CASE c.metric WHEN 'province_recipients' THEN 'recipients_total' END, c.metric)
    WHERE c.province_code IS NOT NULL AND c.value_low > n.high
    UNION ALL
    -- …and the nation's count of a year is above each province's: a stated one below a province's
    -- official (exact) count is a local or partial figure ('Ternate menyumbang 915 peserta').
    SELECT c.*, 'national_below_province', 'below the official count of a province for ' || p.period
           || ' (' || p.largest::BIGINT || ')'
    FROM amounts c JOIN official_provinces p ON p.period = c.period
    WHERE c.metric = 'recipients_total' AND c.province_code IS NULL AND c.basis = 'total'
      AND c.source_kind <> 'official' AND c.value_high < p.largest
    UNION ALL
    SELECT c.* EXCLUDE (breakdown), 'breakdown_over_100',
           'the ' || c.breakdown || ' shares this source states add up to at least ' || round(s.low_sum, 2) || ' %'
    FROM breakdown_claims c
    JOIN breakdown_sums s ON s.source_kind = c.source_kind AND s.source_file = c.source_file
     AND s.period IS NOT DISTINCT FROM c.period AND s.basis = c.basis
     AND s.province_code IS NOT DISTINCT FROM c.province_code AND s.breakdown = c.breakdown
    WHERE s.parts >= 2 AND s.low_sum > 100
), own_values AS (     -- what an article that checks no claims states of one quantity conflicts compares
    SELECT c.*
    FROM ({% include "conflicts/_comparable.sql" %}) c
    JOIN articles a ON a.source_file = c.source_file AND a.removed_at IS NULL
    -- (the two bounds of a range it states, '3 sampai 4,5 juta', are one statement)
    ANTI JOIN (SELECT figure_id FROM figures WHERE range_part IS NOT NULL) r ON r.figure_id = c.claim_id
    -- A value already implausible on its own ('11.031' as the nation's recipients) explains the
    -- disagreement: it is reviewed for its own rule and does not make the article's other values doubtful.
    ANTI JOIN implausible i ON i.claim_id = c.claim_id
    WHERE c.source_kind = 'article' AND NOT a.checks_claims
), own_spread AS (
    SELECT source_file, metric, period, basis, as_of_month, province_code,
           max(value_low) AS highest_low, min(value_high) AS lowest_high
    FROM own_values GROUP BY ALL HAVING max(value_low) > min(value_high)
)
SELECT * FROM implausible
UNION ALL
-- An article giving two values of one quantity that cannot both hold, without checking anyone's
-- claim, contradicts itself: which of its values is the quantity is for a person to say. Where
-- the programme counted that quantity, a value within 15 % of the official count is a statement
-- of it (a reporter's rounding or slip, '5,5 juta' for 5.987.674) and is compared with it; only
-- a value far from it (more likely another quantity read as this one) is left to the person.
SELECT c.* EXCLUDE (as_of_month), 'contradicts_own_article',
       'values of the same article that cannot both hold: one at most ' || round(s.lowest_high, 2)
       || ', another at least ' || round(s.highest_low, 2)
FROM own_values c
JOIN own_spread s ON s.source_file = c.source_file AND s.metric = c.metric
 AND s.period IS NOT DISTINCT FROM c.period AND s.basis = c.basis
 AND s.as_of_month IS NOT DISTINCT FROM c.as_of_month AND s.province_code IS NOT DISTINCT FROM c.province_code
LEFT JOIN claims o ON o.source_kind = 'official' AND o.metric = c.metric AND o.period = c.period
 AND o.basis = c.basis AND o.province_code IS NOT DISTINCT FROM c.province_code
WHERE o.value IS NULL OR c.value_low < 0.85 * o.value OR coalesce(c.value_high, 'inf'::DOUBLE) > 1.15 * o.value
