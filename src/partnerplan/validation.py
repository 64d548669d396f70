"""The library's entry points: what each CLI command calls. No printing, no exits."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, overload

from partnerplan.diagnostics import Diagnostic

if TYPE_CHECKING:  # the models cost ~50 ms to build: a cached `validate` never needs them
    from partnerplan.plan.check import Checked

PLAN_SUFFIXES = (".yaml", ".yml")


def find_plan_files(paths: Iterable[str]) -> list[str]:
    """Files as given; folders searched for *.yaml / *.yml, hidden folders skipped."""
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            found = sorted(_walk(p))
            out.extend(found)
        else:
            out.append(p)
    return out


def _walk(root: str) -> Iterator[str]:
    unreadable: list[str] = []
    # A folder that cannot be listed is named, so validate says why instead of «no plans».
    walk = os.walk(root, onerror=lambda exc: unreadable.append(exc.filename or root))
    for dirpath, dirnames, filenames in walk:
        yield from unreadable
        unreadable.clear()
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.endswith(PLAN_SUFFIXES) and not name.startswith("."):
                yield os.path.join(dirpath, name)
    yield from unreadable


class ShownLines(Sequence[str]):
    """A file's lines as its diagnostics' carets see them (`str.splitlines`): the lines
    they point at are kept, the others read as empty. A folder of big plans is validated
    before anything is printed; keeping every line of every file would grow with the
    folder, and splitting a 40,000-activity plan into lines alone costs 30 MB."""

    def __init__(self, text: str, diags: Iterable[Diagnostic]) -> None:
        wanted = {d.line for d in diags if d.line > 0}
        if _ODD_BREAKS.search(text) is None:  # only \n and \r\n: walk to the wanted lines
            self._count = text.count("\n") + (0 if not text or text.endswith("\n") else 1)
            self._kept = {}
            start, number = 0, 1
            for line in sorted(n for n in wanted if n <= self._count):
                while number < line:
                    start = text.index("\n", start) + 1
                    number += 1
                end = text.find("\n", start)
                self._kept[line] = text[start : len(text) if end < 0 else end].removesuffix("\r")
            return
        lines = text.splitlines()
        self._count = len(lines)
        self._kept = {n: lines[n - 1] for n in wanted if n <= len(lines)}

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if not -self._count <= index < self._count:
            raise IndexError(index)
        return self._kept.get(index % self._count + 1, "")


# What str.splitlines breaks at besides \n (and the \r of \r\n).
_ODD_BREAKS = re.compile("\r(?!\n)|[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


@dataclass(slots=True)
class FileResult:
    path: str
    lines: Sequence[str]  # the source, for carets under problems (only their lines: see ShownLines)
    diagnostics: list[Diagnostic]
    partners: int
    activities: int
    # (id, name, line, column) of each partner: for the checks across a network's plans
    index: list[tuple[str, str, int, int]] = field(default_factory=list)


@dataclass(slots=True)
class Summary:
    files: int = 0
    partners: int = 0
    activities: int = 0
    errors: int = 0
    warnings: int = 0
    results: list[FileResult] = field(default_factory=list)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for r in self.results for d in r.diagnostics]


def check_file(
    file: str, *, strict: bool = False, registry: Any = None, raw: bytes | None = None
) -> FileResult:
    """Everything `validate` says about one plan: shape, references, periods and days.
    `raw`: the file's bytes when the caller has read them already."""
    from partnerplan.plan.loader import load_plan

    result = load_plan(file if raw is None else raw, path=file, registry=registry)
    diags = list(result.diagnostics)
    plan = result.plan
    if plan is not None:
        from partnerplan.dates.schedule import plan_schedule

        # Periods and days: unreadable periods are errors, days off and clashes warnings.
        found = plan_schedule(result, events_too=False).diagnostics
        diags = sorted([*diags, *found], key=Diagnostic.sort_key)
    elif result.partial is not None and result.partial_vocabulary is not None:
        # The file is invalid, but its readable part may hide more problems: say them now.
        from partnerplan.dates.calendar import build_calendar
        from partnerplan.dates.schedule import build_schedule

        sched = build_schedule(
            result.partial,
            result.partial_vocabulary,
            build_calendar(result.partial),
            file,
            result.loaded.source_map,
        )
        diags = sorted(
            [*diags, *(d for d in sched.diagnostics if d.severity == "error")], key=Diagnostic.sort_key
        )
    index = []
    if plan is not None:
        smap = result.loaded.source_map
        for i, p in enumerate(plan.partners):
            line, col = (
                smap.find(("partners", i, "name"))
                if "name" in _raw_partner(result, i)
                else smap.find(("partners", i, "id"))
            )
            index.append((p.id, p.name, line, col))
    partners = len(plan.partners) if plan else 0
    activities = sum(len(p.activities) for p in plan.partners) if plan else 0
    shown = ShownLines(result.loaded.text, diags)
    return FileResult(file, shown, _strict(diags, strict), partners, activities, index)


