"""The few WordprocessingML pieces python-docx has no API for, in one tested place:
fonts for every script slot, the repeated header row, fields, and tables built as XML.

Tables are written as one XML string and parsed once: python-docx's `add_row` and
`cell()` walk the whole table on each call, which is quadratic in the number of rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement

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


def _para(text: str, bold: bool, center: bool) -> str:
    ppr = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
    rpr = "<w:rPr><w:b/><w:bCs/></w:rPr>" if bold else ""
    if not text:
        return f"<w:p>{ppr}</w:p>"
    return f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def table_xml(
    widths_twips: Sequence[int],
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    repeat_header: bool = True,
) -> BaseOxmlElement:
    """A bordered fixed-layout table; the header row repeats on every page."""
    total = sum(widths_twips)
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    out = [
        f"<w:tbl {W_NS}><w:tblPr>"
        f'<w:tblW w:w="{total}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>"
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>'
    ]
    out.extend(f'<w:gridCol w:w="{w}"/>' for w in widths_twips)
    out.append("</w:tblGrid>")
    head_trpr = (
        "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        if repeat_header
        else "<w:trPr><w:cantSplit/></w:trPr>"
    )
    out.append(f"<w:tr>{head_trpr}")
    for w, text in zip(widths_twips, header, strict=True):
        out.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            f"{_para(text, True, True)}</w:tc>"
        )
    out.append("</w:tr>")
    for row in rows:
        # Keep a row on one page unless it is taller than a good part of a page.
        tall = max((len(c.lines) for c in row), default=0) > 15
        out.append("<w:tr>" if tall else "<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        col = 0
        for cell in row:
            width = sum(widths_twips[col : col + cell.span])
            span = f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
            paras = "".join(_para(t, cell.bold, cell.center) for t in cell.lines) or "<w:p/>"
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}</w:tcPr>{paras}</w:tc>')
            col += cell.span
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return parse_xml("".join(out))
