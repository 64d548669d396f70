"""A Word «Комплексный план» back into a plan file.

Columns are found by their headings (№, партнёр, характеристика, формы, период/сроки);
a row whose only text is a name ending in «:», or a cell spanning the table, is a group
header; a partner's forms and periods are paragraphs of two cells, lined up by the line
on which each begins (a period spanning several activities is written once, as in seed
002). What has no column in the table — directions, levels, contacts — cannot come back
and is listed for the teacher, as is every activity whose form is not in the vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from partnerplan.plan import vocabulary as vocab
from partnerplan.plan.check import normalise

_HEADINGS = {
    "number": ("№", "n п/п", "номер"),
    "partner": ("партнер", "партнёр", "организация", "учреждение"),
    "purpose": ("характеристика", "цель", "содержание"),
    "forms": ("форм", "мероприяти"),
    "period": ("период", "срок", "дата"),
}
_YEAR = re.compile(r"(20\d\d)\s*[/\-–—]\s*(20\d\d)|на\s+(20\d\d)\s+год")
_LATIN = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya".split()
_TRANSLIT = {
    c: ("" if t == "-" else t) for c, t in zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", _LATIN, strict=True)
}


@dataclass(slots=True)
class Imported:
    data: dict[str, Any]
    unmapped: list[str] = field(default_factory=list)  # Russian notes for the teacher


class ImportError_(Exception):
    """The document has no table that looks like a «Комплексный план»."""


def slug(text: str, taken: set[str]) -> str:
    base = "".join(_TRANSLIT.get(c, c) for c in text.lower())
    base = re.sub(r"[^a-z0-9]+", "_", base).strip("_")[:24].strip("_") or "partner"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    taken.add(candidate)
    return candidate


def guess_form(title: str) -> str | None:
    """The vocabulary form a line names: the earliest (then longest) spelling found in it."""
    text = f" {normalise(title)} "
    best: tuple[int, int, str] | None = None
    for _fid, name, aliases in vocab.FORMS:
        for spelling in (name, *aliases):
            s = f" {normalise(spelling)} "
            at = text.find(s)
            if at >= 0 and (best is None or (at, -len(s)) < (best[0], -best[1])):
                best = (at, len(s), name)
    return best[2] if best else None


def _column_of(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, text in enumerate(header):
        t = normalise(text)
        for key, words in _HEADINGS.items():
            if key not in found and any(w in t for w in words):
                found[key] = i
                break
    return found


def _lines(cell: Any) -> list[str]:
    """The cell's lines: paragraphs, and manual line breaks (Shift+Enter) inside them."""
    return [line.strip() for p in cell.paragraphs for line in p.text.split("\n")]


def _pair(activities: list[str], periods: list[str]) -> list[tuple[str, str]]:
    """Each activity with the period written on the line where it begins; an activity
    with none takes the one above (a period written once for a run of activities)."""
    from partnerplan.documents.docx import PLAN_COLUMNS_MM, _height

    def starts(paragraphs: list[str], width: float) -> list[tuple[int, str]]:
        out, line = [], 0
        for text in paragraphs:
            if text:
                out.append((line, text))
            line += _height(text, width) if text else 1
        return out

    acts = starts(activities, PLAN_COLUMNS_MM[3])
    pers = starts(periods, PLAN_COLUMNS_MM[4])
    if len(acts) == len(pers):  # one period for each activity: pair them in order
        return [(a[1], p[1]) for a, p in zip(acts, pers, strict=True)]
    out: list[tuple[str, str]] = []
    current = ""
    remaining = list(pers)
    for i, (line, text) in enumerate(acts):
        next_line = acts[i + 1][0] if i + 1 < len(acts) else 10**9
        here = [p for p in remaining if p[0] < next_line and (p[0] >= line or i == 0)]
        if here:
            current = " ".join(p[1] for p in here)
            remaining = [p for p in remaining if p not in here]
        out.append((text, current))
    return out


