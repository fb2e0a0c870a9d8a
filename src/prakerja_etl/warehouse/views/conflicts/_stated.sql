SELECT DISTINCT metric, period, basis, as_of_month, province_code,
       source_kind || ':' || source_file || '=' || value || ' ['
       || coalesce(value_low::VARCHAR, '-inf') || ', ' || coalesce(value_high::VARCHAR, 'inf') || '] '
       || basis || coalesce('@' || as_of, '') AS stated
FROM compared_claims
