"""What real cells mean (issue #11): calendar quarters, what else a cell carries (a time,
a place, a note), the new families of phrases, artefacts of Word and PDF, and hints of
the right shape for what stays unreadable. The year is 2025/2026 with default breaks.
"""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partnerplan.dates.explain import explain_period, year_calendar
from partnerplan.dates.hints import suggest
from partnerplan.dates.periods import Period, PeriodError, parse_period

CAL = year_calendar("2025/2026")


def read(text: str) -> Period:
    return parse_period(text, CAL)


def spans(text: str) -> list[tuple[str, str, int]]:
    return [(w.start.isoformat(), w.end.isoformat(), w.count) for w in read(text).windows]


# --- fix 1: numbered quarters are calendar quarters ------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I квартал", [("2026-01-01", "2026-03-31", 1)]),
        ("II квартал", [("2026-04-01", "2026-06-30", 1)]),
        ("IV квартал", [("2025-10-01", "2025-12-31", 1)]),
        ("на четвертый квартал", [("2025-10-01", "2025-12-31", 1)]),
        ("на I квартал 2026 года", [("2026-01-01", "2026-03-31", 1)]),
        ("1 кв.", [("2026-01-01", "2026-03-31", 1)]),
        # III квартал is July–September: in a school year its larger part, July–August 2026;
        # September 2025 when the year says so.
        ("III квартал", [("2026-07-01", "2026-08-31", 1)]),
        ("III квартал 2025 года", [("2025-09-01", "2025-09-30", 1)]),
    ],
)
def test_numbered_quarters_are_calendar_quarters(text: str, expected: list[tuple[str, str, int]]) -> None:
    assert spans(text) == expected
    assert all(w.label.endswith("квартал") for w in read(text).windows)


@pytest.mark.parametrize("text", ["Один раз в квартал", "ежеквартально", "4 раза в год", "1 раз в 3 месяца"])
def test_every_quarter_is_never_labelled_a_calendar_quarter_it_is_not(text: str) -> None:
    for w in read(text).windows:
        assert "I квартал" not in w.label or (w.start.month, w.end.month) == (1, 3), w


def test_a_calendar_year_plan_counts_quarters_from_january() -> None:
    cal = year_calendar("2026")
    windows = parse_period("Один раз в квартал", cal).windows
    assert [w.label for w in windows] == ["I квартал", "II квартал", "III квартал", "IV квартал"]
    assert windows[0].start.month == 1 and windows[0].end <= date(2026, 3, 31)


# --- a date with more in the cell: time, place, note -----------------------------------

CELLS = [
    # text, the date, time, end time, place, note
    ("1 июня пятница", "2026-06-01", None, None, None, None),
    ("01.10\nвоскрес", "2025-10-01", None, None, None, None),
    ("31 мая\n18.00", "2026-05-31", time(18), None, None, None),
    ("1 июня\n15 часов", "2026-06-01", time(15), None, None, None),
    ("8 мая — с 10:00 до 17:00", "2026-05-08", time(10), time(17), None, None),
    ('27 ноября\nДК "Строитель"', "2025-11-27", None, None, 'ДК "Строитель"', None),
    ("26 ноября\nшкола N 5", "2025-11-26", None, None, "школа N 5", None),
    ("1 октября –\nДень музыки", "2025-10-01", None, None, None, "День музыки"),
    ("19 ноября в 11.00", "2025-11-19", time(11), None, None, None),
    ("11 марта 11-30-13-30", "2026-03-11", time(11, 30), time(13, 30), None, None),
    ("01.05.\n16-00", "2026-05-01", time(16), None, None, None),
    ("2 мая, МОБУ «Сясьстройская СОШ №2»", "2026-05-02", None, None, "МОБУ «Сясьстройская СОШ №2»", None),
    ("09.05.\nв течение дня", "2026-05-09", None, None, None, "в течение дня"),
]


@pytest.mark.parametrize(
    ("text", "day", "start", "end", "place", "note"), CELLS, ids=[c[0][:25] for c in CELLS]
)
def test_nothing_the_teacher_wrote_is_dropped(
    text: str, day: str, start: time | None, end: time | None, place: str | None, note: str | None
) -> None:
    p = read(text)
    assert p.kind == "dated" and [w.start.isoformat() for w in p.windows] == [day]
    assert (p.clock.start if p.clock else None, p.clock.end if p.clock else None) == (start, end)
    assert (p.place, p.note) == (place, note)


def test_a_weekday_mark_of_another_year_is_kept_as_a_remark() -> None:
    assert read("1 июня пятница").notes == ("1 июня 2026 — не «пятница»",)
    assert read("1 июня понедельник").notes == ()  # it is a Monday in 2026: nothing to say


def test_several_places_keep_the_first_and_note_the_rest() -> None:
    p = read("25 января\n18.00 час.\nКовалинский СДК\n17.00\nСистебинский СК")
    assert p.clock is not None and p.clock.start == time(18)
    assert p.place == "Ковалинский СДК"
    assert p.note is not None and "Систебинский СК" in p.note and "17:00" in p.note


