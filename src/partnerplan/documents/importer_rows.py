"""A plan table's rows → activities with their partners, periods and the rest.

Owns the reading row by row once the columns are known: group rows (merged across the
table or alone in a cell, «Образовательные организации:», «Дом Культуры», «ЯНВАРЬ»),
«1.» rows over «1.1» rows, a «…на базе:» row over «– …» rows, and where each row's
partner comes from. The partner is taken, in this order, from the partner column; the
group row above; the place, the responsible or the organiser column — the first of them
in which most rows name an organisation, the others only for rows it leaves empty; a
mention in the text («совместно с ГОУ ЦПМСС»); and the «СОГЛАСОВАНО» party of the
document. The planner itself («ДК» in a Дом культуры's plan, «Правление ТБО») is no
partner. Every cell lands somewhere: a field, the activity's note, or a note for the
teacher naming its table and row.
"""

from __future__ import annotations

from partnerplan.documents.importer_found import Context, Found, Reading, read_sentences
from partnerplan.documents.importer_grid import Cell, Para, Row
from partnerplan.documents.importer_items import Split, align, split_items
from partnerplan.documents.importer_layout import Layout, texts
from partnerplan.documents.importer_names import (
    find_org,
    has_org_marker,
    is_self,
    mentions,
    split_acronym,
    split_names,
)
from partnerplan.documents.importer_text import (
    bullet,
    looks_like_period,
    looks_like_time,
    month_of,
    norm,
    number_parts,
    split_person,
)

_FIELD_ROLES = ("responsible", "participants")
_NOTE_ROLES = ("note", "result", "time", "place")
_LABELS = {"note": "Примечание", "result": "Результат", "time": "Время", "place": "Место проведения"}


def read_layout(layout: Layout, ctx: Context) -> Reading:
    if layout.mode == "sentences":
        return read_sentences(layout.table)
    return _Reader(layout, ctx).read()


