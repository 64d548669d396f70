"""Build the .xlsx import corpus from the case files in ``cases/``.

Usage::

    python build.py [OUTDIR]        # default: built/ beside this file

Every ``cases/NN_name.yaml`` becomes ``OUTDIR/NN_name.xlsx``.  The build is
deterministic: fixed workbook properties (creator, created/modified dates) and
fixed timestamps inside the zip, so the same case always gives the same bytes.
After writing, each workbook is opened again with openpyxl and checked against
its case (values, real dates, merges, hidden columns, sheet names), and the
``expected`` block is checked against the sheet text; any mismatch is an error.

Case file schema
================

Top level::

    source:  "https://…"          # address of the published plan transcribed
    org:     school | culture | municipal | sports   # kind of publisher
    layout:  "…"                  # one line: which layout features the case has
    rows_transcribed: 7           # data rows (activities) taken from the source
    notes:   "…"                  # optional: what is verbatim, what was added
    sheets:  [SHEET, …]           # in workbook order
    expected: EXPECTED

SHEET::

    name: "План"                  # sheet title
    rows: [ROW, …]                # row by row from row 1
    hidden_columns: [D]           # optional: columns hidden in the sheet
    widths: {A: 6, B: 60}         # optional: column widths (characters)

ROW is a list of cells written left to right from column A; ``[]`` is an empty
row.  Columns still covered by a vertical merge (``vspan``) from a row above
are skipped automatically, so a covered row simply lists fewer cells.

A cell is either a plain value or a mapping:

* plain string -> text cell (a string is never turned into a number or date:
  ``"15.10.2025"`` stays text); a string with ``\\n`` gets wrap text on
  (a line break as typed with Alt+Enter);
* plain integer / float -> number cell;
* ``null`` -> empty cell (the column is skipped);
* mapping, keys (all optional except one of text/number/date):

  ``text``    text value (same as a plain string)
  ``number``  numeric value
  ``date``    "YYYY-MM-DD": a real Excel date (datetime cell) with number
              format ``format`` (default ``DD.MM.YYYY``)
  ``format``  number format for a date or number cell
  ``col``     column letter where this cell goes; the following cells of the
              row continue after it
  ``span``    merge this many columns to the right (horizontal merge)
  ``vspan``   merge this many rows downward (vertical merge)
  ``bold``, ``italic``   font flags
  ``align``   left | center | right   (horizontal alignment)
  ``wrap``    wrap text on/off (default: on when the text has a line break)

EXPECTED (what a methodist would read out of the plan)::

    organisation: "…"             # as the document writes it; null if it does not say
    year: "2014/2015"             # academic year; null if the plan has none
    partners:
      - name: "…"                 # the partner as a methodist would name it
        activities:
          - title: "…"            # the activity (cell text, whitespace collapsed)
            period: "…"           # date/period as text; a real Excel date is
                                  # written DD.MM.YYYY; null if none
    unassigned:                   # activities a methodist would tie to no partner
      - {title: "…", period: "…"}

An activity carried out with two partners is listed under each of them.
Titles, partner names and text periods must each occur (after collapsing
whitespace) inside some cell of the workbook; the build checks this.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

import yaml
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.writer.excel import ExcelWriter

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"

CREATOR = "partnerplan import corpus"
FIXED_TIME = dt.datetime(2025, 9, 1, 9, 0, 0)
ZIP_TIME = (2025, 9, 1, 9, 0, 0)
DEFAULT_DATE_FORMAT = "DD.MM.YYYY"


class CaseError(Exception):
    pass


# --------------------------------------------------------------------------- helpers


def norm(text: str) -> str:
    """Collapse all whitespace (line breaks included) to single spaces."""
    return re.sub(r"\s+", " ", str(text)).strip()


def parse_date(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    return dt.datetime.strptime(str(value), "%Y-%m-%d")


def cell_spec(raw) -> dict | None:
    """Normalise a case cell to a mapping, or None for an empty cell."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise CaseError(f"boolean cell value {raw!r} is not allowed")
    if isinstance(raw, str):
        return {"text": raw}
    if isinstance(raw, (int, float)):
        return {"number": raw}
    if isinstance(raw, dict):
        allowed = {
            "text",
            "number",
            "date",
            "format",
            "col",
            "span",
            "vspan",
            "bold",
            "italic",
            "align",
            "wrap",
        }
        unknown = set(raw) - allowed
        if unknown:
            raise CaseError(f"unknown cell keys {sorted(unknown)} in {raw!r}")
        kinds = [k for k in ("text", "number", "date") if k in raw]
        if len(kinds) != 1:
            raise CaseError(f"cell needs exactly one of text/number/date: {raw!r}")
        return dict(raw)
    raise CaseError(f"cannot read cell {raw!r}")


