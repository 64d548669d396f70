"""What the table readers produce, and the reader of plans written as sentences.

Owns `Found` (one activity as the document has it, with the cell it came from),
`Reading` (all that one table gave: activities, partners without activities, notes,
what its group rows became) and the plans whose items are sentences, one paragraph per
event: «26.05. в 15.00 на базе КДЦ «Дом Москвы» состоится праздник …» is read into a
period («26.05. в 15.00»), a title («Праздник …») and the partners it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from partnerplan.documents.importer_grid import Table
from partnerplan.documents.importer_names import find_org, mentions
from partnerplan.documents.importer_text import collapse


@dataclass(slots=True)
class Found:
    """One activity as the document has it."""

    title: str
    where: str
    period: str = ""
    partners: list[str] = field(default_factory=list)
    from_text: bool = False  # the partner's name was cut out of running text
    responsible: str = ""
    participants: str = ""
    form: str = ""
    note: list[str] = field(default_factory=list)
    purpose: str = ""
    group: str | None = None  # a partner group (tables with a partner column)
    period_where: str = ""


@dataclass(slots=True)
class Reading:
    found: list[Found] = field(default_factory=list)
    idle: list[tuple[str, str | None, str, str]] = field(default_factory=list)  # partners without activities
    notes: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # row numbers and what each group row became
    sources: str = ""


@dataclass(slots=True)
class Context:
    own: tuple[set[str], set[str]]
    agreed: list[str]


_LEADING_DATE = re.compile(
    r"^\s*(?P<date>\d{1,2}\s*\.\s*\d{1,2}(?:\s*\.\s*\d{2,4})?\.?|\d{1,2}(?:\s*[-–—]\s*\d{1,2})?\s+"
    r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря))"
    r"(?P<time>\s*(?:в|с)\s*\d{1,2}[.:]\d{2}(?:\s*[-–—]\s*\d{1,2}[.:]\d{2})?)?[\s,–—-]*",
    re.IGNORECASE,
)
_VERB = re.compile(
    r"\s(?:пройд[её]т|пройдут|состоится|состоятся|проводит|проводят|провед[её]т|проведут|организует|"
    r"организуют|приглашает|приглашают|представит|представят|откроется|откроет|начн[её]тся|будет\s+"
    r"организован\w*|будет\s+проведен\w*|будут\s+проведены)\s",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"\s(?:в\s+рамках|посвящ\w*|для|с\s+целью)\s", re.IGNORECASE)
_PAREN_TAIL = re.compile(r"\s*\(([^()]*)\)\s*\.?\s*$")


@dataclass(slots=True)
class Sentence:
    period: str
    title: str
    partners: list[str]
    note: list[str] = field(default_factory=list)


def starts_with_date(text: str) -> bool:
    return bool(_LEADING_DATE.match(text))


def read_sentence(text: str) -> Sentence | None:
    """«25.05. в 10.00 Дом культуры им. Димитрова проводит акцию «Отчий дом».» → the
    period «25.05. в 10.00», the title «акцию «Отчий дом»», the partner «Дом культуры …»."""
    m = _LEADING_DATE.match(text)
    if not m:
        return None
    period = collapse(m.group("date") + (m.group("time") or ""))
    rest = collapse(text[m.end() :])
    verb = _VERB.search(" " + rest + " ")
    before, title = ("", rest) if verb is None else (rest[: verb.start()], rest[verb.end() - 1 :])
    partners: list[str] = list(mentions(before)) if before else []
    subject = partners[0] if partners else (find_org(_CLAUSE_END.split(before)[0]) if before else None)
    if subject and subject not in partners:
        partners.append(subject)
    for found in mentions(rest):
        if found not in partners:
            partners.append(found)
    note: list[str] = []
    title = title.strip()
    while True:
        tail = _PAREN_TAIL.search(title)
        if tail is None or tail.start() == 0:
            break
        if not re.match(r"\s*(?:совместно|при\s+участии|с\s+участием)", tail.group(1), re.IGNORECASE):
            note.insert(0, tail.group(1).strip())
        title = title[: tail.start()].strip()
    title = title.rstrip(" .")
    if before and not subject:
        note.insert(0, before.strip(" ,"))
    return Sentence(period, title or rest, partners, note)


def read_sentences(table: Table) -> Reading:
    out = Reading(sources="в тексте каждого пункта («на базе …», «совместно с …», кто проводит)")
    for row in table.rows:
        for cell in row.cells:
            if cell.continued:
                continue
            lines = [line for line in cell.lines if line]
            for k, line in enumerate(lines, start=1):
                where = table.where(row.number) + (f", абзац {k}" if len(lines) > 1 and table.number else "")
                s = read_sentence(line) if starts_with_date(line) else None
                if s is None:
                    if out.found:
                        out.found[-1].note.append(line)
                    else:
                        out.notes.append(f"{where}: абзац без даты не перенесён: «{line[:80]}»")
                    continue
                title = s.title[:1].upper() + s.title[1:]
                out.found.append(
                    Found(title, where, s.period, s.partners, True, note=list(s.note), period_where=where)
                )
    return out