class _Reader:
    def __init__(self, layout: Layout, ctx: Context) -> None:
        self.layout = layout
        self.table = layout.table
        self.ctx = ctx
        self.out = Reading()
        self.partner_cols = layout.cols("partner")
        self.act = layout.col("activity")
        self.period = layout.col("period")
        rows = self.table.rows[layout.first :]
        self.data = [r for r in rows if not self._group_text(r) and texts(r)]
        self.primary, self.fallback = self._sources()

    def width(self, cell: Cell | None) -> float:
        if cell is None or not self.table.widths:
            return 0.0
        return sum(self.table.widths[cell.col : cell.col + cell.span])

    def heading(self, col: int) -> str:
        return next((c.heading for c in self.layout.columns if c.index == col), "") or f"колонка {col + 1}"

    # --- where partners come from -------------------------------------------------

    def _sources(self) -> tuple[list[int], list[int]]:
        if self.partner_cols:
            self.out.sources = "колонка партнёров: " + ", ".join(
                f"«{self.heading(c)}»" for c in self.partner_cols
            )
            return [], []
        candidates = [*self.layout.cols("place")]
        if self.period is not None:
            candidates.append(-1)  # the lines of the period cell that are no period («03 января / ДК …»)
        candidates.extend(self.layout.cols("responsible"))
        ratios = {c: self._org_ratio(c) for c in candidates}
        primary = next((c for c in candidates if ratios[c] >= 0.5), None)
        fallback = [c for c in candidates if c != primary and 0 < ratios[c] < 0.5]
        names = {
            c: ("строки колонки сроков" if c == -1 else f"колонка «{self.heading(c)}»") for c in candidates
        }
        parts = []
        if primary is not None:
            parts.append(f"{names[primary]} (организации в {round(ratios[primary] * 100)} % строк)")
        if fallback:
            parts.append("если там пусто — " + ", ".join(names[c] for c in fallback))
        parts.append("упоминания в тексте («совместно с …», «на базе …»)")
        self.out.sources = "; ".join(parts)
        return ([primary] if primary is not None else []), fallback

    def _org_ratio(self, col: int) -> float:
        filled = hits = 0
        for row in self.data[:300]:
            text = self._source_text(row, col)
            if not text:
                continue
            filled += 1
            hits += bool(self._orgs(text))
        return hits / filled if filled else 0.0

    def _source_text(self, row: Row, col: int) -> str:
        if col == -1:
            cell = row.at(self.period) if self.period is not None else None
            if cell is None:
                return ""
            return "\n".join(_places_in_period(cell))
        cell = row.at(col)
        act = row.at(self.act) if self.act is not None else None
        if cell is None or cell is act:
            return ""
        return "\n".join(cell.lines)

    def _orgs(self, text: str) -> list[str]:
        out: list[str] = []
        for entry in split_names(text):
            org = find_org(entry)
            if org is None:
                continue
            for name in split_acronym(org):
                if not is_self(name, self.ctx.own) and name not in out:
                    out.append(name)
        return out

    # --- rows ----------------------------------------------------------------------

    def _group_text(self, row: Row) -> str | None:
        cells = [c for c in row.cells if c.text and not c.continued]
        rest = [c for c in cells if not (self.layout.role_of(c.col) == "number" and number_parts(c.text))]
        if len(rest) != 1 or len({c.text for c in cells}) > 2:
            return None
        cell = rest[0]
        role = self.layout.role_of(cell.col)
        if cell.span >= 2 and cell.span * 2 >= self.table.ncols:
            return cell.text
        if role == "partner" or role == "activity":
            return (
                cell.text if cell.text.rstrip().endswith(":") or (cell.bold and role == "activity") else None
            )
        return cell.text if role in (None, "number", "note") and len(cells) == 1 else None

    def read(self) -> Reading:
        group_partner: list[str] = []
        group: str | None = None
        month = ""
        lead = ""
        rows = self.table.rows[self.layout.first :]
        header = {tuple(texts(self.table.rows[i])) for i in self.layout.header}
        for i, row in enumerate(rows):
            if not texts(row) or tuple(texts(row)) in header:
                continue
            where = self.table.where(row.number)
            text = self._group_text(row) or self._numbered_group(row, _next_row(rows, i))
            if text:
                group_partner, group, month = self._group(text, where, group_partner, group, month)
                continue
            act = row.at(self.act) if self.act is not None else None
            if act is not None and act.text.rstrip().endswith(":") and not self._text(row, self.period, act):
                nxt = _next_row(rows, i)
                nact = nxt.at(self.act) if nxt is not None and self.act is not None else None
                if nact is not None and nact.lines and bullet(nact.lines[0])[0] == "dash":
                    lead = act.text
                    continue
            if act is None or not act.text or act.continued:
                self._no_activity(row, where, group)
                continue
            self._row(row, act, where, group_partner, group, month, lead)
            if lead and not (act.lines and bullet(act.lines[0])[0] == "dash"):
                lead = ""
        return self.out

    def _numbered_group(self, row: Row, nxt: Row | None) -> str | None:
        """«1. | Образовательные связи | …» over «1.1 | …» rows: a group heading."""
        num_col = self.layout.col("number")
        if num_col is None:
            return None
        parts = number_parts(row.text_at(num_col))
        if parts is None or len(parts) != 1 or nxt is None:
            return None
        below = number_parts(nxt.text_at(num_col))
        if below is None or len(below) != 2 or below[0] != parts[0]:
            return None
        name_col = self.partner_cols[0] if self.partner_cols else self.act
        return row.text_at(name_col) if name_col is not None else None

    def _group(
        self, text: str, where: str, partner: list[str], group: str | None, month: str
    ) -> tuple[list[str], str | None, str]:
        clean = text.strip().rstrip(":").strip()
        if month_of(clean) or (looks_like_period(clean) and len(clean) < 30):
            self.out.groups.append(f"{where}: «{clean}» — срок (для строк без своего срока)")
            return partner, group, clean
        if self.partner_cols:
            self.out.groups.append(f"{where}: «{clean}» — группа партнёров (groups)")
            return partner, clean, month
        org = None if "мероприят" in norm(clean) or "программ" in norm(clean) else find_org(clean)
        if org and not is_self(org, self.ctx.own):
            if not self.out.sources.startswith("строки-группы"):
                self.out.sources = "строки-группы над строками; где их нет — " + self.out.sources
            self.out.groups.append(f"{where}: «{clean}» — партнёр строк ниже")
            return [org], group, month
        self.out.groups.append(f"{where}: «{clean}» — раздел плана (в файле плана ему нет места)")
        self.out.notes.append(f"{where}: строка-раздел «{clean}» не перенесена — в файле плана разделов нет")
        return [], group, month

    def _text(self, row: Row, col: int | None, act: Cell | None) -> str:
        if col is None:
            return ""
        cell = row.at(col)
        return "" if cell is None or cell is act else cell.text

    def _no_activity(self, row: Row, where: str, group: str | None) -> None:
        if self.partner_cols:
            name = row.text_at(self.partner_cols[0])
            purpose = self._text(row, self.layout.col("purpose"), None)
            if name:
                self.out.idle.append((name, group, purpose, where))
                return
        left = [t for t in texts(row) if not number_parts(t)]
        if left:
            self.out.notes.append(f"{where}: строка без мероприятия — не перенесена: «{' | '.join(left)}»")

    def _row(
        self,
        row: Row,
        act: Cell,
        where: str,
        group_partner: list[str],
        group: str | None,
        month: str,
        lead: str,
    ) -> None:
        split = split_items(act, self.width(act))
        if not split.items:
            return
        n = len(split.items)
        used = {id(act)}
        periods = [month if self.period is None else ""] * n
        period_cell = row.at(self.period) if self.period is not None else None
        places: set[str] = set()
        if period_cell is not None and id(period_cell) not in used:
            used.add(id(period_cell))
            places = set(_places_in_period(period_cell))
            keep = _without(period_cell, places) if places else period_cell
            periods = align(split, keep, self.width(period_cell), periods=True)
        fields: dict[str, list[str]] = {}
        notes: list[list[str]] = [[] for _ in range(n)]
        for column in self.layout.columns:
            cell = row.at(column.index)
            if (
                cell is None
                or id(cell) in used
                or not cell.text
                or column.role in ("number", "activity", "period")
            ):
                continue
            used.add(id(cell))
            values = align(split, cell, self.width(cell), sep=", " if column.role in _FIELD_ROLES else " ")
            source = column.index in self.primary or column.index in self.fallback
            if source and self._orgs(self._source_text(row, column.index)):
                if column.role != "responsible":
                    continue  # the place named the partner: nothing more to keep
                # «УСЗН Лукьянова Ю. Д.» → the person; «Администрация …», the partner itself → nothing
                values = [split_person(v)[1] or ("" if self._orgs(v) == [v] else v) for v in values]
            if column.role in _FIELD_ROLES:
                fields[column.role] = [
                    _join(a, b) for a, b in zip(fields.get(column.role, [""] * n), values, strict=True)
                ]
            elif column.role in _NOTE_ROLES:
                for k, v in enumerate(values):
                    if v:
                        notes[k].append(f"{column.heading or _LABELS.get(column.role, 'примечание')}: {v}")
        form = self._text(row, self.layout.col("form"), act)
        purpose = self._text(row, self.layout.col("purpose"), act)
        partners, from_text = self._partners(row, split, group_partner)
        for place in sorted(places):
            if not any(p in place for p in partners):
                for k in range(n):
                    notes[k].append(f"место: {place}")
        for k, item in enumerate(split.items):
            item_partners = partners or self._item_mentions(item.title)
            note = list(notes[k])
            if lead:
                note.insert(0, lead)
            if split.heading:
                note.insert(0, split.heading)
            if item.subs:
                note.append("; ".join(item.subs))
            note.extend(item.extra)
            title = bullet(item.title)[1] if bullet(item.title)[0] == "dash" else item.title
            found = Found(title.strip(), where, periods[k], list(item_partners), from_text or not partners)
            found.responsible = fields.get("responsible", [""] * n)[k]
            found.participants = fields.get("participants", [""] * n)[k]
            found.form, found.note, found.purpose, found.group = form, note, purpose, group
            found.period_where = (
                f"{where}, «{self.heading(self.period)}»" if self.period is not None else where
            )
            self.out.found.append(found)

    def _item_mentions(self, title: str) -> list[str]:
        return [m for m in mentions(title) if not is_self(m, self.ctx.own)]

    def _partners(self, row: Row, split: Split, group_partner: list[str]) -> tuple[list[str], bool]:
        for col in self.partner_cols:
            text = row.text_at(col)
            if text:
                names = [n for n in split_names(text) if not is_self(n, self.ctx.own)]
                if names:
                    return names, False
                break
        if group_partner:
            return group_partner, False
        for col in [*self.primary, *self.fallback]:
            found = self._orgs(self._source_text(row, col))
            if found:
                return found, False
        found = [m for m in mentions(split.heading) if not is_self(m, self.ctx.own)] if split.heading else []
        if found:
            return found, True
        if self.ctx.agreed:  # a plan of work with one party («СОГЛАСОВАНО», «План работы с …»)
            return list(self.ctx.agreed), True
        return [], False


def _next_row(rows: list[Row], i: int) -> Row | None:
    """The next row with text after row i (without copying the list: 20,000 rows stay linear)."""
    for k in range(i + 1, min(i + 50, len(rows))):
        if texts(rows[k]):
            return rows[k]
    return None


def _places_in_period(cell: Cell) -> list[str]:
    """«03 января / ДК с. Серноводское»: the lines after the first that name a place."""
    lines = [ln for ln in cell.lines if ln]
    return [
        ln for ln in lines[1:] if not looks_like_period(ln) and not looks_like_time(ln) and has_org_marker(ln)
    ]


def _without(cell: Cell, drop: set[str]) -> Cell:
    paras = []
    for p in cell.paras:
        kept = [ln for ln in p.text.split("\n") if ln.strip() not in drop]
        if any(x.strip() for x in kept):
            paras.append(Para("\n".join(kept), p.bold, p.align))
    return Cell(tuple(paras), cell.col, cell.span, cell.continued)


def _join(a: str, b: str) -> str:
    return f"{a}; {b}" if a and b else a or b
