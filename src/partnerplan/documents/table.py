"""The «Комплексный план» table as data: what every renderer (docx, html, md) draws.

Rows follow the file, as seed 002 does: a partner without a group stands where the file
has it; a group is a header row followed by all its partners, at the place of its first
partner, and the groups listed under `groups:` take their places in that list's order.
Every row, header rows included, is numbered («8. Образовательные организации:»), and a
partner's activities are lines of one cell with each period on the line of its activity
— a run of equal periods is written once.
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


def partner_blocks(plan: Plan) -> list[tuple[str | None, list[Partner]]]:
    """The table's order: (group id, its partners) and (None, [a partner without a group]).

    Each partner without a group keeps its place in the file; each group sits where its
    first partner is. The places held by groups listed under `groups:` are then given to
    those groups in the list's order, so an explicit table order wins over the partners'
    order without moving anything else.
    """
    members: dict[str, list[Partner]] = {}
    slots: list[str | Partner] = []
    for p in plan.partners:
        if p.group is None:
            slots.append(p)
        elif p.group in members:
            members[p.group].append(p)
        else:
            members[p.group] = [p]
            slots.append(p.group)
    listed = [g.id for g in plan.groups if g.id in members]
    in_list_order = iter(listed)
    blocks: list[tuple[str | None, list[Partner]]] = []
    for slot in slots:
        if isinstance(slot, str):
            gid = next(in_list_order) if slot in listed else slot
            blocks.append((gid, members[gid]))
        else:
            blocks.append((None, [slot]))
    return blocks


def plan_rows(plan: Plan, voc: Vocabulary) -> list[Row]:
    rows: list[Row] = []
    n = 0
    for group, members in partner_blocks(plan):
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
