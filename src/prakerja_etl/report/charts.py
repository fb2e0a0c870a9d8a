"""The report's charts: matplotlib figures rendered to inline SVG text.

A chart is drawn once per distinct input and kept in the user's cache: a re-run that changed
nothing writes its report without loading matplotlib (~0.5 s).

Marks are capped whatever the warehouse holds: reported values are counted in at most
`BANDS` bands per year and kind, and a dot's size is relative to the largest count, so
100,000 articles draw as many dots as 100 do. Legends are HTML beside the chart (see the
templates), so they never cover a mark.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import math
import os
import re
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prakerja_etl.cachedir import user_cache
from prakerja_etl.fingerprint import code_fingerprint
from prakerja_etl.report.formats import axis, exact

if TYPE_CHECKING:   # matplotlib is imported only when a chart is drawn
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

CHART_WIDTH = 10.0      # inches: the page's width at 96 dpi
BANDS = 20              # reported values are counted in this many bands of the value axis
CACHED_CHARTS = 200     # the oldest drawings beyond this many are removed from the cache
DOT_AREA = (12.0, 80.0)    # pt²: one source, the most sources (narrower than a band at 20 bands)

# Kemendagri codes start with the island group: one colour per group in the province chart.
REGIONS = {"1": "Sumatera", "2": "Sumatera", "3": "Jawa", "5": "Bali & Nusa Tenggara", "6": "Kalimantan",
           "7": "Sulawesi", "8": "Maluku", "9": "Papua"}
REGION_COLOURS = {"Sumatera": "#4c78a8", "Jawa": "#f58518", "Bali & Nusa Tenggara": "#54a24b",
                  "Kalimantan": "#b279a2", "Sulawesi": "#e45756", "Maluku": "#72b7b2", "Papua": "#9d755d"}
KIND_COLOURS = {"official": "#4c78a8", "article": "#f58518", "survey": "#54a24b"}
KIND_OFFSET = {"article": -0.16, "survey": 0.16}


def band_width(highest: float) -> float:
    """A round band width (1, 2, 2.5 or 5 × 10ⁿ) that cuts 0…`highest` into at most BANDS bands."""
    if highest <= 0:
        return 1.0
    raw = highest / BANDS
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def region(code: str) -> str:
    return REGIONS.get(code[:1], "Papua")


def _remembered(draw: Callable[..., str]) -> Callable[..., str]:
    """`draw`, with each SVG kept in the user's cache under a hash of its inputs, of the package's
    code and of matplotlib's version (the drawing is reproducible: see `_svg`)."""

    @functools.wraps(draw)
    def remembered(*args: Any) -> str:
        key = repr((draw.__name__, args, code_fingerprint(), version("matplotlib")))
        path = user_cache("charts") / f"{hashlib.sha256(key.encode()).hexdigest()}.svg"
        try:
            svg = path.read_text(encoding="utf-8")
        except OSError:
            svg = draw(*args)
        # A cache that cannot be written only costs time.
        with contextlib.suppress(OSError):
            _keep(path, svg)
        return svg

    return remembered


def _keep(path: Path, svg: str) -> None:
    """Store a new drawing (marking a stored one recently used), then prune the oldest."""
    if path.exists():
        os.utime(path)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(svg, encoding="utf-8")
    partial.replace(path)       # atomic: a concurrent reader sees the whole drawing or none
    kept = sorted(path.parent.glob("*.svg"), key=lambda p: p.stat().st_mtime)
    for old in kept[:-CACHED_CHARTS]:
        old.unlink(missing_ok=True)


@_remembered
def recipients_chart(official: Sequence[tuple[int, float]],
                     reported: Sequence[tuple[int, str, float, int]]) -> str:
    """Official totals as bars; reported values as dots, one per (year, kind, band), sized by sources."""
    fig, ax = _figure_axes(CHART_WIDTH, 3.6)
    years = sorted({y for y, _ in official} | {y for y, *_ in reported})
    if official:
        ax.bar([y for y, _ in official], [v for _, v in official], width=0.6,
               color=KIND_COLOURS["official"], alpha=0.85)
    most = max((n for *_, n in reported), default=1)
    low, high = DOT_AREA
    for kind, offset in KIND_OFFSET.items():
        points = [(y, v, n) for y, k, v, n in reported if k == kind]
        if points:
            ax.scatter([y + offset for y, _, _ in points], [v for _, v, _ in points],
                       s=[low + (high - low) * n / most for _, _, n in points], color=KIND_COLOURS[kind],
                       edgecolor="white", linewidth=0.6, zorder=3)
    span = list(range(min(years, default=0), max(years, default=0) + 1))    # a year without data too
    ax.set_xticks(span, [str(y) for y in span])
    ax.set_xlim(span[0] - 0.6, span[-1] + 0.6)
    ax.yaxis.set_major_formatter(axis)
    ax.set_ylabel("recipients")
    # Room above the highest mark: a dot at the top is not cut in half by the plot's edge.
    ax.set_ylim(0, 1.1 * max([v for _, v in official] + [v for _, _, v, _ in reported], default=1.0))
    ax.grid(axis="y", alpha=0.3)
    return _svg(fig, "recipients")


@_remembered
def provinces_chart(year: int, provinces: Sequence[tuple[str, str, float]]) -> str:
    """Official recipients per province in `year`, largest on top, coloured by island group."""
    provinces = list(reversed(provinces))     # barh draws bottom-up
    fig, ax = _figure_axes(CHART_WIDTH, 0.6 + 0.2 * len(provinces))
    values = [v for _, _, v in provinces]
    ax.barh([name for _, name, _ in provinces], values, height=0.72,
            color=[REGION_COLOURS[region(code)] for code, _, _ in provinces])
    for i, value in enumerate(values):
        ax.text(value, i, f" {exact(value)}", va="center", fontsize=7)
    ax.set_xlim(right=max(values, default=1) * 1.15)
    ax.set_ylim(-0.6, len(provinces) - 0.4)
    ax.xaxis.set_major_formatter(axis)
    ax.tick_params(axis="y", labelsize=8)
    ax.grid(axis="x", alpha=0.3)
    return _svg(fig, f"provinces-{year}")


def _figure_axes(width: float, height: float) -> tuple[Figure, Axes]:
    # The object API, not pyplot: no global figure state, safe inside a long-lived flow process.
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.add_subplot()
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax


def _svg(fig: Figure, name: str) -> str:
    """The figure as an <svg> element: text kept as text, ids unique per chart, no timestamp."""
    import matplotlib

    buffer = io.StringIO()
    # fonttype 'none' keeps labels as searchable text; a fixed salt makes the ids reproducible.
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": f"prakerja-{name}"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    # The XML prolog cannot stand inside HTML; the RDF metadata block only names matplotlib.
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text[text.index("<svg"):], flags=re.DOTALL)
    # matplotlib numbers its ids per figure ('figure_1', 'patch_1'): prefix them, as one page holds several.
    text = re.sub(r'\bid="([^"]+)"', rf'id="{name}-\1"', text)
    return re.sub(r'(href="|url\()#', rf"\1#{name}-", text)
