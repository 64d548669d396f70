"""Which tables hold the plan, and what each column of them is.

Owns the reading of a table's shape: the header row (or two rows with merged cells),
found by its words among the first rows, or none at all; the rows above it (a title, an
«УТВЕРЖДАЮ» block typed into the sheet); the role of every column — from its heading
(«Соц. партнер», «Сроки», «Место проведения», «Ответственный», «К-во уч-ков») and, when
the heading says nothing or there is no header, from what the cells hold (dates and
months, clock times, «1.»-numbers, persons, organisations, long text). A table that is
an approval block, a signature line or that holds no activities is not a plan table;
a table without a header that continues the plan table before it takes its columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from partnerplan.documents.importer_found import starts_with_date
from partnerplan.documents.importer_grid import Row, Table
from partnerplan.documents.importer_names import find_org, is_address, is_person
from partnerplan.documents.importer_text import is_number_label, looks_like_period, looks_like_time, norm

ROLE_NAMES = {
    "number": "номер строки (не переносится)",
    "partner": "партнёр (partners: name)",
    "purpose": "характеристика взаимодействия (purpose)",
    "activity": "мероприятие (activities: title)",
    "form": "форма проведения (form)",
    "period": "срок (period)",
    "time": "время (в примечание note)",
    "place": "место проведения (партнёр, если это организация; иначе в note)",
    "responsible": "ответственный (responsible; организация — партнёр)",
    "participants": "участники (participants)",
    "result": "результат (в примечание note)",
    "note": "примечание (note)",
}
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, re.compile(pattern))
    for role, pattern in (
        ("partner", r"партн[её]р|соисполнител|учреждени|организаци(?!я\s+и\s+провед)|с кем|partner(?!ship)"),
        (
            "responsible",
            r"ответствен|организатор|(?<!со)исполнител|руководител|куратор|кто провод|"
            r"responsible",
        ),
        ("period", r"срок|дат[аыу]|период|когда|месяц|period|date|when"),
        ("time", r"время|time"),
        ("place", r"место|где |^где|площадк|адрес|place|venue"),
        (
            "participants",
            r"участник|уч-к|групп|категори|аудитори|для кого|возраст|класс|к-во|кол-во|"
            r"количеств|охват",
        ),
        ("purpose", r"цел[ьи]|характеристик|задач|purpose"),
        ("result", r"результат|продукт|выполнен|отметк|итог"),
        ("note", r"примечани|сумма|финанс|стоимост|бюджет|источник|руб\.|note"),
        (
            "activity",
            r"мероприяти|наименовани|название|содержани|тема|формы взаимодейств|деятельност|"
            r"работ[аы]|activit|forms of interaction",
        ),
        ("form", r"форм[аы]|вид"),
    )
)
_NUMBER_HEADING = re.compile(r"^(?:№+|n|no\.?|#|номер)?\s*(?:п\s*[/\\]?\s*п)?\.?$")
_APPROVAL = re.compile(
    r"^\s*(?:утверждаю|утвержден|утверждено|утверждена|согласовано|согласован|approved|agreed)", re.IGNORECASE
)


def heading_role(text: str) -> str | None:
    t = norm(text).replace("ё", "е")
    if not t or len(t) > 120:
        return None
    if _NUMBER_HEADING.match(t.replace(" ", "")) or t.replace(" ", "") in (
        "№п/п",
        "№№п/п",
        "№п\\п",
        "№№п\\п",
    ):
        return "number"
    for role, pattern in _RULES:
        if pattern.search(t):
            if role == "form" and _RULES[-2][1].search(t):
                return "activity"
            return role
    return None


@dataclass(slots=True)
class Column:
    index: int
    role: str
    heading: str = ""
    by: str = "заголовку"  # how the role was found: «заголовку» or «содержимому»


@dataclass(slots=True)
class Layout:
    table: Table
    columns: list[Column]
    header: list[int] = field(default_factory=list)  # indexes of the header rows
    first: int = 0  # index of the first row after the header
    preamble: list[str] = field(default_factory=list)  # text rows above the header
    mode: str = "grid"  # grid | sentences
    continues: int | None = None  # the table number whose columns it takes

    def col(self, role: str) -> int | None:
        return next((c.index for c in self.columns if c.role == role), None)

    def cols(self, role: str) -> list[int]:
        return [c.index for c in self.columns if c.role == role]

    def role_of(self, index: int) -> str | None:
        return next((c.role for c in self.columns if c.index == index), None)


@dataclass(slots=True)
class NotPlan:
    table: Table
    why: str


def texts(row: Row) -> list[str]:
    """The row's texts, one per cell with text (a merged cell once)."""
    return [c.text for c in row.cells if c.text]


