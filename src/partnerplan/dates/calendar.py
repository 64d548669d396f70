"""The plan year's calendar: working days, public holidays with transfers, terms, breaks.

Public holidays and the government's transfers of days off come from the `holidays`
package (for a year whose transfers are not yet published it knows the holidays only,
and `transfers_until` says so); school breaks and terms are not in any library, so
default dates per academic year ship here as data (the ministry's recommended dates;
regions may differ, which is why a plan may override them and why the output says when
defaults were used). A year without shipped dates gets them by the ministry's usual
pattern (`rule_breaks`, which gives the shipped years exactly), and says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from partnerplan.plan.model import CalendarSpec, Plan

# (name, from, to) by the academic year's first calendar year.
DEFAULT_BREAKS: dict[int, tuple[tuple[str, str, str], ...]] = {
    2024: (
        ("осенние каникулы", "2024-10-26", "2024-11-04"),
        ("зимние каникулы", "2024-12-29", "2025-01-08"),
        ("весенние каникулы", "2025-03-22", "2025-03-30"),
        ("летние каникулы", "2025-05-27", "2025-08-31"),
    ),
    2025: (
        ("осенние каникулы", "2025-10-25", "2025-11-04"),
        ("зимние каникулы", "2025-12-31", "2026-01-11"),
        ("весенние каникулы", "2026-03-28", "2026-04-05"),
        ("летние каникулы", "2026-05-27", "2026-08-31"),
    ),
    2026: (
        ("осенние каникулы", "2026-10-24", "2026-11-04"),
        ("зимние каникулы", "2026-12-31", "2027-01-10"),
        ("весенние каникулы", "2027-03-27", "2027-04-04"),
        ("летние каникулы", "2027-05-27", "2027-08-31"),
    ),
}


def rule_breaks(y: int) -> tuple[tuple[str, str, str], ...]:
    """The usual pattern of the recommended breaks of school year y/y+1: autumn from the
    Saturday of 24–30 October to 4 November at least, winter from 31 December (29 when
    that is a Monday or Tuesday) to 8 January (or the Sunday after, from a Thursday on),
    spring nine days from the Saturday of 22–28 March, summer from 27 May."""
    autumn = date(y, 10, 24) + timedelta(days=(5 - date(y, 10, 24).weekday()) % 7)
    autumn_end = max(autumn + timedelta(days=8), date(y, 11, 4))
    winter = date(y, 12, 29) if date(y, 12, 31).weekday() in (0, 1) else date(y, 12, 31)
    jan8 = date(y + 1, 1, 8)
    winter_end = jan8 if jan8.weekday() <= 2 else jan8 + timedelta(days=6 - jan8.weekday())
    spring = date(y + 1, 3, 22) + timedelta(days=(5 - date(y + 1, 3, 22).weekday()) % 7)
    rows = (
        ("осенние каникулы", autumn, autumn_end),
        ("зимние каникулы", winter, winter_end),
        ("весенние каникулы", spring, spring + timedelta(days=8)),
        ("летние каникулы", date(y + 1, 5, 27), date(y + 1, 8, 31)),
    )
    return tuple((n, a.isoformat(), b.isoformat()) for n, a, b in rows)


# Quarters end where breaks begin; trimesters follow the common 3-term split.
_QUARTER_NAMES = ("I четверть", "II четверть", "III четверть", "IV четверть")
_TRIMESTER_NAMES = ("I триместр", "II триместр", "III триместр")


@dataclass(frozen=True, slots=True)
class Span:
    name: str
    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def days(self) -> Iterator[date]:
        d = self.start
        while d <= self.end:
            yield d
            d += timedelta(days=1)


@dataclass(frozen=True)
class AcademicCalendar:
    """Everything the scheduler needs to know about the days of one plan year."""

    start: date
    end: date
    academic: bool
    week: int
    breaks: tuple[Span, ...]
    terms: tuple[Span, ...]
    days_off: frozenset[date]
    working_days: frozenset[date]
    default_breaks: bool  # True when no break dates came from the plan
    breaks_by_rule: bool = False  # default breaks of a year without shipped dates
    # Memo of school_days_in: plans repeat the same windows thousands of times.
    _memo: dict[tuple[date, date], list[date]] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def _break_days(self) -> frozenset[date]:
        return frozenset(d for b in self.breaks for d in b.days())

    @cached_property
    def _official(self) -> tuple[dict[date, str], frozenset[date], int]:
        return official_days(self.start.year, self.end.year)

    @property
    def transfers_until(self) -> int:
        """The last year whose transfers of days off the `holidays` package knows."""
        return self._official[2]

    def is_main_holiday(self, day: date) -> bool:
        """A public holiday itself (1–8 January, 23 February, …), not a day off moved by a
        transfer or by a holiday falling on a weekend."""
        name = self._holidays.get(day)
        return name is not None and "выходн" not in name.lower()

    def may_open(self, day: date) -> bool:
        """A day an organisation that works on days off may hold an event: not a main
        public holiday, not the plan's own day off (the plan's working days always)."""
        if day in self.working_days:
            return True
        return day not in self.days_off and not self.is_main_holiday(day)

    @property
    def _holidays(self) -> dict[date, str]:
        return self._official[0]

    @property
    def _transfers(self) -> frozenset[date]:
        return self._official[1]

    @cached_property
    def _working(self) -> frozenset[date]:
        out = set()
        for day in Span("", self.start, self.end).days():
            if self._is_working(day):
                out.add(day)
        return frozenset(out)

    def _is_working(self, day: date) -> bool:
        if day in self.working_days:
            return True
        if day in self.days_off or day in self._holidays:
            return False
        if day.weekday() == 6:
            return False
        if day.weekday() == 5:
            return self.week == 6 or day in self._transfers
        return True

    def is_working_day(self, day: date) -> bool:
        if self.start <= day <= self.end:
            return day in self._working
        return self._is_working(day)

    def holiday_name(self, day: date) -> str | None:
        return self._holidays.get(day)

    def break_of(self, day: date) -> Span | None:
        for b in self.breaks:
            if day in b:
                return b
        return None

    def in_break(self, day: date) -> bool:
        return day in self._break_days

    def working_days_in(self, start: date, end: date) -> list[date]:
        return [d for d in Span("", start, end).days() if self.is_working_day(d)]

    def school_days_in(self, start: date, end: date) -> list[date]:
        """Working days outside breaks; if the span lies wholly in breaks, its working days.

        A window that lies wholly inside breaks (July, «летом», «в период осенних
        каникул») is taken as naming the break, so its working days are allowed.
        """
        memo = self._memo.get((start, end))
        if memo is None:
            work = self.working_days_in(start, end)
            breaks = self._break_days
            memo = [d for d in work if d not in breaks] or work
            self._memo[(start, end)] = memo
        return memo

    def previous_working_day(self, day: date, *, strictly: bool = False) -> date:
        d = day - timedelta(days=1) if strictly else day
        for _ in range(60):
            if self.is_working_day(d):
                return d
            d -= timedelta(days=1)
        return day


def official_days(first: int, last: int) -> tuple[dict[date, str], frozenset[date], int]:
    """Russia's public holidays (with transfers), working weekend days, and the last year
    whose transfers are published, by `holidays`.

    Importing `holidays` costs ~45 ms, most of a `validate` run; its answer for given
    years never changes within one release, so it is cached per release in the user's
    cache folder. A cache that cannot be read or written is simply not used.
    """
    import json
    import os

    version = _holidays_stamp()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    cache = os.path.join(base, "partnerplan", f"holidays-RU2-{version}-{first}-{last}.json")
    try:
        with open(cache, encoding="utf-8") as fh:
            raw = json.load(fh)
        return (
            {date.fromisoformat(k): v for k, v in raw["holidays"].items()},
            frozenset(date.fromisoformat(d) for d in raw["workdays"]),
            int(raw["published"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        pass
    import holidays

    found = holidays.country_holidays("RU", years=range(first, last + 1), language="ru")
    table = {d: str(name) for d, name in sorted(found.items())}
    workdays = frozenset(found.weekend_workdays)
    published = _published_until()
    try:
        from partnerplan.fsutil import atomic_write

        os.makedirs(os.path.dirname(cache), exist_ok=True)
        payload = {
            "holidays": {d.isoformat(): n for d, n in table.items()},
            "workdays": sorted(d.isoformat() for d in workdays),
            "published": published,
        }
        atomic_write(cache, json.dumps(payload, ensure_ascii=False), durable=False)
    except Exception:
        pass
    return table, workdays, published


def _holidays_stamp() -> str:
    """What identifies the installed `holidays` release: the size and time of its table of
    Russia's days. (`importlib.metadata.version` would say it too, but importing
    importlib.metadata and reading the wheel's METADATA cost more than the whole cache
    saves: ~50 ms of a 400 ms `validate`.)"""
    import importlib.util
    import os

    try:
        spec = importlib.util.find_spec("holidays")
        folder = (spec.submodule_search_locations or [""])[0] if spec else ""
        st = os.stat(os.path.join(folder, "countries", "russia.py"))
    except (ImportError, ValueError, OSError):  # pragma: no cover - a broken install
        return "unknown"
    return f"{st.st_size}-{st.st_mtime_ns}"


def _published_until() -> int:
    """The last year with the government's transfers in `holidays` (its table of them)."""
    try:
        from holidays.countries.russia import RussiaStaticHolidays

        return max(int(y) for y in RussiaStaticHolidays.special_public_holidays)
    except (ImportError, AttributeError, ValueError):  # pragma: no cover - another layout
        return 9999