# --- new families ----------------------------------------------------------------------

FAMILIES = [
    ("со 2 по 6 октября", [("2025-10-02", "2025-10-06", 1)]),
    ("В период с 21 октября по 10 ноября", [("2025-10-21", "2025-11-10", 1)]),
    ("с 11 по18 октября т.г.", [("2025-10-11", "2025-10-18", 1)]),
    ("с 04.11. по 06.11.2025", [("2025-11-04", "2025-11-06", 1)]),
    ("(с 23 по 27 октября)", [("2025-10-23", "2025-10-27", 1)]),
    ("С 4 сентября", [("2025-09-04", "2025-09-04", 1)]),
    ("по 10 мая", [("2026-05-01", "2026-05-10", 1)]),
    ("Август- сентябрь", [("2025-09-01", "2025-09-30", 1)]),  # August 2025 is before the year
    ("ноябрь-декабрь 2025", [("2025-11-01", "2025-12-31", 1)]),
    ("Март 2026", [("2026-03-01", "2026-03-31", 1)]),
    ("сентябрь 2025 г.", [("2025-09-01", "2025-09-30", 1)]),
    ("март-апрель 2026 г.", [("2026-03-01", "2026-04-30", 1)]),
    ("Июль август", [("2026-07-01", "2026-08-31", 1)]),  # neighbours with a space: a lost dash
    ("Февраль  Май", [("2026-02-01", "2026-02-28", 1), ("2026-05-01", "2026-05-31", 1)]),
    ("Апрельмай", [("2026-04-01", "2026-05-31", 1)]),
    ("Сентябр\nьдекабр\nь", [("2025-09-01", "2025-12-31", 1)]),
    ("2/3 июня", [("2026-06-02", "2026-06-03", 1)]),
    ("05.01-06.01\n08.01-31.01", [("2026-01-05", "2026-01-31", 1)]),
    ("12 декабря 13 января", [("2025-12-12", "2026-01-13", 1)]),
    ("15 декабря (10-27 декабря)", [("2025-12-15", "2025-12-15", 1)]),
    ("февраль\n14.02", [("2026-02-14", "2026-02-14", 1)]),
    ("В четвертый понедельник октября ежегодно", [("2025-10-27", "2025-10-31", 1)]),
    ("Третье воскресенье октября", [("2025-10-19", "2025-10-31", 1)]),
    ("ежегодно в мае", [("2026-05-01", "2026-05-31", 1)]),
    ("май ежегодно", [("2026-05-01", "2026-05-31", 1)]),
    ("В марте месяце", [("2026-03-01", "2026-03-31", 1)]),
    ("в конце сентября", [("2025-09-21", "2025-09-30", 1)]),
    ("в начале октября", [("2025-10-01", "2025-10-10", 1)]),
    ("середина ноября", [("2025-11-11", "2025-11-20", 1)]),
    ("в начале учебного года", [("2025-09-01", "2025-09-14", 1)]),
    ("в конце учебного года", [("2026-05-13", "2026-05-26", 1)]),
    ("на весенних каникулах", [("2026-03-28", "2026-04-05", 1)]),
    ("в дни осенних каникул", [("2025-10-25", "2025-11-04", 1)]),
    ("В период летних школьных каникул", [("2026-05-27", "2026-08-31", 1)]),
    ("в летний период", [("2026-06-01", "2026-08-31", 1)]),
    ("апрель-май (по согласованию)", [("2026-04-01", "2026-05-31", 1)]),
    (
        "Не\nреже двух раз в год (весной и осенью)",
        [("2026-03-01", "2026-05-31", 1), ("2025-09-01", "2025-11-30", 1)],
    ),
    (
        "3 раза в учебном году осенью, зимой и весной",
        [("2025-09-01", "2025-11-30", 1), ("2025-12-01", "2026-02-28", 1), ("2026-03-01", "2026-05-31", 1)],
    ),
    ("до 11 числа месяца\nследующего за отчетным", None),
]


@pytest.mark.parametrize(("text", "expected"), FAMILIES, ids=[f[0][:30] for f in FAMILIES])
def test_families(text: str, expected: list[tuple[str, str, int]] | None) -> None:
    p = read(text)
    assert p.kind == "dated"
    if expected is not None:
        assert spans(text) == expected


@pytest.mark.parametrize(
    ("text", "n", "every"),
    [
        ("раз в две недели", 1, 2),
        ("Еженедельно", 1, 1),
        ("Не\nреже раза в неделю", 1, 1),
        ("2 раза в неделю", 2, 1),
    ],
)
def test_weekly_frequencies(text: str, n: int, every: int) -> None:
    (w,) = read(text).windows
    assert (w.mode, w.count, w.every) == ("weekly", n, every)


