"""Documents that hold up: pages a person would accept, clean packages, odd text, hostile
templates. docx checks read the XML and the cells, never the zip's bytes."""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]

from partnerplan.documents.build import load_network, render, report
from partnerplan.documents.jinja import TemplateProblem
from partnerplan.plan.check import Checked
from partnerplan.plan.loader import load_plan

from .conftest import PLANS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def plan_from(text: str, tmp_path: Path, name: str = "p.yaml") -> Checked:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    checked = load_plan(str(f))
    assert checked.ok, [d.message() for d in checked.errors]
    return checked


def docx_of(checked: Checked, what: str = "plan") -> Any:
    return Document(io.BytesIO(render(checked, "docx", what).data))


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def spanning_rows(table: Any) -> list[Any]:
    """The rows with a cell across several columns: group and month headings."""
    return [tr for tr in table._tbl.iter(W + "tr") if tr.find(f"{W}tc/{W}tcPr/{W}gridSpan") is not None]


# --- 1. The Word plan: pages, order, schema, package -----------------------------------


def test_group_and_month_heading_rows_keep_with_the_next_row() -> None:
    doc = docx_of(load_plan(str(PLANS / "rukodelnitsa.yaml")), "all")
    plan_table, calendar = doc.tables
    groups = spanning_rows(plan_table)
    months = spanning_rows(calendar)
    assert len(groups) == 5 and len(months) >= 9  # the school year: no periodic events in summer
    for tr in groups + months:
        paragraphs = list(tr.iter(W + "p"))
        assert paragraphs and all(p.find(f"{W}pPr/{W}keepNext") is not None for p in paragraphs)
        assert tr.find(f"{W}trPr/{W}cantSplit") is not None
    # Partner rows do not keep with the next one: the table may still break between them.
    zoo = plan_table._tbl.findall(W + "tr")[4]
    assert zoo.find(f".//{W}keepNext") is None


def _picture_mm(doc: Any) -> tuple[float, float]:
    (shape,) = doc.inline_shapes
    return shape.width.mm, shape.height.mm


def test_model_picture_fits_the_page_with_its_heading() -> None:
    checked = load_plan(str(PLANS / "rukodelnitsa.yaml"))
    # A4 landscape with 20 mm top and bottom margins: 170 mm of text height. Alone
    # (--what model) the picture shares its page with «УТВЕРЖДАЮ» (4 lines and spacing,
    # about 32 mm) and the heading (2 lines, about 16 mm).
    width, height = _picture_mm(docx_of(checked, "model"))
    assert height <= 170 - 32 - 16 - 5 and width <= 267
    width, height = _picture_mm(docx_of(checked, "all"))  # on a page of its own
    assert 120 <= height <= 170 - 16 - 5 and width <= 267
    # The new page comes from the heading itself, not from a page-break paragraph that
    # would leave an empty line above the heading.
    body = docx_of(checked, "all").element.body
    assert not list(body.iter(W + "br"))
    breaks = [p for p in body.iter(W + "p") if p.find(f"{W}pPr/{W}pageBreakBefore") is not None]
    assert [norm("".join(t.text for t in p.iter(W + "t"))) for p in breaks] == [
        "Календарный план мероприятий с социальными партнёрами",
        "Модель взаимодействия с социальными партнёрами",
    ]


ORDER_PLAN = """\
version: 1
planner: {{name: Школа}}
year: 2025/2026
groups:
{groups}
partners:
  - {{id: a, name: Первый без группы}}
  - {{id: b, name: Второй в g1, group: g1}}
  - {{id: c, name: Третий без группы}}
  - {{id: d, name: Четвёртый в g2, group: g2}}
  - {{id: e, name: Пятый в g1, group: g1}}
"""
G1 = "  - {id: g1, name: Группа один}"
G2 = "  - {id: g2, name: Группа два}"


