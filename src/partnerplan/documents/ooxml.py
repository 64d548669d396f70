"""The few WordprocessingML pieces python-docx has no API for, in one tested place:
fonts for every script slot, the repeated header row, fields, and tables built as XML.

Tables are built with lxml element by element: python-docx's `add_row` and `cell()`
walk the whole table on each call, which is quadratic in the number of rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from lxml import etree  # type: ignore[import-untyped]

W_NS = nsdecls("w")
FONT = "Times New Roman"


def set_fonts(
    rpr: BaseOxmlElement, font: str = FONT, size_pt: float | None = None, lang: str = "ru-RU"
) -> None:
    """Name the font for all four script slots, so Cyrillic never falls back elsewhere."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), font)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(theme), None)
    if size_pt is not None:
        for tag in ("w:sz", "w:szCs"):
            el = rpr.find(qn(tag))
            if el is None:
                el = rpr.makeelement(qn(tag), {})
                rpr.append(el)
            el.set(qn("w:val"), str(int(size_pt * 2)))
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = rpr.makeelement(qn("w:lang"), {})
        rpr.append(el)
    el.set(qn("w:val"), lang)
    el.set(qn("w:eastAsia"), lang)
    el.set(qn("w:bidi"), "ar-SA")


def page_field(instr: str = "PAGE") -> BaseOxmlElement:
    """A simple field such as the page number."""
    return parse_xml(f'<w:fldSimple {W_NS} w:instr="{instr}"><w:r><w:t>1</w:t></w:r></w:fldSimple>')


@dataclass(frozen=True, slots=True)
class Cell:
    lines: Sequence[str] = ()
    span: int = 1
    bold: bool = False
    center: bool = False


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_TC, _P, _R, _T, _TR = _W + "tc", _W + "p", _W + "r", _W + "t", _W + "tr"


def _add_paras(tc: Any, lines: Sequence[str], bold: bool, center: bool) -> None:
    sub = etree.SubElement
    for text in lines or ("",):
        p = sub(tc, _P)
        if center:
            sub(sub(p, _W + "pPr"), _W + "jc", {_W + "val": "center"})
        if text:
            r = sub(p, _R)
            if bold:
                rpr = sub(r, _W + "rPr")
                sub(rpr, _W + "b")
                sub(rpr, _W + "bCs")
            t = sub(r, _T)
            t.text = text
            if text[0] == " " or text[-1] == " ":
                t.set(_XML_SPACE, "preserve")


def table_xml(
    widths_twips: Sequence[int],
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    repeat_header: bool = True,
) -> BaseOxmlElement:
    """A bordered fixed-layout table; the header row repeats on every page.

    Built with lxml directly, element by element: linear in the number of rows."""
    total = sum(widths_twips)
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths_twips)
    head_trpr = "<w:cantSplit/><w:tblHeader/>" if repeat_header else "<w:cantSplit/>"
    head_cells = "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/></w:rPr>'
        f"<w:t>{escape(text)}</w:t></w:r></w:p></w:tc>"
        for w, text in zip(widths_twips, header, strict=True)
    )
    tbl = parse_xml(
        f"<w:tbl {W_NS}><w:tblPr>"
        f'<w:tblW w:w="{total}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>"
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid><w:tr><w:trPr>{head_trpr}</w:trPr>{head_cells}</w:tr></w:tbl>"
    )
    sub = etree.SubElement
    for row in rows:
        tr = sub(tbl, _TR)
        # Keep a row on one page unless it is taller than a good part of a page.
        if max((len(c.lines) for c in row), default=0) <= 15:
            sub(sub(tr, _W + "trPr"), _W + "cantSplit")
        for cell in row:
            tc = sub(tr, _TC)
            if cell.span > 1:  # body cells take their widths from the grid (fixed layout)
                sub(sub(tc, _W + "tcPr"), _W + "gridSpan", {_W + "val": str(cell.span)})
            _add_paras(tc, cell.lines, cell.bold, cell.center)
    return tbl
