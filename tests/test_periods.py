"""The period language: phrases as teachers write them, each with its expected meaning.

The year is 2025/2026 (1 Sep 2025 – 31 Aug 2026) with the default calendar: quarters
I 1.09–24.10, II 5.11–30.12, III 12.01–27.03, IV 6.04–26.05; breaks: осенние
25.10–4.11, зимние 31.12–11.01, весенние 28.03–5.04, летние 27.05–31.08.
"""

from __future__ import annotations

from datetime import date

import pytest

from partnerplan.dates.explain import year_calendar
from partnerplan.dates.periods import Period, PeriodError, normalise, parse_period

CAL = year_calendar("2025/2026")
W = tuple[str, str, int, str]


def month(m: int) -> W:
    y = 2025 if m >= 9 else 2026
    last = (date(y + (m == 12), m % 12 + 1, 1) - date(y, m, 1)).days
    return (f"{y}-{m:02d}-01", f"{y}-{m:02d}-{last:02d}", 1, "spread")


def rng(a: str, b: str, n: int = 1) -> W:
    return (a, b, n, "spread")


def fixed(d: str) -> W:
    return (d, d, 1, "fixed")


def before(d: str) -> W:
    return (d, d, 1, "before")


def by(d: str) -> W:
    return (d, d, 1, "by")


def weekly(n: int = 1) -> W:
    return ("2025-09-01", "2026-08-31", n, "weekly")


# Periodic events fall in the school year (issue #11, fix 3): its school days — no summer,
# no breaks — in equal parts, each event at the activity's own place in its part (fix 2).
# Windows end on their last school day: 26 May 2026 is the last before the summer break.
QUARTERS = [
    rng("2025-09-01", "2025-11-06"),
    rng("2025-11-07", "2026-01-15"),
    rng("2026-01-16", "2026-03-18"),
    rng("2026-03-19", "2026-05-26"),
]
HALVES = [rng("2025-09-01", "2025-12-30"), rng("2026-01-12", "2026-05-26")]
SCHOOL_YEAR = [rng("2025-09-01", "2026-05-26")]
THIRDS = [rng("2025-09-01", "2025-11-26"), rng("2025-11-27", "2026-02-25"), rng("2026-02-26", "2026-05-26")]
TERMS = [
    rng("2025-09-01", "2025-10-24"),
    rng("2025-11-05", "2025-12-30"),
    rng("2026-01-12", "2026-03-27"),
    rng("2026-04-06", "2026-05-26"),
]
SCHOOL_MONTHS = [month(m) for m in (9, 10, 11, 12, 1, 2, 3, 4, 5)]


def times(windows: list[W], n: int) -> list[W]:
    return [(a, b, n, mode) for a, b, _, mode in windows]


ONGOING = "ongoing"
ON_DEMAND = "on_demand"

