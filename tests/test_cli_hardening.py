"""Inputs that are not plain plan files: non-ASCII names under git, FIFOs, devices,
missing paths — always a message, never a hang or a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import PLANS, Run


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_diff_sees_plans_with_russian_file_names(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "t@example.org")
    git(tmp_path, "config", "user.name", "T")
    (tmp_path / "планы").mkdir()
    plan = tmp_path / "планы" / "план кружка.yaml"
    shutil.copy(PLANS / "rukodelnitsa.yaml", plan)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "план")
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("period: Май-июнь", "period: Апрель", 1), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("diff", "--exit-code")
    assert code == 1
    assert "планы/план кружка.yaml" in out and "«Май-июнь» → «Апрель»" in out


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{p}"],
        ["fmt", "--check", "{p}"],
        ["schedule", "{p}"],
        ["textconv", "{p}"],
        ["diff", "{plan}", "{p}"],
    ],
)
def test_a_fifo_is_refused_not_waited_on(fifo: Path, run: Run, args: list[str]) -> None:
    code, out, err = run(*[a.format(p=fifo, plan=PLANS / "rukodelnitsa.yaml") for a in args])
    assert code in (1, 2)
    assert "не обычный файл" in out + err or "нет такого файла" in out + err


def test_a_link_to_dev_zero_is_refused(tmp_path: Path, run: Run) -> None:
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    for args in (["validate", str(link)], ["fmt", "--check", str(link)], ["textconv", str(link)]):
        code, out, err = run(*args)
        assert code in (1, 2) and "не обычный файл" in out + err, args


def test_textconv_on_a_missing_path_says_so(run: Run, tmp_path: Path) -> None:
    code, out, err = run("textconv", str(tmp_path / "nope.yaml"))
    assert code == 1 and out == "" and "файл не найден" in err


def test_the_schedule_table_shows_escape_sequences_and_markup_as_text(tmp_path: Path, run: Run) -> None:
    plan = tmp_path / "p.yaml"
    text = (PLANS / "rukodelnitsa.yaml").read_text(encoding="utf-8")
    plan.write_text(
        text.replace("name: Ледовый дворец", 'name: "Ледовый [bold]дворец\\e]0;взлом\\a"'), encoding="utf-8"
    )
    code, out, err = run("schedule", str(plan), "--partner", "ice_palace")
    assert code == 0, err
    assert "\x1b]0;" not in out and "\x07" not in out
    assert "[bold]" in out  # shown, not taken as rich markup
    assert "\\x1b" in out  # the escape is shown as text


def test_an_unreadable_folder_is_named_not_reported_as_no_plans(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(PLANS / "elbrus", tmp_path / "plans" / "elbrus")
    locked = tmp_path / "plans" / "locked"
    locked.mkdir()
    real = os.scandir

    def scandir(path: object = ".") -> object:  # root reads everything: pretend it cannot
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    code, _, err = run("validate", str(tmp_path / "plans"))
    assert code == 1
    assert f"{locked}: ошибка[PP006]" in err and "папку не удаётся прочитать: нет прав" in err
    assert "Errno" not in err and "Permission denied" not in err


def test_a_folder_given_as_a_plan_file_says_it_is_a_folder(tmp_path: Path, run: Run) -> None:
    code, _, err = run("textconv", str(tmp_path))
    assert code == 1 and "это папка" in err


def _uids(ics: str) -> dict[str, str]:
    from icalendar import Calendar

    cal = Calendar.from_ical(ics)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}  # type: ignore[misc]


def test_calendars_know_the_newer_copy_and_ids_survive_a_rename(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from partnerplan.plan.starter import starter_plan

    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "t@example.org")
    git(tmp_path, "config", "user.name", "T")
    plan = tmp_path / "plan.yaml"
    plan.write_text(starter_plan("plan.schema.json", "2025/2026"), encoding="utf-8")
    code, first, err = run("schedule", str(plan), "--format", "ics")
    assert code == 0, err
    assert all(int(e["sequence"]) == 0 for e in _uids(first).values())  # outside git: stable, 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "план")
    _, one, _ = run("schedule", str(plan), "--format", "ics")
    text = plan.read_text(encoding="utf-8").replace(
        "Мастер-класс «Цветы из салфеток»", "Мастер-класс «Бумажные цветы»"
    )
    plan.write_text(text, encoding="utf-8")
    git(tmp_path, "commit", "-qam", "переименовано")
    _, two, _ = run("schedule", str(plan), "--format", "ics")
    before, after = _uids(one), _uids(two)
    renamed = [uid for uid in after if "tsvety" in uid]
    assert renamed and set(renamed) <= set(before)  # same events, same days
    assert all(before[u].decoded("dtstart") == after[u].decoded("dtstart") for u in renamed)
    assert all(int(after[u]["sequence"]) == 2 and int(before[u]["sequence"]) == 1 for u in renamed)
    assert all(after[u].decoded("dtstamp") >= before[u].decoded("dtstamp") for u in renamed)


def test_rollover_says_what_it_cannot_rewrite(tmp_path: Path, run: Run) -> None:
    # Valid for validate (a note is text), but ruamel's round trip reads it as a bad date.
    plan = tmp_path / "p.yaml"
    text = (PLANS / "rukodelnitsa.yaml").read_text(encoding="utf-8")
    plan.write_text(
        text.replace("        period: Май-июнь\n", "        period: Май-июнь\n        note: 2026-02-30\n", 1),
        encoding="utf-8",
    )
    code, _, err = run("rollover", str(plan), "--to", "2026/2027", "-o", str(tmp_path / "next.yaml"))
    assert code == 1 and "не удаётся переписать файл на новый год" in err
    assert not (tmp_path / "next.yaml").exists()
