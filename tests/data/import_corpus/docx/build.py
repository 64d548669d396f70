"""Build the .docx import corpus from the case files in ``cases/``.

Usage::

    python build.py [OUTDIR]        # default: built/ beside this file

Every ``cases/NN_name.yaml`` becomes ``OUTDIR/NN_name.docx``.  The build is
deterministic: fixed core properties (author, created/modified dates, revision)
and fixed timestamps inside the zip, so the same case always gives the same
bytes.  After writing, each document is opened again with python-docx and
checked against its case (paragraph texts, every table cell's paragraphs and
line breaks, gridSpan, vMerge, gridBefore/gridAfter, nested tables); the
``expected`` block is checked against the document text.  Any mismatch is an
error and the script exits with status 1.

Tables are written with lxml (python-docx has no API for gridAfter, vMerge,
borderless tables or nested tables), everything else with python-docx.

Case file schema
================

Top level::

    source:  "https://…"          # address of the published plan transcribed
    org:     school | kindergarten | dod | library | culture | sport | municipal
    layout:  "…"                  # one line: layout family and notable features
    rows_transcribed: 7           # table rows holding activities taken from the
                                  # source (header and group rows not counted)
    notes:   "…"                  # optional: what is verbatim, what is reconstructed
    page:    portrait | landscape # optional, default portrait (A4, 2 cm margins)
    font_size: 12                 # optional, body text size in pt (default 12)
    document: [BLOCK, …]          # the document body, in order
    expected: EXPECTED

BLOCK is one of::

    - paragraph: "text"           # a paragraph; "\\n" inside = line break
                                  # (Shift+Enter, <w:br/>) within the paragraph
    - paragraph: "text"           # the same with formatting: the keys below sit
      bold: true                  # beside ``paragraph`` in the same mapping
      italic: true
      align: left | center | right | both
      size: 14                    # pt
    - table: TABLE

Two tables that follow each other get an empty paragraph between them (Word
would otherwise join them into one table), and a document that ends with a
table gets a final empty paragraph, as Word always has one.

TABLE::

    borders: true                 # default true; false = no borders at all
                                  # (tblBorders all "nil"): layout tables such
                                  # as an approval block or a signature line
    widths: [1.2, 8, 3, 5]        # optional: grid column widths in cm; default:
                                  # the text width shared equally
    grid: 6                       # optional: number of grid columns; default:
                                  # the widest row (cells + spans + gridBefore
                                  # + gridAfter)
    font_size: 11                 # optional: pt for every run in the table
    rows: [ROW, …]

ROW is a list of cells, or a mapping::

    - {cells: [CELL, …], grid_after: 2, grid_before: 0, header: true, bold: true}

``grid_after`` / ``grid_before`` write <w:gridAfter>/<w:gridBefore> (a row
shorter than the grid: Word shows no cell there); ``header`` marks the row as
a repeated header row (<w:tblHeader>); ``bold`` makes every cell of the row
bold.

CELL is a string, null, or a mapping::

    "text"                        # "\\n" = a new paragraph (Enter)
    null                          # an empty cell (one empty paragraph)
    text: "a\\nb"                  # same as a plain string
    breaks: ["line 1", "line 2"]  # ONE paragraph whose lines are separated
                                  # by <w:br/> (Shift+Enter)
    paragraphs: [P, …]            # explicit paragraphs; P is a string ("\\n"
                                  # inside = <w:br/>) or {text, bold, italic,
                                  # align}
    span: 3                       # <w:gridSpan> (horizontal merge)
    vmerge: restart | continue    # <w:vMerge> (vertical merge); a "continue"
                                  # cell holds one empty paragraph
    bold / italic: true           # for all runs of the cell
    align: left | center | right | both
    valign: top | center | bottom
    table: TABLE                  # a nested table inside the cell, written
                                  # after the cell's paragraphs (a cell always
                                  # ends with a paragraph, as Word requires)

Exactly one of text / breaks / paragraphs may be given (none = empty cell).

EXPECTED (what a careful methodist reads out of the plan)::

    organisation: "…"             # the plan's author; null if the document does
                                  # not say
    organisation_found_as: "…"    # optional: how the document spells it, when
                                  # ``organisation`` is normalised (case, inflection)
    year: "2012/2013"             # academic year from the title; null if the
                                  # title names none (a month or calendar year
                                  # such as «на май 2023 года» is not one)
    partners:
      - name: "…"                 # the partner as a methodist would name it
        found_as: "…"             # optional: the spelling in the document when
                                  # ``name`` is normalised (case, inflection)
        activities:
          - title: "…"            # the activity (whitespace collapsed)
            period: "…"           # the period cell text (whitespace collapsed);
                                  # null if the plan has no period for it
    unassigned:                   # activities a methodist would tie to no partner
      - {title: "…", period: "…"}

An activity carried out with several partners is listed under each of them.
Partner names (or ``found_as``), titles and periods must each occur, compared
case-insensitively after collapsing whitespace, inside one paragraph or one
table cell of the document; ``organisation`` (or ``organisation_found_as``)
must occur in the whole document text.  The build checks this.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

import docx
import yaml
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"

AUTHOR = "partnerplan import corpus"
FIXED_TIME = dt.datetime(2025, 9, 1, 9, 0, 0)
ZIP_TIME = (2025, 9, 1, 9, 0, 0)
FONT = "Times New Roman"
MARGIN_CM = 2.0
A4 = (21.0, 29.7)
TWIPS_PER_CM = 1440 / 2.54

ORGS = {"school", "kindergarten", "dod", "library", "culture", "sport", "municipal"}
ALIGN = {"left": "left", "center": "center", "right": "right", "both": "both"}
VALIGN = {"top": "top", "center": "center", "bottom": "bottom"}
BR = "\u000b"  # how a <w:br/> is shown in the canonical paragraph text


class CaseError(Exception):
    pass


# --------------------------------------------------------------------------- helpers


def norm(text) -> str:
    """Collapse all whitespace (line breaks included) to single spaces."""
    return re.sub(r"\s+", " ", str(text)).strip()


def twips(cm: float) -> int:
    return round(cm * TWIPS_PER_CM)


def el(tag: str, **attrs) -> OxmlElement:
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(k), str(v))
    return e


def para_spec(raw) -> dict:
    """A paragraph description: {text, bold, italic, align} (text may hold \\n = br)."""
    if raw is None:
        return {"text": ""}
    if isinstance(raw, str):
        return {"text": raw}
    if isinstance(raw, dict):
        unknown = set(raw) - {"text", "bold", "italic", "align"}
        if unknown:
            raise CaseError(f"unknown paragraph keys {sorted(unknown)} in {raw!r}")
        return dict(raw, text=str(raw.get("text", "")))
    raise CaseError(f"cannot read paragraph {raw!r}")


CELL_KEYS = {"text", "breaks", "paragraphs", "span", "vmerge", "bold", "italic", "align", "valign", "table"}


def cell_spec(raw) -> dict:
    """Normalise a case cell to {paragraphs: [para_spec…], span, vmerge, …}."""
    if raw is None:
        raw = {}
    elif isinstance(raw, str):
        raw = {"text": raw}
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raw = {"text": str(raw)}
    if not isinstance(raw, dict):
        raise CaseError(f"cannot read cell {raw!r}")
    unknown = set(raw) - CELL_KEYS
    if unknown:
        raise CaseError(f"unknown cell keys {sorted(unknown)} in {raw!r}")
    given = [k for k in ("text", "breaks", "paragraphs") if k in raw]
    if len(given) > 1:
        raise CaseError(f"cell has more than one of text/breaks/paragraphs: {raw!r}")
    if "text" in raw:
        paras = [{"text": line} for line in str(raw["text"]).split("\n")]
    elif "breaks" in raw:
        paras = [{"text": "\n".join(str(x) for x in raw["breaks"])}]
    elif "paragraphs" in raw:
        paras = [para_spec(p) for p in raw["paragraphs"]] or [{"text": ""}]
    else:
        paras = [{"text": ""}]
    vmerge = raw.get("vmerge")
    if vmerge not in (None, "restart", "continue"):
        raise CaseError(f"vmerge must be restart or continue: {raw!r}")
    if vmerge == "continue" and any(p["text"] for p in paras):
        raise CaseError(f"a vmerge continue cell must be empty: {raw!r}")
    for p in paras:
        for key in ("bold", "italic", "align"):
            if key in raw and key not in p:
                p[key] = raw[key]
    spec = {
        "paragraphs": paras,
        "span": int(raw.get("span", 1)),
        "vmerge": vmerge,
        "valign": raw.get("valign"),
        "table": raw.get("table"),
    }
    if spec["span"] < 1:
        raise CaseError(f"span must be >= 1: {raw!r}")
    return spec


def row_spec(raw) -> dict:
    if isinstance(raw, list):
        raw = {"cells": raw}
    if not isinstance(raw, dict) or "cells" not in raw:
        raise CaseError(f"cannot read row {raw!r}")
    unknown = set(raw) - {"cells", "grid_after", "grid_before", "header", "bold"}
    if unknown:
        raise CaseError(f"unknown row keys {sorted(unknown)} in {raw!r}")
    cells = []
    for c in raw["cells"]:
        spec = cell_spec(c)
        if raw.get("bold"):
            for p in spec["paragraphs"]:
                p.setdefault("bold", True)
        cells.append(spec)
    return {
        "cells": cells,
        "grid_after": int(raw.get("grid_after", 0)),
        "grid_before": int(raw.get("grid_before", 0)),
        "header": bool(raw.get("header", False)),
    }


def table_spec(raw) -> dict:
    if not isinstance(raw, dict) or "rows" not in raw:
        raise CaseError(f"a table needs rows: {raw!r}")
    unknown = set(raw) - {"borders", "widths", "grid", "font_size", "rows"}
    if unknown:
        raise CaseError(f"unknown table keys {sorted(unknown)}")
    rows = [row_spec(r) for r in raw["rows"]]
    widest = max(r["grid_before"] + sum(c["span"] for c in r["cells"]) + r["grid_after"] for r in rows)
    grid = int(raw.get("grid", widest))
    if grid < widest:
        raise CaseError(f"grid {grid} is narrower than the widest row ({widest})")
    widths = raw.get("widths")
    if widths is not None and len(widths) != grid:
        raise CaseError(f"widths has {len(widths)} columns, the grid has {grid}")
    return {
        "borders": bool(raw.get("borders", True)),
        "widths": widths,
        "grid": grid,
        "font_size": raw.get("font_size"),
        "rows": rows,
    }


# --------------------------------------------------------------------------- writing


def fill_paragraph(p, spec: dict, size=None) -> None:
    """Fill a <w:p> (lxml element) from a paragraph spec."""
    if spec.get("align"):
        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            ppr = el("w:pPr")
            p.insert(0, ppr)
        ppr.append(el("w:jc", **{"w:val": ALIGN[spec["align"]]}))
    text = spec["text"]
    if text == "":
        return
    r = el("w:r")
    rpr = el("w:rPr")
    if spec.get("bold"):
        rpr.append(el("w:b"))
    if spec.get("italic"):
        rpr.append(el("w:i"))
    if size:
        rpr.append(el("w:sz", **{"w:val": round(float(size) * 2)}))
        rpr.append(el("w:szCs", **{"w:val": round(float(size) * 2)}))
    if len(rpr):
        r.append(rpr)
    for i, line in enumerate(text.split("\n")):
        if i:
            r.append(el("w:br"))
        if line:
            t = el("w:t")
            t.text = line
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            r.append(t)
    p.append(r)


def borders_xml(on: bool) -> OxmlElement:
    b = el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if on:
            b.append(el(f"w:{side}", **{"w:val": "single", "w:sz": 4, "w:space": 0, "w:color": "000000"}))
        else:
            b.append(el(f"w:{side}", **{"w:val": "nil"}))
    return b


def build_table(spec: dict, width_cm: float) -> OxmlElement:
    grid = spec["grid"]
    widths = spec["widths"] or [width_cm / grid] * grid
    col_tw = [twips(w) for w in widths]
    tbl = el("w:tbl")
    tblpr = el("w:tblPr")
    tblpr.append(el("w:tblW", **{"w:w": sum(col_tw), "w:type": "dxa"}))
    tblpr.append(borders_xml(spec["borders"]))
    tblpr.append(el("w:tblLayout", **{"w:type": "fixed"}))
    tblpr.append(
        el(
            "w:tblLook",
            **{
                "w:val": "04A0",
                "w:firstRow": 1,
                "w:lastRow": 0,
                "w:firstColumn": 1,
                "w:lastColumn": 0,
                "w:noHBand": 0,
                "w:noVBand": 1,
            },
        )
    )
    tbl.append(tblpr)
    tblgrid = el("w:tblGrid")
    for w in col_tw:
        tblgrid.append(el("w:gridCol", **{"w:w": w}))
    tbl.append(tblgrid)
    for row in spec["rows"]:
        tr = el("w:tr")
        trpr = el("w:trPr")
        if row["grid_before"]:
            trpr.append(el("w:gridBefore", **{"w:val": row["grid_before"]}))
        if row["grid_after"]:
            trpr.append(el("w:gridAfter", **{"w:val": row["grid_after"]}))
        if row["grid_before"]:
            trpr.append(el("w:wBefore", **{"w:w": sum(col_tw[: row["grid_before"]]), "w:type": "dxa"}))
        if row["grid_after"]:
            trpr.append(el("w:wAfter", **{"w:w": sum(col_tw[grid - row["grid_after"] :]), "w:type": "dxa"}))
        if row["header"]:
            trpr.append(el("w:tblHeader"))
        if len(trpr):
            tr.append(trpr)
        col = row["grid_before"]
        for cell in row["cells"]:
            span = cell["span"]
            if col + span > grid - row["grid_after"]:
                raise CaseError(f"row overflows the grid of {grid} columns: {row!r}")
            tc = el("w:tc")
            tcpr = el("w:tcPr")
            tcpr.append(el("w:tcW", **{"w:w": sum(col_tw[col : col + span]), "w:type": "dxa"}))
            if span > 1:
                tcpr.append(el("w:gridSpan", **{"w:val": span}))
            if cell["vmerge"] == "restart":
                tcpr.append(el("w:vMerge", **{"w:val": "restart"}))
            elif cell["vmerge"] == "continue":
                tcpr.append(el("w:vMerge"))
            if cell["valign"]:
                tcpr.append(el("w:vAlign", **{"w:val": VALIGN[cell["valign"]]}))
            tc.append(tcpr)
            for ps in cell["paragraphs"]:
                p = el("w:p")
                fill_paragraph(p, ps, spec["font_size"])
                tc.append(p)
            if cell["table"] is not None:
                inner = table_spec(cell["table"])
                tc.append(build_table(inner, sum(widths[col : col + span]) - 0.4))
                tc.append(el("w:p"))
            tr.append(tc)
            col += span
        if col != grid - row["grid_after"]:
            raise CaseError(
                f"row fills {col} of {grid - row['grid_after']} grid columns "
                f"(grid {grid}, gridAfter {row['grid_after']}): "
                f"{[c['paragraphs'][0]['text'] for c in row['cells']]}"
            )
        tbl.append(tr)
    return tbl


def set_fixed_properties(doc) -> None:
    cp = doc.core_properties
    cp.author = AUTHOR
    cp.last_modified_by = AUTHOR
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.last_printed = FIXED_TIME
    cp.revision = 1
    cp.title = ""
    cp.comments = ""


def set_base_style(doc, size: float) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(size)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0


def build_document(case: dict):
    doc = docx.Document()
    set_fixed_properties(doc)
    set_base_style(doc, float(case.get("font_size", 12)))
    section = doc.sections[0]
    landscape = case.get("page", "portrait") == "landscape"
    w, h = (A4[1], A4[0]) if landscape else A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(w), Cm(h)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    text_width = w - 2 * MARGIN_CM
    body = doc.element.body
    sectpr = body.find(qn("w:sectPr"))
    last = None
    for block in case["document"]:
        if not isinstance(block, dict):
            raise CaseError(f"cannot read block {block!r}")
        if "paragraph" in block:
            unknown = set(block) - {"paragraph", "bold", "italic", "align", "size"}
            if unknown:
                raise CaseError(f"unknown paragraph keys {sorted(unknown)}")
            p = el("w:p")
            fill_paragraph(
                p,
                {
                    "text": str(block["paragraph"]),
                    "bold": block.get("bold"),
                    "italic": block.get("italic"),
                    "align": block.get("align"),
                },
                block.get("size"),
            )
            sectpr.addprevious(p)
            last = "p"
        elif "table" in block:
            if last == "tbl":
                sectpr.addprevious(el("w:p"))
            sectpr.addprevious(build_table(table_spec(block["table"]), text_width))
            last = "tbl"
        else:
            raise CaseError(f"a block needs paragraph or table: {block!r}")
    if last == "tbl":
        sectpr.addprevious(el("w:p"))
    return doc


def deterministic_bytes(doc) -> bytes:
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, zin.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------- checking


def para_text(p) -> str:
    """Canonical paragraph text: runs' text, <w:br/> as BR, <w:tab/> as a tab."""
    out = []
    for node in p.iter(qn("w:t"), qn("w:br"), qn("w:tab")):
        if node.tag == qn("w:t"):
            out.append(node.text or "")
        elif node.tag == qn("w:br"):
            out.append(BR)
        elif node.tag == qn("w:tab"):
            out.append("\t")
    return "".join(out)


