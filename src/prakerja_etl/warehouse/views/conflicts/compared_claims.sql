-- compared_claims (conflicts): the claims conflicts compares: basis total with a period, or
-- to_date with a period or an as_of (compared by the month of as_of); not part or superseded
-- claims, none on the review list. Reads claims, review.
SELECT c.*, CASE WHEN c.basis = 'to_date' THEN left(c.as_of, 7) END AS as_of_month
FROM claims c
-- On the 8-byte hash of the id, not the id: the join stays small under a run's memory cap.
ANTI JOIN (SELECT DISTINCT hash(claim_id) AS id_hash FROM review) r ON r.id_hash = hash(c.claim_id)
WHERE (c.basis = 'total' AND c.period IS NOT NULL)
   OR (c.basis = 'to_date' AND (c.period IS NOT NULL OR c.as_of IS NOT NULL))
