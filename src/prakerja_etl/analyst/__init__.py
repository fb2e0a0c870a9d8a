"""For analysts: read-only queries against the warehouse and exports of its relations."""

# Here, not in query.py, so the CLI's parser can name them without importing DuckDB.
FORMATS = ("table", "csv", "json", "markdown")
# Runs never block readers (they swap in a staging copy); only another read-write connection does.
LOCK_WAIT_SECONDS = 5.0
