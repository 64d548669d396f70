"""The few WordprocessingML pieces python-docx has no API for, in one tested place:
fonts for every script slot, the repeated header row, fields, tables built as XML, text
made XML-safe, and the package tidied of python-docx's template leftovers.

Tables are built with lxml element by element: python-docx's `add_row` and `cell()`
walk the whole table on each call, which is quadratic in the number of rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from lxml import etree  # type: ignore[import-untyped]

W_NS = nsdecls("w")
FONT = "Times New Roman"

# XML 1.0 allows TAB, LF, CR and the ranges below; lxml refuses anything else ("All
# strings must be XML compatible"). Text pasted from Word brings vertical tabs (its
# Shift+Enter) and form feeds: those become spaces, the rest of the C0 controls, lone
# surrogates and U+FFFE/U+FFFF are dropped. CR is dropped too: Word shows it as nothing.
# Spelled as what is forbidden: the complement of the allowed ranges takes 12 ms to compile.
_NOT_XML = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
_AS_SPACE = {"\x0b": " ", "\x0c": " "}


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 forbids (tab and newline are kept)."""
    if _NOT_XML.search(text) is None:
        return text
    return _NOT_XML.sub(lambda m: _AS_SPACE.get(m.group(), ""), text)


# Core properties (title, author, …) hold at most 255 characters (python-docx refuses
# more, and Word truncates); the document's own text keeps the whole string.
PROPERTY_LIMIT = 255


def property_text(text: str) -> str:
    text = xml_text(text)  # otherwise as written: `partnerplan import` reads the planner back
    return text if len(text) <= PROPERTY_LIMIT else text[: PROPERTY_LIMIT - 1].rstrip() + "…"


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
    # A heading row (a group, a month): its paragraphs keep with the next row, so that
    # the heading never ends a page alone. One such cell marks the whole row.
    keep_next: bool = False


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_TC, _P, _R, _T, _TR = _W + "tc", _W + "p", _W + "r", _W + "t", _W + "tr"


def _add_paras(tc: Any, lines: Sequence[str], bold: bool, center: bool, keep_next: bool) -> None:
    sub = etree.SubElement
    for line in lines or ("",):
        text = xml_text(line)
        p = sub(tc, _P)
        if center or keep_next:
            ppr = sub(p, _W + "pPr")
            if keep_next:  # CT_PPrBase: keepNext comes before jc
                sub(ppr, _W + "keepNext")
            if center:
                sub(ppr, _W + "jc", {_W + "val": "center"})
        if text:
            r = sub(p, _R)
            if bold:
                rpr = sub(r, _W + "rPr")
                sub(rpr, _W + "b")
                sub(rpr, _W + "bCs")
            t = sub(r, _T)
            t.text = text
            if text[0] in " \t\n" or text[-1] in " \t\n":
                t.set(_XML_SPACE, "preserve")


def table_xml(
    widths_twips: Sequence[int],
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    repeat_header: bool = True,
    keep_together: bool = False,
) -> BaseOxmlElement:
    """A bordered fixed-layout table; the header row repeats on every page.

    `keep_together` keeps every row with the next: a short table moves to the next page
    whole instead of leaving its last rows there alone.
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
        f"<w:t>{escape(xml_text(text))}</w:t></w:r></w:p></w:tc>"
        for w, text in zip(widths_twips, header, strict=True)
    )
    # tblPr children in CT_TblPr's order (ECMA-376 Part 1, 17.4.60): tblW, tblBorders,
    # tblLayout, tblCellMar, tblLook — Word reports another order as unreadable content.
    tbl = parse_xml(
        f"<w:tbl {W_NS}><w:tblPr>"
        f'<w:tblW w:w="{total}" w:type="dxa"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid><w:tr><w:trPr>{head_trpr}</w:trPr>{head_cells}</w:tr></w:tbl>"
    )
    sub = etree.SubElement
    last: Any = None
    for row in rows:
        tr = sub(tbl, _TR)
        keep_next = keep_together or any(c.keep_next for c in row)
        # Keep a row on one page unless it is taller than a good part of a page; a
        # heading row always.
        if keep_next or max((len(c.lines) for c in row), default=0) <= 15:
            sub(sub(tr, _W + "trPr"), _W + "cantSplit")
        for cell in row:
            tc = sub(tr, _TC)
            if cell.span > 1:  # body cells take their widths from the grid (fixed layout)
                sub(sub(tc, _W + "tcPr"), _W + "gridSpan", {_W + "val": str(cell.span)})
            _add_paras(tc, cell.lines, cell.bold, cell.center, keep_next)
        last = tr
    if keep_together and last is not None:  # the last row keeps with what follows the table
        for ppr in last.iter(_W + "pPr"):
            for el in ppr.findall(_W + "keepNext"):
                ppr.remove(el)
    return tbl


# --- the package ---------------------------------------------------------------------

_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>partnerplan</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)
# CT_Settings elements that come after w:compat, for a settings part that has none.
_AFTER_COMPAT = (
    "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
    "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
    "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
    "decimalSymbol", "listSeparator",
)  # fmt: skip
WORD_2013 = "15"  # compatibilityMode: below 15 Word opens the file in compatibility mode


def tidy_package(doc: Any) -> None:
    """Take out what python-docx's template (a 2013 Mac Word file) leaves in every document.

    The portrait thumbnail of an empty page, the 438 KB stylesWithEffects part (Word 2010
    reads it, nothing else does), «generated by python-docx» and «Microsoft Macintosh
    Word» in the properties, and compatibility mode 14, which makes Word open the file in
    «режим ограниченной функциональности».
    """
    package = doc.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype in (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES):
            del package.rels[rid]
    app = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, _APP_XML.encode(), package)
    package.relate_to(app, RT.EXTENDED_PROPERTIES)
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype == _STYLES_WITH_EFFECTS:
            del doc.part.rels[rid]
    props = doc.core_properties._element
    for tag in ("dc:description", "cp:keywords"):
        for el in props.findall(qn(tag)):
            props.remove(el)
    _word_2013(doc.settings.element)


def _word_2013(settings: Any) -> None:
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = settings.makeelement(qn("w:compat"), {})
        later = (
            el for el in settings if isinstance(el.tag, str) and etree.QName(el).localname in _AFTER_COMPAT
        )
        first_later = next(later, None)
        if first_later is not None:
            first_later.addprevious(compat)
        else:
            settings.append(compat)
    for el in compat.findall(qn("w:compatSetting")):
        if el.get(qn("w:name")) == "compatibilityMode":
            el.set(qn("w:val"), WORD_2013)
            return
    compat.append(
        compat.makeelement(
            qn("w:compatSetting"),
            {
                qn("w:name"): "compatibilityMode",
                qn("w:uri"): "http://schemas.microsoft.com/office/word",
                qn("w:val"): WORD_2013,
            },
        )
    )


def set_properties(
    doc: Any, *, title: str, subject: str = "", author: str = "", category: str = "",
    language: str = "ru-RU", stamp: datetime | None = None,
) -> None:  # fmt: skip
    """Core properties, each made XML-safe and cut to the 255 characters the format allows.

    A fixed `stamp` keeps the document reproducible: the same input gives the same XML."""
    props = doc.core_properties
    props.title = property_text(title)
    props.subject = property_text(subject)
    props.author = property_text(author)
    props.category = property_text(category)
    props.language = language
    props.last_modified_by = props.author
    props.revision = 1
    if stamp is not None:
        props.created = stamp
        props.modified = stamp
