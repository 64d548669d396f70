"""`partnerplan import`: a Word «Комплексный план» back into a plan file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document

from partnerplan.documents.build import render
from partnerplan.documents.importer import (
    guess_form,
    import_document,
    import_docx,
    to_yaml,
)
from partnerplan.plan.check import check
from partnerplan.plan.load import load_text
from partnerplan.plan.loader import load_plan

from .conftest import PLANS, Run

CORPUS = Path(__file__).parent / "data" / "import_corpus"
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


def test_a_document_rendered_in_english_imports_too(tmp_path: Path) -> None:
    original = load_plan(str(PLANS / "rukodelnitsa.yaml"))
    docx = tmp_path / "plan.docx"
    docx.write_bytes(render(original, "docx", lang="en").data)
    imported = import_docx(str(docx), "2030/2031")
    again = check(load_text(to_yaml(imported.data), "imported.yaml")).plan
    assert again is not None and original.plan is not None
    assert again.planner == original.plan.planner
    assert {p.id: p.activities for p in again.partners} == {
        p.id: p.activities for p in original.plan.partners
    }


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


# --- layouts the corpus does not have: each a kind of table named in issue #12 ----------


def _corpus_builder(kind: str) -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"corpus_{kind}", CORPUS / kind / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _docx(tmp_path: Path, document: list[Any], name: str = "plan.docx") -> Path:
    build = _corpus_builder("docx")
    path = tmp_path / name
    path.write_bytes(build.deterministic_bytes(build.build_document({"document": document})))
    return path


def _table(rows: list[Any], **extra: Any) -> dict[str, Any]:
    return {"table": {"rows": rows, **extra}}


def _acts(data: dict[str, Any]) -> dict[str, list[tuple[str, str | None]]]:
    return {
        p["name"]: [(a["title"], a.get("period")) for a in p.get("activities", [])] for p in data["partners"]
    }


# Each case: a document in the corpus's case schema (tests/data/import_corpus/docx/build.py),
# the activities expected under each partner, and optional checks of other fields.
LAYOUTS = yaml.safe_load(r"""
responsible column, partner named in the text:
  document:
    - paragraph: План работы МБОУ СОШ № 5 с социальными партнёрами на 2025-2026 учебный год
    - table:
        rows:
          - [№ п/п, Мероприятие, Сроки, Ответственные]
          - ["1.", Экскурсия в музей совместно с МБУК «Краеведческий музей», Октябрь, Иванова И. И.]
          - ["2.", Конкурс чтецов на базе Детской библиотеки № 3, Март, {breaks: [Петрова А. А., Сидорова Б. Б.]}]
          - ["3.", Родительское собрание, "Сентябрь, май", Классные руководители]
  planner: {name: МБОУ СОШ № 5}
  year: 2025/2026
  expect:
    МБУК «Краеведческий музей»: [[Экскурсия в музей совместно с МБУК «Краеведческий музей», Октябрь]]
    Детской библиотеки № 3: [[Конкурс чтецов на базе Детской библиотеки № 3, Март]]
    Без партнёра: [[Родительское собрание, "Сентябрь, май"]]
  fields: {Конкурс чтецов на базе Детской библиотеки № 3: {responsible: "Петрова А. А., Сидорова Б. Б."}}
  notes: [имя партнёра «Детской библиотеки № 3» взято из текста]

partner merged over rows, a forms column:
  document:
    - table:
        rows:
          - [Социальный партнер, Содержание работы, Формы, Сроки]
          - [{text: ГИБДД ОМВД, vmerge: restart}, Профилактика ДТП «Моя безопасность», беседа, 1 раз в четверть]
          - [{vmerge: continue}, Выставка рисунков «Дорога и мы», выставка, Ноябрь]
          - [{vmerge: continue}, Слёт отрядов ЮИД, слёт, Май]
          - [Библиотека им. Пушкина, Неделя детской книги, литературная гостиная, Март]
  expect:
    ГИБДД ОМВД: [[Профилактика ДТП «Моя безопасность», 1 раз в четверть], [Выставка рисунков «Дорога и мы», Ноябрь],
                 [Слёт отрядов ЮИД, Май]]
    Библиотека им. Пушкина: [[Неделя детской книги, Март]]
  fields: {Слёт отрядов ЮИД: {form: слёт}, Неделя детской книги: {form: литературная гостиная}}

