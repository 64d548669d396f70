"""The one loader: every way of reading a plan gives the same answer, networks included."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from partnerplan.plan.loader import load_plan

from .conftest import PLANS, Run

ELBRUS = PLANS / "elbrus"


def test_checked_says_plainly_whether_the_plan_is_usable(tmp_path: Path) -> None:
    good = load_plan(PLANS / "rukodelnitsa.yaml")
    assert good.ok and good.errors == [] and good.first_error() is None
    bad = load_plan(b"version: 1\nplanner: {name: X}\nyear: 2025/2026\npartners: [{id: a}]\n", path="x.yaml")
    assert not bad.ok
    first = bad.first_error()
    assert first is not None and first.code == "PP101" and first.path == "x.yaml"


def test_a_network_plan_reads_its_partners_from_partners_yaml() -> None:
    checked = load_plan(ELBRUS / "school1.yaml")
    assert checked.ok
    assert checked.plan is not None
    names = {p.id: p.name for p in checked.plan.partners}
    assert names["gibdd"] == "Государственная инспекция безопасности дорожного движения"


def test_bytes_find_the_registry_beside_the_path_they_name() -> None:
    raw = (ELBRUS / "school1.yaml").read_bytes()
    assert load_plan(raw, path=str(ELBRUS / "school1.yaml")).ok
    alone = load_plan(raw, path="elsewhere/school1.yaml")
    assert not alone.ok  # a partner given by id alone has no name without partners.yaml
    stand_in = load_plan(raw, path="elsewhere/school1.yaml", registry="ids")
    assert stand_in.ok and stand_in.plan is not None
    assert stand_in.plan.partners[0].name == "gibdd"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def network_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "t@example.org")
    git(tmp_path, "config", "user.name", "T")
    shutil.copytree(ELBRUS, tmp_path / "plans")
    (tmp_path / "compose.yaml").write_text("services:\n  web: {image: nginx}\n", encoding="utf-8")
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "сеть")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_diff_of_a_network_plan_names_partners_and_dates(network_repo: Path, run: Run) -> None:
    f = network_repo / "plans" / "school1.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("period: Май\n", "period: Апрель\n"), encoding="utf-8")
    # Other YAML of the repository changes too: it is not a plan and is passed by quietly.
    (network_repo / "compose.yaml").write_text("services:\n  web: {image: caddy}\n", encoding="utf-8")
    (network_repo / ".pre-commit-config.yaml").write_text("repos: [{repo: local}]\n", encoding="utf-8")
    code, out, err = run("diff", "--exit-code")
    assert code == 1, err
    assert "не план" not in out and "compose" not in out and "pre-commit" not in out
    assert "plans/school1.yaml" in out
    assert "Государственная инспекция безопасности дорожного движения" in out
    assert "срок: «Май» → «Апрель»" in out or "«Май» → «Апрель»" in out
    assert ".04.2026" in out  # the new date


def test_diff_passes_by_an_edited_partners_yaml_and_other_yaml(network_repo: Path, run: Run) -> None:
    reg = network_repo / "plans" / "partners.yaml"
    reg.write_text(reg.read_text(encoding="utf-8") + "# примечание\n", encoding="utf-8")
    code, out, err = run("diff")
    assert code == 0, err
    assert "не план" not in out + err


def test_textconv_shows_a_network_plan_even_from_a_temporary_copy(tmp_path: Path, run: Run) -> None:
    # git hands textconv the old side as a temporary file, far from partners.yaml.
    copy = tmp_path / "XyZ_school1.yaml"
    shutil.copy(ELBRUS / "school1.yaml", copy)
    code, out, _ = run("textconv", str(copy))
    assert code == 0
    assert out.startswith("План: ")
    assert "Партнёр gibdd: gibdd" in out and "дата: " in out
    code, out, _ = run("textconv", str(ELBRUS / "school1.yaml"))
    assert "Партнёр gibdd: Государственная инспекция безопасности дорожного движения" in out


def test_textconv_passes_other_yaml_through_unchanged(tmp_path: Path, run: Run) -> None:
    other = tmp_path / "compose.yaml"
    other.write_text("services:\n  web: {image: nginx}\n", encoding="utf-8")
    code, out, _ = run("textconv", str(other))
    assert code == 0 and out == "services:\n  web: {image: nginx}\n"


def test_diff_in_english_has_no_russian_words_of_ours(network_repo: Path, run: Run) -> None:
    import re

    f = network_repo / "plans" / "school1.yaml"
    text = f.read_text(encoding="utf-8").replace("period: Май\n", "period: Апрель\n")
    f.write_text(text.replace("Беседы инспектора ГИБДД", "Беседы инспектора"), encoding="utf-8")
    (network_repo / "plans" / "school2.yaml").write_text("version: 1\nplanner: [\n", encoding="utf-8")
    _, out, _ = run("--lang", "en", "diff")
    assert "Schedule:" in out and "activity renamed" in out and "not a plan" in out
    # Plan text stands in «…»; the rest is ours and must be English.
    ours = re.sub(r"«[^«»]*(«[^«»]*»[^«»]*)*»", "", out)
    assert not re.search("[а-яё]", ours, re.IGNORECASE), ours


@pytest.mark.parametrize(
    "text",
    [
        "a: \x01b\n",
        'a: "x\n',
        "a:\n\t- b\n",
        "x: \x00\n",
        "a: b\nc\n",
        "a: [1, 2\n",
        "k: v\r\nm: \x85 z\r\n",
        "- a\n b: c\n",
        "a: \ud7ff\ue000 \x7f\n",
        "a: b\n\x1b[2J: c\n",
        "версия: 1\nпартнёры:\n  - имя: «Школа»\n    срок: Май-июнь\n",
    ],
)
def test_libyaml_reading_the_files_bytes_says_what_it_says_of_the_text(text: str) -> None:
    from partnerplan.plan.load import load_text

    as_text = load_text(text, "p.yaml")
    as_bytes = load_text(text, "p.yaml", text.encode("utf-8"))
    assert as_bytes.data == as_text.data
    assert [(d.code, d.line, d.column, d.args) for d in as_bytes.diagnostics] == [
        (d.code, d.line, d.column, d.args) for d in as_text.diagnostics
    ]
    assert as_bytes.source_map.find(()) == as_text.source_map.find(())