def _spans(items: object) -> tuple[Span, ...]:
    return tuple(Span(r.name, r.from_, r.to) for r in items)  # type: ignore[attr-defined]


def build_calendar(plan: Plan) -> AcademicCalendar:
    spec: CalendarSpec = plan.calendar
    first = int(plan.year[:4])
    start, end = plan.start, plan.end
    by_rule = False
    if spec.breaks is not None:
        breaks, default = _spans(spec.breaks), False
    else:
        year_keys = [first] if plan.academic else [first - 1, first]
        # A calendar year spans two school years: take both, clipped below.
        rows = tuple(r for k in year_keys for r in DEFAULT_BREAKS.get(k) or rule_breaks(k))
        by_rule = any(k not in DEFAULT_BREAKS for k in year_keys)
        breaks = tuple(Span(n, date.fromisoformat(a), date.fromisoformat(b)) for n, a, b in rows)
        default = True
    # A break that runs for decades (a typo: `to: 2199-12-31`) would cost a set of every
    # day in it; nothing outside a year of margin around the plan can matter.
    lo, hi = start - timedelta(days=366), end + timedelta(days=366)
    breaks = tuple(
        Span(b.name, max(b.start, lo), min(b.end, hi)) for b in breaks if b.end >= start and b.start <= end
    )
    terms = _terms(spec, start, breaks, plan.academic)
    return AcademicCalendar(
        start=start,
        end=end,
        academic=plan.academic,
        week=spec.week,
        breaks=breaks,
        terms=terms,
        days_off=frozenset(spec.days_off),
        working_days=frozenset(spec.working_days),
        default_breaks=default,
        breaks_by_rule=by_rule,
    )


