"""A document as the importer sees it: paragraphs and tables on a grid, from any format.

Owns the neutral model (`Para`, `Cell`, `Row`, `Table`, `Doc`) and the Word reader.
Every table is laid on its grid: a cell knows its first grid column and how many it
spans (gridSpan, gridBefore, gridAfter), and the lower parts of a vertical merge carry
the text of its top cell, flagged `continued`, so «the same partner merged over four
rows» reads as four rows with one partner. Nested tables become tables of their own,
right after the table that holds them. Both kinds of line break are kept: paragraphs
(Enter) are `Para`s, manual breaks (Shift+Enter) are «\\n» inside a paragraph's text.

The Word reader walks word/document.xml with lxml once, element by element, so a
20,000-row table costs linear time (python-docx's `row.cells` is quadratic).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from partnerplan.documents.importer_source import ImportFailed, SafeZip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PLAN_NS = "{urn:partnerplan:plan:1}plan"
_OFF = {"0", "false", "off", "none"}


@dataclass(frozen=True, slots=True)
class Para:
    text: str  # «\n» where the author pressed Shift+Enter
    bold: bool = False
    align: str = ""  # "", "left", "center", "right", "both"


@dataclass(slots=True)
class Cell:
    paras: tuple[Para, ...]
    col: int  # the first grid column it covers, from 0
    span: int = 1
    continued: bool = False  # the lower part of a vertical merge: the text is its top cell's
    _text: str | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        """The cell's text on one line (asked for often: computed once)."""
        if self._text is None:
            self._text = " ".join(" ".join(p.text.split()) for p in self.paras).strip()
        return self._text

    @property
    def lines(self) -> list[str]:
        """Every line, paragraphs and manual breaks alike, stripped (empty ones kept)."""
        return [line.strip() for p in self.paras for line in p.text.split("\n")]

    @property
    def bold(self) -> bool:
        return any(p.text.strip() for p in self.paras) and all(p.bold for p in self.paras if p.text.strip())


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    number: int  # as a person counts: the first row of the table (or sheet) is 1
    _by_col: list[Cell | None] = field(default_factory=list, repr=False)

    def at(self, col: int) -> Cell | None:
        """The cell covering grid column `col` (None where the row is shorter)."""
        if not self._by_col:
            width = max((c.col + c.span for c in self.cells), default=0)
            self._by_col = [None] * width
            for c in self.cells:
                for k in range(c.col, c.col + c.span):
                    self._by_col[k] = c
        return self._by_col[col] if 0 <= col < len(self._by_col) else None

    def text_at(self, col: int) -> str:
        cell = self.at(col)
        return cell.text if cell is not None else ""

    def distinct(self) -> list[Cell]:
        """The row's cells with text."""
        return [c for c in self.cells if c.text]


@dataclass(slots=True)
class Table:
    number: int  # 1-based in document order (nested tables counted too)
    rows: list[Row]
    ncols: int
    borderless: bool = False
    widths: list[float] = field(default_factory=list)  # grid columns, mm
    sheet: str | None = None  # a spreadsheet's sheet name
    parent: int | None = None  # the table this one is nested in

    def where(self, row: int | None = None) -> str:
        """«таблица 2, строка 5» / «лист «Январь», строка 12»: where a person looks."""
        if self.number == 0:  # the document's own paragraphs
            return "текст документа" if row is None else f"абзац {row}"
        place = f"лист «{self.sheet}»" if self.sheet is not None else f"таблица {self.number}"
        return place if row is None else f"{place}, строка {row}"


Block = Para | Table


@dataclass(slots=True)
class Doc:
    path: str
    kind: str  # docx | xlsx
    blocks: list[Block]
    properties: dict[str, str] = field(default_factory=dict)  # title, subject, category, …
    embedded: dict[str, Any] | None = None  # the plan a partnerplan document carries

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


# --- Word --------------------------------------------------------------------------


def _parser() -> Any:
    return etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)


def parse_xml(z: SafeZip, name: str) -> Any:
    try:
        return etree.fromstring(z.read(name), _parser())
    except etree.XMLSyntaxError as exc:
        raise ImportFailed(f"{z.path}: часть {name} — не XML ({exc})") from None


def read_docx(z: SafeZip) -> Doc:
    root = parse_xml(z, _main_part(z))
    body = root.find(f"{W}body")
    if body is None:
        raise ImportFailed(f"{z.path}: в документе нет тела (w:body) — файл повреждён")
    reader = _WordReader()
    reader.walk(body)
    return Doc(z.path, "docx", reader.blocks, _core_properties(z), embedded_plan(z))


def _main_part(z: SafeZip) -> str:
    """word/document.xml, or wherever [Content_Types].xml says the main part is."""
    if z.has("word/document.xml"):
        return "word/document.xml"
    if z.has("[Content_Types].xml"):
        types = parse_xml(z, "[Content_Types].xml")
        for o in types:
            ctype = o.get("ContentType") or ""
            if ctype.endswith("document.main+xml") and o.get("PartName"):
                return str(o.get("PartName")).lstrip("/")
    raise ImportFailed(f"{z.path}: это не документ Word: в нём нет word/document.xml")


