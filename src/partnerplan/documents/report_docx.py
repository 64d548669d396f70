"""The year's report (and the year-end analysis) as a Word document."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime, timezone

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from partnerplan.documents.charts import bar_chart
from partnerplan.documents.datewords import long_date, month_title
from partnerplan.documents.docx import base_styles, heading, page_setup
from partnerplan.documents.ooxml import Cell, set_properties, table_xml, tidy_package, xml_text
from partnerplan.documents.package import fixed_zip
from partnerplan.documents.report import Report


def _twips(mm: Sequence[float]) -> list[int]:
    return [round(w / 25.4 * 1440) for w in mm]


# The year-end tables: a name, then six counts. «Планировалось», the longest header
# word, is 30 mm in Times New Roman 12 pt bold; with the cells' 1.5 mm margins it needs a
# 35 mm column, or Word and LibreOffice break it inside the word («Планировало / сь»).
OUTCOME_HEADER = ("", "Планировалось", "Проведено", "Перенесено", "Отменено", "Без отметки", "Участников")
OUTCOME_COLUMNS_MM = (82, 35, 30, 30, 30, 30, 30)
# A table this short goes to the next page whole rather than leave a row or two there.
KEEP_WHOLE_ROWS = 15


def render_report_docx(r: Report, title: str) -> bytes:
    doc = Document()
    page_setup(doc)
    base_styles(doc)
    subtitle = ", ".join(r.orgs) if len(r.orgs) <= 3 else f"Организаций: {len(r.orgs)}"
    heading(doc, title, subtitle)

    def para(text: str, bold: bool = False) -> None:
        p = doc.add_paragraph()
        p.paragraph_format.space_before = Pt(10)
        p.paragraph_format.space_after = Pt(4)
        p.paragraph_format.keep_with_next = True
        p.add_run(xml_text(text)).bold = bold

    def table(widths: Sequence[float], header: Sequence[str], rows: list[list[str]]) -> None:
        cells = ([Cell([str(x)]) for x in row] for row in rows)
        whole = len(rows) <= KEEP_WHOLE_ROWS
        tbl = table_xml(_twips(widths), header, cells, keep_together=whole)
        doc.element.body.insert(len(doc.element.body) - 1, tbl)

    def picture(items: list[tuple[str, int]], caption: str) -> None:
        if not items:
            return
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run().add_picture(io.BytesIO(bar_chart(items, caption)), width=Mm(200))

    para(
        f"Организаций: {len(r.orgs)}; партнёров: {r.partners_total}; мероприятий: {r.activities_total}; "
        f"событий с датами: {r.events_total}; в течение года и по запросу: {r.undated_total}."
    )
    if r.year_end_total is not None:
        t = r.year_end_total
        para("Итоги года", bold=True)
        para(
            f"Планировалось: {t.planned}; проведено: {t.done}; перенесено: {t.moved}; "
            f"отменено: {t.cancelled}; без отметки: {t.unmarked}; участников: {t.participants}."
        )
        for key, caption in (
            ("directions", "По направлениям"),
            ("partners", "По партнёрам"),
            ("orgs", "По организациям"),
        ):
            para(caption, bold=True)
            outcome_rows = [
                [o.name, o.planned, o.done, o.moved, o.cancelled, o.unmarked, o.participants]
                for o in r.year_end[key]
            ]
            table(OUTCOME_COLUMNS_MM, OUTCOME_HEADER, [[str(x) for x in row] for row in outcome_rows])
    para("События по месяцам", bold=True)
    picture([(month_title(d)[:3] + " " + str(d.year)[2:], n) for d, n in r.by_month], "События по месяцам")
    table((120, 60), ("Месяц", "Событий"), [[month_title(d), str(n)] for d, n in r.by_month])
    para("События по направлениям", bold=True)
    picture(r.by_direction, "События по направлениям")
    table((120, 60), ("Направление", "Событий"), [[d, str(n)] for d, n in r.by_direction])
    para("По организациям", bold=True)
    table(
        (147, 40, 40, 40),
        ("Организация", "Партнёров", "Мероприятий", "Событий"),
        [[str(x) for x in row] for row in r.by_org],
    )
    para("По партнёрам", bold=True)
    table(
        (167, 50, 50),
        ("Партнёр", "Организаций", "Событий"),
        [[n, str(o), str(e)] for _, n, o, e in r.by_partner],
    )
    if r.conflicts:
        para(f"Накладки: партнёр занят у нескольких организаций в один день ({len(r.conflicts)})", bold=True)
        rows = [
            [long_date(c.date), c.partner_name, "; ".join(f"{b.org}: {b.title}" for b in c.bookings)]
            for c in r.conflicts
        ]
        table((40, 70, 157), ("Дата", "Партнёр", "Организации и мероприятия"), rows)
    for pid, bookings in r.shared.items():
        para(f"Календарь общего партнёра: {r.shared_names[pid]}", bold=True)
        table(
            (40, 100, 127),
            ("Дата", "Организация", "Мероприятие"),
            [[long_date(b.date), b.org, b.title] for b in bookings],
        )
    if r.idle_partners:
        para("Партнёры без мероприятий", bold=True)
        table((133, 134), ("Организация", "Партнёр"), [[o, p] for o, p in r.idle_partners])
    if r.idle_directions:
        para("Направления без мероприятий", bold=True)
        table((133, 134), ("Организация", "Направление"), [[o, d] for o, d in r.idle_directions])
    first = r.by_month[0][0] if r.by_month else None
    set_properties(
        doc,
        title=title,
        subject=subtitle,
        stamp=datetime(first.year, first.month, first.day, tzinfo=timezone.utc) if first else None,  # noqa: UP017
    )
    tidy_package(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return fixed_zip(buf.getvalue())
