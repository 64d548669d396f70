"""`partnerplan validate`, `schema`, `init` as a teacher runs them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerplan.cli.main import detect_lang
from partnerplan.plan.schema import json_schema_text

from .conftest import PLANS, ROOT, Run


def test_shipped_plans_are_valid(run: Run) -> None:
    code, out, err = run("validate", str(PLANS))
    assert code == 0, err
    assert "Проверено файлов: 6" in out  # 5 plans and a network's partners.yaml
    assert "ошибок: 0" in out


def test_rukodelnitsa_has_all_rows() -> None:
    from partnerplan.plan.check import check
    from partnerplan.plan.load import load_file

    plan = check(load_file(str(PLANS / "rukodelnitsa.yaml"))).plan
    assert plan is not None
    # 25 table rows in seed 002 = 20 partners + 5 group header rows.
    assert len(plan.partners) == 20 and len(plan.groups) == 5
    periods = [a.period for p in plan.partners for a in p.activities]
    assert "В течении года" in periods and "Один раз в квартал ." in periods
    assert sum(1 for p in plan.partners if not p.activities) == 8


def test_errors_exit_1_and_print_location(run: Run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nplanner: {name: X}\nyear: 2026\npartnrs: []\n", encoding="utf-8")
    code, out, err = run("validate", str(bad))
    assert code == 1
    assert f"{bad}:4:1: ошибка[PP100]: неизвестный ключ «partnrs»" in err
    assert "возможно, вы имели в виду «partners»?" in err
    assert "ошибок: 1" in out


def test_json_format(run: Run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nplanner: {name: X}\nyear: 2026\npartnrs: []\n", encoding="utf-8")
    code, out, _ = run("validate", "--format", "json", str(bad))
    assert code == 1
    (d,) = json.loads(out)
    assert d == {
        "path": str(bad),
        "line": 4,
        "column": 1,
        "severity": "error",
        "code": "PP100",
        "message": "неизвестный ключ «partnrs»",
        "hint": "возможно, вы имели в виду «partners»?",
    }


def test_strict_makes_warnings_errors(run: Run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "p.yaml"
    f.write_text(
        "version: 1\nplanner: {name: X}\nyear: 2026\npartners:\n  - {id: a, name: A}\n",
        encoding="utf-8",
    )
    assert run("validate", str(f))[0] == 0
    assert run("validate", "--strict", str(f))[0] == 1


def test_usage_errors_exit_2(run: Run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("validate", str(tmp_path / "nope"))
    assert code == 2 and "нет такого файла или папки" in err
    code, _, err = run("validate", str(tmp_path))
    assert code == 2 and "нет файлов плана" in err
    assert run("validate", "--format", "xml", str(PLANS))[0] == 2
    assert run("no-such-command")[0] == 2


def test_schema_is_valid_json_schema_and_accepts_the_plans(run: Run) -> None:
    from partnerplan.plan.load import load_file

    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["partners"]["title"] == "Социальные партнёры"
    validator = jsonschema.Draft202012Validator(schema)
    for f in PLANS.glob("*.yaml"):
        data = load_file(str(f)).data
        data["version"] = 1  # the editor sees YAML 1.2 numbers
        assert list(validator.iter_errors(data)) == [], f


def test_shipped_schema_file_is_current() -> None:
    assert (ROOT / "schema" / "plan.schema.json").read_text(encoding="utf-8") == json_schema_text(), (
        "run: partnerplan schema -o schema/plan.schema.json"
    )


def test_init_then_validate(run: Run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "new"
    code, out, _ = run("init", str(target))
    assert code == 0 and "plan.yaml" in out
    text = (target / "plan.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=plan.schema.json\n")
    assert json.loads((target / "plan.schema.json").read_text(encoding="utf-8"))["title"] == "Plan"
    code, out, err = run("validate", "--strict", str(target))
    assert code == 0, err
    # A second init does not overwrite the teacher's work.
    assert run("init", str(target))[0] == 2


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        ([], {}, "ru"),
        ([], {"LANG": "en_US.UTF-8"}, "en"),
        ([], {"LANG": "C.UTF-8"}, "ru"),
        (["--lang", "en", "validate"], {"LANG": "ru_RU.UTF-8"}, "en"),
        (["validate", "--lang=ru"], {"LANG": "en_GB.UTF-8"}, "ru"),
        ([], {"PARTNERPLAN_LANG": "en", "LANG": "ru_RU.UTF-8"}, "en"),
    ],
)
def test_language_choice(argv: list[str], env: dict[str, str], expected: str) -> None:
    assert detect_lang(argv, env)[0] == expected


def test_english_interface(run: Run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nplanner: {name: X}\nyear: 2026\npartnrs: []\n", encoding="utf-8")
    code, out, err = run("--lang", "en", "validate", str(bad))
    assert code == 1 and "error[PP100]: unknown key 'partnrs'" in err and "Checked files: 1" in out
    code, out, _ = run("--lang", "en", "--help")
    assert "Check plan files" in out


def test_help_is_russian_and_lists_every_command(run: Run) -> None:
    code, out, _ = run("--help")
    assert code == 0
    assert "Проверить файлы плана" in out
    for command in ("validate", "schema", "init"):
        assert command in out


def test_module_entry_point_and_version() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "partnerplan", "--version"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.startswith("partnerplan ")


def test_validate_cache_answers_unchanged_files_and_misses_changed_ones(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from partnerplan import validation as api

    f = tmp_path / "p.yaml"
    f.write_text(
        "version: 1\nplanner: {name: X}\nyear: 2026\npartners:\n  - {id: a, name: A}\n", encoding="utf-8"
    )
    first = api.validate([str(f)])
    calls = []
    monkeypatch.setattr(api, "check_file", lambda *a, **k: calls.append(a) or first.results[0])
    second = api.validate([str(f)])
    assert calls == []  # answered from the cache
    assert second.diagnostics == first.diagnostics and second.partners == 1
    source = f.read_text(encoding="utf-8").splitlines()
    shown = second.results[0].lines
    assert len(shown) == len(source) and second.diagnostics  # the PP204 warning on line 5
    assert all(shown[d.line - 1] == source[d.line - 1] for d in second.diagnostics)
    f.write_text(
        "version: 1\nplanner: {name: X}\nyear: 2026\npartners:\n  - {id: b, name: B}\n", encoding="utf-8"
    )
    api.validate([str(f)])
    assert len(calls) == 1  # a changed file is checked again
    api.validate([str(f)], strict=True)
    assert len(calls) == 2  # --strict is another question
    monkeypatch.setenv("PARTNERPLAN_NO_CACHE", "1")
    api.validate([str(f)])
    assert len(calls) == 3


def test_help_words_typer_writes_itself_are_russian() -> None:
    env = {"PATH": "/usr/bin:/bin", "COLUMNS": "100", "LANG": "C.UTF-8"}
    out = subprocess.run(
        [sys.executable, "-m", "partnerplan", "validate", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    assert "Использование: partnerplan validate" in out
    assert "Параметры" in out and "Показать эту справку и выйти." in out
    assert "Show this message" not in out and "Options" not in out
    out = subprocess.run(
        [sys.executable, "-m", "partnerplan", "--lang", "en", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    assert "Usage: partnerplan" in out and "Options" in out


def test_one_typo_does_not_hide_the_other_problems(run: Run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "multi.yaml"
    f.write_text(
        "version: 1\nplaner: {name: X}\nyear: 2025/2026\npartners:\n"
        "  - id: a\n    name: A\n    group: eduu\n    activities:\n      - {form: беседа, period: Когда-нибудь}\n"
        "  - id: b\n    name: B\n    activities:\n      - {form: беседа, dates: [2026-02-30]}\n",
        encoding="utf-8",
    )
    code, out, _ = run("validate", "--format", "json", str(f))
    assert code == 1
    found = [(d["code"], d["line"]) for d in json.loads(out)]
    assert found == [("PP101", 1), ("PP100", 2), ("PP201", 7), ("PP300", 9), ("PP103", 13)]


def test_usage_errors_are_russian_with_the_way_out() -> None:
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    proc = subprocess.run(
        [sys.executable, "-m", "partnerplan", "validate", "--strct"], capture_output=True, text=True, env=env
    )
    assert proc.returncode == 2
    assert proc.stderr == (
        "partnerplan validate: ошибка: нет такого параметра: --strct (возможно, вы имели в виду --strict?)\n"
        "Справка: partnerplan validate --help\n"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "partnerplan", "render"], capture_output=True, text=True, env=env
    )
    assert proc.returncode == 2 and "не хватает аргумента PLAN" in proc.stderr


def test_a_foreign_cache_entry_is_only_a_miss(run: Run, tmp_path: Path) -> None:
    import json
    import os

    plan = tmp_path / "p.yaml"
    shutil.copy(PLANS / "rukodelnitsa.yaml", plan)
    code, first, _ = run("validate", str(plan))
    assert code == 0
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "partnerplan" / "validate"
    entries = list(folder.rglob("*.json"))
    assert entries
    for bad in (
        {"d": [{"code": "PP999", "severity": "error", "line": 1, "column": 1, "args": {}}], "index": [],
         "partners": 0, "activities": 0},
        {"d": [{"code": "PP204", "severity": "error", "line": "x", "column": 1, "args": {}}]},
        {"d": [{"code": "PP204", "severity": "warning", "line": 1, "column": 1, "args": {}}], "index": [],
         "partners": 0, "activities": 0},
        ["not", "a", "record"],
    ):  # fmt: skip
        for entry in entries:
            entry.write_text(json.dumps(bad), encoding="utf-8")
        code, out, err = run("validate", str(plan))
        assert code == 0 and out == first and "Traceback" not in err


def test_a_result_keeps_only_the_lines_its_diagnostics_point_at() -> None:
    from partnerplan.diagnostics import Diagnostic
    from partnerplan.validation import ShownLines

    text = "".join(f"line {i}\n" for i in range(1, 100_001))
    shown = ShownLines(text, [Diagnostic("PP204", "warning", "p.yaml", 7, 3, {})])
    assert len(shown) == 100_000
    assert shown[6] == "line 7" and shown[-1] == "" and shown[0] == ""
    assert shown[5:8] == ["", "line 7", ""]
    assert len(shown._kept) == 1
    with pytest.raises(IndexError):
        shown[100_000]


@given(
    st.lists(
        st.sampled_from(["a", "бв", " ", "\n", "\r\n", "\r", "\x0b", "\u2028", "\x85", "#"]), max_size=40
    ),
    st.sets(st.integers(min_value=0, max_value=25), max_size=6),
)
def test_shown_lines_are_the_lines_splitlines_gives(parts: list[str], wanted: set[int]) -> None:
    from partnerplan.diagnostics import Diagnostic
    from partnerplan.validation import ShownLines

    text = "".join(parts)
    lines = text.splitlines()
    shown = ShownLines(text, [Diagnostic("PP204", "warning", "p.yaml", n, 1, {}) for n in wanted])
    assert len(shown) == len(lines)
    for n in wanted:
        if 0 < n <= len(lines):
            assert shown[n - 1] == lines[n - 1]