PHRASES: list[tuple[str, object]] = [
    # single months, in every case, abbreviation and with typos
    ("Октябрь", [month(10)]),
    ("октябрь", [month(10)]),
    ("ОКТЯБРЬ", [month(10)]),
    ("в октябре", [month(10)]),
    ("В Октябре.", [month(10)]),
    ("октября", [month(10)]),
    ("окт.", [month(10)]),
    ("Окт", [month(10)]),
    ("октбярь", [month(10)]),  # two letters swapped
    ("октябр", [month(10)]),  # a letter missing
    ("Оксябрь", [month(10)]),  # a wrong letter
    ("Oктябрь", [month(10)]),  # Latin O
    ("Сентябрь", [month(9)]),
    ("сент.", [month(9)]),
    ("Ноябрь", [month(11)]),
    ("в ноябре", [month(11)]),
    ("Декабрь", [month(12)]),
    ("дек.", [month(12)]),
    ("Январь", [month(1)]),
    ("в январе", [month(1)]),
    ("Февраль", [month(2)]),
    ("февр.", [month(2)]),
    ("Март", [month(3)]),
    ("в марте", [month(3)]),
    ("Апрель", [month(4)]),
    ("апр.", [month(4)]),
    ("Май", [month(5)]),
    ("в мае", [month(5)]),
    ("мая", [month(5)]),
    ("Июнь", [month(6)]),
    ("Июль", [month(7)]),
    ("Август", [month(8)]),
    ("  Май  ", [month(5)]),
    ("Май.", [month(5)]),
    # month ranges, across New Year, with every dash
    ("Май-июнь", [rng("2026-05-01", "2026-06-30")]),
    ("Май - июнь", [rng("2026-05-01", "2026-06-30")]),
    ("май–июнь", [rng("2026-05-01", "2026-06-30")]),
    ("май — июнь", [rng("2026-05-01", "2026-06-30")]),
    ("Декабрь-январь", [rng("2025-12-01", "2026-01-31")]),
    ("с декабря по январь", [rng("2025-12-01", "2026-01-31")]),
    ("сентябрь-октябрь", [rng("2025-09-01", "2025-10-31")]),
    ("с октября по декабрь", [rng("2025-10-01", "2025-12-31")]),
    ("Июнь-август", [rng("2026-06-01", "2026-08-31")]),
    ("Февраль-апрель", [rng("2026-02-01", "2026-04-30")]),
    ("ноябрь - март", [rng("2025-11-01", "2026-03-31")]),
    # month lists
    ("Сентябрь, октябрь, февраль, май", [month(9), month(10), month(2), month(5)]),
    ("Сентябрь, октябрь,    февраль, май", [month(9), month(10), month(2), month(5)]),
    ("ноябрь, апрель", [month(11), month(4)]),
    ("Февраль                   Май", [month(2), month(5)]),
    ("Февраль  Май", [month(2), month(5)]),
    ("сентябрь, май февраль, март", [month(9), month(5), month(2), month(3)]),
    ("октябрь и март", [month(10), month(3)]),
    ("октябрь; март", [month(10), month(3)]),
    ("октябрь\nмарт", [month(10), month(3)]),
    ("в октябре и в марте", [month(10), month(3)]),
    ("сентябрь, декабрь, март, май", [month(9), month(12), month(3), month(5)]),
    # counts per year, half-year, quarter, term, month
    ("Один раз в год", SCHOOL_YEAR),
    ("1 раз в год", SCHOOL_YEAR),
    ("раз в год", SCHOOL_YEAR),
    ("ежегодно", SCHOOL_YEAR),
    ("2 раза в год", HALVES),
    ("два раза в год", HALVES),
    ("Дважды в год", HALVES),
    ("3 раза в год", THIRDS),
    ("три раза в год", THIRDS),
    ("4 раза в год", QUARTERS),
    ("Один раз в полгода.", HALVES),
    ("Один раз в полгода", HALVES),
    ("1 раз в полугодие", HALVES),
    ("раз в полгода", HALVES),
    ("2 раза в полугодие", times(HALVES, 2)),
    ("Один раз в квартал.", QUARTERS),
    ("Один раз в квартал .", QUARTERS),
    ("один раз в квартал", QUARTERS),
    ("1 раз в квартал", QUARTERS),
    ("Ежеквартально", QUARTERS),
    ("каждый квартал", QUARTERS),
    ("2 раза в квартал", times(QUARTERS, 2)),
    ("1 раз в четверть", TERMS),
    ("один раз в четверть", TERMS),
    ("раз в четверть", TERMS),
    ("2 раза в четверть", times(TERMS, 2)),
    ("Ежемесячно", SCHOOL_MONTHS),
    ("ежемесячно.", SCHOOL_MONTHS),
    ("1 раз в месяц", SCHOOL_MONTHS),
    ("раз в месяц", SCHOOL_MONTHS),
    ("каждый месяц", SCHOOL_MONTHS),
    ("2 раза в месяц", times(SCHOOL_MONTHS, 2)),
    ("не реже 1 раза в месяц", SCHOOL_MONTHS),
    # weekly
    ("Еженедельно", [weekly()]),
    ("каждую неделю", [weekly()]),
    ("1 раз в неделю", [weekly()]),
    ("2 раза в неделю", [weekly(2)]),
    ("Каждую среду", [("2025-09-01", "2026-08-31", 1, "weekly:2")]),
    ("каждый вторник", [("2025-09-01", "2026-08-31", 1, "weekly:1")]),
    ("по средам", [("2025-09-01", "2026-08-31", 1, "weekly:2")]),
    ("по пятницам", [("2025-09-01", "2026-08-31", 1, "weekly:4")]),
    ("по вторникам и четвергам", [("2025-09-01", "2026-08-31", 2, "weekly:1,3")]),
    ("каждый понедельник", [("2025-09-01", "2026-08-31", 1, "weekly:0")]),
    ("еженедельно по четвергам", [("2025-09-01", "2026-08-31", 1, "weekly:3")]),
    # dates
    ("4 октября", [fixed("2025-10-04")]),
    ("04.10", [fixed("2025-10-04")]),
    ("04.10.2025", [fixed("2025-10-04")]),
    ("4.10.25", [fixed("2025-10-04")]),
    ("01.10.2025", [fixed("2025-10-01")]),
    ("1 октября 2025 г.", [fixed("2025-10-01")]),
    ("12 апреля", [fixed("2026-04-12")]),
    ("в 20-х числах", "PP300"),
    ("19 и 26 ноября", [fixed("2025-11-19"), fixed("2025-11-26")]),
    ("19, 26 ноября", [fixed("2025-11-19"), fixed("2025-11-26")]),
    ("1 сентября", [fixed("2025-09-01")]),
    ("25 мая", [fixed("2026-05-25")]),
    # deadlines and anchors
    ("к 9 мая", [before("2026-05-09")]),
    ("К 9 Мая", [before("2026-05-09")]),
    ("ко Дню Победы", [before("2026-05-09")]),
    ("к Дню Победы", [before("2026-05-09")]),
    ("к 8 марта", [before("2026-03-08")]),
    ("к Новому году", [before("2026-01-01")]),
    ("ко Дню матери", [before("2025-11-30")]),
    ("ко Дню пожилого человека", [before("2025-10-01")]),
    ("к Всемирному дню животных", [before("2025-10-04")]),
    ("ко Дню защиты детей", [before("2026-06-01")]),
    # «до» is before the day named, as the corpus reads «до 10 декабря» (by 9 December) and
    # «до 01.11» (by 31 October); «до мая» is before May begins (it meant «by 31 May»).
    ("до 25 мая", [before("2026-05-25")]),
    ("не позднее 15 сентября", [by("2025-09-15")]),
    ("не позднее 15.09", [by("2025-09-15")]),
    ("до 01.12.2025", [before("2025-12-01")]),
    ("до мая", [before("2026-05-01")]),
    ("до конца мая", [by("2026-05-31")]),
    ("День Победы", [fixed("2026-05-09")]),
    ("День пожилого человека", [fixed("2025-10-01")]),
    ("Всемирный день животных", [fixed("2025-10-04")]),
    ("День матери", [fixed("2025-11-30")]),
    # date ranges
    ("2-4 октября", [rng("2025-10-02", "2025-10-04")]),
    ("с 10 по 16 октября", [rng("2025-10-10", "2025-10-16")]),
    ("29 ноября - 1 декабря", [rng("2025-11-29", "2025-12-01")]),
    ("с 29 ноября по 1 декабря", [rng("2025-11-29", "2025-12-01")]),
    ("01.10.2025 - 15.10.2025", [rng("2025-10-01", "2025-10-15")]),
    ("с 01.10 по 15.10", [rng("2025-10-01", "2025-10-15")]),
    # weeks of a month, n-th weekday
    ("2 неделя апреля", [rng("2026-04-08", "2026-04-14")]),
    ("вторая неделя апреля", [rng("2026-04-08", "2026-04-14")]),
    # Weeks listed for one month are the span of the activity (corpus: «3,4 неделя января»
    # is one event in 15–31 January), not one event in each; the fourth week runs to the end.
    ("3, 4 неделя октября", [rng("2025-10-15", "2025-10-31")]),
    ("2,3 я недели сентября", [rng("2025-09-08", "2025-09-21")]),
    ("первая неделя мая", [rng("2026-05-01", "2026-05-07")]),
    ("последняя неделя декабря", [rng("2025-12-25", "2025-12-31")]),
    ("каждый первый вторник месяца", "nth:1:9"),
    ("последняя среда месяца", "nth:2:9"),
    # terms, half-years, breaks, seasons
    ("I четверть", [TERMS[0]]),
    ("II четверть", [TERMS[1]]),
    ("3 четверть", [TERMS[2]]),
    ("IV четверть", [TERMS[3]]),
    ("во II четверти", [TERMS[1]]),
    ("I полугодие", [rng("2025-09-01", "2025-12-31")]),
    ("II полугодие", [rng("2026-01-01", "2026-08-31")]),
    ("в период осенних каникул", [rng("2025-10-25", "2025-11-04")]),
    ("осенние каникулы", [rng("2025-10-25", "2025-11-04")]),
    ("в период зимних каникул", [rng("2025-12-31", "2026-01-11")]),
    ("весенние каникулы", [rng("2026-03-28", "2026-04-05")]),
    ("летние каникулы", [rng("2026-05-27", "2026-08-31")]),
    ("летом", [rng("2026-06-01", "2026-08-31")]),
    ("Осенью", [rng("2025-09-01", "2025-11-30")]),
    ("весной", [rng("2026-03-01", "2026-05-31")]),
    # ongoing
    ("В течение года", ONGOING),
    ("В течении года", ONGOING),
    ("в течение учебного года", ONGOING),
    ("в теч. года", ONGOING),
    ("Весь год", ONGOING),
    ("Постоянно", ONGOING),
    ("систематически", ONGOING),
    ("в течение II полугодия", ONGOING),
    ("в течение октября", ONGOING),
    ("Ежедневно", ONGOING),
    ("В\u00a0течение\u00a0года", ONGOING),  # non-breaking spaces from Word
    ("В тече\u00adние года", ONGOING),  # a soft hyphen
    ("В течение\nгода", ONGOING),  # a line break inside the cell
    # on demand
    ("По мере необходимости.", ON_DEMAND),
    ("по мере необходимости", ON_DEMAND),
    ("По запросу", ON_DEMAND),
    ("по согласованию", ON_DEMAND),
    ("По договорённости", ON_DEMAND),
    ("при необходимости", ON_DEMAND),
    ("по заявке", ON_DEMAND),
    ("по отдельному плану", ON_DEMAND),
    # mixed cells
    ("2 раза в год, по согласованию", HALVES),
    # errors
    ("когда-нибудь", "PP300"),
    ("в 25 веке", "PP300"),
    ("квартально раз", "PP300"),
    ("31 февраля", "PP303"),
    ("30.02", "PP303"),
    ("04.10.2024", "PP301"),
    ("01.09.2026", "PP301"),
    ("с 16 по 10 октября", "PP302"),
    ("15.10.2025 - 01.10.2025", "PP302"),
    ("5 четверть", "PP300"),
    ("", "PP304"),
    ("...", "PP304"),
]