def single_text(row: Row) -> bool:
    return len({c.text for c in row.cells if c.text and not c.continued}) == 1


def is_approval(table: Table) -> bool:
    return any(_APPROVAL.match(c.text) for row in table.rows[:8] for c in row.cells if c.text)


def analyse(table: Table, previous: Layout | None) -> Layout | NotPlan:
    rows = table.rows
    if not any(texts(r) for r in rows):
        return NotPlan(table, "пустая таблица")
    if table.ncols == 1 or all(len(set(texts(r))) <= 1 for r in rows):
        lines = [ln for r in rows for c in r.cells for ln in c.lines if ln]
        if sum(1 for ln in lines if starts_with_date(ln)) >= 2:
            return Layout(table, [Column(0, "activity", "", "содержимому")], mode="sentences")
    header = _find_header(rows)
    if header is None and is_approval(table) and _data_rows(rows) < 2:
        return NotPlan(table, "гриф «УТВЕРЖДАЮ» / «СОГЛАСОВАНО»")
    if header is None and previous is not None and table.ncols == previous.table.ncols:
        cols = [Column(c.index, c.role, c.heading, c.by) for c in previous.columns]
        return Layout(table, cols, [], 0, [], "grid", previous.table.number)
    if header is not None:
        top, count = header
        heading = _headings(rows[top : top + count], table.ncols)
        columns = [Column(i, role, text) for i, (text, role) in enumerate(heading) if text and role]
        first = top + count
        if first < len(rows) and _column_numbers(rows[first]):
            first += 1
        preamble = [" ".join(dict.fromkeys(texts(r))) for r in rows[:top] if texts(r)]
    else:
        found = _first_data_row(rows)
        if found is None:
            return NotPlan(table, _why_not(table))
        first = found
        while first > 0 and single_text(rows[first - 1]):
            first -= 1  # the group rows right above the first data row
        preamble = [" ".join(dict.fromkeys(texts(r))) for r in rows[:first] if texts(r)]
        columns = []
        if len(rows) - first < 2 and any(is_person(t) for r in rows[first:] for t in texts(r)):
            return NotPlan(table, "строка подписи")
    layout = Layout(
        table,
        columns,
        [] if header is None else list(range(header[0], header[0] + header[1])),
        first,
        preamble,
    )
    _infer(layout)
    if layout.col("activity") is None:
        return NotPlan(table, _why_not(table))
    return layout


def _find_header(rows: list[Row]) -> tuple[int, int] | None:
    for i, row in enumerate(rows[:25]):
        cells = [c for c in row.cells if c.text and not c.continued]
        if len(cells) < 2:
            continue
        roles = [heading_role(c.text) for c in cells]
        matched = [r for r in roles if r]
        if (
            len(matched) >= 2
            and len(matched) >= 0.6 * len(cells)
            and {"activity", "partner", "period"} & set(matched)
        ):
            count = 1
            if i + 1 < len(rows):
                nxt = rows[i + 1]
                below = [c for c in nxt.cells if c.text and not c.continued]
                spans = any(c.span > 1 for c in row.cells) or any(c.continued for c in nxt.cells)
                short = below and all(heading_role(c.text) or len(c.text) < 25 for c in below)
                if spans and short and not any(is_number_label(c.text) for c in below):
                    count = 2
            return i, count
    return None


def _headings(rows: list[Row], ncols: int) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for col in range(ncols):
        parts = []
        for r in rows:
            cell = r.at(col)
            if cell is not None and cell.text and cell.text not in parts:
                parts.append(cell.text)
        text = " ".join(parts)
        role = None
        for part in reversed(parts):  # the lower row is the more precise
            role = heading_role(part)
            if role:
                break
        out.append((text, role or ("note" if text else None)))
    return out


def _column_numbers(row: Row) -> bool:
    found = texts(row)
    return len(found) >= 2 and all(t.strip(".").isdigit() and int(t.strip(".")) <= 30 for t in found)


def _data_rows(rows: list[Row]) -> int:
    return sum(1 for r in rows if len({c.text for c in r.cells if c.text and not c.continued}) >= 2)


