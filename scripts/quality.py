"""Measure extraction quality against the annotated corpora with the shared scoring tools.

    .venv/bin/python scripts/quality.py                 # full runs: CLI + official data → docs/quality.md
    .venv/bin/python scripts/quality.py --fast dev      # in-process extraction only, seconds; no conflicts
    .venv/bin/python scripts/quality.py --fast real-dev --errors   # …and every miss and confusion

Corpora: `dev` (../shared/corpus/dev, articles and survey tables), `real-dev` (texts rebuilt
into .real-dev/ as ../shared/corpus/real-dev/README.md says; skipped when absent), `own`
(data/own: articles written for the project, annotated independently, then tuned on),
`heldout` (data/heldout: written after tuning and never tuned on) and `fresh`–`fresh66`
(data/fresh*: written by sessions that never saw the extractor, measured untouched, then tuned
on). The full mode loads each corpus with `prakerja-etl run`, the official statistics included,
and runs score.py, conflicts_score.py and errors.py on the warehouse.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
TOOLS = SHARED / "tools"
OFFICIAL = SHARED / "corpus" / "official"
CORPORA = {
    "dev": (SHARED / "corpus" / "dev", SHARED / "corpus" / "dev" / "gold"),
    "real-dev": (REPO / ".real-dev", SHARED / "corpus" / "real-dev" / "gold"),
    # Written for the project and annotated without looking at the extractor: a held-out check.
    "own": (REPO / "data" / "own" / "articles", REPO / "data" / "own" / "gold"),
    # Written after the rules were tuned, never tuned on: the honest measure of unseen text.
    "heldout": (REPO / "data" / "heldout" / "articles", REPO / "data" / "heldout" / "gold"),
    # Written in the eighth session by writers who never saw the extractor, measured untouched
    # first, then tuned on with general rules only.
    "fresh": (REPO / "data" / "fresh" / "articles", REPO / "data" / "fresh" / "gold"),
    # Ten more, written the same way once the rules tuned on `fresh` were in: measuring only.
    "fresh2": (REPO / "data" / "fresh2" / "articles", REPO / "data" / "fresh2" / "gold"),
    # Ten more from the ninth session, written after fresh2's rules were in.
    "fresh3": (REPO / "data" / "fresh3" / "articles", REPO / "data" / "fresh3" / "gold"),
    # …and ten written once this session's rules for fresh3 were in.
    "fresh4": (REPO / "data" / "fresh4" / "articles", REPO / "data" / "fresh4" / "gold"),
    # …and ten written at the end of that session: measured untouched, then its false conflicts made rules.
    "fresh5": (REPO / "data" / "fresh5" / "articles", REPO / "data" / "fresh5" / "gold"),
    # The tenth and eleventh sessions', written one after another (fresh12 and fresh13 side by
    # side), each measured untouched first, then its false conflicts made rules.
    **{f"fresh{n}": (REPO / "data" / f"fresh{n}" / "articles", REPO / "data" / f"fresh{n}" / "gold")
       for n in range(6, 75)},
}


def build_fast(texts: Path, warehouse: Path) -> None:
    """Articles extracted in-process into the tables score.py reads (no Prefect, no views)."""
    from prakerja_etl.sources import articles

    rows: dict[str, list[dict]] = {"articles": [], "figures": [], "province_rankings": []}
    for path in sorted(texts.glob("*.txt")):
        a = articles.extract_article(f"articles/{path.name}", path.read_bytes())
        rows["articles"].append(articles.article_row(a))
        rows["figures"] += articles.figure_rows(a)
        rows["province_rankings"] += articles.ranking_rows(a)
    import pandas as pd

    with duckdb.connect(str(warehouse)) as con:
        for table, table_rows in rows.items():
            frame = pd.DataFrame(table_rows)  # noqa: F841 (read by DuckDB's replacement scan)
            con.execute(f"CREATE TABLE {table} AS SELECT * FROM frame")


def build_full(texts: Path, warehouse: Path, work: Path) -> None:
    """The corpus loaded the way a user loads it: `prakerja-etl run` with the official data."""
    raw = work / "raw"
    (raw / "articles").mkdir(parents=True)
    for path in sorted(texts.glob("*.txt")):
        shutil.copy(path, raw / "articles" / path.name)
    if (texts / "surveys").is_dir():
        shutil.copytree(texts / "surveys", raw / "surveys", ignore=shutil.ignore_patterns("gold", "*.md"))
    subprocess.run([str(REPO / ".venv" / "bin" / "prakerja-etl"), "run", "--raw-dir", str(raw),
                    "--warehouse", str(warehouse), "--official-source", str(OFFICIAL)],
                   check=True, stdout=subprocess.DEVNULL)


def present_gold(texts: Path, gold: Path, into: Path) -> Path:
    """The gold of the articles whose text is here: a real-dev text the search tool could not
    return is left out of the score rather than counted as missed."""
    into.mkdir()
    for path in sorted(gold.glob("*.json")):
        if (texts / json.loads(path.read_text(encoding="utf-8"))["file"]).exists():
            shutil.copy(path, into / path.name)
        else:
            print(f"  {path.name}: no text in {texts}; left out", file=sys.stderr)
    return into


def tool(name: str, *args: str) -> str:
    out = subprocess.run([sys.executable, str(TOOLS / name), *args], capture_output=True, text=True,
                         check=True)
    return out.stdout


def confusions(warehouse: Path, gold: Path, most: int = 10) -> dict[str, list[tuple[str, int]]]:
    """The most frequent metric, period and basis confusions (gold → extracted) errors.py lists."""
    counts: dict[str, Counter[str]] = {"CONF": Counter(), "PERIOD": Counter(), "BASIS": Counter()}
    for line in tool("errors.py", str(warehouse), str(gold)).splitlines():
        m = re.match(r"\s+(CONF|PERIOD|BASIS)\s.*?(\S+)\s*->\s*(\S+)", line)
        if m:
            counts[m.group(1)][f"{m.group(2)} → {m.group(3)}"] += 1
    return {kind: c.most_common(most) for kind, c in counts.items()}


def wrong_claims(warehouse: Path, gold: Path, most: int = 10) -> list[tuple[str, int]]:
    """What pulls claim precision down: figures given a metric the gold does not give them
    (gold metric → extracted), matched as score.py matches (value and unit, metric first)."""
    sys.path.insert(0, str(TOOLS))
    from score import base, close  # the shared scoring rule, not a copy of it

    with duckdb.connect(str(warehouse), read_only=True) as con:
        files = dict(con.execute("SELECT article_id, source_file FROM articles").fetchall())
        preds: dict[str, list[tuple[float, str, str | None]]] = {}
        for article, value, unit, metric in con.execute(
                "SELECT article_id, value, unit, metric FROM figures").fetchall():
            preds.setdefault(base(files[article]), []).append((value, unit, metric))
    counts: Counter[str] = Counter()
    for path in sorted(gold.glob("*.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        mine, figures = preds.get(base(g["file"]), []), g.get("figures", [])
        used: dict[int, dict] = {}
        for same_metric in (True, False):
            for f in figures:
                if any(f is u for u in used.values()):
                    continue
                j = next((j for j, (v, u, m) in enumerate(mine) if j not in used and u == f["unit"]
                          and close(v, f["value"]) and (not same_metric or m == f.get("metric"))), None)
                if j is not None:
                    used[j] = f
        ignorable = [x["value"] for x in g.get("ignorable", []) if isinstance(x.get("value"), (int, float))]
        for j, (v, _, m) in enumerate(mine):
            if m is None or (j not in used and any(close(v, x) for x in ignorable)):
                continue
            wanted = used[j].get("metric") if j in used else "(no such figure)"
            if wanted != m:
                counts[f"{wanted} → {m}"] += 1
    return counts.most_common(most)


def measure(name: str, fast: bool, show_errors: bool, keep: Path | None = None) -> dict | None:
    texts, gold = CORPORA[name]
    if not texts.is_dir() or not any(texts.glob("*.txt")):
        print(f"{name}: no texts in {texts}; skipped", file=sys.stderr)
        return None
    with tempfile.TemporaryDirectory(prefix="prakerja-quality-") as tmp:
        gold = present_gold(texts, gold, Path(tmp) / "gold")
        warehouse = Path(tmp) / "w.duckdb"
        (build_fast if fast else lambda t, w: build_full(t, w, Path(tmp)))(texts, warehouse)
        args = [str(warehouse), str(gold)]
        surveys = texts / "surveys" / "gold"
        if not fast and surveys.is_dir():
            args.append(str(surveys))
        tool("score.py", *args, "--json", str(Path(tmp) / "score.json"))
        result = json.loads((Path(tmp) / "score.json").read_text())
        result.pop("per_article", None)
        if not fast:
            out = tool("conflicts_score.py", str(warehouse), str(OFFICIAL), str(gold))
            last = out.strip().splitlines()[-1]
            result.update({k: float(v) if "." in v else int(v)
                           for k, v in (pair.split("=") for pair in last.split())})
        result["confusions"] = confusions(warehouse, gold)
        result["confusions"]["CLAIM"] = wrong_claims(warehouse, gold)
        if show_errors:
            print(tool("errors.py", str(warehouse), str(gold)))
            if not fast:
                print(tool("conflicts_score.py", str(warehouse), str(OFFICIAL), str(gold), "-v"))
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(warehouse, keep / f"{name}.duckdb")
    return result


MARKER = "<!-- everything below is written by scripts/quality.py --write -->"
SUMMARY = ["figure_f1", "metric_accuracy", "claim_precision", "period_accuracy", "basis_accuracy",
           "ranking_recall", "conflict_precision", "conflict_recall"]


def markdown(results: dict[str, dict]) -> str:
    lines = [MARKER, "", "## Measured", "",
             "| corpus | articles | " + " | ".join(SUMMARY) + " |",
             "| --- | ---: | " + " | ".join("---:" for _ in SUMMARY) + " |"]
    lines += [f"| {name} | {r['articles']} | " + " | ".join(str(r.get(k, "–")) for k in SUMMARY) + " |"
              for name, r in results.items()]
    lines.append("")
    for name, r in results.items():
        lines += [f"### {name}", "",
                  f"Conflicts: the project's {r.get('project', '–')}, gold {r.get('gold', '–')}."
                  + (f" Survey tables: recall {r['survey_recall']}, precision {r['survey_precision']}."
                     if "survey_recall" in r else "")]
        for kind, title in (("CONF", "metric"), ("CLAIM", "wrong-claim"), ("PERIOD", "period"),
                            ("BASIS", "basis")):
            lines += ["", f"Most frequent {title} confusions (gold → extracted, count): "
                      + (", ".join(f"{c} ({n})" for c, n in r["confusions"][kind]) or "none") + "."]
        lines.append("")
    return "\n".join(lines)


def write(path: Path, results: dict[str, dict]) -> None:
    """Replace the generated part of `path`, keeping the written notes above the marker."""
    notes = path.read_text(encoding="utf-8").split(MARKER)[0] if path.exists() else "# Extraction quality\n\n"
    path.write_text(notes + markdown(results), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", nargs="*", metavar="CORPUS",
                        help=f"any of {', '.join(CORPORA)} (default: all)")
    parser.add_argument("--fast", action="store_true", help="in-process extraction, no conflicts")
    parser.add_argument("--errors", action="store_true", help="print errors.py's full listing")
    parser.add_argument("--keep", type=Path, default=None, help="keep each warehouse here as <corpus>.duckdb")
    parser.add_argument("--write", type=Path, default=None, help="write the markdown table here")
    args = parser.parse_args()
    unknown = sorted(set(args.corpora) - set(CORPORA))
    if unknown:
        parser.error(f"unknown corpus {', '.join(unknown)}; choose from {', '.join(CORPORA)}")
    results = {}
    for name in args.corpora or list(CORPORA):
        r = measure(name, args.fast, args.errors, args.keep)
        if r is not None:
            results[name] = r
            print(name, {k: v for k, v in r.items() if k != "confusions"})
            for kind, pairs in r["confusions"].items():
                print(f"  {kind}: " + ", ".join(f"{c} ({n})" for c, n in pairs))
    if args.write:
        write(args.write, results)


if __name__ == "__main__":
    main()
