"""The calendar page's data: a month of events of every served plan, filtered by partner,
direction, form, responsible person and organisation, as a Monday-first grid of weeks
or as a list by day. Events come from each plan's month index (`PlanEntry.by_month`), so
a month of a 60,000-activity district is a few list walks, and what one page shows is
capped: a day cell lists a few events and links to the rest."""

from __future__ import annotations

import calendar as pycal
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from partnerplan.dates.schedule import Event
from partnerplan.serve.state import Folder, Month, PlanEntry

PER_DAY = 6  # events a grid cell shows before «ещё N»
LIST_CAP = 1000  # rows of the list view
SELECT_CAP = 400  # more choices than this: a text field instead of a list


@dataclass(frozen=True, slots=True)
class Filters:
    partner: str = ""
    direction: str = ""
    form: str = ""
    responsible: str = ""
    org: str = ""

    @classmethod
    def from_query(cls, q: Any) -> Filters:
        return cls(
            *(str(q.get(k, "")).strip()[:200] for k in ("partner", "direction", "form", "responsible", "org"))
        )

    def active(self) -> bool:
        return any((self.partner, self.direction, self.form, self.responsible, self.org))

    def query(self) -> dict[str, str]:
        return {
            k: v
            for k, v in zip(
                ("partner", "direction", "form", "responsible", "org"),
                (self.partner, self.direction, self.form, self.responsible, self.org),
                strict=True,
            )
            if v
        }

    def keep(self, e: Event) -> bool:
        if self.partner and e.partner != self.partner and self.partner.lower() not in e.partner_name.lower():
            return False
        if self.direction and self.direction not in e.directions:
            return False
        if self.form and e.form != self.form:
            return False
        return not (self.responsible and self.responsible.lower() not in (e.responsible or "").lower())


@dataclass(slots=True)
class Item:
    entry: PlanEntry
    event: Event
    status: str | None


@dataclass(slots=True)
class Day:
    day: date | None  # None: a cell outside the month
    items: list[Item] = field(default_factory=list)
    total: int = 0
    weekend: bool = False


def parse_month(text: str, folder: Folder) -> Month:
    months = folder.months()
    try:
        y, m = (int(x) for x in text.split("-", 1))
        if 1 <= m <= 12 and 2000 <= y <= 2100:
            return (y, m)
    except ValueError:
        pass
    today = date.today()
    if (today.year, today.month) in months or not months:
        return (today.year, today.month)
    return months[0]


def neighbours(month: Month) -> tuple[Month, Month]:
    y, m = month
    prev = (y - 1, 12) if m == 1 else (y, m - 1)
    nxt = (y + 1, 1) if m == 12 else (y, m + 1)
    return prev, nxt


def month_items(folder: Folder, month: Month, f: Filters) -> list[Item]:
    out: list[Item] = []
    for key, entry in folder.entries.items():
        if f.org and key != f.org:
            continue
        for e in entry.by_month.get(month, ()):
            if f.keep(e):
                out.append(Item(entry, e, entry.status(e)))
    out.sort(key=lambda it: (it.event.date, it.entry.key, it.event.partner_name, it.event.title))
    return out


def undated_items(folder: Folder, f: Filters, cap: int) -> tuple[list[Item], int]:
    out: list[Item] = []
    total = 0
    for key, entry in folder.entries.items():
        if f.org and key != f.org:
            continue
        for e in entry.undated:
            if f.keep(e):
                total += 1
                if len(out) < cap:
                    out.append(Item(entry, e, None))
    return out, total


def grid(month: Month, items: list[Item]) -> list[list[Day]]:
    by_day: dict[date, list[Item]] = {}
    for it in items:
        assert it.event.date is not None
        by_day.setdefault(it.event.date, []).append(it)
    weeks = []
    for week in pycal.Calendar(0).monthdatescalendar(*month):
        row = []
        for d in week:
            if d.month != month[1]:
                row.append(Day(None))
                continue
            found = by_day.get(d, [])
            row.append(Day(d, found[:PER_DAY], len(found), d.weekday() >= 5))
        weeks.append(row)
    return weeks


@dataclass(slots=True)
class Choices:
    """What the filter fields offer; None where there are too many for a list."""

    partners: list[tuple[str, str]] | None
    directions: list[str]
    forms: list[str]
    orgs: list[tuple[str, str]]


def choices(folder: Folder) -> Choices:
    def build() -> Choices:
        partners = folder.partners()
        directions: set[str] = set()
        forms: set[str] = set()
        for entry in folder.entries.values():
            for e in entry.events:
                directions.update(e.directions)
                forms.add(e.form)
        plist = sorted(((pid, s.name) for pid, s in partners.items()), key=lambda x: x[1].lower())
        return Choices(
            plist if len(plist) <= SELECT_CAP else None,
            sorted(directions),
            sorted(forms),
            [(k, e.name) for k, e in folder.entries.items()],
        )

    return folder.cached("choices", build)  # type: ignore[no-any-return]
