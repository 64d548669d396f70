"""The calendar and the scheduler: known days pinned, invariants checked by Hypothesis."""

from __future__ import annotations

import datetime
import itertools
import json
from collections import Counter
from datetime import date, timedelta
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partnerplan.dates.calendar import build_calendar
from partnerplan.dates.explain import year_calendar
from partnerplan.dates.periods import Period, parse_period
from partnerplan.dates.schedule import Event, build_schedule, place, plan_schedule
from partnerplan.plan.check import build_vocabulary
from partnerplan.plan.loader import load_plan
from partnerplan.plan.model import Plan

from .conftest import PLANS, Run

CAL = year_calendar("2025/2026")


# --- the calendar -------------------------------------------------------------------


def test_russian_transfers_of_days_off() -> None:
    off = ["2025-11-03", "2025-11-04", "2026-01-09", "2026-02-23", "2026-03-09", "2026-05-01", "2026-05-11"]
    for d in off:
        assert not CAL.is_working_day(date.fromisoformat(d)), d
    assert CAL.is_working_day(date(2025, 11, 1)), "Saturday 1 Nov 2025 is a working day"
    assert not CAL.is_working_day(date(2025, 11, 8))  # an ordinary Saturday
    assert not year_calendar("2026").is_working_day(date(2026, 12, 31))


def test_247_working_days_in_2025_and_2026() -> None:
    for y in ("2025", "2026"):
        cal = year_calendar(y)
        days = cal.working_days_in(date(int(y), 1, 1), date(int(y), 12, 31))
        assert len(days) == 247


def test_six_day_week_and_plan_overrides() -> None:
    plan = Plan.model_validate(
        {
            "version": 1,
            "planner": {"name": "X"},
            "year": "2025/2026",
            "calendar": {"week": 6, "days_off": ["2025-09-15"], "working_days": ["2025-09-21"]},
        }
    )
    cal = build_calendar(plan)
    assert cal.is_working_day(date(2025, 9, 13))  # Saturday in a 6-day week
    assert not cal.is_working_day(date(2025, 9, 14))  # Sunday
    assert not cal.is_working_day(date(2025, 9, 15))  # the plan's own day off
    assert cal.is_working_day(date(2025, 9, 21))  # the plan's working Sunday


def test_default_breaks_are_said_and_plan_breaks_win() -> None:
    assert CAL.default_breaks and CAL.in_break(date(2025, 10, 27))
    plan = Plan.model_validate(
        {
            "version": 1,
            "planner": {"name": "X"},
            "year": "2025/2026",
            "calendar": {"breaks": [{"name": "осенние каникулы", "from": "2025-11-01", "to": "2025-11-09"}]},
        }
    )
    cal = build_calendar(plan)
    assert not cal.default_breaks
    assert not cal.in_break(date(2025, 10, 27)) and cal.in_break(date(2025, 11, 7))


# --- the example plan ---------------------------------------------------------------


def rukodelnitsa() -> tuple[Any, Any]:
    checked = load_plan(str(PLANS / "rukodelnitsa.yaml"))
    return checked, plan_schedule(checked)


def test_rukodelnitsa_schedule() -> None:
    _, sched = rukodelnitsa()
    dated = [e for e in sched.events if e.date]
    by_partner = Counter(e.partner for e in dated)
    # Ледовый дворец: 4 activities × «Один раз в квартал.» = 16 events.
    assert by_partner["ice_palace"] == 16
    # ГИБДД: 2 quarterly + 2 yearly.
    assert by_partner["gibdd"] == 10
    zoo = sorted(e.date for e in dated if e.partner == "zoo")
    assert zoo[0].month == 10 and zoo[1].month in (12, 1) and zoo[2].month in (5, 6)
    undated = {e.kind for e in sched.events if e.date is None}
    assert undated == {"ongoing", "on_demand"}
    for e in dated:
        assert CAL.is_working_day(e.date), e
    # No partner is booked twice on a day.
    assert max(Counter((e.partner, e.date) for e in dated).values()) == 1


