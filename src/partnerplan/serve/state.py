"""The served folder in memory: every plan read through the one loader, scheduled, and
indexed for the pages, reloaded file by file when something changes on disk.

`Folder` owns the set of files the server may touch: a request names a plan by its
key (its path relative to the folder, as listed here), never by a path of its own, and
a file whose real path leaves the folder (a link to elsewhere) is neither read nor
written. `version` grows on every change, which is what open pages poll for.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from partnerplan.dates.schedule import Event, plan_schedule
from partnerplan.diagnostics import Diagnostic
from partnerplan.plan.check import Checked
from partnerplan.plan.loader import load_plan
from partnerplan.plan.network import REGISTRY_NAME, cross_check, is_registry, load_registry
from partnerplan.validation import find_plan_files

Month = tuple[int, int]


@dataclass(slots=True)
class PlanEntry:
    """One plan file as the pages show it."""

    key: str  # the path relative to the folder, with «/»: how requests name it
    path: str  # the absolute path
    checked: Checked
    digest: str  # of the bytes read: forms remember it
    diagnostics: list[Diagnostic]  # the loader's and the scheduler's, sorted
    events: tuple[Event, ...] = ()
    by_month: dict[Month, list[Event]] = field(default_factory=dict)
    undated: list[Event] = field(default_factory=list)
    marks: dict[tuple[str, int, date], Any] = field(default_factory=dict)  # → model.LogEntry
    partners: int = 0
    activities: int = 0
    pindex: dict[str, int] = field(default_factory=dict)  # partner id → its first index

    @property
    def ok(self) -> bool:
        return self.checked.ok

    @property
    def name(self) -> str:
        plan = self.checked.plan
        return plan.planner.name if plan is not None else self.key

    @property
    def year(self) -> str:
        plan = self.checked.plan
        return plan.year if plan is not None else ""

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "warning")

    @property
    def dated(self) -> int:
        return sum(len(v) for v in self.by_month.values())

    def mark_url(self, e: Event) -> str:
        """The form that marks this event done, moved or cancelled."""
        from urllib.parse import quote

        p = self.pindex.get(e.partner, -1)
        return f"/mark?f={quote(self.key)}&p={p}&a={e.activity}&d={e.date.isoformat() if e.date else ''}"

    def status(self, e: Event) -> str | None:
        """done / moved / cancelled from the plan's log, None when the event is not marked."""
        if e.date is None:
            return None
        entry = self.marks.get((e.partner, e.activity, e.date))
        return entry.status if entry is not None else None


def read_entry(key: str, path: str) -> PlanEntry:
    """Load, check and schedule one plan file."""
    from partnerplan.fsutil import ReadError, read_limited
    from partnerplan.plan.load import MAX_BYTES

    try:
        raw = read_limited(path, MAX_BYTES)
    except ReadError:
        raw = b""
    checked = load_plan(raw, path=path) if raw else load_plan(path)
    entry = PlanEntry(key, path, checked, hashlib.sha256(raw).hexdigest(), list(checked.diagnostics))
    plan = checked.plan
    if plan is not None:
        entry.partners = len(plan.partners)
        entry.activities = sum(len(p.activities) for p in plan.partners)
    if checked.ok and plan is not None:
        sched = plan_schedule(checked)
        entry.diagnostics = sorted([*entry.diagnostics, *sched.diagnostics], key=Diagnostic.sort_key)
        entry.events = sched.events
        months: dict[Month, list[Event]] = defaultdict(list)
        for e in sched.events:
            if e.date is None:
                entry.undated.append(e)
            else:
                months[(e.date.year, e.date.month)].append(e)
        entry.by_month = dict(months)
        for i, p in enumerate(plan.partners):
            entry.pindex.setdefault(p.id, i)
            for ai, a in enumerate(p.activities):
                for log in a.log:
                    if log.planned is not None:
                        entry.marks[(p.id, ai, log.planned)] = log
    return entry


@dataclass(frozen=True, slots=True)
class PartnerSummary:
    pid: str
    name: str
    places: tuple[tuple[str, int], ...]  # (plan key, partner index) in each plan that has it
    events: int

    @property
    def orgs(self) -> int:
        return len({k for k, _ in self.places})


