"""An existing plan (Word, Excel, or what LibreOffice converts) back into a plan file.

The one entry, `import_document`: open the file safely (`importer_source`), lay it out
as paragraphs and tables on a grid (`importer_grid`, `importer_xlsx`), find the plan
tables and what each column is (`importer_layout`), read the rows into activities and
partners (`importer_rows`, `importer_items`, `importer_found`; the words through
`importer_text` and `importer_names`), the organisation and the year from the head of
the document (`importer_meta`), and build the plan's data with notes for the teacher
(`importer_build`). A document partnerplan made carries its plan: what the table cannot
show comes back from it (`importer_restore`). `explain` says which table and which
column became what; `to_yaml` writes the result (`importer_yaml`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from partnerplan.documents.importer_build import UNASSIGNED_ID, UNASSIGNED_NAME, slug
from partnerplan.documents.importer_grid import Cell, Doc, Para, Row, Table
from partnerplan.documents.importer_layout import ROLE_NAMES, Layout, NotPlan, analyse, is_approval
from partnerplan.documents.importer_source import EXCEL, WORD, ImportFailed, format_name
from partnerplan.plan import vocabulary as vocab
from partnerplan.plan.check import normalise

__all__ = [
    "UNASSIGNED_ID",
    "UNASSIGNED_NAME",
    "ImportError_",
    "ImportFailed",
    "Imported",
    "guess_form",
    "import_doc",
    "import_document",
    "import_docx",
    "slug",
    "to_yaml",
]

ImportError_ = ImportFailed  # the name callers have used since the first version


@dataclass(slots=True)
class Imported:
    data: dict[str, Any]
    unmapped: list[str] = field(default_factory=list)  # Russian notes for the teacher
    explain: list[str] = field(default_factory=list)  # which table and column became what


@lru_cache(maxsize=1)
def _spellings() -> tuple[tuple[str, str], ...]:
    return tuple((f" {normalise(s)} ", name) for _fid, name, aliases in vocab.FORMS for s in (name, *aliases))


def guess_form(title: str) -> str | None:
    """The vocabulary form a line names: the earliest (then longest) spelling found in it."""
    text = f" {normalise(title)} "
    best: tuple[int, int, str] | None = None
    for s, name in _spellings():
        at = text.find(s)
        if at >= 0 and (best is None or (at, -len(s)) < (best[0], -best[1])):
            best = (at, len(s), name)
    return best[2] if best else None


@contextmanager
def _no_gc() -> Iterator[None]:
    """A big plan is many small objects; the cyclic GC would rescan them all again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def import_document(path: str, default_year: str) -> Imported:
    """Read `path` (.docx, .xlsx; .doc, .odt, .rtf, .xls, .ods through LibreOffice).
    Raises ImportFailed with a Russian message naming the file."""
    with _no_gc():
        return _import_document(path, default_year)


def _import_document(path: str, default_year: str) -> Imported:
    from partnerplan.documents.importer_source import convert, open_zip, read_file, sniff

    raw = read_file(path)
    kind = sniff(path, raw)
    if kind not in (WORD, EXCEL):
        raw, kind = convert(path, kind)
    z = open_zip(path, raw, kind)
    try:
        if kind == WORD:
            from partnerplan.documents.importer_grid import read_docx

            doc = read_docx(z)
        else:
            from partnerplan.documents.importer_xlsx import read_xlsx

            doc = read_xlsx(z, raw)
    finally:
        z.close()
    return import_doc(doc, default_year)


def import_docx(path: str, default_year: str) -> Imported:
    return import_document(path, default_year)


def import_doc(doc: Doc, default_year: str) -> Imported:
    from partnerplan.documents.importer_build import assemble, finish
    from partnerplan.documents.importer_found import Context
    from partnerplan.documents.importer_meta import read_meta
    from partnerplan.documents.importer_names import self_names
    from partnerplan.documents.importer_restore import restore
    from partnerplan.documents.importer_rows import read_layout

    layouts: list[Layout] = []
    skipped: list[NotPlan] = []
    previous: Layout | None = None
    for table in doc.tables:
        found = analyse(table, previous)
        if isinstance(found, Layout):
            layouts.append(found)
            previous = found if found.mode == "grid" else None
        else:
            skipped.append(found)
    if not layouts:
        paragraphs = _paragraph_table(doc)
        text = analyse(paragraphs, None) if paragraphs is not None else None
        if isinstance(text, Layout) and text.mode == "sentences":
            layouts.append(text)
        else:
            raise ImportFailed(_nothing_found(doc, skipped))
    first = layouts[0].table
    head: list[str] = []
    approvals = [s.table for s in skipped if is_approval(s.table)]
    for block in doc.blocks:
        if block is first or (isinstance(block, Table) and block.parent == first.number):
            break
        if isinstance(block, Para):
            head.extend(line for line in block.text.split("\n"))
        elif block not in approvals:  # a title typed into a table of its own
            head.extend(" ".join(dict.fromkeys(c.text for c in r.cells if c.text)) for r in block.rows)
    head.extend(layouts[0].preamble)
    meta = read_meta(head, approvals, doc.properties)
    ctx = Context(self_names(meta.own), meta.agreed)
    readings = [read_layout(layout, ctx) for layout in layouts]
    data, notes = assemble(readings, meta, default_year, guess_form)
    cell_notes = [n for r in readings for n in r.notes]
    for s in skipped:
        if not is_approval(s.table) and s.why not in ("пустая таблица", "строка подписи"):
            cell_notes.append(f"{s.table.where()} не прочитана как план: {s.why}")
    notes = notes + cell_notes
    if doc.embedded is not None:
        restore(data, doc.embedded, notes)
    else:
        notes.append(
            "направления деятельности (directions) и уровень партнёрства (level) "
            "в таблице не записаны — добавьте их"
        )
    finish(data, notes)
    explain = _explain(doc, layouts, skipped, readings, meta, data)
    return Imported(data, notes, explain)


