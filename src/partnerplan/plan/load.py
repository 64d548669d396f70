"""Plan text to plain data with the position of every key and value.

Reading for validation uses libyaml's parser through PyYAML (C speed, event marks) and
builds the data from its events in one loop, without libyaml's recursive composer: depth
(MAX_DEPTH), alias expansion and self-referencing aliases are bounded here, so hostile
nesting is a diagnostic, never a RecursionError or a segfault. ruamel.yaml's round-trip
parser is kept for commands that rewrite a user's file.

Scalars are resolved by the plan's schema, not by YAML: every plain scalar stays the
text the teacher wrote (so `no`, `on`, `04.10` or `2026` are never turned into a
boolean, a float or a number behind her back); only an empty value, `~` and `null`
(plain, not quoted) mean "nothing", and the model reads "nothing" as "not given".
Pydantic then converts text where the schema wants a date or a number.
"""

from __future__ import annotations

import codecs
import gc
import sys
from dataclasses import dataclass
from typing import Any

import yaml

from partnerplan.diagnostics import Diagnostic
from partnerplan.plan.sourcemap import SourceMap, pack, unpack

MAX_BYTES = 24 * 1024 * 1024  # a 40,000-activity plan is ~11 MB; larger is not a plan
# An alias may repeat a subtree; past this expansion it is a "billion laughs" bomb.
MAX_EXPANSION_FACTOR = 20
MAX_EXPANSION_FLOOR = 100_000

_STR_TAG = "tag:yaml.org,2002:str"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


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


def load_text(text: str, path: str, utf8: bytes | None = None) -> Loaded:
    """Parse YAML text into plain data (dicts, lists, str, None) and a SourceMap.
    `utf8`: the same text as UTF-8 bytes, when the caller has them: libyaml reads them
    as they are instead of a fresh encoded copy (16 MB less for a 40,000-activity plan)."""
    smap = SourceMap()
    try:
        if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
            raise _Refused(_diag("PP005", path, 0, 0))
        # The builder allocates many small objects; the cyclic GC would rescan them
        # again and again during a big load without ever finding garbage.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            diags: list[Diagnostic] = []
            data = _build(utf8 if utf8 is not None else text, text, path, smap, diags)
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


def _plain_utf8(raw: bytes) -> bool:
    return not raw.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def read_diagnostic(exc: Any) -> Diagnostic:
    """A ReadError as the diagnostic a reader sees (PP001 missing, PP006 other)."""
    if exc.reason == "missing":
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
    # Plain UTF-8: the parser reads the file's own bytes (decoded, they are `text`).
    loaded = load_text(text, file, raw if not diags and _plain_utf8(raw) else None)
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

# Plans nest about seven levels (plan → partners → activity → log → entry). Far deeper
# input is an attack or an accident; libyaml's Cython composer recurses per level (a
# segfault at ~30,000), so data is built here from the parser's events, iteratively,
# and deeper nesting is refused before it costs anything.
MAX_DEPTH = 64


def _build(source: str | bytes, text: str, path: str, smap: SourceMap, diags: list[Diagnostic]) -> Any:
    """Parser events → plain data with positions, duplicate keys reported; one loop, no
    recursion. Raises _Refused for what cannot be read at all."""
    loader = _Loader(source)
    try:
        return _Builder(path, smap, diags).run(loader)
    except yaml.MarkedYAMLError as exc:
        from partnerplan.plan.yamlerrors import syntax_diagnostic

        raise _Refused(syntax_diagnostic(exc, text, path)) from None
    except yaml.reader.ReaderError as exc:
        from partnerplan.plan.yamlerrors import reader_diagnostic

        raise _Refused(reader_diagnostic(exc, text, path)) from None
    except yaml.YAMLError as exc:
        raise _Refused(_diag("PP010", path, 0, 0, problem=str(exc))) from None
    finally:
        loader.dispose()


class _Frame:
    """One open mapping or sequence while events stream in."""

    __slots__ = ("anchor", "as_key", "container", "key", "keys", "mark", "size", "skip", "values")

    def __init__(
        self,
        container: Any,
        tables: tuple[dict[Any, int], dict[Any, int]] | None,
        mark: Any,
        anchor: str | None,
        as_key: bool,
    ) -> None:
        self.container = container
        # Where its values and keys sit; None: not recorded (a duplicate's value, a complex key)
        self.values: dict[Any, int] | None = tables[0] if tables is not None else None
        self.keys: dict[Any, int] | None = tables[1] if tables is not None else None
        self.mark = mark
        self.anchor = anchor
        self.as_key = as_key  # a list or mapping written where a key should be
        self.size = 1
        self.key: str | None = None  # a mapping's key waiting for its value
        self.skip = False  # the waiting key is a duplicate: its value is dropped


_NO_KEY = None