def test_ics_parses_back_to_the_same_events(run: Run, tmp_path: Any) -> None:
    from icalendar import Calendar

    out = tmp_path / "plan.ics"
    code, _, err = run("schedule", str(PLANS / "rukodelnitsa.yaml"), "--format", "ics", "-o", str(out))
    assert code == 0, err
    cal = Calendar.from_ical(out.read_bytes())
    got = sorted((str(v["uid"]), v.decoded("dtstart")) for v in cal.walk("VEVENT"))
    _, sched = rukodelnitsa()
    want = sorted((e.uid, e.date) for e in sched.events if e.date)
    assert got == want
    one = next(iter(cal.walk("VEVENT")))
    assert one.decoded("dtend") - one.decoded("dtstart") == timedelta(days=1)  # all-day
    assert "Партнёр:" in str(one["description"])
    assert cal["x-wr-timezone"] == "Europe/Moscow"
    # Re-running gives the same bytes: the same UIDs update rather than duplicate.
    out2 = tmp_path / "again.ics"
    run("schedule", str(PLANS / "rukodelnitsa.yaml"), "--format", "ics", "-o", str(out2))
    assert out.read_bytes() == out2.read_bytes()


def test_schedule_json_and_filters(run: Run) -> None:
    code, out, _ = run("schedule", str(PLANS / "rukodelnitsa.yaml"), "--format", "json", "--partner", "gibdd")
    assert code == 0
    rows = json.loads(out)
    assert {r["partner"] for r in rows} == {"gibdd"}
    assert set(rows[0]) >= {"date", "partner", "title", "form", "period"}
    code, out, _ = run("schedule", str(PLANS / "rukodelnitsa.yaml"), "--format", "json", "--month", "10")
    assert all(r["date"].startswith("2025-10") for r in json.loads(out))
    code, out, _ = run("schedule", str(PLANS / "rukodelnitsa.yaml"), "--format", "json")
    rows = json.loads(out)
    assert any(r["date"] is None and r["period"] == "В течении года" for r in rows)
    code, out, _ = run(
        "schedule",
        str(PLANS / "rukodelnitsa.yaml"),
        "--format",
        "csv",
        "--from",
        "2026-05-01",
        "--to",
        "2026-05-31",
    )
    lines = out.splitlines()
    assert lines[0].startswith("\ufeffdate;partner;partner_name;title")  # BOM and «;»: Russian Excel
    assert all(line.startswith("2026-05-") for line in lines[1:]) and len(lines) > 1


def test_schedule_table_is_russian(run: Run) -> None:
    code, out, _ = run("schedule", str(PLANS / "rukodelnitsa.yaml"), "--month", "10")
    assert code == 0
    assert "Октябрь 2025" in out and "Без дат" not in out
    assert "типовые" in out  # the default breaks are said


def test_period_command_json(run: Run) -> None:
    code, out, _ = run("period", "Один раз в квартал.", "--year", "2025/2026", "--json")
    assert code == 0
    r = json.loads(out)
    assert r["kind"] == "dated" and len(r["windows"]) == 4 and len(r["dates"]) == 4
    # Every quarter of the school year, not «I квартал» (that is January–March, issue #11):
    # the first of four equal parts of the school days, which end on 26 May, not in summer.
    assert r["windows"][0] == {
        "from": "2025-09-01",
        "to": "2025-11-06",
        "count": 1,
        "label": "1-й квартал учебного года",
    }
    code, out, _ = run(
        "period", "Май-июнь", "когда-нибудь", "В течении года", "--year", "2025/2026", "--json"
    )
    assert code == 1
    a, b, c = json.loads(out)
    assert a["dates"][0].startswith("2026-05")
    assert b["text"] == "когда-нибудь" and "не удаётся понять период" in b["error"]
    assert c == {
        "text": "В течении года",
        "kind": "ongoing",
        "windows": [{"from": "2025-09-01", "to": "2026-08-31", "count": 1, "label": "год"}],
        "dates": [],
    }


def test_validate_reports_period_problems(run: Run, tmp_path: Any) -> None:
    f = tmp_path / "p.yaml"
    f.write_text(
        "version: 1\nplanner: {name: X}\nyear: 2025/2026\npartners:\n  - id: a\n    name: A\n    activities:\n"
        "      - {form: беседа, period: Когда-нибудь}\n"
        "      - {form: беседа, dates: [2025-11-04]}\n",
        encoding="utf-8",
    )
    code, _, err = run("validate", str(f))
    assert code == 1
    assert f"{f}:8:32: ошибка[PP300]: не удаётся понять период «Когда-нибудь»" in err
    assert f"{f}:9:32: предупреждение[PP401]: закреплённая дата 04.11.2025 — нерабочий день" in err


# --- invariants over generated plans -------------------------------------------------