def test_partners_without_a_group_keep_their_place_in_the_file(tmp_path: Path) -> None:
    from partnerplan.documents.diagram import model_nodes

    checked = plan_from(ORDER_PLAN.format(groups=f"{G1}\n{G2}"), tmp_path)
    names = [norm(r.cells[1].text) for r in docx_of(checked).tables[0].rows[1:]]
    assert names == [
        "Первый без группы",
        "Группа один:",
        "Второй в g1",
        "Пятый в g1",
        "Третий без группы",
        "Группа два:",
        "Четвёртый в g2",
    ]
    assert checked.plan is not None and checked.vocabulary is not None
    assert [n.title for n in model_nodes(checked.plan, checked.vocabulary)] == [
        "Первый без группы",
        "Группа один",
        "Третий без группы",
        "Группа два",
    ]
    # `groups:` orders the groups among themselves; the others stay where they were.
    checked = plan_from(ORDER_PLAN.format(groups=f"{G2}\n{G1}"), tmp_path)
    names = [norm(r.cells[1].text) for r in docx_of(checked).tables[0].rows[1:]]
    assert names == [
        "Первый без группы",
        "Группа два:",
        "Четвёртый в g2",
        "Третий без группы",
        "Группа один:",
        "Второй в g1",
        "Пятый в g1",
    ]
    md = render(checked, "md").data.decode("utf-8")
    assert md.index("Четвёртый в g2") < md.index("Третий без группы") < md.index("Второй в g1")


# ECMA-376 Part 1, 17.4.60 (CT_TblPr): the children's order.
CT_TBLPR = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
    "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
)  # fmt: skip


def year_end_report(tmp_path: Path, to: str = "docx") -> bytes:
    return report(load_network([str(PLANS / "elbrus")]), to, year_end=True).data


def test_table_properties_follow_the_schema_order(tmp_path: Path) -> None:
    plan = render(load_plan(str(PLANS / "rukodelnitsa.yaml")), "docx", "all").data
    for data in (plan, year_end_report(tmp_path)):
        doc = Document(io.BytesIO(data))
        assert doc.tables
        for table in doc.tables:
            names = [el.tag.removeprefix(W) for el in table._tbl.tblPr]
            assert names == sorted(names, key=CT_TBLPR.index), names
            assert {"tblW", "tblBorders", "tblLayout"} <= set(names)


@pytest.mark.parametrize("which", ["plan", "report"])
def test_no_python_docx_template_leftovers(which: str, tmp_path: Path) -> None:
    if which == "plan":
        data = render(load_plan(str(PLANS / "rukodelnitsa.yaml")), "docx", "all").data
    else:
        data = year_end_report(tmp_path)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        assert "docProps/thumbnail.jpeg" not in names
        assert "word/stylesWithEffects.xml" not in names
        package_rels = z.read("_rels/.rels").decode()
        document_rels = z.read("word/_rels/document.xml.rels").decode()
        content_types = z.read("[Content_Types].xml").decode()
        core = z.read("docProps/core.xml").decode()
        app = z.read("docProps/app.xml").decode()
        settings = z.read("word/settings.xml")
    assert "thumbnail" not in package_rels and "extended-properties" in package_rels
    assert "stylesWithEffects" not in document_rels
    assert "stylesWithEffects" not in content_types and "jpeg" not in content_types
    assert "python-docx" not in core + app and "Macintosh" not in app
    assert "<Application>partnerplan</Application>" in app
    modes = etree.fromstring(settings).findall(f"{W}compat/{W}compatSetting[@{W}name='compatibilityMode']")
    assert [m.get(W + "val") for m in modes] == ["15"]
    doc = Document(io.BytesIO(data))  # still a document python-docx reads
    assert doc.tables and doc.core_properties.title


def test_a_reference_document_without_compat_settings_gets_them(tmp_path: Path) -> None:
    """A --reference-docx from another program may lack w:compat: it is added in place."""
    base = Document()
    settings = base.settings.element
    for el in settings.findall(qn("w:compat")):
        settings.remove(el)
    reference = tmp_path / "ref.docx"
    base.save(str(reference))
    checked = load_plan(str(PLANS / "rukodelnitsa.yaml"))
    data = render(checked, "docx", reference=str(reference)).data
    settings = Document(io.BytesIO(data)).settings.element
    names = [el.tag.split("}")[1] for el in settings]
    assert names.index("compat") < names.index("rsids")
    (mode,) = settings.findall(f"{W}compat/{W}compatSetting")
    assert (mode.get(W + "name"), mode.get(W + "val")) == ("compatibilityMode", "15")