class _WordReader:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.count = 0

    def walk(self, container: Any) -> None:
        for child in container:
            tag = child.tag
            if tag == f"{W}p":
                self.blocks.append(_para(child))
            elif tag == f"{W}tbl":
                self._table(child, None)
            elif tag in (f"{W}sdt", f"{W}customXml", f"{W}sdtContent", f"{W}smartTag"):
                self.walk(child.find(f"{W}sdtContent") if tag == f"{W}sdt" else child)

    def _table(self, tbl: Any, parent: int | None) -> None:
        self.count += 1
        number = self.count
        grid = [_int(g.get(f"{W}w"), 0) for g in tbl.iterfind(f"{W}tblGrid/{W}gridCol")]
        table = Table(number, [], len(grid), _borderless(tbl), [w / 1440 * 25.4 for w in grid], None, parent)
        self.blocks.append(table)
        nested: list[Any] = []
        above: dict[int, Cell] = {}  # grid column → the top cell of a vertical merge still open
        for tr in _children(tbl, "tr"):
            trpr = tr.find(f"{W}trPr")
            col = _int(_val(trpr, "gridBefore"), 0) if trpr is not None else 0
            cells: list[Cell] = []
            for tc in _children(tr, "tc"):
                tcpr = tc.find(f"{W}tcPr")
                span = max(1, _int(_val(tcpr, "gridSpan"), 1)) if tcpr is not None else 1
                vmerge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
                hmerge = tcpr.find(f"{W}hMerge") if tcpr is not None else None
                paras: list[Para] = []
                for child in tc:
                    if child.tag == f"{W}p":
                        paras.append(_para(child))
                    elif child.tag == f"{W}tbl":
                        nested.append(child)
                    elif child.tag == f"{W}sdt":
                        content = child.find(f"{W}sdtContent")
                        paras.extend(
                            _para(p) for p in (content if content is not None else ()) if p.tag == f"{W}p"
                        )
                if hmerge is not None and (hmerge.get(f"{W}val") or "continue") == "continue" and cells:
                    cells[-1].span += span  # a legacy horizontal merge: one wider cell
                    col += span
                    continue
                cell = Cell(tuple(paras), col, span)
                if vmerge is not None and (vmerge.get(f"{W}val") or "continue") != "restart":
                    top = above.get(col)
                    if top is not None:
                        cell = Cell(top.paras, col, span, continued=True)
                elif vmerge is not None:
                    above[col] = cell
                else:
                    above.pop(col, None)
                cells.append(cell)
                col += span
            table.rows.append(Row(cells, len(table.rows) + 1))
            table.ncols = max(
                table.ncols, col + (_int(_val(trpr, "gridAfter"), 0) if trpr is not None else 0)
            )
        for inner in nested:
            self._table(inner, number)


def _children(element: Any, name: str) -> list[Any]:
    """w:tr of a table (w:tc of a row), also those wrapped in content controls."""
    out = []
    for child in element:
        if child.tag == f"{W}{name}":
            out.append(child)
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            inner = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if inner is not None:
                out.extend(_children(inner, name))
    return out


def _val(parent: Any, name: str) -> str | None:
    if parent is None:
        return None
    found = parent.find(f"{W}{name}")
    return None if found is None else found.get(f"{W}val")


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _borderless(tbl: Any) -> bool:
    borders = tbl.find(f"{W}tblPr/{W}tblBorders")
    if borders is None:
        return tbl.find(f"{W}tblPr/{W}tblStyle") is None
    return all((b.get(f"{W}val") or "nil") in ("nil", "none") for b in borders)


def _para(p: Any) -> Para:
    parts: list[str] = []
    bold_runs = plain_runs = 0
    for r in p.iter(f"{W}r"):
        text_here = False
        for node in r:
            tag = node.tag
            if tag == f"{W}t":
                parts.append(node.text or "")
                text_here = text_here or bool((node.text or "").strip())
            elif tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
            elif tag == f"{W}tab":
                parts.append(" ")
            elif tag == f"{W}noBreakHyphen":
                parts.append("-")
        if text_here:
            rpr = r.find(f"{W}rPr")
            b = rpr.find(f"{W}b") if rpr is not None else None
            if b is not None and (b.get(f"{W}val") or "true").lower() not in _OFF:
                bold_runs += 1
            else:
                plain_runs += 1
    align = _val(p.find(f"{W}pPr"), "jc") or ""
    text = "".join(parts).replace("\u00a0", " ").replace("\u00ad", "")
    return Para(text, bold_runs > 0 and plain_runs == 0, align)


def _core_properties(z: SafeZip) -> dict[str, str]:
    if not z.has("docProps/core.xml"):
        return {}
    try:
        root = etree.fromstring(z.read("docProps/core.xml"), _parser())
    except etree.XMLSyntaxError:
        return {}
    out: dict[str, str] = {}
    for child in root:
        name = etree.QName(child).localname
        if child.text and child.text.strip():
            out[name] = child.text.strip()
    return out


def embedded_plan(z: SafeZip) -> dict[str, Any] | None:
    """The plan a partnerplan document carries in a custom XML part, found by its content
    wherever the last editor put it (Word keeps the part's name, LibreOffice renames it
    to customXml/itemN.xml)."""
    for name in z.names():
        if not re.fullmatch(r"customXml/(?!itemProps)[^/]+\.xml", name):
            continue
        try:
            root = etree.fromstring(z.read(name), _parser())
        except (etree.XMLSyntaxError, ImportFailed):
            continue
        if root.tag != _PLAN_NS or not root.text:
            continue
        try:
            data = json.loads(root.text)
        except ValueError:
            return None
        return data if isinstance(data, dict) else None
    return None
