"""The organisation, the approver and the year, from what stands above the plan table.

Owns the reading of the document's head: the «УТВЕРЖДАЮ» block (paragraphs, a
borderless table, or cells of a sheet) gives the approver and, from the position
(«Директор АУ «ЦКС» Шемуршинского муниципального округа»), the organisation; a
«СОГЛАСОВАНО» block names the other party of a joint plan; «Утверждён правлением ТБО»
names the body. The title gives the year («на 2025-2026 учебный год» → 2025/2026,
«на май 2023 года» → 2022/2023, «на 2022 год» → 2022) and, failing the approval block,
the organisation («План работы МБУ «Белокрестское СКО» на июнь»). A partnerplan
document's own properties (subject, category) win over all of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from partnerplan.documents.importer_grid import Para, Table
from partnerplan.documents.importer_names import (
    LEGAL,
    has_org_marker,
    is_category,
    is_person,
    names_institution,
)
from partnerplan.documents.importer_text import collapse, norm, strip_position

_APPROVE = re.compile(
    r"^\s*(утверждаю|утверждено|утвержден[ао]?|утверждён[ао]?|approved)\s*[:.]?\s*", re.IGNORECASE
)
_AGREE = re.compile(r"^\s*(согласовано|согласован[ао]?|agreed)\s*[:.]?\s*", re.IGNORECASE)
_BODY = re.compile(
    r"^(?:правлением|приказом|решением|советом|собранием|директором|руководителем|"
    r"постановлением|распоряжением)\s+",
    re.IGNORECASE,
)
_ANNEX = re.compile(
    r"^\s*(приложение|к\s+(постановлению|приказу|решению|распоряжению)|протокол\s)", re.IGNORECASE
)
_SIGN = re.compile(r"_{3,}|\bподпись\b", re.IGNORECASE)
_DATE_LINE = re.compile(r"^[«\"]?\s*_*\s*[»\"]?\s*_*\s*(20\d\d|20__)\s*г|^[«\"]\s*_+\s*[»\"]", re.IGNORECASE)
_MONTHS = (
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
)
_ACADEMIC = re.compile(r"(20\d\d)\s*[-–—/]\s*(20\d\d|\d\d)(?!\d)")
_MONTH_YEAR = re.compile(
    r"(?:на|в)\s+(январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяе]|июн\w*|июл\w*|август\w*|сентябр\w*|"
    r"октябр\w*|ноябр\w*|декабр\w*)\s+(20\d\d)"
)
_CALENDAR = re.compile(r"(?:на|в)?\s*(20\d\d)\s*(?:год|г\.|г\b|гг)")
_YEAR_PHRASE = re.compile(
    r"\s*(?:на|в)?\s*(?:(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр)\w*\s+)?"
    r"20\d\d(?:\s*[-–—/]\s*(?:20)?\d\d)?\s*(?:(?:учебн\w+|уч\.)\s*)?(?:год\w*|гг?\.?)?\.?",
    re.IGNORECASE,
)
_SPELLED_LEGAL = re.compile(
    r"(?:муниципальн|государственн|федеральн|областн|краев|районн|городск)\w*\s+"
    r"(?:бюджетн|казенн|казённ|автономн)\w*",
    re.IGNORECASE,
)
_CUT = re.compile(r"\s(?:с\s+социальн\w*|с\s+партн\w*|по\s|для\s|в\s+рамках|посвящ\w*|на\s)", re.IGNORECASE)
_JOINT = re.compile(
    r"(?:совместн\w+\s+)?(?:работы|деятельности|взаимодействия|сотрудничества)\s+(?:(?P<a>.+?)\s+)?"
    r"(?:и|с|со)\s+(?P<b>.+)",
    re.IGNORECASE,
)
_AFTER_PLAN = re.compile(
    r"план\w*\s+(?:работы|основных\s+мероприятий|мероприятий|проведения\s+мероприятий|деятельности)\s+(.+)",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Meta:
    title: str | None = None
    organisation: str | None = None
    organisation_from: str = ""
    organisation_kind: str = ""  # properties | approval | body | legal | ours | acronym | phrase
    approver: dict[str, str] | None = None
    agreed: list[str] = field(default_factory=list)  # the other parties of «СОГЛАСОВАНО»
    year: str | None = None
    year_from: str = ""
    dated: str | None = None  # the academic year of a date above the table («№ 535 от 10 марта 2016 г.»)
    own: list[str] = field(default_factory=list)  # the planner's names, for «is it the planner itself»


def read_meta(head: list[str], tables: list[Table], properties: dict[str, str]) -> Meta:
    """`head`: the lines above the first plan table (paragraphs and a sheet's top rows);
    `tables`: the approval tables among them."""
    meta = Meta()
    used: set[int] = set()
    blocks: list[list[str]] = [head]
    for t in tables:  # a borderless approval table is read column by column
        for col in range(t.ncols):
            blocks.append([r.text_at(col) for r in t.rows])
    for bi, lines in enumerate(blocks):
        for i, line in enumerate(lines):
            if _APPROVE.match(line) or _AGREE.match(line):
                taken = _block(lines, i, meta, agree=bool(_AGREE.match(line)))
                if bi == 0:
                    used.update(taken)
    title_lines = []
    skip_annex = False
    for i, line in enumerate(head):
        if i in used or not line.strip():
            continue
        if _ANNEX.match(line):
            skip_annex = True
            continue
        if skip_annex and (line[:1].islower() or line.lstrip().startswith("№")):
            continue
        skip_annex = False
        title_lines.append(collapse(line))
    meta.title = " ".join(title_lines) or properties.get("title") or None
    meta.dated = next((y for y in (_dated(line) for line in head) if y), None)
    _organisation(meta, properties)
    _year(meta, properties)
    return meta


def _block(lines: list[str], i: int, meta: Meta, *, agree: bool) -> set[int]:
    """Read one «УТВЕРЖДАЮ» / «СОГЛАСОВАНО» block starting at line i; the lines it took."""
    first = lines[i]
    head = _AGREE if agree else _APPROVE
    rest = first[head.match(first).end() :].strip()  # type: ignore[union-attr]
    taken = {i}
    if not agree and _BODY.match(rest):  # «Утверждён правлением ТБО»
        body = _BODY.sub("", rest).strip(" .")
        if body and not meta.organisation:
            meta.organisation, meta.organisation_from, meta.organisation_kind = (
                body,
                f"«{first.strip()}»",
                "body",
            )
        return taken
    position: list[str] = [rest] if rest else []
    name = ""
    for j in range(i + 1, min(i + 8, len(lines))):
        line = lines[j].strip()
        if not line:
            if position or name:
                break
            continue
        if _APPROVE.match(line) or _AGREE.match(line):
            break
        if name:  # after the signature only its date belongs to the block
            if _DATE_LINE.match(line) or (
                line[:1] in '«"_0123456789' and re.search(r"20(?:\d\d|__)\s*г", line)
            ):
                taken.add(j)
            break
        taken.add(j)
        if _SIGN.search(line) or (position and is_person(line)):
            name = collapse(line.replace("_", " ")).strip(" /")
            continue
        position.append(line)
    text = collapse(" ".join(position))
    org = strip_position(text).strip(" ,")
    if agree:
        if org and has_org_marker(org):
            meta.agreed.append(org)
    else:
        if text and name:
            meta.approver = {"position": text, "name": name}
        if org and has_org_marker(org) and not meta.organisation:
            meta.organisation, meta.organisation_from, meta.organisation_kind = (
                org,
                "гриф «УТВЕРЖДАЮ»",
                "approval",
            )
    return taken


def _organisation(meta: Meta, properties: dict[str, str]) -> None:
    title = collapse(_YEAR_PHRASE.sub(" ", meta.title or ""))
    joint = _JOINT.search(title)
    if joint:  # «План совместной работы МБОУ СОШ № 1 и ДДТ», «План работы с детской библиотекой»
        other = _cut(joint.group("b")).strip(" .,«»")
        if not re.match(r"социальн|партн", other, re.IGNORECASE) and names_institution(other):
            meta.agreed.append(_cut(joint.group("b")).strip(" .,"))
            first = (joint.group("a") or "").strip(" .,")
            if first and has_org_marker(first) and not meta.organisation:
                meta.organisation, meta.organisation_from, meta.organisation_kind = (
                    first,
                    "заголовок",
                    "legal",
                )
    subject, kind = title_subject(meta.title or "")
    if properties.get("subject"):
        meta.organisation, meta.organisation_from, meta.organisation_kind = (
            properties["subject"],
            "свойства документа",
            "properties",
        )
    elif not meta.organisation and subject:
        meta.organisation, meta.organisation_from, meta.organisation_kind = subject, "заголовок", kind
    after = _AFTER_PLAN.search(collapse(_YEAR_PHRASE.sub(" ", meta.title or "")))
    meta.own = [n for n in (meta.organisation, subject, _cut(after.group(1)) if after else None) if n]
    if meta.approver:
        meta.own.append(strip_position(meta.approver["position"]))


def title_subject(title: str) -> tuple[str | None, str]:
    """Whose plan the title names, and how it was found."""
    ours = re.search(r"работы\s+(.+?)\s+с\s+социальными", title)
    if ours:
        words = ours[1]
        return words[:1].upper() + words[1:], "ours"
    t = collapse(_YEAR_PHRASE.sub(" ", title)).strip(" .")
    tokens = list(re.finditer(r"[А-ЯЁ]{2,}", t))
    for m in tokens:
        if m.group(0) in LEGAL:
            return _cut(t[m.start() :]), "legal"
    spelled = _SPELLED_LEGAL.search(t)
    if spelled:
        return _cut(t[spelled.start() :]), "legal"
    upper = sum(c.isupper() for c in t) > 0.8 * max(1, sum(c.isalpha() for c in t))
    if not upper:
        for m in tokens:
            if len(m.group(0)) <= 7 and m.group(0) not in ("ПЛАН",):
                return _cut(t[m.start() :]), "acronym"
    after = _AFTER_PLAN.search(t)
    if after:
        phrase = _cut(after.group(1)).strip(" .,")
        preposition = re.match(r"^(?:по|на|для|в|с|со|к|о|об)\s", phrase, re.IGNORECASE)
        if phrase and not preposition and names_institution(phrase) and not is_category(phrase):
            return phrase, "phrase"
    return None, ""


def _cut(text: str) -> str:
    m = _CUT.search(text)
    return (text[: m.start()] if m else text).strip(" .,")


def _year(meta: Meta, properties: dict[str, str]) -> None:
    from partnerplan.plan.model import Plan

    category = properties.get("category", "")
    if category:
        try:
            meta.year = Plan.model_validate({"version": 1, "planner": {"name": "-"}, "year": category}).year
            meta.year_from = "свойства документа"
            return
        except ValueError:
            pass
    found = year_in(meta.title or "")
    if found:
        meta.year, meta.year_from = found, "заголовок"


def year_in(text: str) -> str | None:
    t = norm(text)
    m = _ACADEMIC.search(t)
    if m:
        first = int(m[1])
        second = int(m[2]) if len(m[2]) == 4 else 2000 + int(m[2])
        if second == first + 1:
            return f"{first}/{second}"
    m = _MONTH_YEAR.search(t)
    if m:
        month = next(i for i, stem in enumerate(_MONTHS, start=1) if m[1].startswith(stem))
        y = int(m[2])
        return f"{y - 1}/{y}" if month <= 8 else f"{y}/{y + 1}"
    m = _CALENDAR.search(t)
    if m:
        return m[1]
    return None


_FULL_DATE = re.compile(
    r"(?<!\d)(\d{1,2})\s*(?:\.\s*(\d{1,2})\s*\.|\s+(январ\w*|феврал\w*|март\w*|апрел\w*|ма[йя]|июн\w*|июл\w*|"
    r"август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*))\s*(20\d\d)",
    re.IGNORECASE,
)


def _dated(line: str) -> str | None:
    m = _FULL_DATE.search(line)
    if not m:
        return None
    month = (
        int(m[2]) if m[2] else next(i for i, s in enumerate(_MONTHS, start=1) if m[3].lower().startswith(s))
    )
    y = int(m[4])
    return (f"{y - 1}/{y}" if month <= 8 else f"{y}/{y + 1}") if 1 <= month <= 12 else None


def head_lines(blocks: list[Para | Table]) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Para)]
