"""One canonical layout for plan files, keeping every comment and every value.

The layout: keys in the schema's order (unknown keys after, as found), 2-space indent,
lists of records in block style with «- » under their key, short vocabulary and date
records and lists of words in flow style (`{id: edu, name: …}`, `[edu, prof]`), each
value on one line (never re-wrapped: a one-line value also makes a one-line git diff),
quotes only where YAML needs them, LF line ends, one final newline.

Like black, `format_text` proves its output before anyone writes it: the output must
read back to the same data (every scalar compared as the text the validator sees),
keep every comment, and be stable under a second run. A failure there is an internal
error, never a changed plan.
"""

from __future__ import annotations

import io
import re
from typing import Any

from pydantic import BaseModel

from partnerplan.plan.model import Plan
from partnerplan.plan.translate import field_model, model_keys

# Lists whose records are short enough to read best on one line each.
_FLOW_RECORDS = {("directions",), ("groups",), ("forms",), ("calendar", "breaks"), ("calendar", "terms")}


class FormatError(Exception):
    """The file cannot be formatted: `code` says why (syntax, internal)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


def round_trip_yaml() -> Any:
    """ruamel's round-trip YAML as partnerplan writes files: 2-space indent, no wrapping."""
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 1_000_000  # never wrap a user's text
    y.preserve_quotes = False
    y.allow_duplicate_keys = False
    return y


def format_text(text: str, root: type[BaseModel] = Plan) -> str:
    """The canonical form of a plan's text; raises FormatError when it cannot."""
    y = round_trip_yaml()
    try:
        data = y.load(text.replace("\r\n", "\n"))
    except Exception as exc:
        raise FormatError("syntax", str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
    if data is None:
        return text
    before_comments = _comments(data)
    _canonical(data, (), root)
    out = io.StringIO()
    y.dump(data, out)
    result = out.getvalue()
    result = result.rstrip("\n") + "\n"
    _assert_equivalent(text, result, before_comments, root)
    return result


def _canonical(
    node: Any, path: tuple[str, ...], model: type[BaseModel] | None, keep_style: bool = False
) -> None:
    """Order keys and choose styles, depth first. `keep_style`: the parent holds a comment
    written on this node's line, which a change of style would leave stranded."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap):
        order = model_keys(model)
        keys = list(node.keys())
        wanted = [k for k in order if k in node] + [k for k in keys if k not in order]
        if wanted != keys:
            _reorder(node, wanted)
        flow = path[-1:] == ("#item",) and path[:-1] in _FLOW_RECORDS
        if not keep_style and not _has_comments(node):  # restyling could strand comments
            if flow:
                node.fa.set_flow_style()
            else:
                node.fa.set_block_style()
        for k in node:
            commented = _commented(node, k)
            _canonical(node[k], (*_parent_key(path), str(k)), field_model(model, str(k)), commented)
    elif isinstance(node, CommentedSeq):
        scalars = all(not isinstance(v, (dict, list)) for v in node)
        if not keep_style and not _has_comments(node):
            if scalars and len(node) > 0:
                node.fa.set_flow_style()
            else:
                node.fa.set_block_style()
        for i, v in enumerate(node):
            _canonical(v, (*path, "#item"), model, _commented(node, i))


def _parent_key(path: tuple[str, ...]) -> tuple[str, ...]:
    # Records of a list are known by the list's path: ("groups",) → items ("groups", "#item").
    return tuple(p for p in path if p != "#item")


def _reorder(node: Any, wanted: list[Any]) -> None:
    """Reorder a CommentedMap in place; comments travel with their keys."""
    items = [(k, node[k]) for k in wanted]
    comments = {k: node.ca.items.get(k) for k in wanted}
    for k in list(node.keys()):
        del node[k]
    for i, (k, v) in enumerate(items):
        node.insert(i, k, v)
        if comments[k] is not None:
            node.ca.items[k] = comments[k]


def _commented(parent: Any, key: Any) -> bool:
    entry = parent.ca.items.get(key)
    return bool(entry) and any(x is not None for x in entry)


def _has_comments(node: Any) -> bool:
    ca = getattr(node, "ca", None)
    if ca is None:
        return False
    if ca.comment or any(v for v in ca.items.values() if v and any(x is not None for x in v)):
        return True
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    return any(_has_comments(c) for c in children)


def _comments(node: Any) -> list[str]:
    """Every comment text in a loaded document, blank lines and spacing ignored."""
    found: list[str] = []

    def token_texts(tok: Any) -> None:
        if tok is None:
            return
        if isinstance(tok, list):
            for t in tok:
                token_texts(t)
            return
        value = getattr(tok, "value", None)
        if isinstance(value, str):
            found.extend(c.strip() for c in re.findall(r"#[^\n]*", value))

    def walk(n: Any) -> None:
        ca = getattr(n, "ca", None)
        if ca is not None:
            token_texts(ca.comment)
            for v in ca.items.values():
                token_texts(v)
            token_texts(getattr(ca, "end", None))
        if isinstance(n, dict):
            for v in n.values():
                walk(v)
        elif isinstance(n, list):
            for v in n:
                walk(v)

    walk(node)
    return sorted(found)


def _assert_equivalent(before: str, after: str, before_comments: list[str], root: type[BaseModel]) -> None:
    from partnerplan.plan.load import load_text

    a = load_text(before, "before")
    b = load_text(after, "after")
    if a.data != b.data:
        raise FormatError("internal", "the formatted text reads back to different data")
    again = round_trip_yaml().load(after)
    if _comments(again) != before_comments:
        raise FormatError("internal", "a comment would be lost")
    if format_text_unchecked(after, root) != after:
        raise FormatError("internal", "formatting is not stable")


def format_text_unchecked(text: str, root: type[BaseModel] = Plan) -> str:
    """One pass without the safety checks (used by the stability check itself)."""
    y = round_trip_yaml()
    data = y.load(text)
    if data is None:
        return text
    _canonical(data, (), root)
    out = io.StringIO()
    y.dump(data, out)
    return out.getvalue().rstrip("\n") + "\n"


def format_file(path: str) -> tuple[str, str]:
    """(the text as it is, the canonical text). Raises fmt.FormatError."""
    from partnerplan.plan.loader import load_plan
    from partnerplan.plan.model import Plan, Registry
    from partnerplan.plan.network import is_registry

    loaded = load_plan(path, registry=None).loaded  # the limits of every reader hold here too
    if loaded.data is None:
        first = next((d for d in loaded.diagnostics if d.severity == "error"), None)
        raise FormatError("syntax", first.message() if first else "")
    return loaded.text, format_text(loaded.text, Registry if is_registry(path) else Plan)
