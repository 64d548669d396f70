"""Real period cells from published plans (tests/data/periods/), each with the meaning a
methodist gives it. One data-driven test reads them all and prints a summary
(`pytest -s tests/test_period_corpus.py`).

Understood: `parse_period` does not raise. Meaning: the kind, the number of events (when
the collector gave one), every placed date inside the expected span, the time and the
place (when given). Cells that name no other year are read in 2025/2026, the year the
expected spans are written in; a cell that names its own year («16.03.2020») is read in
the plan year it names, and its dates are compared a whole number of years later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from partnerplan.dates.calendar import AcademicCalendar
from partnerplan.dates.explain import year_calendar
from partnerplan.dates.periods import Period, PeriodError, parse_period
from partnerplan.dates.placing import place

DATA = Path(__file__).parent / "data" / "periods"
FILES = ("corpus_schools.yaml", "corpus_culture.yaml")

# Cells whose expected meaning the language does not give, each with the reason. Keep short.
KNOWN: dict[str, str] = {}


@dataclass(frozen=True)
class Case:
    file: str
    n: int
    data: dict[str, Any]

    @property
    def text(self) -> str:
        return str(self.data["text"])

    @property
    def own_year(self) -> bool:
        return self.data["year"] is not None

    def plan_year(self) -> int:
        """The first calendar year of the plan year the cell is read in: for a cell that
        names its own year, the school year that holds its dates (the year named, or the
        one before when that reading puts the named dates outside the year)."""
        if not self.own_year:
            return 2025
        named = int(self.data["year"])
        span = self.data.get("span")
        first = named - 1 if span and date.fromisoformat(span[0]).year == 2026 else named
        for candidate in (first, first - 1 if first == named else named):
            try:
                parse_period(self.text, calendar(candidate))
            except PeriodError as exc:
                if exc.code == "PP301":
                    continue
            return candidate
        return first


def cases() -> list[Case]:
    out = []
    for name in FILES:
        for n, data in enumerate(yaml.safe_load((DATA / name).read_text(encoding="utf-8"))):
            out.append(Case(name, n, data))
    return out


CASES = cases()
SCORED = [c for c in CASES if c.data["kind"] != "unclear"]


@cache
def calendar(first: int) -> AcademicCalendar:
    return year_calendar(f"{first}/{first + 1}")


def _shift(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _clock(text: str) -> tuple[str, str | None]:
    start, _, end = text.partition("-")
    return start.strip(), end.strip() or None


def _flat(text: str) -> str:
    return " ".join(text.split())


def meaning_problems(case: Case, period: Period) -> list[str]:
    """What differs from the collector's meaning (empty when nothing does)."""
    want = case.data
    first = case.plan_year()
    cal = calendar(first)
    problems = []
    if period.kind != want["kind"]:
        return [f"kind {period.kind} ≠ {want['kind']}"]
    if period.kind == "dated":
        days = sorted(_shift(d, 2025 - first) for d, _, _ in place(period, cal, f"corpus:{case.text}"))
        if want["events"] is not None and len(days) != want["events"]:
            problems.append(f"{len(days)} events ≠ {want['events']}")
        if want["span"]:
            a, b = (date.fromisoformat(x) for x in want["span"])
            outside = [d.isoformat() for d in days if not a <= d <= b]
            if outside:
                problems.append(f"outside {a}–{b}: {outside[:3]}")
        if not days:
            problems.append("no dates")
    if want.get("time"):
        clock = period.clock
        start, end = _clock(str(want["time"]).split(",")[0])
        got = (
            (clock.start.strftime("%H:%M"), clock.end.strftime("%H:%M") if clock.end else None)
            if clock
            else None
        )
        if got is None or got[0] != start or (end is not None and got[1] != end):
            problems.append(f"time {got} ≠ {want['time']}")
    if want.get("place") and _flat(period.place or "") != _flat(str(want["place"])):
        problems.append(f"place {period.place!r} ≠ {want['place']!r}")
    return problems


def read(case: Case) -> Period | PeriodError:
    try:
        return parse_period(case.text, calendar(case.plan_year()))
    except PeriodError as exc:
        return exc


def test_corpus() -> None:
    rows: dict[str, list[int]] = {}  # group → [cells, understood, with meaning, meaning right]
    wrong: list[str] = []
    unread: list[str] = []
    for case in SCORED:
        group = f"{'names its own year' if case.own_year else 'names no other year'}"
        row = rows.setdefault(group, [0, 0, 0, 0])
        row[0] += 1
        found = read(case)
        if isinstance(found, PeriodError):
            unread.append(f"  {group[:5]} {case.text!r}: {found.code}")
            continue
        row[1] += 1
        row[2] += 1
        problems = meaning_problems(case, found)
        if not problems or case.text in KNOWN:
            row[3] += 1
        if problems and case.text not in KNOWN:
            wrong.append(f"  {case.file}#{case.n} {case.text!r}: {'; '.join(problems)}")
    print("\n\nPeriod corpus (tests/data/periods):")
    print(f"  {'cells':<24}{'scored':>7}{'understood':>12}{'%':>8}{'meaning right':>15}")
    for group, (n, ok, _, right) in rows.items():
        print(f"  {group:<24}{n:>7}{ok:>12}{100 * ok / n:>7.1f}%{right:>10} of {ok}")
    if unread:
        print("Not understood:\n" + "\n".join(unread))
    if wrong:
        print("Wrong meaning:\n" + "\n".join(wrong))
    main = rows["names no other year"]
    assert main[1] / main[0] >= 0.95, main
    assert wrong == []


def test_known_exceptions_are_still_exceptions() -> None:
    """A cell listed in KNOWN that the language now reads right leaves the list."""
    for case in SCORED:
        if case.text in KNOWN:
            found = read(case)
            assert isinstance(found, PeriodError) or meaning_problems(case, found), case.text


@pytest.mark.parametrize("case", [c for c in CASES if c.data["kind"] == "unclear"], ids=lambda c: c.text[:30])
def test_unclear_cells_get_a_hint_of_their_shape(case: Case) -> None:
    """A cell the collector could not read either («1 неделя»: the month is in the table's
    section row) is unreadable, or read; when unreadable its hint offers phrases."""
    from partnerplan.dates.hints import suggest

    found = read(case)
    if isinstance(found, PeriodError):
        assert suggest(case.text)
