"""fmt and rollover never lose a comment, a teacher's edit or a link; pre-commit hooks."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from partnerplan.fsutil import WriteError, atomic_write, sweep_stale_temporaries
from partnerplan.plan import format as fmt
from partnerplan.plan.comments import comment_texts
from partnerplan.plan.format import FormatError, format_path, format_text
from partnerplan.plan.load import load_text
from partnerplan.plan.starter import starter_plan

from .conftest import ROOT, Run, fmt_stalled_in_fsync

HEAD = "version: 1\nplanner: {name: X}\nyear: 2025/2026\n"


def same_data(a: str, b: str) -> bool:
    return bool(load_text(a, "a").data == load_text(b, "b").data)


# --- 1. every comment survives, counted by a scanner of our own ---------------------------

# Comments that ruamel never attaches to its tree: fmt used to drop each of them silently.
UNATTACHED = {
    "before ---": "# шапка файла\n---\n" + HEAD,
    "on the --- line": "--- # документ\n" + HEAD,
    "after ...": HEAD + "...\n# после конца документа\n",
    "on a %YAML line": "%YAML 1.2 # версия YAML\n---\n" + HEAD,
    "inside a flow mapping": HEAD
    + "directions:\n  - {id: eco, # своё направление\n     name: экологическое}\n",
    "inside a flow list": HEAD + "goals: [Первая цель, # главная\n  Вторая цель]\n",
    "nested flow": HEAD
    + "forms:\n    - {id: q, name: квест, aliases: [квесты, # мн. ч.\n        квестов]}\n",
}


@pytest.mark.parametrize("text", UNATTACHED.values(), ids=UNATTACHED.keys())
def test_fmt_keeps_the_comments_ruamel_never_attaches(text: str) -> None:
    out = format_text(text)
    assert comment_texts(out) == comment_texts(text)
    assert [c for c in comment_texts(text) if c not in out] == []
    assert same_data(out, text)
    assert format_text(out) == out


def test_the_rest_of_a_file_with_a_kept_part_is_still_formatted() -> None:
    text = (
        "# шапка\n---\nyear: 2025/2026\nversion: 1\nplanner:\n    name: X\n"
        "directions:\n    - {id: eco, # своё\n       name: экологическое}\n...\n# конец\n"
    )
    assert format_text(text) == (
        "# шапка\n---\nversion: 1\nplanner:\n  name: X\nyear: 2025/2026\n"
        "directions:\n  - {id: eco, # своё\n     name: экологическое}\n...\n# конец\n"
    )


def test_the_comment_scanner_knows_where_scalars_are() -> None:
    text = (
        "a: 'не # комментарий'\n"
        'b: "и это # не"\n'
        "c: a#b  # третий\n"
        "d: |  # заголовок блока\n"
        "  # это текст, не комментарий\n"
        "# четвёртый\n"
        "e: &anchor x  # пятый\n"
        "f: [x, '#', y]  # шестой\n"
    )
    assert comment_texts(text) == sorted(
        ["# третий", "# заголовок блока", "# четвёртый", "# пятый", "# шестой"]
    )


def test_a_lost_comment_is_an_internal_error_not_a_rewrite(monkeypatch: pytest.MonkeyPatch) -> None:
    real = fmt._format

    def forgetful(text: str, root: Any) -> str:  # a formatter bug that drops a comment
        return re.sub(r"  # год", "", real(text, root))

    monkeypatch.setattr(fmt, "_format", forgetful)
    with pytest.raises(FormatError) as caught:
        format_text(HEAD.replace("year: 2025/2026", "year: 2025/2026  # год"))
    assert caught.value.code == "internal" and "comment" in caught.value.detail


# --- layout: short lists on one line, long ones one item a line -------------------------


def test_long_flow_lists_become_one_item_a_line_and_short_ones_stay() -> None:
    goals = [f"Цель номер {i}: развитие творческих способностей обучающихся." for i in range(25)]
    text = HEAD + "goals: [" + ", ".join(f"'{g}'" for g in goals) + "]\ntasks:\n  - Одна задача\n"
    out = format_text(text)
    assert "goals:\n" + "".join(f"  - '{g}'\n" for g in goals) in out
    assert "tasks: [Одна задача]\n" in out
    assert max(len(line) for line in out.splitlines()) < 100
    assert format_text(out) == out and same_data(out, text)


def test_long_vocabulary_records_are_written_in_block_style() -> None:
    name = "Очень длинное название группы партнёров, которое не уместится в одну строку с id"
    out = format_text(HEAD + f"groups:\n  - {{id: g1, name: '{name}'}}\n  - {{id: g2, name: Короткое}}\n")
    assert f"groups:\n  - id: g1\n    name: {name}\n  - {{id: g2, name: Короткое}}\n" in out


def test_the_starter_plan_is_already_canonical(tmp_path: Path, run: Run) -> None:
    text = starter_plan("plan.schema.json")
    assert format_text(text) == text
    assert run("init", str(tmp_path))[0] == 0
    code, _, err = run("fmt", "--check", str(tmp_path / "plan.yaml"))
    assert code == 0, err


# --- 2. writing: links, read-only files, edits saved meanwhile, killed runs ----------------

UNFORMATTED = "year: 2025/2026\nversion: 1\nplanner: {name: X}\n"


def test_fmt_writes_through_a_link(tmp_path: Path, run: Run) -> None:
    target = tmp_path / "real" / "plan.yaml"
    target.parent.mkdir()
    target.write_text(UNFORMATTED, encoding="utf-8")
    link = tmp_path / "plan.yaml"
    link.symlink_to(target)
    code, _, err = run("fmt", str(link))
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("version: 1\n")
    assert sorted(p.name for p in target.parent.iterdir()) == ["plan.yaml"]


def test_fmt_refuses_a_read_only_file(tmp_path: Path, run: Run) -> None:
    f = tmp_path / "plan.yaml"
    f.write_text(UNFORMATTED, encoding="utf-8")
    f.chmod(0o444)
    code, _, err = run("fmt", str(f))
    assert code != 0 and "только для чтения" in err
    assert f.read_text(encoding="utf-8") == UNFORMATTED
    assert stat.S_IMODE(f.stat().st_mode) == 0o444
    with pytest.raises(WriteError) as caught:
        atomic_write(str(f), "x: 1\n")
    assert caught.value.reason == "read_only"


def test_an_edit_saved_while_fmt_runs_is_not_discarded(tmp_path: Path) -> None:
    f = tmp_path / "plan.yaml"
    f.write_text(UNFORMATTED, encoding="utf-8")
    result = format_path(str(f))
    assert result.changed
    edited = UNFORMATTED.replace("name: X", "name: Y")  # same size: only bytes and mtime differ
    f.write_text(edited, encoding="utf-8")
    with pytest.raises(WriteError) as caught:
        result.write()
    assert caught.value.reason == "changed"
    assert f.read_text(encoding="utf-8") == edited
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_an_edit_saved_during_the_write_itself_is_not_discarded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = tmp_path / "plan.yaml"
    f.write_text(UNFORMATTED, encoding="utf-8")
    result = format_path(str(f))
    real = os.fsync

    def save_meanwhile(fd: int) -> None:  # the editor saves while our temporary file syncs
        real(fd)
        f.write_text(UNFORMATTED + "# моё\n", encoding="utf-8")

    monkeypatch.setattr(os, "fsync", save_meanwhile)
    with pytest.raises(WriteError):
        result.write()
    assert f.read_text(encoding="utf-8") == UNFORMATTED + "# моё\n"


def test_an_unchanged_file_is_written(tmp_path: Path) -> None:
    f = tmp_path / "plan.yaml"
    f.write_text(UNFORMATTED, encoding="utf-8")
    format_path(str(f)).write()
    assert f.read_text(encoding="utf-8") == format_text(UNFORMATTED)


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_temporary_files_are_swept(tmp_path: Path) -> None:
    now = time.time()
    dead = _dead_pid()
    names = {
        f".partnerplan-{dead}-abc123.tmp": 2 * 3600,  # a killed run, long ago: removed
        ".partnerplan-k3j4h5g6.tmp": 2 * 3600,  # from a version without pids, long ago: removed
        f".partnerplan-{dead}-fresh1.tmp": 60,  # too recent to judge: kept
        f".partnerplan-{os.getpid()}-mine22.tmp": 2 * 3600,  # a live process: kept
        "plan.yaml": 2 * 3600,
    }
    for name, age in names.items():
        p = tmp_path / name
        p.write_text("x", encoding="utf-8")
        os.utime(p, (now - age, now - age))
    removed = sweep_stale_temporaries(str(tmp_path), now=now)
    assert sorted(removed) == sorted([f".partnerplan-{dead}-abc123.tmp", ".partnerplan-k3j4h5g6.tmp"])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f".partnerplan-{dead}-fresh1.tmp", f".partnerplan-{os.getpid()}-mine22.tmp", "plan.yaml"]
    )


def test_a_killed_fmt_leaves_a_named_temporary_that_a_later_run_removes(tmp_path: Path) -> None:
    f = tmp_path / "p.yaml"
    f.write_text(UNFORMATTED, encoding="utf-8")
    proc = fmt_stalled_in_fsync(f)
    proc.kill()
    proc.wait()
    left = list(tmp_path.glob(".partnerplan-*.tmp"))
    assert [p.name.split("-")[1] for p in left] == [str(proc.pid)]  # whose it was is in its name
    old = time.time() - 2 * 3600
    os.utime(left[0], (old, old))
    subprocess.run([sys.executable, "-m", "partnerplan", "fmt", str(f)], check=True, capture_output=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.yaml", "slow.py"]
    assert f.read_text(encoding="utf-8") == format_text(UNFORMATTED)


# --- 1 and 3. rollover: every comment kept, each date moved once ------------------------------

ROLL = """\
# yaml-language-server: $schema=plan.schema.json
version: 1
planner:
  name: Объединение «Рукодельница»
