"""The semantic diff of plan files between two git revisions, a revision and the work
tree, or two files; each side read with its own revision's partners.yaml."""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from typing import Any

from partnerplan.dates.schedule import plan_schedule
from partnerplan.diagnostics import Diagnostic
from partnerplan.git.diff import Change
from partnerplan.plan.check import Checked

WORK_TREE = ""  # the label of the work tree's side (said in the reader's language)


@dataclass(frozen=True, slots=True)
class FileDiff:
    path: str
    changes: list[Change]
    schedule: list[Change]  # event_* changes
    status: str = "changed"  # changed | added | removed
    # A side that is not a valid plan: (its label — a revision, a file, or WORK_TREE — and why).
    problems: list[tuple[str, Diagnostic]] = field(default_factory=list)


def _checked_text(
    raw: bytes | None, label: str, registry: Any = "ids"
) -> tuple[Checked | None, Diagnostic | None]:
    """A plan from bytes (a git blob or a file), or the reason it is not one.

    YAML that is plainly not a plan (compose.yaml, a pre-commit config) is neither."""
    if raw is None:
        return None, None
    from partnerplan.plan.loader import load_plan, not_a_plan

    checked = load_plan(raw, path=label, registry=registry)
    if checked.ok:
        return checked, None
    if not_a_plan(checked.loaded):
        return None, None
    return None, checked.first_error()


def diff_bytes(
    path: str,
    old: bytes | None,
    new: bytes | None,
    labels: tuple[str, str],
    registries: tuple[Any, Any] = ("ids", "ids"),
) -> FileDiff:
    """Two versions of a plan file compared; `registries`: each side's partners.yaml."""
    from partnerplan.git.diff import diff_events, diff_plans, partners_to_schedule

    a, problem_a = _checked_text(old, f"{labels[0]}:{path}" if labels[0] else path, registries[0])
    b, problem_b = _checked_text(new, f"{labels[1]}:{path}" if labels[1] else path, registries[1])
    problems = [(labels[i], p) for i, p in enumerate((problem_a, problem_b)) if p is not None]
    if problems:
        return FileDiff(path, [], [], problems=problems)
    if a is None and b is None:
        return FileDiff(path, [], [])
    if a is None or b is None:
        return FileDiff(path, [], [], status="added" if a is None else "removed")
    assert a.plan is not None and b.plan is not None
    assert a.vocabulary is not None and b.vocabulary is not None
    changes = diff_plans(a.plan, b.plan)
    # Only the partners that changed (all, when the calendar, year, vocabulary or planner
    # did) are scheduled: the others' events are the same on both sides.
    scope = partners_to_schedule(a.plan, b.plan, a.vocabulary, b.vocabulary)
    events = diff_events(plan_schedule(a, scope).events, plan_schedule(b, scope).events)
    return FileDiff(path, changes, events)


def diff_files(file_a: str, file_b: str) -> FileDiff:
    from partnerplan.fsutil import ReadError, read_limited
    from partnerplan.plan.load import MAX_BYTES, read_diagnostic

    sides: list[bytes] = []
    for f in (file_a, file_b):
        try:
            sides.append(read_limited(f, MAX_BYTES))
        except ReadError as exc:  # said like any other reason a side is not a plan
            return FileDiff(file_b, [], [], problems=[(f, read_diagnostic(exc))])
    # Each side's own partners.yaml, found beside it.
    registries = (_registry_beside(file_a), _registry_beside(file_b))
    return diff_bytes(file_b, sides[0], sides[1], (file_a, file_b), registries)


def _registry_beside(path: str) -> Any:
    from partnerplan.plan.network import registry_for

    found = registry_for(path)
    return found.registry if found is not None and found.registry is not None else "ids"


def diff_revisions(rev_a: str | None, rev_b: str | None, paths: list[str]) -> list[FileDiff]:
    """REV_A vs REV_B; one revision: it vs the work tree; none: HEAD vs the work tree."""
    from partnerplan.fsutil import ReadError, read_limited
    from partnerplan.git import gitio
    from partnerplan.plan.load import MAX_BYTES, read_diagnostic
    from partnerplan.plan.network import REGISTRY_NAME, is_registry

    root = gitio.toplevel()
    base = rev_a or "HEAD"
    for rev in (base, rev_b):
        if rev is not None and not gitio.is_revision(rev, root):
            raise gitio.GitError("bad_rev", rev)
    names = (
        [gitio.relative_to_root(p, root) for p in paths] if paths else gitio.changed_plans(root, base, rev_b)
    )
    registries: dict[tuple[str | None, str], Any] = {}

    def version(rev: str | None, name: str) -> bytes | None:
        if rev is not None:
            return gitio.show(rev, name, root, MAX_BYTES)
        try:
            return read_limited(os.path.join(root, name), MAX_BYTES)
        except ReadError as exc:
            if exc.reason == "missing":
                return None
            raise

    def registry(rev: str | None, name: str) -> Any:
        """The partners.yaml of the plan's folder as it was in that revision."""
        reg_name = posixpath.join(posixpath.dirname(name), REGISTRY_NAME)
        if (rev, reg_name) not in registries:
            from partnerplan.plan.network import load_registry

            raw = version(rev, reg_name)
            reg = load_registry(reg_name, raw).registry if raw is not None else None
            registries[(rev, reg_name)] = reg if reg is not None else "ids"
        return registries[(rev, reg_name)]

    out = []
    for name in names:
        if is_registry(name):
            continue  # shared details: their effect shows in the plans that use them
        try:
            old, new = version(base, name), version(rev_b, name)
        except ReadError as exc:  # a work-tree file that cannot be read: said, not raised
            out.append(FileDiff(name, [], [], problems=[(WORK_TREE, read_diagnostic(exc))]))
            continue
        if old == new:
            continue
        result = diff_bytes(
            name, old, new, (base, rev_b or WORK_TREE), (registry(base, name), registry(rev_b, name))
        )
        if result.changes or result.schedule or result.status != "changed" or result.problems:
            out.append(result)
    return out
