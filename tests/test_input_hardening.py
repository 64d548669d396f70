"""Hostile and careless input: every field's documented example, nulls, deep nesting,
huge counts, far years, odd network ids, Python's words leaking, terminal escapes.

Each test pins what a teacher sees: a code, a position, Russian words; never a
traceback, a hang or a crash of the interpreter.
"""

from __future__ import annotations

import contextlib
import datetime
import random
import signal
import subprocess
import sys
import textwrap
import types
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from partnerplan.dates.schedule import plan_schedule
from partnerplan.diagnostics import Diagnostic, format_json, format_text
from partnerplan.plan import model as m
from partnerplan.plan.check import Checked
from partnerplan.plan.load import MAX_DEPTH
from partnerplan.plan.loader import load_plan
from partnerplan.plan.network import load_registry

from .conftest import PLANS, Run

HEAD = "version: 1\nplanner:\n  name: Объединение\nyear: 2025/2026\n"
PARTNER = "partners:\n  - id: a\n    name: Партнёр\n    activities:\n      - form: беседа\n        period: {period}\n"


def load(text: str | bytes, path: str = "plan.yaml") -> Checked:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return load_plan(raw, path=path, registry=None)


def errors(text: str | bytes) -> list[Diagnostic]:
    return load(text).errors


def only(text: str | bytes) -> Diagnostic:
    found = errors(text)
    assert len(found) == 1, [(d.code, d.line, d.column, d.message()) for d in found]
    return found[0]


# --- a tiny block-YAML writer: scalars are inserted as written (raw YAML text) -------


def emit(value: Any, indent: int = 0) -> str:
    pad = " " * indent
    out = []
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, (dict, list)) and v:
                out.append(f"{pad}{k}:\n{emit(v, indent + 2)}")
            elif isinstance(v, (dict, list)):
                out.append(f"{pad}{k}: {'{}' if isinstance(v, dict) else '[]'}")
            else:
                out.append(f"{pad}{k}: {v}")
        return "\n".join(out)
    assert isinstance(value, list)
    for item in value:
        body = emit(item, indent + 2).lstrip()
        out.append(f"{pad}- {body}")
    return "\n".join(out)


def skeleton() -> dict[str, Any]:
    """A valid plan with one of every record, as nested dicts of raw YAML text."""
    return {
        "version": "1",
        "planner": {"name": "Объединение", "approver": {"position": "Директор", "name": "И. И. Иванова"}},
        "year": "2025/2026",
        "calendar": {"breaks": [{"name": "осенние каникулы", "from": "2025-10-25", "to": "2025-11-04"}]},
        "groups": [{"id": "g", "name": "Группа"}],
        "directions": [{"id": "d", "name": "Направление"}],
        "forms": [{"id": "f", "name": "Форма"}],
        "partners": [
            {
                "id": "a",
                "name": "Партнёр",
                "contacts": {"person": "Иванов"},
                "agreement": {"kind": "договор"},
                "activities": [{"form": "беседа", "period": "Октябрь", "log": [{"status": "done"}]}],
            }
        ],
    }


# Where each record sits in the skeleton, and how to find it in a validated plan.
WHERE: dict[type[BaseModel], tuple[Callable[[dict[str, Any]], dict[str, Any]], Callable[[m.Plan], Any]]] = {
    m.Plan: (lambda d: d, lambda p: p),
    m.Planner: (lambda d: d["planner"], lambda p: p.planner),
    m.Approver: (lambda d: d["planner"]["approver"], lambda p: p.planner.approver),
    m.CalendarSpec: (lambda d: d["calendar"], lambda p: p.calendar),
    m.DateRange: (lambda d: d["calendar"]["breaks"][0], lambda p: (p.calendar.breaks or [])[0]),
    m.VocabEntry: (lambda d: d["groups"][0], lambda p: p.groups[0]),
    m.FormEntry: (lambda d: d["forms"][0], lambda p: p.forms[0]),
    m.Partner: (lambda d: d["partners"][0], lambda p: p.partners[0]),
    m.Contacts: (lambda d: d["partners"][0]["contacts"], lambda p: p.partners[0].contacts),
    m.Agreement: (lambda d: d["partners"][0]["agreement"], lambda p: p.partners[0].agreement),
    m.Activity: (lambda d: d["partners"][0]["activities"][0], lambda p: p.partners[0].activities[0]),
    m.LogEntry: (
        lambda d: d["partners"][0]["activities"][0]["log"][0],
        lambda p: p.partners[0].activities[0].log[0],
    ),
}
REGISTRY_MODELS = (m.Registry, m.SharedPartner)