def meaning(p: Period) -> object:
    if p.kind != "dated":
        return p.kind
    out = []
    for w in p.windows:
        mode = f"weekly:{','.join(map(str, w.weekdays))}" if w.mode == "weekly" and w.weekdays else w.mode
        out.append((w.start.isoformat(), w.end.isoformat(), w.count, mode))
    return out


def test_there_are_at_least_150_phrases() -> None:
    assert len(PHRASES) >= 150


@pytest.mark.parametrize(("text", "expected"), PHRASES, ids=[repr(p[0])[:40] for p in PHRASES])
def test_phrase(text: str, expected: object) -> None:
    if isinstance(expected, str) and expected.startswith("PP"):
        with pytest.raises(PeriodError) as info:
            parse_period(text, CAL)
        assert info.value.code == expected
        return
    period = parse_period(text, CAL)
    if isinstance(expected, str) and expected.startswith("nth:"):
        _, weekday, count = expected.split(":")
        assert period.kind == "dated" and len(period.windows) == int(count)
        assert all(w.mode == "fixed" and w.start.weekday() == int(weekday) for w in period.windows)
        return
    assert meaning(period) == expected


def test_nth_weekday_picks_the_right_days() -> None:
    first_tuesdays = [w.start for w in parse_period("каждый первый вторник месяца", CAL).windows]
    assert first_tuesdays[:3] == [date(2025, 9, 2), date(2025, 10, 7), date(2025, 11, 4)]
    last_wednesdays = [w.start for w in parse_period("последняя среда месяца", CAL).windows]
    assert last_wednesdays[:2] == [date(2025, 9, 24), date(2025, 10, 29)]


