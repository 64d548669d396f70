"""Loaded data → a validated Plan plus diagnostics that point at file:line:col.

Two passes: Pydantic checks the shape (its errors are translated here, at the
boundary, into our codes); then references and vocabularies are checked against the
built-in lists extended by the plan.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from partnerplan.diagnostics import Diagnostic
from partnerplan.plan import vocabulary as vocab
from partnerplan.plan.load import Loaded
from partnerplan.plan.model import Plan
from partnerplan.plan.sourcemap import Path, SourceMap
from partnerplan.plan.translate import clean_loc, nearest, translate


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Built-in lists extended (or overridden, id by id) by the plan's own entries."""

    directions: dict[str, str]
    groups: dict[str, str]
    forms: dict[str, str]  # id → name
    form_lookup: dict[str, str]  # normalised id, name or spelling → form id
    direction_lookup: dict[str, str] = field(default_factory=dict)  # normalised id or name → id

    def form_id(self, text: str) -> str | None:
        return self.form_lookup.get(normalise(text))

    def form_name(self, text: str) -> str:
        fid = self.form_id(text)
        return self.forms[fid] if fid else text

    def direction_id(self, text: str) -> str | None:
        """A direction by id or by name («social» or «социальное»), like forms."""
        if text in self.directions:
            return text
        return self.direction_lookup.get(normalise(text))

    def direction_name(self, text: str) -> str:
        did = self.direction_id(text)
        return self.directions[did] if did else text


def build_vocabulary(plan: Plan) -> Vocabulary:
    directions = dict(vocab.DIRECTIONS)
    directions.update((d.id, d.name) for d in plan.directions)
    groups = dict(vocab.GROUPS)
    groups.update((g.id, g.name) for g in plan.groups)
    forms: dict[str, str] = {}
    lookup: dict[str, str] = {}
    entries = [*vocab.FORMS, *((f.id, f.name, tuple(f.aliases)) for f in plan.forms)]
    for fid, name, aliases in entries:
        forms[fid] = name
        for spelling in (fid, name, *aliases):
            lookup[normalise(spelling)] = fid
    direction_lookup: dict[str, str] = {}
    for did, name in directions.items():
        direction_lookup[normalise(did)] = did
        direction_lookup.setdefault(normalise(name), did)
    return Vocabulary(directions, groups, forms, lookup, direction_lookup)


_PUNCT = re.compile(r"[\s.,;:!?«»\"'()]+")


def normalise(text: str) -> str:
    """Case, ё, dashes and punctuation do not matter when matching vocabulary words."""
    text = text.lower().replace("ё", "е").replace("–", "-").replace("—", "-")
    return _PUNCT.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class Checked:
    """The outcome for one file: the plan when it is valid enough to use.

    `partial` is what could be salvaged from an invalid file (bad parts replaced by
    stubs): never used to make anything, only to find the file's other problems —
    periods, references — in the same run."""

    loaded: Loaded
    plan: Plan | None
    vocabulary: Vocabulary | None
    diagnostics: list[Diagnostic]
    partial: Plan | None = None
    partial_vocabulary: Vocabulary | None = None

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def ok(self) -> bool:
        """The plan can be used: it was read, it has the right shape, and nothing is wrong."""
        return self.plan is not None and self.vocabulary is not None and not self.errors

    def first_error(self) -> Diagnostic | None:
        return next((d for d in self.diagnostics if d.severity == "error"), None)


def check(loaded: Loaded) -> Checked:
    """Validate loaded data (a network's shared details already merged by the loader)."""
    diags = list(loaded.diagnostics)
    if loaded.data is None:
        return Checked(loaded, None, None, _sorted(diags))
    data = loaded.data
    # Load errors that left data behind (a duplicate key) do not stop the other checks:
    # every problem of a file is reported in one run.
    load_failed = any(d.severity == "error" for d in diags)
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        diags.extend(translate(exc, loaded))
        partial, voc, more = _salvage(data, exc, loaded)
        diags.extend(more)
        return Checked(loaded, None, None, _sorted(diags), partial, voc)
    vocabulary = build_vocabulary(plan)
    diags.extend(check_references(plan, vocabulary, loaded.path, loaded.source_map))
    if load_failed:
        return Checked(loaded, None, None, _sorted(diags))
    return Checked(loaded, plan, vocabulary, _sorted(diags))


def _sorted(diags: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diags, key=Diagnostic.sort_key)


_STUB_NAME = "\x00stub"


