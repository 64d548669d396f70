"""Where each value and each mapping key of a plan sits in its file, kept small.

A 40,000-activity plan has about half a million positions. As one table of
{path tuple: (line, column)} they cost ~95 MB, more than the plan's data. Here every
list and mapping of the loaded data has its own small table {key or index: position},
found by the container's identity, each position one packed integer; a path is resolved
by walking the data from the root, which only a diagnostic ever asks for.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Path = tuple[str | int, ...]
_SHIFT = 32
_COLUMN = (1 << _SHIFT) - 1


def pack(line: int, column: int) -> int:
    return line << _SHIFT | column


def unpack(at: int) -> tuple[int, int]:
    return at >> _SHIFT, at & _COLUMN


class SourceMap:
    """Positions (1-based line and column) of a loaded plan's values and mapping keys."""

    __slots__ = ("_keys", "_values", "root", "root_at")

    def __init__(self) -> None:
        self.root: Any = None
        self.root_at = 0  # packed; 0 while nothing was read
        # id(container) → (the container, its table): holding the container keeps the id
        # its own, and the `is` check below refuses a stranger that reuses a freed id.
        self._values: dict[int, tuple[Any, dict[Any, int]]] = {}
        self._keys: dict[int, tuple[Any, dict[Any, int]]] = {}

    def start(self, root: Any, line: int, column: int) -> None:
        self.root, self.root_at = root, pack(line, column)

    def tables(self, container: Any) -> tuple[dict[Any, int], dict[Any, int]]:
        """The (value, key) position tables a new container fills while it is read."""
        values: dict[Any, int] = {}
        keys: dict[Any, int] = {}
        self._values[id(container)] = (container, values)
        if isinstance(container, dict):
            self._keys[id(container)] = (container, keys)
        return values, keys

    def _table(self, index: dict[int, tuple[Any, Any]], node: Any) -> Any:
        entry = index.get(id(node))
        return entry[1] if entry is not None and entry[0] is node else None

    def find(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column of `path`, or of its nearest ancestor we know. With `key`, a
        mapping key's own position is preferred to its value's."""
        found = self.root_at
        node = self.root
        tables, key_tables = self._values, self._keys
        for step in path:  # inlined: every scheduled event asks for its line
            entry = tables.get(id(node))
            if entry is None or entry[0] is not node:
                break
            at = None
            if key:
                keys = key_tables.get(id(node))
                if keys is not None:
                    at = keys[1].get(step)
            if at is None:
                at = entry[1].get(step)
                if at is None:
                    break
            found = at
            if type(node) is dict:
                node = node.get(step)
            elif type(step) is int and 0 <= step < len(node):
                node = node[step]
            else:
                node = None
        return (found >> _SHIFT, found & _COLUMN) if found else (1, 1)

    def items(self) -> Iterator[tuple[Path, tuple[int, int], bool]]:
        """Every known position as (path, (line, column), is a key), depth first."""
        if not self.root_at:
            return
        yield (), unpack(self.root_at), False
        stack: list[tuple[Path, Any]] = [((), self.root)]
        seen: set[int] = set()
        while stack:
            path, node = stack.pop()
            values = self._table(self._values, node)
            if values is None or id(node) in seen:  # an alias repeats a subtree: walk it once
                continue
            seen.add(id(node))
            keys = self._table(self._keys, node) or {}
            for step, at in keys.items():
                yield (*path, step), unpack(at), True
            for step, at in values.items():
                yield (*path, step), unpack(at), False
                stack.append(((*path, step), _child(node, step)))


def _child(node: Any, step: Any) -> Any:
    if isinstance(node, dict):
        return node.get(step)
    if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
        return node[step]
    return None
