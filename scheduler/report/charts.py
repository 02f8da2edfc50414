"""Charts as inline SVG strings (matplotlib, no pyplot state, no network: the report stays one file).

Text stays text (`svg.fonttype: none`) so the file is small and searchable; every chart gets its own
id salt so the clip-path ids of several SVGs in one page never collide; no date in the metadata, so
the same roster gives the same file.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")  # no display, whatever the environment says

from matplotlib import colormaps  # noqa: E402
from matplotlib.colors import Normalize  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

INK = "#1f2933"
GRID = "#d9dee3"
BAR = "#2f6f9f"
BAR_OTHER = "#9fb8cc"
WORSE = "#c0392b"
BETTER = "#2e8b57"


def _svg(fig: Figure, chart_id: str) -> str:
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": chart_id}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight", dpi=200)
    text = buf.getvalue()
    # Inline in HTML: drop the XML prolog, DOCTYPE and metadata, keep the <svg> element.
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", text[text.index("<svg"):], flags=re.S)
    # matplotlib names every group (figure_1, patch_1...) the same in each chart: in one page those ids
    # would repeat. Keep only ids something points to (salted hashes, unique per chart).
    used = set(re.findall(r"(?:href=\"#|url\(#)([^\")]+)", svg))
    svg = re.sub(r'\s+id="([^"]+)"', lambda m: m.group(0) if m.group(1) in used else "", svg)
    return svg.replace("<svg ", f'<svg class="chart" id="{chart_id}" role="img" ', 1)


def _style(ax) -> None:  # type: ignore[no-untyped-def]
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors=INK, labelsize=8)


def heatmap(
    chart_id: str, rows: Sequence[str], delivered: Sequence[Sequence[float]], wanted: Sequence[Sequence[float]],
    day_names: Sequence[str], colorbar_label: str,
) -> str:
    """Rows x 168 hours of the week, coloured by delivered / wanted; hours with nothing wanted are blank."""
    cmap = colormaps["RdYlGn"].with_extremes(bad="#f4f5f7")
    ratio = [
        [d / w if w > 0 else math.nan for d, w in zip(drow, wrow, strict=True)]
        for drow, wrow in zip(delivered, wanted, strict=True)
    ]
    height = 0.9 + 0.32 * len(rows)
    fig = Figure(figsize=(11, height))
    ax = fig.add_subplot()
    mesh = ax.pcolormesh(
        range(len(ratio[0]) + 1), range(len(rows) + 1), ratio, cmap=cmap, norm=Normalize(0, 1),
        edgecolors="face", linewidth=0.1,
        rasterized=True,  # ~1500 cells as one embedded PNG, not 1500 paths: a tenth of the size
    )
    ax.set_yticks([i + 0.5 for i in range(len(rows))], list(rows))
    ax.invert_yaxis()
    ax.set_xticks([d * 24 + 12 for d in range(7)], list(day_names))
    ax.set_xticks([d * 24 + h for d in range(7) for h in (0, 6, 12, 18)] + [168], minor=True)
    ax.tick_params(axis="x", which="minor", length=3, color=INK)
    ax.tick_params(axis="x", which="major", length=0)
    for d in range(1, 7):
        ax.axvline(d * 24, color=INK, linewidth=0.8)
    for r in range(1, len(rows)):
        ax.axhline(r, color="white", linewidth=1.5)
    _style(ax)
    cbar = fig.colorbar(mesh, ax=ax, fraction=0.025, pad=0.01)
    cbar.set_label(colorbar_label, fontsize=8, color=INK)
    cbar.ax.tick_params(labelsize=7)
    return _svg(fig, chart_id)


def histogram(chart_id: str, values: Sequence[float], xlabel: str, ylabel: str) -> str:
    """How many officers have each value: one bar per distinct value when there are few (shift counts,
    hours in whole shifts), else 15 bins."""
    fig = Figure(figsize=(3.6, 2.4))
    ax = fig.add_subplot()
    distinct = sorted(set(values))
    if 0 < len(distinct) <= 30:
        step = min((b - a for a, b in zip(distinct, distinct[1:], strict=False)), default=1)
        ax.bar(distinct, [values.count(v) for v in distinct], width=0.8 * step, color=BAR)
        if len(distinct) <= 12:
            ax.set_xticks(distinct, [f"{v:g}" for v in distinct])
        else:
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    elif values:
        ax.hist(values, bins=15, color=BAR, edgecolor="white")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(xlabel, fontsize=8, color=INK)
    ax.set_ylabel(ylabel, fontsize=8, color=INK)
    ax.grid(axis="y", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    _style(ax)
    return _svg(fig, chart_id)


def bars(
    chart_id: str, title: str, labels: Sequence[str], values: Sequence[float | None], unit: str,
    value_labels: Sequence[str] | None = None, lower: Sequence[float | None] | None = None,
) -> str:
    """One measure across scenarios, as horizontal bars (long scenario labels stay readable): the first
    (the reference) dark, the others light; a missing value is a dash without a bar.

    `lower` draws a whisker from each bar's end down to that value: for the objective, the proven bound,
    so a chief sees how far each solve could still move before reading a difference as an effect.
    """
    fig = Figure(figsize=(3.8, 0.75 + 0.42 * len(labels)))
    ax = fig.add_subplot()
    ys = range(len(labels))
    drawn = ax.barh(
        ys, [v if v is not None else 0.0 for v in values], color=[BAR if i == 0 else BAR_OTHER for i in ys],
        edgecolor=INK, linewidth=0.4, height=0.6,
    )
    if lower is not None:
        spans = [(y, v, lo) for y, v, lo in zip(ys, values, lower, strict=True) if v is not None and lo is not None]
        if spans:
            ax.errorbar([v for _, v, _ in spans], [y for y, _, _ in spans],
                        xerr=[[max(0.0, v - lo) for _, v, lo in spans], [0.0] * len(spans)],
                        fmt="none", ecolor=INK, elinewidth=1.2, capsize=3)
    if value_labels is None:
        value_labels = ["–" if v is None else f"{v:,.4g}" for v in values]
    ax.bar_label(drawn, labels=list(value_labels), fontsize=7, color=INK, padding=3)
    ax.set_yticks(list(ys), [textwrap.shorten(label, 28, placeholder="…") for label in labels])
    ax.invert_yaxis()
    ax.set_title(title, fontsize=9, color=INK, loc="left")
    if unit:
        ax.set_xlabel(unit, fontsize=8, color=INK)
    if all(v is None or float(v).is_integer() for v in values):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.margins(x=0.22)
    ax.grid(axis="x", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    _style(ax)
    return _svg(fig, chart_id)


SERIES = ("#2f6f9f", "#e69f00", "#56b4e9", "#009e73", "#cc79a7", "#d55e00", "#8c8c8c", "#f0e442")


def grouped_bars(
    chart_id: str, title: str, groups: Sequence[str], series: Sequence[str],
    values: Sequence[Sequence[float | None]], unit: str,
) -> str:
    """One measure per group (zone) and series (scenario): `values[series][group]`, upright bars in
    clusters, the reference first and dark, the legend at the side (a colour-blind-safe palette)."""
    n = max(1, len(series))
    width = 0.8 / n
    fig = Figure(figsize=(min(11.0, 2.6 + len(groups) * (0.13 * n + 0.3)), 2.8))
    ax = fig.add_subplot()
    for s, (name, row) in enumerate(zip(series, values, strict=True)):
        xs = [g - 0.4 + width * (s + 0.5) for g in range(len(groups))]
        ax.bar(xs, [v if v is not None else 0.0 for v in row], width=width * 0.92, label=name,
               color=SERIES[s % len(SERIES)], edgecolor=INK, linewidth=0.3)
    ax.set_xticks(list(range(len(groups))), [textwrap.shorten(g, 14, placeholder="…") for g in groups])
    ax.set_title(title, fontsize=9, color=INK, loc="left")
    if unit:
        ax.set_ylabel(unit, fontsize=8, color=INK)
    ax.grid(axis="y", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    _style(ax)
    ax.legend([textwrap.shorten(s, 28, placeholder="…") for s in series], fontsize=7, frameon=False,
              loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return _svg(fig, chart_id)


def week_lines(
    chart_id: str, title: str, series: Sequence[str], means: Sequence[Sequence[float | None]],
    lows: Sequence[Sequence[float | None]], highs: Sequence[Sequence[float | None]], xlabel: str, unit: str,
) -> str:
    """One measure week by week: a line per series (policy) through its weekly means and, where the week
    has an interval, a shaded band from low to high in the line's colour (so overlapping bands show
    where policies cannot be told apart). Missing values leave a gap in the line."""
    fig = Figure(figsize=(5.2, 2.7))
    ax = fig.add_subplot()
    for s, name in enumerate(series):
        colour = SERIES[s % len(SERIES)]
        weeks = list(range(1, len(means[s]) + 1))
        nan = [math.nan if v is None else v for v in means[s]]
        lo = [math.nan if v is None else v for v in lows[s]]
        hi = [math.nan if v is None else v for v in highs[s]]
        if any(not math.isnan(v) for v in lo):
            ax.fill_between(weeks, lo, hi, color=colour, alpha=0.18, linewidth=0)
        ax.plot(weeks, nan, color=colour, linewidth=1.6, marker="o", markersize=3,
                label=textwrap.shorten(name, 28, placeholder="…"))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title, fontsize=9, color=INK, loc="left")
    ax.set_xlabel(xlabel, fontsize=8, color=INK)
    if unit:
        ax.set_ylabel(unit, fontsize=8, color=INK)
    ax.grid(axis="y", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    _style(ax)
    ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return _svg(fig, chart_id)


def strips(chart_id: str, title: str, rows: Sequence[str], values: Sequence[Sequence[float]], xlabel: str) -> str:
    """A distribution per row (policy): a box over the middle half with the median, and every value as a
    dot (spread over the row's height by a fixed pattern, not at random: the same data, the same file)."""
    fig = Figure(figsize=(5.2, 0.9 + 0.55 * len(rows)))
    ax = fig.add_subplot()
    filled = [(y, list(v)) for y, v in enumerate(values) if v]
    if filled:
        # Matplotlib 3.10 named it `orientation`; 3.11 warns on the older `vert`, 3.8 knows only that one.
        sideways = {"orientation": "horizontal"} if matplotlib.__version_info__ >= (3, 10) else {"vert": False}
        ax.boxplot([v for _, v in filled], positions=[y for y, _ in filled], widths=0.5, **sideways,
                   showfliers=False, patch_artist=True, boxprops={"facecolor": "#eef2f6", "edgecolor": INK, "linewidth": 0.6},
                   medianprops={"color": INK, "linewidth": 1.4}, whiskerprops={"color": INK, "linewidth": 0.6},
                   capprops={"color": INK, "linewidth": 0.6})
    for y, v in filled:
        offsets = [((i * 0.618034) % 1.0 - 0.5) * 0.4 for i in range(len(v))]
        ax.scatter(v, [y + o for o in offsets], s=7, color=SERIES[y % len(SERIES)], alpha=0.75, linewidths=0, zorder=3)
    ax.set_yticks(list(range(len(rows))), [textwrap.shorten(r, 24, placeholder="…") for r in rows])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_title(title, fontsize=9, color=INK, loc="left")
    ax.set_xlabel(xlabel, fontsize=8, color=INK)
    ax.grid(axis="x", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    _style(ax)
    return _svg(fig, chart_id)


def without_namespaces(svg: str) -> str:
    """The SVG without its namespace declarations: inline in HTML the parser supplies them (xlink:href
    included), and the page then names no http address at all, not even as an identifier."""
    return re.sub(r'\s+xmlns(?::xlink)?="http://www\.w3\.org/[^"]*"', "", svg)
