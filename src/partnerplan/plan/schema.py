"""The JSON Schema of a plan file and of partners.yaml, for editors and check-jsonschema.

Pydantic describes the *models*; an editor (yaml-language-server in VS Code) and
check-jsonschema describe the *file* as YAML 1.2 reads it, where `2026` is a number,
`true` a boolean and `2025-09-01` text, while `validate` reads every scalar as the text
written. The schema must accept what `validate` accepts structurally — no more, no
less — so this module turns Pydantic's schema into the file's:

- text takes a number or true/false as well (`year: 2026`, `number: 12`, a phone
  number written without quotes, `participants: 25`);
- a count or a 5/6 (`week`, `version`, a log's `participants`) takes its digits in
  quotes as well (`version: '1'`);
- an optional key may be left empty (`breaks:`, `note: ""`): it means "not given";
- a plan's partner needs only `id`: its name and the rest may come from the
  partners.yaml of the plan's folder (the schema cannot see that file);
- ids keep one pattern that JavaScript and Python read alike (`\\w` is ASCII-only in
  JavaScript), with a Russian `errorMessage` for yaml-language-server;
- the built-in forms, groups and directions are `examples`, which editors offer as
  completions without forbidding a plan's own.

Titles and descriptions are the models' own (Russian), so there is one source of them.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from pydantic import BaseModel

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# `\w` in a character class as Python reads it, for the alphabets plans are written in:
# digits, Latin and Cyrillic letters and `_` (a class both regex engines understand).
_WORD = "0-9A-Za-z_\u0400-\u04ff"
ID_PATTERN = "^[" + _WORD + ".-]+$"  # the models' `^[\w.-]+$`
ID_MESSAGE = (
    "Идентификатор — одно слово без пробелов: буквы, цифры, «_», «-», «.» (например, gibdd или школа_4)"
)
_TEXT = ["string", "number", "boolean"]
_BLANK: dict[str, Any] = {"type": "string", "pattern": r"^\s*$"}
_NULL: dict[str, Any] = {"type": "null"}
# The plan year as `Plan._year` reads it: «2025/2026», «2025-2026», «2026», «2025/2026 уч. г.».
_YEAR_PATTERN = r"^\s*[0-9]{4}\s*(?:[/\-–—]\s*[0-9]{4})?\s*(?:г\.?|гг\.?|уч\.?\s*г(?:од)?\.?)?\s*$"


def json_schema(registry: bool = False) -> dict[str, Any]:
    """The schema of a plan file, or with `registry` of a network's partners.yaml."""
    from partnerplan.plan.model import Plan, Registry

    root: type[BaseModel] = Registry if registry else Plan
    schema = _file_schema(root.model_json_schema(), plan=not registry)
    return {"$schema": DIALECT, **schema}


def json_schema_text(registry: bool = False) -> str:
    return json.dumps(json_schema(registry), ensure_ascii=False, indent=2) + "\n"


SCHEMA_FILES = {"plan.schema.json": False, "partners.schema.json": True}  # file → registry


# --- from the models' schema to the file's ----------------------------------------------


def _file_schema(schema: dict[str, Any], *, plan: bool) -> dict[str, Any]:
    out = copy.deepcopy(schema)
    defs: dict[str, Any] = out.get("$defs", {})
    for obj in [out, *defs.values()]:
        _object(obj)
    if plan:
        partner = defs["Partner"]
        partner["required"] = [k for k in partner.get("required", []) if k == "id"]
        network = "В плане сети достаточно id: название и остальное берутся из partners.yaml рядом с планом."
        partner["description"] = f"{partner.get('description', '')} {network}".strip()
        out["properties"]["year"] = _year(out["properties"]["year"])
    _examples(defs)
    return out


def _object(obj: dict[str, Any]) -> None:
    required = set(obj.get("required", []))
    props: dict[str, Any] = obj.get("properties", {})
    for key, prop in props.items():
        props[key] = _value(prop)
        if key not in required:
            props[key] = _optional(props[key])


