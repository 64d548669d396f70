"""Where results go: never onto an input, «-» is standard output, devices are written
into, and the format follows the output's extension unless --to says otherwise."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from .conftest import PLANS, Run


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    target = tmp_path / "plan.yaml"
    shutil.copy(PLANS / "rukodelnitsa.yaml", target)
    return target


@pytest.mark.parametrize(
    "command",
    [
        ["render", "{plan}", "-o", "{plan}", "--to", "docx"],
        ["render", "{plan}", "-o", "{link}", "--to", "html"],
        ["schedule", "{plan}", "--format", "json", "-o", "{plan}"],
        ["report", "{plan}", "-o", "{plan}", "--to", "md"],
    ],
)
def test_an_input_is_never_overwritten(plan: Path, run: Run, command: list[str]) -> None:
    link = plan.parent / "link.yaml"
    link.symlink_to(plan)
    before = plan.read_bytes()
    code, _, err = run(*[c.format(plan=plan, link=link) for c in command])
    assert code == 2
    assert "входной файл" in err
    assert plan.read_bytes() == before


def test_dash_means_standard_output(
    plan: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("render", str(plan), "--to", "html", "-o", "-")
    assert code == 0 and "<html" in out and "Рукодельница" in out
    assert not (tmp_path / "-").exists()


def test_a_device_is_written_into_not_replaced(plan: Path, run: Run) -> None:
    code, _, err = run("render", str(plan), "--to", "md", "-o", os.devnull)
    assert code == 0, err
    assert Path(os.devnull).is_char_device()


def test_a_fifo_is_written_into(plan: Path, run: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    import threading

    got = io.BytesIO()

    def reader() -> None:
        with open(fifo, "rb") as fh:
            got.write(fh.read())

    th = threading.Thread(target=reader)
    th.start()
    code, _, err = run("schedule", str(plan), "--format", "json", "-o", str(fifo))
    th.join(10)
    assert code == 0, err
    assert fifo.is_fifo() and got.getvalue().startswith(b"[")


@pytest.mark.parametrize(
    ("args", "expect"),
    [
        (["-o", "x.html"], b"<!DOCTYPE html"),
        (["-o", "x.md"], b"# "),
        (["-o", "x.docx"], b"PK"),
    ],
)
def test_the_format_follows_the_extension(
    plan: Path, run: Run, tmp_path: Path, args: list[str], expect: bytes
) -> None:
    out = tmp_path / args[1]
    code, _, err = run("render", str(plan), "-o", str(out))
    assert code == 0, err
    assert out.read_bytes().lstrip().startswith(expect) or expect in out.read_bytes()[:200]


def test_report_to_html_by_extension(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "rep.html"
    code, _, err = run("report", str(PLANS / "elbrus"), "-o", str(out))
    assert code == 0, err
    assert b"<html" in out.read_bytes()[:500]
    assert not zipfile.is_zipfile(out)


def test_unknown_extension_and_contradiction_are_refused(plan: Path, run: Run, tmp_path: Path) -> None:
    code, _, err = run("render", str(plan), "-o", str(tmp_path / "out.pdf"))
    assert code == 2 and "«.pdf» не поддерживается" in err
    assert not (tmp_path / "out.pdf").exists()
    code, _, err = run("render", str(plan), "--to", "docx", "-o", str(tmp_path / "x.html"))
    assert code == 2 and "противоречат" in err
    assert not (tmp_path / "x.html").exists()


def test_model_picture_by_extension(plan: Path, run: Run, tmp_path: Path) -> None:
    out = tmp_path / "m.svg"
    code, _, err = run("render", str(plan), "--what", "model", "-o", str(out))
    assert code == 0, err
    assert b"<svg" in out.read_bytes()[:1000]


def test_excel_from_render_schedule_and_report(plan: Path, run: Run, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    code, _, err = run("render", str(plan), "-o", str(tmp_path / "plan.xlsx"))
    assert code == 0, err
    sheet = load_workbook(tmp_path / "plan.xlsx").active
    assert sheet is not None
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any("Ледовый дворец" in c for c in cells)
    code, _, err = run("schedule", str(plan), "--format", "xlsx", "-o", str(tmp_path / "events.xlsx"))
    assert code == 0, err
    assert zipfile.is_zipfile(tmp_path / "events.xlsx")
    code, _, err = run("schedule", str(plan), "--format", "xlsx")
    assert code == 2 and "-o" in err
    code, _, err = run("report", str(PLANS / "elbrus"), "-o", str(tmp_path / "report.xlsx"))
    assert code == 0, err
    assert len(load_workbook(tmp_path / "report.xlsx").sheetnames) > 1
    code, _, err = run("render", str(plan), "--what", "model", "-o", str(tmp_path / "m.xlsx"))
    assert code == 2 and "Excel" in err
