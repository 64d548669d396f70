"""The plan, the calendar and the report as Excel workbooks a methodist can filter.

Owns the .xlsx outputs: `plan_xlsx` (the «Комплексный план», one row per activity so
that a filter on the partner, the form or the period shows whole lines), `schedule_xlsx`
(the year's events with real dates) and `report_xlsx` (one sheet per table of the
report, counts as numbers, months as dates). Every sheet has its title above a bold
header row that stays in view (frozen panes), an autofilter on the header, the header
repeated on every printed page, and prints on A4 landscape, one page wide. The bytes
are reproducible: fixed document properties and zip timestamps, as for the Word files.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from partnerplan.dates.schedule import Event
from partnerplan.documents.package import fixed_zip
from partnerplan.documents.report import Report
from partnerplan.plan.model import Plan

_FIXED = datetime(2025, 9, 1, 0, 0, 0)
_DATE_FORMAT = "DD.MM.YYYY"
_MONTH_FORMAT = "[$-419]MMMM YYYY"  # «октябрь 2025» in Russian Excel and LibreOffice
_KINDS = {
    "dated": "по плану",
    "pinned": "точная дата",
    "ongoing": "в течение года",
    "on_demand": "по запросу",
    "unscheduled": "без даты",
}
_BAD_SHEET_CHARS = str.maketrans({c: " " for c in "[]:*?/\\"})

Value = str | int | float | date | None


class _Book:
    """A workbook being written: sheets with a title, a header and rows."""

    def __init__(self, title: str) -> None:
        from openpyxl import Workbook  # type: ignore[import-untyped]

        self.wb = Workbook()
        self.wb.remove(self.wb.active)
        self.title = title
        self.names: set[str] = set()

    def sheet(
        self,
        name: str,
        title: str,
        header: Sequence[str],
        rows: Iterable[Sequence[Value]],
        widths: Sequence[float],
        formats: dict[int, str] | None = None,
    ) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # type: ignore[import-untyped]
        from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

        ws = self.wb.create_sheet(self._unique(name))
        ncols = len(header)
        last = get_column_letter(ncols)
        ws.append([title])
        ws.merge_cells(f"A1:{last}1")
        ws["A1"].font = Font(name=_FONT, bold=True, size=13)
        ws["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.row_dimensions[1].height = 17 * (title.count("\n") + 1) + 6
        ws.append(list(header))
        thin = Side(style="thin", color="808080")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        ws.row_dimensions[2].height = _height(header, widths)
        for cell in ws[2]:
            cell.font = Font(name=_FONT, bold=True)
            cell.fill = PatternFill("solid", fgColor="DDE4EE")
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = border
        wrap = Alignment(vertical="top", wrap_text=True)
        count = 0
        for row in rows:
            ws.append([_cell(v) for v in row])
            count += 1
            # LibreOffice does not fit wrapped rows to their text on opening: give each its height.
            ws.row_dimensions[ws.max_row].height = _height(row, widths)
            for k, cell in enumerate(ws[ws.max_row]):
                cell.alignment = wrap
                cell.border = border
                if cell.data_type == "f":  # text that starts with «=» stays text: a plan is no program
                    cell.data_type = "s"
                fmt = (formats or {}).get(k)
                if fmt:
                    cell.number_format = fmt
                elif isinstance(row[k], date):
                    cell.number_format = _DATE_FORMAT
        for k, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(k)].width = width
        ws.freeze_panes = "A3"
        ws.auto_filter.ref = f"A2:{last}{2 + max(count, 1)}"
        ws.print_title_rows = "2:2"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.gridLines = False
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.oddFooter.center.text = "&P / &N"

    def _unique(self, name: str) -> str:
        base = " ".join(name.translate(_BAD_SHEET_CHARS).split())[:31].strip("' ") or "Лист"
        candidate, n = base, 2
        while candidate.lower() in self.names:
            suffix = f" ({n})"
            candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
        self.names.add(candidate.lower())
        return candidate

    def bytes(self) -> bytes:
        from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

        props = self.wb.properties
        props.creator = props.lastModifiedBy = "partnerplan"
        props.title = self.title
        props.created = props.modified = _FIXED
        if not self.wb.worksheets:
            self.sheet("Пусто", self.title, [""], [], [20])
        raw = io.BytesIO()
        # ExcelWriter directly: openpyxl's save_workbook stamps «modified» with the clock.
        with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
            ExcelWriter(self.wb, archive).save()
        return fixed_zip(raw.getvalue())


_FONT = "Calibri"
_LINE_PT = 15  # a line of Calibri 11 pt


def _height(row: Sequence[Value], widths: Sequence[float]) -> float:
    """Points a row needs: its tallest cell, word-wrapped at about one character per width unit."""
    lines = 1
    for value, width in zip(row, widths, strict=False):
        if isinstance(value, str) and value:
            per_line = max(int(width * 0.95) - 1, 1)
            lines = max(lines, sum(_wrapped(part, per_line) for part in value.split("\n")))
    return lines * _LINE_PT + 3


def _wrapped(text: str, width: int) -> int:
    lines, used = 1, 0
    for word in text.split():
        need = len(word) if used == 0 else used + 1 + len(word)
        if need <= width:
            used = need
        elif used == 0:  # a word longer than the line is broken anywhere
            lines += (len(word) - 1) // width
            used = len(word) % width or width
        else:
            lines += 1 + (len(word) - 1) // width
            used = len(word) % width or width
    return lines


def _cell(value: Value) -> Any:
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]

        return ILLEGAL_CHARACTERS_RE.sub("", value) or None  # an empty cell, not an empty text
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value


PLAN_HEADER = (
    "№",
    "Группа",
    "Социальный партнёр",
    "Характеристика взаимодействия",
    "Форма взаимодействия",
    "Мероприятие",
    "Период",
    "Даты",
    "Ответственный",
    "Участники",
    "Направления",
    "Примечание",
)
PLAN_WIDTHS = (4, 18, 26, 34, 16, 38, 16, 11, 18, 16, 20, 24)
_OPTIONAL = {1, 7, 8, 9, 10, 11}  # a column no partner fills is left out


def plan_xlsx(checked: Any) -> bytes:
    """The «Комплексный план» of a usable `Checked` plan: one row per activity (a partner
    without activities has one row of its own), in the order of the Word table."""
    from partnerplan.documents.docx import default_title
    from partnerplan.documents.table import partner_blocks

    plan: Plan = checked.plan
    voc = checked.vocabulary
    title = plan.title or default_title(plan)
    rows: list[list[Value]] = []
    n = 0
    for group, members in partner_blocks(plan):
        group_name = voc.groups.get(group, group) if group else ""
        for p in members:
            n += 1
            directions = ", ".join(voc.directions.get(d, d) for d in p.directions)
            base: list[Value] = [n, group_name, p.name, p.purpose or ""]
            if not p.activities:
                rows.append([*base, "", "", "", "", "", "", directions, p.note or ""])
            for a in p.activities:
                dates = ", ".join(d.strftime("%d.%m.%Y") for d in a.dates)
                rows.append(
                    [
                        *base,
                        voc.form_name(a.form),
                        a.title or voc.form_name(a.form),
                        a.period or "",
                        dates,
                        a.responsible or "",
                        a.participants or "",
                        directions,
                        a.note or "",
                    ]
                )
    keep = [k for k in range(len(PLAN_HEADER)) if k not in _OPTIONAL or any(r[k] for r in rows)]
    book = _Book(title)
    book.sheet(
        "Комплексный план",
        f"{title}\n{plan.planner.name}",
        [PLAN_HEADER[k] for k in keep],
        ([r[k] for k in keep] for r in rows),
        [PLAN_WIDTHS[k] for k in keep],
    )
    return book.bytes()


SCHEDULE_HEADER = (
    "Дата",
    "День недели",
    "Время",
    "Партнёр",
    "Мероприятие",
    "Место",
    "Форма",
    "Период",
    "Ответственный",
    "Направления",
    "Вид",
)
SCHEDULE_WIDTHS = (12, 8, 12, 28, 44, 22, 18, 22, 20, 22, 14)
_SCHEDULE_OPTIONAL = {2, 5}  # time and place: only when some event has them
_WEEKDAYS = ("пн", "вт", "ср", "чт", "пт", "сб", "вс")


def schedule_xlsx(plan: Plan, events: Iterable[Event]) -> bytes:
    """The year's events, dated ones first by date, then those without a date."""
    ordered = sorted(events, key=Event.sort_key)
    rows: list[list[Value]] = [
        [
            e.date,
            _WEEKDAYS[e.date.weekday()] if e.date else "",
            _time(e),
            e.partner_name,
            e.title,
            getattr(e, "place", None) or "",
            e.form,
            e.period or "",
            e.responsible or "",
            ", ".join(e.directions),
            _KINDS.get(e.kind, e.kind),
        ]
        for e in ordered
    ]
    keep = [k for k in range(len(SCHEDULE_HEADER)) if k not in _SCHEDULE_OPTIONAL or any(r[k] for r in rows)]
    title = f"Календарный план: {plan.planner.name}, {plan.year}"
    book = _Book(title)
    book.sheet(
        "Календарь",
        title,
        [SCHEDULE_HEADER[k] for k in keep],
        ([r[k] for k in keep] for r in rows),
        [SCHEDULE_WIDTHS[k] for k in keep],
        {0: _DATE_FORMAT},
    )
    return book.bytes()


