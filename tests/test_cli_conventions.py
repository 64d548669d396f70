"""CLI conventions a new user and her tools expect: machine formats, standard input,
colour rules, the plans folder found from inside it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import PLANS, ROOT, Run

BROKEN = "version: 1\nplanner: {name: Школа}\nyear: 2025/2026\npartners:\n  - id: a\n    name: A\n    group: nope\n"


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    f = tmp_path / "plan.yaml"
    f.write_text(BROKEN, encoding="utf-8")
    return f


def test_sarif_for_code_scanning(broken: Path, run: Run) -> None:
    code, out, _ = run("validate", str(broken), "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    (result,) = [r for r in log["runs"][0]["results"] if r["level"] == "error"]
    assert result["ruleId"] == "PP201"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 7, "startColumn": 12}
    assert log["runs"][0]["tool"]["driver"]["rules"][0]["id"].startswith("PP")


def test_github_annotations(broken: Path, run: Run) -> None:
    code, out, _ = run("validate", str(broken), "--format", "github")
    assert code == 1
    line = next(x for x in out.splitlines() if x.startswith("::error "))
    assert f"file={broken}" in line and ",line=7,col=12,title=PP201::" in line
    assert "\n" not in line.split("::", 2)[2]


def test_json_on_a_missing_file_is_still_json(run: Run, tmp_path: Path) -> None:
    code, out, err = run("validate", str(tmp_path / "nope.yaml"), "--format", "json")
    assert code == 2 and json.loads(out) == [] and "нет такого файла" in err


def test_errors_do_not_report_zero_partners(broken: Path, run: Run) -> None:
    code, out, _ = run("validate", str(broken))
    assert code == 1 and "партнёров: 0" not in out and "ошибок: 1" in out


def test_validate_inside_the_plans_folder(run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    shutil.copytree(PLANS, tmp_path / "plans")
    monkeypatch.chdir(tmp_path / "plans")
    code, out, err = run("validate")
    assert code == 0, err
    assert "Проверено файлов: 6" in out


def test_a_plan_from_standard_input(tmp_path: Path) -> None:
    env = {**os.environ, "PARTNERPLAN_NO_CACHE": "1"}
    data = (PLANS / "rukodelnitsa.yaml").read_bytes()
    proc = subprocess.run([sys.executable, "-m", "partnerplan", "schedule", "-", "--format", "json"],
                          input=data, capture_output=True, env=env, cwd=ROOT, check=False)  # fmt: skip
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout)[0]["partner"] == "gibdd"
    proc = subprocess.run([sys.executable, "-m", "partnerplan", "validate", "-"], input=b"version: [\n",
                          capture_output=True, env=env, cwd=ROOT, check=False)  # fmt: skip
    assert proc.returncode == 1 and b"-:" in proc.stderr


@pytest.mark.parametrize(
    ("env", "tty", "expected"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"NO_COLOR": ""}, True, True),  # empty NO_COLOR does not count (no-color.org)
        ({"NO_COLOR": "1"}, True, False),
        ({"FORCE_COLOR": "1"}, False, True),
        ({"TERM": "dumb"}, True, False),
    ],
)
def test_colour_rules(
    env: dict[str, str], tty: bool, expected: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from partnerplan.cli.common import use_color

    for var in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(var, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)

    class Stream:
        def isatty(self) -> bool:
            return tty

    assert use_color(Stream()) is expected
