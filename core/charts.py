"""Bar charts for reports and web pages: PNG bytes (reports), SVG (the web), a text
alternative that states the numbers, and the same numbers as a Table.

Charts are drawn with matplotlib (Agg canvas, no pyplot) in DejaVu Sans, at the size they are
printed, so 9 pt in the chart is 9 pt on paper. Output is deterministic (no timestamps or
version strings in the PNG). Colours are the colour-blind-safe Okabe–Ito set, with the two
light members (orange, sky blue) replaced by darker ochre and grey so that every bar has at
least 3:1 contrast against the white page; bars also carry their values as text.

One colour per category in every chart, web and report alike: a series whose name is in
CATEGORY_COLOURS ("Kvinnor", "Ej registrerad", "Budget" …) always has that colour; other
series take the palette's remaining colours in order.
"""

from __future__ import annotations

import base64
import io
import re
import textwrap
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal
from xml.sax.saxutils import escape

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure as PlotFigure
from matplotlib.ticker import FuncFormatter

from core.document import Column, Figure, RowInput, Table
from core.formatting import (
    MISSING,
    NBSP,
    format_count_with_share,
    format_number,
    round_shares_to_100,
    to_decimal,
)

Number = int | float | Decimal
Layout = Literal["grouped", "stacked", "percent"]

PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#A67C00", "#737373")
BLUE, VERMILION, GREEN, PURPLE, OCHRE, GREY = PALETTE
# The colour of a category wherever it is drawn (issue 11: "Ej registrerad" was olive in one
# chart and pink in another). Keyed by the name the chart shows, which is the label in
# participants.choices (participants/tests/test_charts.py checks that every label is here).
# Missing or unknown data is grey everywhere; a good outcome green.
CATEGORY_COLOURS: dict[str, str] = {
    # Kön
    "Kvinnor": BLUE,
    "Män": VERMILION,
    "Ej angivet kön": GREY,
    # Avslutsorsaker in the charts' groups (participants.choices.END_REASON_GROUPS)
    "Arbete, studier, arbetssökande": GREEN,
    "Fortsatt rehabilitering": BLUE,
    "Sjukdom": VERMILION,
    "Annat": OCHRE,
    "Ej registrerad": GREY,
    # Egen försörjning tolv månader efter avslut
    "Egen försörjning": GREEN,
    "Inte egen försörjning": VERMILION,
    "Ej nådd": OCHRE,
    # Economy
    "Budget": BLUE,
    "Utfall": VERMILION,
    "Intäkter": BLUE,
    "Kostnader": VERMILION,
}
TEXT_COLOUR = "#222222"
GRID_COLOUR = "#D9D9D9"
FONT_SIZE = 8.5
SVG_FONTS = "font-family: 'DejaVu Sans', Verdana, 'Bitstream Vera Sans', sans-serif"
_DRAW_LOCK = threading.Lock()
_CACHE_LOCK = threading.Lock()
_IMAGE_CACHE: OrderedDict[tuple, bytes] = OrderedDict()  # least recently used first
_IMAGE_CACHE_SIZE = 128

_LAYOUT_NAMES = {
    "grouped": "Stapeldiagram",
    "stacked": "Staplat stapeldiagram",
    "percent": "Staplat stapeldiagram med andelar i procent",
}


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Number | None]


