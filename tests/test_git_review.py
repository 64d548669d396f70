"""Plans under git: fmt, the semantic diff, git-setup, rollover — in real repositories."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partnerplan.plan.format import FormatError, format_text
from partnerplan.plan.load import load_text

from .conftest import PLANS, Run, fmt_stalled_in_fsync

PLAN = """\
# yaml-language-server: $schema=plan.schema.json
version: 1
planner:
  name: Объединение «Рукодельница»
year: 2025/2026
groups:
  - {id: law, name: Правоохранительные органы}
partners:
  - id: gibdd
    name: ГИБДД
    group: law
    activities:
      - form: беседа
        title: Беседы «Моя безопасность»
        period: Один раз в квартал
      - form: выставка
        title: Выставка рисунков «Пожар опасен для детей»
        period: Май
  - id: school4
    name: МБОУ СОШ № 4
    activities:
      - form: мастер-класс
        title: Мастер-класс «Цветы из салфеток»
        period: Октябрь
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "teacher@example.org")
    git(tmp_path, "config", "user.name", "Учитель")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "plan.yaml").write_text(PLAN, encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "план")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit(repo: Path, old: str, new: str) -> None:
    f = repo / "plans" / "plan.yaml"
    text = f.read_text(encoding="utf-8")
    assert old in text
    f.write_text(text.replace(old, new), encoding="utf-8")


def test_diff_reports_exactly_the_edits_in_russian(repo: Path, run: Run) -> None:
    edit(repo, "        period: Май\n", "        period: Май-июнь\n")
    edit(repo, "    name: ГИБДД\n", "    name: ГИБДД МВД России\n")
    edit(
        repo,
        "        period: Октябрь\n",
        "        period: Октябрь\n      - form: экскурсия\n        title: Экскурсия в музей\n        period: Ноябрь\n",
    )
    code, out, err = run("diff")
    assert code == 0, err
    lines = [line.strip() for line in out.splitlines() if line.strip()]
    assert lines[0] == "plans/plan.yaml"
    assert "~ партнёр переименован: «ГИБДД» → «ГИБДД МВД России» (gibdd)" in lines
    assert (
        "~ мероприятие «Выставка рисунков «Пожар опасен для детей»» («ГИБДД МВД России»): срок: «Май» → «Май-июнь»"
        in lines
    )
    assert "+ добавлено мероприятие «Экскурсия в музей» у партнёра «МБОУ СОШ № 4», срок «Ноябрь»" in lines
    assert "Расписание:" in lines
    assert any(line.startswith("+ новая дата:") and "Экскурсия в музей" in line for line in lines)
    # The May exhibition got a wider window, but the quarterly talks did not move.
    assert not any("Беседы" in line for line in lines)
    changes = [line for line in lines if line[:1] in "+-~"]
    assert (
        len([c for c in changes if "Расписание" not in c and "дата" not in c and "перенесено" not in c]) == 3
    )


def test_schedule_moves_are_reported_with_dates(repo: Path, run: Run) -> None:
    edit(repo, "        period: Октябрь\n", "        period: Ноябрь\n")
    code, out, _ = run("diff", "--format", "json")
    assert code == 0
    (result,) = json.loads(out)
    assert result["changes"] == [{
        "kind": "activity_changed", "partner": "school4", "partner_name": "МБОУ СОШ № 4",
        "activity": "Мастер-класс «Цветы из салфеток»", "field": "period", "old": "Октябрь", "new": "Ноябрь",
    }]  # fmt: skip
    (moved,) = result["schedule"]
    assert (
        moved["kind"] == "event_moved"
        and moved["old"].startswith("2025-10-")
        and moved["new"].startswith("2025-11-")
    )
    _code, out, _ = run("diff")
    assert "перенесено: " in out and ".10.2025 → " in out and ".11.2025" in out


def test_reformatting_and_comments_give_an_empty_diff(repo: Path, run: Run) -> None:
    f = repo / "plans" / "plan.yaml"
    text = f.read_text(encoding="utf-8").replace(
        "    name: ГИБДД\n    group: law\n", '    group: law   # группа\n    name: "ГИБДД"\n'
    )
    f.write_text("# новый комментарий\n" + text, encoding="utf-8")
    code, out, _ = run("diff", "--exit-code")
    assert code == 0 and out == "Изменений в планах нет.\n"


