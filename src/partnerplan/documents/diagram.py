"""The «Модель взаимодействия» (seed 002) as a picture: the planner in the centre,
partner groups around it, the forms of interaction written on the links.

Drawn with matplotlib's object API (no pyplot: no global state, no GUI backend); its
bundled DejaVu fonts carry Cyrillic, so the picture reads the same on any machine.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

from partnerplan.plan.check import Vocabulary
from partnerplan.plan.model import Partner, Plan


@dataclass(frozen=True, slots=True)
class Node:
    title: str
    members: tuple[str, ...]  # partner names inside a group node
    forms: tuple[str, ...]  # forms of interaction on the link


def model_nodes(plan: Plan, voc: Vocabulary) -> list[Node]:
    """Each group is one node, each partner without a group is a node of its own; in the
    order of the plan's table."""
    from partnerplan.documents.table import partner_blocks

    nodes: list[Node] = []
    for gid, members in partner_blocks(plan):
        if gid is None:
            nodes.extend(Node(p.name, (), _forms([p], voc)) for p in members)
        else:
            nodes.append(Node(voc.groups[gid], tuple(p.name for p in members), _forms(members, voc)))
    return nodes


def _forms(partners: list[Partner], voc: Vocabulary) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for p in partners:
        for a in p.activities:
            seen.setdefault(voc.form_name(a.form), None)
    return tuple(seen)


def _wrap(text: str, width: int) -> str:
    from partnerplan.documents.ooxml import xml_text  # the SVG is XML too

    text = xml_text(text)
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=False)) or text


# Centred text drawn as written (no mathtext).
_PLAIN = {"ha": "center", "va": "center", "parse_math": False}


def render_model(plan: Plan, voc: Vocabulary, fmt: str = "png") -> bytes:
    """The model as PNG or SVG bytes (deterministic for the same plan).

    Names are drawn as written: `parse_math=False`, or «$…$» would be read as a formula."""
    from partnerplan.documents.charts import figure_bytes, new_figure

    nodes = model_nodes(plan, voc)
    fig = new_figure(14.0, 9.4)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-1.2, 1.2)
    ax.set_ylim(-1.1, 1.1)
    ax.axis("off")
    n = max(len(nodes), 1)
    for i, node in enumerate(nodes):
        angle = math.pi / 2 - 2 * math.pi * i / n
        x, y = 0.88 * math.cos(angle), 0.8 * math.sin(angle)
        ax.plot([0, x], [0, y], color="#4a6fa5", linewidth=1.6, zorder=1)
        if node.forms:
            label = _wrap(", ".join(node.forms[:6]) + (", …" if len(node.forms) > 6 else ""), 26)
            label = label[:1].upper() + label[1:]
            # Neighbouring labels sit at different distances so that they do not overlap.
            t = 0.6 if i % 2 == 0 else 0.45
            box = {"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": "none", "alpha": 0.92}
            ax.text(t * x, t * y, label, **_PLAIN, fontsize=8.5, style="italic",
                    color="#1f3b63", zorder=3, bbox=box)  # fmt: skip
        members = node.members[:6]
        more = len(node.members) - len(members)
        lines = [_wrap(node.title, 24)]
        if members:
            lines.append("")
            lines.extend(_wrap(m, 28) for m in members)
            if more:
                lines.append(f"и ещё {more}")
        box = {"boxstyle": "round,pad=0.5", "facecolor": "#eaf1fb", "edgecolor": "#4a6fa5", "linewidth": 1.4}
        weight = "bold" if not members else "normal"
        ax.text(x, y, "\n".join(lines), **_PLAIN, fontsize=9.5, zorder=4, fontweight=weight,
                bbox=box)  # fmt: skip
    box = {"boxstyle": "round,pad=0.8", "facecolor": "#2f5597", "edgecolor": "#1f3b63", "linewidth": 2}
    ax.text(0, 0, _wrap(plan.planner.name, 22), **_PLAIN, fontsize=13, fontweight="bold",
            zorder=5, color="white", bbox=box)  # fmt: skip
    return figure_bytes(fig, fmt)