def _terms(spec: CalendarSpec, start: date, breaks: tuple[Span, ...], academic: bool) -> tuple[Span, ...]:
    if isinstance(spec.terms, list):
        return _spans(spec.terms)
    if not academic:
        return ()
    y = start.year
    if spec.terms == "trimesters":
        bounds = [(date(y, 9, 1), date(y, 11, 30)), (date(y, 12, 1), date(y + 1, 2, 28)),
                  (date(y + 1, 3, 1), date(y + 1, 5, 26))]  # fmt: skip
        return tuple(Span(n, a, b) for n, (a, b) in zip(_TRIMESTER_NAMES, bounds, strict=True))
    # Quarters run from the end of one break to the start of the next.
    school_breaks = sorted((b for b in breaks if b.start >= start), key=lambda b: b.start)[:4]
    if len(school_breaks) < 4:
        bounds = [
            (date(y, 9, 1), date(y, 10, 24)),
            (date(y, 11, 5), date(y, 12, 28)),
            (date(y + 1, 1, 9), date(y + 1, 3, 21)),
            (date(y + 1, 3, 31), date(y + 1, 5, 26)),
        ]
    else:
        starts = [date(y, 9, 1)] + [b.end + timedelta(days=1) for b in school_breaks[:3]]
        ends = [b.start - timedelta(days=1) for b in school_breaks]
        bounds = list(zip(starts, ends, strict=True))
    return tuple(Span(n, a, b) for n, (a, b) in zip(_QUARTER_NAMES, bounds, strict=True))