def _time(e: Event) -> str:
    """«18:00» or «15:00–16:00»: the time the period gives, when it gives one."""
    start, end = getattr(e, "time", None), getattr(e, "end_time", None)
    if start is None:
        return ""
    text: str = start.strftime("%H:%M")
    return text + (f"–{end.strftime('%H:%M')}" if end is not None else "")


_OUTCOME = ("", "Планировалось", "Проведено", "Перенесено", "Отменено", "Без отметки", "Участников")


def _rows(rows: Iterable[list[Value]]) -> list[list[Value]]:
    return list(rows)


def report_xlsx(report: Report) -> bytes:
    """The report, one sheet per table; counts are numbers, months are dates."""
    r = report
    title = "Отчёт: " + (", ".join(r.orgs) if len(r.orgs) <= 3 else f"организаций {len(r.orgs)}")
    book = _Book(title)
    summary: list[list[Value]] = [
        ["Организаций", len(r.orgs)],
        ["Партнёров", r.partners_total],
        ["Мероприятий", r.activities_total],
        ["Событий с датами", r.events_total],
        ["В течение года и по запросу", r.undated_total],
    ]
    if r.year_end_total is not None:
        t = r.year_end_total
        summary += [
            ["Планировалось", t.planned],
            ["Проведено", t.done],
            ["Перенесено", t.moved],
            ["Отменено", t.cancelled],
            ["Без отметки", t.unmarked],
            ["Участников", t.participants],
        ]
    book.sheet("Итоги", title, ("Показатель", "Значение"), summary, (36, 14))
    for key, name in (
        ("directions", "По направлениям"),
        ("partners", "По партнёрам"),
        ("orgs", "По организациям"),
    ):
        if key in r.year_end:
            rows: list[list[Value]] = [
                [o.name, o.planned, o.done, o.moved, o.cancelled, o.unmarked, o.participants]
                for o in r.year_end[key]
            ]
            book.sheet(
                f"Итоги года — {name.lower()}",
                f"Итоги года: {name.lower()}",
                (name, *_OUTCOME[1:]),
                rows,
                (40, 16, 12, 13, 12, 13, 13),
            )
    book.sheet("По месяцам", "События по месяцам", ("Месяц", "Событий"), [[d, n] for d, n in r.by_month],
               (20, 12), {0: _MONTH_FORMAT})  # fmt: skip
    conflicts: list[list[Value]] = [
        [c.date, c.partner_name, "; ".join(f"{b.org}: {b.title}" for b in c.bookings)] for c in r.conflicts
    ]
    calendars = [
        (f"Календарь — {name}", f"Календарь общего партнёра: {name}", ("Дата", "Организация", "Мероприятие"),
         _rows([b.date, b.org, b.title] for b in bookings), (12.0, 40.0, 60.0), True)
        for name, bookings in ((r.shared_names[pid], found) for pid, found in r.shared.items())
    ]  # fmt: skip
    # (sheet, title, header, rows, widths, written even when empty)
    tables: list[tuple[str, str, tuple[str, ...], list[list[Value]], tuple[float, ...], bool]] = [
        ("По направлениям", "События по направлениям", ("Направление", "Событий"),
         [[d, n] for d, n in r.by_direction], (40, 12), True),
        ("По организациям", "По организациям", ("Организация", "Партнёров", "Мероприятий", "Событий"),
         [list(row) for row in r.by_org], (48, 12, 14, 12), True),
        ("По партнёрам", "По партнёрам", ("Партнёр", "Организаций", "Событий"),
         [[name, orgs, n] for _, name, orgs, n in r.by_partner], (48, 14, 12), True),
        ("Накладки", "Партнёр занят у нескольких организаций в один день",
         ("Дата", "Партнёр", "Организации и мероприятия"), conflicts, (12, 30, 70), False),
        *calendars,
        ("Партнёры без мероприятий", "Партнёры без мероприятий", ("Организация", "Партнёр"),
         [list(x) for x in r.idle_partners], (40, 40), False),
        ("Направления без мероприятий", "Направления без мероприятий", ("Организация", "Направление"),
         [list(x) for x in r.idle_directions], (40, 40), False),
    ]  # fmt: skip
    for sheet, sheet_title, header, rows_, widths, always in tables:
        if rows_ or always:
            book.sheet(sheet, sheet_title, header, rows_, widths)
    return book.bytes()
