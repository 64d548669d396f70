"""The year's figures for one plan or a network of plans: pure aggregation, no output.

`build_report` counts events by month, direction, partner and organisation, lists each
shared partner's calendar across organisations, the conflicts (a partner booked by
several organisations on one day), and the partners and directions left without
activities. With the execution log (`log:` under an activity) it also gives the year-end
analysis: planned, held, moved, cancelled, participants reached.

A network is counted one organisation at a time (`org_figures`): what the report needs of
an organisation is small (counts, and the dated bookings of partners other organisations
share), so its plan and events can be dropped as soon as they are counted, and a district
never holds every event at once. `build_report` adds the organisations' figures up.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
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

    @property
    def year(self) -> str:
        return self.plan.year

    @property
    def start(self) -> date:
        return self.plan.start

    @property
    def end(self) -> date:
        return self.plan.end


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


NO_DIRECTION = "без направления"


@dataclass(slots=True)
class OrgFigures:
    """What the report keeps of one organisation once its events are counted."""

    path: str
    name: str
    year: str
    start: date
    end: date
    activities: int
    dated: int
    undated: int
    partners: list[tuple[str, str, bool]]  # (id, name, has activities), in plan order
    idle_directions: list[str]  # names, sorted by id
    months: Counter[date]
    directions: Counter[str]
    partner_events: Counter[str]  # partner id → dated events
    # Partner id → (date, partner name, title) of its dated events, in the schedule's order;
    # dropped for partners no other organisation has (`drop_unshared`).
    bookings: dict[str, list[tuple[date, str, str]]]
    # "directions" | "partners" | "orgs" → row name → counts in Outcome's order: planned,
    # done, moved, cancelled, unmarked, participants.
    outcomes: dict[str, dict[str, list[int]]]


def org_figures(o: OrgPlan) -> OrgFigures:
    """One organisation counted: its plan and events are not needed after this."""
    plan = o.plan
    # One pass over the events with plain counts; days and direction tuples repeat, so
    # they are turned into months and directions once each afterwards.
    days: dict[date, int] = {}
    direction_sets: dict[tuple[str, ...], int] = {}
    per_activity: dict[tuple[str, int], int] = {}
    bookings: dict[str, list[tuple[date, str, str]]] = {}
    undated = 0
    for e in o.events:
        day = e.date
        if day is None:
            undated += 1
            continue
        days[day] = days.get(day, 0) + 1
        direction_sets[e.directions] = direction_sets.get(e.directions, 0) + 1
        key = (e.partner, e.activity)
        per_activity[key] = per_activity.get(key, 0) + 1
        found = bookings.get(e.partner)
        if found is None:
            found = bookings[e.partner] = []
        found.append((day, e.partner_name, e.title))
    months: Counter[date] = Counter()
    for day, n in days.items():
        months[day.replace(day=1)] += n
    directions: Counter[str] = Counter()
    for names, n in direction_sets.items():
        for d in names or (NO_DIRECTION,):
            directions[d] += n
    partner_events = Counter({pid: len(found) for pid, found in bookings.items()})
    used = {d for p in plan.partners for d in p.directions}
    used |= {d.id for d in plan.directions}
    busy = {d for p in plan.partners if p.activities for d in p.directions}
    return OrgFigures(
        path=o.path,
        name=o.name,
        year=plan.year,
        start=plan.start,
        end=plan.end,
        activities=sum(len(p.activities) for p in plan.partners),
        dated=len(o.events) - undated,
        undated=undated,
        partners=[(p.id, p.name, bool(p.activities)) for p in plan.partners],
        idle_directions=[o.vocabulary.directions.get(d, d) for d in sorted(used - busy)],
        months=months,
        directions=directions,
        partner_events=partner_events,
        bookings=bookings,
        outcomes=_outcomes(o, per_activity),
    )


def _outcomes(o: OrgPlan, dated: dict[tuple[str, int], int]) -> dict[str, dict[str, list[int]]]:
    """Year-end counts of one organisation by direction, partner and the organisation:
    planned (an activity's dated events, or one for an undated activity with a log), done,
    moved, cancelled, unmarked, participants."""
    rows: dict[str, dict[str, list[int]]] = {"directions": {}, "partners": {}, "orgs": {}}
    names = o.vocabulary.directions
    for p in o.plan.partners:
        if not p.activities:
            continue
        sums = [0] * 6  # the partner's activities added up, then added to each of its rows
        for ai, a in enumerate(p.activities):
            planned = dated.get((p.id, ai), 0)
            if not a.log:
                sums[0] += planned
                sums[4] += planned  # nothing marked
                continue
            planned = planned or 1
            status = Counter(entry.status for entry in a.log)
            marked = status["done"] + status["moved"] + status["cancelled"]
            people = sum(entry.participants or 0 for entry in a.log)
            for i, n in enumerate((planned, status["done"], status["moved"], status["cancelled"])):
                sums[i] += n
            sums[4] += max(planned - marked, 0)
            sums[5] += people
        for table, row_names in (
            ("directions", [names.get(d, d) for d in p.directions] or [NO_DIRECTION]),
            ("partners", [p.name]),
            ("orgs", [o.name]),
        ):
            for name in row_names:
                row = rows[table].setdefault(name, [0] * 6)
                for i, n in enumerate(sums):
                    row[i] += n
    return rows


def drop_unshared(orgs: list[OrgFigures]) -> None:
    """Forget the bookings of partners only one organisation has: only the shared
    partners' calendars and conflicts list bookings (the counts stay)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for f in orgs:
        for pid, _, _ in f.partners:
            owners[pid].add(f.name)
    for f in orgs:
        f.bookings = {pid: found for pid, found in f.bookings.items() if len(owners[pid]) > 1}


def build_report(orgs: Iterable[OrgPlan | OrgFigures], *, year_end: bool = False) -> Report:
    """The report over organisations, in their order: plans with their events, or the
    figures already counted from them (`org_figures`)."""
    figures = [o if isinstance(o, OrgFigures) else org_figures(o) for o in orgs]
    r = Report(orgs=[f.name for f in figures])
    months: Counter[date] = Counter()
    directions: Counter[str] = Counter()
    partner_events: Counter[str] = Counter()
    partner_orgs: dict[str, set[str]] = defaultdict(set)
    partner_names: dict[str, str] = {}
    for f in figures:
        r.events_total += f.dated
        r.undated_total += f.undated
        r.activities_total += f.activities
        r.partners_total += len(f.partners)
        r.by_org.append((f.name, len(f.partners), f.activities, f.dated))
        for pid, name, busy in f.partners:
            partner_orgs[pid].add(f.name)
            partner_names.setdefault(pid, name)
            if not busy:
                r.idle_partners.append((f.name, name))
        months.update(f.months)
        directions.update(f.directions)
        partner_events.update(f.partner_events)
        r.idle_directions.extend((f.name, d) for d in f.idle_directions)
    r.by_month = sorted(months.items())
    r.by_direction = sorted(directions.items(), key=lambda x: (-x[1], x[0]))
    r.by_partner = sorted(
        ((pid, partner_names[pid], len(partner_orgs[pid]), partner_events[pid]) for pid in partner_names),
        key=lambda x: (-x[2], -x[3], x[1]),
    )
    _shared(r, figures, partner_orgs, partner_names)
    if year_end:
        _year_end(r, figures)
    return r


def _shared(
    r: Report, figures: list[OrgFigures], partner_orgs: dict[str, set[str]], partner_names: dict[str, str]
) -> None:
    """Calendars of the partners several organisations share, and their conflicts: one
    partner booked by several organisations on one day."""
    calendars: dict[str, list[Booking]] = {}
    for f in figures:
        for pid, booked in f.bookings.items():
            if len(partner_orgs[pid]) < 2:
                continue
            calendar = calendars.setdefault(pid, [])
            calendar.extend(Booking(day, f.name, pid, name, title) for day, name, title in booked)
    by_day: dict[tuple[str, date], list[Booking]] = {}
    for pid, found in calendars.items():
        r.shared[pid] = sorted(found, key=lambda b: (b.date, b.org, b.title))
        r.shared_names[pid] = partner_names[pid]
        for b in found:
            by_day.setdefault((pid, b.date), []).append(b)
    for (pid, day), same_day in sorted(by_day.items(), key=lambda x: (x[0][1], x[0][0])):
        if len({b.org for b in same_day}) > 1:
            r.conflicts.append(Conflict(pid, partner_names[pid], day, tuple(same_day)))


def _year_end(r: Report, figures: list[OrgFigures]) -> None:
    rows: dict[str, dict[str, list[int]]] = {"directions": {}, "partners": {}, "orgs": {}}
    total = [0] * 6
    for f in figures:
        for table, found in f.outcomes.items():
            for name, counts in found.items():
                row = rows[table].setdefault(name, [0] * 6)
                for i, n in enumerate(counts):
                    row[i] += n
        for counts in f.outcomes["orgs"].values():  # every activity once, under its organisation
            for i, n in enumerate(counts):
                total[i] += n
    r.year_end = {
        table: sorted((Outcome(n, *c) for n, c in found.items()), key=lambda x: (-x.planned, x.name))
        for table, found in rows.items()
    }
    r.year_end_total = Outcome("Итого", *total)
