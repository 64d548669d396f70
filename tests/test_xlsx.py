"""Excel outputs (documents/xlsx.py): what openpyxl reads back, and that LibreOffice opens them."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from partnerplan.dates.schedule import plan_schedule
from partnerplan.documents.importer import ImportFailed, import_document
from partnerplan.documents.report import OrgPlan, build_report
from partnerplan.documents.xlsx import PLAN_HEADER, SCHEDULE_HEADER, plan_xlsx, report_xlsx, schedule_xlsx
from partnerplan.plan.check import check
from partnerplan.plan.load import load_text
from partnerplan.plan.loader import load_plan

from .conftest import PLANS, Run

CORPUS = Path(__file__).parent / "data" / "import_corpus"


def _book(data: bytes) -> Any:
    return load_workbook(io.BytesIO(data))


def _rows(ws: Any) -> list[tuple[Any, ...]]:
    return [r for r in ws.iter_rows(min_row=3, values_only=True)]


def test_plan_sheet_has_every_activity_and_filters_and_prints() -> None:
    checked = load_plan(str(PLANS / "rukodelnitsa.yaml"))
    plan = checked.plan
    assert plan is not None
    wb = _book(plan_xlsx(checked))
    ws = wb["Комплексный план"]
    header = [c.value for c in ws[2]]
    assert header[0] == "№" and set(header) <= set(PLAN_HEADER)
    rows = _rows(ws)
    want = sum(max(1, len(p.activities)) for p in plan.partners)
    assert len(rows) == want
    col = {name: k for k, name in enumerate(header)}
    got = {(r[col["Социальный партнёр"]], r[col["Мероприятие"]], r[col["Период"]]) for r in rows}
    voc = checked.vocabulary
    assert voc is not None
    for p in plan.partners:
        for a in p.activities:
            assert (p.name, a.title or voc.form_name(a.form), a.period) in got
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == f"A2:{ws.cell(2, len(header)).column_letter}{2 + len(rows)}"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.print_title_rows == "$2:$2"
    assert plan.planner.name in ws["A1"].value


def test_schedule_dates_are_dates_and_the_bytes_are_reproducible() -> None:
    checked = load_plan(str(PLANS / "rukodelnitsa.yaml"))
    assert checked.plan is not None
    events = plan_schedule(checked).events
    data = schedule_xlsx(checked.plan, events)
    assert data == schedule_xlsx(checked.plan, events)
    ws = _book(data)["Календарь"]
    header = [c.value for c in ws[2]]
    assert header[:2] == ["Дата", "День недели"] and set(header) <= set(SCHEDULE_HEADER)
    rows = _rows(ws)
    assert len(rows) == len(events)
    dated = [e for e in events if e.date is not None]
    assert [r[0] for r in rows[: len(dated)]] == [
        datetime(e.date.year, e.date.month, e.date.day) for e in dated
    ]  # type: ignore[union-attr]
    assert all(ws.cell(3 + k, 1).is_date for k in range(len(dated)))
    assert all(r[0] is None for r in rows[len(dated) :])


def _report(year_end: bool = True) -> Any:
    orgs = []
    for name in ("elbrus/district", "elbrus/school1", "elbrus/school2", "rukodelnitsa"):
        c = load_plan(str(PLANS / f"{name}.yaml"))
        assert c.plan is not None and c.vocabulary is not None
        orgs.append(OrgPlan(name, c.plan, c.vocabulary, plan_schedule(c).events))
    return build_report(orgs, year_end=year_end)


def test_report_one_sheet_per_table_numbers_as_numbers() -> None:
    r = _report()
    wb = _book(report_xlsx(r))
    names = wb.sheetnames
    assert names[:4] == [
        "Итоги",
        "Итоги года — по направлениям",
        "Итоги года — по партнёрам",
        "Итоги года — по организациям",
    ]
    assert {"По месяцам", "По направлениям", "По организациям", "По партнёрам"} <= set(names)
    assert sum(n.startswith("Календарь — ") for n in names) == len(r.shared)
    months = wb["По месяцам"]
    assert [(row[0].date(), row[1]) for row in _rows(months)] == r.by_month
    assert all(months.cell(3 + k, 2).data_type == "n" for k in range(len(r.by_month)))
    orgs = _rows(wb["По организациям"])
    assert orgs == [tuple(x) for x in r.by_org]
    summary = dict(_rows(wb["Итоги"]))
    assert summary["Событий с датами"] == r.events_total and isinstance(summary["Мероприятий"], int)
    assert all(len(n) <= 31 for n in names)


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    text = "version: 1\nplanner: {name: Школа}\nyear: 2025/2026\npartners:\n  - id: a\n    name: '=1+1'\n"
    checked = load_plan(text.encode(), path=str(tmp_path / "p.yaml"), registry=None)
    ws = _book(plan_xlsx(checked))["Комплексный план"]
    cell = next(c for c in ws[3] if c.value == "=1+1")
    assert cell.data_type == "s"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_workbooks(tmp_path: Path) -> None:
    checked = load_plan(str(PLANS / "rukodelnitsa.yaml"))
    assert checked.plan is not None
    files = {
        "plan.xlsx": plan_xlsx(checked),
        "schedule.xlsx": schedule_xlsx(checked.plan, plan_schedule(checked).events),
        "report.xlsx": report_xlsx(_report(year_end=False)),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *(str(tmp_path / n) for n in files),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for name in files:
        pdf = (tmp_path / name).with_suffix(".pdf").read_bytes()
        assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) >= 2
        assert re.search(rb"/MediaBox\s*\[\s*0 0 84[12][.\d]* 59[45][.\d]*\s*\]", pdf), name  # A4 landscape


# --- importing a workbook ---------------------------------------------------------------


def _builder(kind: str) -> Any:
    """The corpus's own builder (tests/data/import_corpus/KIND/build.py) for test documents."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"corpus_{kind}", CORPUS / kind / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_an_excel_plan_and_the_cli_explains(tmp_path: Path, run: Run) -> None:
    build = _builder("xlsx")
    case = {
        "sheets": [
            {
                "name": "План",
                "rows": [
                    [{"text": "План работы МБОУ СОШ № 2 на 2025-2026 учебный год", "span": 4}],
                    ["№", "Мероприятие", "Дата", "Ответственный"],
                    [1, "Встреча с инспектором ГИБДД", {"date": "2025-10-14"}, "Отдел ГИБДД ОМВД"],
                    [2, "Экскурсия в библиотеку", "ноябрь", "Детская библиотека"],
                ],
            }
        ]
    }
    src = tmp_path / "plan.xlsx"
    src.write_bytes(build.workbook_bytes(build.build_workbook(case)))
    out = tmp_path / "plan.yaml"
    code, stdout, err = run("import", str(src), "-o", str(out), "--explain")
    assert code == 0, err
    assert "лист «План»: план (2 мероприятий)" in stdout
    assert "колонка 4 «Ответственный» → ответственный" in stdout
    plan = check(load_text(out.read_text(encoding="utf-8"), "x")).plan
    assert plan is not None and plan.year == "2025/2026" and plan.planner.name == "МБОУ СОШ № 2"
    assert [(p.name, [(a.title, a.period) for a in p.activities]) for p in plan.partners] == [
        ("Отдел ГИБДД ОМВД", [("Встреча с инспектором ГИБДД", "14.10.2025")]),
        ("Детская библиотека", [("Экскурсия в библиотеку", "ноябрь")]),
    ]