def test_a_calendar_without_events_says_so(tmp_path: Path) -> None:
    doc = docx_of(load_plan(str(PLANS / "school_volgograd.yaml")), "calendar")
    (calendar,) = doc.tables
    assert [norm(c.text) for c in calendar.rows[1].cells] == ["В плане пока нет мероприятий"] * 5


# --- 2. Reports -------------------------------------------------------------------------

TWO_MONTHS = """\
version: 1
planner: {name: Школа № 1}
year: 2025/2026
partners:
  - id: gibdd
    name: ГИБДД
    activities:
      - {form: беседа, title: Беседы, period: Октябрь}
      - {form: соревнование, title: Колесо, dates: [2026-05-14]}
"""
SCHOOL_YEAR = [
    ("Сентябрь 2025", "0"), ("Октябрь 2025", "1"), ("Ноябрь 2025", "0"), ("Декабрь 2025", "0"),
    ("Январь 2026", "0"), ("Февраль 2026", "0"), ("Март 2026", "0"), ("Апрель 2026", "0"),
    ("Май 2026", "1"), ("Июнь 2026", "0"), ("Июль 2026", "0"), ("Август 2026", "0"),
]  # fmt: skip


def test_reports_show_every_month_of_the_year_with_zeros(tmp_path: Path) -> None:
    plan_from(TWO_MONTHS, tmp_path)
    net = load_network([str(tmp_path)])
    doc = Document(io.BytesIO(report(net, "docx").data))
    (months,) = [t for t in doc.tables if t.rows[0].cells[0].text == "Месяц"]
    assert [(r.cells[0].text, r.cells[1].text) for r in months.rows[1:]] == SCHOOL_YEAR
    md = report(net, "md").data.decode("utf-8")
    assert [line for line in md.splitlines() if re.match(r"\| \w+ 20\d\d \|", line)] == [
        f"| {m} | {n} |" for m, n in SCHOOL_YEAR
    ]
    page = report(net, "html").data.decode("utf-8")
    assert page.count('<tr><td>Январь 2026</td><td class="n">0</td></tr>') == 1


def _liberation_serif_bold() -> Any:
    """Times New Roman's metrics (Liberation Serif is metric-compatible), or a skip."""
    font_module = pytest.importorskip("PIL.ImageFont")
    for folder in ("/usr/share/fonts", "/usr/local/share/fonts", os.path.expanduser("~/.fonts")):
        for root, _, files in os.walk(folder):
            if "LiberationSerif-Bold.ttf" in files:
                return font_module.truetype(os.path.join(root, "LiberationSerif-Bold.ttf"), 1200)
    pytest.skip("Liberation Serif (Times New Roman's metrics) is not installed here")


def test_table_headers_are_not_broken_inside_a_word(tmp_path: Path) -> None:
    """Every word of a header fits its column (text width minus the cell margins), so no
    word processor has to break it («Планировало / сь»)."""
    font = _liberation_serif_bold()

    def word_mm(word: str) -> float:
        return float(font.getlength(word)) / 100 * 25.4 / 72  # the font is set at 12 pt × 100

    documents = [
        year_end_report(tmp_path),
        report(load_network([str(PLANS / "elbrus")]), "docx").data,
        render(load_plan(str(PLANS / "rukodelnitsa.yaml")), "docx", "all").data,
    ]
    checked = 0
    for data in documents:
        for table in Document(io.BytesIO(data)).tables:
            tbl = table._tbl
            margins = sum(int(m.get(W + "w")) for m in tbl.tblPr.find(W + "tblCellMar")) / 1440 * 25.4
            widths = [int(c.get(W + "w")) / 1440 * 25.4 for c in tbl.tblGrid.findall(W + "gridCol")]
            for width, cell in zip(widths, table.rows[0].cells, strict=True):
                for word in cell.text.split():
                    assert word_mm(word) + margins <= width, (word, round(width))
                    checked += 1
    assert checked > 30


