"""Plan text to plain data with the position of every key and value.

Reading for validation uses libyaml's composer through PyYAML (C speed, node marks);
ruamel.yaml's round-trip parser is kept for commands that rewrite a user's file.

Scalars are resolved by the plan's schema, not by YAML: every plain scalar stays the
text the teacher wrote (so `no`, `on`, `04.10` or `2026` are never turned into a
boolean, a float or a number behind her back); only an empty value, `~` and `null`
mean "nothing". Pydantic then converts text where the schema wants a date or a number.
"""

from __future__ import annotations

import codecs
import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from partnerplan.diagnostics import Diagnostic

MAX_BYTES = 24 * 1024 * 1024  # a 40,000-activity plan is ~11 MB; larger is not a plan
# An alias may repeat a subtree; past this expansion it is a "billion laughs" bomb.
MAX_EXPANSION_FACTOR = 20
MAX_EXPANSION_FLOOR = 100_000

Path = tuple[str | int, ...]
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


@dataclass(slots=True)
class SourceMap:
    """Where each value (and each mapping key) of a plan sits in its file."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def find(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of `path`, or of its nearest ancestor we know."""
        table = self.keys if key else self.values
        while True:
            pos = table.get(path)
            if pos is None and key:
                pos = self.values.get(path)
            if pos is not None:
                return pos
            if not path:
                return (1, 1)
            path = path[:-1]


@dataclass(slots=True)
class Loaded:
    """One file read: its text (for carets), data, positions and reading problems."""

    path: str
    text: str
    data: Any
    source_map: SourceMap
    diagnostics: list[Diagnostic]

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


class _Refused(Exception):
    def __init__(self, diag: Diagnostic) -> None:
        self.diag = diag


def decode(raw: bytes, path: str) -> tuple[str, list[Diagnostic]]:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1251 with a warning."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            raise _Refused(_diag("PP003", path, 0, 0, encoding="UTF-16", detail=str(exc))) from None
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # Word and old Windows editors save Russian text as Windows-1251. Read it (no
    # mojibake: every byte maps to one letter) but tell the teacher to convert.
    text = raw.decode("cp1251", errors="replace")
    letters = [c for c in text if c.isalpha()]
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    if "\ufffd" not in text and letters and cyrillic / len(letters) > 0.3:
        line = raw[: utf8_error.start].count(b"\n") + 1
        return text, [_diag("PP002", path, line, 1, severity="warning")]
    line = raw[: utf8_error.start].count(b"\n") + 1
    raise _Refused(_diag("PP003", path, line, 1, encoding="?", detail=str(utf8_error)))


def load_text(text: str, path: str) -> Loaded:
    """Parse YAML text into plain data (dicts, lists, str, None) and a SourceMap."""
    smap = SourceMap()
    try:
        if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
            raise _Refused(_diag("PP005", path, 0, 0))
        # The composer allocates many small objects; the cyclic GC would rescan them
        # again and again during a big load without ever finding garbage.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            node = _compose(text, path)
            if node is None:
                raise _Refused(_diag("PP005", path, 0, 0))
            _check_expansion(node, path)
            diags: list[Diagnostic] = []
            data = _Converter(path, smap, diags).convert(node, ())
        finally:
            if gc_was_enabled:
                gc.enable()
    except _Refused as refused:
        return Loaded(path, text, None, smap, [refused.diag])
    if not isinstance(data, dict):
        line, col = smap.find(())
        diags.append(_diag("PP014", path, line, col, found=_kind(data)))
        data = None
    return Loaded(path, text, data, smap, diags)


def load_file(file: str) -> Loaded:
    """Read and parse one plan file; problems come back as diagnostics, never exceptions."""
    from partnerplan.fsutil import ReadError, read_limited

    try:
        raw = read_limited(file, MAX_BYTES)
    except ReadError as exc:
        return Loaded(file, "", None, SourceMap(), [read_diagnostic(exc)])
    return load_bytes(raw, file)


def read_diagnostic(exc: Any) -> Diagnostic:
    """A ReadError as the diagnostic a reader sees (PP001 missing, PP006 other)."""
    if exc.reason in ("missing", "is_dir"):
        return _diag("PP001", exc.path, 0, 0)
    return _diag("PP006", exc.path, 0, 0, reason=exc.reason, detail=exc.detail)


