-- claim_revisions (claims): every value each source has stated for a claim, one row per claim of
-- each version of its file: the current version from claims (valid_to NULL), the versions an
-- edit replaced from claims_history. Reads claims_history, claims, source_files.
SELECT source_kind, source_file, metric, period, province_code, province_name, basis, as_of, value,
       value_low, value_high, unit, claim_id, locator, valid_from, valid_to, run_id, superseded_by_run
FROM claims_history
UNION ALL
SELECT c.source_kind, c.source_file, c.metric, c.period, c.province_code, c.province_name, c.basis,
       c.as_of, c.value, c.value_low, c.value_high, c.unit, c.claim_id, c.locator,
       coalesce(s.content_since, s.loaded_at), NULL::TIMESTAMP, coalesce(s.content_run_id, s.run_id), NULL
FROM claims c JOIN source_files s USING (source_file)
