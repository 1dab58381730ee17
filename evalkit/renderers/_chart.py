"""The grade-distribution chart (등급 분포 그래프), drawn with matplotlib.

Drawn with the object API (no pyplot state), text in an installed Hangul font, and written
without dates or hash salts that change between runs, so the bytes are reproducible: PNG for
DOCX, SVG with text as paths for PDF (the PDF then needs no extra font for it).
"""

from __future__ import annotations

import io
from typing import Any, Literal

from .._errors import EvalkitError
from .._report import Chart
from ._fonts import chart_font_file

ChartFormat = Literal["png", "svg"]
WIDTH_MM = 150.0
HEIGHT_MM = 72.0
_COLOURS = ("#A6A6A6", "#1F3864", "#5B7DB1", "#C9D3E6")


# Where fontconfig is absent (Windows, macOS), ask matplotlib for a font Hangul users have.
_SYSTEM_KOREAN = (
    "Malgun Gothic",
    "Apple SD Gothic Neo",
    "AppleGothic",
    "NanumGothic",
    "Noto Sans CJK KR",
    "Noto Sans KR",
)


def _font_file(family: str | None) -> str:
    try:
        return chart_font_file(family)
    except EvalkitError:
        from matplotlib.font_manager import FontProperties, findfont

        for name in _SYSTEM_KOREAN:
            try:
                return str(findfont(FontProperties(family=name), fallback_to_default=False))
            except ValueError:
                continue
        raise


def render_chart(
    chart: Chart, fmt: ChartFormat, *, font_family: str | None = None, dpi: int = 200
) -> bytes:
    """The chart as PNG or SVG bytes, ``WIDTH_MM`` × ``HEIGHT_MM``."""
    import matplotlib  # heavy: imported only when a chart is drawn
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.ticker import MaxNLocator

    font = FontProperties(fname=_font_file(font_family), size=9)
    small = font.copy()
    small.set_size(8)
    rc: Any = {
        "svg.hashsalt": "evalkit",
        "svg.fonttype": "path",
        "axes.unicode_minus": False,
        "path.simplify": False,
    }
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(WIDTH_MM / 25.4, HEIGHT_MM / 25.4), dpi=dpi)
        if fmt == "png":
            from matplotlib.backends.backend_agg import FigureCanvasAgg

            FigureCanvasAgg(fig)
        else:
            from matplotlib.backends.backend_svg import FigureCanvasSVG

            FigureCanvasSVG(fig)
        ax = fig.add_subplot(1, 1, 1)
        n = len(chart.categories)
        k = max(1, len(chart.series))
        width = 0.8 / k
        top = max((v for s in chart.series for v in s.values), default=0)
        for j, series in enumerate(chart.series):
            xs = [i - 0.4 + width * (j + 0.5) for i in range(n)]
            colour = _COLOURS[j % len(_COLOURS)] if k > 1 else _COLOURS[1]
            bars = ax.bar(
                xs, series.values, width=width * 0.92, color=colour, label=series.name, zorder=3
            )
            for bar, v in zip(bars, series.values, strict=True):
                ax.text(
                    bar.get_x() + bar.get_width() / 2,
                    bar.get_height() + top * 0.02,
                    str(v),
                    ha="center",
                    va="bottom",
                    fontproperties=small,
                    zorder=4,
                )
        ax.set_xticks(range(n))
        ax.set_xticklabels(chart.categories, fontproperties=font)
        ax.set_ylabel(chart.y_label, fontproperties=font)
        ax.set_ylim(0, max(1, top) * 1.18)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        for label in ax.get_yticklabels():
            label.set_fontproperties(small)
        ax.grid(axis="y", color="#D9D9D9", linewidth=0.6, zorder=0)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        if len(chart.series) > 1:
            ax.legend(prop=small, frameon=False, loc="upper right")
        fig.subplots_adjust(left=0.09, right=0.99, top=0.95, bottom=0.13)
        buf = io.BytesIO()
        if fmt == "png":
            fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
        else:
            fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    return buf.getvalue()
