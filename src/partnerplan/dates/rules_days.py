"""Rules for what names days: dates, ranges, lists of days, deadlines and anchors
(«к 9 мая», «до 10 декабря», «по 10 мая», «с 1 октября»), weekdays, weeks of a month,
notable days, times of day, and the marks of ongoing and on-demand work.

Each rule is `rule(scanner, i) -> (items, next index) | None` (see `scanner`).
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from typing import cast

from partnerplan.dates.calendar import Span
from partnerplan.dates.meaning import Clock, Mode, PeriodError, Window
from partnerplan.dates.notable import find_notable
from partnerplan.dates.scanner import Item, Rx, Scanner, value
from partnerplan.dates.spans import day_label
from partnerplan.dates.words import MONTH_GEN, WEEKDAY_DAT_PL

Found = tuple[list[Item], int] | None


def _date_rx(p: str) -> str:
    return (
        rf"(?:(?P<{p}d>D) (?:(?P<{p}y>Y) )?|(?P<{p}n>N) (?P<{p}m>M) (?:(?P<{p}y2>Y) )?)"
        rf"(?:Uгод )?(?:т Uгод )?(?:(?P<{p}w>W) |lp (?P<{p}w2>W) rp )?"
    )


_SEP = r"(?:-|по|до|sl) "
RANGE = Rx(
    r"(?:с )?" + _date_rx("a") + _SEP + _date_rx("b"),
    "с D N",
)
DAY_RANGE = Rx(
    r"(?:с )?(?P<an>N) " + _SEP + _date_rx("b"),
    "с N",
)
DAY_LIST = Rx(
    r"(?:N (?:,|и) )+(?:N (?:,|и)? )?" + _date_rx("b"),
    "N",
)
ONE = Rx(
    _date_rx("a"),
    "D N",
)


def _ymd(sc: Scanner, m: re.Match[str], p: str) -> tuple[int, int, int | None]:
    """(day, month, year or None) of the date named by groups with prefix `p`."""
    d = sc.at(m, f"{p}d")
    if d is not None:
        day, month, year = cast(tuple[int, int, "int | None"], d.value)
        y = sc.at(m, f"{p}y")
        return day, month, year if year is not None else (value(y) if y else None)
    y2 = sc.at(m, f"{p}y2")
    return sc.int_at(m, f"{p}n") or 0, sc.int_at(m, f"{p}m") or 0, value(y2) if y2 else None


def _mark(sc: Scanner, m: re.Match[str], p: str, day: date) -> None:
    """A weekday written beside a date («1 июня пятница»): kept as a remark when it is not
    that date's weekday in the plan year (it was, in the year the plan was copied from)."""
    w = sc.at(m, f"{p}w") or sc.at(m, f"{p}w2")
    if w is not None and value(w) != day.weekday():
        sc.y.remarks.append(f"{day_label(day)} {day.year} — не «{w.raw}»")


def dates(sc: Scanner, i: int) -> Found:
    y = sc.y
    m = sc.match(RANGE, i)
    if m:
        bd, bm, by = _ymd(sc, m, "b")
        ad, am, ay = _ymd(sc, m, "a")
        if ay is None and by is not None:
            ay = by if am <= bm else by - 1
        a, b = y.day(ad, am, ay, check=False), y.day(bd, bm, by, check=False)
        span = y.range(a, b, f"{day_label(a)} – {day_label(b)}")
        _mark(sc, m, "a", a)
        _mark(sc, m, "b", b)
        return [
            Item("win", i, sc.end(m), [Window(span.start, span.end, 1, span.name)], shape="range")
        ], sc.end(m)
    m = sc.match(DAY_RANGE, i)
    if m:
        bd, bm, by = _ymd(sc, m, "b")
        b = y.day(bd, bm, by, check=False)
        a = y.day(sc.int_at(m, "an") or 0, bm, by, check=False)
        span = y.range(a, b, f"{a.day}–{day_label(b)}")
        _mark(sc, m, "b", b)
        return [
            Item("win", i, sc.end(m), [Window(span.start, span.end, 1, span.name)], shape="range")
        ], sc.end(m)
    m = sc.match(DAY_LIST, i)
    if m:
        _, bm, by = _ymd(sc, m, "b")
        stop = sc.end(m)
        days = [value(sc.toks[k]) for k in range(i, stop) if sc.toks[k].tag == "N" and sc.toks[k].raw]
        bd = _ymd(sc, m, "b")[0]
        if sc.at(m, "bn") is not None:
            days = days[:-1]
        out = [y.day(d, bm, by) for d in [*days, bd]]
        return [
            Item("win", i, stop, [Window(d, d, 1, day_label(d), "fixed") for d in out], shape="date")
        ], stop
    m = sc.match(ONE, i)
    if m:
        dd, mm, yy = _ymd(sc, m, "a")
        d = y.day(dd, mm, yy)
        _mark(sc, m, "a", d)
        return [Item("win", i, sc.end(m), [Window(d, d, 1, day_label(d), "fixed")], shape="date")], sc.end(m)
    return None