month, topic, partner (the same partner in two months):
  document:
    - paragraph: Тематический план на 2024/2025 учебный год
    - table:
        rows:
          - [Месяц, Тема, Партнёр]
          - [Сентябрь, День знаний, Дом культуры «Юность»]
          - [Октябрь, Осенний бал, Дом культуры «Юность»]
          - [Ноябрь, День матери, Совет ветеранов]
  year: 2024/2025
  expect:
    Дом культуры «Юность»: [[День знаний, Сентябрь], [Осенний бал, Октябрь]]
    Совет ветеранов: [[День матери, Ноябрь]]

two-row header, a plan split over tables, a nested table:
  document:
    - table:
        rows:
          - - table:
                rows:
                  - [{text: №, vmerge: restart}, {text: Мероприятие, vmerge: restart},
                     {text: Сроки проведения, span: 2}, {text: Место проведения, vmerge: restart}]
                  - [{vmerge: continue}, {vmerge: continue}, дата, время, {vmerge: continue}]
                  - ["1", Концерт «Осень», 12.10.2025, "15:00", СДК с. Ивановка]
    - paragraph: (продолжение)
    - table: {rows: [["2", Лекция о здоровье, 20.11.2025, "11:00", Центральная библиотека]]}
    - table: {rows: [["3", Акция «Чистый двор», 15.04.2026, "10:00", "с. Ивановка, парк"]]}
  year: 2025/2026
  expect:
    СДК с. Ивановка: [[Концерт «Осень», 12.10.2025]]
    Центральная библиотека: [[Лекция о здоровье, 20.11.2025]]
    Без партнёра: [[Акция «Чистый двор», 15.04.2026]]
  fields: {Концерт «Осень»: {note: "Сроки проведения время: 15:00"}}
  explain: [продолжает таблицу 2]

months as group rows give the period:
  document:
    - paragraph: План работы на 2025-2026 учебный год
    - table:
        rows:
          - [Мероприятие, Социальный партнёр]
          - [{text: Сентябрь, span: 2}]
          - [Праздник «День знаний», Дом культуры]
          - [{text: Октябрь, span: 2}]
          - [Экскурсия в пожарную часть, Пожарная часть № 12]
  year: 2025/2026
  expect:
    Дом культуры: [[Праздник «День знаний», Сентябрь]]
    Пожарная часть № 12: [[Экскурсия в пожарную часть, Октябрь]]

bullets and both kinds of line break line up:
  document:
    - table:
        rows:
          - [Соц. партнер, Формы взаимодействия, Период]
          - [Музей истории ремёсел, {paragraphs: [• Экскурсия «Ремёсла», • Мастер-класс «Глиняная игрушка»,
                                                  • Выставка работ]},
             {breaks: [Октябрь, Февраль, Май]}]
  expect:
    Музей истории ремёсел: [[Экскурсия «Ремёсла», Октябрь], [Мастер-класс «Глиняная игрушка», Февраль],
                            [Выставка работ, Май]]

a joint plan names its partner in the title:
  document:
    - paragraph: План совместной работы МБОУ СОШ № 1 и МБУ ДО «Дом детского творчества» на 2024-2025 уч. год
    - table:
        rows:
          - [№, Содержание работы, Сроки, Ответственные, Отметка о выполнении]
          - ["1.", "Составление плана совместной работы\nЗаключение договора", "Сентябрь\nСентябрь",
             {breaks: [Зам. директора по ВР, Методист ДДТ]}, null]
          - ["2.", "Участие в конкурсах:\n– «Осенний вернисаж»\n– «Новогодняя игрушка»", Октябрь-декабрь,
             Классные руководители, null]
          - ["3.", Отчётный концерт, Май, Педагог-организатор, выполнено]
  planner: {name: МБОУ СОШ № 1}
  year: 2024/2025
  expect:
    МБУ ДО «Дом детского творчества»: [[Участие в конкурсах, Октябрь-декабрь], [Отчётный концерт, Май],
                                       [Составление плана совместной работы, Сентябрь], [Заключение договора, Сентябрь]]
  fields:
    Составление плана совместной работы: {responsible: Зам. директора по ВР}
    Заключение договора: {responsible: Методист ДДТ}
    Участие в конкурсах: {note: "«Осенний вернисаж»; «Новогодняя игрушка»"}
    Отчётный концерт: {note: "Отметка о выполнении: выполнено"}
  notes: [«ДДТ» сочтено сокращением «МБУ ДО «Дом детского творчества»»]

