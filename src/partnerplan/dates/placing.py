"""Which days a period gives: the deterministic, edit-local choice of days for one
activity, from its own identity (`key`) and nothing else in the plan.

- A named date is that date, whatever day of the week: «4 октября» is 4 October.
- «к 9 мая», «до 10 декабря»: the last working day before; «не позднее»: on or before.
- A periodic series (`Window.even`) puts every event of the activity at one place in its
  window, the activity's phase: a quarterly activity's events are a quarter apart.
- A weekday the period names is honoured even outside the working week («по субботам»
  in a centre with a five-day week); a break the period names («в зимние каникулы»)
  gives its working days, or, when it has none, its days that are not public holidays.
- Everything else: school days (working days outside breaks) of the window, one event
  per equal part of it, the day within the part chosen by a hash of the activity.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from typing import Any, NamedTuple

from partnerplan.dates.calendar import AcademicCalendar, Span
from partnerplan.dates.meaning import Period, Window

_CLASH_REACH = 3  # an even event gives way to at most this many school days either side


def hash_of(*parts: object) -> int:
    raw = "\x1f".join(str(p) for p in parts).encode()
    return int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), "big")


class Placement(NamedTuple):
    day: date
    window: int  # index of the window in the period
    movable: bool = True
    chunk: list[date] = []  # noqa: RUF012 - never changed: where it may move on a partner clash


def placements(period: Period, cal: AcademicCalendar, key: str) -> list[Placement]:
    """The days a dated period gives, window by window."""
    out: list[Placement] = []
    # The activity's place in each of its windows; never the very first or last tenth,
    # the first days after a break and the last before one, busy with everything else.
    phase = 0.1 + 0.8 * hash_of(key, "phase") / 2**64 if any(w.even for w in period.windows) else 0.0
    for wi, w in enumerate(period.windows):
        out.extend(_window(w, wi, cal, key, phase))
    return out


def place(period: Period, cal: AcademicCalendar, key: str) -> list[tuple[date, list[date], bool]]:
    """The days a dated period gives: (day, alternatives in its window, may move)."""
    return [(p.day, p.chunk, p.movable) for p in placements(period, cal, key)]


def _window(w: Window, wi: int, cal: AcademicCalendar, key: str, phase: float) -> list[Placement]:
    if w.mode == "fixed":
        d = w.start
        if w.weekdays and (cal.is_main_holiday(d) or cal.in_break(d)):
            # «2-я суббота месяца» on 9 May: the nearest such weekday of the month that is
            # neither a public holiday nor in a break (later first), if there is one.
            same = [d + timedelta(days=7 * k) for k in range(-4, 5) if k]
            same = [
                x for x in same if x.month == d.month and not cal.is_main_holiday(x) and not cal.in_break(x)
            ]
            d = min(same, key=lambda x: (abs((x - d).days), x < d), default=d)
        return [Placement(d, wi, False)] if cal.start <= d <= cal.end else []
    if w.mode in ("before", "by"):
        d = cal.previous_working_day(w.end, strictly=w.mode == "before")
        ok = cal.start <= d <= cal.end and (d < w.end or w.mode == "by")
        return [Placement(d, wi, False)] if ok else []
    if w.mode == "weekly":
        return [Placement(d, wi, False) for d in weekly_days(w, cal, key)]
    days = window_days(w, cal)
    if not days:
        return []
    n = min(w.count, len(days))
    out = []
    if w.even:
        for j in range(n):
            i = min(int((j + phase) / n * len(days)), len(days) - 1)
            chunk = days[max(0, i - _CLASH_REACH) : i + _CLASH_REACH + 1]
            out.append(Placement(days[i], wi, True, chunk))
        return out
    for k in range(n):
        chunk = days[len(days) * k // n : len(days) * (k + 1) // n]
        out.append(Placement(chunk[hash_of(key, wi, k) % len(chunk)], wi, True, chunk))
    return out


def window_days(w: Window, cal: AcademicCalendar) -> list[date]:
    """The days a spread window may use: school days; in a named break its working
    days, or when every day of it is off, the days that are not public holidays."""
    lo, hi = max(w.start, cal.start), min(w.end, cal.end)
    if hi < lo:
        return []
    days = cal.school_days_in(lo, hi)
    if days or w.even:
        return days
    # Every day of the window is off: the period names these days, so it gets them —
    # first those that are not public holidays; days of 1–8 January only when the
    # period names nothing else («с 01 по 08 января»).
    all_days = list(Span("", lo, hi).days())
    open_days = [d for d in all_days if cal.may_open(d)]
    return [d for d in open_days if d.weekday() != 6] or open_days or all_days


def weekly_days(w: Window, cal: AcademicCalendar, key: str) -> list[date]:
    weekdays = w.weekdays
    if not weekdays:
        pool = list(range(cal.week))
        chosen: list[int] = []
        for k in range(min(w.count, len(pool))):
            chosen.append(pool.pop(hash_of(key, "weekday", k) % len(pool)))
        weekdays = tuple(sorted(chosen))
    every = max(w.every, 1)
    phase = hash_of(key, "week") % every
    monday = w.start - timedelta(days=w.start.weekday())
    out = []
    d = w.start
    while d <= w.end:
        if d.weekday() in weekdays and ((d - monday).days // 7) % every == phase and _weekly_ok(d, cal):
            out.append(d)
        d += timedelta(days=1)
    return out


def _weekly_ok(d: date, cal: AcademicCalendar) -> bool:
    if cal.in_break(d):
        return False
    if d.weekday() < cal.week:
        return cal.is_working_day(d)
    return cal.may_open(d)  # a weekday the period names, outside the working week


def no_day_reason(period: Period, cal: AcademicCalendar) -> tuple[str, dict[str, Any]]:
    """Why a dated period gave no day: the code and arguments of the diagnostic."""
    for w in period.windows:
        if w.mode in ("before", "by"):
            d = cal.previous_working_day(w.end, strictly=w.mode == "before")
            if d < cal.start:
                return "PP403", {
                    "target": w.end.strftime("%d.%m.%Y"),
                    "start": cal.start.strftime("%d.%m.%Y"),
                }
    return "PP400", {}


def fits(day: date, w: Window) -> bool:
    """Whether a pinned date agrees with a window (a week of slack: a date moved a few
    days is still that event; a deadline may be met up to six weeks ahead)."""
    slack = timedelta(days=7)
    if w.mode == "weekly":
        return w.start <= day <= w.end
    if w.mode in ("before", "by"):
        return w.end - timedelta(days=45) <= day <= w.end
    return w.start - slack <= day <= w.end + slack