def test_moved_activity_and_removed_partner(repo: Path, run: Run) -> None:
    text = (repo / "plans" / "plan.yaml").read_text(encoding="utf-8")
    block = "      - form: выставка\n        title: Выставка рисунков «Пожар опасен для детей»\n        period: Май\n"
    text = text.replace(block, "")
    text = text.replace("        period: Октябрь\n", "        period: Октябрь\n" + block)
    (repo / "plans" / "plan.yaml").write_text(text, encoding="utf-8")
    code, out, _ = run("diff", "--exit-code")
    assert code == 1
    assert (
        "мероприятие «Выставка рисунков «Пожар опасен для детей»» перенесено от «ГИБДД» к «МБОУ СОШ № 4»"
        in out
    )
    git(repo, "commit", "-qam", "перенос")
    text = text.split("  - id: school4")[0]
    (repo / "plans" / "plan.yaml").write_text(text, encoding="utf-8")
    git(repo, "commit", "-qam", "удалена школа")
    code, out, _ = run("diff", "HEAD~1", "HEAD", "--format", "md")
    assert out.startswith("### plans/plan.yaml\n")
    assert "- удалён партнёр «МБОУ СОШ № 4» (school4)" in out
    assert "**Расписание:**" in out and "дата снята" in out


def test_diff_two_files_and_errors(tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(PLAN, encoding="utf-8")
    b.write_text(PLAN.replace("Один раз в квартал", "Ежемесячно"), encoding="utf-8")
    code, out, _ = run("diff", str(a), str(b))
    assert code == 0 and "срок: «Один раз в квартал» → «Ежемесячно»" in out
    monkeypatch.chdir(tmp_path)
    code, _, err = run("diff")
    assert code == 2 and "это не репозиторий git" in err
    b.write_text("version: 1\nplaner: {}\n", encoding="utf-8")
    code, out, _ = run("diff", str(a), str(b))
    assert code == 1 and "не план" in out


def test_unknown_revision(repo: Path, run: Run) -> None:
    code, _, err = run("diff", "no-such-rev")
    assert code == 2 and "не ревизия git и не файл" in err


# --- fmt ----------------------------------------------------------------------------


def test_fmt_keeps_comments_and_orders_keys(tmp_path: Path, run: Run) -> None:
    f = tmp_path / "p.yaml"
    f.write_text(
        "# шапка\nyear: 2025/2026   # год\nversion: 1\npartners:\n  - name: ГИБДД  # имя\n    id: gibdd\n"
        '    activities:\n      - {period: Октябрь, form: беседа, title: "Беседа"}   # одна строка\n'
        "    directions:\n      - law\n      - prof\nplanner: {name: X}\n",
        encoding="utf-8",
    )
    code, _, _ = run("fmt", "--check", str(f))
    assert code == 1
    code, out, _ = run("fmt", "--diff", str(f))
    assert code == 1 and out.startswith(f"--- {f}\n")
    code, _, _ = run("fmt", str(f))
    assert code == 0
    assert f.read_text(encoding="utf-8") == (
        "# шапка\nversion: 1\nplanner:\n  name: X\nyear: 2025/2026   # год\npartners:\n  - id: gibdd\n"
        "    name: ГИБДД  # имя\n    directions: [law, prof]\n    activities:\n"
        "      - {form: беседа, title: Беседа, period: Октябрь}     # одна строка\n"
    )
    assert run("fmt", "--check", str(f))[0] == 0


def test_shipped_plans_are_canonical(run: Run) -> None:
    code, _, err = run("fmt", "--check", str(PLANS))
    assert code == 0, err


def test_fmt_refuses_bad_yaml_and_leaves_it(tmp_path: Path, run: Run) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text('version: 1\nplanner: {name: "x}\n', encoding="utf-8")
    code, _, err = run("fmt", str(f))
    assert code == 1 and "не удаётся прочитать YAML" in err
    assert f.read_text(encoding="utf-8") == 'version: 1\nplanner: {name: "x}\n'
    with pytest.raises(FormatError):
        format_text("a: [1,\n")


def test_an_interrupted_write_leaves_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from partnerplan.fsutil import atomic_write

    f = tmp_path / "p.yaml"
    f.write_text("original\n", encoding="utf-8")

    def killed(fd: int) -> None:
        raise KeyboardInterrupt  # the process dies while the new text is being flushed

    monkeypatch.setattr(os, "fsync", killed)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(str(f), "new text\n")
    assert f.read_text(encoding="utf-8") == "original\n"
    assert [p.name for p in tmp_path.iterdir()] == ["p.yaml"]


def test_a_killed_fmt_process_leaves_the_original(tmp_path: Path) -> None:
    """A real SIGKILL while fmt writes: the file is the old text or the new, never half."""
    import signal

    f = tmp_path / "p.yaml"
    original = "year: 2025/2026\nversion: 1\nplanner: {name: X}\n"
    f.write_text(original, encoding="utf-8")
    proc = fmt_stalled_in_fsync(f)
    assert list(tmp_path.glob(".partnerplan-*")), "fmt never started writing"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert f.read_text(encoding="utf-8") == original


# Hypothesis: generated plans with comments and shuffled keys.
word = (
    st.text(alphabet="абвгдежзик «»-", min_size=1, max_size=12)
    .map(str.strip)
    .filter(lambda s: s and s[0] != "-")
)
comment = st.one_of(
    st.none(), st.text(alphabet="абвгд ", min_size=1, max_size=10).map(lambda s: "# " + s.strip())
)


@st.composite
def plan_texts(draw: Any) -> str:
    lines = ["# план"]
    top = [("version", "1"), ("year", "2025/2026"), ("planner", None), ("partners", None)]
    order = draw(st.permutations(top))
    for key, value in order:
        c = draw(comment)
        suffix = f"  {c}" if c else ""
        if key == "planner":
            lines += [f"planner:{suffix}", f"  name: {draw(word)}"]
        elif key == "partners":
            lines.append(f"partners:{suffix}")
            for i in range(draw(st.integers(1, 3))):
                fields = [("id", f"p{i}"), ("name", draw(word))]
                fields = draw(st.permutations(fields))
                lines.append(f"  - {fields[0][0]}: {fields[0][1]}")
                lines.append(f"    {fields[1][0]}: {fields[1][1]}")
                lines.append("    activities:")
                for _ in range(draw(st.integers(1, 3))):
                    act = [
                        ("form", "беседа"),
                        ("title", draw(word)),
                        ("period", draw(st.sampled_from(["Май", "Один раз в квартал", "04.10"]))),
                    ]
                    act = draw(st.permutations(act))
                    c2 = draw(comment)
                    lines.append(f"      - {act[0][0]}: {act[0][1]}" + (f"  {c2}" if c2 else ""))
                    lines.extend(f"        {k}: {v}" for k, v in act[1:])
        else:
            lines.append(f"{key}: {value}{suffix}")
    return "\n".join(lines) + "\n"


@settings(max_examples=80, deadline=None)
@given(plan_texts())
def test_fmt_is_idempotent_and_keeps_data_and_comments(text: str) -> None:
    out = format_text(text)  # raises if data or a comment would be lost
    assert format_text(out) == out
    assert load_text(out, "x").data == load_text(text, "x").data
    assert sorted(x for x in text.split() if x.startswith("#")) == sorted(
        x for x in out.split() if x.startswith("#")
    )
    top = [line.split(":")[0] for line in out.splitlines() if line[:1].isalpha()]
    assert top == ["version", "planner", "year", "partners"]  # the schema's order


# --- git-setup and rollover ----------------------------------------------------------


def test_git_setup_makes_git_diff_readable(repo: Path, run: Run) -> None:
    code, out, _ = run("git-setup")
    assert code == 0 and "*.yaml diff=partnerplan" in out
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == "*.yaml diff=partnerplan\n"
    assert "textconv" in git(repo, "config", "diff.partnerplan.textconv")
    assert run("git-setup")[1].startswith("В .gitattributes уже есть")
    edit(repo, "        period: Май\n", "        period: Май-июнь\n")
    shown = git(repo, "diff")
    assert "-    срок: Май\n+    срок: Май-июнь\n" in shown


def test_rollover(tmp_path: Path, run: Run) -> None:
    f = tmp_path / "plan-2025-2026.yaml"
    f.write_text(
        PLAN.replace("year: 2025/2026", "year: 2025/2026  # учебный год").replace(
            "        period: Май\n", "        period: Май\n        dates: [2026-05-08, 2026-03-02]\n"
        ),
        encoding="utf-8",
    )
    code, out, err = run("rollover", str(f), "--to", "2026/2027")
    assert code == 0, err
    new = tmp_path / "plan-2026-2027.yaml"
    text = new.read_text(encoding="utf-8")
    assert "year: 2026/2027  # учебный год" in text
    assert "dates: [2027-05-08, 2027-03-02]" in text
    assert "08.05.2027 — нерабочий день" in out  # a Saturday
    assert "# yaml-language-server" in text
    assert run("validate", str(new))[0] == 0
    code, _, err = run("rollover", str(f), "--to", "2026/2027", "-o", str(f))
    assert code == 2


def test_pre_commit_hooks_are_declared() -> None:
    import re

    import yaml

    from .conftest import ROOT

    hooks = {
        h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    }
    assert hooks["partnerplan-validate"]["entry"] == "partnerplan validate"
    # Like black's hook: fix the file and fail, so the fixed file is what gets committed.
    assert hooks["partnerplan-fmt"]["entry"] == "partnerplan fmt"
    for h in hooks.values():
        assert h["language"] == "python"
        assert re.search(h["files"], "plans/rukodelnitsa.yaml") and not re.search(h["files"], "mkdocs.yml")