# --- deadlines and anchors ------------------------------------------------------------

ANCHOR = Rx(
    r"(?P<h>к|до|накануне|не позднее|по|с) ",
    "к до накануне не по с",
)
_TARGET_DATE = Rx(
    _date_rx("a"),
    "D N",
)
_TARGET_MONTH_END = Rx(
    r"конец (?P<m>M) ",
    "конец",
)
_TARGET_MONTH = Rx(
    r"(?P<m>M) (?:(?P<y>Y) )?(?:Uгод )?",
    "M",
)
_TARGET_DAY_OF_MONTH = Rx(
    r"(?P<n>N) число (?:каждый )?Uмесяц ",
    "N",
)


def anchors(sc: Scanner, i: int) -> Found:
    m = sc.match(ANCHOR, i)
    if not m:
        return None
    head = m["h"]
    j = sc.end(m)
    mode: Mode = "by" if head == "не позднее" else "before"
    t = sc.match(_TARGET_DATE, j)
    if t:
        after = sc.tag(sc.end(t))
        if head == "с" and after in ("-", "по", "до", "sl"):
            return None  # a range: «с 1 по 15 сентября»
        dd, mm, yy = _ymd(sc, t, "a")
        d = sc.y.day(dd, mm, yy)
        if head == "с":  # «С 4 сентября»: the activity starts that day
            return [
                Item("win", i, sc.end(t), [Window(d, d, 1, f"с {day_label(d)}", "fixed")], shape="date")
            ], sc.end(t)
        if head == "по":  # «по 10 мая»: from the start of that month
            a = max(d.replace(day=1), sc.y.cal.start)
            return [
                Item("win", i, sc.end(t), [Window(a, d, 1, f"по {day_label(d)}")], shape="range")
            ], sc.end(t)
        return [Item("win", i, sc.end(t), [Window(d, d, 1, f"{head} {day_label(d)}", mode)])], sc.end(t)
    if head in ("по", "с"):
        return None
    t = sc.match(_TARGET_MONTH_END, j)
    if t:
        span = sc.y.month_span(sc.int_at(t, "m") or 1)
        label = f"до конца {MONTH_GEN[span.end.month - 1]}"
        return [Item("win", i, sc.end(t), [Window(span.end, span.end, 1, label, "by")])], sc.end(t)
    t = sc.match(_TARGET_DAY_OF_MONTH, j)
    if t:
        n = sc.int_at(t, "n") or 1
        out = []
        for span in sc.y.season_months():
            d = min(span.start + timedelta(days=n - 1), span.end)
            out.append(Window(d, d, 1, f"{head} {n} числа", mode))
        return [Item("win", i, sc.end(t), out)], sc.end(t)
    t = sc.match(_TARGET_MONTH, j)
    if t and head == "до":  # «до мая»: before May begins
        span = sc.y.month_span(sc.int_at(t, "m") or 1)
        label = f"до {MONTH_GEN[span.start.month - 1]}"
        return [Item("win", i, sc.end(t), [Window(span.start, span.start, 1, label, "before")])], sc.end(t)
    found = notable_at(sc, j, anchored=True)
    if found:
        name, d, stop = found
        return [Item("win", i, stop, [Window(d, d, 1, f"{head} {day_label(d)} ({name})", mode)])], stop
    return None


_NOTABLE_TAGS = frozenset({"x", "Uдень", "S", "и", "Uгод", ",", "W"})


