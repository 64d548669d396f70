"""The spans a period can name in one plan year: days, months, half-years, calendar
quarters, terms, breaks, seasons, the working season and its equal parts.

`Years` answers «which 1 October is meant» for a plan year (1 September – 31 August, or
a calendar year) and raises PeriodError with the real reason when a span lies outside it.
"""

from __future__ import annotations

from datetime import date, timedelta

from partnerplan.dates.calendar import AcademicCalendar, Span
from partnerplan.dates.meaning import PeriodError
from partnerplan.dates.words import MONTH_GEN, MONTH_NOM

ROMAN_NAMES = ("I", "II", "III", "IV")
SEASON_MONTHS = {"осень": (9, 11), "зима": (12, 2), "весна": (3, 5), "лето": (6, 8)}
SEASON_LABELS = {"осень": "осенью", "зима": "зимой", "весна": "весной", "лето": "летом"}


def dmy(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def day_label(d: date) -> str:
    return f"{d.day} {MONTH_GEN[d.month - 1]}"


class Years:
    """Dates and spans of one plan year (its calendar gives terms and breaks)."""

    def __init__(self, cal: AcademicCalendar) -> None:
        self.cal = cal
        self.remarks: list[str] = []  # what was read differently from the letter («29 февраля»)

    # --- days and months ------------------------------------------------------------

    def of_month(self, month: int) -> int:
        if self.cal.academic:
            return self.cal.start.year if month >= 9 else self.cal.start.year + 1
        return self.cal.start.year

    def full_year(self, y: int | None) -> int | None:
        if y is not None and y < 100:
            return 2000 + y
        return y

    def day(self, day: int, month: int, year: int | None = None, *, check: bool = True) -> date:
        """A day of the plan year; `check=False` leaves the year check to the caller."""
        if not 1 <= month <= 12:
            raise PeriodError("PP303", day=day, month=month)
        y = self.full_year(year) if year is not None else self.of_month(month)
        assert y is not None
        try:
            d = date(y, month, day)
        except ValueError:
            if month == 2 and day == 29:
                # «29 февраля» of a leap year, copied into a plan for a common one.
                d = date(y, 2, 28)
                self.remarks.append(f"29 февраля нет в {y} году: 28 февраля")
            else:
                raise PeriodError("PP303", day=day, month=MONTH_GEN[month - 1]) from None
        if check:
            self.inside(d)
        return d

    def inside(self, d: date) -> date:
        if not self.cal.start <= d <= self.cal.end:
            raise PeriodError("PP301", value=dmy(d), start=dmy(self.cal.start), end=dmy(self.cal.end))
        return d

    def month_span(self, month: int, year: int | None = None) -> Span:
        y = self.full_year(year) if year is not None else self.of_month(month)
        assert y is not None
        first = date(y, month, 1)
        last = date(y + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        if year is not None and (last < self.cal.start or first > self.cal.end):
            raise PeriodError("PP301", value=f"{MONTH_NOM[month - 1]} {y}", start=dmy(self.cal.start),
                              end=dmy(self.cal.end))  # fmt: skip
        return Span(MONTH_NOM[month - 1], first, last)

    def clip(self, span: Span) -> Span:
        return Span(span.name, max(span.start, self.cal.start), min(span.end, self.cal.end))

    def range(self, a: date, b: date, label: str) -> Span:
        """A range; one that starts in the month before the plan year and runs into it
        («Август-сентябрь», «15 августа – 15 сентября») keeps its part inside the year."""
        if b < a and a.month == _month_before(self.cal.start).month:
            a = a.replace(year=a.year - 1)
        if b < a:
            raise PeriodError("PP302", start=dmy(a), end=dmy(b))
        if a < self.cal.start <= b:
            a = self.cal.start
        self.inside(a)
        self.inside(b)
        return Span(label, a, b)

    def year_span(self) -> Span:
        return Span("год", self.cal.start, self.cal.end)

    def calendar_year(self, y: int) -> Span:
        y = self.full_year(y) or y
        span = Span(f"{y} год", date(y, 1, 1), date(y, 12, 31))
        if span.end < self.cal.start or span.start > self.cal.end:
            raise PeriodError("PP301", value=f"{y} год", start=dmy(self.cal.start), end=dmy(self.cal.end))
        return self.clip(span)

    # --- named parts of the year ----------------------------------------------------

    def halves(self) -> list[Span]:
        s, e = self.cal.start, self.cal.end
        if self.cal.academic:
            return [Span("I полугодие", s, date(s.year, 12, 31)), Span("II полугодие", date(e.year, 1, 1), e)]
        return [Span("I полугодие", s, date(s.year, 6, 30)), Span("II полугодие", date(s.year, 7, 1), e)]

    def calendar_quarter(self, n: int, year: int | None = None) -> Span:
        """I квартал is January–March, as in all official usage; in a school year the
        quarter's part inside the plan year (III квартал: July–August, or September
        when the year is named)."""
        if not 1 <= n <= 4:
            raise PeriodError("PP300", text=f"{n} квартал")
        first_month = 3 * (n - 1) + 1
        years = (
            [self.full_year(year)] if year is not None else sorted({self.cal.start.year, self.cal.end.year})
        )
        best: Span | None = None
        for y in years:
            assert y is not None
            a = date(y, first_month, 1)
            b = date(y + (n == 4), (first_month + 2) % 12 + 1, 1) - timedelta(days=1)
            part = Span(f"{ROMAN_NAMES[n - 1]} квартал", max(a, self.cal.start), min(b, self.cal.end))
            if part.start <= part.end and (best is None or part.end - part.start > best.end - best.start):
                best = part
        if best is None:
            raise PeriodError("PP301", value=f"{ROMAN_NAMES[n - 1]} квартал {years[0]}",
                              start=dmy(self.cal.start), end=dmy(self.cal.end))  # fmt: skip
        return best

    def terms(self) -> list[Span]:
        return list(self.cal.terms) or self.blocks(4, "часть года")

    def named_break(self, stem: str | None) -> list[Span]:
        """The break a period names («осенних каникул»), or every break («в каникулы»)."""
        found = [b for b in self.cal.breaks if stem is None or b.name.startswith(stem)]
        found = [self.clip(b) for b in found if b.end >= self.cal.start and b.start <= self.cal.end]
        if not found:
            raise PeriodError("PP305", name=f"{stem or ''} каникулы".strip())
        return found

    def season_of_year(self, name: str) -> Span:
        m_from, m_to = SEASON_MONTHS[name]
        first, last = self.month_span(m_from), self.month_span(m_to)
        if last.end < first.start:  # winter of a calendar year: January and February
            return Span(SEASON_LABELS[name], self.month_span(1).start, self.month_span(2).end)
        return Span(SEASON_LABELS[name], first.start, last.end)

    # --- the working season, where periodic events fall ------------------------------

    def school_days(self) -> list[date]:
        """The plan year's working days outside breaks: the summer break is not in it,
        unless the plan's own calendar has no summer break (the organisation works then)."""
        return self.cal.school_days_in(self.cal.start, self.cal.end)

    def blocks(self, n: int, what: str = "часть учебного года") -> list[Span]:
        """The school days cut into `n` equal runs: evenly spaced windows."""
        days = self.school_days() or list(Span("", self.cal.start, self.cal.end).days())
        n = max(1, min(n, len(days)))
        out = []
        for k in range(n):
            a = days[len(days) * k // n]
            b = days[len(days) * (k + 1) // n - 1]
            out.append(Span(f"{what} {k + 1} из {n}" if n > 1 else what, a, b))
        return out

    def season_months(self) -> list[Span]:
        """Months with school days: September–May for a school, all twelve for an
        organisation whose calendar has no summer break."""
        school = set(self.school_days())
        out = []
        d = date(self.cal.start.year, self.cal.start.month, 1)
        while d <= self.cal.end:
            span = self.month_span(d.month, d.year)
            if any(day in school for day in span.days()):
                out.append(span)
            d = span.end + timedelta(days=1)
        return out or [self.month_span(m) for m in (9, 10, 11, 12, 1, 2, 3, 4, 5)]


def _month_before(d: date) -> date:
    return (d.replace(day=1) - timedelta(days=1)).replace(day=1)


def part_of(span: Span, which: str) -> Span:
    """«в начале», «в середине», «в конце» of a span: a third of a month, the first or
    last two weeks of anything longer."""
    days = (span.end - span.start).days + 1
    label = f"{which} {_genitive(span.name)}".strip()
    if days <= 31:
        third = max(days // 3, 1)
        if which == "начало":
            return Span(label, span.start, span.start + timedelta(days=third - 1))
        if which == "середина":
            return Span(
                label, span.start + timedelta(days=third), span.end - timedelta(days=days - 2 * third)
            )
        return Span(label, span.end - timedelta(days=days - 2 * third - 1), span.end)
    if which == "начало":
        return Span(label, span.start, span.start + timedelta(days=13))
    if which == "середина":
        mid = span.start + timedelta(days=days // 2)
        return Span(label, mid - timedelta(days=7), mid + timedelta(days=6))
    return Span(label, span.end - timedelta(days=13), span.end)


def _genitive(name: str) -> str:
    """«сентябрь» → «сентября», «I четверть» → «I четверти»: the name after «конец»."""
    if name in MONTH_NOM:
        return MONTH_GEN[MONTH_NOM.index(name)]
    for nom, gen in (("четверть", "четверти"), ("триместр", "триместра"), ("полугодие", "полугодия"),
                     ("квартал", "квартала")):  # fmt: skip
        if name.endswith(nom):
            return name[: -len(nom)] + gen
    return name