PERIOD_POOL = [
    "Октябрь", "Май-июнь", "Декабрь-январь", "Сентябрь, октябрь, февраль, май", "2 раза в год",
    "Один раз в квартал.", "1 раз в четверть", "Ежемесячно", "Каждую среду", "к 9 мая", "4 октября",
    "В течение года", "По мере необходимости", "летом", "в период осенних каникул", "2 неделя апреля",
    "3 раза в год", "2 раза в месяц", "до 25 мая", "19 и 26 ноября", "с 10 по 16 октября", "июль",
    "по субботам", "в зимние каникулы", "I квартал", "1 раз в 2 месяца", "раз в две недели",
    "в конце каждой четверти", "27 ноября 18.00 ДК «Строитель»", "2-я суббота месяца",
]  # fmt: skip

activity_st = st.fixed_dictionaries(
    {"form": st.sampled_from(["беседа", "экскурсия", "конкурс"]), "title": st.text("абвгд ", min_size=1, max_size=8),
     "period": st.sampled_from(PERIOD_POOL)},
)  # fmt: skip
plan_st = st.lists(st.lists(activity_st, min_size=1, max_size=5), min_size=1, max_size=5).map(
    lambda partners: {
        "version": 1,
        "planner": {"name": "X"},
        "year": "2025/2026",
        "partners": [{"id": f"p{i}", "name": f"P{i}", "activities": acts} for i, acts in enumerate(partners)],
    }
)


@cache
def read(text: str) -> Period:
    return parse_period(text, CAL)


def schedule_of(data: dict[str, Any]) -> tuple[Event, ...]:
    plan = Plan.model_validate(data)
    return build_schedule(plan, build_vocabulary(plan), CAL).events


def dated_by_key(events: tuple[Event, ...]) -> dict[str, list[date]]:
    out: dict[str, list[date]] = {}
    for e in events:
        if e.date:
            out.setdefault(e.key, []).append(e.date)
    return {k: sorted(v) for k, v in out.items()}


@settings(max_examples=60, deadline=None)
@given(plan_st)
def test_deterministic(data: dict[str, Any]) -> None:
    assert schedule_of(data) == schedule_of(json.loads(json.dumps(data)))


def test_the_same_dates_in_any_process() -> None:
    """Hash seeds differ between processes: nothing may depend on them."""
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PARTNERPLAN_NO_CACHE": "1"}
        proc = subprocess.run(
            [sys.executable, "-m", "partnerplan", "schedule", str(PLANS / "rukodelnitsa.yaml"), "--format", "json"],
            capture_output=True, env=env, check=True,
        )  # fmt: skip
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1] and len(json.loads(outputs[0])) > 50


@settings(max_examples=60, deadline=None)
@given(plan_st, st.data())
def test_edit_local(data: dict[str, Any], draw: st.DataObject) -> None:
    """Removing, changing or adding one activity moves no other activity's events, except
    a same-partner activity that had to give way on a shared day (marked `displaced`)."""
    before = schedule_of(data)
    pi = draw.draw(st.integers(0, len(data["partners"]) - 1))
    acts = data["partners"][pi]["activities"]
    ai = draw.draw(st.integers(0, len(acts) - 1))
    edited = json.loads(json.dumps(data))
    action = draw.draw(st.sampled_from(["remove", "change", "add"]))
    if action == "remove":
        del edited["partners"][pi]["activities"][ai]
    elif action == "change":
        edited["partners"][pi]["activities"][ai]["period"] = draw.draw(st.sampled_from(PERIOD_POOL))
    else:
        edited["partners"][pi]["activities"].append(draw.draw(activity_st))
    after = schedule_of(edited)
    touched = {e.key for e in (*before, *after) if e.displaced}
    changed_key = {e.key for e in before if e.partner == f"p{pi}" and e.activity == ai}
    b, a = dated_by_key(before), dated_by_key(after)
    for key in set(b) & set(a):
        if key in touched or key in changed_key:
            continue
        assert b[key] == a[key], key
    # Other partners are never affected at all.
    other = lambda evs: sorted((e.key, e.date) for e in evs if e.partner != f"p{pi}" and e.date)  # noqa: E731
    assert other(before) == other(after)


