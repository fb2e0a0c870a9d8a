"""Read every table and view of a DuckDB file with whatever `duckdb` this Python has; print JSON.

Run by tests/warehouse/test_clients.py under other DuckDB versions (their own virtualenvs), so it
imports nothing of the project. Prints {"refused": error} when the file does not open, else
{"version": …, "relations": {name: {"rows": n, "table": digest, "columns": {column: digest}}}}
(a digest is a hash of the sorted values, so row order does not matter), or {"error": …} for a
relation the client could not read.
"""

import hashlib
import json
import sys

import duckdb


def digest(values):
    return hashlib.sha256("\n".join(sorted(repr(v) for v in values)).encode()).hexdigest()


def read(con, relation):
    cursor = con.execute(f'SELECT * FROM "{relation}"')
    names = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    return {"rows": len(rows), "table": digest(rows),
            "columns": {name: digest(row[i] for row in rows) for i, name in enumerate(names)}}


def main(path):
    try:
        con = duckdb.connect(path, read_only=True)
    except duckdb.Error as exc:
        return {"refused": str(exc).splitlines()[0]}
    relations = [name for (name,) in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE NOT internal "
        "UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1").fetchall()]
    out = {}
    for relation in relations:
        try:
            out[relation] = read(con, relation)
        except duckdb.Error as exc:
            out[relation] = {"error": str(exc).splitlines()[0]}
    return {"version": duckdb.__version__, "relations": out}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