def registry_skeleton() -> dict[str, Any]:
    return {"version": "1", "partners": [{"id": "a", "name": "Партнёр"}]}


REGISTRY_WHERE: dict[type[BaseModel], Callable[[dict[str, Any]], dict[str, Any]]] = {
    m.Registry: lambda d: d,
    m.SharedPartner: lambda d: d["partners"][0],
}


def all_models() -> list[type[BaseModel]]:
    return [
        obj
        for obj in vars(m).values()
        if isinstance(obj, type) and issubclass(obj, m._Model) and obj is not m._Model
    ]


def test_every_model_has_a_place_in_these_tests() -> None:
    # A new record type must be added to WHERE, or its fields go unchecked below.
    assert set(all_models()) == set(WHERE) | set(REGISTRY_MODELS)


def _leaves(annotation: Any) -> Iterator[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _leaves(typing.get_args(annotation)[0])
    elif origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            yield from _leaves(arg)
    elif origin is typing.Literal:
        yield typing.Literal
    else:
        yield annotation


def converted(annotation: Any) -> bool:
    """The field wants something other than text: a number, a date, one of fixed values."""
    return any(leaf in (int, datetime.date, typing.Literal) for leaf in _leaves(annotation))


def examples(info: Any) -> list[str]:
    return [x.yaml for x in info.metadata if isinstance(x, m.Example)]


def _fields(pred: Callable[[Any], bool]) -> list[tuple[type[BaseModel], str, Any]]:
    return [
        (model, f.alias or name, f)
        for model in all_models()
        for name, f in model.model_fields.items()
        if pred(f)
    ]


CONVERTED = _fields(lambda f: converted(f.annotation))


def test_every_converted_field_documents_an_example() -> None:
    missing = [f"{model.__name__}.{key}" for model, key, f in CONVERTED if not examples(f)]
    assert not missing, f"add Example(...) to: {missing}"
    assert len(CONVERTED) >= 15  # version, week, terms, dates, log's fields, levels…


def _validate_field(model: type[BaseModel], key: str, raw: str) -> tuple[Checked | Any, Any]:
    if model in REGISTRY_MODELS:
        data = registry_skeleton()
        REGISTRY_WHERE[model](data)[key] = raw
        reg = load_registry("partners.yaml", (emit(data) + "\n").encode())
        return reg, reg.registry
    data = skeleton()
    WHERE[model][0](data)[key] = raw
    checked = load(emit(data) + "\n")
    return checked, checked.plan


@pytest.mark.parametrize(
    ("model", "key", "example"),
    [(model, key, x) for model, key, f in CONVERTED for x in examples(f)],
    ids=lambda v: v.__name__ if isinstance(v, type) else str(v)[:30],
)
def test_documented_example_validates(model: type[BaseModel], key: str, example: str) -> None:
    # Scalars stay text in our loader: `week: 6` arrives as "6" and must still be a 6.
    result, valid = _validate_field(model, key, example)
    assert valid is not None, [(d.code, d.line, d.message()) for d in result.diagnostics]
    assert not [d for d in result.diagnostics if d.severity == "error"]


def test_six_day_week_is_a_six_day_week() -> None:
    checked = load(HEAD + "calendar:\n  week: 6\n" + PARTNER.format(period="Каждую субботу"))
    assert checked.ok and checked.plan is not None and checked.plan.calendar.week == 6
    schedule = plan_schedule(checked)
    assert any(e.date is not None and e.date.weekday() == 5 for e in schedule.events)


@pytest.mark.parametrize(
    ("snippet", "ru", "en"),
    [
        ("calendar:\n  week: 7\n", "допустимо: 5 или 6", "allowed: 5 or 6"),
        ("calendar:\n  terms: semesters\n", "допустимо: quarters или trimesters", "quarters or trimesters"),
        (
            PARTNER.format(period="Май") + "        log:\n          - status: finished\n",
            "допустимо: done, moved или cancelled",
            "done, moved or cancelled",
        ),
        (
            "partners:\n  - id: a\n    name: A\n    level: outer\n",
            "external или internal",
            "external or internal",
        ),
    ],
)
def test_fixed_values_are_listed_in_the_readers_language(snippet: str, ru: str, en: str) -> None:
    d = only(HEAD + snippet)
    assert d.code == "PP104"
    hint = d.hint() or ""
    assert ru in hint and " or " not in hint
    assert en in (d.hint("en") or "")


# --- 2. nulls mean "not given" ------------------------------------------------------

OPTIONAL = _fields(lambda f: not f.is_required())


@pytest.mark.parametrize("null", ["~", "null", "", "NULL", '""'])
@pytest.mark.parametrize(
    ("model", "key", "info"), OPTIONAL, ids=lambda v: v.__name__ if isinstance(v, type) else str(v)[:20]
)
def test_null_means_the_default(model: type[BaseModel], key: str, info: Any, null: str) -> None:
    result, valid = _validate_field(model, key, null)
    assert valid is not None, [(d.code, d.line, d.message()) for d in result.diagnostics]
    if model in REGISTRY_MODELS:
        record = valid if model is m.Registry else valid.partners[0]
    else:
        record = WHERE[model][1](valid)
    name = next(n for n, f in model.model_fields.items() if (f.alias or n) == key)
    assert getattr(record, name) == info.get_default(call_default_factory=True)


def test_nulls_are_never_text() -> None:
    checked = load(
        HEAD.replace("year:", "title: ~\nyear:")
        + "partners:\n  - id: a\n    name: A\n    purpose: null\n    note:\n"
        + "    activities:\n      - {form: беседа, period: Май, title: ~, responsible: null}\n"
    )
    assert checked.ok and checked.plan is not None
    p = checked.plan
    values = [p.title, p.partners[0].purpose, p.partners[0].note, p.partners[0].activities[0].title]
    assert values == [None, None, None, None]
    # A quoted "~" is what the teacher wrote: text.
    quoted = load(HEAD + 'title: "~"\n')
    assert quoted.plan is not None and quoted.plan.title == "~"


def test_empty_partners_is_no_partners() -> None:
    checked = load(HEAD + "partners:\ngroups:\ncalendar:\n")
    assert checked.ok and checked.plan is not None
    assert checked.plan.partners == [] and checked.plan.groups == []
    assert checked.plan.calendar.week == 5
    assert not any("записан текст" in d.message() for d in checked.diagnostics)


def test_required_key_left_empty_is_still_an_error() -> None:
    d = only("version: 1\nplanner:\n  name:\nyear: 2025/2026\n")
    assert d.code == "PP107" and (d.line, d.column) == (3, 3)


# --- 3. deep nesting ----------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "x: " + "[" * 1_000 + "]" * 1_000,
        "x: " + "[" * 30_000 + "]" * 30_000,
        "x: " + "[" * 30_000,  # never closed
        "x: " + "{a: " * 30_000 + "}" * 30_000,
        "x:\n" + "".join(" " * i + "-\n" for i in range(1, 2_000)),
        "x:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 2_000)),
    ],
    ids=["1k-flow", "30k-flow", "30k-unclosed", "30k-maps", "2k-block-seq", "2k-block-map"],
)
def test_deep_nesting_is_a_diagnostic(body: str) -> None:
    d = only(HEAD + body + "\n")
    assert d.code == "PP024"
    assert d.line >= 5 and d.column > 1
    assert "слишком глубокая вложенность" in d.message() and d.hint()


