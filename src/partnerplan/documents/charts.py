"""matplotlib for pictures: object API only (no pyplot, no GUI), DejaVu fonts for Cyrillic,
and byte-stable output (fixed SVG ids, no dates in metadata)."""

from __future__ import annotations

import io
from typing import Any


def new_figure(width_in: float, height_in: float) -> Any:
    import matplotlib

    matplotlib.rcParams["svg.hashsalt"] = "partnerplan"  # stable element ids
    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: selectable Cyrillic
    matplotlib.rcParams["font.family"] = "DejaVu Sans"
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_in, height_in))
    FigureCanvasAgg(fig)
    return fig


def figure_bytes(fig: Any, fmt: str) -> bytes:
    buf = io.BytesIO()
    if fmt == "svg":
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "partnerplan"})
    else:
        fig.savefig(buf, format="png", dpi=110, metadata={"Software": "partnerplan"})
    return buf.getvalue()


def inline_svg(svg: bytes) -> str:
    """An SVG for embedding in HTML: without its XML prologue and doctype."""
    text = svg.decode("utf-8")
    return text[text.index("<svg") :]


def bar_chart(items: list[tuple[str, int]], title: str, fmt: str = "png") -> bytes:
    """Events per month or per direction, with the counts written on the bars."""
    fig = new_figure(9, 3.6)
    ax = fig.add_subplot(1, 1, 1)
    from partnerplan.documents.ooxml import xml_text  # the SVG is XML

    # Names are plan text: a «$» would start a mathtext formula (and a bad one an error).
    labels = [xml_text(name).replace("$", r"\$") for name, _ in items]
    values = [n for _, n in items]
    bars = ax.bar(range(len(values)), values, color="#4a6fa5")
    slanted = len(labels) > 6
    ax.set_xticks(
        range(len(labels)),
        labels,
        rotation=30 if slanted else 0,
        ha="right" if slanted else "center",
        fontsize=8,
    )
    ax.bar_label(bars, fontsize=8)
    ax.set_title(title, fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return figure_bytes(fig, fmt)