def _salvage(
    data: Any, exc: ValidationError, loaded: Loaded
) -> tuple[Plan | None, Vocabulary | None, list[Diagnostic]]:
    """Replace the parts Pydantic rejected by stubs and check the rest, so one typo does
    not hide a wrong reference or an unreadable period elsewhere in the file."""
    if not isinstance(data, dict):
        return None, None, []
    fixed = dict(data)
    bad_partners: set[int] = set()
    vocab_ok = year_ok = True
    defaults: dict[str, Any] = {"version": 1, "planner": {"name": "-"}, "year": "2025/2026"}
    for err in exc.errors(include_url=False):
        loc = clean_loc(err["loc"], data)
        if not loc:
            return None, None, []
        head = loc[0]
        if head == "partners" and len(loc) > 1 and isinstance(loc[1], int):
            bad_partners.add(loc[1])
        elif head in defaults:
            fixed[head] = defaults[head]
            year_ok = year_ok and head != "year"
        elif head in ("directions", "groups", "forms"):
            fixed[head] = []
            vocab_ok = False
        else:
            fixed.pop(head, None)  # an unknown key, or a section with bad content
    if isinstance(fixed.get("partners"), list):
        fixed["partners"] = [
            {"id": f"stub{i}", "name": _STUB_NAME} if i in bad_partners else p
            for i, p in enumerate(fixed["partners"])
        ]
    try:
        plan = Plan.model_validate(fixed)
    except ValidationError:
        return None, None, []
    voc = build_vocabulary(plan)
    more: list[Diagnostic] = []
    if vocab_ok:
        stubs = {loaded.source_map.find(("partners", i, "name"))[0] for i in bad_partners}
        for d in check_references(plan, voc, loaded.path, loaded.source_map):
            if d.code in ("PP204", "PP200") and d.line in stubs:
                continue
            more.append(d)
    return (plan if year_ok else None), voc, more


# --- references ---------------------------------------------------------------------


def check_references(plan: Plan, voc: Vocabulary, path: str, smap: SourceMap) -> list[Diagnostic]:
    out: list[Diagnostic] = []

    def at(where: Path, code: str, severity: str = "error", *, key: bool = False, **args: Any) -> None:
        line, col = smap.find(where, key=key)
        out.append(Diagnostic(code, severity, path, line, col, args))  # type: ignore[arg-type]

    for section in ("directions", "groups", "forms"):
        _duplicates(((e.id, (section, i, "id")) for i, e in enumerate(getattr(plan, section))), smap, at)
    _duplicates(((p.id, ("partners", i, "id")) for i, p in enumerate(plan.partners)), smap, at)
    _duplicates(
        (
            (a.id, ("partners", i, "activities", j, "id"))
            for i, p in enumerate(plan.partners)
            for j, a in enumerate(p.activities)
            if a.id
        ),
        smap,
        at,
    )
    for i, p in enumerate(plan.partners):
        base: Path = ("partners", i)
        if p.group is not None and p.group not in voc.groups:
            at((*base, "group"), "PP201", ref=p.group, suggestion=nearest(p.group, voc.groups))
        for k, d in enumerate(p.directions):
            if voc.direction_id(d) is None:
                at((*base, "directions", k), "PP202", ref=d, suggestion=nearest(d, voc.directions))
        if not p.activities:
            at((*base, "name"), "PP204", "warning", name=p.name)
        for j, a in enumerate(p.activities):
            where: Path = (*base, "activities", j)
            if voc.form_id(a.form) is None:
                at(
                    (*where, "form"),
                    "PP203",
                    "warning",
                    form=a.form,
                    suggestion=nearest(normalise(a.form), voc.form_lookup, voc.forms),
                )
            for k, day in enumerate(a.dates):
                if not plan.start <= day <= plan.end:
                    at(
                        (*where, "dates", k),
                        "PP205",
                        value=day.isoformat(),
                        year=plan.year,
                        start=plan.start.strftime("%d.%m.%Y"),
                        end=plan.end.strftime("%d.%m.%Y"),
                    )
    cal = plan.calendar
    ranges = [("breaks", cal.breaks or [])]
    if isinstance(cal.terms, list):
        ranges.append(("terms", cal.terms))
    for section, items in ranges:
        for i, r in enumerate(items):
            if r.to < r.from_:
                at(
                    ("calendar", section, i, "to"),
                    "PP206",
                    start=r.from_.isoformat(),
                    end=r.to.isoformat(),
                )
            elif r.to < plan.start or r.from_ > plan.end:
                at(
                    ("calendar", section, i, "from"),
                    "PP207",
                    "warning",
                    name=r.name,
                    year=plan.year,
                )
    return out


def _duplicates(items: Iterable[tuple[str | None, Path]], smap: SourceMap, at: Any) -> None:
    seen: dict[str, Path] = {}
    for ident, where in items:
        if ident is None:
            continue
        if ident in seen:
            at(where, "PP200", ident=ident, first=smap.find(seen[ident])[0])
        else:
            seen[ident] = where
