"""Plan × calendar → dated events. Pure and deterministic.

How a day is chosen (`placing`): each activity's days come from a hash of its own identity
(partner id, activity id or form+title), so they depend on nothing else in the plan:
adding, removing or editing one activity moves no other activity's events. The only
exception is by design: one partner is never booked twice on a day, so when two of a
partner's activities want the same day, the one with the smaller hash keeps it and the
other takes the nearest free day it may use (`displaced`). Pinned dates win.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from partnerplan.dates.calendar import AcademicCalendar
from partnerplan.dates.periods import Period, PeriodError, parse_period
from partnerplan.dates.placing import fits, hash_of, no_day_reason, place, placements
from partnerplan.diagnostics import Diagnostic
from partnerplan.plan.check import Checked, Vocabulary
from partnerplan.plan.model import Activity, Partner, Plan
from partnerplan.plan.sourcemap import SourceMap

__all__ = ["Event", "Schedule", "build_schedule", "place", "plan_schedule", "suggest"]

EventKind = Literal["dated", "pinned", "ongoing", "on_demand", "unscheduled"]
Extras = tuple[dt.time | None, dt.time | None, str | None, str | None]  # time, end time, place, note


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
    time: dt.time | None = None  # the time of day the period gives («31 мая 18.00»)
    end_time: dt.time | None = None  # «15.00–16.00»
    place: str | None = None  # «ДК «Строитель»»
    note: str | None = None  # the rest of the period cell: «День музыки»

    @property
    def clock(self) -> str:
        """«18:00», «15:00–16:00»; "" for an event of the whole day."""
        if self.time is None:
            return ""
        text = self.time.strftime("%H:%M")
        return f"{text}–{self.end_time.strftime('%H:%M')}" if self.end_time else text

    @property
    def where(self) -> str:
        """The place and the note of the period cell, as documents show them after the title."""
        return "; ".join(x for x in (self.place, self.note) if x)

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


def suggest(text: str) -> list[str]:
    """Understood phrases of the same shape as an unreadable one (see `hints`)."""
    from partnerplan.dates.hints import suggest as nearest

    return nearest(text)


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


@dataclass(slots=True)
class _Want:
    """One event an activity wants, before partner clashes are resolved."""

    day: date
    chunk: list[date]  # the days it may move to on a clash, else empty
    movable: bool
    priority: int
    index: int  # position in the activity's event list
    extras: Extras = (None, None, None, None)


class _Reader:
    """Periods of one plan, read once each (real plans repeat a few dozen phrases)."""

    def __init__(self, cal: AcademicCalendar) -> None:
        self.cal = cal
        self.seen: dict[str, Period | PeriodError] = {}

    def __call__(self, text: str) -> Period:
        found = self.seen.get(text)
        if found is None:
            try:
                found = parse_period(text, self.cal)
            except PeriodError as exc:
                found = exc
            self.seen[text] = found
        if isinstance(found, PeriodError):
            raise found
        return found


def _extras(period: Period | None, wi: int | None = None) -> Extras:
    if period is None:
        return (None, None, None, None)
    clock = period.windows[wi].clock if wi is not None and wi < len(period.windows) else period.clock
    return (clock.start if clock else None, clock.end if clock else None, period.place, period.note)


class _Forms:
    """Form names of one plan, looked up once each (a plan repeats a few dozen forms)."""

    def __init__(self, voc: Vocabulary) -> None:
        self.voc = voc
        self.seen: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        found = self.seen.get(text)
        if found is None:
            found = self.seen[text] = self.voc.form_name(text)
        return found


def build_schedule(
    plan: Plan,
    voc: Vocabulary,
    cal: AcademicCalendar,
    path: str = "",
    smap: SourceMap | None = None,
    partners: Collection[str] | None = None,
    events_too: bool = True,
) -> Schedule:
    """`partners`: schedule only the partners with these ids (a partner's events depend
    on nothing but the partner, the calendar, the vocabulary and the planner).
    `events_too=False`: only the diagnostics; each partner's events are dropped once
    checked (validate of 40,000 activities need not hold 90,000 events)."""
    smap = smap or SourceMap()
    events: list[Event] = []
    diags: list[Diagnostic] = []
    periods: dict[tuple[int, int], Period] = {}

    def warn(where: tuple[str | int, ...], code: str, severity: str = "warning", **args: Any) -> None:
        line, col = smap.find(where)
        diags.append(Diagnostic(code, severity, path, line, col, args))  # type: ignore[arg-type]

    read = _Reader(cal)
    forms = _Forms(voc)
    _year_notes(plan, cal, warn)
    org = org_key(plan)
    for pi, partner in enumerate(plan.partners):
        if partners is not None and partner.id not in partners:
            continue
        if not events_too:
            events.clear()
        seen: dict[tuple[str, str | None], int] = defaultdict(int)
        wants: list[tuple[int, Activity, str, _Want]] = []
        plain: list[tuple[int, Activity, str, EventKind, Period | None]] = []
        direction_names = tuple(voc.direction_name(d) for d in partner.directions)
        for ai, act in enumerate(partner.activities):
            occurrence = seen[(act.form, act.title)]
            seen[(act.form, act.title)] += 1
            key = activity_key(partner, act, occurrence, org)
            where = ("partners", pi, "activities", ai)
            period: Period | None = None
            if act.period is not None:
                try:
                    period = read(act.period)
                except PeriodError as exc:
                    args: dict[str, Any] = dict(exc.args_)
                    if exc.code == "PP300":
                        args.setdefault("suggestions", suggest(act.period))
                    # Pinned dates make the activity usable; the unreadable period is still said.
                    warn((*where, "period"), exc.code, "warning" if act.dates else "error", **args)
                else:
                    periods[(pi, ai)] = period
            if act.dates:
                _pinned(act, period, cal, where, warn)
                for k, day in enumerate(sorted(act.dates)):
                    wants.append((ai, act, key, _Want(day, [], False, -1, k, _extras(period))))
                continue
            if period is None:
                plain.append((ai, act, key, "unscheduled", None))
                continue
            if period.kind != "dated":
                plain.append((ai, act, key, period.kind, period))
                continue
            placed = placements(period, cal, key)
            if not placed:
                code, args = no_day_reason(period, cal)
                warn((*where, "period"), code, text=act.period, **args)
                plain.append((ai, act, key, "unscheduled", period))
            for k, p in enumerate(placed):
                wants.append(
                    (
                        ai,
                        act,
                        key,
                        _Want(p.day, p.chunk, p.movable, hash_of(key, k), k, _extras(period, p.window)),
                    )
                )
        events.extend(_resolve(partner, wants, direction_names, forms, smap, pi, warn))
        for ai, act, key, kind, per in plain:
            line, col = smap.find(("partners", pi, "activities", ai, "period"))
            extras = _extras(per)
            events.append(
                _event(
                    partner,
                    act,
                    ai,
                    key,
                    1,
                    None,
                    kind,
                    direction_names,
                    forms(act.form),
                    line,
                    col,
                    extras=extras,
                )
            )
    if not events_too:
        events.clear()
    events.sort(key=Event.sort_key)
    return Schedule(tuple(events), tuple(sorted(diags, key=Diagnostic.sort_key)), periods, cal)


def _pinned(
    act: Activity, period: Period | None, cal: AcademicCalendar, where: tuple[str | int, ...], warn: Any
) -> None:
    """A pinned date on a day off, or one that contradicts its period, is a warning."""
    for k, day in enumerate(act.dates):
        if not cal.is_working_day(day) or cal.in_break(day):
            gap = cal.break_of(day)
            why = cal.holiday_name(day) or (gap.name if gap else "")
            warn(
                (*where, "dates", k), "PP401", value=day.strftime("%d.%m.%Y"), why=f" ({why})" if why else ""
            )
        if period is not None and period.kind == "dated" and not any(fits(day, w) for w in period.windows):
            labels = ", ".join(dict.fromkeys(w.label for w in period.windows if w.label))
            warn(
                (*where, "dates", k),
                "PP404",
                value=day.strftime("%d.%m.%Y"),
                period=act.period,
                windows=labels,
            )


def _year_notes(plan: Plan, cal: AcademicCalendar, warn: Any) -> None:
    """Said once per plan: breaks computed by rule; transfers not yet published."""
    if cal.breaks_by_rule:
        warn(("year",), "PP405", year=plan.year)
    last = cal.end.year
    if last > cal.transfers_until:
        years = sorted({y for y in (cal.start.year, last) if y > cal.transfers_until})
        said = f"{years[0]} год" if len(years) == 1 else f"{years[0]}–{years[-1]} годы"
        span = "–".join(dict.fromkeys(map(str, (years[0], years[-1]))))
        warn(("year",), "PP406", year=plan.year, years=said, span=span, until=cal.transfers_until)


def _event(
    partner: Partner, act: Activity, ai: int, key: str, seq: int, day: date | None,
    kind: EventKind, directions: tuple[str, ...], form: str, line: int, col: int,
    displaced: bool = False, extras: Extras = (None, None, None, None),
) -> Event:  # fmt: skip
    return Event(
        date=day, partner=partner.id, partner_name=partner.name, activity=ai, key=key, seq=seq,
        title=act.title or form, form=form,
        directions=directions, period=act.period, kind=kind, responsible=act.responsible,
        line=line, column=col, displaced=displaced, time=extras[0], end_time=extras[1],
        place=extras[2], note=extras[3],
    )  # fmt: skip


def _resolve(
    partner: Partner,
    wants: list[tuple[int, Activity, str, _Want]],
    directions: tuple[str, ...],
    forms: _Forms,
    smap: SourceMap,
    pi: int,
    warn: Any,
) -> list[Event]:
    """Give each wanted day to one activity of the partner; movable losers take the next."""
    taken: dict[date, str] = {}  # day → the activity holding it
    out: list[Event] = []
    clashes: set[date] = set()
    for ai, act, key, want in sorted(wants, key=lambda w: (w[3].priority, w[2], w[3].index)):
        day, displaced = want.day, False
        if day in taken and want.movable:
            near = sorted(want.chunk, key=lambda d: (abs((d - want.day).days), d))
            free = next((d for d in near if d not in taken), None)
            if free is not None:
                day, displaced = free, True
        if day in taken and taken[day] != key:  # one activity at two times of a day is no clash
            clashes.add(day)
        taken.setdefault(day, key)
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
                forms(act.form),
                line,
                col,
                displaced,
                want.extras,
            )
        )
    for day in sorted(clashes):
        warn(("partners", pi, "name"), "PP402", partner=partner.name, day=day.strftime("%d.%m.%Y"))
    return out


def plan_schedule(
    checked: Checked, partners: Collection[str] | None = None, *, events_too: bool = True
) -> Schedule:
    """The Schedule of a checked plan (which must be usable: `checked.ok`); `partners`
    and `events_too` as for `build_schedule`."""
    from partnerplan.dates.calendar import build_calendar

    assert checked.plan is not None and checked.vocabulary is not None
    cal = build_calendar(checked.plan)
    loaded = checked.loaded
    return build_schedule(
        checked.plan, checked.vocabulary, cal, loaded.path, loaded.source_map, partners, events_too
    )