# --- the formats LibreOffice converts ---------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("ext", ["odt", "doc", "rtf", "ods"])
def test_other_formats_go_through_libreoffice(ext: str, tmp_path: Path) -> None:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    rows = [
        ["Мероприятие", "Сроки", "Место проведения"],
        ["Экскурсия в музей", "Октябрь", "Краеведческий музей"],
    ]
    if ext == "ods":
        wb = Workbook()
        for row in rows:
            wb.active.append(row)
        wb.save(tmp_path / "plan.xlsx")
        source = tmp_path / "plan.xlsx"
    else:  # a table Word would write (python-docx's bare add_table loses its cells in LibreOffice's .doc)
        build = _builder("docx")
        case = {
            "document": [{"paragraph": "План работы на 2025-2026 учебный год"}, {"table": {"rows": rows}}]
        }
        source = tmp_path / "plan.docx"
        source.write_bytes(build.deterministic_bytes(build.build_document(case)))
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", ext,
         "--outdir", str(tmp_path / "other"), str(source)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    data = import_document(str(tmp_path / "other" / f"plan.{ext}"), "2030/2031").data
    assert [
        (p["name"], [(a["title"], a.get("period")) for a in p["activities"]]) for p in data["partners"]
    ] == [("Краеведческий музей", [("Экскурсия в музей", "Октябрь")])]


def test_without_libreoffice_the_message_names_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from partnerplan.documents import importer_source

    monkeypatch.setattr(importer_source, "office_program", lambda: None)
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(ImportFailed, match=r"нужен LibreOffice .*libreoffice-writer"):
        import_document(str(tmp_path / "old.doc"), "2025/2026")
