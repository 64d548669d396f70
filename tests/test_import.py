"""`partnerplan import`: a Word «Комплексный план» back into a plan file."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from partnerplan.documents.build import render
from partnerplan.documents.importer import guess_form, import_docx, to_yaml
from partnerplan.plan.check import check
from partnerplan.plan.load import load_text
from partnerplan.plan.loader import load_plan

from .conftest import PLANS, Run

ALL_PLANS = sorted(
    str(p.relative_to(PLANS).with_suffix("")) for p in PLANS.rglob("*.yaml") if p.name != "partners.yaml"
)


@pytest.mark.parametrize("name", ALL_PLANS)
def test_render_then_import_gives_back_the_plan(name: str, tmp_path: Path) -> None:
    original = load_plan(str(PLANS / f"{name}.yaml"))
    docx = tmp_path / "plan.docx"
    docx.write_bytes(render(original, "docx").data)
    imported = import_docx(str(docx), "2030/2031")
    again = check(load_text(to_yaml(imported.data), "imported.yaml"))
    assert again.plan is not None, [d.message() for d in again.diagnostics]
    got = again.plan.model_dump(exclude={"title"})
    want = original.plan.model_dump(exclude={"title"})
    # The table lists partners without a group first (as seed 002 does), then by group.
    order = {p.name: i for i, p in enumerate(again.plan.partners)}
    want["partners"].sort(key=lambda p: order[p["name"]])
    if "groups" not in want or not want["groups"]:
        got["groups"] = want.get("groups", [])  # groups came from a shared partners.yaml
    assert got == want


def test_the_table_wins_over_the_embedded_plan(tmp_path: Path) -> None:
    """The director edits the Word table: a new row and a changed period come back."""
    original = load_plan(str(PLANS / "rukodelnitsa.yaml"))
    docx = tmp_path / "plan.docx"
    docx.write_bytes(render(original, "docx").data)
    doc = Document(str(docx))
    table = doc.tables[0]
    table.rows[4].cells[4].paragraphs[0].runs[0].text = "Апрель-май"  # the zoo's first period
    row = table.add_row().cells
    row[0].text, row[1].text, row[3].text, row[4].text = (
        "26.",
        "Пожарная часть № 2",
        "Экскурсия в пожарную часть",
        "Март",
    )
    doc.save(str(docx))
    imported = import_docx(str(docx), "2025/2026")
    plan = check(load_text(to_yaml(imported.data), "x")).plan
    assert plan is not None
    zoo = next(p for p in plan.partners if p.id == "zoo")
    assert zoo.activities[0].period == "Апрель-май" and zoo.directions == ["eco", "edu"]
    new = plan.partners[-1]
    assert (new.name, new.activities[0].form, new.activities[0].period) == (
        "Пожарная часть № 2",
        "экскурсия",
        "Март",
    )
    assert any("добавленных в Word" in n for n in imported.unmapped)


def test_a_seed_style_document(tmp_path: Path, run: Run) -> None:
    """A hand-made Word table like seed 002: blank lines between items, no metadata."""
    doc = Document()
    doc.add_paragraph(
        "Комплексный план работы творческого объединения «Рукодельница» с социальными партнёрами на год."
    )
    table = doc.add_table(rows=1, cols=5)
    for cell, text in zip(
        table.rows[0].cells,
        ("№ п/п", "Соц. партнер", "Характеристика взаимодействия", "Формы взаимодействия", "Период"),
        strict=True,
    ):
        cell.text = text
    row = table.add_row().cells
    row[0].text, row[1].text, row[2].text = (
        "1.",
        "Выставочные залы мини-зоопарка",
        "Формирование экологического мировоззрения.",
    )
    row[
        3
    ].text = "Мастер-класс в рамках акции «Спасти и сохранить».\n\nТематическая экскурсия, в рамках Всемирного дня животных.\n\nАкция «Ёлочка»."
    row[4].text = "Май-июнь\n\nОктябрь\n\nДекабрь-январь"
    group = table.add_row().cells
    group[0].text, group[1].text = "2.", "Образовательные организации:"
    row = table.add_row().cells
    row[0].text, row[1].text = "3.", "МБОУ СОШ № 4"
    row[3].text = "Мастер–класс «Цветы из салфеток»\nНепонятная форма работы"
    row[4].text = "Один раз в полгода."
    src = tmp_path / "seed.docx"
    doc.save(str(src))
    out = tmp_path / "seed.yaml"
    code, stdout, err = run("import", str(src), "-o", str(out), "--year", "2025/2026")
    assert code == 0, err
    assert "год плана в документе не найден — поставлен 2025/2026" in stdout
    assert "форма «Непонятная форма работы» не распознана" in stdout
    plan = check(load_text(out.read_text(encoding="utf-8"), "x")).plan
    assert plan is not None
    zoo, school = plan.partners
    assert [(a.form, a.period) for a in zoo.activities] == [
        ("мастер-класс", "Май-июнь"),
        ("экскурсия", "Октябрь"),
        ("акция", "Декабрь-январь"),
    ]
    assert school.group == "edu" and [a.period for a in school.activities] == [
        "Один раз в полгода.",
        "Один раз в полгода.",
    ]
    assert (
        plan.planner.name == "Творческого объединения «Рукодельница»"
    )  # from the title: a teacher checks it
    assert run("import", str(src), "-o", str(out))[0] == 2  # no silent overwrite


def test_not_a_plan_document(tmp_path: Path, run: Run) -> None:
    doc = Document()
    doc.add_paragraph("Просто текст")
    f = tmp_path / "x.docx"
    doc.save(str(f))
    code, _, err = run("import", str(f))
    assert code == 1 and "нет таблицы" in err
    (tmp_path / "y.docx").write_text("не документ", encoding="utf-8")
    code, _, err = run("import", str(tmp_path / "y.docx"))
    assert code == 1 and "не удаётся открыть как документ Word" in err


@pytest.mark.parametrize(
    ("line", "form"),
    [
        ("Консультации.", "консультация"),
        ("Мастер-класс в рамках акции «Спасти и сохранить».", "мастер-класс"),
        ("Проведение и обработка диагностики «Уровень развития»", "диагностика"),
        ("Изготовление сувениров к праздникам.", "изготовление сувениров"),
        ("Встречи со специалистами.", "встреча с интересными людьми"),
        ("Что-то своё", None),
    ],
)
def test_guess_form(line: str, form: str | None) -> None:
    assert guess_form(line) == form
