"""Rules for what names parts of the year: months and their ranges, numbered terms,
half-years and calendar quarters, the beginning, middle or end of a span, breaks,
seasons, years, frequencies («2 раза в год», «раз в две недели»), labels and fillers.

Each rule is `rule(scanner, i) -> (items, next index) | None` (see `scanner`).
"""

from __future__ import annotations

import re

from partnerplan.dates.calendar import Span
from partnerplan.dates.meaning import PeriodError, Window
from partnerplan.dates.scanner import Freq, Item, Rx, Scanner, value, word
from partnerplan.dates.spans import part_of

Found = tuple[list[Item], int] | None
_PART_UNITS = r"Uчетверть|Uтриместр|Uполгода|Uквартал"

# --- months ---------------------------------------------------------------------------

MONTH_RANGE = Rx(
    r"(?:с |в )?(?P<a>M) (?:(?P<ya>Y) )?(?:Uгод )?(?:-|по|до) "
    r"(?P<b>M) (?:Uмесяц )?(?:(?P<yb>Y) )?(?:Uгод )?(?:E )?",
    "с в M",
)
MONTH = Rx(
    r"(?:в |во |на |с )?(?P<a>M) (?:Uмесяц )?(?:(?:, )?(?P<y>Y) )?(?:Uгод )?(?:т Uгод )?(?:E )?",
    "в с M",
)


def months(sc: Scanner, i: int) -> Found:
    y = sc.y
    m = sc.match(MONTH_RANGE, i)
    if m:
        a, b = sc.int_at(m, "a") or 1, sc.int_at(m, "b") or 1
        ya, yb = sc.int_at(m, "ya"), sc.int_at(m, "yb")
        if ya is None and yb is not None:
            ya = yb if a <= b else yb - 1
        if (b - a) % 12 == 11:  # «январь – декабрь», «сентябрь – август»: the whole year round
            return [Item("ongoing", i, sc.end(m), text=sc.raw(i, sc.end(m)))], sc.end(m)
        first = y.month_span(a, ya) if ya is not None else y.month_span(a)
        last = y.month_span(b, yb) if yb is not None else y.month_span(b)
        span = y.range(first.start, last.end, f"{first.name}-{last.name}")
        return [
            Item("win", i, sc.end(m), [Window(span.start, span.end, 1, span.name)], shape="months")
        ], sc.end(m)
    m = sc.match(MONTH, i)
    if not m:
        return None
    a = sc.int_at(m, "a") or 1
    year = sc.int_at(m, "y")
    stop = sc.end(m)
    span = y.month_span(a, year)
    nxt = sc.toks[stop] if stop < len(sc.toks) else None
    if (
        nxt is not None
        and nxt.tag == "M"
        and not nxt.nl
        and year is None
        and value(nxt) == a % 12 + 1
        and sc.text[sc.toks[stop - 1].end : nxt.start].strip() == ""
        and sc.tag(stop + 1) not in ("-", "по", "до")
    ):
        # «Июль август»: two neighbouring months with only a space between lost their dash.
        last = y.month_span(value(nxt))
        joined = y.range(span.start, last.end, f"{span.name}-{last.name}")
        return [
            Item("win", i, stop + 1, [Window(joined.start, joined.end, 1, joined.name)], shape="months")
        ], stop + 1
    return [Item("win", i, stop, [Window(span.start, span.end, 1, span.name)], shape="month")], stop


# --- numbered parts, parts of spans ---------------------------------------------------

NUMBERED = Rx(
    rf"(?:в |на |во )?(?P<n>R|N|O) (?P<u>{_PART_UNITS}) (?:(?P<y>Y) )?(?:Uгод )?"
    rf"(?:- (?P<n2>R|N|O) (?P<u2>{_PART_UNITS}) (?:(?P<y2>Y) )?(?:Uгод )?)?",
    "в R N O",
)
PART_OF = Rx(
    r"(?:в |на )?(?P<p>начало|середина|конец) (?:каждый )?(?:(?P<m>M) |(?P<n>R|N|O) (?P<u>"
    + _PART_UNITS
    + r") |(?:учебный |календарный )?(?P<yr>Uгод) |(?P<each>Uчетверть|Uтриместр|Uмесяц|Uквартал|Uполгода) )",
    "в начало середина конец",
)


