"""The «Комплексный план» (and the calendar plan, the model picture) as a Word document.

A4 landscape with ГОСТ Р 7.0.97-2016 margins, Times New Roman 12 pt in every script
slot, the «УТВЕРЖДАЮ» block at the top right, the table with its header repeated on
every page, page numbers in the footer, and the document's title and author.
"""

from __future__ import annotations

import gc
import io
import struct
from collections.abc import Iterator, Sequence
from datetime import datetime, timezone

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from partnerplan.dates.schedule import Event
from partnerplan.documents.datewords import long_date, month_title
from partnerplan.documents.labels import PLAN_HEADERS, labels
from partnerplan.documents.ooxml import (
    Cell,
    page_field,
    set_fonts,
    set_properties,
    table_xml,
    tidy_package,
    xml_text,
)
from partnerplan.documents.package import fixed_zip
from partnerplan.documents.table import GroupRow, Row, calendar_blocks
from partnerplan.plan.check import Vocabulary
from partnerplan.plan.model import Plan

# ГОСТ Р 7.0.97-2016, п. 5.1: left 20 mm, right 10 mm, top and bottom 20 mm.
MARGINS_MM = {"left": 20, "right": 10, "top": 20, "bottom": 20}
TEXT_WIDTH_MM = 297 - MARGINS_MM["left"] - MARGINS_MM["right"]  # 267 mm
TEXT_HEIGHT_MM = 210 - MARGINS_MM["top"] - MARGINS_MM["bottom"]  # 170 mm
APPROVER_WIDTH_MM = 85
_PT_MM = 25.4 / 72
# A line of Times New Roman 12 pt at single spacing: the font's line gap is 1.15 em.
LINE_MM = 12 * 1.15 * _PT_MM
# № | партнёр | характеристика | формы | период — widths that fit the seed's text.
PLAN_COLUMNS_MM = (13, 50, 72, 97, 35)
CALENDAR_COLUMNS_MM = (38, 92, 62, 40, 35)


def _twips(mm_widths: Sequence[float]) -> list[int]:
    return [round(w / 25.4 * 1440) for w in mm_widths]


def default_title(plan: Plan, lang: str = "ru") -> str:
    words = labels(lang)
    year = (words["academic_year"] if plan.academic else words["calendar_year"]).format(year=plan.year)
    return words["title"].format(year=year)


def render_docx(
    plan: Plan,
    voc: Vocabulary,
    rows: list[Row],
    *,
    events: tuple[Event, ...] | None = None,
    model_png: bytes | None = None,
    include_plan: bool = True,
    reference: str | None = None,
    lang: str = "ru",
) -> bytes:
    # A big plan is many small objects; the cyclic GC would rescan them all repeatedly.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _render_docx(plan, rows, events, model_png, include_plan, reference, lang)
    finally:
        if gc_was_enabled:
            gc.enable()