class Folder:
    """The plans of one folder (or one plan file), kept current."""

    def __init__(self, target: str) -> None:
        target = os.path.abspath(target)
        self.single = target if os.path.isfile(target) else None
        self.root = os.path.dirname(target) if self.single else target
        self.real_root = os.path.realpath(self.root)
        self.entries: dict[str, PlanEntry] = {}
        self.skipped: list[tuple[str, str]] = []  # (key, why): files not served
        self.registry_diagnostics: list[tuple[str, list[str], list[Diagnostic]]] = []
        self.version = 0
        self._lock = threading.RLock()
        self._write_locks: dict[str, threading.Lock] = defaultdict(threading.Lock)
        self._cache: dict[str, tuple[int, Any]] = {}

    # --- which files --------------------------------------------------------------------

    def key_of(self, path: str) -> str:
        return os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/")

    def inside(self, path: str) -> bool:
        """The file's real path (links followed) is within the served folder."""
        real = os.path.realpath(path)
        return real == self.real_root or real.startswith(self.real_root.rstrip(os.sep) + os.sep)

    def candidate_files(self) -> list[str]:
        return [self.single] if self.single else find_plan_files([self.root])

    def wants(self, path: str) -> bool:
        """A change of this file matters to the served plans."""
        path = os.path.abspath(path)
        if self.single is not None:
            return path == self.single or path == os.path.join(self.root, REGISTRY_NAME)
        return path.endswith((".yaml", ".yml")) and not os.path.basename(path).startswith(".")

    def load_all(self, progress: Any = None) -> None:
        files = self.candidate_files()
        entries: dict[str, PlanEntry] = {}
        skipped: list[tuple[str, str]] = []
        plans = [f for f in files if not is_registry(f)]
        for i, f in enumerate(plans):
            key = self.key_of(f)
            if not self.inside(f):
                skipped.append((key, "outside"))
            else:
                entries[key] = read_entry(key, f)
            if progress is not None:
                progress(i + 1, len(plans))
        with self._lock:
            self.entries = dict(sorted(entries.items()))
            self.skipped = skipped
            self.registry_diagnostics = self._registries()
            self.version += 1

    def _registries(self) -> list[tuple[str, list[str], list[Diagnostic]]]:
        folders = {os.path.dirname(e.path) for e in self.entries.values()}
        out = []
        for folder in sorted(folders):
            path = os.path.join(folder, REGISTRY_NAME)
            if os.path.isfile(path) and self.inside(path):
                reg = load_registry(path)
                if reg.diagnostics:
                    out.append((self.key_of(path), reg.loaded.lines, reg.diagnostics))
        return out

    def reload(self, paths: set[str]) -> bool:
        """Re-read the plans among `paths` (a partners.yaml: every plan beside it). True
        when anything the pages show changed."""
        wanted = {os.path.abspath(p) for p in paths if self.wants(p)}
        if not wanted:
            return False
        registries = {os.path.dirname(p) for p in wanted if is_registry(p)}
        if registries or any(not os.path.exists(p) or self.key_of(p) not in self.entries for p in wanted):
            self.load_all()  # a file came or went, or shared details changed: read the listing again
            return True
        changed = False
        for p in sorted(wanted):
            key = self.key_of(p)
            old = self.entries.get(key)
            fresh = read_entry(key, p)
            if old is not None and old.digest == fresh.digest:
                continue
            with self._lock:
                self.entries[key] = fresh
                changed = True
        if changed:
            with self._lock:
                self.version += 1
        return changed

    def write_lock(self, key: str) -> threading.Lock:
        with self._lock:
            return self._write_locks[key]

    # --- what the pages ask for ------------------------------------------------------

    def entry(self, key: str | None) -> PlanEntry | None:
        """The plan a request names, or None: only keys listed here, never a path."""
        if not key:
            return None
        return self.entries.get(key)

    def cached(self, name: str, build: Any) -> Any:
        """`build()` once per version of the folder."""
        with self._lock:
            hit = self._cache.get(name)
            version = self.version
        if hit is not None and hit[0] == version:
            return hit[1]
        value = build()
        with self._lock:
            self._cache[name] = (version, value)
        return value

    def partners(self) -> dict[str, PartnerSummary]:
        return self.cached("partners", self._partners)  # type: ignore[no-any-return]

    def _partners(self) -> dict[str, PartnerSummary]:
        places: dict[str, list[tuple[str, int]]] = defaultdict(list)
        names: dict[str, str] = {}
        events: dict[str, int] = defaultdict(int)
        for key, e in self.entries.items():
            plan = e.checked.plan
            if plan is None:
                continue
            for i, p in enumerate(plan.partners):
                places[p.id].append((key, i))
                names.setdefault(p.id, p.name)
            for ev in e.events:
                if ev.date is not None:
                    events[ev.partner] += 1
        return {
            pid: PartnerSummary(pid, names[pid], tuple(where), events[pid]) for pid, where in places.items()
        }

    def all_diagnostics(self) -> list[tuple[str, list[str], Diagnostic]]:
        return self.cached("diagnostics", self._all_diagnostics)  # type: ignore[no-any-return]

    def _all_diagnostics(self) -> list[tuple[str, list[str], Diagnostic]]:
        out: list[tuple[str, list[str], Diagnostic]] = []
        for key, lines, diags in self.registry_diagnostics:
            out.extend((key, lines, d) for d in diags)
        index = []
        for key, e in self.entries.items():
            out.extend((key, e.checked.loaded.lines, d) for d in e.diagnostics)
            plan = e.checked.plan
            if plan is not None:
                smap = e.checked.loaded.source_map
                index.append(
                    (
                        e.path,
                        [
                            (p.id, p.name, *smap.find(("partners", i, "id")))
                            for i, p in enumerate(plan.partners)
                        ],
                    )
                )
        by_path = {e.path: e for e in self.entries.values()}
        for d in cross_check(index):
            e = by_path[d.path]
            out.append((e.key, e.checked.loaded.lines, d))
        out.sort(key=lambda x: (x[2].severity != "error", x[0], x[2].line, x[2].column))
        return out

    def totals(self) -> dict[str, int]:
        return {
            "orgs": len(self.entries),
            "partners": len(self.partners()),
            "activities": sum(e.activities for e in self.entries.values()),
            "events": sum(e.dated for e in self.entries.values()),
        }

    def months(self) -> list[Month]:
        """Every month of the plans' years, in order."""

        def build() -> list[Month]:
            spans = [
                (e.checked.plan.start, e.checked.plan.end) for e in self.entries.values() if e.checked.plan
            ]
            if not spans:
                return []
            first, last = min(s for s, _ in spans), max(t for _, t in spans)
            out, y, m = [], first.year, first.month
            while (y, m) <= (last.year, last.month):
                out.append((y, m))
                y, m = (y + 1, 1) if m == 12 else (y, m + 1)
            return out

        return self.cached("months", build)  # type: ignore[no-any-return]