def notable_at(sc: Scanner, i: int, *, anchored: bool = False) -> tuple[str, date, int] | None:
    """«День Победы», «ко Дню матери»: the shortest run of words that names a notable day."""
    words: list[str] = []
    year_of = {mo: sc.y.of_month(mo) for mo in range(1, 13)}
    j = i
    while (
        j < len(sc.toks) and j - i < 7 and sc.toks[j].tag in _NOTABLE_TAGS and (j == i or not sc.toks[j].nl)
    ):
        words.append(sc.toks[j].low)
        j += 1
        if not anchored and not any(w.startswith(("ден", "дн", "праздник", "нов")) for w in words):
            continue
        found = find_notable(" ".join(words), year_of)
        if found:
            # Take the rest of the day's name too: «Дню пожилого | человека».
            name_stems = {w[:4] for w in found[0].lower().replace("ё", "е").split()}
            while j < len(sc.toks) and not sc.toks[j].nl and sc.toks[j].low[:4] in name_stems:
                j += 1
            return found[0], found[1], j
    return None


def notable(sc: Scanner, i: int) -> Found:
    if sc.tag(i) not in _NOTABLE_TAGS:
        return None
    found = notable_at(sc, i)
    if not found:
        return None
    name, d, stop = found
    sc.y.inside(d)
    return [Item("win", i, stop, [Window(d, d, 1, name, "fixed")], shape="date")], stop


# --- weekdays and weeks ---------------------------------------------------------------

WEEKLY = Rx(
    r"(?:(?:не реже )?E )?(?:каждый|по) W (?:(?:,|и|по|каждый) W )*",
    "не E каждый по",
)
NTH = Rx(
    r"(?:каждый |в )?(?P<o>O|N) (?P<w>W) (?:каждый )?(?:(?P<mon>Uмесяц) |(?P<m>M) (?:(?P<y>Y) )?)(?:E )?",
    "каждый в O N",
)
WEEKS = Rx(
    r"(?:в |на )?(?:O|N) (?:(?:,|и|-) (?:O|N) )*Uнеделя (?:(?P<m>M) |(?:каждый )?(?P<mon>Uмесяц) )",
    "в O N",
)


def weekly(sc: Scanner, i: int) -> Found:
    m = sc.match(WEEKLY, i)
    if not m:
        return None
    stop = sc.end(m)
    days = sorted({value(sc.toks[k]) for k in range(i, stop) if sc.toks[k].tag == "W"})
    names = ", ".join(WEEKDAY_DAT_PL[d] for d in days)
    cal = sc.y.cal
    return [
        Item("win", i, stop, [Window(cal.start, cal.end, len(days), f"по {names}", "weekly", tuple(days))])
    ], stop


def nth_weekday(sc: Scanner, i: int) -> Found:
    m = sc.match(NTH, i)
    if not m:
        return None
    n = sc.int_at(m, "o") or 0
    wd = sc.int_at(m, "w") or 0
    o, w = sc.at(m, "o"), sc.at(m, "w")
    assert o is not None and w is not None
    label = f"{o.raw} {w.raw}"
    if m["m"]:
        y = sc.at(m, "y")
        months = [sc.y.month_span(sc.int_at(m, "m") or 1, value(y) if y else None)]
    else:
        months = sc.y.season_months()
        label += " месяца"
    out = []
    for span in months:
        days = [d for d in span.days() if d.weekday() == wd]
        if n == -1 or 1 <= n <= len(days):
            d = days[-1] if n == -1 else days[n - 1]
            # The window is the month: on a public holiday or in a break (the second
            # Saturday of May 2026 is 9 May) the event takes the nearest such weekday of it.
            out.append(Window(d, span.end, 1, label, "fixed", (wd,)))
    if not out:
        raise PeriodError("PP300", text=sc.raw(i, sc.end(m)))
    return [Item("win", i, sc.end(m), out, shape="date")], sc.end(m)


def weeks_of_month(sc: Scanner, i: int) -> Found:
    """«2 неделя апреля», «3, 4 неделя октября» (one window over both), «последняя неделя
    месяца». Weeks are 1–7, 8–14, 15–21, 22–28 and 29– of the month."""
    m = sc.match(WEEKS, i)
    if not m:
        return None
    stop = sc.end(m)
    ns = [value(sc.toks[k]) for k in range(i, stop) if sc.toks[k].tag in ("O", "N")]
    months = [sc.y.month_span(sc.int_at(m, "m") or 1)] if m["m"] else sc.y.season_months()
    out = []
    for span in months:
        parts = [_week(span, n, sc.raw(i, stop)) for n in ns]
        a, b = min(p.start for p in parts), max(p.end for p in parts)
        numbers = ", ".join(str(n) if n > 0 else "последняя" for n in ns)
        label = f"{numbers} неделя {MONTH_GEN[span.start.month - 1]}"
        out.append(Window(a, b, 1, label))
    return [Item("win", i, stop, out, shape="week")], stop