@pytest.mark.parametrize(
    ("text", "events"),
    [("1 раз в 2 месяца", 6), ("1 раз в3 месяца", 4), ("1 раз месяц", 9), ("1-2 раза в месяц", 9),
     ("в конце каждой четверти", 4), ("последняя неделя месяца", 9), ("2-я суббота месяца", 9),
     ("третий четверг месяца в 15:00", 9), ("В каникулярное время", 4), ("в каникулы", 4),
     ("до 11 числа месяца\nследующего за отчетным", 9)],
)  # fmt: skip
def test_counts(text: str, events: int) -> None:
    p = read(text)
    assert sum(w.count for w in p.windows) == events


@pytest.mark.parametrize(
    ("text", "kind"),
    [("По просьбе учителя", "on_demand"), ("По мере поступления литературы", "on_demand"),
     ("По графику педагогических советов", "on_demand"), ("по плану музыкального руководителя", "on_demand"),
     ("по погоде", "on_demand"), ("По\nмере загрязнения", "on_demand"), ("По согласова нию", "on_demand"),
     ("В течение года по особому плану", "on_demand"), ("в ходе проведения месячника", "ongoing"),
     ("Весь период", "ongoing"), ("2025-2029", "ongoing"), ("января - декабрь.", "ongoing"),
     ("сентябрь- август", "ongoing"), ("1 кв.- 4 кв.", "ongoing"), ("Дважды\nв день", "ongoing")],
)  # fmt: skip
def test_undated_kinds(text: str, kind: str) -> None:
    assert read(text).kind == kind


def test_a_dated_cell_keeps_its_other_words_as_a_note() -> None:
    assert read("май (по погоде)").note == "по погоде"
    assert read("сентябрь, в\nтечение года").note == "в течение года"
    assert read("осенние: с 24 октября по 28 октября (неделя Здоровья)").note == "осенние; неделя Здоровья"


def test_twenty_ninth_of_february_in_a_common_year() -> None:
    p = read("29 февраля")
    assert p.windows[0].start == date(2026, 2, 28) and "28 февраля" in p.notes[0]


# --- still unreadable, with a hint of the right shape ----------------------------------

UNREADABLE = [
    "когда-нибудь",
    "в 25 веке",
    "квартально раз",
    "Октябрь когда-нибудь",
    "5 (среда)",
    "1 неделя",
    "в 20-х числах",
]


@pytest.mark.parametrize("text", UNREADABLE)
def test_still_unreadable(text: str) -> None:
    with pytest.raises(PeriodError) as info:
        read(text)
    assert info.value.code == "PP300"


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("Март 2026 когда-то", {"Март 2026", "ноябрь-декабрь 2025", "Октябрь"}),
        (
            "раз в две недели как-то",
            {"раз в две недели", "1 раз в 2 месяца", "2 раза в месяц", "2 раза в год"},
        ),
        ("5 (среда)", {"4 октября", "27 ноября 18.00", "1 июня в 15:00", "19 и 26 ноября"}),
        ("1 неделя", {"2 неделя апреля", "3, 4 неделя октября", "последняя неделя месяца"}),
    ],
)
def test_hints_have_the_shape_of_the_phrase(text: str, shape: set[str]) -> None:
    found = suggest(text)
    assert found[0] in shape, found
    assert "04.10.2025" not in found[:1]


def test_a_hint_for_a_month_and_year_is_not_a_full_date() -> None:
    assert suggest("Март 2026 года какого-то")[0] != "04.10.2025"
    assert suggest("раз в две недели какие-то")[0] != "2 раза в год"


def test_explain_gives_dates_and_errors_with_hints() -> None:
    good = explain_period("27 ноября 18.00", CAL)
    assert good.kind == "dated" and good.dates == (date(2025, 11, 27),)
    bad = explain_period("1 неделя", CAL)
    assert (
        bad.error is not None
        and bad.suggestions
        and bad.suggestions[0].endswith(("апреля", "октября", "месяца"))
    )


# --- any text: a period or a PeriodError, never a crash ------------------------------

PIECES = [
    "1", "2", "15", "31", "2025", "2026", "04.10", "01.13", "29.02", "18.00", "16-00", "с", "по", "до", "к",
    "в", "раз", "раза", "в год", "месяц", "неделя", "квартал", "I", "IV", "четверть", "мая", "октябрь",
    "пятница", "суббота", "каникул", "осенних", "(", ")", "-", ",", ";", "/", ":", "\n", "«ДК»", "№",
    "ежемесячно", "каждый", "последняя", "в течение", "по мере", "начале", "конце", "т.г.", "г.", "День", "Победы",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map(" ".join) | st.text(max_size=40))
def test_any_text_is_a_period_or_a_period_error(text: str) -> None:
    try:
        p = read(text)
    except PeriodError as exc:
        assert exc.code.startswith("PP3")
        return
    assert p.kind in ("dated", "ongoing", "on_demand")
    for w in p.windows:
        assert CAL.start <= w.start <= w.end <= CAL.end or w.mode in ("before", "by"), (text, w)
