"""Pydantic's validation errors and libyaml's syntax errors → our diagnostics at
file:line:col, in plain words.

The boundary between the libraries and the reader: internal location segments (union
members, validators) are dropped, the location is walked through the source map, and
each error kind becomes a message code with its arguments; neither library's English
reaches a Russian message.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from partnerplan.diagnostics import Diagnostic
from partnerplan.plan.load import Loaded
from partnerplan.plan.model import MAX_DIGITS, Plan
from partnerplan.plan.sourcemap import Path


def nearest(word: str, *choices: Iterable[str]) -> str | None:
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


def translate(exc: ValidationError, loaded: Loaded, root: type[BaseModel] = Plan) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    seen: set[Path] = set()
    errors = [(err, clean_loc(err["loc"], loaded.data)) for err in exc.errors(include_url=False)]
    for err, loc in errors:
        if loc in seen:  # a union reports once per member: one message is enough
            continue
        if _other_member(err, loc, errors):
            continue
        seen.add(loc)
        out.append(_one(err, loc, loaded, root))
    return out


def _other_member(err: Any, loc: Path, errors: list[tuple[Any, Path]]) -> bool:
    """A list or mapping given where a union takes fixed words or a list (calendar.terms):
    the fixed words' complaint would show the whole value; the list member's says more."""
    if err["type"] != "literal_error" or isinstance(err.get("input"), str):
        return False
    return any(other is not err and there[: len(loc)] == loc for other, there in errors)


def clean_loc(loc: Sequence[str | int], data: Any) -> Path:
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
    "int_from_float": "number",
    "int_parsing_size": "number",
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
        args.update(name=key, suggestion=nearest(key, allowed), allowed=", ".join(allowed))
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
        expected = str(err.get("ctx", {}).get("expected", ""))
        about = _field(loc, root)
        args.update(
            value=_show(value),
            expected=expected,
            allowed=_literal_values(expected),
            about=about.description if about is not None else None,
        )
        code = "PP104"
    elif kind in ("greater_than_equal", "greater_than"):
        line, col = smap.find(loc)
        limit = err.get("ctx", {}).get("ge", err.get("ctx", {}).get("gt", 0))
        args.update(value=_show(value), limit=str(limit))
        code = "PP109"
    elif kind in ("pp_year_range", "pp_date_range"):
        line, col = smap.find(loc)
        ctx = err.get("ctx", {})
        args.update(value=str(ctx.get("value", _show(value))), first=ctx.get("first"), last=ctx.get("last"))
        code = "PP112" if kind == "pp_year_range" else "PP113"
    elif kind == "pp_number_too_big":
        line, col = smap.find(loc)
        args.update(value=_show(value)[:20], digits=MAX_DIGITS)
        code = "PP111"
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
        # Anything else Pydantic may say: our words in Russian (what the key expects, from
        # the model's own title and description); Pydantic's English only for --lang en.
        line, col = smap.find(loc)
        about = _field(loc, root)
        args.update(
            value=_show(value)[:80] if isinstance(value, str) else None,
            detail=err["msg"],
            title=about.title if about is not None else None,
            about=about.description if about is not None else None,
        )
        code = "PP110"
    return Diagnostic(code, "error", loaded.path, line, col, args)


def _literal_values(expected: str) -> list[str]:
    """Pydantic's "'quarters' or 'trimesters'" / "5 or 6" as the values themselves."""
    return [q if q else n for q, n in re.findall(r"'((?:[^'\\]|\\.)*)'|(-?\d+)", expected)]


def _field(loc: Path, root: type[BaseModel] = Plan) -> FieldInfo | None:
    """The model field a location ends at, for its title and description."""
    model: type[BaseModel] | None = root
    info: FieldInfo | None = None
    for seg in loc:
        if isinstance(seg, int):
            continue
        if model is None:
            return None
        info = next((f for name, f in model.model_fields.items() if (f.alias or name) == seg), None)
        if info is None:
            return None
        model = _model_in(info.annotation)
    return info


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


# --- libyaml's errors ----------------------------------------------------------------