@dataclass(frozen=True)
class BarChart:
    """A bar chart over categories with one or more series.

    layout "grouped": series side by side; "stacked": series on top of each other;
    "percent": each category's bar is 100 % and the series are shares of it (values are
    counts; shares are rounded so each bar's labels sum to exactly 100).
    `unit` is shown on the value axis ("antal deltagare", "tkr"); with unit "%" the values
    are already percentages and labels read "46 %".
    """

    title: str
    categories: Sequence[str]
    series: Sequence[Series]
    layout: Layout = "grouped"
    horizontal: bool = False
    unit: str = ""
    decimals: int = 0
    category_title: str = ""  # first column title in the data table

    def __post_init__(self) -> None:
        if not self.series:
            raise ValueError(f"Diagrammet {self.title!r} saknar dataserier.")
        for series in self.series:
            if len(series.values) != len(self.categories):
                raise ValueError(
                    f"Diagrammet {self.title!r}, serien {series.name!r}: "
                    f"{len(series.values)} värden men {len(self.categories)} kategorier."
                )
        if len(self.series) > len(PALETTE):
            raise ValueError(
                f"Diagrammet {self.title!r} har {len(self.series)} serier; "
                f"högst {len(PALETTE)} går att skilja åt."
            )

    # --- Numbers -------------------------------------------------------------------------

    def colours(self) -> list[str]:
        """Each series' colour: its category's (CATEGORY_COLOURS) when no earlier series of
        this chart has that colour, else the first palette colour not yet used here."""
        named = [CATEGORY_COLOURS.get(str(series.name)) for series in self.series]
        taken: set[str] = set()
        chosen: list[str | None] = []
        for colour in named:
            if colour is not None and colour not in taken:
                taken.add(colour)
                chosen.append(colour)
            else:
                chosen.append(None)
        free = iter(c for c in PALETTE if c not in taken)
        return [colour or next(free) for colour in chosen]

    def value(self, series_index: int, category_index: int) -> float:
        raw = self.series[series_index].values[category_index]
        return 0.0 if raw is None else float(raw)

    def category_total(self, category_index: int) -> Decimal:
        values = [series.values[category_index] for series in self.series]
        return sum((to_decimal(v) for v in values if v is not None), Decimal(0))

    def shares(self) -> list[list[int]]:
        """Whole-percent shares per category (rows) and series (columns), summing to 100."""
        return [
            round_shares_to_100(
                [series.values[c] or 0 for series in self.series],
            )
            for c in range(len(self.categories))
        ]

    def format_value(self, raw: Number | None) -> str:
        if raw is None:
            return MISSING
        text = format_number(raw, self.decimals)
        return f"{text}{NBSP}%" if self.unit == "%" else text

    # --- Text alternative and data table -------------------------------------------------

    def describe(self) -> str:
        """Alt text that states every number, e.g. for screen readers and the PDF's tags."""
        kind = _LAYOUT_NAMES[self.layout]
        unit = f" ({self.unit})" if self.unit and self.unit != "%" else ""
        parts = [f"{kind}: {self.title}{unit}."]
        if self.layout == "percent":
            shares = self.shares()
            for c, category in enumerate(self.categories):
                items = ", ".join(
                    f"{series.name} {shares[c][s]}{NBSP}% ({self.format_value(series.values[c])})"
                    for s, series in enumerate(self.series)
                )
                parts.append(f"{category}: {items}.")
        elif len(self.series) == 1:
            items = ", ".join(
                f"{category} {self.format_value(self.series[0].values[c])}"
                for c, category in enumerate(self.categories)
            )
            parts.append(f"{items}.")
        else:
            for series in self.series:
                items = ", ".join(
                    f"{category} {self.format_value(series.values[c])}"
                    for c, category in enumerate(self.categories)
                )
                parts.append(f"{series.name}: {items}.")
            if self.layout == "stacked":
                items = ", ".join(
                    f"{category} {self.format_value(self.category_total(c))}"
                    for c, category in enumerate(self.categories)
                )
                parts.append(f"Summa: {items}.")
        return " ".join(parts)

    def data_table(self, caption: str = "") -> Table:
        """The chart's numbers as a table (categories as rows, series as columns)."""
        columns = [Column(self.category_title or "")]
        columns += [Column(series.name, kind="number") for series in self.series]
        rows: list[RowInput] = list(self.table_rows())
        return Table(columns=columns, rows=rows, caption=caption or self.title)

    def table_rows(self) -> list[list[str]]:
        """The data table's rows as text: the category, then each series' value ("12 (4 %)"
        in a percent chart)."""
        rows: list[list[str]] = []
        shares = self.shares() if self.layout == "percent" else None
        for c, category in enumerate(self.categories):
            row = [str(category)]
            for s, series in enumerate(self.series):
                raw = series.values[c]
                if shares is not None:
                    row.append(format_count_with_share(_as_int(raw), shares[c][s]))
                else:
                    row.append(self.format_value(raw))
            rows.append(row)
        return rows

    # --- Drawing -------------------------------------------------------------------------

    def to_png(self, width_cm: float, height_cm: float, dpi: int = 200) -> bytes:
        """The chart as PNG. The same chart at the same size is drawn once: a report is laid
        out for its page numbers, then rendered to PDF and DOCX, each needing the images."""
        return self._cached(("png", width_cm, height_cm, dpi))

    def to_svg(self, width_cm: float, height_cm: float) -> bytes:
        """The chart as a standalone SVG for the web: vector, so it stays sharp at any zoom,
        with <title> and <desc> (the numbers) for anyone who opens the image by itself. Text
        stays text (a third of the size of outlines); without DejaVu Sans the browser takes
        Verdana, its nearest relative in width, or another sans-serif."""
        return self._cached(("svg", width_cm, height_cm, 72))

    def svg_data_uri(self, width_cm: float, height_cm: float) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(
            self.to_svg(width_cm, height_cm)
        ).decode("ascii")

    def _cached(self, spec: tuple[str, float, float, int]) -> bytes:
        key = (repr(self), *spec)
        with _CACHE_LOCK:
            cached = _IMAGE_CACHE.get(key)
            if cached is not None:
                _IMAGE_CACHE.move_to_end(key)
                return cached
        kind, width_cm, height_cm, dpi = spec
        content = self._render(kind, width_cm, height_cm, dpi)
        with _CACHE_LOCK:
            _IMAGE_CACHE[key] = content
            while len(_IMAGE_CACHE) > _IMAGE_CACHE_SIZE:
                _IMAGE_CACHE.popitem(last=False)
        return content

    def _render(self, kind: str, width_cm: float, height_cm: float, dpi: int) -> bytes:
        # A bare Figure on an Agg canvas: no pyplot state. The lock serialises the
        # rcParams context, which is process-global, for threaded web servers.
        with _DRAW_LOCK, matplotlib.rc_context(_RC):
            figure = PlotFigure(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=dpi)
            FigureCanvasAgg(figure)
            axes = figure.add_subplot()
            self._draw(axes)
            figure.tight_layout(pad=0.4)
            self._add_legend(figure, axes)
            figure.tight_layout(pad=0.4)
            # tight_layout leaves a placeholder layout engine behind, which makes savefig
            # draw the whole figure once more before it renders; the layout is done.
            figure.set_layout_engine(None)
            buffer = io.BytesIO()
            if kind == "svg":
                with matplotlib.rc_context({"svg.fonttype": "none"}):
                    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
                return self._label_svg(buffer.getvalue())
            figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
        return buffer.getvalue()

    def _label_svg(self, content: bytes) -> bytes:
        """<title> and <desc> first in the SVG, named as its accessible name."""
        text = content.decode("utf-8")
        opening = re.search(r"<svg\b[^>]*>", text)
        if opening is None:  # pragma: no cover - matplotlib always writes one
            return content
        tag = opening.group(0).replace("<svg ", '<svg role="img" aria-labelledby="t d" ', 1)
        label = (
            f'<title id="t">{escape(self.title)}</title>'
            f'<desc id="d">{escape(self.describe())}</desc>'
        )
        text = text[: opening.start()] + tag + label + text[opening.end() :]
        text = text.replace("font-family: 'DejaVu Sans'", SVG_FONTS)
        return text.encode("utf-8")

    def _draw(self, axes) -> None:
        count = len(self.categories)
        positions = list(range(count))
        stacked = self.layout in ("stacked", "percent")
        group_width = 0.72 if len(self.series) > 1 else 0.6
        bar_width = group_width if stacked else group_width / len(self.series)
        shares = self.shares() if self.layout == "percent" else None
        bases = [0.0] * count
        bar = axes.barh if self.horizontal else axes.bar

        colours = self.colours()
        for s, series in enumerate(self.series):
            colour = colours[s]
            offsets: list[float]
            if stacked:
                offsets = [float(p) for p in positions]
            else:
                shift = (s - (len(self.series) - 1) / 2) * bar_width
                offsets = [p + shift for p in positions]
            if shares is not None:
                totals = [sum(self.value(i, c) for i in range(len(self.series))) for c in positions]
                lengths = [
                    100 * self.value(s, c) / totals[c] if totals[c] else 0.0 for c in positions
                ]
                labels = [f"{shares[c][s]}{NBSP}%" for c in positions]
            else:
                lengths = [self.value(s, c) for c in positions]
                labels = [self.format_value(series.values[c]) for c in positions]
            extent = {"left" if self.horizontal else "bottom": bases} if stacked else {}
            size = {"height" if self.horizontal else "width": bar_width}
            patches = bar(
                offsets,
                lengths,
                color=colour,
                edgecolor="white",
                linewidth=0.8,
                label=series.name,
                zorder=3,
                **size,
                **extent,
            )
            if stacked:
                pairs = zip(labels, lengths, strict=True)
                visible = [label if self._fits(length) else "" for label, length in pairs]
                axes.bar_label(
                    patches,
                    labels=visible,
                    label_type="center",
                    color=_label_colour(colour),
                    fontsize=FONT_SIZE - 0.5,
                )
                bases = [b + length for b, length in zip(bases, lengths, strict=True)]
            else:
                axes.bar_label(
                    patches,
                    labels=labels,
                    padding=2,
                    color=TEXT_COLOUR,
                    fontsize=self.value_label_size(),
                )

        # A stack of percentages is a whole by definition: its rounded parts may add to 99 or
        # 101, which a total label would show as if something were missing or extra.
        if self.layout == "stacked" and self.unit != "%":
            sums = [self.format_value(self.category_total(c)) for c in positions]
            axes.bar_label(
                patches, labels=sums, padding=2, color=TEXT_COLOUR, fontsize=FONT_SIZE - 0.5
            )
        self._style_axes(axes, positions)

    def value_label_size(self) -> float:
        """Values over grouped bars: smaller when three or more bars share a category, so
        that neighbouring labels ("36 %" "35 %") do not run together."""
        if self.layout == "grouped" and len(self.series) >= 3:
            return FONT_SIZE - 1.5
        return FONT_SIZE - 0.5

    def _fits(self, length: float) -> bool:
        """Whether a stacked segment is long enough to hold its label."""
        if self.layout == "percent":
            return length >= 7
        total = max(
            sum(self.value(s, c) for s in range(len(self.series)))
            for c in range(len(self.categories))
        )
        return total > 0 and length / total >= 0.07

    def category_labels(self) -> list[str]:
        """The category names as printed, wrapped to the room each has: beside horizontal
        bars 18 characters; under vertical bars the width's share, but never under 14 (at 12,
        "Annat eller ej registrerad" took three lines, one of them "ej")."""
        wrap = 18 if self.horizontal else max(14, int(72 / max(1, len(self.categories))))
        return [
            textwrap.fill(str(category), wrap, break_long_words=False)
            for category in self.categories
        ]

    def _style_axes(self, axes, positions: list[int]) -> None:
        labels = self.category_labels()
        value_axis = axes.xaxis if self.horizontal else axes.yaxis
        if self.horizontal:
            axes.set_yticks(positions, labels)
            axes.invert_yaxis()  # first category on top, as in a table
            axes.grid(axis="x", color=GRID_COLOUR, linewidth=0.6, zorder=0)
            axes.tick_params(axis="y", length=0)
        else:
            axes.set_xticks(positions, labels)
            axes.grid(axis="y", color=GRID_COLOUR, linewidth=0.6, zorder=0)
            axes.tick_params(axis="x", length=0)
        if self.layout == "percent" or self.unit == "%":
            value_axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f}{NBSP}%"))
        else:
            value_axis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v)))
        if self.layout == "percent":
            (axes.set_xlim if self.horizontal else axes.set_ylim)(0, 100)
        else:  # room for the value labels at the bar ends
            (axes.margins(x=0.12) if self.horizontal else axes.margins(y=0.12))
        if self.unit and self.unit != "%" and self.layout != "percent":
            (axes.set_xlabel if self.horizontal else axes.set_ylabel)(self.unit)
        for side in ("top", "right", "left" if not self.horizontal else "bottom"):
            axes.spines[side].set_visible(False)
        axes.tick_params(axis="x" if self.horizontal else "y", length=0)

    def _add_legend(self, figure, axes) -> None:
        """Legend above the plot, in as many columns as fit the figure, read row by row."""
        if len(self.series) < 2:
            return
        handles, names = axes.get_legend_handles_labels()
        renderer = figure.canvas.get_renderer()
        for columns in range(len(handles), 0, -1):
            # matplotlib fills legend columns top-down; reorder so entries read row by row
            order = [i for c in range(columns) for i in range(c, len(handles), columns)]
            legend = axes.legend(
                [handles[i] for i in order],
                [names[i] for i in order],
                loc="lower left",
                bbox_to_anchor=(0, 1.01),
                ncols=columns,
                frameon=False,
                handlelength=1.0,
                handleheight=1.0,
                borderaxespad=0.2,
            )
            if legend.get_window_extent(renderer).x1 <= figure.bbox.x1 - 2:
                return
            if columns > 1:
                legend.remove()


