"""Changes to a plan's YAML text as splices at the positions libyaml reports.

A web edit touches one record (an activity, a partner, a log entry); everything else in
the file must stay byte for byte: comments, blank lines, quoting. ruamel's round trip
re-attaches a comment that follows a list to the list's last item, so deleting or moving
that item would take the comment along; here the text is changed only where the record
is. A value is replaced inside its own span (a comment after it on the line stays), a
new key is a new line after the record's last line, an item is cut from the line of its
«-» to its last line of content, so the comment lines after it stay where they were.

Shapes this does not rewrite in place (a record written as a `{flow}` mapping) are
rewritten whole from the data; the writer then proves the outcome (same data elsewhere,
every comment kept) before anything reaches the disk.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import yaml

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Path = tuple[str | int, ...]
# The schema's key order for the records the web interface writes (fmt orders the rest).
ORDER = {
    "activity": ("id", "form", "title", "period", "dates", "responsible", "participants", "note", "log"),
    "partner": (
        "id",
        "name",
        "group",
        "level",
        "purpose",
        "directions",
        "contacts",
        "agreement",
        "activities",
        "note",
    ),
    "log": ("planned", "status", "held", "participants", "note", "link"),
    "contacts": ("person", "position", "phone", "email", "address", "website"),
}
_NULLS = {"", "~", "null", "Null", "NULL"}
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


class SpliceError(Exception):
    """The text has a shape these edits do not handle; `code` says which."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


# --- writing values --------------------------------------------------------------------


def scalar(value: Any, flow: bool = False) -> str:
    """A value as one YAML scalar: plain when YAML reads it back as the same text."""
    text = str(value)
    if _plain_ok(text, flow):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _plain_ok(text: str, flow: bool) -> bool:
    if not text or text in _NULLS or text != text.strip() or _CONTROL.search(text):
        return False
    if flow and any(c in text for c in ",[]{}"):
        return False
    probe = f"k: [{text}]\n" if flow else f"k: {text}\n"
    try:
        node = yaml.compose(probe, Loader=_Loader)
    except yaml.YAMLError:
        return False
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        return False
    value = node.value[0][1]
    if flow:
        if not isinstance(value, yaml.SequenceNode) or len(value.value) != 1:
            return False
        value = value.value[0]
    return isinstance(value, yaml.ScalarNode) and not value.style and value.value == text


def inline(value: Any) -> str:
    """A scalar, or a list of scalars as `[a, b]`."""
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v, flow=True) for v in value) + "]"
    return scalar(value)


def ordered(record: dict[str, Any], kind: str | None) -> list[str]:
    order = ORDER.get(kind or "", ())
    return [k for k in order if k in record] + [k for k in record if k not in order]


def mapping_lines(record: dict[str, Any], col: int, kind: str | None, first: str = "") -> str:
    """`record` as block YAML whose keys stand at column `col`; the first line starts
    with `first` instead of spaces when given (the «- » of a list item)."""
    out: list[str] = []
    for i, key in enumerate(ordered(record, kind)):
        value = record[key]
        lead = (first.rjust(col) if first else " " * col) if i == 0 else " " * col
        if isinstance(value, dict):
            out.append(f"{lead}{key}:\n" + mapping_lines(value, col + 2, key))
        elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
            out.append(f"{lead}{key}:\n" + "".join(item_lines(v, col + 2, _child(key)) for v in value))
        else:
            out.append(f"{lead}{key}: {inline(value)}\n")
    return "".join(out)


def _child(key: str) -> str | None:
    return {"activities": "activity", "log": "log", "partners": "partner"}.get(key)


def item_lines(record: dict[str, Any], dash_col: int, kind: str | None) -> str:
    """`record` as one block-list item whose «-» stands at column `dash_col`."""
    return mapping_lines(record, dash_col + 2, kind, first=" " * dash_col + "- ")


# --- reading positions ----------------------------------------------------------------