def load_bytes(raw: bytes, file: str) -> Loaded:
    """Parse a plan's bytes (read at most MAX_BYTES + 1 of them: a larger file is refused)."""
    if len(raw) > MAX_BYTES:
        return Loaded(file, "", None, SourceMap(), [_diag("PP004", file, 0, 0, limit=MAX_BYTES // 2**20)])
    try:
        text, diags = decode(raw, file)
    except _Refused as refused:
        return Loaded(file, "", None, SourceMap(), [refused.diag])
    loaded = load_text(text, file)
    loaded.diagnostics[:0] = diags
    return loaded


# --- internals ---------------------------------------------------------------------


def _diag(code: str, path: str, line: int, col: int, severity: str = "error", **args: Any) -> Diagnostic:
    return Diagnostic(code, severity, path, line, col, args)  # type: ignore[arg-type]


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    if value is None:
        return "null"
    return "text"


_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str, path: str) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _Refused(_syntax_diag(exc, text, path)) from None
    except yaml.YAMLError as exc:
        raise _Refused(_diag("PP010", path, 0, 0, problem=str(exc))) from None
    finally:
        loader.dispose()
    return node  # type: ignore[no-any-return]


def _syntax_diag(exc: yaml.MarkedYAMLError, text: str, path: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = exc.problem or ""
    lines = text.splitlines()
    # libyaml points at a tab only sometimes; find the tab that broke indentation.
    if "\\t" in problem or "tab" in problem or _tab_indented(lines, line):
        for i, src in enumerate(lines[: max(line, 1)] if line else lines, start=1):
            indent = src[: len(src) - len(src.lstrip(" \t"))]
            if "\t" in indent:
                return _diag("PP011", path, i, indent.index("\t") + 1)
    code = _SYNTAX_CODES.get(_problem_key(problem), "PP010")
    if exc.context and "quoted scalar" in exc.context:
        code = "PP016"
    if code == "PP016" and exc.context_mark:
        # Point at the opening quote, not at the end of the file where libyaml gave up.
        line, col = exc.context_mark.line + 1, exc.context_mark.column + 1
    return _diag(code, path, line, col, problem=problem)


def _tab_indented(lines: list[str], line: int) -> bool:
    return any("\t" in src[: len(src) - len(src.lstrip(" \t"))] for src in lines[max(line - 2, 0) : line])


def _problem_key(problem: str) -> str:
    for key in _SYNTAX_CODES:
        if problem.startswith(key):
            return key
    return ""


_SYNTAX_CODES = {
    "mapping values are not allowed": "PP017",
    "could not find expected ':'": "PP018",
    "did not find expected key": "PP019",
    "did not find expected '-' indicator": "PP019",
    "found undefined alias": "PP020",
    "found character that cannot start any token": "PP021",
    "found unexpected end of stream": "PP016",
    "expected a single document": "PP022",
    "but found another document": "PP022",
}


def _check_expansion(root: yaml.Node, path: str) -> None:
    """Refuse documents whose aliases expand far beyond their written size."""
    distinct = 0
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            total = 1
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    total += sizes[id(k)] + sizes[id(v)]
            elif isinstance(node, yaml.SequenceNode):
                for v in node.value:
                    total += sizes[id(v)]
            sizes[key] = total
            continue
        if key in sizes:
            continue
        distinct += 1
        sizes[key] = 0  # provisional; a cycle through an alias counts as zero
        if isinstance(node, yaml.ScalarNode):
            sizes[key] = 1
            continue
        stack.append((node, True))
        children = (
            [c for pair in node.value for c in pair]
            if isinstance(node, yaml.MappingNode)
            else list(node.value)
        )
        stack.extend((c, False) for c in children if id(c) not in sizes)
    limit = max(MAX_EXPANSION_FLOOR, MAX_EXPANSION_FACTOR * distinct)
    if sizes[id(root)] > limit:
        mark = root.start_mark
        raise _Refused(_diag("PP013", path, mark.line + 1, mark.column + 1, limit=limit))


class _Converter:
    """Nodes to plain data, recording positions and reporting duplicate keys."""

    def __init__(self, path: str, smap: SourceMap, diags: list[Diagnostic]) -> None:
        self.path = path
        self.values = smap.values
        self.keys = smap.keys
        self.diags = diags
        self.memo: dict[int, Any] = {}

    def convert(self, node: yaml.Node, where: Path) -> Any:
        # Iterative descent would be faster still, but plans are at most a few levels
        # deep, so recursion depth is never the limit; malicious nesting is bounded by
        # libyaml's own depth limit.
        memo = self.memo.get(id(node))
        if memo is not None:
            return memo  # an alias: share the already converted value
        mark = node.start_mark
        self.values[where] = (mark.line + 1, mark.column + 1)
        result: Any
        if isinstance(node, yaml.ScalarNode):
            value: str = node.value
            if node.style is None and value in _NULLS:
                return None
            return value
        if isinstance(node, yaml.SequenceNode):
            result = []
            self.memo[id(node)] = result
            append: Callable[[Any], None] = result.append
            for i, child in enumerate(node.value):
                append(self.convert(child, (*where, i)))
            return result
        result = {}
        self.memo[id(node)] = result
        for knode, vnode in node.value:
            key = self._key(knode)
            kmark = knode.start_mark
            if key in result:
                first = self.keys.get((*where, key), (0, 0))
                self.diags.append(
                    _diag(
                        "PP012",
                        self.path,
                        kmark.line + 1,
                        kmark.column + 1,
                        key=key,
                        first_line=first[0],
                    )
                )
                continue
            self.keys[(*where, key)] = (kmark.line + 1, kmark.column + 1)
            result[key] = self.convert(vnode, (*where, key))
        return result

    def _key(self, knode: yaml.Node) -> str:
        if isinstance(knode, yaml.ScalarNode):
            return str(knode.value)
        mark = knode.start_mark
        self.diags.append(_diag("PP015", self.path, mark.line + 1, mark.column + 1))
        return f"?{mark.line + 1}:{mark.column + 1}"
