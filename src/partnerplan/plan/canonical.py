"""Proof from libyaml's events alone that a text is already in `fmt`'s canonical layout,
and the layout's width rule, which this proof and format's `_Layout` share.

`fmt --check` mostly meets formatted files, and ruamel's pure-Python round trip costs
tens of libyaml reads. `is_canonical` answers True only for a text it can prove
`format_text` returns unchanged, False otherwise (the round trip then decides). Proof:

1. A narrow subset: LF line ends, one final newline, no blank first or last line, no
   tab, BOM, U+0085/2028/2029 or trailing blank (libyaml's reader refuses the other
   control characters); no directive, `---`, `...`, tag, anchor, alias, block scalar
   or multi-line scalar; the root is a block mapping.
2. libyaml's events give the data, each plain scalar typed as ruamel's YAML 1.2
   resolver types it: text, a decimal integer or a valid `YYYY-MM-DD` date (written
   back as read), null (an empty value); any other type is outside the subset.
3. `_Writer` writes that data line by line as ruamel's emitter does with fmt's settings
   and `_Layout`'s choices: keys in the schema's order (one out of order is a miss),
   flow or block by `flow_width` and LINE_LIMIT, 2-space indent, quotes as ruamel's
   `analyze_scalar` and resolver choose them. What it cannot write with certainty (a
   text ruamel escapes, a quoted key, a mapping in a flow list, `- - x`) is outside.
4. The text without its blank lines, comment lines and end-of-line comments must be
   those lines exactly. Every collection then has the style the layout gives it, so a
   comment that pins a style in ruamel changes nothing, and ruamel keeps these lines
   in place — except around `- {…}  # comment`, so no comment may follow a flow
   collection on its line. tests/test_fmt_fast.py checks every rule against the round
   trip: files, mutations, every comment placement, ruamel's own scalar analysis.

libyaml's reading need not be trusted: the text without comments is literally ruamel's
writing of that data, which ruamel reads back as the same data.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

import yaml
from pydantic import BaseModel

from partnerplan.plan.translate import field_model, model_keys

# --- the layout's rules, shared with format's _Layout --------------------------------------

LINE_LIMIT = 100  # a flow list or record longer than this is written one item a line

# Lists whose records are short enough to read best on one line each.
FLOW_RECORDS = {("directions",), ("groups",), ("forms",), ("calendar", "breaks"), ("calendar", "terms")}

# Text that YAML would read as something else, or that holds flow indicators, is quoted.
_PLAIN_START = set("-?:,[]{}#&*!|>'\"%@`")
_NOT_TEXT = re.compile(
    r"[-+]?(\.?[0-9][0-9_.:eE+-]*|\.inf|\.nan)|~|null|true|false|yes|no|on|off|y|n|"
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*",
    re.IGNORECASE,
)


def flow_width(value: Any) -> int:
    """About how many characters `value` takes written in flow style."""
    if isinstance(value, dict):
        inner = sum(len(str(k)) + 2 + flow_width(v) for k, v in value.items())
        return 2 + inner + 2 * max(len(value) - 1, 0)
    if isinstance(value, list):
        return 2 + sum(flow_width(v) for v in value) + 2 * max(len(value) - 1, 0)
    if isinstance(value, bool):
        return 5 if not value else 4
    if value is None:
        return 4
    text = str(value)
    if not isinstance(value, str):
        return len(text)
    quoted = (
        not text
        or text[0] in _PLAIN_START
        or text != text.strip()
        or any(c in text for c in ",[]{}\n")
        or ": " in text
        or " #" in text
        or text.endswith(":")
        or _NOT_TEXT.fullmatch(text) is not None
    )
    return len(text) + (2 + text.count("'") if quoted else 0)


# --- the proof -----------------------------------------------------------------------------

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 32  # deeper than any plan; the round trip decides
MAX_LINE = 100_000  # far below ruamel's width (10**6), where it would wrap a line

# libyaml's reader refuses every other control character; ruamel escapes these ones,
# reads them as line breaks, or drops trailing blanks.
_ODD = ("\t", "\r", "\x85", "\u2028", "\u2029", "\ufeff", " \n")
_EOL_COMMENT = re.compile(r" +#.*")
# ruamel's YAML 1.2 implicit resolvers (resolver.py), all but `str`, as one pattern.
_NOT_STR = re.compile(  # (?!_): ruamel tries the int pattern only on a sign or a digit
    r"""(?!_)(?:true|True|TRUE|false|False|FALSE
    |[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)
    |[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+
    |<<|~|null|Null|NULL|=|!|&|\*
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9]
     (?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)""",
    re.X,
)
# What ruamel writes only escaped, in double quotes (or never, as it is a line break).
_UNPRINTABLE = "\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff"
_ESCAPED = re.compile(f"[{_UNPRINTABLE}]")
# Text plain in any context that no resolver takes: a letter first (none that starts
# true, false or null), then no «#», «:» or flow indicator, no trailing blank.
_SIMPLE = re.compile(f"[^\\W\\d_tTfFnN](?:[^#:,\\[\\]{{}}{_UNPRINTABLE}]*[^#:,\\[\\]{{}} {_UNPRINTABLE}])?")
_INT = re.compile(r"0|[1-9][0-9]*")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_FIRST = frozenset("#,[]{}&*!|>'\"%@`")  # analyze_scalar's leading indicators
_FLOW_IND = frozenset(",[]{}")


class _No(Exception):
    """Outside the subset, or not canonical: the round trip decides."""


class _Map(dict[str, Any]):
    __slots__ = ("flow",)
    flow: bool  # written in flow style


class _Seq(list[Any]):
    __slots__ = ("flow",)
    flow: bool


def is_canonical(text: str, root: type[BaseModel]) -> bool:
    """True only if `format_text(text, root)` is `text`; False when it cannot prove it."""
    if text[:1] == "\n" or text[-1:] != "\n" or text.endswith("\n\n") or any(c in text for c in _ODD):
        return False
    expected: list[str] = []
    try:
        # The whole text goes through libyaml's reader, which refuses control characters.
        _Writer(root, expected).mapping(_read(text), (), root, 0, "")
    except (_No, yaml.YAMLError, ValueError, RecursionError):  # ValueError: a lone surrogate
        return False
    return _same_lines(text, expected)


def _same_lines(text: str, expected: list[str]) -> bool:
    """The text is `expected`, plus blank lines, comment lines and end-of-line comments."""
    j, n = 0, len(expected)
    for line in text.split("\n")[:-1]:
        if not line or line.lstrip(" ").startswith("#"):
            continue
        if j == n or len(line) > MAX_LINE:
            return False
        want = expected[j]
        j += 1
        if line != want and (
            want[-1] in "]}"  # ruamel may drop or move the lines around `- {…}  # comment`
            or not line.startswith(want)
            or not _EOL_COMMENT.fullmatch(line, len(want))
        ):
            return False
    return j == n


# --- reading: events → data ---------------------------------------------------------------


def _read(text: str) -> _Map:
    loader = _Loader(text)
    try:
        return _build(loader.get_event)
    finally:
        loader.dispose()


def _build(get: Any) -> _Map:
    get()  # StreamStart
    ev = get()
    if not isinstance(ev, yaml.DocumentStartEvent) or ev.explicit or ev.version or ev.tags:
        raise _No
    ev = get()
    if not isinstance(ev, yaml.MappingStartEvent) or ev.flow_style:
        raise _No
    root = _Map()
    root.flow = False
    stack: list[Any] = [root]
    keys: list[Any] = [None]  # a mapping's key waiting for its value (None: none yet)
    scalar_ev, mstart, sstart = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    while stack:
        ev = get()
        cls = ev.__class__
        if cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
            stack.pop()
            keys.pop()
            continue
        if (cls is not scalar_ev and cls is not mstart and cls is not sstart) or ev.anchor or ev.tag:
            raise _No  # an alias, an anchor, a tag
        top = stack[-1]
        if cls is scalar_ev:
            if ev.start_mark.line != ev.end_mark.line:
                raise _No
            if keys[-1] is None and top.__class__ is _Map:
                value = ev.value
                if ev.style or value in top or value in _NULL or _NOT_STR.fullmatch(value):
                    raise _No  # a quoted key, a duplicate, a key ruamel reads as a number
                keys[-1] = value
                continue
            node: Any = _scalar(ev.value, ev.style)
        else:
            if len(stack) >= MAX_DEPTH or (top.__class__ is _Map and keys[-1] is None):
                raise _No  # too deep; a list or mapping as a key
            node = _Map() if cls is mstart else _Seq()
            node.flow = bool(ev.flow_style)
        if top.__class__ is _Map:
            top[keys[-1]] = node
            keys[-1] = None
        else:
            top.append(node)
        if cls is not scalar_ev:
            stack.append(node)
            keys.append(None)
    ev = get()
    if not isinstance(ev, yaml.DocumentEndEvent) or ev.explicit:
        raise _No
    if not isinstance(get(), yaml.StreamEndEvent):
        raise _No  # a second document
    return root


def _scalar(value: str, style: str | None) -> Any:
    """The value ruamel's round trip would build from this scalar, if it is one we know."""
    if style in ("'", '"'):
        return value
    if style:  # a literal or folded block scalar
        raise _No
    if value in _NULL:
        return None
    if not _NOT_STR.fullmatch(value):
        return value
    if _INT.fullmatch(value):
        return int(value)
    if _DATE.fullmatch(value):
        try:
            return _dt.date(int(value[:4]), int(value[5:7]), int(value[8:]))
        except ValueError:
            raise _No from None
    raise _No  # a bool, a float, an octal or hex number, a time…


# --- writing: data → the lines ruamel would write -------------------------------------------


class _Writer:
    """Writes the canonical lines of the data into `out`, raising _No where the text's
    own choices (key order, flow or block) differ from the layout's."""

    def __init__(self, root: type[BaseModel], out: list[str]) -> None:
        self.out = out
        self.ranks: dict[Any, dict[str, int]] = {}
        self.fields: dict[tuple[Any, str], Any] = {}

    def _order(self, node: _Map, model: Any) -> None:
        """Keys in the schema's order, unknown keys after them (as `_Layout` wants)."""
        ranks = self.ranks.get(model)
        if ranks is None:
            ranks = self.ranks[model] = {k: i for i, k in enumerate(model_keys(model))}
        last = -1
        unknown = len(ranks)
        for k in node:
            r = ranks.get(k, unknown)
            if r < last:
                raise _No
            last = r

    def _field(self, model: Any, key: str) -> Any:
        found = self.fields.get((model, key), self)
        if found is self:
            found = self.fields[(model, key)] = field_model(model, key)
        return found

    def _flow_wanted(self, node: Any, path: tuple[str, ...], prefix: int) -> bool:
        """`_Layout`'s choice for a collection outside any flow collection."""
        if not node:
            return True  # ruamel writes an empty list or mapping as [] or {}
        if node.__class__ is _Map:
            record = path[-1:] == ("#item",) and path[:-1] in FLOW_RECORDS
            return record and prefix + flow_width(node) <= LINE_LIMIT
        words = all(not isinstance(v, (dict, list)) for v in node)
        return words and prefix + flow_width(node) <= LINE_LIMIT

    def mapping(self, node: _Map, path: tuple[str, ...], model: Any, col: int, lead: str) -> None:
        """A block mapping whose keys start at column `col`; `lead` opens its first line."""
        self._order(node, model)
        base = tuple(p for p in path if p != "#item")
        pad = " " * col
        out = self.out
        for k, v in node.items():
            head = f"{lead}{_key(k, False)}:"
            lead = pad
            child_path = (*base, k)
            child_model = self._field(model, k)
            if v.__class__ is _Map or v.__class__ is _Seq:
                flow = self._flow_wanted(v, child_path, col + len(k) + 2)
                if flow != v.flow:
                    raise _No
                if flow:
                    out.append(f"{head} {self.flow(v, child_path, child_model)}")
                    continue
                out.append(head)
                if isinstance(v, _Map):
                    self.mapping(v, child_path, child_model, col + 2, " " * (col + 2))
                else:
                    self.sequence(v, child_path, child_model, col + 2)
            elif v is None:
                out.append(head)
            else:
                out.append(f"{head} {_text(v, False)}")

    def sequence(self, node: _Seq, path: tuple[str, ...], model: Any, col: int) -> None:
        """A block list whose dashes stand at column `col`."""
        item_path = (*path, "#item")
        lead = " " * col + "- "
        for v in node:
            if v.__class__ is _Map or v.__class__ is _Seq:
                flow = self._flow_wanted(v, item_path, col + 2)
                if flow != v.flow:
                    raise _No
                if flow:
                    self.out.append(lead + self.flow(v, item_path, model))
                elif v.__class__ is _Map:
                    self.mapping(v, item_path, model, col + 2, lead)
                else:
                    raise _No  # a block list right inside a block list (`- - x`)
            elif v is None:
                raise _No
            else:
                self.out.append(lead + _text(v, False))

    def flow(self, node: Any, path: tuple[str, ...], model: Any) -> str:
        """A flow collection on one line; everything inside it is flow too."""
        if not node.flow:
            raise _No
        parts = []
        if node.__class__ is _Map:
            self._order(node, model)
            base = tuple(p for p in path if p != "#item")
            for k, v in node.items():
                if v is None:
                    raise _No
                text = (
                    self.flow(v, (*base, k), self._field(model, k))
                    if isinstance(v, (_Map, _Seq))
                    else _text(v, True)
                )
                parts.append(f"{_key(k, True)}: {text}")
            return "{" + ", ".join(parts) + "}"
        item_path = (*path, "#item")
        for v in node:
            if v is None or v.__class__ is _Map:
                raise _No  # ruamel writes a one-pair mapping in a flow list without braces
            parts.append(self.flow(v, item_path, model) if v.__class__ is _Seq else _text(v, True))
        return "[" + ", ".join(parts) + "]"


def _key(key: str, flow: bool) -> str:
    if (key, flow) not in _KEYS_SEEN:
        if len(key) >= 100 or not _plain(key, flow):
            raise _No  # ruamel would quote it, or write a long key as `? key`
        if len(_KEYS_SEEN) < 10_000:
            _KEYS_SEEN.add((key, flow))
    return key


_KEYS_SEEN: set[tuple[str, bool]] = set()


def _text(value: Any, flow: bool) -> str:
    """A scalar as ruamel writes it: plain where it may, else quoted (choose_scalar_style)."""
    if value.__class__ is str and _SIMPLE.fullmatch(value):
        return value  # the common case, decided at once
    if value.__class__ is not str:
        if isinstance(value, bool) or not isinstance(value, (int, _dt.date)):
            raise _No
        return value.isoformat() if isinstance(value, _dt.date) else str(value)
    if _ESCAPED.search(value):
        raise _No  # a tab or a control character from an escape: ruamel escapes it too
    if value not in _NULL and not _NOT_STR.fullmatch(value) and _plain(value, flow):
        return value
    if "'" in value:
        if '"' in value or "\\" in value:
            raise _No  # a double-quoted scalar with escapes
        return f'"{value}"'
    return f"'{value}'"


def _plain(s: str, flow: bool) -> bool:
    """ruamel's analyze_scalar for one line of printable text: may it be written plain?"""
    if not s or s[0] == " " or s[-1] == " " or s.startswith(("---", "...")) or s[0] in _FIRST:
        return False
    spaced = len(s) == 1 or s[1] == " "
    if s[0] == "-" and spaced:
        return False
    if s[0] in "?:" and (len(s) == 1 if flow else spaced):
        return False
    if " #" in s or s.find(": ", 1) != -1 or (len(s) > 1 and s[-1] == ":"):
        return False
    return not (flow and any(c in _FLOW_IND for c in s[1:]))
