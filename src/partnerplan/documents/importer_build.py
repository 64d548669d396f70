"""The activities read from a document → the plan file's data, and notes for the teacher.

Owns the plan that comes out: one partner for one name (the same library on three rows,
a misspelt «историко-креведческий» on a fourth: one partner, and a note says so), stable
ids, groups, forms (a «Форма проведения» cell the vocabulary does not know becomes the
plan's own form), the activities no partner was found for gathered under «Без
партнёра», the year (the title's, else the dates' in the periods, else the one given),
and a note for every cell a person has to look at: a period the period language does
not read, a form not recognised, a partner's name cut out of running text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from partnerplan.documents.importer_found import Found, Reading
from partnerplan.documents.importer_meta import Meta
from partnerplan.documents.importer_names import initials
from partnerplan.documents.importer_text import key

UNASSIGNED_ID = "bez_partnera"
UNASSIGNED_NAME = "Без партнёра"
PLACEHOLDER_NAME = "Организация (укажите название)"
_LATIN = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya".split()
_TRANSLIT = {
    c: ("" if t == "-" else t) for c, t in zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", _LATIN, strict=True)
}
_DATED = re.compile(r"\b\d{1,2}\.(\d{1,2})\.(\d{4}|\d{2})(?!\d)")


def slug(text: str, taken: set[str]) -> str:
    base = "".join(_TRANSLIT.get(c, c) for c in text.lower())
    base = re.sub(r"[^a-z0-9]+", "_", base).strip("_")[:24].strip("_") or "partner"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    taken.add(candidate)
    return candidate


@dataclass(slots=True)
class _Partners:
    """Partners by name: an exact key first, then a near spelling among names that begin
    alike (so 20,000 rows stay linear)."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    by_key: dict[str, dict[str, Any]] = field(default_factory=dict)
    buckets: dict[str, list[str]] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)

    def get(self, name: str, group: str | None, purpose: str, where: str) -> dict[str, Any]:
        k = key(name)
        found = self.by_key.get(k)
        if found is None:
            for other in self.buckets.get(k[:3], [])[:50]:
                if SequenceMatcher(None, k, other).ratio() >= 0.9:
                    found = self.by_key[other]
                    self.notes.append(
                        f"{where}: «{name}» и «{found['name']}» сочтены одним партнёром — проверьте"
                    )
                    self.by_key[k] = found
                    break
        if found is not None and not _clash(found, group, purpose):
            if purpose and "purpose" not in found:
                found["purpose"] = purpose
            return found
        entry: dict[str, Any] = {"id": slug(name, self.ids), "name": name}
        if group:
            entry["group"] = group
        if purpose:
            entry["purpose"] = purpose
        self.entries.append(entry)
        if found is None:
            self.by_key[k] = entry
            self.buckets.setdefault(k[:3], []).append(k)
        return entry


def _merge_acronyms(partners: _Partners, notes: list[str]) -> None:
    """«ДДТ» on some rows and «МБУ ДО «Дом детского творчества»» on others: one partner."""
    full: dict[str, dict[str, Any]] = {}
    for p in partners.entries:
        if not re.fullmatch(r"[А-ЯЁ]{2,7}", p["name"]):
            full.setdefault(initials(p["name"]), p)
    for p in list(partners.entries):
        target = full.get(p["name"]) if re.fullmatch(r"[А-ЯЁ]{2,7}", p["name"]) else None
        if target is None or target is p or _clash(target, p.get("group"), p.get("purpose", "")):
            continue
        have = {(a["title"], a.get("period")) for a in target.get("activities", [])}
        for a in p.get("activities", []):
            if (a["title"], a.get("period")) not in have:
                target.setdefault("activities", []).append(a)
        partners.entries.remove(p)
        notes.append(f"«{p['name']}» сочтено сокращением «{target['name']}»: один партнёр — проверьте")


def _clash(found: dict[str, Any], group: str | None, purpose: str) -> bool:
    """The same name in two groups, or with two purposes, is two rows of the table."""
    if group and found.get("group") and group != found["group"]:
        return True
    return bool(purpose and found.get("purpose") and purpose != found["purpose"])