def _render_docx(
    plan: Plan,
    rows: list[Row],
    events: tuple[Event, ...] | None,
    model_png: bytes | None,
    include_plan: bool,
    reference: str | None,
    lang: str,
) -> bytes:
    words = labels(lang)
    doc = Document(reference) if reference else Document()
    if reference:
        body = doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
    page_setup(doc)
    base_styles(doc)
    title = plan.title or default_title(plan, lang)
    if plan.planner.approver:
        _approver(doc, plan, words)
    if include_plan:
        heading(doc, title, None if plan.title else plan.planner.name)
        doc.element.body.insert(len(doc.element.body) - 1, _plan_table(rows, lang))
    if events is not None:
        # A new page through the heading's own «page break before»: a page-break
        # paragraph would leave an empty line at the top of the next page.
        heading(doc, words["calendar"], plan.planner.name, new_page=include_plan)
        doc.element.body.insert(len(doc.element.body) - 1, _calendar_table(events, lang))
    if model_png is not None:
        new_page = include_plan or events is not None
        heading(doc, words["model"], plan.planner.name, new_page=new_page)
        above = heading_mm(words["model"], plan.planner.name)
        if not new_page and plan.planner.approver:
            above += approver_mm(_approver_lines(plan, words))
        pic = doc.add_paragraph()
        pic.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pic.add_run().add_picture(io.BytesIO(model_png), width=Mm(picture_width_mm(model_png, above)))
    if include_plan:
        from partnerplan.documents.embed import embed_plan

        embed_plan(doc, plan)
    # The planner and the year travel with the document, so `partnerplan import` brings
    # them back exactly (the visible title has the planner in the genitive case).
    # Fixed dates keep the document reproducible: the same plan gives the same XML.
    set_properties(
        doc,
        title=title,
        subject=plan.planner.name,
        author=plan.planner.author or plan.planner.name,
        category=plan.year,
        language="en-GB" if lang == "en" else "ru-RU",
        stamp=datetime(plan.start.year, plan.start.month, plan.start.day, tzinfo=timezone.utc),  # noqa: UP017
    )
    tidy_package(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return fixed_zip(buf.getvalue())


def page_setup(doc: DocxDocument) -> None:
    for section in doc.sections:
        # Width and height swapped, not only the orientation flag: Word and LibreOffice
        # lay out by the sizes.
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.left_margin = Mm(MARGINS_MM["left"])
        section.right_margin = Mm(MARGINS_MM["right"])
        section.top_margin = Mm(MARGINS_MM["top"])
        section.bottom_margin = Mm(MARGINS_MM["bottom"])
        section.footer_distance = Mm(10)
        footer = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer._p.append(page_field())


def base_styles(doc: DocxDocument) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    set_fonts(normal.element.get_or_add_rPr(), size_pt=12)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    # The document defaults too: tables and footers start from them, not from Normal.
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None:
            rpr = rpr_default.find(qn("w:rPr"))
            if rpr is not None:
                set_fonts(rpr, size_pt=12)


def _approver_lines(plan: Plan, words: dict[str, str]) -> list[str]:
    assert plan.planner.approver is not None
    return [
        words["approve"],
        plan.planner.approver.position,
        f"_______________ {plan.planner.approver.name}",
        words["approve_date"],
    ]


# Space around the «УТВЕРЖДАЮ» lines and the headings, in points.
_APPROVER_SPACE_PT = {2: (12, 0), 3: (6, 18)}  # line index → (before, after)
_HEADING_AFTER_PT = (6, 12)  # after the title when a subtitle follows, after the last line


def _approver(doc: DocxDocument, plan: Plan, words: dict[str, str]) -> None:
    for i, text in enumerate(_approver_lines(plan, words)):
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = Mm(TEXT_WIDTH_MM - APPROVER_WIDTH_MM)
        before, after = _APPROVER_SPACE_PT.get(i, (0, 0))
        if before:
            p.paragraph_format.space_before = Pt(before)
        if after:
            p.paragraph_format.space_after = Pt(after)
        run = p.add_run(xml_text(text))
        run.bold = i == 0


def approver_mm(lines: Sequence[str]) -> float:
    """How tall the «УТВЕРЖДАЮ» block is on the page (estimated as Word wraps it)."""
    space = sum(b + a for b, a in _APPROVER_SPACE_PT.values()) * _PT_MM
    return sum(_height(t, APPROVER_WIDTH_MM) for t in lines) * LINE_MM + space


def heading(doc: DocxDocument, title: str, subtitle: str | None, *, new_page: bool = False) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(_HEADING_AFTER_PT[0] if subtitle else _HEADING_AFTER_PT[1])
    p.paragraph_format.keep_with_next = True
    if new_page:
        p.paragraph_format.page_break_before = True
    p.add_run(xml_text(title)).bold = True
    if subtitle:
        s = doc.add_paragraph()
        s.alignment = WD_ALIGN_PARAGRAPH.CENTER
        s.paragraph_format.space_after = Pt(_HEADING_AFTER_PT[1])
        s.paragraph_format.keep_with_next = True
        s.add_run(xml_text(subtitle))


def heading_mm(title: str, subtitle: str | None) -> float:
    lines = _height(title, TEXT_WIDTH_MM) + (_height(subtitle, TEXT_WIDTH_MM) if subtitle else 0)
    space = (sum(_HEADING_AFTER_PT) if subtitle else _HEADING_AFTER_PT[1]) * _PT_MM
    return lines * LINE_MM + space


# What the estimates above may miss (a line that wraps after all, the picture line's
# descent): the picture is made this much shorter than the room left.
_SLACK_MM = 8.0


def picture_width_mm(png: bytes, above_mm: float) -> float:
    """The widest the picture can be so that it fits on the page below `above_mm` of text
    — with its heading, on one page — and within the text width."""
    width_px, height_px = (int(x) for x in struct.unpack(">II", png[16:24]))  # the PNG's IHDR
    room = max(TEXT_HEIGHT_MM - above_mm - _SLACK_MM, 40.0)
    return min(TEXT_WIDTH_MM, room * width_px / height_px)


# Times New Roman 12 pt averages ~2 mm a character in Russian text; used only to keep
# each period on the line of its activity when a long activity wraps (seed 002 does not).
_MM_PER_CHAR = 2.0


def _height(text: str, width_mm: float) -> int:
    """Lines a paragraph takes in a column: greedy word wrap, like Word's."""
    width = int((width_mm - 3) / _MM_PER_CHAR)
    if len(text) <= width:
        return 1
    lines, used = 1, 0
    for word in text.split():
        need = len(word) if used == 0 else used + 1 + len(word)
        if need <= width or used == 0:
            used = need if used else len(word)
            while used > width:  # a word longer than the line breaks anywhere
                lines += 1
                used -= width
        else:
            lines += 1
            used = len(word)
    return lines


def aligned_lines(activities: Sequence[str], periods: Sequence[str]) -> tuple[list[str], list[str]]:
    """Pad both cells with empty lines so that period i starts on the line of activity i.

    A period left empty (the one above repeats) lets the one above spill over its line.
    """
    acts: list[str] = []
    pers: list[str] = []
    used_a = used_p = 0  # lines filled so far in each cell
    for a, p in zip(activities, periods, strict=True):
        start = max(used_a, used_p) if p else used_a
        acts.extend([""] * (start - used_a))
        acts.append(a)
        used_a = start + _height(a, PLAN_COLUMNS_MM[3])
        if p:
            pers.extend([""] * (start - used_p))
            pers.append(p)
            used_p = start + _height(p, PLAN_COLUMNS_MM[4])
    return acts, pers


def _plan_table(rows: list[Row], lang: str):  # type: ignore[no-untyped-def]
    def cells(row: Row) -> list[Cell]:
        if isinstance(row, GroupRow):
            return [Cell([f"{row.number}."]), Cell([f"{row.name}:"], span=4, bold=True, keep_next=True)]
        acts, pers = aligned_lines(row.activities, row.periods)
        return [
            Cell([f"{row.number}."]),
            Cell([row.name]),
            Cell([row.purpose] if row.purpose else []),
            Cell(acts),
            Cell(pers),
        ]

    return table_xml(
        _twips(PLAN_COLUMNS_MM), PLAN_HEADERS.get(lang, PLAN_HEADERS["ru"]), (cells(r) for r in rows)
    )


def _calendar_table(events: tuple[Event, ...], lang: str):  # type: ignore[no-untyped-def]
    blocks, undated = calendar_blocks(events)
    words = labels(lang)
    header = tuple(words[k] for k in ("date", "activity", "partner", "form", "responsible"))

    def rows() -> Iterator[list[Cell]]:
        for block in blocks:
            yield [Cell([month_title(block.first_day, lang)], span=5, bold=True, center=True, keep_next=True)]
            for e in block.events:
                assert e.date is not None
                when = long_date(e.date, lang) + (f", {e.clock}" if e.clock else "")
                yield _event_cells(when, e)
        if undated:
            yield [Cell([words["undated"]], span=5, bold=True, center=True, keep_next=True)]
            for e in undated:
                yield _event_cells((e.period or "").strip(), e)
        if not blocks and not undated:  # a header over nothing would look like a fault
            yield [Cell([words["no_events"]], span=5, center=True)]

    return table_xml(_twips(CALENDAR_COLUMNS_MM), header, rows())


def _event_cells(when: str, e: Event) -> list[Cell]:
    return [
        Cell([when]),
        Cell([f"{e.title} — {e.where}" if e.where else e.title]),
        Cell([e.partner_name]),
        Cell([e.form]),
        Cell([e.responsible or ""]),
    ]