def _parts(sc: Scanner, unit: str) -> list[Span]:
    if unit in ("Uчетверть", "Uтриместр"):
        return sc.y.terms()
    if unit == "Uполгода":
        return sc.y.halves()
    if unit == "Uмесяц":
        return sc.y.season_months()
    return [sc.y.calendar_quarter(n) for n in range(1, 5)]


def _numbered(sc: Scanner, m: re.Match[str], n_group: str, u_group: str, y_group: str) -> Span:
    n, unit = sc.int_at(m, n_group) or 0, m[u_group]
    if unit == "Uквартал":
        return sc.y.calendar_quarter(n, sc.int_at(m, y_group))
    spans = _parts(sc, unit)
    if not 1 <= n <= len(spans):
        raise PeriodError("PP300", text=sc.raw(m.start(), sc.end(m)) or f"{n}")
    return spans[n - 1]


def numbered_parts(sc: Scanner, i: int) -> Found:
    m = sc.match(NUMBERED, i)
    if not m:
        return None
    stop = sc.end(m)
    first = _numbered(sc, m, "n", "u", "y")
    if m["n2"] is None:
        return [Item("win", i, stop, [Window(first.start, first.end, 1, first.name)], shape="part")], stop
    last = _numbered(sc, m, "n2", "u2", "y2")
    count = len(_parts(sc, m["u"])) if m["u"] != "Uквартал" else 4
    if sc.int_at(m, "n") == 1 and sc.int_at(m, "n2") == count:
        return [Item("ongoing", i, stop, text=sc.raw(i, stop))], stop  # «1 кв.- 4 кв.»: all year
    span = sc.y.range(first.start, last.end, f"{first.name} – {last.name}")
    return [Item("win", i, stop, [Window(span.start, span.end, 1, span.name)], shape="part")], stop


def part_of_span(sc: Scanner, i: int) -> Found:
    m = sc.match(PART_OF, i)
    if not m:
        return None
    which = m["p"]
    if m["m"]:
        spans = [sc.y.month_span(sc.int_at(m, "m") or 1)]
    elif m["u"]:
        spans = [_numbered(sc, m, "n", "u", "yr")]
    elif m["yr"]:
        days = sc.y.school_days() or [sc.y.cal.start, sc.y.cal.end]
        spans = [Span("учебного года", days[0], days[-1])]
    else:
        spans = _parts(sc, m["each"])
    out = [part_of(s, which) for s in spans]
    return [
        Item("win", i, sc.end(m), [Window(p.start, p.end, 1, p.name) for p in out], shape="part")
    ], sc.end(m)


# --- breaks and seasons ---------------------------------------------------------------

BREAK = Rx(
    r"(?:в |на )?(?:период |время |Uдень )?(?:(?P<s>S) )?(?:x )?B (?:время |период )?",
    "в период время Uдень S x B",
)
SEASON = Rx(
    r"(?:в |во )?(?:период )?(?P<s>S) (?:период |время )?",
    "в период S",
)
_BREAK_STEM = {"осень": "осен", "зима": "зим", "весна": "весен", "лето": "лет"}


def breaks(sc: Scanner, i: int) -> Found:
    m = sc.match(BREAK, i)
    if m:
        s = sc.at(m, "s")
        found = sc.y.named_break(_BREAK_STEM[word(s)] if s is not None else None)
        wins = [Window(b.start, b.end, 1, b.name, named=True) for b in found]
        return [Item("win", i, sc.end(m), wins, shape="break")], sc.end(m)
    m = sc.match(SEASON, i)
    if m:
        s = sc.at(m, "s")
        assert s is not None
        span = sc.y.season_of_year(word(s))
        return [
            Item("win", i, sc.end(m), [Window(span.start, span.end, 1, span.name)], shape="season")
        ], sc.end(m)
    return None