def layout_sheet(sheet: dict):
    """Yield (row, col, spec) for every non-empty cell, honouring col/vspan."""
    covered: dict[int, int] = {}  # column -> last row still covered by a vspan
    for r, row in enumerate(sheet.get("rows") or [], start=1):
        if not isinstance(row, list):
            raise CaseError(f"sheet {sheet.get('name')!r} row {r} is not a list")
        col = 1
        for raw in row:
            spec = cell_spec(raw)
            if spec is not None and "col" in spec:
                col = column_index_from_string(spec["col"])
            while covered.get(col, 0) >= r:
                col += 1
            if spec is not None:
                if covered.get(col, 0) >= r:
                    raise CaseError(f"cell {get_column_letter(col)}{r} lies in a merge")
                yield r, col, spec
                span = int(spec.get("span", 1))
                vspan = int(spec.get("vspan", 1))
                if vspan > 1:
                    for c in range(col, col + span):
                        covered[c] = r + vspan - 1
                col += span
            else:
                col += 1


# --------------------------------------------------------------------------- build


def build_workbook(case: dict) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in case["sheets"]:
        ws = wb.create_sheet(title=sheet["name"])
        for r, c, spec in layout_sheet(sheet):
            cell = ws.cell(row=r, column=c)
            if "text" in spec:
                cell.value = str(spec["text"])
            elif "number" in spec:
                cell.value = spec["number"]
                if "format" in spec:
                    cell.number_format = spec["format"]
            else:
                cell.value = parse_date(spec["date"])
                cell.number_format = spec.get("format", DEFAULT_DATE_FORMAT)
            if spec.get("bold") or spec.get("italic"):
                cell.font = Font(bold=bool(spec.get("bold")), italic=bool(spec.get("italic")))
            wrap = spec.get("wrap")
            if wrap is None:
                wrap = "text" in spec and "\n" in str(spec["text"])
            if wrap or spec.get("align"):
                cell.alignment = Alignment(
                    horizontal=spec.get("align"), vertical="top" if wrap else None, wrap_text=bool(wrap)
                )
            span, vspan = int(spec.get("span", 1)), int(spec.get("vspan", 1))
            if span > 1 or vspan > 1:
                ws.merge_cells(start_row=r, start_column=c, end_row=r + vspan - 1, end_column=c + span - 1)
        for letter, width in (sheet.get("widths") or {}).items():
            ws.column_dimensions[letter].width = width
        for letter in sheet.get("hidden_columns") or []:
            ws.column_dimensions[letter].hidden = True
    props = wb.properties
    props.creator = CREATOR
    props.lastModifiedBy = CREATOR
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.title = None
    return wb


def workbook_bytes(wb: Workbook) -> bytes:
    """Serialise with fixed properties and fixed zip timestamps."""
    raw = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook() would stamp "modified" with now().
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------- checks