@settings(max_examples=60, deadline=None)
@given(plan_st)
def test_days_counts_and_windows(data: dict[str, Any]) -> None:
    plan = Plan.model_validate(data)
    events = build_schedule(plan, build_vocabulary(plan), CAL).events
    per_activity: Counter[tuple[str, int]] = Counter()
    for e in events:
        if e.date is None:
            continue
        per_activity[(e.partner, e.activity)] += 1
        period = read(e.period or "")
        windows = period.windows
        # A working day — unless the period names the day: a date, a weekday, a break.
        names_days = any(w.mode == "fixed" or w.named or (w.mode == "weekly" and w.weekdays) for w in windows)
        assert CAL.is_working_day(e.date) or names_days, e
        assert not CAL.is_main_holiday(e.date) or any(w.mode == "fixed" for w in windows), e
        inside = [w for w in windows if w.start - timedelta(days=28) <= e.date <= w.end]
        assert inside, (e.period, e.date)
        point = all(w.mode == "fixed" for w in windows)  # a named date may fall in a break
        wholly_in_break = all(
            not [d for d in CAL.working_days_in(w.start, w.end) if not CAL.in_break(d)] for w in inside
        )
        if CAL.in_break(e.date) and not point:
            assert wholly_in_break, (e.period, e.date)
    for pi, partner in enumerate(plan.partners):
        for ai, act in enumerate(partner.activities):
            period = read(act.period or "")
            if period.kind != "dated" or period.windows[0].mode == "weekly":
                continue
            expected = sum(w.count for w in period.windows)
            assert per_activity[(partner.id, ai)] == expected, (act.period, pi)


@settings(max_examples=40, deadline=None)
@given(plan_st)
def test_no_partner_booked_twice_unless_unavoidable(data: dict[str, Any]) -> None:
    events = schedule_of(data)
    clashes = Counter((e.partner, e.date) for e in events if e.date)
    for (partner, day), n in clashes.items():
        if n == 1:
            continue
        # The scheduler moves a loser to the nearest free day of its own part of the
        # window. A day free at the end was free when it decided: so of the events
        # sharing a day, at most one (the winner) may have had anywhere else to go.
        taken = {e.date for e in events if e.partner == partner and e.date}
        with_room = 0
        for e in (e for e in events if e.partner == partner and e.date == day):
            if e.kind == "pinned":
                continue
            options = place(read(e.period or ""), CAL, e.key)
            _, alternatives, movable = options[e.seq - 1]
            if movable and any(d not in taken for d in alternatives):
                with_room += 1
        assert with_room <= 1, (partner, day)


# --- issue #11: the five meaning fixes -----------------------------------------------


def plan_with(periods: list[str], **extra: Any) -> dict[str, Any]:
    acts = [{"form": "беседа", "title": f"Беседа {i}", "period": p} for i, p in enumerate(periods)]
    return {"version": 1, "planner": {"name": "X"}, "year": "2025/2026",
            "partners": [{"id": "p", "name": "P", "activities": acts}], **extra}  # fmt: skip


def days_of(data: dict[str, Any], cal: Any = None) -> list[date]:
    plan = Plan.model_validate(data)
    cal = cal or build_calendar(plan)
    return sorted(e.date for e in build_schedule(plan, build_vocabulary(plan), cal).events if e.date)


SPACING = {"Один раз в квартал": 45, "ежеквартально": 45, "2 раза в год": 90, "Один раз в полгода": 90,
           "Ежемесячно": 14, "1 раз в 2 месяца": 25, "1 раз в четверть": 20}  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(sorted(SPACING)),
    st.text("абвгдеж ", min_size=1, max_size=10),
    st.lists(st.sampled_from(PERIOD_POOL), max_size=4),
)
def test_periodic_events_are_evenly_spaced(period: str, title: str, others: list[str]) -> None:
    """Fix 2: consecutive events of a periodic activity are at least about half a period
    apart (never 16 February and 3 March for a quarterly one), whatever else the partner
    has that might push them aside."""
    data = plan_with(others)
    data["partners"][0]["activities"].append({"form": "беседа", "title": title, "period": period})
    plan = Plan.model_validate(data)
    events = build_schedule(plan, build_vocabulary(plan), CAL).events
    mine = sorted(e.date for e in events if e.date and e.activity == len(others))
    gaps = [(b - a).days for a, b in itertools.pairwise(mine)]
    assert gaps and min(gaps) >= SPACING[period], (period, mine)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(sorted(SPACING)),
    st.text("абвгдеж ", min_size=1, max_size=10),
    st.from_regex(r"[a-z]{1,6}", fullmatch=True),
)
def test_periodic_events_stay_in_the_school_year(period: str, title: str, pid: str) -> None:
    """Fix 3: no periodic event in June–August unless the organisation works in summer."""
    data = plan_with([])
    data["partners"] = [
        {"id": pid, "name": "P", "activities": [{"form": "беседа", "title": title, "period": period}]}
    ]
    days = days_of(data)
    assert days and all(d.month not in (6, 7, 8) for d in days), days