def _value(schema: dict[str, Any]) -> dict[str, Any]:
    """One value's schema, as the file may write it."""
    if "anyOf" in schema:
        members: list[dict[str, Any]] = []
        for member in schema["anyOf"]:
            done = _value(member)
            members.extend(done["anyOf"] if set(done) == {"anyOf"} else [done])
        schema["anyOf"] = members
        return schema
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        schema["items"] = _value(schema["items"])
        return schema
    kind = schema.get("type")
    if kind == "string" and "format" not in schema and "enum" not in schema and "const" not in schema:
        if "pattern" in schema:
            schema["pattern"] = schema["pattern"].replace("[\\w", "[" + _WORD)
            if schema["pattern"] == ID_PATTERN:
                schema["errorMessage"] = ID_MESSAGE
        schema["type"] = _TEXT  # `pattern` and `minLength` still hold for text
        return schema
    if kind == "integer" and "enum" not in schema and "const" not in schema:
        return _or_digits(schema, "[0-9]{1,9}")
    ints = schema.get("enum", [schema["const"]] if "const" in schema else None)
    if ints and all(isinstance(v, int) and not isinstance(v, bool) for v in ints):
        return _or_digits(schema, "(?:" + "|".join(str(v) for v in ints) + ")")
    return schema


def _or_digits(schema: dict[str, Any], digits: str) -> dict[str, Any]:
    """A number, or its digits as text (`'1'`, `"25"`): what the loader gives Pydantic anyway."""
    from partnerplan.plan.model import MAX_DIGITS

    meta: dict[str, Any] = {k: schema.pop(k) for k in ("title", "description", "default") if k in schema}
    if schema.get("type") == "integer" and "maximum" not in schema:
        schema["maximum"] = 10**MAX_DIGITS - 1
    text = {"type": "string", "pattern": rf"^\s*0*{digits}\s*$"}
    return {**meta, "anyOf": [schema, text]}


def _optional(schema: dict[str, Any]) -> dict[str, Any]:
    """An optional key left empty means "not given" (`key:`, `key: ~`, `key: ""`)."""
    members = schema.get("anyOf", [schema])
    takes_null = any(m.get("type") == "null" for m in members)
    takes_text = any("string" in _types(m) and "pattern" not in m and "format" not in m for m in members)
    extra = ([] if takes_null else [_NULL]) + ([] if takes_text else [_BLANK])
    if not extra:
        return schema
    if "anyOf" in schema:
        schema["anyOf"] = [*schema["anyOf"], *extra]
        return schema
    meta: dict[str, Any] = {
        k: schema.pop(k) for k in ("title", "description", "default", "examples") if k in schema
    }
    return {**meta, "anyOf": [schema, *extra]}


def _types(schema: dict[str, Any]) -> list[str]:
    kind = schema.get("type", [])
    return kind if isinstance(kind, list) else [kind]


def _year(schema: dict[str, Any]) -> dict[str, Any]:
    meta = {k: v for k, v in schema.items() if k in ("title", "description")}
    return {
        **meta,
        "type": ["string", "integer"],
        "pattern": _YEAR_PATTERN,
        "minimum": 1000,
        "maximum": 9999,
        "examples": ["2025/2026", 2026],
    }


def _examples(defs: dict[str, Any]) -> None:
    """The built-in vocabularies as completions: a plan may still add its own words."""
    from partnerplan.plan import vocabulary as vocab

    forms = [name for _, name, _ in vocab.FORMS]
    groups = [gid for gid, _ in vocab.GROUPS]
    directions = [did for did, _ in vocab.DIRECTIONS]
    for name, key, words in (
        ("Activity", "form", forms),
        ("Partner", "group", groups),
        ("SharedPartner", "group", groups),
        ("Partner", "directions", directions),
        ("SharedPartner", "directions", directions),
    ):
        prop = defs.get(name, {}).get("properties", {}).get(key)
        if prop is None:
            continue
        arrays = [m for m in prop.get("anyOf", [prop]) if m.get("type") == "array"]
        for member in arrays:
            member["items"]["examples"] = words
        if not arrays:
            prop["examples"] = words