def verify(case: dict, path: Path) -> dict:
    """Open the built file again and compare it with the case; return counts."""
    wb = load_workbook(path)
    names = [s["name"] for s in case["sheets"]]
    if wb.sheetnames != names:
        raise CaseError(f"sheets {wb.sheetnames} != {names}")
    if wb.properties.creator != CREATOR or wb.properties.modified != FIXED_TIME:
        raise CaseError("workbook properties were not fixed")
    texts: list[str] = []
    for sheet in case["sheets"]:
        ws = wb[sheet["name"]]
        merges = {str(m) for m in ws.merged_cells.ranges}
        want_merges = set()
        for r, c, spec in layout_sheet(sheet):
            cell = ws.cell(row=r, column=c)
            where = f"{sheet['name']}!{cell.coordinate}"
            if "text" in spec:
                if cell.value != str(spec["text"]) or cell.data_type != "s":
                    raise CaseError(f"{where}: {cell.value!r} != text {spec['text']!r}")
                texts.append(norm(cell.value))
            elif "number" in spec:
                if cell.value != spec["number"]:
                    raise CaseError(f"{where}: {cell.value!r} != {spec['number']!r}")
                texts.append(str(cell.value))
            else:
                want = parse_date(spec["date"])
                if not (cell.is_date and cell.value == want):
                    raise CaseError(f"{where}: {cell.value!r} is not the date {want}")
                texts.append(want.strftime("%d.%m.%Y"))
            span, vspan = int(spec.get("span", 1)), int(spec.get("vspan", 1))
            if span > 1 or vspan > 1:
                want_merges.add(f"{cell.coordinate}:{get_column_letter(c + span - 1)}{r + vspan - 1}")
            if "\n" in str(spec.get("text", "")) and spec.get("wrap", True) and not cell.alignment.wrap_text:
                raise CaseError(f"{where}: line break without wrap text")
        if merges != want_merges:
            raise CaseError(f"{sheet['name']}: merges {sorted(merges)} != {sorted(want_merges)}")
        for letter in sheet.get("hidden_columns") or []:
            if not ws.column_dimensions[letter].hidden:
                raise CaseError(f"{sheet['name']}: column {letter} is not hidden")

    everything = " | ".join(texts)
    exp = case["expected"]
    for key in ("organisation", "year", "partners", "unassigned"):
        if key not in exp:
            raise CaseError(f"expected.{key} is missing")
    activities = 0
    distinct: set[str] = set()

    def check_activity(act, owner):
        nonlocal activities
        activities += 1
        distinct.add(norm(act["title"]))
        if set(act) - {"title", "period"}:
            raise CaseError(f"activity keys {sorted(act)} under {owner}")
        if norm(act["title"]) not in everything:
            raise CaseError(f"title not in sheet: {act['title']!r} ({owner})")
        period = act.get("period")
        if period is not None and norm(period) not in everything:
            raise CaseError(f"period not in sheet: {period!r} for {act['title']!r}")

    for partner in exp["partners"]:
        if norm(partner["name"]) not in everything:
            raise CaseError(f"partner name not in sheet: {partner['name']!r}")
        if not partner.get("activities"):
            raise CaseError(f"partner {partner['name']!r} has no activities")
        for act in partner["activities"]:
            check_activity(act, partner["name"])
    for act in exp["unassigned"] or []:
        check_activity(act, "unassigned")
    linked = activities - len(exp["unassigned"] or [])
    return {
        "partners": len(exp["partners"]),
        "linked": linked,
        "unassigned": len(exp["unassigned"] or []),
        "distinct": len(distinct),
    }


def load_case(path: Path) -> dict:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in ("source", "org", "layout", "rows_transcribed", "sheets", "expected"):
        if key not in case:
            raise CaseError(f"{path.name}: missing top-level key {key!r}")
    return case


def main(argv: list[str]) -> int:
    outdir = Path(argv[1]) if len(argv) > 1 else HERE / "built"
    outdir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for path in sorted(CASES.glob("*.yaml")):
        target = outdir / (path.stem + ".xlsx")
        try:
            case = load_case(path)
            target.write_bytes(workbook_bytes(build_workbook(case)))
            counts = verify(case, target)
        except CaseError as exc:
            failed += 1
            print(f"FAIL {path.name}: {exc}", file=sys.stderr)
            continue
        print(
            f"ok   {target.name}: {case['rows_transcribed']} rows, "
            f"{counts['partners']} partners, {counts['linked']} partner-activity links, "
            f"{counts['unassigned']} unassigned, {counts['distinct']} distinct activities"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