# --- 3. Text Word cannot hold -----------------------------------------------------------

CONTROL = """\
version: 1
planner: {name: "Школа\\x01 № 1\\vна горе"}
year: 2025/2026
partners:
  - id: gibdd
    name: "ГИБДД\\x02\\uFFFE (отдел)"
    purpose: "Цель\\x1b красная"
    activities:
      - form: беседа
        title: "Беседы\\x07 «Безопасность»"
        period: "Октябрь\\x0c"
"""


def test_control_characters_are_dropped_from_the_xml_and_kept_in_the_data(tmp_path: Path) -> None:
    from partnerplan.documents.embed import embedded_plan

    checked = plan_from(CONTROL, tmp_path)
    doc = docx_of(checked, "all")
    assert [norm(c.text) for c in doc.tables[0].rows[1].cells] == [
        "1.",
        "ГИБДД (отдел)",
        "Цель красная",
        "Беседы «Безопасность»",
        "Октябрь",
    ]
    assert "Школа № 1 на горе" in [p.text for p in doc.paragraphs]
    assert doc.core_properties.subject == "Школа № 1 на горе"
    assert "Беседы «Безопасность»" in [norm(c.text) for r in doc.tables[1].rows for c in r.cells]
    data = embedded_plan(doc)  # the plan part is well-formed XML and keeps the exact text
    assert data is not None
    assert data["planner"]["name"] == "Школа\x01 № 1\x0bна горе"
    assert data["partners"][0]["name"] == "ГИБДД\x02\ufffe (отдел)"
    from partnerplan.documents.diagram import render_model

    assert checked.plan is not None and checked.vocabulary is not None
    svg = render_model(checked.plan, checked.vocabulary, "svg")
    etree.fromstring(svg)  # the picture as SVG is well-formed XML too


def test_long_title_and_planner_are_cut_in_properties_only(tmp_path: Path) -> None:
    title = "Комплексный план " + "очень " * 60 + "длинный"
    planner = "Учреждение " + "с длинным названием " * 20
    checked = plan_from(
        f"version: 1\nplanner: {{name: {planner.strip()}}}\nyear: 2025/2026\ntitle: {title}\npartners: []\n",
        tmp_path,
    )
    assert len(title) > 255 and len(planner) > 255
    doc = docx_of(checked, "all")
    props = doc.core_properties
    assert len(props.title) == 255 and props.title.endswith("…") and title.startswith(props.title[:-1])
    assert len(props.author) <= 255 and len(props.subject) <= 255
    texts = [p.text for p in doc.paragraphs]
    assert title in texts  # the document itself keeps the whole title
    assert planner.strip() in texts  # and the whole name (under the calendar's heading)


def test_dollar_signs_in_names_are_drawn_as_text(tmp_path: Path) -> None:
    """matplotlib reads «$…$» as a formula: a name like this used to crash the model."""
    checked = plan_from(
        "version: 1\nplanner: {name: 'ООО $\\frac{ 5$'}\nyear: 2026\n"
        "directions:\n  - {id: cash, name: 'курс $ к $\\frac{'}\n"
        "partners:\n  - id: x\n    name: 'Банк $$'\n    directions: [cash]\n"
        "    activities:\n      - {form: беседа, title: Беседа, period: Март}\n",
        tmp_path,
    )
    assert checked.plan is not None and checked.vocabulary is not None
    from partnerplan.documents.diagram import render_model

    svg = render_model(checked.plan, checked.vocabulary, "svg").decode("utf-8")
    assert "ООО $\\frac{ 5$" in html.unescape(svg)
    assert render(checked, "docx", "model").data
    assert report(load_network([str(tmp_path)]), "md").data


# --- 4. Markdown ------------------------------------------------------------------------

