"""An imported plan's data written as YAML text in the canonical layout, in linear time.

Owns the writing of `partnerplan import`'s result. ruamel (what `fmt` uses) needs about
ten seconds per thousand activities to dump and re-format a plan; this writer produces
the same text directly — keys in the schema's order, 2-space indent, lists of words and
short vocabulary records in flow style while the line stays within the formatter's limit,
and each scalar plain or quoted exactly as ruamel would write it — and then proves it by
reading the text back with libyaml and comparing it with the data. The tests check that
`format_text` leaves its output unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

# The formatter's own rules for flow or block, so the two layouts agree to the character.
from partnerplan.plan.canonical import FLOW_RECORDS, LINE_LIMIT, flow_width
from partnerplan.plan.model import Plan
from partnerplan.plan.translate import field_model, model_keys

# What a plain scalar would mean to ruamel's YAML 1.2 resolver if it were not text.
_RESOLVED = re.compile(
    r"true|True|TRUE|false|False|FALSE|~|null|Null|NULL|<<|=|"
    r"[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+|"
    r"[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+|"
    r"\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|"
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?"
)
_SPECIAL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ufeff\ud800-\udfff\ufffe\uffff\t\n\r\x85\u2028\u2029]"
)
_ESCAPES = dict(zip('\0\x07\b\t\n\x0b\x0c\r\x1b"\\\x85\xa0\u2028\u2029', '0abtnvfre"\\N_LP', strict=True))


def scalar(text: str, flow: bool = False) -> str:
    """`text` as ruamel writes it: plain when YAML reads it back as the same text, else in
    single quotes, else (a quote inside, a tab, a line break) in double quotes."""
    if _plain(text, flow) and not _RESOLVED.fullmatch(text):
        return text
    if "'" in text or _SPECIAL.search(text):
        return '"' + "".join(_escape(c) for c in text) + '"'
    return "'" + text + "'"


def _escape(c: str) -> str:
    if c in _ESCAPES and c != "\xa0":
        return "\\" + _ESCAPES[c]
    if _SPECIAL.match(c):
        code = ord(c)
        return f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}"
    return c


_BREAKS_PLAIN = re.compile(r":(?: |$)| #")
_FLOW_INDICATOR = re.compile(r"[,\[\]{}]")


def _plain(text: str, flow: bool) -> bool:
    """PyYAML's (and ruamel's) analysis of a scalar: may it be written without quotes?"""
    if not text or text != text.strip(" ") or _SPECIAL.search(text):
        return False
    if text.startswith(("---", "...")):
        return False
    first = text[0]
    if first in "#,[]{}&*!|>'\"%@`":
        return False
    if first in "?:-" and (text[1:2] in ("", " ") or (flow and first in "?:")):
        return False
    if _BREAKS_PLAIN.search(text, 1):
        return False
    return not (flow and _FLOW_INDICATOR.search(text, 1))


@lru_cache(maxsize=256)
def _keys(model: type[BaseModel] | None) -> list[str]:
    return model_keys(model)


@lru_cache(maxsize=1024)
def _child(model: type[BaseModel] | None, key: str) -> type[BaseModel] | None:
    return field_model(model, key)


def plan_yaml(data: dict[str, Any]) -> str:
    """The canonical YAML text of plan data (dicts, lists and text; numbers as text)."""
    out: list[str] = []
    _mapping(data, Plan, (), 0, out, "")
    text = "\n".join(out) + "\n"
    _prove(data, text)
    return text


def _mapping(
    node: dict[str, Any],
    model: type[BaseModel] | None,
    path: tuple[str, ...],
    col: int,
    out: list[str],
    lead: str,
) -> None:
    """A block mapping whose keys start at column `col`; `lead` begins its first line («- »)."""
    order = _keys(model)
    keys = [k for k in order if k in node] + [k for k in node if k not in order]
    for n, k in enumerate(keys):
        value = node[k]
        start = lead if n == 0 else " " * col
        head = f"{start}{k}:"
        child = (*path, k)
        sub = _child(model, k)
        if isinstance(value, dict):
            if not value:
                out.append(head + " {}")
            else:
                out.append(head)
                _mapping(value, sub, child, col + 2, out, " " * (col + 2))
        elif isinstance(value, list):
            words = all(not isinstance(v, dict | list) for v in value)
            if not value:
                out.append(head + " []")
            elif words and col + len(k) + 2 + flow_width(value) <= LINE_LIMIT:
                out.append(f"{head} {_flow(value)}")
            else:
                out.append(head)
                _sequence(value, sub, child, col + 2, out)
        else:
            out.append(f"{head} {_scalar(value)}")


def _sequence(
    items: list[Any], model: type[BaseModel] | None, path: tuple[str, ...], col: int, out: list[str]
) -> None:
    """A block sequence whose dashes stand at column `col`."""
    for item in items:
        lead = " " * col + "- "
        if isinstance(item, dict):
            if not item:
                out.append(lead + "{}")
            elif path in FLOW_RECORDS and col + 2 + flow_width(item) <= LINE_LIMIT:
                out.append(lead + _flow(item))
            else:
                _mapping(item, model, path, col + 2, out, lead)
        elif isinstance(item, list):
            out.append(lead + _flow(item))
        else:
            out.append(lead + _scalar(item))


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _scalar(value, flow=True)


def _scalar(value: Any, flow: bool = False) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # a number stays a number (`version: 1`)
    return scalar(_text(value), flow)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _prove(data: dict[str, Any], text: str) -> None:
    """The text must read back (as the validator reads it: every scalar as text) to the data."""
    import yaml

    loader: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    back = yaml.load(text, Loader=loader)
    if back != _as_text(data):
        raise AssertionError("importer_yaml: the written text does not read back to the plan data")


def _as_text(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_text(v) for v in value]
    return _text(value)