def assemble(
    readings: list[Reading], meta: Meta, default_year: str, forms: Any
) -> tuple[dict[str, Any], list[str]]:
    """`forms(text) -> form name | None` guesses a form from a title."""
    from partnerplan.plan import vocabulary as vocab
    from partnerplan.plan.check import normalise

    notes: list[str] = []
    found = [f for r in readings for f in r.found]
    partners = _Partners()
    group_ids: dict[str, str] = {}
    groups: list[dict[str, str]] = []
    builtin_groups = {normalise(name): gid for gid, name in vocab.GROUPS}
    taken_groups: set[str] = set()

    def group_id(name: str | None) -> str | None:
        if not name:
            return None
        if name not in group_ids:
            gid = builtin_groups.get(normalise(name)) or slug(name, set())
            if gid in taken_groups:
                gid = slug(name, taken_groups)
            taken_groups.add(gid)
            group_ids[name] = gid
            groups.append({"id": gid, "name": name})
        return group_ids[name]

    organisation = meta.organisation
    if meta.organisation_kind == "phrase" and organisation and not any(f.partners for f in found):
        for f in found:  # «План работы избы-музея» with no partner in the table: the museum is it
            f.partners = [organisation]
        notes.append(f"партнёр «{organisation}» взят из заголовка документа — проверьте")
        organisation = None
    custom_forms: dict[str, str] = {}
    unknown_forms: list[tuple[str, str]] = []
    unassigned: list[dict[str, Any]] = []
    from_text: dict[str, str] = {}
    lines = [(f, _activity(f, forms, custom_forms, unknown_forms)) for f in found]
    for reading in readings:
        for name, group, purpose, where in reading.idle:
            partners.get(name, group_id(group), purpose, where)
    for f, act in lines:
        if not f.partners:
            unassigned.append(act)
            continue
        for name in f.partners:
            entry = partners.get(name, group_id(f.group), f.purpose, f.where)
            entry.setdefault("activities", []).append(dict(act))
            if f.from_text:
                from_text.setdefault(name, f.where)
    _merge_acronyms(partners, notes)
    notes.extend(partners.notes)
    for name, where in from_text.items():
        notes.append(f"{where}: имя партнёра «{name}» взято из текста — проверьте падеж и полное название")
    plan_partners = list(partners.entries)
    if unassigned:
        wheres = _wheres([f.where for f in found if not f.partners])
        notes.append(
            f"мероприятий без партнёра: {len(unassigned)} ({wheres}) — собраны у «{UNASSIGNED_NAME}»: "
            "перенесите каждое к своему партнёру"
        )
        bucket_id = slug(UNASSIGNED_ID, {p["id"] for p in plan_partners})
        plan_partners.append(
            {"id": bucket_id, "name": UNASSIGNED_NAME, "level": "internal", "activities": unassigned}
        )
    year = meta.year or _year_from_dates([f.period for f in found])
    if meta.year is None and year is not None:
        notes.append(f"год плана взят из дат в сроках: {year} — проверьте ключ year")
    elif year is None and meta.dated is not None:
        year = meta.dated
        notes.append(f"год плана взят из даты над таблицей (приложение, гриф): {year} — проверьте ключ year")
    if year is None:
        year = default_year
        notes.append(f"год плана в документе не найден — поставлен {year}; проверьте ключ year")
    notes.extend(_period_notes(found, year))
    planner: dict[str, Any] = {"name": organisation or PLACEHOLDER_NAME}
    if not organisation:
        notes.append("название организации в документе не найдено — укажите planner.name")
    if meta.approver:
        planner["approver"] = meta.approver
    data: dict[str, Any] = {"version": 1, "planner": planner, "year": year}
    if meta.title:
        data["title"] = meta.title
    if groups:
        data["groups"] = groups
    if custom_forms:
        data["forms"] = [{"id": fid, "name": name} for name, fid in custom_forms.items()]
    data["partners"] = plan_partners
    return data, notes


