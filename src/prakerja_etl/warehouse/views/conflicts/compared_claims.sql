-- compared_claims (conflicts): the claims conflicts compares: basis total with a period, or
-- to_date with a period or an as_of (compared by the month of as_of); not part or superseded
-- claims, none on the review list. Reads claims (through _comparable.sql), review.
SELECT c.*
FROM ({% include "conflicts/_comparable.sql" %}) c
-- On the 8-byte hash of the id, not the id: the join stays small under a run's memory cap.
ANTI JOIN (SELECT DISTINCT hash(claim_id) AS id_hash FROM review) r ON r.id_hash = hash(c.claim_id)
