"""The README and the CLI agree: every command documented, the set-up commands true."""

from __future__ import annotations

import doctest

import pytest
import typer.main

from partnerplan.cli.main import build_app

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
RUN = "python3 -m venv .venv && .venv/bin/pip install -q . && .venv/bin/partnerplan render plans/rukodelnitsa.yaml"
TEST = "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/pytest"


def commands() -> list[str]:
    group = typer.main.get_command(build_app("ru"))
    return [name for name, cmd in group.commands.items() if not cmd.hidden]  # type: ignore[attr-defined]


def test_every_command_is_in_the_readme() -> None:
    names = commands()
    assert {"validate", "schema", "init", "period", "schedule", "render", "fmt", "diff", "git-setup",
            "rollover", "report", "import"} <= set(names)  # fmt: skip
    for name in names:
        assert f"`partnerplan {name}" in README, name


def test_every_command_has_russian_and_english_help() -> None:
    for lang in ("ru", "en"):
        group = typer.main.get_command(build_app(lang))
        for name, cmd in group.commands.items():  # type: ignore[attr-defined]
            assert cmd.help and len(cmd.help) > 20, (lang, name)
            has_cyrillic = any("а" <= ch <= "я" for ch in cmd.help.lower())
            assert has_cyrillic == (lang == "ru") or "«" in cmd.help, (lang, name)


def test_the_two_setup_commands() -> None:
    assert README.count("```sh\n" + RUN + "\n```") == 1
    assert README.count("```sh\n" + TEST + "\n```") == 1
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert TEST in ci


def test_the_readme_python_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 10
    assert result.failed == 0


def test_the_public_api_is_what_the_readme_names() -> None:
    import partnerplan

    assert set(partnerplan.__all__) == {
        "load", "validate", "schedule", "render", "format_text", "diff", "parse_period", "PlanNotUsable",
        "__version__",
    }  # fmt: skip
    for name in partnerplan.__all__:
        assert name == "__version__" or f"`{name}`" in README, name


def test_russian_help_has_no_english_placeholders() -> None:
    import os
    import re
    import subprocess
    import sys

    env = {**os.environ, "LANG": "ru_RU.UTF-8", "COLUMNS": "100"}
    env.pop("PARTNERPLAN_LANG", None)
    for name in ["", *commands()]:
        args = [sys.executable, "-m", "partnerplan", *([name] if name else []), "--help"]
        out = subprocess.run(args, capture_output=True, text=True, env=env, check=True).stdout
        assert "Использование: partnerplan" in out, name
        found = re.findall(r"\[OPTIONS\]|COMMAND|<str>|<int range>|\{[a-z_]+\}|Install completion", out)
        assert found == [], (name, found)
