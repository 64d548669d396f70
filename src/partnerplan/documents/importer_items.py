"""One cell of activities → items, and the other cells of the row lined up with them.

Owns how a cell holding several activities is read: lines made with Enter or
Shift+Enter alike; «•»/«·» bullets and «1)» numbers start items, and the lines after a
bullet continue it; «–» items under a line ending in «:» are its sub-items; a line
that merely wraps («Образование конкурсной / комиссии по …») continues the one above;
a bold or «Мероприятия совместно с …» first line is the cell's heading. The periods
(and the responsible persons, the participants) are matched to the items by their
lines: one for one when the counts agree, else by the line — or the printed line, for
the padded cells partnerplan itself writes — on which each begins; an item without a
period of its own takes the one above (a period written once for a run).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from partnerplan.documents.importer_grid import Cell
from partnerplan.documents.importer_text import bullet, collapse, looks_like_period

_MM_PER_CHAR = 2.0  # Times New Roman 12 pt, as partnerplan's own renderer assumes
_HEADING_WORDS = re.compile(r"^(?:мероприятия|программа|раздел|направлени|блок)\b", re.IGNORECASE)


@dataclass(slots=True)
class Line:
    index: int  # lines of the cell, Enter and Shift+Enter alike, empty ones counted
    visual: int  # the printed line it starts on, in the cell's column width
    text: str
    bold: bool = False


@dataclass(slots=True)
class Item:
    title: str
    start: int
    visual: int
    subs: list[str] = field(default_factory=list)  # «– …» lines under it
    extra: list[str] = field(default_factory=list)  # paragraphs that follow it (go to the note)


@dataclass(slots=True)
class Split:
    items: list[Item]
    heading: str = ""


def cell_lines(cell: Cell | None, width_mm: float = 0.0) -> list[Line]:
    if cell is None:
        return []
    out: list[Line] = []
    visual = 0
    for p in cell.paras:
        for raw in p.text.split("\n"):
            text = collapse(raw)
            out.append(Line(len(out), visual, text, p.bold))
            visual += _height(text, width_mm)
    return out


def _height(text: str, width_mm: float) -> int:
    """Printed lines a line takes in a column of `width_mm` (greedy word wrap)."""
    if width_mm <= 0 or not text:
        return 1
    width = max(int((width_mm - 3) / _MM_PER_CHAR), 1)
    lines, used = 1, 0
    for word in text.split():
        need = len(word) if used == 0 else used + 1 + len(word)
        if need <= width or used == 0:
            used = need
            while used > width:
                lines += 1
                used -= width
        else:
            lines += 1
            used = len(word)
    return lines


def split_items(cell: Cell | None, width_mm: float = 0.0) -> Split:
    lines = [ln for ln in cell_lines(cell, width_mm) if ln.text]
    if not lines:
        return Split([])
    if len(lines) == 1:
        return Split([Item(lines[0].text, lines[0].index, lines[0].visual)])
    kinds = [bullet(ln.text) for ln in lines]
    starters = sum(1 for k, _ in kinds if k == "strong") + (
        sum(1 for k, _ in kinds if k == "num") if sum(1 for k, _ in kinds if k == "num") >= 2 else 0
    )
    if starters:
        return _bulleted(lines, kinds)
    if any(k == "dash" for k, _ in kinds) and any(k != "dash" for k, _ in kinds):
        return _with_subs(lines, kinds)
    items: list[Item] = []
    previous: Line | None = None
    for ln in lines:
        text = bullet(ln.text)[1]
        if (
            items
            and previous is not None
            and previous.index == ln.index - 1
            and _continues(previous.text, text)
        ):
            items[-1].title += " " + text
        else:
            items.append(Item(text, ln.index, ln.visual))
        previous = ln
    return _heading(items, lines)


_OPEN_END = re.compile(
    r"(?:[,(«\"\-–—]|\s(?:и|или|а|в|во|на|по|для|с|со|к|о|об|от|из|за|при|у))$", re.IGNORECASE
)


def _continues(before: str, after: str) -> bool:
    """A wrapped line: the first did not end a sentence, and the next starts in lower case,
    with a digit or a bracket, or the first stopped on a comma or a preposition."""
    if not after or before.rstrip().endswith((".", ";", "!", "?", ":")):
        return False
    return (
        after[0].islower() or after[0].isdigit() or after[0] == "(" or bool(_OPEN_END.search(before.rstrip()))
    )


def _bulleted(lines: list[Line], kinds: list[tuple[str, str]]) -> Split:
    items: list[Item] = []
    heading: list[str] = []
    previous = -2
    for ln, (kind, text) in zip(lines, kinds, strict=True):
        if kind in ("strong", "num"):
            items.append(Item(text, ln.index, ln.visual))
        elif not items:
            heading.append(text)
        elif kind == "dash":
            items[-1].subs.append(text)
        elif ln.index == previous + 1:
            items[-1].title += " " + text
        else:
            items[-1].extra.append(text)
        previous = ln.index
    return Split(items, " ".join(heading))


def _with_subs(lines: list[Line], kinds: list[tuple[str, str]]) -> Split:
    items: list[Item] = []
    parent_ok = False
    for ln, (kind, text) in zip(lines, kinds, strict=True):
        if kind == "dash" and items and parent_ok:
            items[-1].subs.append(text.rstrip(";").strip())
        else:
            items.append(Item(text, ln.index, ln.visual))
            parent_ok = kind != "dash"
    for it in items:
        if it.subs:
            it.title = it.title.rstrip(" :").strip() if it.title.rstrip().endswith(":") else it.title
    return _heading(items, lines)


def _heading(items: list[Item], lines: list[Line]) -> Split:
    if len(items) >= 3:
        first = items[0]
        bold_first = lines[0].bold and not any(ln.bold for ln in lines[1:])
        if bold_first or _HEADING_WORDS.match(first.title) or (first.title.endswith(":") and not first.subs):
            return Split(items[1:], first.title)
    return Split(items)


def align(
    split: Split, other: Cell | None, width_mm: float = 0.0, *, periods: bool = False, sep: str = " "
) -> list[str]:
    """The text of `other` that belongs to each item of `split` (its lines joined by `sep`)."""
    items = split.items
    lines = [ln for ln in cell_lines(other, width_mm) if ln.text]
    n = len(items)
    if not n:
        return []
    if not lines:
        return [""] * n
    if n == 1:
        return [sep.join(ln.text for ln in lines)]
    if periods:
        lines = _merge_non_periods(lines)
    if len(lines) == n:
        return [ln.text for ln in lines]
    if split.heading and not periods:  # «20» beside the heading is the heading's, not the first item's
        lines = [ln for ln in lines if ln.index >= items[0].start] or lines
    by_index = _by_ranges([it.start for it in items], [(ln.index, ln.text) for ln in lines])
    by_visual = _by_ranges([it.visual for it in items], [(ln.visual, ln.text) for ln in lines])
    chosen = by_visual if _clean(by_visual) > _clean(by_index) else by_index
    out: list[str] = []
    current = ""
    for found in chosen:
        if found:
            current = sep.join(found)
        out.append(current)
    return out


def is_period(text: str) -> bool:
    """Text the period language reads (in a default year), or that begins like a period."""
    return looks_like_period(text) or _parses(text)


@lru_cache(maxsize=4096)
def _parses(text: str) -> bool:
    from partnerplan.dates.explain import year_calendar
    from partnerplan.dates.periods import PeriodError, parse_period

    try:
        parse_period(text, year_calendar("2025/2026"))
    except (PeriodError, ValueError, OverflowError):
        return False
    return True


def _merge_non_periods(lines: list[Line]) -> list[Line]:
    """«Май» / «Сбор сведений – до 1 марта» is one period of two lines, not two periods."""
    out: list[Line] = []
    for ln in lines:
        if out and not is_period(ln.text):
            out[-1] = Line(out[-1].index, out[-1].visual, out[-1].text + " " + ln.text, out[-1].bold)
        else:
            out.append(ln)
    return out


def _by_ranges(starts: list[int], lines: list[tuple[int, str]]) -> list[list[str]]:
    """Each item gets the lines that begin between its start and the next item's; lines
    above the first item go to it."""
    out: list[list[str]] = [[] for _ in starts]
    k = 0
    for pos, text in lines:
        while k + 1 < len(starts) and pos >= starts[k + 1]:
            k += 1
        out[k].append(text)
    return out


def _clean(assigned: list[list[str]]) -> int:
    return sum(1 for found in assigned if len(found) == 1)