year: 2025/2026  # учебный год
calendar:
  week: 5
  # Каникулы по приказу управления образования
  breaks:  # свои
    - {name: осенние каникулы, from: 2025-10-25, to: 2025-11-04}  # перенесены
    - {name: зимние каникулы, from: 2025-12-28, to: 2026-01-11}
# Цели — из программы развития
goals: [Развитие творческих способностей]
partners:
  - id: gibdd
    name: ГИБДД
    activities:
      - form: беседа
        title: Беседа «Дорога»
        period: Март
        dates: &day [2026-03-12]  # закреплено
        log:
          - {planned: 2026-03-12, status: done}  # фото в чате
      - form: выставка
        title: Выставка рисунков
        period: Март
        dates: *day
"""


def test_rollover_keeps_every_comment_and_moves_an_aliased_date_once(tmp_path: Path) -> None:
    from partnerplan.git.rollover import rollover

    f = tmp_path / "plan.yaml"
    f.write_text(ROLL, encoding="utf-8")
    text, notes, year = rollover(str(f), "2026/2027")
    assert year == "2026/2027"
    assert comment_texts(text) == comment_texts(ROLL)
    assert "\n# Цели — из программы развития\ngoals:" in text  # the next section's comment
    data = load_text(text, "new").data
    assert [a["dates"] for a in data["partners"][0]["activities"]] == [["2027-03-12"], ["2027-03-12"]]
    assert "breaks" not in data["calendar"] and "log" not in data["partners"][0]["activities"][0]
    assert any(n.startswith("calendar.breaks") for n in notes)


def test_rollover_through_the_cli_writes_a_valid_plan(tmp_path: Path, run: Run) -> None:
    f = tmp_path / "plan-2025-2026.yaml"
    f.write_text(ROLL, encoding="utf-8")
    code, _, err = run("rollover", str(f), "--to", "2026/2027")
    assert code == 0, err
    new = tmp_path / "plan-2026-2027.yaml"
    assert comment_texts(new.read_text(encoding="utf-8")) == comment_texts(ROLL)
    assert run("validate", str(new))[0] == 0


def test_rollover_refuses_what_it_cannot_prove(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from partnerplan.git import rollover as module

    f = tmp_path / "plan.yaml"
    f.write_text(ROLL, encoding="utf-8")
    real = module._Change.moved
    monkeypatch.setattr(module._Change, "moved", lambda self, day: real(self, real(self, day)))
    with pytest.raises(FormatError) as caught:  # the old double shift, caught by the proof
        module.rollover(str(f), "2026/2027")
    assert caught.value.code == "internal"


# --- 4. pre-commit hooks ----------------------------------------------------------------------


def hooks() -> dict[str, dict[str, Any]]:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    return {h["id"]: h for h in yaml.safe_load(text)}


def run_hook(run: Run, hook: dict[str, Any], files: list[str]) -> int:
    """Run a hook as pre-commit does: entry, args, then the matching files unless told not to."""
    matching = [f for f in files if re.search(hook["files"], f)]
    if not matching:
        return 0
    argv = hook["entry"].split()[1:] + hook.get("args", [])
    if hook.get("pass_filenames", True):
        argv += matching
    return run(*argv)[0]


def test_hooks_watch_plans_and_partners_yaml() -> None:
    for hook in hooks().values():
        for path in ("plans/a.yaml", "plans/elbrus/partners.yaml", "network/partners.yaml", "plans/b.yml"):
            assert re.search(hook["files"], path), (hook["id"], path)
        for path in ("mkdocs.yml", ".pre-commit-config.yaml", "docs/notes.yaml"):
            assert not re.search(hook["files"], path), (hook["id"], path)


def test_validate_hook_fails_a_partners_yaml_that_breaks_a_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    net = tmp_path / "plans" / "net"
    net.mkdir(parents=True)
    (net / "partners.yaml").write_text(
        "version: 1\npartners:\n  - {id: gibdd, name: ГИБДД}\n", encoding="utf-8"
    )
    (net / "school.yaml").write_text(
        HEAD + "partners:\n  - id: gibdd\n    activities: [{form: беседа, period: Май}]\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    hook = hooks()["partnerplan-validate"]
    assert run_hook(run, hook, ["plans/net/partners.yaml"]) == 0
    # Valid by itself, but the school's plan named gibdd by id alone.
    (net / "partners.yaml").write_text("version: 1\npartners:\n  - {id: mchs, name: МЧС}\n", encoding="utf-8")
    assert run_hook(run, hook, ["plans/net/partners.yaml"]) == 1


def test_fmt_hook_fixes_the_file_so_pre_commit_fails_and_passes_a_new_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    monkeypatch.chdir(tmp_path)
    hook = hooks()["partnerplan-fmt"]
    assert run("init", "plans")[0] == 0
    before = Path("plans/plan.yaml").read_text(encoding="utf-8")
    assert run_hook(run, hook, ["plans/plan.yaml"]) == 0
    assert Path("plans/plan.yaml").read_text(encoding="utf-8") == before  # nothing to fix: passes
    Path("plans/other.yaml").write_text(UNFORMATTED, encoding="utf-8")
    run_hook(run, hook, ["plans/other.yaml"])
    # pre-commit fails a hook that changed a file; the file is fixed for the next commit.
    assert Path("plans/other.yaml").read_text(encoding="utf-8") == format_text(UNFORMATTED)


def test_the_starter_plan_is_for_the_year_asked_valid_and_canonical() -> None:
    from partnerplan.plan.loader import load_plan

    text = starter_plan("plan.schema.json", "2030/2031")
    assert "year: 2030/2031" in text and "dates: [2030-10-15]" in text
    assert format_text(text) == text
    checked = load_plan(text.encode(), path="plan.yaml", registry=None)
    assert checked.ok, checked.errors