def _paragraph_table(doc: Doc) -> Table | None:
    """A document without tables whose paragraphs are the events («24.05. В филиалах …»)."""
    paras = [b for b in doc.blocks if isinstance(b, Para) and b.text.strip()]
    if not paras:
        return None
    rows = [Row([Cell((p,), 0)], i) for i, p in enumerate(paras, start=1)]
    return Table(0, rows, 1)


def _nothing_found(doc: Doc, skipped: list[NotPlan]) -> str:
    paragraphs = sum(1 for b in doc.blocks if isinstance(b, Para) and b.text.strip())
    what = [f"{s.table.where()} — {s.why}" for s in skipped[:5]]
    tables = f"таблиц: {len(skipped)}" + (f" ({'; '.join(what)})" if what else "")
    return (
        f"{doc.path}: в документе нет таблицы плана ({tables}; абзацев с текстом: {paragraphs}). "
        "Нужна таблица с колонкой мероприятий («Мероприятие», «Содержание работы», «Формы "
        "взаимодействия», «Наименование») или пункты, которые начинаются с даты"
    )


def _explain(
    doc: Doc,
    layouts: list[Layout],
    skipped: list[NotPlan],
    readings: list[Any],
    meta: Any,
    data: dict[str, Any],
) -> list[str]:
    out = [f"Документ: {doc.path} — {format_name(doc.kind)}"]
    org = data["planner"]["name"]
    out.append(
        f"Организация: «{org}»" + (f" — из: {meta.organisation_from}" if meta.organisation_from else "")
    )
    out.append(f"Год плана: {data['year']}" + (f" — из: {meta.year_from}" if meta.year_from else ""))
    if meta.title:
        out.append(f"Заголовок: «{meta.title}»")
    items: list[tuple[int, list[str]]] = []
    for layout, reading in zip(layouts, readings, strict=True):
        t = layout.table
        lines = [f"{t.where()}: план ({len(reading.found)} мероприятий)"]
        if layout.mode == "sentences":
            lines.append("  каждый абзац — мероприятие: дата в начале — срок, остальное — название")
        elif layout.continues is not None:
            lines.append(f"  без заголовка: продолжает таблицу {layout.continues}, колонки те же")
        elif layout.header:
            rows = ", ".join(str(t.rows[i].number) for i in layout.header)
            lines.append(f"  заголовок: строка {rows}")
        else:
            lines.append("  заголовка нет: колонки узнаны по содержимому")
        if layout.mode == "grid":
            for c in layout.columns:
                heading = f"«{c.heading}»" if c.heading else "(без заголовка)"
                lines.append(
                    f"  колонка {c.index + 1} {heading} → {ROLE_NAMES.get(c.role, c.role)} — по {c.by}"
                )
        lines.append(f"  партнёры: {reading.sources}")
        lines.extend(f"  {g}" for g in reading.groups)
        items.append((t.number, lines))
    for s in skipped:
        items.append((s.table.number, [f"{s.table.where()}: не план — {s.why}"]))
    for _n, lines in sorted(items, key=lambda x: x[0]):
        out.extend(lines)
    partners = [p for p in data["partners"] if p["name"] != UNASSIGNED_NAME]
    acts = sum(len(p.get("activities", [])) for p in data["partners"])
    out.append(f"Итого: партнёров {len(partners)}, мероприятий {acts}")
    return out


def to_yaml(data: dict[str, Any]) -> str:
    """Plan data as canonical YAML text (the fmt layout), written in linear time."""
    from partnerplan.documents.importer_yaml import plan_yaml

    with _no_gc():
        return plan_yaml(data)