class _Builder:
    def __init__(self, path: str, smap: SourceMap, diags: list[Diagnostic]) -> None:
        self.path = path
        self.smap = smap
        self.diags = diags
        # anchor → (value, expanded size or None while still open, scalar text)
        self.anchors: dict[str, tuple[Any, int | None, str | None]] = {}

    def run(self, loader: Any) -> Any:
        get = loader.get_event
        stack: list[_Frame] = []
        root: Any = None
        documents = 0
        distinct = 0
        total = 0
        scalar_ev, mstart, sstart = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
        mend, send, alias_ev = yaml.MappingEndEvent, yaml.SequenceEndEvent, yaml.AliasEvent
        while True:
            ev = get()
            cls = ev.__class__
            tag = getattr(ev, "tag", None)
            if tag is not None and tag != _STR_TAG and tag != "!" and cls is not yaml.DocumentStartEvent:
                # A tag changes what a value means to other YAML tools (!!binary → bytes,
                # !!python/… → code) while we read text: refuse it rather than disagree.
                mark = ev.start_mark
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                raise _Refused(_diag("PP027", self.path, mark.line + 1, mark.column + 1, tag=shown))
            if cls is scalar_ev:
                distinct += 1
                text: str = ev.value
                value = None if not ev.style and text in _NULLS else text
                if ev.anchor is not None:
                    self.anchors[ev.anchor] = (value, 1, text)
                if stack:
                    self._add(stack[-1], value, text, ev.start_mark, 1)
                else:
                    root, total = value, 1
                    self.smap.start(value, ev.start_mark.line + 1, ev.start_mark.column + 1)
            elif cls is mstart or cls is sstart:
                distinct += 1
                if len(stack) >= MAX_DEPTH:
                    mark = ev.start_mark
                    raise _Refused(_diag("PP024", self.path, mark.line + 1, mark.column + 1, limit=MAX_DEPTH))
                container: Any = {} if cls is mstart else []
                if ev.anchor is not None:
                    self.anchors[ev.anchor] = (container, None, None)
                recorded = True
                as_key = False
                if stack:
                    top = stack[-1]
                    as_key = top.key is _NO_KEY and isinstance(top.container, dict)
                    recorded = not as_key and self._open(top, container, ev.start_mark)
                else:
                    root = container
                    self.smap.start(container, ev.start_mark.line + 1, ev.start_mark.column + 1)
                tables = self.smap.tables(container) if recorded else None
                stack.append(_Frame(container, tables, ev.start_mark, ev.anchor, as_key))
            elif cls is mend or cls is send:
                frame = stack.pop()
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (frame.container, frame.size, None)
                if stack:
                    parent = stack[-1]
                    parent.size += frame.size
                    if frame.as_key:
                        self._complex_key(parent, frame.mark)
                else:
                    total = frame.size
            elif cls is alias_ev:
                self._alias(stack, ev)
                if not stack:
                    root = self.anchors[ev.anchor][0]
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise yaml.composer.ComposerError(
                        "expected a single document in the stream",
                        None,
                        "but found another document",
                        ev.start_mark,
                    )
            elif cls is yaml.StreamEndEvent:
                break
        if documents == 0:
            raise _Refused(_diag("PP005", self.path, 0, 0))
        limit = max(MAX_EXPANSION_FLOOR, MAX_EXPANSION_FACTOR * distinct)
        if total > limit:
            line, col = self.smap.find(())
            raise _Refused(_diag("PP013", self.path, line, col, limit=limit))
        return root

    def _add(self, top: _Frame, value: Any, text: str | None, mark: Any, size: int) -> None:
        """A finished value (scalar or alias) arrives inside the open container `top`."""
        top.size += size
        container = top.container
        if isinstance(container, list):
            if top.values is not None:
                top.values[len(container)] = pack(mark.line + 1, mark.column + 1)
            container.append(value)
            return
        if top.key is _NO_KEY:
            if text is None:  # an alias to a list or mapping used as a key
                self._complex_key(top, mark)
            else:
                self._take_key(top, text, mark)
            return
        if not top.skip:
            if top.values is not None:
                top.values[top.key] = pack(mark.line + 1, mark.column + 1)
            container[top.key] = value
        top.key, top.skip = _NO_KEY, False

    def _open(self, top: _Frame, container: Any, mark: Any) -> bool:
        """A list or mapping starts as a value inside `top`; False: its positions are not
        recorded (inside an unrecorded parent, or a duplicate key's value)."""
        parent = top.container
        if isinstance(parent, list):
            at: Any = len(parent)
            parent.append(container)
        else:
            at, skip = top.key, top.skip
            assert at is not None  # a value comes after its key
            top.key, top.skip = _NO_KEY, False
            if skip:
                return False  # a duplicate key's value: built (aliases may use it), dropped
            parent[at] = container
        if top.values is None:
            return False
        top.values[at] = pack(mark.line + 1, mark.column + 1)
        return True

    def _take_key(self, top: _Frame, key: str, mark: Any) -> None:
        key = sys.intern(key)  # 40,000 activities share a handful of key names
        top.key = key
        if key in top.container:
            if top.keys is not None:
                first = unpack(top.keys.get(key, 0))[0]
                self.diags.append(
                    _diag("PP012", self.path, mark.line + 1, mark.column + 1, key=key, first_line=first)
                )
            top.skip = True
        elif top.keys is not None:
            top.keys[key] = pack(mark.line + 1, mark.column + 1)

    def _complex_key(self, top: _Frame, mark: Any) -> None:
        line, col = mark.line + 1, mark.column + 1
        if top.values is not None:
            self.diags.append(_diag("PP015", self.path, line, col))
        self._take_key(top, f"?{line}:{col}", mark)

    def _alias(self, stack: list[_Frame], ev: Any) -> None:
        mark = ev.start_mark
        found = self.anchors.get(ev.anchor)
        if found is None:
            raise yaml.composer.ComposerError(None, None, f"found undefined alias {ev.anchor!r}", mark)
        value, size, text = found
        if size is None:  # the alias sits inside its own anchor: an endless value
            raise _Refused(_diag("PP025", self.path, mark.line + 1, mark.column + 1, name=ev.anchor))
        if stack:
            self._add(stack[-1], value, text, mark, size)
