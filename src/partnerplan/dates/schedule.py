"""Plan × calendar → dated events. Pure and deterministic.

How a day is chosen: each activity's days come from a hash of its own identity (partner
id, activity id or form+title, window), so they depend on nothing else in the plan:
adding, removing or editing one activity moves no other activity's events. The only
exception is by design: one partner is never booked twice on a day, so when two of a
partner's activities want the same day, the one with the smaller hash keeps it and the
other takes the next free school day in its window (`displaced`). Pinned dates win.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from partnerplan.dates.calendar import AcademicCalendar
from partnerplan.dates.periods import Period, PeriodError, Window, parse_period
from partnerplan.diagnostics import Diagnostic
from partnerplan.plan.check import Checked, Vocabulary
from partnerplan.plan.load import SourceMap
from partnerplan.plan.model import Activity, Partner, Plan

EventKind = Literal["dated", "pinned", "ongoing", "on_demand", "unscheduled"]


@dataclass(frozen=True, slots=True)
class Event:
    date: date | None  # None: ongoing, on demand, or a period we could not read
    partner: str  # partner id
    partner_name: str
    activity: int  # index in the partner's activities
    key: str  # the activity's stable identity (see module docstring)
    seq: int  # the event's number within its activity, from 1
    title: str
    form: str
    directions: tuple[str, ...]
    period: str | None
    kind: EventKind
    responsible: str | None
    line: int
    column: int
    displaced: bool = False

    @property
    def uid(self) -> str:
        return f"{self.key}-{self.seq}@partnerplan"

    def sort_key(self) -> tuple[Any, ...]:
        return (self.date or date.max, self.partner, self.activity, self.seq)


@dataclass(frozen=True, slots=True)
class Schedule:
    events: tuple[Event, ...]
    diagnostics: tuple[Diagnostic, ...]
    periods: dict[tuple[int, int], Period]  # (partner index, activity index) → Period
    calendar: AcademicCalendar  # the one the events were placed on


def org_key(plan: Plan) -> str:
    """Short and stable for a planner: the same activity in two organisations of a network
    gets different days (no built-in clash) and different calendar UIDs."""
    return hashlib.blake2b(plan.planner.name.encode(), digest_size=3).hexdigest()


def activity_key(partner: Partner, activity: Activity, occurrence: int, org: str = "") -> str:
    prefix = f"{org}." if org else ""
    if activity.id:
        return f"{prefix}{partner.id}.{activity.id}"
    digest = hashlib.blake2b(
        f"{activity.form}\x1f{activity.title or ''}\x1f{occurrence}".encode(), digest_size=4
    ).hexdigest()
    return f"{prefix}{partner.id}.{digest}"


def _hash(*parts: object) -> int:
    raw = "\x1f".join(str(p) for p in parts).encode()
    return int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), "big")


@dataclass(slots=True)
class _Want:
    """One event an activity wants, before partner clashes are resolved."""

    day: date
    chunk: list[date]  # the days it may move to on a clash (nearest first), else empty
    movable: bool
    priority: int
    index: int  # position in the activity's event list


def build_schedule(
    plan: Plan,
    voc: Vocabulary,
    cal: AcademicCalendar,
    path: str = "",
    smap: SourceMap | None = None,
) -> Schedule:
    smap = smap or SourceMap()
    events: list[Event] = []
    diags: list[Diagnostic] = []
    periods: dict[tuple[int, int], Period] = {}

    def warn(where: tuple[str | int, ...], code: str, severity: str = "warning", **args: Any) -> None:
        line, col = smap.find(where)
        diags.append(Diagnostic(code, severity, path, line, col, args))  # type: ignore[arg-type]

    parsed: dict[str, Period | PeriodError] = {}  # real plans repeat a few dozen phrases

    def read(text: str) -> Period:
        found = parsed.get(text)
        if found is None:
            try:
                found = parse_period(text, cal)
            except PeriodError as exc:
                found = exc
            parsed[text] = found
        if isinstance(found, PeriodError):
            raise found
        return found

    org = org_key(plan)
    for pi, partner in enumerate(plan.partners):
        seen: dict[tuple[str, str | None], int] = defaultdict(int)
        wants: list[tuple[int, Activity, str, _Want]] = []
        plain: list[tuple[int, Activity, str, EventKind]] = []
        direction_names = tuple(voc.directions.get(d, d) for d in partner.directions)
        for ai, act in enumerate(partner.activities):
            occurrence = seen[(act.form, act.title)]
            seen[(act.form, act.title)] += 1
            key = activity_key(partner, act, occurrence, org)
            where = ("partners", pi, "activities", ai)
            if act.dates:
                for k, day in enumerate(sorted(act.dates)):
                    wants.append((ai, act, key, _Want(day, [], False, -1, k)))
                    if not cal.is_working_day(day) or cal.in_break(day):
                        gap = cal.break_of(day)
                        why = cal.holiday_name(day) or (gap.name if gap else "")
                        warn((*where, "dates", act.dates.index(day)), "PP401",
                             value=day.strftime("%d.%m.%Y"), why=f" ({why})" if why else "")  # fmt: skip
                continue
            if act.period is None:
                plain.append((ai, act, key, "unscheduled"))
                continue
            try:
                period = read(act.period)
            except PeriodError as exc:
                args = dict(exc.args_)
                if exc.code == "PP300":
                    args.setdefault("suggestions", suggest(act.period))
                warn((*where, "period"), exc.code, "error", **args)
                plain.append((ai, act, key, "unscheduled"))
                continue
            periods[(pi, ai)] = period
            if period.kind != "dated":
                plain.append((ai, act, key, period.kind))
                continue
            placed = place(period, cal, key)
            if not placed:
                warn((*where, "period"), "PP400", text=act.period)
                plain.append((ai, act, key, "unscheduled"))
            for k, (day, candidates, movable) in enumerate(placed):
                wants.append((ai, act, key, _Want(day, candidates, movable, _hash(key, k), k)))
        events.extend(_resolve(partner, wants, direction_names, voc, smap, pi, warn, cal))
        for ai, act, key, kind in plain:
            line, col = smap.find(("partners", pi, "activities", ai, "period"))
            events.append(_event(partner, act, ai, key, 1, None, kind, direction_names, voc, line, col))
    events.sort(key=Event.sort_key)
    return Schedule(tuple(events), tuple(sorted(diags, key=Diagnostic.sort_key)), periods, cal)


def _event(
    partner: Partner, act: Activity, ai: int, key: str, seq: int, day: date | None,
    kind: EventKind, directions: tuple[str, ...], voc: Vocabulary, line: int, col: int,
    displaced: bool = False,
) -> Event:  # fmt: skip
    return Event(
        date=day, partner=partner.id, partner_name=partner.name, activity=ai, key=key, seq=seq,
        title=act.title or voc.form_name(act.form), form=voc.form_name(act.form),
        directions=directions, period=act.period, kind=kind, responsible=act.responsible,
        line=line, column=col, displaced=displaced,
    )  # fmt: skip


def _resolve(
    partner: Partner,
    wants: list[tuple[int, Activity, str, _Want]],
    directions: tuple[str, ...],
    voc: Vocabulary,
    smap: SourceMap,
    pi: int,
    warn: Any,
    cal: AcademicCalendar,
) -> list[Event]:
    """Give each wanted day to one activity of the partner; movable losers take the next."""
    taken: set[date] = set()
    out: list[Event] = []
    clashes: set[date] = set()
    for ai, act, key, want in sorted(wants, key=lambda w: (w[3].priority, w[2], w[3].index)):
        day, displaced = want.day, False
        if day in taken and want.movable:
            near = sorted(want.chunk, key=lambda d: (abs((d - want.day).days), d))
            free = next((d for d in near if d not in taken), None)
            if free is not None:
                day, displaced = free, True
        if day in taken:
            clashes.add(day)
        taken.add(day)
        kind: EventKind = "pinned" if want.priority < 0 else "dated"
        line, col = smap.find(("partners", pi, "activities", ai, "dates" if kind == "pinned" else "period"))
        out.append(
            _event(
                partner,
                act,
                ai,
                key,
                want.index + 1,
                day,
                kind,
                directions,
                voc,
                line,
                col,
                displaced,
            )
        )
    for day in sorted(clashes):
        line, col = smap.find(("partners", pi, "name"))
        warn(("partners", pi, "name"), "PP402", partner=partner.name, day=day.strftime("%d.%m.%Y"))
    return out


def place(period: Period, cal: AcademicCalendar, key: str) -> list[tuple[date, list[date], bool]]:
    """The days a dated period gives: (day, alternatives in its window, may move)."""
    out: list[tuple[date, list[date], bool]] = []
    for wi, w in enumerate(period.windows):
        out.extend(_place_window(w, wi, cal, key))
    return out


def _place_window(w: Window, wi: int, cal: AcademicCalendar, key: str) -> list[tuple[date, list[date], bool]]:
    if w.mode == "fixed":
        d = cal.previous_working_day(w.start)
        return [(d, [], False)] if cal.start <= d <= cal.end else []
    if w.mode in ("before", "by"):
        d = cal.previous_working_day(w.end, strictly=w.mode == "before")
        return [(d, [], False)] if cal.start <= d <= cal.end else []
    if w.mode == "weekly":
        return [(d, [], False) for d in _weekly_days(w, cal, key)]
    days = cal.school_days_in(max(w.start, cal.start), min(w.end, cal.end))
    if not days:
        return []
    n = min(w.count, len(days))
    out = []
    for k in range(n):
        chunk = days[len(days) * k // n : len(days) * (k + 1) // n]
        i = _hash(key, wi, k) % len(chunk)
        out.append((chunk[i], chunk, True))  # the chunk: where to move on a partner clash
    return out


def _weekly_days(w: Window, cal: AcademicCalendar, key: str) -> list[date]:
    weekdays = w.weekdays
    if not weekdays:
        pool = list(range(cal.week))
        chosen: list[int] = []
        for k in range(min(w.count, len(pool))):
            chosen.append(pool.pop(_hash(key, "weekday", k) % len(pool)))
        weekdays = tuple(sorted(chosen))
    out = []
    d = w.start
    while d <= w.end:
        if d.weekday() in weekdays and cal.is_working_day(d) and not cal.in_break(d):
            out.append(d)
        d += timedelta(days=1)
    return out


def suggest(text: str) -> list[str]:
    """The readings nearest to an unreadable period, for the hint."""
    import difflib

    from partnerplan.dates.periods import EXAMPLES

    found = difflib.get_close_matches(text.strip(), EXAMPLES, n=3, cutoff=0.3)
    return found or ["Октябрь", "Один раз в квартал", "В течение года"]


def plan_schedule(checked: Checked) -> Schedule:
    """The Schedule of a checked plan (which must be usable: `checked.ok`)."""
    from partnerplan.dates.calendar import build_calendar

    assert checked.plan is not None and checked.vocabulary is not None
    cal = build_calendar(checked.plan)
    return build_schedule(
        checked.plan, checked.vocabulary, cal, checked.loaded.path, checked.loaded.source_map
    )
