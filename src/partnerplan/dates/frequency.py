"""Periodic periods → windows: «Один раз в квартал», «2 раза в год», «ежемесячно»,
«1 раз в 2 месяца», «раз в две недели».

Periodic events fall in the working season: the plan year's school days, which leave out
the summer break (and every other break) unless the plan's calendar has none — an
organisation that works in summer says so with its own `calendar.breaks`. The windows of
one series are marked `even`: the scheduler puts every event of an activity at the same
place in its window, so a quarterly activity's events are a quarter apart, not 16
February and 3 March. Counts keep their usual sense: «ежеквартально» is four times a year,
«ежемесячно» once in each month that has school days.
"""

from __future__ import annotations

from partnerplan.dates.meaning import PeriodError, Window
from partnerplan.dates.scanner import Freq
from partnerplan.dates.spans import Years

_PER_YEAR = {"год": 1, "полгода": 2, "квартал": 4, "месяц": 12}


def _short(text: str, limit: int = 60) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def year_limit(y: Years) -> int:
    """At most one event per school day: the most events one period may ask for."""
    return max(len(y.cal.school_days_in(y.cal.start, y.cal.end)), 1)


def freq_windows(freq: Freq, y: Years, text: str) -> list[Window]:
    """The windows of a frequency; PP306 when it asks for more events than days."""
    cal = y.cal

    def too_many(days: int, span: str) -> PeriodError:
        return PeriodError("PP306", text=_short(text), count=_short(str(freq.n)), days=days, span=span)

    limit = year_limit(y)
    if freq.n > limit:
        raise too_many(limit, "год")
    windows = _windows(freq, y)
    for w in windows:
        if w.mode == "weekly":
            if w.count > cal.week:
                raise too_many(cal.week, "неделю")
            continue
        days = cal.school_days_in(max(w.start, cal.start), min(w.end, cal.end))
        if days and w.count > len(days):
            raise too_many(len(days), w.label)
    if sum(w.count for w in windows if w.mode != "weekly") > limit:
        raise too_many(limit, "год")
    return windows


def _windows(freq: Freq, y: Years) -> list[Window]:
    n, per, unit = freq.n, max(freq.per, 1), freq.unit
    cal = y.cal
    year_word = "учебного года" if cal.academic else "года"
    if unit == "неделя":
        label = "каждую неделю" if per == 1 else f"раз в {per} недели"
        return [Window(cal.start, cal.end, n, label, "weekly", (), every=per)]
    if unit in ("четверть", "триместр"):
        return [Window(s.start, s.end, n, s.name, even=True) for s in y.terms()]
    if unit == "месяц" and per == 1:
        return [Window(s.start, s.end, n, s.name, even=True) for s in y.season_months()]
    if (unit == "полгода" and per == 1) or (unit == "год" and per == 1 and n == 2):
        return _halves(n if unit == "полгода" else 1, y)
    quarterly = (unit == "квартал" and per == 1) or (unit == "месяц" and per == 3)
    if quarterly or (unit == "год" and per == 1 and n == 4):
        count = n if quarterly else 1
        if not cal.academic:  # a calendar year's quarters are I–IV квартал themselves
            return [
                Window(q.start, q.end, count, q.name, even=True) for q in map(y.calendar_quarter, range(1, 5))
            ]
        what = f"квартал {year_word}"
        return [
            Window(s.start, s.end, count, f"{k + 1}-й {what}", even=True)
            for k, s in enumerate(y.blocks(4, what))
        ]
    total = max(1, round(n * _PER_YEAR.get(unit, 1) / per))
    if total == 1:
        days = y.school_days() or [cal.start, cal.end]
        return [Window(days[0], days[-1], 1, "год", even=True)]
    return [
        Window(s.start, s.end, 1, f"{k + 1}-я часть {year_word} из {total}", even=True)
        for k, s in enumerate(y.blocks(total))
    ]


def _halves(n: int, y: Years) -> list[Window]:
    """Half-years cut to their school days (no summer), with `n` events each."""
    out = []
    school = y.school_days()
    for half in y.halves():
        inside = [d for d in school if half.start <= d <= half.end]
        if inside:
            out.append(Window(inside[0], inside[-1], n, half.name, even=True))
    return out
