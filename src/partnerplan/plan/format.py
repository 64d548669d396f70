"""One canonical layout for plan files, keeping every comment and every value.

The layout: keys in the schema's order (unknown keys after, as found), 2-space indent,
quotes only where YAML needs them, each value on one line (never re-wrapped), LF line
ends, one final newline. Records (partners, activities, …) are written in block style,
one key a line. A list of words or dates (`directions: [edu, prof]`) and a short record
of a vocabulary or a calendar (`- {id: edu, name: …}`) are written in flow style while
the whole line stays within LINE_LIMIT characters, and in block style, one item a line,
when it would not: a one-item edit of a long list of goals is then a one-line git diff.
The choice depends on the values and their indentation only, so a second run keeps it.

What the formatter cannot restyle without moving a comment, it leaves as written: a
node with a comment on its line keeps its style; a flow collection with a comment
inside (`{id: eco, # …`) is kept verbatim, only re-indented; the lines before the
document's `---` (with a `%YAML` directive) and from a closing `...` on are kept as
they are.

Like black, `format_text` proves its output before anyone writes it: the output must
read back to the same data (every scalar compared as the text the validator sees), keep
every comment — counted by `comment_texts`, a scanner of its own on libyaml's token
positions, independent of ruamel, which drops what it cannot attach — and be stable
under a second run. A failure there is an internal error, never a changed plan. An
output equal to its input has nothing to prove, and a text that `canonical.is_canonical`
proves canonical from libyaml's events is returned as it is, without ruamel (imported
only when a round trip is needed): `fmt --check` of a formatted file costs a read.
`format_path` also remembers the file as read, so its `write` refuses to replace a file
that was saved meanwhile (fsutil.WriteError "changed").
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from partnerplan.fsutil import FileState
from partnerplan.plan.canonical import FLOW_RECORDS, LINE_LIMIT, flow_width, is_canonical
from partnerplan.plan.comments import Scan, ScanError, lost_comments, scan
from partnerplan.plan.model import Plan
from partnerplan.plan.translate import field_model, model_keys


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
    if is_canonical(text, root):  # proven from libyaml's events: no round trip, no ruamel
        return text
    text = text.replace("\r\n", "\n")
    result = _format(text, root)
    if result != text:  # an unchanged text has nothing to prove
        _assert_equivalent(text, result, root)
    return result


# --- formatting ------------------------------------------------------------------------


def _format(text: str, root: type[BaseModel]) -> str:
    try:
        found = scan(text)
    except ScanError as exc:
        raise FormatError("syntax", str(exc)) from None
    y = round_trip_yaml()
    try:
        data = y.load(text[found.body_start : found.body_end])
    except Exception:
        # A body that needs its prologue (a %TAG directive), or plain bad YAML: read the
        # whole text; the proof refuses the result if a comment there would be lost.
        found = Scan(found.comments, 0, len(text), found.flows)
        data = _load(y, text)
    prologue, body, epilogue = (
        text[: found.body_start],
        text[found.body_start : found.body_end],
        text[found.body_end :],
    )
    if data is None:
        return text
    first_line = text.count("\n", 0, found.body_start)
    # Flow collections holding a comment: ruamel would drop the comment, so they stay as written.
    kept_flows = {
        (line - first_line, col): text[start:end]
        for start, end, line, col in found.flows
        if any(start <= pos < end for pos, _ in found.comments)
    }
    kept: dict[str, tuple[str, int]] = {}
    if kept_flows:
        if _position(data) in kept_flows:
            return text  # the whole document is one commented flow collection
        _keep(data, kept_flows, kept, body)
    _Layout(frozenset(kept)).node(data, (), root, False, 0, 0)
    out = io.StringIO()
    y.dump(data, out)
    result = _restore(out.getvalue(), kept)
    result = result.rstrip("\n") + "\n"
    if epilogue:
        epilogue = epilogue.rstrip("\n") + "\n"
    return prologue + result + epilogue


def _load(y: Any, text: str) -> Any:
    try:
        return y.load(text)
    except Exception as exc:
        raise FormatError("syntax", str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None


def _position(node: Any) -> tuple[int, int] | None:
    lc = getattr(node, "lc", None)
    return (lc.line, lc.col) if lc is not None else None


def _keep(
    node: Any, targets: dict[tuple[int, int], str], kept: dict[str, tuple[str, int]], body: str
) -> None:
    """Replace each commented flow collection by a placeholder scalar; `_restore` puts
    its original text back after dumping."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap):
        slots: list[Any] = list(node.keys())
    elif isinstance(node, CommentedSeq):
        slots = list(range(len(node)))
    else:
        return
    for slot in slots:
        child = node[slot]
        where = _position(child) if isinstance(child, (CommentedMap, CommentedSeq)) else None
        if where is not None and where in targets:
            n = 0
            while (placeholder := f"PARTNERPLANKEEP{len(kept)}X{n}") in body:
                n += 1
            kept[placeholder] = (targets[where], where[1])
            node[slot] = placeholder
        else:
            _keep(child, targets, kept, body)


def _restore(out: str, kept: dict[str, tuple[str, int]]) -> str:
    for placeholder, (original, old_col) in kept.items():
        at = out.find(placeholder)
        if at == -1 or out.find(placeholder, at + 1) != -1:
            raise FormatError("internal", "a commented flow collection could not be kept")
        delta = at - (out.rfind("\n", 0, at) + 1) - old_col
        lines = original.split("\n")
        for i in range(1, len(lines)):
            line = lines[i]
            if delta >= 0:
                lines[i] = " " * delta + line if line.strip() else line
            else:
                blank = len(line) - len(line.lstrip(" "))
                lines[i] = line[min(blank, -delta) :]
        out = out[:at] + "\n".join(lines) + out[at + len(placeholder) :]
    return out


