-- The claims `conflicts` can compare (CLAIMS.md), with the month a running total is compared by:
-- basis total with a period, or to_date with a period or an as_of. Included by compared_claims
-- (those not on the review list) and by review (an article's own values of one quantity).
SELECT c.*, CASE WHEN c.basis = 'to_date' THEN left(c.as_of, 7) END AS as_of_month
FROM claims c
WHERE (c.basis = 'total' AND c.period IS NOT NULL)
   OR (c.basis = 'to_date' AND (c.period IS NOT NULL OR c.as_of IS NOT NULL))