def own_paragraphs(tc):
    return [c for c in tc if c.tag == qn("w:p")]


def check_table(tbl, spec: dict, where: str, errors: list) -> None:
    trs = tbl.findall(qn("w:tr"))
    if len(trs) != len(spec["rows"]):
        errors.append(f"{where}: {len(trs)} rows, case has {len(spec['rows'])}")
        return
    for i, (tr, row) in enumerate(zip(trs, spec["rows"], strict=False), start=1):
        trpr = tr.find(qn("w:trPr"))

        def trval(tag, trpr=trpr):
            if trpr is None:
                return 0
            e = trpr.find(qn(tag))
            return int(e.get(qn("w:val"))) if e is not None else 0

        if trval("w:gridAfter") != row["grid_after"]:
            errors.append(f"{where} row {i}: gridAfter {trval('w:gridAfter')}")
        if trval("w:gridBefore") != row["grid_before"]:
            errors.append(f"{where} row {i}: gridBefore {trval('w:gridBefore')}")
        tcs = tr.findall(qn("w:tc"))
        if len(tcs) != len(row["cells"]):
            errors.append(f"{where} row {i}: {len(tcs)} cells, case has {len(row['cells'])}")
            continue
        for j, (tc, cell) in enumerate(zip(tcs, row["cells"], strict=False), start=1):
            got = [para_text(p) for p in own_paragraphs(tc)]
            want = [p["text"].replace("\n", BR) for p in cell["paragraphs"]]
            if cell["table"] is not None:
                want = [*want, ""]
            if got != want:
                errors.append(f"{where} row {i} cell {j}: {got!r} != {want!r}")
            tcpr = tc.find(qn("w:tcPr"))
            gs = tcpr.find(qn("w:gridSpan"))
            span = int(gs.get(qn("w:val"))) if gs is not None else 1
            if span != cell["span"]:
                errors.append(f"{where} row {i} cell {j}: gridSpan {span} != {cell['span']}")
            vm = tcpr.find(qn("w:vMerge"))
            vmerge = None if vm is None else (vm.get(qn("w:val")) or "continue")
            if vmerge != cell["vmerge"]:
                errors.append(f"{where} row {i} cell {j}: vMerge {vmerge} != {cell['vmerge']}")
            inner = tc.findall(qn("w:tbl"))
            if cell["table"] is not None:
                if len(inner) != 1:
                    errors.append(f"{where} row {i} cell {j}: nested table missing")
                else:
                    check_table(
                        inner[0], table_spec(cell["table"]), f"{where} row {i} cell {j} nested table", errors
                    )
            elif inner:
                errors.append(f"{where} row {i} cell {j}: unexpected nested table")