def test_an_organisation_working_in_summer_gets_summer_events() -> None:
    """Fix 3: a plan whose own breaks have no summer break works in summer."""
    breaks = [{"name": "осенние каникулы", "from": "2025-10-25", "to": "2025-11-04"},
              {"name": "зимние каникулы", "from": "2025-12-31", "to": "2026-01-11"}]  # fmt: skip
    data = plan_with(["Ежемесячно"], calendar={"breaks": breaks})
    months = {d.month for d in days_of(data)}
    assert months == set(range(1, 13))
    assert len(parse_period("Ежемесячно", build_calendar(Plan.model_validate(data))).windows) == 12


def test_quarterly_keeps_four_events_in_the_school_year() -> None:
    days = days_of(plan_with(["Один раз в квартал"]))
    assert len(days) == 4 and days[-1] <= date(2026, 5, 26)


def test_saturdays_in_a_five_day_week() -> None:
    """Fix 4: «по субботам» gives Saturdays in a centre with a five-day week (none today)."""
    days = days_of(plan_with(["по субботам"]))
    assert len(days) >= 25 and all(d.weekday() == 5 for d in days)
    assert not any(CAL.is_main_holiday(d) or CAL.in_break(d) for d in days)
    nth = days_of(plan_with(["2-я суббота месяца"]))
    assert len(nth) == 9 and all(d.weekday() == 5 for d in nth)
    assert date(2026, 5, 16) in nth  # the second Saturday of May 2026 is 9 May: the next one


def test_winter_break_gives_a_day_that_is_not_a_new_year_holiday() -> None:
    """Fix 4: every day of the 2025/2026 winter break is off; the period names the break,
    so it gets one of its days — not 1–8 January."""
    (day,) = days_of(plan_with(["в зимние каникулы"]))
    assert date(2025, 12, 31) <= day <= date(2026, 1, 11) and not CAL.is_main_holiday(day)
    assert day.weekday() != 6


def test_a_day_before_the_year_says_so(run: Run, tmp_path: Any) -> None:
    """Fix 4: «ко Дню знаний» has no day before 1 September inside 2025/2026: say that."""
    f = tmp_path / "p.yaml"
    f.write_text("version: 1\nplanner: {name: X}\nyear: 2025/2026\npartners:\n  - id: a\n    name: A\n"
                 "    activities:\n      - {form: беседа, period: ко Дню знаний}\n", encoding="utf-8")  # fmt: skip
    _, _, err = run("validate", str(f))
    assert "PP403" in err and "раньше начала года плана" in err and "выходные" not in err


@pytest.mark.parametrize("year", ["2027/2028", "2030/2031"])
def test_plans_for_any_year(year: str) -> None:
    """Fix 5: breaks by rule where none are shipped (said by PP405), holidays from
    `holidays`, and a note when a year's transfers are not published (PP406)."""
    data = plan_with(["Один раз в квартал", "в зимние каникулы", "по субботам", "4 октября"]) | {"year": year}
    plan = Plan.model_validate(data)
    cal = build_calendar(plan)
    assert cal.breaks_by_rule and len(cal.breaks) == 4 and len(cal.terms) == 4
    sched = build_schedule(plan, build_vocabulary(plan), cal)
    codes = {d.code for d in sched.diagnostics}
    assert (
        "PP405" in codes and "PP406" in codes and not [d for d in sched.diagnostics if d.severity == "error"]
    )
    dated = [e.date for e in sched.events if e.date]
    assert len(dated) > 30 and all(cal.start <= d <= cal.end for d in dated)
    first = int(year[:4])
    assert not cal.is_working_day(date(first + 1, 1, 2)) and not cal.is_working_day(date(first + 1, 5, 9))


def test_the_break_rule_gives_the_shipped_dates() -> None:
    from partnerplan.dates.calendar import DEFAULT_BREAKS, rule_breaks

    for year, rows in DEFAULT_BREAKS.items():
        assert rule_breaks(year) == rows, year


def test_shipped_years_say_nothing_about_rules() -> None:
    _, sched = rukodelnitsa()
    assert not {"PP405", "PP406"} & {d.code for d in sched.diagnostics}


# --- around the period -----------------------------------------------------------------


def test_named_dates_are_the_dates() -> None:
    """A named date that is a Saturday or a holiday is that day (it was moved to Friday)."""
    assert days_of(plan_with(["4 октября"])) == [date(2025, 10, 4)]
    assert days_of(plan_with(["9 мая"])) == [date(2026, 5, 9)]
    assert days_of(plan_with(["к 9 мая"])) == [date(2026, 5, 8)]