MARKUP = "*Звёзды* __и__ `код` [ссылка](http://e.x) <img src=x onerror=alert(1)> a|b ~~нет~~ &amp; \\"


def test_markdown_shows_names_as_written(tmp_path: Path) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    checked = plan_from(
        "version: 1\nplanner: {name: '# Школа'}\nyear: 2025/2026\npartners:\n"
        f"  - id: x\n    name: '{MARKUP}'\n    purpose: '- список'\n"
        "    activities:\n"
        f"      - {{form: беседа, title: '1. {MARKUP}', period: Октябрь, responsible: '_Иванова_'}}\n"
        f"      - {{form: беседа, title: '{MARKUP}', period: По мере необходимости}}\n",
        tmp_path,
    )
    md = render(checked, "md", "plan").data + render(checked, "md", "calendar").data
    page = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(md.decode())
    for tag in ("<em>", "<strong>", "<code>", "<a ", "<img", "<s>", "<del>", "<ul>", "<ol>", "<hr"):
        assert tag not in page, tag
    assert page.count("<h1>") == 2  # the plan's and the calendar's headings, nothing else
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert text.count(MARKUP) >= 4 and "# Школа" in text and "- список" in text
    assert "1. " + MARKUP in text and "_Иванова_" in text
    for table in re.findall(r"<table>.*?</table>", page, re.S):
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
        assert rows and all(len(re.findall(r"<t[hd][ >]", r)) == 5 for r in rows)
    page = render(checked, "html", "all").data.decode("utf-8")  # HTML stays autoescaped
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


# --- 5. Templates -----------------------------------------------------------------------


def templates_with(tmp_path: Path, source: str, name: str = "plan.md.j2") -> str:
    folder = tmp_path / "tpl"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(source, encoding="utf-8")
    return str(folder)


def test_a_link_out_of_the_templates_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("пароль от всего", encoding="utf-8")
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "plan.md.j2").symlink_to(secret)
    checked = load_plan(str(PLANS / "rukodelnitsa.yaml"))
    with pytest.raises(TemplateProblem) as caught:
        render(checked, "md", templates=str(folder))
    assert caught.value.template == str(folder / "plan.md.j2")
    assert "за пределы папки шаблонов" in caught.value.detail and "пароль" not in str(caught.value)
    (folder / "plan.md.j2").unlink()
    (folder / "plan.md.j2").write_text("{% include 'part.j2' %}", encoding="utf-8")
    (folder / "part.j2").symlink_to(secret)  # an include that leaves is refused as well
    with pytest.raises(TemplateProblem, match="за пределы папки шаблонов"):
        render(checked, "md", templates=str(folder))
    (folder / "part.j2").unlink()
    (folder / "inner.j2").write_text("Партнёров: {{ rows | length }}", encoding="utf-8")
    (folder / "part.j2").symlink_to(folder / "inner.j2")  # a link inside the folder is fine
    assert render(checked, "md", templates=str(folder)).data == "Партнёров: 25".encode()


@pytest.mark.parametrize(
    ("source", "line", "detail"),
    [
        ("{% macro f() %}{{ f() }}{% endmacro %}\n\n{{ f() }}", 1, "бесконечная рекурсия"),
        ("{% for x in range(10) recursive %}{{ loop([x]) }}{% endfor %}", 1, "бесконечная рекурсия"),
        ("a\n{{ 10.0 ** 1000 }}", 2, "слишком большое число"),
        ("a\nb\n{{ rows | length / 0 }}", 3, "деление на ноль"),
        ("{{ rows + 1 }}", 1, "значение не того типа"),
        ("ok\n{% for x in %}", 2, "синтаксическая ошибка"),
        ("\n{{ no_such_name }}", 2, "нет такого имени или поля: 'no_such_name' is undefined"),
        ("{{ plan.__class__ }}", 1, "запрещено в песочнице"),
        ("{% include 'missing.j2' %}", 1, "нет шаблона «missing.j2»"),
        ("{{ 2 ** 10000000 }}", 1, "слишком большое значение"),
        ("{{ 'x' * 100000000 }}", 1, "слишком большое значение"),
    ],
)
def test_template_errors_name_the_file_and_the_line(
    source: str, line: int, detail: str, tmp_path: Path
) -> None:
    folder = templates_with(tmp_path, source)
    with pytest.raises(TemplateProblem) as caught:
        render(load_plan(str(PLANS / "rukodelnitsa.yaml")), "md", templates=folder)
    problem = caught.value
    assert isinstance(problem, Exception)
    assert (problem.template, problem.line) == (os.path.join(folder, "plan.md.j2"), line)
    assert detail in problem.detail
    assert problem.message("ru").startswith(f"ошибка в шаблоне {problem.template}, строка {line}: ")
    assert problem.message("en").startswith(f"template {problem.template}, line {line}: ")