def text_units(doc) -> list[str]:
    """Whitespace-collapsed lower-case text of every paragraph and every table cell."""
    units = []
    body = doc.element.body
    for p in body.iter(qn("w:p")):
        units.append(norm(para_text(p)).lower())
    for tc in body.iter(qn("w:tc")):
        units.append(norm(" ".join(para_text(p) for p in own_paragraphs(tc))).lower())
    return [u for u in units if u]


def check_expected(doc, case: dict, errors: list) -> int:
    exp = case.get("expected")
    if not isinstance(exp, dict):
        errors.append("expected block missing")
        return 0
    units = text_units(doc)
    whole = " ".join(norm(para_text(p)) for p in doc.element.body.iter(qn("w:p"))).lower()

    def occurs(text) -> bool:
        t = norm(text).lower()
        return any(t in u for u in units)

    org = exp.get("organisation_found_as") or exp.get("organisation")
    if org and norm(org).lower() not in whole:
        errors.append(f"organisation {org!r} not found in the document")
    year = exp.get("year")
    if year is not None and not re.fullmatch(r"\d{4}/\d{4}", str(year)):
        errors.append(f"year {year!r} is not an academic year YYYY/YYYY")
    n = 0

    def check_activity(a, who):
        nonlocal n
        if not isinstance(a, dict) or "title" not in a or "period" not in a:
            errors.append(f"{who}: activity needs title and period: {a!r}")
            return
        n += 1
        if not occurs(a["title"]):
            errors.append(f"{who}: title {a['title']!r} not found")
        if a["period"] is not None and not occurs(a["period"]):
            errors.append(f"{who}: period {a['period']!r} not found")

    for partner in exp.get("partners") or []:
        name = partner.get("name")
        if not name:
            errors.append(f"partner without a name: {partner!r}")
            continue
        if not occurs(partner.get("found_as") or name):
            errors.append(f"partner {partner.get('found_as') or name!r} not found")
        if not partner.get("activities"):
            errors.append(f"partner {name!r} has no activities")
        for a in partner.get("activities") or []:
            check_activity(a, f"partner {name!r}")
    for a in exp.get("unassigned") or []:
        check_activity(a, "unassigned")
    return n