an approval block, a place with its room, a month's plan:
  document:
    - {paragraph: УТВЕРЖДАЮ}
    - {paragraph: Директор МБУК «ЦБС»}
    - {paragraph: _______ О.И. Петрова}
    - {paragraph: План мероприятий на декабрь 2024 года}
    - table:
        rows:
          - [Дата, Мероприятие, Место проведения, Ответственный]
          - ["03.12", Урок доброты «Люди особой заботы», МБОУ СОШ № 3 (актовый зал), Иванова А.А.]
          - ["10.12", Час истории «Герои Отечества», Центральная библиотека, Петрова О.И.]
  planner: {name: МБУК «ЦБС», approver: {position: Директор МБУК «ЦБС», name: О.И. Петрова}}
  year: 2024/2025
  expect:
    МБОУ СОШ № 3: [[Урок доброты «Люди особой заботы», "03.12"]]
    Центральная библиотека: [[Час истории «Герои Отечества», "10.12"]]

a title in a table of its own, a signature table after the plan:
  document:
    - table: {borders: false, rows: [[ПЛАН РАБОТЫ МБУ ДО «ЦДТ» С СОЦИАЛЬНЫМИ ПАРТНЁРАМИ НА 2025-2026 УЧЕБНЫЙ ГОД]]}
    - table:
        rows:
          - ["Наименование, форма проведения и содержание мероприятия", Сроки, Партнёр]
          - [Фестиваль «Радуга талантов», Апрель, МБУК «Дом культуры»]
    - table: {borders: false, rows: [[Директор МБУ ДО «ЦДТ», И.И. Иванова]]}
  planner: {name: МБУ ДО «ЦДТ»}
  year: 2025/2026
  expect:
    МБУК «Дом культуры»: [[Фестиваль «Радуга талантов», Апрель]]

a plan of work with one partner:
  document:
    - paragraph: План работы с детской библиотекой им. Гайдара на 2023-2024 учебный год
    - table:
        rows:
          - [Месяц, Формы работы, Ответственные]
          - [Сентябрь, Экскурсия в библиотеку «Книжкин дом», Воспитатели]
          - [Октябрь, "Беседа «Откуда пришла книга»\nВыставка рисунков", "Библиотекарь\nВоспитатели"]
  year: 2023/2024
  expect:
    детской библиотекой им. Гайдара: [[Экскурсия в библиотеку «Книжкин дом», Сентябрь],
                                      [Беседа «Откуда пришла книга», Октябрь], [Выставка рисунков, Октябрь]]
  fields: {Выставка рисунков: {responsible: Воспитатели}}
""")


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_layouts_the_corpus_does_not_have(name: str, tmp_path: Path) -> None:
    case = LAYOUTS[name]
    imported = import_document(str(_docx(tmp_path, case["document"])), "2030/2031")
    data = imported.data
    got = {
        p["name"]: [[a["title"], a.get("period")] for a in p.get("activities", [])] for p in data["partners"]
    }
    assert got == case["expect"]
    if "planner" in case:
        assert data["planner"] == case["planner"]
    assert data["year"] == case.get("year", "2030/2031")
    acts = {a["title"]: a for p in data["partners"] for a in p.get("activities", [])}
    for title, fields in (case.get("fields") or {}).items():
        assert {k: acts[title].get(k) for k in fields} == fields, title
    for note in case.get("notes") or []:
        assert any(note in n for n in imported.unmapped), (note, imported.unmapped)
    for line in case.get("explain") or []:
        assert any(line in x for x in imported.explain), (line, imported.explain)
    assert load_plan(to_yaml(data).encode(), path="x.yaml", registry=None).ok


# --- the written YAML -----------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_PLANS)
def test_the_yaml_is_what_fmt_would_write(name: str, tmp_path: Path) -> None:
    from partnerplan.plan.format import format_text

    docx = tmp_path / "plan.docx"
    docx.write_bytes(render(load_plan(str(PLANS / f"{name}.yaml")), "docx").data)
    text = to_yaml(import_docx(str(docx), "2030/2031").data)
    assert format_text(text) == text