def chart_figure(
    chart: BarChart,
    caption: str,
    *,
    width_cm: float = 16.0,
    height_cm: float = 7.5,
    alt_text: str = "",
) -> Figure:
    """A document Figure for the chart; its alt text states the numbers unless given."""
    return Figure(
        caption=caption,
        chart=chart,
        alt_text=alt_text or chart.describe(),
        width_cm=width_cm,
        height_cm=height_cm,
    )


def _as_int(value: Number | None) -> int | None:
    return None if value is None else int(value)


def _relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two "#rrggbb" colours."""
    high, low = sorted((_relative_luminance(first), _relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _label_colour(background: str) -> str:
    """White text on dark bars, near-black on light ones: whichever contrasts ≥ 4.5:1."""
    return "#FFFFFF" if contrast_ratio(background, "#FFFFFF") >= 4.5 else "#000000"


_RC: dict[Any, Any] = {  # Any: matplotlib types the keys as a Literal of every rc name
    "font.family": "DejaVu Sans",
    "font.size": FONT_SIZE,
    "axes.edgecolor": "#888888",
    "axes.labelcolor": TEXT_COLOUR,
    "axes.titlesize": FONT_SIZE + 1,
    "xtick.color": TEXT_COLOUR,
    "ytick.color": TEXT_COLOUR,
    "xtick.labelsize": FONT_SIZE,
    "ytick.labelsize": FONT_SIZE,
    "legend.fontsize": FONT_SIZE,
    "text.color": TEXT_COLOUR,
    "axes.unicode_minus": True,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "path.simplify": False,
    "svg.hashsalt": "samordna",  # the same ids in every drawing of the same chart
}