def test_unreadable_period_keeps_the_teachers_text() -> None:
    with pytest.raises(PeriodError) as info:
        parse_period("Когда-нибудь потом.", CAL)
    assert info.value.args_["text"] == "Когда-нибудь потом."


def test_calendar_year_plans() -> None:
    cal = year_calendar("2026")
    assert meaning(parse_period("Октябрь", cal)) == [("2026-10-01", "2026-10-31", 1, "spread")]
    # A range from the month before the plan year runs into it: its part inside the year
    # (as «Август-сентябрь» in a school year is September); once the plan year's error.
    assert meaning(parse_period("Декабрь-январь", cal)) == [("2026-01-01", "2026-01-31", 1, "spread")]
    with pytest.raises(PeriodError):
        parse_period("Май-март", cal)  # a range that ends before it starts is still wrong
    assert [w.label for w in parse_period("2 раза в год", cal).windows] == ["I полугодие", "II полугодие"]
    # In a calendar year the quarters of «Один раз в квартал» are I–IV квартал themselves.
    assert [w.label for w in parse_period("Один раз в квартал", cal).windows] == [
        "I квартал",
        "II квартал",
        "III квартал",
        "IV квартал",
    ]


def test_normalise() -> None:
    assert normalise("  В\u00a0течении  года. ") == "в течении года"
    assert normalise("Май–Июнь") == "май-июнь"
    assert normalise("Oктябрь") == "октябрь"
    assert normalise("I четверть") == "i четверть"  # Roman numerals stay Latin


def test_every_period_of_the_example_plans_is_understood() -> None:
    from partnerplan.dates.schedule import plan_schedule
    from partnerplan.plan.loader import load_plan

    from .conftest import PLANS

    for f in sorted(PLANS.glob("*.yaml")):
        checked = load_plan(str(f))
        assert checked.plan is not None, f
        errors = [d for d in plan_schedule(checked).diagnostics if d.severity == "error"]
        assert errors == [], [d.message() for d in errors]