@pytest.mark.parametrize(
    "source",
    [
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "{% for i in range(100000) %}{% for j in range(100000) %}.{% endfor %}{% endfor %}",
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "{% for x in range(100000) recursive %}{% for y in range(100000) %}{% endfor %}{% endfor %}",
    ],
)
def test_a_template_cannot_hang_the_command(source: str, tmp_path: Path) -> None:
    folder = templates_with(tmp_path, source, "report.md.j2")
    net = load_network([str(PLANS / "elbrus")])
    started = time.monotonic()
    with pytest.raises(TemplateProblem) as caught:
        report(net, "md", templates=folder)
    assert time.monotonic() - started < 30
    assert caught.value.line == 1
    assert "не заканчивается" in caught.value.detail or "слишком большое значение" in caught.value.detail


def test_shipped_templates_render_a_large_plan_within_the_bounds() -> None:
    partner = (
        "  - id: p{n}\n    name: Партнёр {n}\n    activities:\n"
        + "      - {{form: беседа, title: Беседа {n}, period: ежемесячно}}\n" * 5
    )
    text = "version: 1\nplanner: {name: Школа}\nyear: 2025/2026\npartners:\n"
    text += "".join(partner.format(n=n) for n in range(300))  # 13,500 dated events
    checked = load_plan(text.encode("utf-8"), path="big.yaml")
    assert checked.ok
    for to in ("md", "html"):
        assert render(checked, to, "calendar").data.count("Беседа 299".encode()) >= 45


# --- What a person sees -------------------------------------------------------------------


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice and pdftotext are not installed here",
)
def test_pages_as_libreoffice_lays_them_out(tmp_path: Path) -> None:
    """The model on one page with its heading; no group heading alone at a page's foot;
    the year-end headers whole."""
    checked = load_plan(str(PLANS / "rukodelnitsa.yaml"))
    files = {
        "model": render(checked, "docx", "model").data,
        "all": render(checked, "docx", "all").data,
        "yearend": year_end_report(tmp_path),
    }
    for name, data in files.items():
        (tmp_path / f"{name}.docx").write_bytes(data)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
         *(str(tmp_path / f"{n}.docx") for n in files)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip

    def pages(name: str) -> list[str]:
        out = subprocess.run(
            ["pdftotext", "-layout", str(tmp_path / f"{name}.pdf"), "-"],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        return out.split("\f")[:-1]

    model = pages("model")
    assert len(model) == 1 and "Модель взаимодействия с социальными партнёрами" in model[0]
    everything = pages("all")
    assert "Модель взаимодействия с социальными партнёрами" in everything[-1]
    assert checked.plan is not None
    headings = {g.name for g in checked.plan.groups} | {"В течение года и по мере необходимости"}
    for page in everything[:-1]:
        lines = [norm(x) for x in page.splitlines() if norm(x) and not norm(x).isdigit()]
        last = re.sub(r"^\d+\.\s*", "", lines[-1]).rstrip(":")
        alone = last in headings or re.fullmatch(r"[А-Я][а-я]+ 20\d\d", last)
        assert not alone, f"the page ends with the heading «{last}»"
    words = " ".join(pages("yearend")).split()
    assert "Планировалось" in words and "Планировало" not in words
