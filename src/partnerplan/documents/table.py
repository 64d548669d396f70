"""The «Комплексный план» table as data: what every renderer (docx, html, md) draws.

Rows follow seed 002: partners without a group first, then each group as a header row
followed by its partners; every row, header rows included, is numbered («8.
Образовательные организации:»), and a partner's activities are lines of one cell with
each period on the line of its activity — a run of equal periods is written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from partnerplan.dates.schedule import Event
from partnerplan.plan.check import Vocabulary
from partnerplan.plan.model import Partner, Plan


@dataclass(frozen=True, slots=True)
class GroupRow:
    number: int
    name: str


@dataclass(frozen=True, slots=True)
class PartnerRow:
    number: int
    partner_id: str
    name: str
    purpose: str
    activities: tuple[str, ...]
    periods: tuple[str, ...]  # same length as activities; "" where the period above repeats

    @property
    def lines(self) -> list[tuple[str, str | None, int]]:
        """(activity, period, how many activity lines the period spans); period None
        where the one above continues — what an HTML table needs for rowspan."""
        out: list[tuple[str, str | None, int]] = []
        for activity, period in zip(self.activities, self.periods, strict=True):
            if period or not out:
                out.append((activity, period, 1))
            else:
                out.append((activity, None, 0))
                for j in range(len(out) - 1, -1, -1):
                    if out[j][1] is not None:
                        out[j] = (out[j][0], out[j][1], out[j][2] + 1)
                        break
        return out


Row = GroupRow | PartnerRow


def plan_rows(plan: Plan, voc: Vocabulary) -> list[Row]:
    by_group: dict[str | None, list[Partner]] = {}
    for p in plan.partners:
        by_group.setdefault(p.group, []).append(p)
    ordered: list[tuple[str | None, list[Partner]]] = [(None, by_group.get(None, []))]
    listed = {x.id for x in plan.groups}
    for gid in [g.id for g in plan.groups] + [g for g in voc.groups if g not in listed]:
        if by_group.get(gid):
            ordered.append((gid, by_group[gid]))
    rows: list[Row] = []
    n = 0
    for group, members in ordered:
        if group is not None:
            n += 1
            rows.append(GroupRow(n, voc.groups[group]))
        for p in members:
            n += 1
            rows.append(_partner_row(n, p, voc))
    return rows


def _partner_row(n: int, p: Partner, voc: Vocabulary) -> PartnerRow:
    titles = tuple(a.title or voc.form_name(a.form) for a in p.activities)
    periods: list[str] = []
    previous: str | None = None
    for a in p.activities:
        text = (a.period or "").strip()
        if a.dates and not text:
            text = ", ".join(d.strftime("%d.%m.%Y") for d in a.dates)
        periods.append("" if text == previous else text)
        previous = text
    return PartnerRow(n, p.id, p.name, p.purpose or "", titles, tuple(periods))


@dataclass(frozen=True, slots=True)
class MonthBlock:
    """The calendar plan: one month's dated events."""

    first_day: date
    events: tuple[Event, ...]


def calendar_blocks(events: tuple[Event, ...]) -> tuple[list[MonthBlock], list[Event]]:
    """Dated events grouped by month, and the undated ones (ongoing, on demand) after."""
    blocks: list[MonthBlock] = []
    current: list[Event] = []
    month: tuple[int, int] | None = None
    for e in events:
        if e.date is None:
            continue
        key = (e.date.year, e.date.month)
        if key != month and current:
            blocks.append(MonthBlock(current[0].date.replace(day=1), tuple(current)))  # type: ignore[union-attr]
            current = []
        month = key
        current.append(e)
    if current:
        blocks.append(MonthBlock(current[0].date.replace(day=1), tuple(current)))  # type: ignore[union-attr]
    undated = [e for e in events if e.date is None]
    return blocks, undated