def _first_data_row(rows: list[Row]) -> int | None:
    for i, row in enumerate(rows):
        distinct = {c.text for c in row.cells if c.text and not c.continued}
        if len(distinct) >= 2 and not any(_APPROVAL.match(t) for t in distinct):
            return i
    return None


def _why_not(table: Table) -> str:
    n = sum(1 for r in table.rows if texts(r))
    return f"не похожа на план: {n} строк с текстом, колонок {table.ncols}, нет колонки мероприятий"


def _infer(layout: Layout) -> None:
    """Roles from the cells: for columns the header left unnamed, and to settle doubts."""
    table = layout.table
    sample = [r for r in table.rows[layout.first : layout.first + 300] if not single_text(r)]
    known = {c.index: c for c in layout.columns}
    stats = {col: _stats(sample, col) for col in range(table.ncols)}
    unknown = [col for col in range(table.ncols) if col not in known and stats[col]["n"]]

    def assign(col: int, role: str) -> None:
        known[col] = Column(col, role, "", "содержимому")
        unknown.remove(col)

    taken = {c.role for c in known.values()}
    for col in list(unknown):
        if col <= 1 and stats[col]["number"] >= 0.7 and "number" not in taken:
            assign(col, "number")
            taken.add("number")
        elif stats[col]["time"] >= 0.6:
            assign(col, "time")
    if "period" not in taken:
        dated = [c for c in unknown if stats[c]["period"] >= 0.5 and stats[c]["len"] < 60]
        if dated:
            assign(max(dated, key=lambda c: stats[c]["period"]), "period")
    if "activity" not in taken:
        texty = [
            c for c in unknown if stats[c]["len"] >= 8 and stats[c]["person"] < 0.5 and stats[c]["org"] < 0.5
        ]
        if texty:
            assign(max(texty, key=lambda c: stats[c]["len"]), "activity")
    for col in list(unknown):
        assign(col, _guess(stats[col], col, known))
    # «Время проведения» that holds months is the period; a second «Сроки» of clock times is the time.
    periods = [c for c in known.values() if c.role == "period"]
    for c in known.values():
        st = stats[c.index]
        if c.role == "time" and not periods and st["period"] >= 0.5 and st["time"] < 0.5:
            c.role = "period"
            periods.append(c)
        elif c.role == "period" and len(periods) > 1 and c is not periods[0] and st["time"] >= 0.5:
            c.role = "time"
    _one_activity(known, stats)
    layout.columns = [known[i] for i in sorted(known)]


def _one_activity(known: dict[int, Column], stats: dict[int, dict[str, float]]) -> None:
    acts = [c for c in known.values() if c.role == "activity"]
    if not acts:
        for fallback in ("purpose", "form"):
            found = [c for c in known.values() if c.role == fallback]
            if found:
                found[0].role = "activity"
                return
        text_cols = [c for c in known.values() if c.role in ("note", "result") and stats[c.index]["len"] >= 8]
        if text_cols:
            max(text_cols, key=lambda c: stats[c.index]["len"]).role = "activity"
        return
    for extra in acts[1:]:
        extra.role = "note"


def _stats(rows: list[Row], col: int) -> dict[str, float]:
    values = []
    for r in rows:
        cell = r.at(col)
        if cell is not None and cell.col == col and cell.text:
            values.append(cell)
    n = len(values)
    if not n:
        return {"n": 0, "number": 0, "period": 0, "time": 0, "person": 0, "org": 0, "address": 0, "len": 0}
    firsts = [next((ln for ln in c.lines if ln), "") for c in values]
    return {
        "n": n,
        "number": sum(is_number_label(c.text) for c in values) / n,
        "period": sum(looks_like_period(f) and not looks_like_time(f) for f in firsts) / n,
        "time": sum(looks_like_time(f) for f in firsts) / n,
        "person": sum(is_person(c.text) for c in values) / n,
        "org": sum(find_org(c.text) is not None for c in values) / n,
        "address": sum(bool(is_address(f)) for f in firsts) / n,
        "len": sum(len(c.text) for c in values) / n,
    }


def _guess(st: dict[str, float], col: int, known: dict[int, Column]) -> str:
    if st["person"] >= 0.5:
        return "responsible"
    if st["org"] >= 0.5:
        return (
            "responsible"
            if any(c.role == "activity" and c.index < col for c in known.values())
            else "partner"
        )
    if st["address"] >= 0.5:
        return "place"
    return "note"