FORM_UNKNOWN = "_form_unknown"  # marks an activity whose form was not recognised, until `finish`


def finish(data: dict[str, Any], notes: list[str]) -> None:
    """Notes for the forms still unknown after the embedded plan had its say; the marks go."""
    unknown: list[tuple[str, str]] = []
    for p in data["partners"]:
        for a in p.get("activities", []):
            where = a.pop(FORM_UNKNOWN, None)
            if where is not None:
                unknown.append((where, a.get("title", "")))
    unknown = list(dict.fromkeys(unknown))
    if len(unknown) > 3:
        notes.append(
            f"форма не распознана у {len(unknown)} мероприятий ({_wheres([w for w, _ in unknown])}) — "
            "поставлено «мероприятие»; уточните form"
        )
    else:
        notes.extend(
            f"{w}: форма «{t}» не распознана — поставлено «мероприятие»; уточните form" for w, t in unknown
        )


def _activity(f: Found, forms: Any, custom: dict[str, str], unknown: list[tuple[str, str]]) -> dict[str, Any]:
    form: str | None = None
    if f.form:
        form = forms(f.form)
        if form is None:
            name = f.form.strip(" .")
            name = name[:1].lower() + name[1:] if name[1:2].islower() else name
            custom.setdefault(name, slug(name, set(custom.values())))
            form = name
    if form is None:
        form = forms(f.title)
    if form is None:
        form = "мероприятие"
        unknown.append((f.where, f.title))
    act: dict[str, Any] = {"form": form, "title": f.title}
    if unknown and unknown[-1] == (f.where, f.title):
        act[FORM_UNKNOWN] = f.where
    for k, v in (("period", f.period), ("responsible", f.responsible), ("participants", f.participants)):
        if v.strip():
            act[k] = " ".join(v.split())
    if f.note:
        act["note"] = "; ".join(" ".join(n.split()) for n in f.note if n.strip())
    return act


def _wheres(wheres: list[str], limit: int = 6) -> str:
    shown = list(dict.fromkeys(wheres))
    more = len(shown) - limit
    return ", ".join(shown[:limit]) + (f" и ещё {more}" if more > 0 else "")


def _year_from_dates(periods: list[str]) -> str | None:
    years: Counter[str] = Counter()
    for text in periods:
        for month, y in _DATED.findall(text):
            year = int(y) if len(y) == 4 else 2000 + int(y)
            m = int(month)
            if 1 <= m <= 12 and 2000 <= year <= 2100:
                years[f"{year - 1}/{year}" if m <= 8 else f"{year}/{year + 1}"] += 1
    return years.most_common(1)[0][0] if years else None


def _period_notes(found: list[Found], year: str) -> list[str]:
    """Every period the period language does not read, with its cell."""
    from partnerplan.dates.explain import year_calendar
    from partnerplan.dates.periods import PeriodError, parse_period

    try:
        cal = year_calendar(year)
    except ValueError:
        return []
    seen: dict[str, bool] = {}
    out = []
    for f in found:
        text = " ".join(f.period.split())
        if not text:
            continue
        if text not in seen:
            try:
                parse_period(text, cal)
                seen[text] = True
            except PeriodError:
                seen[text] = False
            except (ValueError, OverflowError):
                seen[text] = False
        if not seen[text]:
            out.append(f"{f.period_where}: срок «{text}» в {year} году плана не читается — исправьте period")
    return out


def understood(periods: list[str], year: str) -> tuple[int, int]:
    """(understood, all): how many of the periods the period language reads."""
    from partnerplan.dates.explain import year_calendar
    from partnerplan.dates.periods import PeriodError, parse_period

    cal = year_calendar(year)
    ok = total = 0
    for text in periods:
        if not text.strip():
            continue
        total += 1
        try:
            parse_period(" ".join(text.split()), cal)
            ok += 1
        except (PeriodError, ValueError, OverflowError):
            pass
    return ok, total