# --- years ----------------------------------------------------------------------------

YEARS = Rx(
    r"(?P<a>Y) (?:-|по|sl) (?P<b>Y) (?:учебный |Uгод )*",
    "Y",
)
YEAR = Rx(
    r"(?P<a>Y) (?P<ac>учебный )?(?:Uгод )*",
    "Y",
)


def years(sc: Scanner, i: int) -> Found:
    m = sc.match(YEARS, i)
    if m:  # «2025-2029», «2020-2021 уч. г.»: the plan's whole year
        return [Item("ongoing", i, sc.end(m), text=sc.raw(i, sc.end(m)))], sc.end(m)
    m = sc.match(YEAR, i)
    if not m:
        return None
    span = sc.y.calendar_year(sc.int_at(m, "a") or 0)
    return [Item("win", i, sc.end(m), [Window(span.start, span.end, 1, span.name)], shape="year")], sc.end(m)


# --- frequencies ----------------------------------------------------------------------

FREQ = Rx(
    r"(?:не (?:реже|позднее) )?(?:(?P<n>N|C) (?:- (?P<n2>N|C) )?)?раз (?:в |за )?(?:(?P<k>N|C) )?"
    r"(?:учебный |календарный )?(?P<u>U\w+) ",
    "не N C раз",
)
ADVERB = Rx(
    r"(?:не (?:реже|позднее) )?(?P<n>C) (?:в |за )?(?:(?P<k>N|C) )?(?:учебный |календарный )?(?P<u>U\w+) ",
    "не C",
)
EACH = Rx(
    r"(?:(?P<e>E) |каждый (?:(?P<k>N|C) )?(?P<u>U\w+) )",
    "E каждый",
)
_EACH_UNIT = {
    "ежегодно": "Uгод",
    "ежемесячно": "Uмесяц",
    "еженедельно": "Uнеделя",
    "ежеквартально": "Uквартал",
}


def frequency(sc: Scanner, i: int) -> Found:
    m = sc.match(FREQ, i)
    n: int | None = None
    if m:
        n = sc.int_at(m, "n") if m["n"] else 1
    else:
        m = sc.match(ADVERB, i)
        if m:
            t = sc.at(m, "n")
            n = sc.int_at(m, "n") if t is not None and t.low.endswith("жды") else None
        else:
            m = sc.match(EACH, i)
            if m:
                n = 1
    if m is None or n is None:
        return None
    unit = m["u"] if m["u"] else _EACH_UNIT.get(word(sc.toks[i]) if m["e"] else "", "")
    if not unit:
        return None
    stop = sc.end(m)
    if unit == "Uдень":  # «дважды в день»: a daily routine, not dated events
        return [Item("ongoing", i, stop, text=sc.raw(i, stop))], stop
    per = sc.int_at(m, "k") or 1 if m["k"] else 1
    freq = Freq(n, per, unit[1:], sc.raw(i, stop))
    return [Item("freq", i, stop, freq=freq, shape="freq")], stop


# --- labels and fillers ---------------------------------------------------------------

LABEL = Rx(
    r"(?:x |S |дата ){1,3}colon ",
    "x S дата",
)
FILLER = Rx(
    r"(?:т Uгод |текущий Uгод |дата (?:- |colon )?|(?:в )?период (?=с |D |N ))",
    "т текущий дата в период",
)


def labels(sc: Scanner, i: int) -> Found:
    """«осенние: с 24 по 28 октября»: a word before a colon at the start names the row."""
    if i == 0:
        m = sc.match(LABEL, i)
        if m:
            stop = sc.end(m)
            return [Item("note", i, stop, text=sc.raw(i, stop - 1))], stop
    m = sc.match(FILLER, i)
    if m:
        return [Item("filler", i, sc.end(m))], sc.end(m)
    return None
