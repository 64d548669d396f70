"""The year's figures for one plan or a network of plans: pure aggregation, no output.

`build_report` counts events by month, direction, partner and organisation, lists each
shared partner's calendar across organisations, the conflicts (a partner booked by
several organisations on one day), and the partners and directions left without
activities. With the execution log (`log:` under an activity) it also gives the year-end
analysis: planned, held, moved, cancelled, participants reached.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from partnerplan.dates.schedule import Event
from partnerplan.plan.check import Vocabulary
from partnerplan.plan.model import Plan


@dataclass(frozen=True, slots=True)
class OrgPlan:
    """One organisation's validated plan and its schedule."""

    path: str
    plan: Plan
    vocabulary: Vocabulary
    events: tuple[Event, ...]

    @property
    def name(self) -> str:
        return self.plan.planner.name


@dataclass(frozen=True, slots=True)
class Booking:
    date: date
    org: str
    partner: str
    partner_name: str
    title: str


@dataclass(frozen=True, slots=True)
class Conflict:
    partner: str
    partner_name: str
    date: date
    bookings: tuple[Booking, ...]

    @property
    def orgs(self) -> list[str]:
        return sorted({b.org for b in self.bookings})


@dataclass(frozen=True, slots=True)
class Outcome:
    """Year-end figures for one row (a direction, a partner, an organisation, the total)."""

    name: str
    planned: int = 0
    done: int = 0
    moved: int = 0
    cancelled: int = 0
    unmarked: int = 0
    participants: int = 0

    @property
    def share_done(self) -> float:
        return self.done / self.planned if self.planned else 0.0


@dataclass(slots=True)
class Report:
    orgs: list[str]
    events_total: int = 0
    undated_total: int = 0
    activities_total: int = 0
    partners_total: int = 0
    by_month: list[tuple[date, int]] = field(default_factory=list)  # first day of month, events
    by_direction: list[tuple[str, int]] = field(default_factory=list)
    by_org: list[tuple[str, int, int, int]] = field(default_factory=list)  # org, partners, activities, events
    by_partner: list[tuple[str, str, int, int]] = field(default_factory=list)  # id, name, orgs, events
    shared: dict[str, list[Booking]] = field(default_factory=dict)  # partner id → its calendar
    shared_names: dict[str, str] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    idle_partners: list[tuple[str, str]] = field(default_factory=list)  # org, partner name
    idle_directions: list[tuple[str, str]] = field(default_factory=list)  # org, direction name
    year_end: dict[str, list[Outcome]] = field(default_factory=dict)  # "directions" | "partners" | "orgs"
    year_end_total: Outcome | None = None


def build_report(orgs: list[OrgPlan], *, year_end: bool = False) -> Report:
    r = Report(orgs=[o.name for o in orgs])
    months: Counter[date] = Counter()
    directions: Counter[str] = Counter()
    partner_events: Counter[str] = Counter()
    partner_orgs: dict[str, set[str]] = defaultdict(set)
    partner_names: dict[str, str] = {}
    bookings: dict[tuple[str, date], list[Booking]] = defaultdict(list)
    calendars: dict[str, list[Booking]] = defaultdict(list)
    for o in orgs:
        plan, voc = o.plan, o.vocabulary
        activities = sum(len(p.activities) for p in plan.partners)
        dated = [e for e in o.events if e.date is not None]
        r.events_total += len(dated)
        r.undated_total += sum(1 for e in o.events if e.date is None)
        r.activities_total += activities
        r.partners_total += len(plan.partners)
        r.by_org.append((o.name, len(plan.partners), activities, len(dated)))
        for p in plan.partners:
            partner_orgs[p.id].add(o.name)
            partner_names.setdefault(p.id, p.name)
            if not p.activities:
                r.idle_partners.append((o.name, p.name))
        for e in dated:
            assert e.date is not None
            months[e.date.replace(day=1)] += 1
            for d in e.directions or ("без направления",):
                directions[d] += 1
            partner_events[e.partner] += 1
            b = Booking(e.date, o.name, e.partner, e.partner_name, e.title)
            bookings[(e.partner, e.date)].append(b)
            calendars[e.partner].append(b)
        used = {d for p in plan.partners for d in p.directions}
        used |= {d.id for d in plan.directions}
        busy = {d for p in plan.partners if p.activities for d in p.directions}
        for d in sorted(used - busy):
            r.idle_directions.append((o.name, voc.directions.get(d, d)))
    r.by_month = sorted(months.items())
    r.by_direction = sorted(directions.items(), key=lambda x: (-x[1], x[0]))
    r.by_partner = sorted(
        ((pid, partner_names[pid], len(partner_orgs[pid]), partner_events[pid]) for pid in partner_names),
        key=lambda x: (-x[2], -x[3], x[1]),
    )
    for pid, found in calendars.items():
        if len(partner_orgs[pid]) > 1:
            r.shared[pid] = sorted(found, key=lambda b: (b.date, b.org, b.title))
            r.shared_names[pid] = partner_names[pid]
    for (pid, day), found in sorted(bookings.items(), key=lambda x: (x[0][1], x[0][0])):
        if len({b.org for b in found}) > 1:
            r.conflicts.append(Conflict(pid, partner_names[pid], day, tuple(found)))
    if year_end:
        _year_end(r, orgs)
    return r


def _year_end(r: Report, orgs: list[OrgPlan]) -> None:
    rows: dict[str, dict[str, Counter[str]]] = {
        k: defaultdict(Counter) for k in ("directions", "partners", "orgs")
    }
    total: Counter[str] = Counter()
    for o in orgs:
        dated: dict[tuple[str, int], list[date]] = defaultdict(list)
        for e in o.events:
            if e.date is not None:
                dated[(e.partner, e.activity)].append(e.date)
        for p in o.plan.partners:
            for ai, a in enumerate(p.activities):
                planned_days = dated.get((p.id, ai), [])
                c: Counter[str] = Counter()
                c["planned"] = len(planned_days) or (1 if a.log else 0)
                for entry in a.log:
                    c[entry.status] += 1
                    c["participants"] += entry.participants or 0
                c["unmarked"] = max(c["planned"] - c["done"] - c["moved"] - c["cancelled"], 0)
                keys = {
                    "directions": [o.vocabulary.directions.get(d, d) for d in p.directions]
                    or ["без направления"],
                    "partners": [p.name],
                    "orgs": [o.name],
                }
                for table, names in keys.items():
                    for name in names:
                        rows[table][name].update(c)
                total.update(c)

    def outcome(name: str, c: Counter[str]) -> Outcome:
        return Outcome(
            name, c["planned"], c["done"], c["moved"], c["cancelled"], c["unmarked"], c["participants"]
        )

    r.year_end = {
        table: sorted((outcome(n, c) for n, c in found.items()), key=lambda x: (-x.planned, x.name))
        for table, found in rows.items()
    }
    r.year_end_total = outcome("Итого", total)