def test_deep_nesting_through_every_reading_command(tmp_path: Path, run: Run) -> None:
    f = tmp_path / "deep.yaml"
    f.write_text(HEAD + "x: " + "[" * 30_000 + "]" * 30_000 + "\n", encoding="utf-8")
    code, _, err = run("validate", str(f))
    assert code == 1 and "deep.yaml:5:" in err and "PP024" in err
    for args in (["schedule", str(f)], ["report", str(f)], ["fmt", "--check", str(f)]):
        code, out, err = run(*args)
        assert code != 0 and "Traceback" not in out + err


def test_nesting_a_plan_needs_is_fine() -> None:
    nested = "x: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    (d,) = errors(HEAD + nested)
    assert d.code == "PP100"  # an unknown key, nothing about depth


def test_self_referencing_alias_is_refused() -> None:
    d = only(HEAD + "goals: &g [цель, *g]\n")
    assert d.code == "PP025" and (d.line, d.column) == (5, 18)


# --- 4. periods: bounded counts, linear normalisation --------------------------------


@contextlib.contextmanager
def deadline(seconds: int, what: str) -> Iterator[None]:
    """Fail (not hang) when Python code loops too long; C code that hangs needs run_python."""

    def expired(signum: int, frame: Any) -> None:
        pytest.fail(f"{what}: still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def run_python(code: str, timeout: float = 60) -> str:
    """Code that might hang runs in a child process with a timeout, not in pytest."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_huge_count_is_a_clear_error_not_a_hang() -> None:
    out = run_python(
        """
        from partnerplan.dates.explain import year_calendar
        from partnerplan.dates.periods import PeriodError, parse_period
        cal = year_calendar("2025/2026")
        for text in ("10000000000000000000000 раз в год", "1" + "0" * 5000 + " раз в год",
                     "40 раз в месяц", "9 раз в неделю", ", ".join(["май"] * 10_000)):
            try:
                parse_period(text, cal)
            except PeriodError as exc:
                print(exc.code, exc.args_["days"])
        """,
        timeout=60,
    )
    lines = out.split("\n")
    assert [ln.split()[0] for ln in lines if ln] == ["PP306"] * 5


def test_count_bound_in_a_plan_points_at_the_period() -> None:
    checked = load(HEAD + PARTNER.format(period="10000000000000000000000 раз в год"))
    assert checked.plan is not None
    with deadline(20, "10²² раз в год"):
        found = plan_schedule(checked).diagnostics
    (d,) = [d for d in found if d.severity == "error"]
    assert d.code == "PP306" and (d.line, d.column) == (10, 17)
    assert "больше, чем учебных дней в году" in d.message() and "В течение года" in (d.hint() or "")


def test_a_count_within_the_school_days_is_still_read() -> None:
    checked = load(HEAD + PARTNER.format(period="20 раз в год"))
    events = [e for e in plan_schedule(checked).events if e.date is not None]
    assert len(events) == 20 and len(set(e.date for e in events)) == 20


def test_long_runs_of_spaces_are_normalised_in_linear_time() -> None:
    out = run_python(
        """
        import time
        from partnerplan.dates.periods import normalise
        for gap in (" " * 200_000, " " * 200_000 + "-", "\\t \\n" * 70_000):
            text = "Май" + gap + "июнь"
            started = time.perf_counter()
            result = normalise(text)
            print(round(time.perf_counter() - started, 3), result)
        """,
        timeout=60,
    )
    rows = [ln.split(" ", 1) for ln in out.splitlines()]
    assert [r[1] for r in rows] == ["май июнь", "май-июнь", "май июнь"]
    assert all(float(r[0]) < 1.0 for r in rows), rows


# --- 5. years and far dates ---------------------------------------------------------


@pytest.mark.parametrize("year", ["0000", "9999", "1999/2000", "2101"])
def test_year_outside_the_supported_range(year: str) -> None:
    d = only(HEAD.replace("2025/2026", year) + PARTNER.format(period="Один раз в квартал"))
    assert d.code == "PP112" and (d.line, d.column) == (4, 7)
    assert "вне поддерживаемых 2000–2100" in d.message()


@pytest.mark.parametrize("year", ["2000", "2000/2001", "2100", "2100/2101"])
def test_years_at_the_edges_schedule(year: str) -> None:
    checked = load(HEAD.replace("2025/2026", year) + PARTNER.format(period="Один раз в квартал"))
    assert checked.ok
    assert len([e for e in plan_schedule(checked).events if e.date]) == 4


@pytest.mark.parametrize(
    ("snippet", "line", "col"),
    [
        ("calendar:\n  breaks:\n    - {name: x, from: 2025-10-25, to: 9999-12-31}\n", 7, 39),
        ("calendar:\n  terms:\n    - {name: x, from: 0001-01-01, to: 2026-05-31}\n", 7, 23),
        ("calendar:\n  days_off: [9999-12-31]\n", 6, 14),
        (PARTNER.format(period="Май") + "        dates: [9999-12-31]\n", 11, 17),
        ("partners:\n  - id: a\n    name: A\n    agreement: {date: 0001-01-01}\n", 8, 23),
    ],
)
def test_far_dates_are_diagnostics(snippet: str, line: int, col: int) -> None:
    d = only(HEAD + snippet)
    assert d.code == "PP113" and (d.line, d.column) == (line, col)


def test_a_break_running_for_decades_schedules_quickly() -> None:
    text = (
        HEAD
        + "calendar:\n  breaks:\n    - {name: x, from: 2026-06-01, to: 2199-12-31}\n"
        + PARTNER.format(period="Один раз в квартал")
    )
    checked = load(text)
    assert checked.ok
    assert plan_schedule(checked).events


# --- 6. network ids that are not ids ------------------------------------------------


@pytest.mark.parametrize("bad", ["[a, b]", "{a: 1}", "5", "~"])
@pytest.mark.parametrize("where", ["partner", "group", "groups-text"])
def test_network_plan_with_odd_ids(tmp_path: Path, run: Run, bad: str, where: str) -> None:
    (tmp_path / "partners.yaml").write_text(
        "version: 1\ngroups:\n  - {id: law, name: Право}\npartners:\n  - {id: gibdd, name: ГИБДД, group: law}\n",
        encoding="utf-8",
    )
    plan = HEAD + "groups:\n  - {id: law, name: Право}\n" + "partners:\n  - id: gibdd\n"
    plan += "    activities: [{form: беседа, period: Май}]\n"
    if where == "partner":
        plan = plan.replace("- id: gibdd", f"- id: {bad}")
    elif where == "group":
        plan = plan.replace("{id: law,", f"{{id: {bad},")
    else:
        plan = plan.replace("groups:\n  - {id: law, name: Право}\n", f"groups: {bad}\n")
    f = tmp_path / "a.yaml"
    f.write_text(plan, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(plan, encoding="utf-8")
    checked = load_plan(f)
    assert checked.diagnostics or checked.ok
    code, out, err = run("validate", str(tmp_path))
    assert code in (0, 1) and "Traceback" not in out + err
    if bad in ("[a, b]", "{a: 1}") and where != "groups-text":
        assert code == 1 and "PP102" in err


def test_registry_with_odd_ids(tmp_path: Path, run: Run) -> None:
    (tmp_path / "partners.yaml").write_text(
        "version: 1\npartners:\n  - {id: [gibdd], name: ГИБДД}\n  - {id: {x: 1}, name: X}\n", encoding="utf-8"
    )
    (tmp_path / "a.yaml").write_text(
        HEAD + "partners:\n  - id: gibdd\n    activities: [{form: беседа, period: Май}]\n", encoding="utf-8"
    )
    code, out, err = run("validate", str(tmp_path))
    assert code == 1 and "partners.yaml:3:10: ошибка[PP102]" in err and "Traceback" not in out + err


# --- 7. no Python in messages ------------------------------------------------------


LOG = PARTNER.format(period="Май") + "        log:\n          - status: done\n            participants: {n}\n"


@pytest.mark.parametrize(
    ("value", "code", "words"),
    [
        ("²", "PP102", "ожидается число"),
        ("١٢", "PP102", "ожидается число"),
        ("2.5", "PP102", "ожидается число"),
        ("'-3'", "PP109", "не может быть меньше 0"),
        ("1" + "0" * 5000, "PP111", "слишком большое число"),
    ],
)
def test_numbers_in_our_own_words(value: str, code: str, words: str) -> None:
    d = only(HEAD + LOG.format(n=value))
    assert d.code == code and (d.line, d.column) == (13, 27)
    assert words in d.message()
    assert "invalid literal" not in d.message() and "Input should" not in d.message()


@pytest.mark.parametrize("digits", ["²", "١", "¹"])
@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("version: {d}\nplanner: {{name: X}}\nyear: 2026\n", 1, 10),
        ("version: 1\nplanner: {{name: X}}\nyear: 2026\ncalendar: {{week: {d}}}\n", 4, 18),
    ],
)
def test_digits_that_python_calls_digits(digits: str, text: str, line: int, col: int) -> None:
    # str.isdigit() says yes to «²» and «١», int() says no: never «invalid literal for int()».
    d = only(text.format(d=digits))
    assert d.code == "PP104" and (d.line, d.column) == (line, col)
    assert f"«{digits}»" in d.message() and "int()" not in d.message()


def test_control_character_has_a_place_and_russian_words() -> None:
    d = only(HEAD + "title: План\x07 работы\n")
    assert d.code == "PP023" and (d.line, d.column) == (5, 12)
    assert "U+0007" in d.message() and "control" not in d.message()
    shown = format_text(d, (HEAD + "title: План\x07 работы\n").splitlines())
    assert "\x07" not in shown and "План\\x07 работы" in shown


def test_control_character_after_cyrillic_text_is_found_by_characters_not_bytes() -> None:
    d = only(HEAD + "title: Комплексный\n" + "planner_note: ой\x1f\n")
    assert (d.line, d.column) == (6, 17)


@pytest.mark.parametrize(
    ("escape", "words"),
    [("\\ud800", "половинка суррогатной пары"), ("\\q", "неизвестная последовательность")],
)
def test_bad_escape_is_not_an_unclosed_quote(escape: str, words: str) -> None:
    d = only(HEAD + f'title: "План {escape} работы"\n')
    assert d.code == "PP026" and (d.line, d.column) == (5, 14)
    assert words in d.message() and escape in d.message()


def test_no_pydantic_or_libyaml_english_in_russian_messages() -> None:
    bad_inputs = [
        HEAD + LOG.format(n="много"),
        HEAD + "calendar:\n  week: шесть\n",
        HEAD + "title: @план\n",
        HEAD + "x: [a, b\n",
        HEAD + "partners:\n  - id: a\n    name: A\n    activities: [{form: беседа, dates: [2026-02-30]}]\n",
    ]
    for text in bad_inputs:
        for d in load(text).diagnostics:
            said = d.message() + " " + (d.hint() or "")
            for english in ("Input should", "invalid literal", "found ", "did not find", "expected"):
                assert english not in said, (d.code, said)


# --- 8. a missing space after a colon -----------------------------------------------


def test_missing_space_after_colon_points_at_its_own_line() -> None:
    text = HEAD + PARTNER.format(period="Май").replace("period: Май", "period:Октябрь\n        title: x")
    d = only(text)
    assert d.code == "PP018" and (d.line, d.column) == (10, 15)
    assert "«period:Октябрь»" in d.message() and "«period: Октябрь»" in (d.hint() or "")


def test_missing_space_at_the_top_level() -> None:
    d = only(HEAD + "title:План\n")
    assert d.code == "PP018" and (d.line, d.column) == (5, 6)


# --- 9. plan text reaching the terminal ---------------------------------------------


def test_escape_sequences_in_plan_text_are_shown_escaped(tmp_path: Path, run: Run) -> None:
    f = tmp_path / "plan.yaml"
    f.write_text(
        HEAD + 'partners:\n  - id: a\n    name: "\\e[2J\\e]0;x\\a‮evil\\x9b31m"\n',
        encoding="utf-8",
    )
    code, out, err = run("validate", str(f))
    assert code == 0  # a partner with no activities: a warning
    for raw in ("\x1b", "\x07", "\u202e", "\x9b"):
        assert raw not in out + err
    assert "\\x1b[2J" in err and "\\u202e" in err and "\\x9b" in err


def test_caret_stays_under_its_character_when_escapes_widen_the_line() -> None:
    line = '    name: "\x1b\x1b" x'
    d = Diagnostic("PP100", "error", "p.yaml", 1, line.index("x") + 1, {"name": "x"})
    shown = format_text(d, [line]).splitlines()
    src, caret = shown[2], shown[3]
    assert src.endswith('"\\x1b\\x1b" x')
    assert caret.index("^") == src.index(" x") + 1


def test_json_output_keeps_the_text_but_not_the_raw_controls() -> None:
    import json

    d = Diagnostic("PP203", "warning", "p.yaml", 1, 1, {"form": "a\x9b\u202eb\x1b"})
    text = format_json([d])
    assert "\x9b" not in text and "\u202e" not in text and "\x1b" not in text
    assert json.loads(text)[0]["message"] == d.message()


# --- a seeded robustness loop: the kinds of edits that broke things before ----------


def _mutations(seed: int, count: int) -> Iterator[bytes]:
    base = (PLANS / "rukodelnitsa.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    rng = random.Random(seed)
    odd = ["~", "null", "", "[]", "{}", "[[[[", "10" * 30, "9999-12-31", "0000", "\x1b[31m", "‮", '"\\ud800"']
    for _ in range(count):
        lines = list(base)
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(lines))
            kind = rng.randrange(6)
            if kind == 0:
                del lines[i]
            elif kind == 1:
                lines.insert(i, lines[i])
            elif kind == 2:
                lines[i] = " " * rng.choice([1, 2, 4]) + lines[i]
            elif kind == 3 and ":" in lines[i]:
                key, _, _ = lines[i].partition(":")
                lines[i] = f"{key}: {rng.choice(odd)}\n"
            elif kind == 4:
                lines = lines[: rng.randrange(len(lines))]
            else:
                raw = bytearray(lines[i].encode())
                if raw:
                    raw[rng.randrange(len(raw))] = rng.randrange(256)
                lines[i] = raw.decode("utf-8", errors="replace")
        yield "".join(lines).encode()


def test_mutated_plans_never_crash_or_hang() -> None:
    for i, raw in enumerate(_mutations(seed=20250901, count=60)):
        with deadline(20, f"mutation {i}"):
            checked = load_plan(raw, path="mutant.yaml", registry=None)
            if checked.ok:
                plan_schedule(checked)
            for d in checked.diagnostics:
                format_text(d, checked.loaded.lines)