class Doc:
    """A YAML text, its node tree with positions, and the splices planned on it."""

    def __init__(self, text: str) -> None:
        self.text = text if text.endswith("\n") else text + "\n"
        try:
            root = yaml.compose(self.text, Loader=_Loader)
        except yaml.YAMLError as exc:
            raise SpliceError("syntax", str(exc).splitlines()[0]) from None
        if not isinstance(root, yaml.MappingNode):
            raise SpliceError("shape")
        self.root: yaml.MappingNode = root
        self.splices: list[tuple[int, int, str]] = []
        self.removed: list[tuple[int, int]] = []  # spans whose comments go with a deleted record

    # positions

    def line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def line_after(self, offset: int) -> int:
        """The start of the line after the one holding `offset`."""
        nl = self.text.find("\n", offset)
        return len(self.text) if nl == -1 else nl + 1

    def end(self, node: yaml.Node) -> int:
        """Where the node's content ends (a block collection's own end mark lies after
        the comments that follow it, which are not its content)."""
        if isinstance(node, yaml.ScalarNode):
            stop = node.end_mark.index
            if node.style in ("|", ">"):
                while stop > node.start_mark.index and self.text[stop - 1] in "\n \t":
                    stop -= 1
            return max(stop, node.start_mark.index)
        if getattr(node, "flow_style", False) or not node.value:
            return int(node.end_mark.index)
        if isinstance(node, yaml.MappingNode):
            k, v = node.value[-1]
            return max(self.end(k), self.end(v))
        return self.end(node.value[-1])

    def last_line_end(self, node: yaml.Node) -> int:
        """The start of the line after the node's last line of content."""
        return self.line_after(max(self.end(node) - 1, node.start_mark.index))

    def dash(self, item: yaml.Node) -> int:
        """The offset of the «-» that starts a block-list item."""
        i = item.start_mark.index - 1
        while i >= 0 and self.text[i] in " \t\n\r":
            i -= 1
        if i < 0 or self.text[i] != "-" or self.text[self.line_start(i) : i].strip():
            raise SpliceError("shape", "list item")
        return i

    def column(self, offset: int) -> int:
        return offset - self.line_start(offset)

    # navigation

    def pair(self, mapping: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
        if not isinstance(mapping, yaml.MappingNode):
            raise SpliceError("shape", key)
        for k, v in mapping.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return k, v
        return None

    def node(self, path: Path) -> yaml.Node:
        node: yaml.Node = self.root
        for step in path:
            if isinstance(step, int):
                if not isinstance(node, yaml.SequenceNode) or not 0 <= step < len(node.value):
                    raise SpliceError("shape", str(step))
                node = node.value[step]
            else:
                found = self.pair(node, step)
                if found is None:
                    raise SpliceError("shape", step)
                node = found[1]
        return node

    # --- planned changes -----------------------------------------------------------

    def splice(self, start: int, stop: int, text: str) -> None:
        self.splices.append((start, stop, text))

    def result(self) -> str:
        out = self.text
        last = len(out) + 1
        for start, stop, text in sorted(self.splices, key=lambda s: (s[0], s[1]), reverse=True):
            if stop > last:
                raise SpliceError("internal", "overlapping changes")
            out = out[:start] + text + out[stop:]
            last = start
        return out

    def update(self, mapping: yaml.Node, old: dict[str, Any], new: dict[str, Any], kind: str | None) -> None:
        """Make the record `mapping` (whose data is `old`) hold `new`: keys whose value
        did not change keep their text; None or an absent key removes it."""
        if getattr(mapping, "flow_style", False):
            self.replace_flow(mapping, new)
            return
        for key in [*ordered(new, kind), *(k for k in old if k not in new)]:
            value = new.get(key)
            if value == old.get(key) and (value is not None or key not in old):
                continue
            found = self.pair(mapping, key)
            if value is None or value == [] or value == {}:
                if found is not None:
                    self.remove_pair(mapping, *found)
            elif found is None:
                self.add_pair(mapping, key, value, kind)
            elif isinstance(value, dict) and isinstance(found[1], yaml.MappingNode):
                before = old.get(key)
                self.update(found[1], before if isinstance(before, dict) else {}, value, key)
            else:
                self.set_value(found[0], found[1], key, value)

    def set_value(self, k: yaml.Node, v: yaml.Node, key: str, value: Any) -> None:
        if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(x, dict) for x in value)):
            col = self.column(k.start_mark.index)
            block = mapping_lines({key: value}, col, None).split("\n", 1)[1].rstrip("\n")
            self.splice(k.end_mark.index, self.end(v), ":\n" + block)
        else:
            self.splice(v.start_mark.index, self.end(v), inline(value))

    def add_pair(self, mapping: yaml.Node, key: str, value: Any, kind: str | None) -> None:
        col = mapping.start_mark.column
        at = self.last_line_end(mapping)
        self.splice(at, at, mapping_lines({key: value}, col, kind))

    def remove_pair(self, mapping: yaml.Node, k: yaml.Node, v: yaml.Node) -> None:
        start = k.start_mark.index
        line = self.line_start(start)
        if self.text[line:start].strip():  # «- key: …»: the next key moves up beside the dash
            index = next(i for i, (kk, _) in enumerate(mapping.value) if kk is k)
            if index + 1 >= len(mapping.value):
                raise SpliceError("shape", "last key of an item")
            self.splice(start, mapping.value[index + 1][0].start_mark.index, "")
            return
        stop = (
            self.last_line_end(v) if not isinstance(v, yaml.ScalarNode) or v.value else self.line_after(start)
        )
        # A comment on the removed lines is kept, on a line of its own.
        kept = "".join(f"{' ' * self.column(start)}{c}\n" for c in _comments(self.text[line:stop]))
        self.splice(line, stop, kept)

    def replace_flow(self, node: yaml.Node, data: Any) -> None:
        self.splice(node.start_mark.index, node.end_mark.index, _flow(data))

    # lists of records

    def append(
        self, mapping: yaml.Node, key: str, items: list[Callable[[int], str]], old_items: list[Any], kind: str
    ) -> None:
        """Add list items (each a function of the «-» column giving its lines) under `key`."""
        found = self.pair(mapping, key)
        if (
            found is not None
            and isinstance(found[1], yaml.SequenceNode)
            and found[1].value
            and not (found[1].flow_style)
        ):
            seq = found[1]
            dash_col = self.column(self.dash(seq.value[0]))
            at = self.last_line_end(seq)
            self.splice(at, at, "".join(_at(item, dash_col) for item in items))
            return
        key_col = mapping.start_mark.column
        dash_col = key_col + 2
        olds = "".join(
            item_lines(x, dash_col, kind) if isinstance(x, dict) else f"{' ' * dash_col}- {inline(x)}\n"
            for x in old_items
        )
        body = olds + "".join(_at(item, dash_col) for item in items)
        if found is None:
            at = self.last_line_end(mapping)
            self.splice(at, at, f"{' ' * key_col}{key}:\n{body}")
        else:  # `key: []`, `key: [{…}]` or an empty `key:`
            k, v = found
            stop = self.end(v) if v.end_mark.index > v.start_mark.index else k.end_mark.index + 1
            self.splice(k.end_mark.index, stop, ":\n" + body.rstrip("\n"))

    def item_span(self, seq: yaml.Node, index: int) -> tuple[int, int]:
        item = seq.value[index]
        return self.line_start(self.dash(item)), self.last_line_end(item)

    def cut(self, mapping: yaml.Node, key: str, index: int) -> str:
        """Remove item `index` of the list under `key` (the key too when it was the only
        one); returns the item's lines, comments inside it included."""
        found = self.pair(mapping, key)
        if found is None or not isinstance(found[1], yaml.SequenceNode):
            raise SpliceError("shape", key)
        k, seq = found
        if getattr(seq, "flow_style", False):
            raise SpliceError("flow", key)
        start, stop = self.item_span(seq, index)
        lines = self.text[start:stop]
        if len(seq.value) == 1:
            self.remove_key_whole(mapping, k, seq)
        else:
            self.splice(start, stop, "")
        self.removed.append((start, stop))
        return lines

    def remove_key_whole(self, mapping: yaml.Node, k: yaml.Node, v: yaml.Node) -> None:
        start = self.line_start(k.start_mark.index)
        if self.text[start : k.start_mark.index].strip():
            self.remove_pair(mapping, k, v)
            return
        stop = self.last_line_end(v)
        head = self.text[start : self.line_after(k.start_mark.index)]
        kept = "".join(f"{' ' * self.column(k.start_mark.index)}{c}\n" for c in _comments(head))
        self.splice(start, stop, kept)


def _at(item: Callable[[int], str], dash_col: int) -> str:
    return item(dash_col)


def reindent(lines: str, dash_col: int) -> str:
    """An item's lines (its «-» first) moved so that the «-» stands at `dash_col`."""
    first = lines.split("\n", 1)[0]
    delta = dash_col - (len(first) - len(first.lstrip(" ")))
    out = []
    for line in lines.splitlines(keepends=True):
        if not line.strip():
            out.append(line)
        elif delta >= 0:
            out.append(" " * delta + line)
        else:
            blank = len(line) - len(line.lstrip(" "))
            out.append(line[min(blank, -delta) :])
    return "".join(out)


def _flow(data: Any) -> str:
    if isinstance(data, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in data.items() if v is not None) + "}"
    if isinstance(data, list):
        return "[" + ", ".join(_flow(v) for v in data) + "]"
    return scalar(data, flow=True)


def _comments(text: str) -> list[str]:
    from partnerplan.plan.comments import comment_positions

    try:
        return [c for _, c in comment_positions(text)]
    except Exception:  # a fragment libyaml cannot scan alone: take «#» after a blank
        return [m.group(1) for m in re.finditer(r"(?:^|\s)(#.*)$", text, re.M)]
