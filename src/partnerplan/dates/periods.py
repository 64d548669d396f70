"""The period language: free Russian text («Один раз в квартал.», «Май-июнь») → Period.

A Period is a list of windows, each with a count of events and a way to place them; or
«ongoing» (в течение года) or «on demand» (по мере необходимости), which give no dated
events. Parsing needs the plan year (which September is meant) and the calendar (for
terms and breaks), never the holidays: placing events on days is `schedule`'s job.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from partnerplan.dates.calendar import AcademicCalendar, Span
from partnerplan.dates.notable import find_notable

Kind = Literal["dated", "ongoing", "on_demand"]
# spread: `count` events spread over the window's school days; fixed: on the day (or the
# working day before it); before: the last working day before `end` («к 9 мая»);
# by: the last working day on or before `end` («до 25 мая»); weekly: on `weekdays`.
Mode = Literal["spread", "fixed", "before", "by", "weekly"]


@dataclass(frozen=True, slots=True)
class Window:
    start: date
    end: date
    count: int = 1
    label: str = ""
    mode: Mode = "spread"
    weekdays: tuple[int, ...] = ()  # weekly: Monday = 0; empty = the scheduler picks `count`


@dataclass(frozen=True, slots=True)
class Period:
    text: str
    kind: Kind
    windows: tuple[Window, ...] = ()
    notes: tuple[str, ...] = field(default=())


class PeriodError(ValueError):
    """Text that is not a period; `code` is a message code, `args` its arguments."""

    def __init__(self, code: str, **args: object) -> None:
        super().__init__(code)
        self.code = code
        self.args_ = args


# --- vocabulary ---------------------------------------------------------------------

_MONTH_FORMS: dict[str, int] = {}
_MONTH_NOM = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip
_MONTH_GEN = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
_MONTH_PREP = (
    "январе", "феврале", "марте", "апреле", "мае", "июне",
    "июле", "августе", "сентябре", "октябре", "ноябре", "декабре",
)  # fmt: skip
_MONTH_ABBR = (
    ("янв",), ("фев", "февр"), ("мар",), ("апр",), (), ("июн",),
    ("июл",), ("авг",), ("сен", "сент"), ("окт",), ("ноя", "нояб"), ("дек",),
)  # fmt: skip
for _i, _forms in enumerate(zip(_MONTH_NOM, _MONTH_GEN, _MONTH_PREP, strict=True)):
    for _f in (*_forms, *_MONTH_ABBR[_i]):
        _MONTH_FORMS[_f] = _i + 1
_MONTH_FORMS["маю"] = 5
_FULL_FORMS = [f for f in _MONTH_FORMS if len(f) >= 4]

_WEEKDAYS: dict[str, int] = {}
for _i, _stems in enumerate(
    (("понедельн",), ("вторн",), ("сред",), ("четверг",), ("пятниц",), ("суббот",), ("воскресен",))
):
    for _s in _stems:
        _WEEKDAYS[_s] = _i
_WEEKDAY_GEN = (
    "понедельникам",
    "вторникам",
    "средам",
    "четвергам",
    "пятницам",
    "субботам",
    "воскресеньям",
)

_NUMBERS = {
    "один": 1, "одна": 1, "одну": 1, "однажды": 1, "раз": 1,
    "два": 2, "две": 2, "дважды": 2, "три": 3, "трижды": 3, "четыре": 4, "четырежды": 4,
    "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10,
}  # fmt: skip
_ORDINALS = {
    "первый": 1, "первая": 1, "первую": 1, "1": 1, "i": 1,
    "второй": 2, "вторая": 2, "вторую": 2, "2": 2, "ii": 2,
    "третий": 3, "третья": 3, "третью": 3, "3": 3, "iii": 3,
    "четвертый": 4, "четвертая": 4, "четвертую": 4, "4": 4, "iv": 4,
    "пятый": 5, "пятая": 5, "5": 5,
    "последний": -1, "последняя": -1, "последнюю": -1,
}  # fmt: skip
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

# Latin letters that look Cyrillic, as text pasted from PDFs and old forms contains.
_LOOKALIKE = str.maketrans("aeopcxykmthbABEKMHOPCTXY", "аеорсхукмтнвАВЕКМНОРСТХУ")

ON_DEMAND = re.compile(
    r"^(по мере (необходимости|надобности)|по необходимости|при необходимости|по запросу"
    r"|по (взаимной )?(согласованию|договоренности)|по заявке|по приглашению|по плану партнера"
    r"|по отдельному (плану|графику))\b"
)
ONGOING = re.compile(
    r"^(в течени[еия]|в теч|весь|постоянно|круглый год|круглогодично|ежедневно|систематически"
    r"|регулярно|на протяжении|в продолжение)\b"
)

EXAMPLES = (
    "В течение года", "По мере необходимости", "Октябрь", "Май-июнь", "Сентябрь, октябрь, май",
    "Один раз в квартал", "2 раза в год", "Один раз в полгода", "Ежемесячно", "1 раз в четверть",
    "Каждую среду", "4 октября", "04.10.2025", "к 9 мая", "до 25 мая", "с 10 по 16 октября",
    "2 неделя апреля", "в период осенних каникул", "I четверть", "в течение II полугодия",
)  # fmt: skip


# --- normalisation ------------------------------------------------------------------


def normalise(text: str) -> str:
    """Case, ё, dashes, spaces from Word or PDF, soft hyphens, lookalike Latin letters."""
    s = unicodedata.normalize("NFKC", text).replace("\u00ad", "").replace("\u200b", "")
    s = s.lower().replace("ё", "е")
    s = re.sub(r"[‐‑‒–—−]", "-", s)
    s = s.replace("«", " ").replace("»", " ").replace('"', " ")
    words = []
    for w in re.split(r"(\s+)", s):
        if re.search(r"[а-я]", w) and re.search(r"[a-z]", w):
            w = w.translate(_LOOKALIKE)
        words.append(w)
    s = "".join(words)
    s = re.sub(r"(?<=[а-я])\.", " ", s)  # abbreviations: «окт.», «г.»
    # Runs of spaces first, then the one space left around a dash: linear in the text.
    # (`\s*-\s*` retried every start in a long run of spaces: quadratic.)
    s = re.sub(r"\s+", " ", s)
    s = s.replace(" -", "-").replace("- ", "-")
    return s.strip(" .;:!")


# --- the parser ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Year:
    cal: AcademicCalendar

    def of_month(self, month: int) -> int:
        if self.cal.academic:
            return self.cal.start.year if month >= 9 else self.cal.start.year + 1
        return self.cal.start.year

    def month_span(self, month: int) -> Span:
        y = self.of_month(month)
        first = date(y, month, 1)
        last = (date(y + (month == 12), month % 12 + 1, 1)) - timedelta(days=1)
        return Span(_MONTH_NOM[month - 1], first, last)

    def day(self, day: int, month: int, year: int | None = None) -> date:
        y = year if year is not None else self.of_month(month)
        if year is not None and year < 100:
            y = 2000 + year
        try:
            d = date(y, month, day)
        except ValueError:
            raise PeriodError(
                "PP303", day=day, month=_MONTH_GEN[month - 1] if 1 <= month <= 12 else month
            ) from None
        if not self.cal.start <= d <= self.cal.end:
            raise PeriodError(
                "PP301",
                value=d.strftime("%d.%m.%Y"),
                start=self.cal.start.strftime("%d.%m.%Y"),
                end=self.cal.end.strftime("%d.%m.%Y"),
            )
        return d

    def months_of_school_year(self) -> list[Span]:
        months = (9, 10, 11, 12, 1, 2, 3, 4, 5) if self.cal.academic else tuple(range(1, 13))
        return [self.month_span(m) for m in months]

    def year_span(self) -> Span:
        return Span("год", self.cal.start, self.cal.end)


def parse_period(text: str, cal: AcademicCalendar) -> Period:
    """Read one period cell. Raises PeriodError with a message code when it cannot."""
    s = normalise(text)
    if not s:
        raise PeriodError("PP304")
    y = _Year(cal)
    if ON_DEMAND.match(s):
        return Period(text, "on_demand")
    if ONGOING.match(s):
        rest = re.sub(r"^(в течени[еия]|в теч|на протяжении|в продолжение|весь)\s*", "", s)
        window = _part_window(rest, y) if rest else None
        return Period(text, "ongoing", (window,) if window else ())
    whole = _weekly(s, y) or _nth_weekday(s, y)
    if whole:
        return Period(text, "dated", whole)
    windows: list[Window] = []
    parts = _split(s)
    limit = _year_limit(y)
    for i, part in enumerate(parts):
        if len(windows) > limit:  # «май, май, май, …» thousands of times
            raise PeriodError("PP306", text=_short(text), count=len(windows), days=limit, span="год")
        if ON_DEMAND.match(part) or ONGOING.match(part):
            continue  # «2 раза в год, по согласованию»: the dated part is what counts
        if re.fullmatch(r"\d{1,2}(-\d{1,2})?", part):
            part = _borrow(part, parts[i + 1 :])
        try:
            windows.extend(_parse_part(part, y))
        except PeriodError as exc:
            if exc.code == "PP300" and len(parts) == 1:
                raise PeriodError("PP300", text=text.strip()) from None  # as the teacher wrote it
            raise
    if not windows:
        kinds = [p for p in parts if ON_DEMAND.match(p)]
        return Period(text, "on_demand" if kinds else "ongoing")
    total = sum(w.count for w in windows if w.mode != "weekly")
    if total > limit:
        raise PeriodError("PP306", text=_short(text), count=total, days=limit, span="год")
    return Period(text, "dated", tuple(windows))


def _short(text: str, limit: int = 60) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _year_limit(y: _Year) -> int:
    """At most one event per school day: the most events one period may ask for."""
    return max(len(y.cal.school_days_in(y.cal.start, y.cal.end)), 1)


def _split(s: str) -> list[str]:
    # Lists: commas, semicolons, line breaks, «и». A «-» between words is a range.
    parts = [p.strip() for p in re.split(r"\s*(?:[,;\n/]|\bи\b)\s*", s)]
    return [p for p in parts if p]


def _borrow(part: str, following: list[str]) -> str:
    """«19 и 26 ноября»: a bare day takes the month (or «неделя апреля») of the next item."""
    for nxt in following:
        m = re.match(r"^\d{1,2}(?:-\d{1,2})?\s+(.+)$", nxt)
        if m:
            return f"{part} {m[1]}"
    return part


def month_of(word: str) -> int | None:
    """A month in any case or abbreviation, allowing one typo in a full name."""
    word = word.strip(".")
    if word in _MONTH_FORMS:
        return _MONTH_FORMS[word]
    if len(word) >= 5:
        for form in _FULL_FORMS:
            if _within_one_edit(word, form):
                return _MONTH_FORMS[form]
    return None


def _within_one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def _months(words: list[str]) -> list[int] | None:
    found = [month_of(w) for w in words]
    if found and all(m is not None for m in found):
        return [m for m in found if m is not None]
    return None


_DATE = r"(\d{1,2})\.(\d{1,2})(?:\.(\d{2}|\d{4}))?"
_DAY_MONTH = r"(\d{1,2})\s+([а-я]+)(?:\s+(\d{4}))?(?:\s+(?:г|года?))?"


def _parse_part(part: str, y: _Year) -> list[Window]:
    p = re.sub(r"^(в|во|на|ко?|с|до|по)\s+(?=(?:в|во)\s)", "", part)
    # Deadlines and anchors: «к 9 мая», «ко Дню Победы», «до 25 мая», «не позднее 15.09».
    m = re.match(r"^(ко?|до|не позднее|не позже|накануне)\s+(.+)$", p)
    if m:
        mode: Mode = "before" if m[1] in ("к", "ко", "накануне") else "by"
        target = _single_day(m[2], y)
        if target is not None:
            return [Window(target, target, 1, m[2], mode)]
        if mode == "by":
            mon = month_of(m[2].split()[-1]) if m[2].split() else None
            if mon and len(m[2].split()) <= 2:  # «до мая», «до конца мая»
                span = y.month_span(mon)
                return [Window(span.end, span.end, 1, m[2], "by")]
    day = _single_day(p, y, allow_notable=True)
    if day is not None:
        return [Window(day, day, 1, p, "fixed")]
    rng = _date_range(p, y)
    if rng is not None:
        return [rng]
    weeks = _week_of_month(p, y)
    if weeks is not None:
        return weeks
    freq = _frequency(p, y)
    if freq is not None:
        return freq
    part_window = _part_window(p, y)
    if part_window is not None:
        return [part_window]
    mr = _month_range(p, y)
    if mr is not None:
        return [mr]
    words = re.sub(r"^(в|во)\s+", "", p).split()
    months = _months(words)
    if months:
        return [_month_window(mo, y) for mo in months]
    raise PeriodError("PP300", text=part)


def _month_window(month: int, y: _Year) -> Window:
    span = y.month_span(month)
    return Window(span.start, span.end, 1, span.name)


def _single_day(p: str, y: _Year, *, allow_notable: bool = False) -> date | None:
    m = re.fullmatch(_DATE, p)
    if m:
        year = int(m[3]) if m[3] else None
        month = int(m[2])
        if not 1 <= month <= 12:
            raise PeriodError("PP303", day=m[1], month=m[2])
        return y.day(int(m[1]), month, year)
    m = re.fullmatch(_DAY_MONTH, p)
    if m:
        mon = month_of(m[2])
        if mon is not None:
            return y.day(int(m[1]), mon, int(m[3]) if m[3] else None)
    words = p.split()
    day_words = any(w.startswith(("ден", "дн", "праздник", "нов")) for w in words)
    if (allow_notable and day_words) or not allow_notable:
        found = find_notable(p, {mo: y.of_month(mo) for mo in range(1, 13)})
        if found and y.cal.start <= found[1] <= y.cal.end:
            return found[1]
    return None


def _date_range(p: str, y: _Year) -> Window | None:
    pats = (rf"^(?:с\s+)?{_DATE}\s*(?:-|по|до)\s*{_DATE}$",)
    m = re.fullmatch(pats[0], p)
    if m:
        a = y.day(int(m[1]), int(m[2]), int(m[3]) if m[3] else None)
        b = y.day(int(m[4]), int(m[5]), int(m[6]) if m[6] else None)
        return _range(a, b, p)
    # «2-4 октября», «с 10 по 16 октября»
    m = re.fullmatch(r"(?:с\s+)?(\d{1,2})\s*(?:-|по|до)\s*(\d{1,2})\s+([а-я]+)(?:\s+(\d{4}))?", p)
    if m and month_of(m[3]):
        mon = month_of(m[3])
        assert mon is not None
        yr = int(m[4]) if m[4] else None
        return _range(y.day(int(m[1]), mon, yr), y.day(int(m[2]), mon, yr), p)
    # «29 ноября - 1 декабря», «с 29 ноября по 1 декабря»
    m = re.fullmatch(r"(?:с\s+)?(\d{1,2})\s+([а-я]+)\s*(?:-|по|до)\s*(\d{1,2})\s+([а-я]+)", p)
    if m and month_of(m[2]) and month_of(m[4]):
        a = y.day(int(m[1]), month_of(m[2]) or 0)
        b = y.day(int(m[3]), month_of(m[4]) or 0)
        return _range(a, b, p)
    return None


def _range(a: date, b: date, label: str) -> Window:
    if b < a:
        raise PeriodError("PP302", start=a.strftime("%d.%m.%Y"), end=b.strftime("%d.%m.%Y"))
    return Window(a, b, 1, label)


def _month_range(p: str, y: _Year) -> Window | None:
    m = re.fullmatch(r"(?:с\s+|в\s+)?([а-я]+)\s*(?:-|по|до)\s*([а-я]+)", p)
    if not m:
        return None
    a, b = month_of(m[1]), month_of(m[2])
    if a is None or b is None:
        return None
    first, last = y.month_span(a), y.month_span(b)
    if last.end < first.start:
        raise PeriodError("PP302", start=first.name, end=last.name)
    return Window(first.start, last.end, 1, f"{first.name}-{last.name}")


def _week_of_month(p: str, y: _Year) -> list[Window] | None:
    m = re.fullmatch(r"(?:на\s+)?(\d|[а-я]+)(?:-?я)?\s+недел[яиюе]\s+([а-я]+)", p)
    if not m or not (m[1].isdigit() or m[1] in _ORDINALS):
        return None
    mon = month_of(m[2])
    if mon is None:
        return None
    n = int(m[1]) if m[1].isdigit() else _ORDINALS[m[1]]
    if n == -1:  # «последняя неделя мая»: the last seven days
        span = y.month_span(mon)
        return [Window(span.end - timedelta(days=6), span.end, 1, f"последняя неделя {_MONTH_GEN[mon - 1]}")]
    span = y.month_span(mon)
    # Weeks of a month are counted as 7-day blocks: 1–7, 8–14, 15–21, 22–28, 29–end.
    start = span.start + timedelta(days=7 * (n - 1))
    if not 1 <= n <= 5 or start > span.end:
        raise PeriodError("PP300", text=p)
    end = min(start + timedelta(days=6), span.end)
    return [Window(start, end, 1, f"{n} неделя {_MONTH_GEN[mon - 1]}")]


_UNIT = r"(год[уа]?|полгода|полугоди[ейяи]|квартал[ае]?|четверт[ьи]|триместр[ае]?|месяц[ае]?|недел[юиея])"


_MAX_COUNT_DIGITS = 6  # no period asks for a million events; int() of 5,000 digits raises


def _count(word: str | None) -> int:
    if not word:
        return 1
    if word.isdigit():
        return int(word) if len(word) <= _MAX_COUNT_DIGITS else 10**_MAX_COUNT_DIGITS
    return _NUMBERS.get(word, 0)


def _frequency(p: str, y: _Year) -> list[Window] | None:
    """«N раз в …», «ежемесячно»: windows with a count each, at most one event per school
    day of a window (more is a typo or a misunderstanding, and asked to place 10²² events
    the scheduler would never finish)."""
    found = _frequency_words(p)
    if found is None:
        return None
    n, unit, written = found
    if n <= 0:
        return None
    cal = y.cal

    def too_many(days: int, span: str) -> PeriodError:
        return PeriodError("PP306", text=_short(p), count=_short(written), days=days, span=span)

    limit = _year_limit(y)
    if n > limit:
        raise too_many(limit, "год")
    windows = _frequency_windows(n, unit, y)
    for w in windows:
        if w.mode == "weekly":
            if w.count > cal.week:
                raise too_many(cal.week, "неделю")
            continue
        days = cal.school_days_in(max(w.start, cal.start), min(w.end, cal.end))
        if days and w.count > len(days):
            raise too_many(len(days), w.label)
    return windows


def _frequency_words(p: str) -> tuple[int, str, str] | None:
    """(count, unit, the count as written) of a frequency phrase."""
    m = re.fullmatch(
        r"(?:не менее\s+|не реже\s+)?(?:(\d+|[а-я]+)\s+)?раз(?:а)?\s+в\s+" + _UNIT + r"(?:\s.*)?", p
    )
    if m:
        return _count(m[1]), m[2], m[1] or "1"
    m3 = re.fullmatch(r"(однажды|дважды|трижды|четырежды)\s+в\s+" + _UNIT, p)
    if m3:
        return _NUMBERS[m3[1]], m3[2], m3[1]
    m2 = re.fullmatch(
        r"(ежегодно|ежеквартально|ежемесячно|еженедельно|каждый месяц|каждую неделю|каждый квартал)",
        p,
    )
    if not m2:
        return None
    unit = {
        "ежегодно": "год", "ежеквартально": "квартал", "ежемесячно": "месяц",
        "еженедельно": "неделю", "каждый месяц": "месяц", "каждую неделю": "неделю",
        "каждый квартал": "квартал",
    }[m2[1]]  # fmt: skip
    return 1, unit, "1"


def _frequency_windows(n: int, unit: str, y: _Year) -> list[Window]:
    cal = y.cal
    if unit.startswith("год"):
        # Twice a year means once per half-year, four times once per quarter (design.md).
        if n == 2:
            return [Window(s.start, s.end, 1, s.name) for s in _halves(y)]
        if n == 4:
            return [Window(s.start, s.end, 1, s.name) for s in _quarters(y)]
        return _split_span(y.year_span(), n, "год")
    if unit.startswith(("полгода", "полугод")):
        return [Window(s.start, s.end, n, s.name) for s in _halves(y)]
    if unit.startswith("квартал"):
        return [Window(s.start, s.end, n, s.name) for s in _quarters(y)]
    if unit.startswith(("четверт", "триместр")):
        terms = cal.terms or tuple(_quarters(y))
        return [Window(s.start, s.end, n, s.name) for s in terms]
    if unit.startswith("месяц"):
        return [Window(s.start, s.end, n, s.name) for s in y.months_of_school_year()]
    return [Window(cal.start, cal.end, n, "каждую неделю", "weekly")]


def _split_span(span: Span, n: int, label: str) -> list[Window]:
    """N windows covering the span, one event in each: whole months when 12 divides by N."""
    if 12 % n == 0 and span.start.day == 1:
        step = 12 // n
        out = []
        for i in range(n):
            a = _add_months(span.start, step * i)
            b = _add_months(span.start, step * (i + 1)) - timedelta(days=1)
            out.append(Window(a, b, 1, f"{i + 1}-я часть года" if n > 1 else label))
        return out
    total = (span.end - span.start).days + 1
    out = []
    for i in range(n):
        a = span.start + timedelta(days=total * i // n)
        b = span.start + timedelta(days=total * (i + 1) // n - 1)
        out.append(Window(a, b, 1, f"{i + 1}-я часть года" if n > 1 else label))
    return out


def _halves(y: _Year) -> list[Span]:
    s, e = y.cal.start, y.cal.end
    if y.cal.academic:
        return [
            Span("I полугодие", s, date(s.year, 12, 31)),
            Span("II полугодие", date(e.year, 1, 1), e),
        ]
    return [
        Span("I полугодие", s, date(s.year, 6, 30)),
        Span("II полугодие", date(s.year, 7, 1), e),
    ]


def _quarters(y: _Year) -> list[Span]:
    out = []
    start = y.cal.start
    names = ("I квартал", "II квартал", "III квартал", "IV квартал")
    for i in range(4):
        a = _add_months(start, 3 * i)
        b = _add_months(start, 3 * (i + 1)) - timedelta(days=1)
        out.append(Span(names[i], a, b))
    return out


def _add_months(d: date, months: int) -> date:
    m = d.month - 1 + months
    return date(d.year + m // 12, m % 12 + 1, 1)


def _part_window(p: str, y: _Year) -> Window | None:
    """Named parts of the year: terms, half-years, breaks, seasons; also «года»."""
    p = re.sub(r"^(в|во)\s+", "", p)
    p = re.sub(r"^(течение|течении)\s+", "", p)
    if re.fullmatch(r"(учебного |календарного )?год[ауе]?|года", p):
        span = y.year_span()
        return Window(span.start, span.end, 1, "год")
    m = re.fullmatch(
        r"(i{1,3}|iv|\d)(?:-?(?:я|ая|ой|ом|ий|е|го))?\s+(четверт[ьиюе]|триместр[аеу]?|полугоди[еяюи]|квартал[ае]?)",
        p,
    )
    if m:
        n = _ROMAN.get(m[1]) or int(m[1])
        unit = m[2]
        if unit.startswith(("четверт", "триместр")):
            spans: list[Span] = list(y.cal.terms)
        elif unit.startswith("полугод"):
            spans = _halves(y)
        else:
            spans = _quarters(y)
        if not 1 <= n <= len(spans):
            raise PeriodError("PP300", text=p)
        s = spans[n - 1]
        return Window(s.start, s.end, 1, s.name)
    m = re.fullmatch(r"(?:период\s+|время\s+)?(осенн|зимн|весенн|летн)[а-я]*\s+каникул[а-я]*", p)
    if m:
        for b in y.cal.breaks:
            if b.name.startswith(m[1]):
                return Window(b.start, b.end, 1, b.name)
        raise PeriodError("PP305", name=p)
    seasons = {"летом": (6, 8), "лето": (6, 8), "осенью": (9, 11), "осень": (9, 11),
               "весной": (3, 5), "весна": (3, 5), "зимой": (12, 2), "зима": (12, 2)}  # fmt: skip
    if p in seasons:
        m_from, m_to = seasons[p]
        first, last = y.month_span(m_from), y.month_span(m_to)
        if last.end < first.start:  # winter of a calendar year: Jan–Feb and December
            return Window(y.month_span(1).start, y.month_span(2).end, 1, p)
        return Window(first.start, last.end, 1, p)
    return None


def _weekly(s: str, y: _Year) -> tuple[Window, ...] | None:
    m = re.fullmatch(
        r"(?:еженедельно\s+)?(?:каждую|каждый|каждое|по)\s+(.+?)(?:\s+в течени[еи] (?:учебного )?года)?",
        s,
    )
    if not m:
        return None
    words = [w for w in re.split(r"[\s,]+|\bи\b", m[1]) if w and w not in ("и", "по", "каждую", "каждый")]
    days = []
    for w in words:
        found = [i for stem, i in _WEEKDAYS.items() if w.startswith(stem)]
        if not found:
            return None
        days.append(found[0])
    if not days:
        return None
    names = ", ".join(_WEEKDAY_GEN[d] for d in days)
    return (Window(y.cal.start, y.cal.end, len(days), f"по {names}", "weekly", tuple(sorted(set(days)))),)


def _nth_weekday(s: str, y: _Year) -> tuple[Window, ...] | None:
    m = re.fullmatch(r"(?:каждый|каждую|каждое|в)?\s*([а-я0-9]+)\s+([а-я]+)\s+(?:каждого\s+)?месяца", s)
    if not m or m[1] not in _ORDINALS:
        return None
    weekday = next((i for stem, i in _WEEKDAYS.items() if m[2].startswith(stem)), None)
    if weekday is None:
        return None
    n = _ORDINALS[m[1]]
    out = []
    for span in y.months_of_school_year():
        days = [d for d in span.days() if d.weekday() == weekday]
        if n == -1 or n <= len(days):
            d = days[-1] if n == -1 else days[n - 1]
            out.append(Window(d, d, 1, f"{m[1]} {m[2]} месяца", "fixed"))
    return tuple(out)