class _Layout:
    """Orders keys and chooses block or flow style, depth first, for a ruamel tree.

    Each node is told the column its block form starts at (`col`) and how much of its
    line precedes it when written inline (`prefix`), which decides flow or block."""

    def __init__(self, kept: frozenset[str]) -> None:
        self.kept = kept

    def node(
        self,
        node: Any,
        path: tuple[str, ...],
        model: type[BaseModel] | None,
        keep_style: bool,
        col: int,
        prefix: int,
    ) -> None:
        """`keep_style`: the parent holds a comment written on this node's line, which a
        change of style would leave stranded."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        if isinstance(node, CommentedMap):
            order = model_keys(model)
            keys = list(node.keys())
            wanted = [k for k in order if k in node] + [k for k in keys if k not in order]
            if wanted != keys:
                _reorder(node, wanted)
            record = path[-1:] == ("#item",) and path[:-1] in FLOW_RECORDS
            if not keep_style and not _has_comments(node):  # restyling could strand comments
                if record and not self._holds_kept(node) and prefix + flow_width(node) <= LINE_LIMIT:
                    node.fa.set_flow_style()
                else:
                    node.fa.set_block_style()
            for k in node:
                self.node(
                    node[k],
                    (*_parent_key(path), str(k)),
                    field_model(model, str(k)),
                    _commented(node, k),
                    col + 2,
                    col + len(str(k)) + 2,
                )
        elif isinstance(node, CommentedSeq):
            words = all(not isinstance(v, (dict, list)) and v not in self.kept for v in node)
            if not keep_style and not _has_comments(node):
                if words and len(node) > 0 and prefix + flow_width(node) <= LINE_LIMIT:
                    node.fa.set_flow_style()
                else:
                    node.fa.set_block_style()
            for i, v in enumerate(node):
                self.node(v, (*path, "#item"), model, _commented(node, i), col + 2, col + 2)

    def _holds_kept(self, node: Any) -> bool:
        if isinstance(node, dict):
            return any(self._holds_kept(v) for v in node.values())
        if isinstance(node, list):
            return any(self._holds_kept(v) for v in node)
        return isinstance(node, str) and node in self.kept


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
    """A comment on the key's line or inside its value. Slot 1 holds the comment lines
    above the key: they stay put whatever the value's style, and which key ruamel gives
    them depends on the style of the value before, so they must not decide it."""
    entry = parent.ca.items.get(key)
    return bool(entry) and any(x is not None for i, x in enumerate(entry) if i != 1)


def _has_comments(node: Any) -> bool:
    ca = getattr(node, "ca", None)
    if ca is None:
        return False
    if ca.comment or any(v for v in ca.items.values() if v and any(x is not None for x in v)):
        return True
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    return any(_has_comments(c) for c in children)


# --- the proof ---------------------------------------------------------------------------


def _assert_equivalent(before: str, after: str, root: type[BaseModel]) -> None:
    from partnerplan.plan.load import load_text

    a = load_text(before, "before")
    b = load_text(after, "after")
    if a.data != b.data:
        raise FormatError("internal", "the formatted text reads back to different data")
    lost = lost_comments(before, after)
    if lost:
        raise FormatError("internal", f"a comment would be lost: {lost[0]}")
    if _format(after, root) != after:
        raise FormatError("internal", "formatting is not stable")


# --- files -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Formatted:
    """A plan file and its canonical text, and the file as it was read."""

    path: str
    old: str
    new: str
    state: FileState | None

    @property
    def changed(self) -> bool:
        return self.old != self.new

    def write(self) -> None:
        """Replace the file by the canonical text, through a link to its target, unless
        it is write-protected or was saved since it was read (fsutil.WriteError)."""
        from partnerplan.fsutil import atomic_write

        atomic_write(self.path, self.new, expect=self.state)


def format_path(path: str) -> Formatted:
    """Read a plan file (or a partners.yaml) and format it. Raises FormatError."""
    from partnerplan.fsutil import ReadError, file_state, read_limited
    from partnerplan.plan.load import MAX_BYTES, read_diagnostic
    from partnerplan.plan.loader import load_plan
    from partnerplan.plan.model import Registry
    from partnerplan.plan.network import is_registry

    try:
        before = file_state(path)
        raw = read_limited(path, MAX_BYTES)
    except ReadError as exc:
        raise FormatError("syntax", read_diagnostic(exc).message()) from None
    # The limits of every reader hold here too: one loader for all.
    loaded = load_plan(raw, path=path, registry=None).loaded
    if loaded.data is None:
        first = next((d for d in loaded.diagnostics if d.severity == "error"), None)
        raise FormatError("syntax", first.message() if first else "")
    state = None
    if before is not None:
        state = FileState(before.device, before.inode, before.size, before.mtime_ns, raw)
    text = loaded.text
    del loaded  # its data and positions go before formatting starts: one peak, not two
    new = format_text(text, Registry if is_registry(path) else Plan)
    return Formatted(path, text, new, state)


def format_file(path: str) -> tuple[str, str]:
    """(the text as it is, the canonical text). Raises FormatError."""
    result = format_path(path)
    return result.old, result.new