def _raw_partner(result: Checked, i: int) -> dict[str, Any]:
    data = result.loaded.data
    try:
        partner = data["partners"][i]
        return partner if isinstance(partner, dict) else {}
    except (KeyError, IndexError, TypeError):
        return {}


def _strict(diags: list[Diagnostic], strict: bool) -> list[Diagnostic]:
    if not strict:
        return diags
    return [Diagnostic(d.code, "error", d.path, d.line, d.column, d.args) for d in diags]


def validate(paths: Iterable[str], *, strict: bool = False, use_cache: bool = True) -> Summary:
    """Load and check every plan file below `paths`; `strict` turns warnings into errors.

    A folder's partners.yaml is checked as the network's registry and used by its plans;
    partners that several plans of one folder share by id must agree on their names."""
    from partnerplan import cache
    from partnerplan.plan.network import cross_check, is_registry, load_registry, registry_path

    store = cache.ValidateCache() if use_cache and cache.enabled() else None
    summary = Summary()
    registries: dict[str, tuple[Any, bytes]] = {}  # each folder's partners.yaml, read once

    def registry_of(path: str) -> tuple[Any, bytes]:
        key = os.path.abspath(path)
        if key not in registries:
            raw = _read(path)
            registries[key] = (load_registry(path, raw), raw or b"")
        return registries[key]

    for file in find_plan_files(paths):
        if os.path.isdir(file):  # a folder the walk could not list
            diag = Diagnostic("PP006", "error", file, 0, 0, {"reason": "folder", "detail": ""})
            summary.results.append(FileResult(file, [], [diag], 0, 0))
            continue
        if is_registry(file):
            reg = registry_of(file)[0]
            shown = ShownLines(reg.loaded.text, reg.diagnostics)
            summary.results.append(FileResult(file, shown, _strict(reg.diagnostics, strict), 0, 0))
            continue
        reg_path = registry_path(file)
        registry, reg_raw = (None, b"")
        if reg_path:
            reg, reg_raw = registry_of(reg_path)
            registry = reg.registry
        raw = _read(file)  # read once: the cache key and the check share it
        key = store.key(file, strict, raw, reg_raw) if store is not None and raw is not None else None
        result = _cached(store, key, file, raw) if key and raw is not None else None
        if result is None:
            result = check_file(file, strict=strict, registry=registry, raw=raw)
            if key:
                _remember(store, key, result)
        summary.results.append(result)
    across = cross_check([(r.path, r.index) for r in summary.results if r.index])
    for d in _strict(across, strict):
        target = next(r for r in summary.results if r.path == d.path)
        target.diagnostics.append(d)
        target.diagnostics.sort(key=Diagnostic.sort_key)
    for result in summary.results:
        summary.files += 1
        summary.partners += result.partners
        summary.activities += result.activities
        for d in result.diagnostics:
            if d.severity == "error":
                summary.errors += 1
            else:
                summary.warnings += 1
    return summary


def _read(file: str) -> bytes | None:
    """The file's bytes, or None when it cannot be read (the loader then says why)."""
    from partnerplan.fsutil import ReadError, read_limited
    from partnerplan.plan.load import MAX_BYTES

    try:
        return read_limited(file, MAX_BYTES)
    except ReadError:
        return None


def _cached(store: Any, key: str, file: str, raw: bytes) -> FileResult | None:
    """A remembered answer, if the record is one we could have written: anything else in
    the cache folder (another version's, a damaged or planted file) is a miss."""
    from partnerplan.messages.ru import RU
    from partnerplan.plan.load import decode

    record = store.get(key)
    try:
        diags = []
        for d in record["d"]:
            code, severity, line, column, args = d["code"], d["severity"], d["line"], d["column"], d["args"]
            if code not in RU or severity not in ("error", "warning") or not isinstance(args, dict):
                return None
            if not (isinstance(line, int) and isinstance(column, int)):
                return None
            diags.append(Diagnostic(code, severity, file, line, column, args))
            diags[-1].message(), diags[-1].hint()  # its words can be made
        text, _ = decode(raw, file)
        index = [(str(a), str(b), int(c), int(e)) for a, b, c, e in record["index"]]
        partners, activities = int(record["partners"]), int(record["activities"])
    except Exception:  # whatever shape the record has, it is only a miss
        return None
    return FileResult(file, ShownLines(text, diags), diags, partners, activities, index)


def _remember(store: Any, key: str, result: FileResult) -> None:
    record = {
        "d": [
            {"code": d.code, "severity": d.severity, "line": d.line, "column": d.column, "args": d.args}
            for d in result.diagnostics
        ],
        "partners": result.partners,
        "activities": result.activities,
        "index": result.index,
    }
    store.put(key, record)