def import_docx(path: str, default_year: str) -> Imported:
    from docx import Document

    doc = Document(path)
    table = None
    columns: dict[str, int] = {}
    for t in doc.tables:
        if not t.rows:
            continue
        columns = _column_of([c.text for c in t.rows[0].cells])
        if {"partner", "forms"} <= columns.keys():
            table = t
            break
    if table is None:
        raise ImportError_("no table")
    notes: list[str] = []
    paragraphs = [p.text.strip() for p in doc.paragraphs if p.text.strip()]
    approver = None
    if paragraphs and normalise(paragraphs[0]).startswith("утверждаю") and len(paragraphs) >= 3:
        name = paragraphs[2].strip("_ ").strip()
        approver = {"position": paragraphs[1], "name": name}
    title = next(
        (p for p in paragraphs if "план" in p.lower() and not normalise(p).startswith("утверждаю")), None
    )
    props = doc.core_properties
    year_match = _YEAR.search(props.category or "") or _YEAR.search(title or "")
    if re.fullmatch(r"20\d\d", (props.category or "").strip()):
        year = props.category.strip()
    elif year_match and year_match[1]:
        year = f"{year_match[1]}/{year_match[2]}"
    elif year_match and year_match[3]:
        year = year_match[3]
    else:
        year = default_year
        notes.append(f"год плана в документе не найден — поставлен {year}; проверьте ключ year")
    planner = {"name": props.subject.strip()} if (props.subject or "").strip() else _planner_from_title(title)
    groups: list[dict[str, str]] = []
    partners: list[dict[str, Any]] = []
    taken_ids: set[str] = set()
    taken_groups: set[str] = set()
    builtin_groups = {normalise(name): gid for gid, name in vocab.GROUPS}
    current_group: str | None = None
    unknown_forms = 0
    for row in table.rows[1:]:
        cells = row.cells
        distinct: list[Any] = []
        for c in cells:
            if not distinct or c._tc is not distinct[-1]._tc:
                distinct.append(c)
        texts = [c.text.strip() for c in cells]
        name = texts[columns["partner"]] if columns["partner"] < len(texts) else ""
        rest = [texts[i] for k, i in columns.items() if k not in ("number", "partner") and i < len(texts)]
        spanning = len(distinct) < len(cells)
        if name and (spanning or (name.endswith(":") and not any(rest))):
            group_name = name.rstrip(":").strip()
            gid = builtin_groups.get(normalise(group_name)) or slug(group_name, set())
            if gid in taken_groups:
                gid = slug(group_name, taken_groups)
            taken_groups.add(gid)
            groups.append({"id": gid, "name": group_name})
            current_group = gid
            continue
        if not name:
            continue
        partner: dict[str, Any] = {"id": slug(name, taken_ids), "name": name}
        if current_group:
            partner["group"] = current_group
        if "purpose" in columns and texts[columns["purpose"]]:
            partner["purpose"] = " ".join(_lines(cells[columns["purpose"]])).strip()
        forms = _lines(cells[columns["forms"]])
        periods = _lines(cells[columns["period"]]) if "period" in columns else []
        activities = []
        for title_line, period in _pair(forms, periods):
            form = guess_form(title_line)
            if form is None:
                unknown_forms += 1
                form = title_line.split("«")[0].strip(" .").lower() or title_line
                notes.append(f"«{name}»: форма «{title_line}» не распознана — проверьте form")
            activity = {"form": form, "title": title_line}
            if period:
                activity["period"] = period
            activities.append(activity)
        if activities:
            partner["activities"] = activities
        partners.append(partner)
    data: dict[str, Any] = {"version": 1, "planner": planner, "year": year}
    if approver:
        data["planner"]["approver"] = approver
    if title:
        data["title"] = title
    if groups:
        data["groups"] = groups
    data["partners"] = partners
    from partnerplan.documents.embed import embedded_plan

    embedded = embedded_plan(doc)
    if embedded is not None:
        _restore(data, embedded, notes)
    else:
        notes.append(
            "направления деятельности (directions) и уровень партнёрства (level) "
            "в таблице не записаны — добавьте их"
        )
    return Imported(data, notes)


_HIDDEN_PARTNER = ("id", "level", "directions", "contacts", "agreement", "note")
_HIDDEN_ACTIVITY = ("id", "form", "dates", "responsible", "participants", "note", "log")
_HIDDEN_PLAN = ("calendar", "goals", "tasks", "results", "directions", "forms")


def _restore(data: dict[str, Any], embedded: dict[str, Any], notes: list[str]) -> None:
    """Fields the table cannot show, taken from the plan the document was made from;
    matched by partner name and activity line, so rows added in Word simply lack them."""
    for key in _HIDDEN_PLAN:
        if key in embedded:
            data[key] = embedded[key]
    planner = embedded.get("planner") or {}
    for key in ("parent", "author"):
        if key in planner:
            data["planner"][key] = planner[key]
    if "groups" in embedded:
        by_name = {normalise(g["name"]): g for g in embedded["groups"]}
        renamed = {}
        for g in data.get("groups", []):
            old = by_name.get(normalise(g["name"]))
            if old:
                renamed[g["id"]] = old["id"]
                g["id"] = old["id"]
        for p in data["partners"]:
            if p.get("group") in renamed:
                p["group"] = renamed[p["group"]]
        # A built-in group the original plan used without listing it stays unlisted.
        builtin = dict(vocab.GROUPS)
        listed = {g["id"] for g in embedded["groups"]}
        data["groups"] = [
            g for g in data.get("groups", []) if g["id"] in listed or builtin.get(g["id"]) != g["name"]
        ]
        if not data["groups"]:
            del data["groups"]
    source = {normalise(p.get("name", "")): p for p in embedded.get("partners", [])}
    matched = 0
    for p in data["partners"]:
        old = source.get(normalise(p["name"]))
        if old is None:
            continue
        matched += 1
        for key in _HIDDEN_PARTNER:
            if key in old:
                p[key] = old[key]
        lines = {normalise(a.get("title") or a.get("form", "")): a for a in old.get("activities", [])}
        for a in p.get("activities", []):
            src = lines.get(normalise(a["title"]))
            if src is None:
                continue
            for key in _HIDDEN_ACTIVITY:
                if key in src:
                    a[key] = src[key]
            if "title" not in src:  # the line was the form's own name
                del a["title"]
    new = len(data["partners"]) - matched
    if new:
        notes.append(
            f"партнёров, добавленных в Word (нет в исходном плане): {new} — проверьте их id и направления"
        )


def _planner_from_title(title: str | None) -> dict[str, str]:
    if title:
        m = re.search(r"работы\s+(.+?)\s+с\s+социальными", title)
        if m:
            words = m[1]
            return {"name": words[:1].upper() + words[1:]}
    return {"name": "Организация (укажите название)"}


def to_yaml(data: dict[str, Any]) -> str:
    """Plan data as canonical YAML text (the fmt layout)."""
    import io

    from partnerplan.plan.format import format_text, round_trip_yaml

    buf = io.StringIO()
    round_trip_yaml().dump(data, buf)
    return format_text(buf.getvalue())
