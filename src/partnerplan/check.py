"""Loaded data → a validated Plan plus diagnostics that point at file:line:col.

Two passes: Pydantic checks the shape (its errors are translated here, at the
boundary, into our codes); then references and vocabularies are checked against the
built-in lists extended by the plan.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError

from partnerplan import vocab
from partnerplan.diagnostics import Diagnostic
from partnerplan.load import Loaded, Path, SourceMap
from partnerplan.model import Plan


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Built-in lists extended (or overridden, id by id) by the plan's own entries."""

    directions: dict[str, str]
    groups: dict[str, str]
    forms: dict[str, str]  # id → name
    form_lookup: dict[str, str]  # normalised id, name or spelling → form id

    def form_id(self, text: str) -> str | None:
        return self.form_lookup.get(normalise(text))

    def form_name(self, text: str) -> str:
        fid = self.form_id(text)
        return self.forms[fid] if fid else text


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
    return Vocabulary(directions, groups, forms, lookup)


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


def check(loaded: Loaded, registry: Any = None) -> Checked:
    """Validate a loaded plan; `registry` (a network's partners.yaml) fills shared details."""
    diags = list(loaded.diagnostics)
    if loaded.data is None:
        return Checked(loaded, None, None, diags)
    data = loaded.data
    if registry is not None:
        from partnerplan.network import merge_registry

        data, merged = merge_registry(data, registry, loaded.path, loaded.source_map)
        diags.extend(merged)
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
        loc = _clean_loc(err["loc"], data)
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
            at((*base, "group"), "PP201", ref=p.group, suggestion=_nearest(p.group, voc.groups))
        for k, d in enumerate(p.directions):
            if d not in voc.directions:
                at((*base, "directions", k), "PP202", ref=d, suggestion=_nearest(d, voc.directions))
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
                    suggestion=_nearest(normalise(a.form), voc.form_lookup, voc.forms),
                )
            for k, day in enumerate(a.dates):
                if not plan.start <= day <= plan.end:
                    at(
                        (*where, "dates", k),
                        "PP205",
                        value=day.isoformat(),
                        year=plan.year,
                        start=_ru_date(plan.start),
                        end=_ru_date(plan.end),
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


def _nearest(word: str, *choices: Iterable[str]) -> str | None:
    import difflib  # only when something is misspelt

    pool: list[str] = []
    for c in choices:
        pool.extend(c)
    found = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if not found:
        return None
    best = found[0]
    # A match among normalised spellings is shown as the form's proper name.
    if len(choices) == 2 and isinstance(choices[0], dict) and best in choices[0]:
        forms = choices[1]
        assert isinstance(forms, dict)
        return str(forms.get(choices[0][best], best))
    return best


_MONTHS_GEN = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)


def _ru_date(d: date) -> str:
    return f"{d.day} {_MONTHS_GEN[d.month - 1]} {d.year}"


# --- Pydantic errors → diagnostics --------------------------------------------------


def translate(exc: ValidationError, loaded: Loaded, root: type[BaseModel] = Plan) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    seen: set[Path] = set()
    for err in exc.errors(include_url=False):
        loc = _clean_loc(err["loc"], loaded.data)
        if loc in seen:  # a union reports once per member: one message is enough
            continue
        seen.add(loc)
        out.append(_one(err, loc, loaded, root))
    return out


def _clean_loc(loc: Sequence[str | int], data: Any) -> Path:
    """Drop Pydantic's internal segments (union members, validators) from a location."""
    out: list[str | int] = []
    cur = data
    for seg in loc:
        if isinstance(cur, dict) and isinstance(seg, str):
            if seg not in cur and "[" in seg:
                continue  # a union member's tag such as "list[DateRange]"
            out.append(seg)  # present, or the missing/unknown key that ends the path
            cur = cur.get(seg)
        elif isinstance(cur, list) and isinstance(seg, int) and 0 <= seg < len(cur):
            out.append(seg)
            cur = cur[seg]
    return tuple(out)


_EXPECT = {
    "string_type": "text",
    "list_type": "list",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "dict_type": "mapping",
    "int_type": "number",
    "int_parsing": "number",
    "bool_type": "bool",
    "bool_parsing": "bool",
}
_DATE_ERRORS = {
    "date_type",
    "date_parsing",
    "date_from_datetime_parsing",
    "date_from_datetime_inexact",
}


def _one(err: Any, loc: Path, loaded: Loaded, root: type[BaseModel] = Plan) -> Diagnostic:
    kind = err["type"]
    smap = loaded.source_map
    value = err.get("input")
    args: dict[str, Any] = {"key": _dotted(loc)}
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else ""
        line, col = smap.find(loc, key=True)
        allowed = _allowed_keys(loc[:-1], root)
        args.update(name=key, suggestion=_nearest(key, allowed), allowed=", ".join(allowed))
        code = "PP100"
    elif kind == "missing":
        line, col = smap.find(loc[:-1])
        args.update(name=str(loc[-1]) if loc else "", where=_dotted(loc[:-1]))
        code = "PP101"
    elif kind in _DATE_ERRORS:
        line, col = smap.find(loc)
        args.update(value=_show(value))
        code = "PP103"
    elif kind in ("pp_year", "pp_year_pair"):
        line, col = smap.find(loc)
        args.update(value=_show(value))
        code = "PP105" if kind == "pp_year" else "PP106"
    elif kind == "literal_error":
        line, col = smap.find(loc)
        args.update(value=_show(value), expected=err["ctx"]["expected"])
        code = "PP104"
    elif kind == "string_too_short" or (value is None and kind in _EXPECT):
        line, col = smap.find(loc, key=True)  # an empty value has no text to point at
        code = "PP107"
    elif kind == "string_pattern_mismatch":
        line, col = smap.find(loc)
        args.update(value=_show(value))
        code = "PP108"
    elif kind in _EXPECT:
        line, col = smap.find(loc)
        args.update(expected=_EXPECT[kind], found=_found(value))
        code = "PP102"
    else:
        line, col = smap.find(loc)
        args.update(detail=err["msg"])
        code = "PP110"
    return Diagnostic(code, "error", loaded.path, line, col, args)


def _dotted(loc: Path) -> str:
    out = ""
    for seg in loc:
        out += f"[{seg + 1}]" if isinstance(seg, int) else (f".{seg}" if out else seg)
    return out


def _show(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def _found(value: Any) -> str:
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    return "text"


def _allowed_keys(loc: Path, root: type[BaseModel] = Plan) -> list[str]:
    model: type[BaseModel] | None = root
    for seg in loc:
        if isinstance(seg, int):
            continue
        model = field_model(model, seg)
        if model is None:
            return []
    return model_keys(model)


def model_keys(model: type[BaseModel] | None) -> list[str]:
    """The keys a model takes, as written in a file (aliases), in the schema's order."""
    return [f.alias or name for name, f in model.model_fields.items()] if model is not None else []


def field_model(model: type[BaseModel] | None, key: str) -> type[BaseModel] | None:
    """The model of the value under `key` (a record or a list of records), if any."""
    if model is None:
        return None
    for name, f in model.model_fields.items():
        if (f.alias or name) == key:
            return _model_in(f.annotation)
    return None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
