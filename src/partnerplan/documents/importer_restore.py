"""What the Word table cannot show, brought back from the plan a partnerplan document carries.

Owns the merge of the embedded plan (ids, forms, directions, contacts, calendar, goals)
into what was read from the table. The table stays the truth for everything visible:
partners are matched by name — exactly, then by a near spelling, so a name retouched in
Word keeps its id — and activities by their line. The embedded part is data from a
file, not our own memory: anything of the wrong shape (a `null`, a list where a mapping
belongs) is skipped, never trusted.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from partnerplan.plan import vocabulary as vocab
from partnerplan.plan.check import normalise

_HIDDEN_PARTNER = ("id", "level", "directions", "contacts", "agreement", "note")
_HIDDEN_ACTIVITY = ("id", "form", "dates", "responsible", "participants", "note", "log")
_HIDDEN_PLAN = ("calendar", "goals", "tasks", "results", "directions", "forms")


def clean(value: Any) -> Any:
    """The embedded data without nulls: `key: null` and `[null]` mean nothing was given."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items() if v is not None and isinstance(k, str)}
    if isinstance(value, list):
        return [clean(v) for v in value if v is not None]
    return value


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def restore(data: dict[str, Any], embedded: dict[str, Any], notes: list[str]) -> None:
    embedded = clean(embedded)
    for k in _HIDDEN_PLAN:
        if k in embedded:
            data[k] = embedded[k]
    planner = embedded.get("planner")
    if isinstance(planner, dict):
        for k in ("parent", "author"):
            if isinstance(planner.get(k), str):
                data["planner"][k] = planner[k]
        approver = planner.get("approver")
        if "approver" not in data["planner"] and isinstance(approver, dict) and approver.get("name"):
            data["planner"]["approver"] = approver  # the block was there, but not in words we read
    old_groups = _dicts(embedded.get("groups"))
    if old_groups:
        by_name = {normalise(_text(g.get("name"))): g for g in old_groups}
        renamed: dict[str, str] = {}
        for g in data.get("groups", []):
            old = by_name.get(normalise(g["name"]))
            if old and isinstance(old.get("id"), str):
                renamed[g["id"]] = old["id"]
                g["id"] = old["id"]
        for p in data["partners"]:
            if p.get("group") in renamed:
                p["group"] = renamed[p["group"]]
        builtin = dict(vocab.GROUPS)  # a built-in group the plan used without listing it stays unlisted
        listed = {g.get("id") for g in old_groups}
        data["groups"] = [
            g for g in data.get("groups", []) if g["id"] in listed or builtin.get(g["id"]) != g["name"]
        ]
        if not data["groups"]:
            del data["groups"]
    sources = _dicts(embedded.get("partners"))
    by_name = {normalise(_text(p.get("name"))): p for p in sources if _text(p.get("name"))}
    used: set[int] = set()
    matched = 0
    for p in data["partners"]:
        old = by_name.get(normalise(p["name"]))
        if old is None and len(sources) <= 2000:  # a near spelling: quadratic, so for real-sized plans
            old = _near(p["name"], sources, used)
        if old is None or id(old) in used:
            continue
        used.add(id(old))
        matched += 1
        for k in _HIDDEN_PARTNER:
            if k in old:
                p[k] = old[k]
        lines = {
            normalise(_text(a.get("title")) or _text(a.get("form"))): a for a in _dicts(old.get("activities"))
        }
        for a in p.get("activities", []):
            src = lines.get(normalise(a["title"]))
            if src is None:
                continue
            for k in _HIDDEN_ACTIVITY:
                if k in src:
                    a[k] = src[k]
            if "form" in src:
                a.pop("_form_unknown", None)  # the plan knew the form all along
            if not _text(src.get("title")):  # the line was the form's own name
                del a["title"]
    new = len(data["partners"]) - matched
    if new:
        notes.append(
            f"партнёров, добавленных в Word (нет в исходном плане): {new} — проверьте их id и направления"
        )


def _near(name: str, sources: list[dict[str, Any]], used: set[int]) -> dict[str, Any] | None:
    """A partner whose name was retouched in the document (quotes, a typo): the closest
    name above 0.9 similarity."""
    want = normalise(name)
    best, score = None, 0.9
    for p in sources:
        if id(p) in used:
            continue
        ratio = SequenceMatcher(None, want, normalise(_text(p.get("name")))).ratio()
        if ratio >= score:
            best, score = p, ratio
    return best
