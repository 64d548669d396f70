"""An Excel workbook as the importer's document: each visible sheet one table on its grid.

Owns the reading of .xlsx with openpyxl. Merged cells become spans (horizontal) and
`continued` cells that carry the top cell's text (vertical), as in a Word table; a line
break typed with Alt+Enter starts a new line of the cell. Real dates are written the
way a Russian plan writes them (01.06.2025), times as 14:00, whole numbers without «.0».
A sheet's title and «УТВЕРЖДАЮ» rows stay rows: the layout finds them above the header.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from partnerplan.documents.importer_grid import Cell, Doc, Para, Row, Table
from partnerplan.documents.importer_source import ImportFailed, SafeZip

MAX_MERGED_CELLS = 200_000  # a merge wider than this is a formatting accident: keep its corner


def read_xlsx(z: SafeZip, data: bytes) -> Doc:
    import warnings
    import zipfile

    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
            wb = load_workbook(io.BytesIO(data), data_only=True, rich_text=False)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        raise ImportFailed(f"{z.path}: не удаётся открыть как таблицу Excel (.xlsx): {exc}") from None
    blocks: list[Para | Table] = []
    for number, ws in enumerate(wb.worksheets, start=1):
        if getattr(ws, "sheet_state", "visible") != "visible":
            continue
        table = _sheet(ws, number)
        if table.rows and table.ncols:
            blocks.append(table)
    props = wb.properties
    properties = {
        key: str(value).strip()
        for key, value in (
            ("title", props.title),
            ("subject", props.subject),
            ("category", props.category),
            ("creator", props.creator),
        )
        if value and str(value).strip()
    }
    return Doc(z.path, "xlsx", blocks, properties, None)


def _sheet(ws: Any, number: int) -> Table:
    merged: dict[tuple[int, int], tuple[int, int, int]] = {}  # (row, col) → top row, first col, span
    for rng in ws.merged_cells.ranges:
        r0, c0, r1, c1 = rng.min_row, rng.min_col, rng.max_row, rng.max_col
        if (r1 - r0 + 1) * (c1 - c0 + 1) > MAX_MERGED_CELLS:
            continue
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                merged[(r, c)] = (r0, c0, c1 - c0 + 1)
    top_paras: dict[tuple[int, int], tuple[Para, ...]] = {}
    rows: list[Row] = []
    width = 0
    for r, cells_in_row in enumerate(ws.iter_rows(), start=1):
        cells: list[Cell] = []
        for xl in cells_in_row:
            c = xl.column
            where = merged.get((r, c))
            if where is not None and (r, c) != (where[0], where[1]):
                if c == where[1]:  # the lower part of a vertical merge
                    cells.append(Cell(top_paras.get((where[0], c), ()), c - 1, where[2], continued=True))
                continue
            paras = _paras(xl)
            span = where[2] if where is not None else 1
            if where is not None:
                top_paras[(r, c)] = paras
            cells.append(Cell(paras, c - 1, span))
        for cell in cells:
            if cell.text:
                width = max(width, cell.col + cell.span)
        rows.append(Row(cells, r))
    while rows and not any(c.text for c in rows[-1].cells):
        rows.pop()
    return Table(number, rows, width, sheet=str(ws.title))


def _paras(xl: Any) -> tuple[Para, ...]:
    text = cell_text(xl.value)
    if not text:
        return ()
    font = getattr(xl, "font", None)
    bold = bool(font is not None and font.b)
    align = getattr(getattr(xl, "alignment", None), "horizontal", None) or ""
    return tuple(Para(line, bold, str(align)) for line in text.replace("\r\n", "\n").split("\n"))


def cell_text(value: Any) -> str:
    """A cell's value as a plan writes it."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.strftime("%d.%m.%Y")
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
    return str(value).replace("\u00a0", " ")
