"""`partnerplan schedule` as text: the year's events month by month.

A small schedule on a terminal is a Rich table (wrapped columns, bold months). A big
one, or any schedule written to a pipe or a file, is plain aligned text built in one
pass: Rich measures and wraps every cell (55 s for the 46,000 events of a
4,000-activity plan), which a terminal reader never waits for and a file does not need.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from typing import Any

from partnerplan.cli.common import Say, terminal_safe

# Above this many rows even a terminal gets the plain table (Rich: ~1 ms a row).
RICH_ROWS = 1_000
# A plain column is as wide as its longest cell, up to this many characters.
PLAIN_WIDTH = 40


def print_table(plan: Any, events: list[Any], sched: Any, lang: str, t: Say) -> None:
    from partnerplan.documents.datewords import day_and_weekday, month_title

    with_resp = any(e.responsible for e in events)
    headers = [t("cli.common.date"), t("cli.common.partner"), t("cli.common.activity"), t("cli.common.form")]
    if with_resp:
        headers.append(t("cli.common.responsible"))
    sections: list[tuple[str, list[list[str]]]] = []
    month = None
    for e in events:
        if e.date is None:
            continue
        key = (e.date.year, e.date.month)
        if key != month:
            month = key
            sections.append((month_title(e.date, lang), []))
        row = [day_and_weekday(e.date, lang), e.partner_name, e.title, e.form]
        sections[-1][1].append(row + ([e.responsible or ""] if with_resp else []))
    undated = [e for e in events if e.date is None]
    if undated:
        rows = [[(e.period or "—").strip(), e.partner_name, e.title, e.form] for e in undated]
        if with_resp:
            rows = [[*r, e.responsible or ""] for r, e in zip(rows, undated, strict=True)]
        sections.append((t("cli.common.undated"), rows))
    title = plan.title or plan.planner.name
    if sys.stdout.isatty() and len(events) <= RICH_ROWS:
        _rich(title, headers, sections)
    else:
        sys.stdout.writelines(_plain(title, headers, sections))
    dated = len(events) - len(undated)
    note = t("cli.common.dated_events_undated", dated=dated, a1=len(undated))
    if sched.calendar.default_breaks:
        note += t("cli.common.school_breaks_are_this_year_s")
    sys.stdout.write(note + "\n")


def _rich(title: str, headers: Sequence[str], sections: Sequence[tuple[str, list[list[str]]]]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    def safe(text: str | None) -> str:  # plan text is shown, never obeyed: no markup, no escapes
        return escape(terminal_safe(text or ""))

    table = Table(title=safe(title), show_lines=False, header_style="bold")
    table.add_column(headers[0], no_wrap=True)
    for header in headers[1:]:
        table.add_column(header)
    blank = ("",) * (len(headers) - 1)
    for heading, rows in sections:
        table.add_section()
        table.add_row(f"[bold]{safe(heading)}[/bold]", *blank)
        for row in rows:
            table.add_row(*(safe(cell) for cell in row))
    Console().print(table)


def _plain(
    title: str, headers: Sequence[str], sections: Sequence[tuple[str, list[list[str]]]]
) -> Iterator[str]:
    """Lines of columns padded to their longest cell, at most PLAIN_WIDTH; longer text
    wraps at spaces. Cells are cleaned as they are written: a copy of every cell of
    90,000 rows would double the memory the events take."""

    def clean(text: str | None) -> str:
        return " ".join(terminal_safe(text or "").split())

    widths = [min(PLAIN_WIDTH, len(h)) for h in headers]
    for _, rows in sections:
        for row in rows:
            for i, cell in enumerate(row):
                if len(cell or "") > widths[i]:  # raw text is never shorter than cleaned
                    widths[i] = max(widths[i], min(PLAIN_WIDTH, len(clean(cell))))

    def line(cells: Sequence[str]) -> str:
        if all(len(c) <= w for c, w in zip(cells, widths, strict=True)):
            return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip() + "\n"
        parts = [_wrap(c, w) for c, w in zip(cells, widths, strict=True)]
        height = max(len(p) for p in parts)
        return "".join(
            "  ".join(
                (p[i] if i < len(p) else "").ljust(w) for p, w in zip(parts, widths, strict=True)
            ).rstrip()
            + "\n"
            for i in range(height)
        )

    yield clean(title) + "\n\n"
    yield line(headers)
    yield "  ".join("-" * w for w in widths) + "\n"
    for heading, rows in sections:
        yield f"\n{clean(heading)}\n"
        for row in rows:
            yield line([clean(c) for c in row])
    yield "\n"


def _wrap(text: str, width: int) -> list[str]:
    """Words packed into lines of at most `width` characters (a longer word stands alone)."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return lines