def case_tables(case: dict) -> list[dict]:
    return [table_spec(b["table"]) for b in case["document"] if "table" in b]


def case_paragraphs(case: dict) -> list[str]:
    return [str(b["paragraph"]).replace("\n", BR) for b in case["document"] if "paragraph" in b]


def verify(path: Path, case: dict) -> tuple[list[str], int]:
    errors: list[str] = []
    doc = docx.Document(str(path))
    body = doc.element.body
    tbls = body.findall(qn("w:tbl"))
    specs = case_tables(case)
    if len(tbls) != len(specs):
        errors.append(f"{len(tbls)} top-level tables, case has {len(specs)}")
    for k, (tbl, spec) in enumerate(zip(tbls, specs, strict=False), start=1):
        check_table(tbl, spec, f"table {k}", errors)
    # python-docx's own view must work too (gridAfter, vMerge, spans)
    for k, table in enumerate(doc.tables, start=1):
        try:
            for row in table.rows:
                _ = [c.text for c in row.cells]
        except Exception as exc:
            errors.append(f"table {k}: python-docx cannot read the rows: {exc}")
    got_paras = [para_text(p) for p in body.findall(qn("w:p")) if para_text(p)]
    if got_paras != case_paragraphs(case):
        errors.append(f"paragraphs {got_paras!r} != {case_paragraphs(case)!r}")
    n = check_expected(doc, case, errors)
    return errors, n


# --------------------------------------------------------------------------- main


def load_case(path: Path) -> dict:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in ("source", "org", "layout", "rows_transcribed", "document", "expected"):
        if key not in case:
            raise CaseError(f"missing top-level key {key!r}")
    if case["org"] not in ORGS:
        raise CaseError(f"org {case['org']!r} is not one of {sorted(ORGS)}")
    return case


def main(argv: list[str]) -> int:
    outdir = Path(argv[1]) if len(argv) > 1 else HERE / "built"
    outdir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for path in sorted(CASES.glob("*.yaml")):
        try:
            case = load_case(path)
            data = deterministic_bytes(build_document(case))
            target = outdir / (path.stem + ".docx")
            target.write_bytes(data)
            errors, n = verify(target, case)
        except (CaseError, yaml.YAMLError) as exc:
            errors, n = [str(exc)], 0
        partners = 0
        if not errors:
            partners = len(case["expected"].get("partners") or [])
        status = "ok" if not errors else "FAILED"
        print(f"{path.stem}: {status} ({partners} partners, {n} activities)")
        for e in errors:
            print(f"    {e}")
        failed += bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