def _week(span: Span, n: int, text: str) -> Span:
    if n == -1:
        return Span("", span.end - timedelta(days=6), span.end)
    start = span.start + timedelta(days=7 * (n - 1))
    if not 1 <= n <= 5 or start > span.end:
        raise PeriodError("PP300", text=text)
    return Span("", start, span.end if n >= 4 else start + timedelta(days=6))


# --- times of day and marks ------------------------------------------------------------

TIME = Rx(
    r"(?:(?:в|с) )?(?P<a>T) (?:час )?(?:(?:-|до|по) (?P<b>T) (?:час )?)?",
    "в с T",
)
HOURS = Rx(
    r"(?:(?:в|с) )?(?P<a>N) час (?:(?:-|до) (?P<b>N) час )?",
    "в с N",
)


def times(sc: Scanner, i: int) -> Found:
    m = sc.match(TIME, i)
    if m:
        a, b = sc.at(m, "a"), sc.at(m, "b")
        assert a is not None
        start = _clock(a.value)
        end = _clock(b.value) if b is not None else None
        return [Item("time", i, sc.end(m), clock=Clock(start, end))], sc.end(m)
    m = sc.match(HOURS, i)
    if m and (sc.int_at(m, "a") or 99) <= 24:
        until = sc.int_at(m, "b")
        clock = Clock(time((sc.int_at(m, "a") or 0) % 24), time(until % 24) if until is not None else None)
        return [Item("time", i, sc.end(m), clock=clock)], sc.end(m)
    return None


def _clock(v: object) -> time:
    h, mi = cast(tuple[int, int], v)
    return time(h % 24, mi)


_STOP = frozenset({",", ";", "lp", "rp", "D", "T", "N", "Y", "-", "colon", "по"})
_ON_DEMAND_NEXT = frozenset(
    {"x", "мере", "зависимости", "дата", "учебный", "календарный", "текущий", "следующий", "проведения",
     "период", "время", "месячник", "число", "q", "S"}
)  # fmt: skip
ONGOING = Rx(
    r"(?:в )?(?P<h>течение|весь|постоянно|ежедневно|каждый Uдень) ",
    "в течение весь постоянно ежедневно каждый",
)


def _tail(sc: Scanner, j: int, stop: frozenset[str] = _STOP) -> int:
    k = j
    while k < len(sc.toks) and sc.toks[k].tag not in stop and (k == j or not sc.toks[k].nl):
        k += 1
    return k


def on_demand(sc: Scanner, i: int) -> Found:
    head = 1 if sc.tag(i) == "по" else 2 if (sc.tag(i), sc.tag(i + 1)) == ("в", "зависимости") else 0
    if not head or (sc.tag(i + head) not in _ON_DEMAND_NEXT and head == 1):
        return None
    stop = _tail(sc, i + head, _STOP - {"по"} | {"по"})
    return [Item("on_demand", i, stop, text=sc.raw(i, stop))], stop


def ongoing(sc: Scanner, i: int) -> Found:
    m = sc.match(ONGOING, i)
    if not m:
        return None
    j = sc.end(m)
    stop = j if m["h"] in ("постоянно", "ежедневно", "каждый Uдень") else _tail(sc, j)
    window = _ongoing_window(sc, j, stop)
    return [Item("ongoing", i, stop, [window] if window else [], text=sc.raw(i, stop))], stop


def _ongoing_window(sc: Scanner, j: int, stop: int) -> Window | None:
    tags = [t.tag for t in sc.toks[j:stop]]
    if tags and tags[-1] == "Uгод" and all(t in ("учебный", "календарный", "Uгод", "весь") for t in tags):
        return Window(sc.y.cal.start, sc.y.cal.end, 1, "год")
    if not tags:
        return None
    sub = Scanner(sc.toks[j:stop], sc.text, sc.y, sc.rules)
    try:
        items, left = sub.scan(0, len(sub.toks))
    except PeriodError:
        return None
    wins = [w for it in items if it.kind == "win" for w in it.windows]
    return wins[0] if not left and len(wins) == 1 else None