def test_pinned_dates_as_teachers_write_them_and_their_checks(run: Run, tmp_path: Any) -> None:
    f = tmp_path / "p.yaml"
    f.write_text(
        "version: 1\nplanner: {name: X}\nyear: 2025/2026\npartners:\n  - id: a\n    name: A\n"
        "    directions: [социальное]\n    activities:\n"
        "      - {form: беседа, period: ко Дню матери, dates: [23.02.2026]}\n"
        "      - {form: беседа, period: Когда-нибудь, dates: [2026-03-12]}\n",
        encoding="utf-8",
    )
    code, _, err = run("validate", str(f))
    assert code == 0, err  # warnings only: the dates are pinned
    assert "PP404" in err and "23.02.2026" in err  # a pinned date that contradicts its period
    assert "PP300" in err and "Когда-нибудь" in err  # an unreadable period behind dates: still said
    assert "PP202" not in err  # a direction by name


def test_time_place_and_note_reach_the_events_and_the_calendar(run: Run, tmp_path: Any) -> None:
    from icalendar import Calendar

    f = tmp_path / "p.yaml"
    f.write_text(
        "version: 1\nplanner: {name: X}\nyear: 2025/2026\npartners:\n  - id: a\n    name: A\n"
        '    activities:\n      - {form: концерт, period: "27 ноября 18.00\\nДК «Строитель»"}\n'
        "      - {form: беседа, period: Октябрь}\n",
        encoding="utf-8",
    )
    checked = load_plan(str(f))
    (e,) = [e for e in plan_schedule(checked).events if e.form == "концерт"]
    assert (e.date, e.time, e.place) == (date(2025, 11, 27), datetime.time(18, 0), "ДК «Строитель»")
    out = tmp_path / "p.ics"
    code, _, err = run("schedule", str(f), "--format", "ics", "-o", str(out))
    assert code == 0, err
    events = {str(v["summary"]): v for v in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    timed = next(v for k, v in events.items() if k.startswith("концерт") or "концерт" in k.lower())
    start = timed.decoded("dtstart")
    assert isinstance(start, datetime.datetime) and (start.hour, start.minute) == (18, 0)
    assert str(timed["location"]) == "ДК «Строитель»"
    allday = next(v for v in events.values() if v is not timed)
    assert not isinstance(allday.decoded("dtstart"), datetime.datetime)


def test_the_text_schedule_is_a_plain_aligned_table_when_piped(run: Run) -> None:
    code, out, _ = run("schedule", str(PLANS / "rukodelnitsa.yaml"))
    assert code == 0
    lines = out.splitlines()
    header = lines[2]
    assert header.split() == ["Дата", "Партнёр", "Мероприятие", "Форма"]
    activity_col = header.index("Мероприятие")
    form_col = header.index("Форма")
    assert "Сентябрь 2025" in lines and "Без дат" in lines
    # A long title wraps inside its column: the continuation starts there and the form
    # column stays where the header put it.
    start = next(i for i, ln in enumerate(lines) if "Профилактические беседы «Моя" in ln)
    assert lines[start][activity_col:].startswith("Профилактические беседы «Моя")
    assert lines[start][form_col:].strip() == "беседа"
    assert lines[start + 1][:activity_col].strip() == ""
    assert "безопасность»" in lines[start + 1][activity_col:]
    assert max(len(ln) for ln in lines[:-1]) < 200


def test_the_plain_table_shows_control_characters_instead_of_obeying_them() -> None:
    from partnerplan.cli.table import _plain

    text = "".join(
        _plain("План\x1b]0;взлом\x07", ["Дата", "Партнёр"], [("Май", [["1 мая", "Школа\x1b[2J"]])])
    )
    assert "\x1b" not in text and "\x07" not in text
    assert "Школа\\x1b[2J" in text and "План\\x1b]0;взлом\\x07" in text


def test_the_plain_table_wraps_at_spaces_and_keeps_every_word() -> None:
    from partnerplan.cli.table import PLAIN_WIDTH, _wrap

    text = "Профилактические беседы «Моя безопасность», «Закон и подросток» и ещё одно-очень-длинное-слово-без-пробелов-вовсе"
    lines = _wrap(text, PLAIN_WIDTH)
    assert " ".join(lines) == text
    assert all(len(ln) <= PLAIN_WIDTH or " " not in ln for ln in lines)
    assert len(lines) >= 3
