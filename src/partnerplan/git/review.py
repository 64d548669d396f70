"""Plans under git: canonical formatting, the semantic diff, textconv, next year's plan."""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from typing import Any

from partnerplan.plan.check import Checked
from partnerplan.validate import plan_schedule


def format_file(path: str) -> tuple[str, str]:
    """(the text as it is, the canonical text). Raises fmt.FormatError."""
    from partnerplan.plan.format import FormatError, format_text
    from partnerplan.plan.loader import load_plan
    from partnerplan.plan.model import Plan, Registry
    from partnerplan.plan.network import is_registry

    loaded = load_plan(path, registry=None).loaded  # the limits of every reader hold here too
    if loaded.data is None:
        first = next((d for d in loaded.diagnostics if d.severity == "error"), None)
        raise FormatError("syntax", first.message() if first else "")
    return loaded.text, format_text(loaded.text, Registry if is_registry(path) else Plan)


@dataclass(frozen=True, slots=True)
class FileDiff:
    path: str
    changes: list[Any]  # diff.Change
    schedule: list[Any]  # diff.Change (event_*)
    status: str = "changed"  # changed | added | removed
    problems: list[str] = field(default_factory=list)  # a side that is not a valid plan


def _checked_text(raw: bytes | None, label: str, registry: Any = "ids") -> tuple[Checked | None, str | None]:
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
    first = checked.first_error()
    return None, f"{first.line}:{first.column}: {first.message()}" if first else ""


def diff_bytes(
    path: str,
    old: bytes | None,
    new: bytes | None,
    labels: tuple[str, str],
    registries: tuple[Any, Any] = ("ids", "ids"),
) -> FileDiff:
    """Two versions of a plan file compared; `registries`: each side's partners.yaml."""
    from partnerplan.git.diff import diff_events, diff_plans

    a, problem_a = _checked_text(old, f"{labels[0]}:{path}", registries[0])
    b, problem_b = _checked_text(new, f"{labels[1]}:{path}", registries[1])
    problems = [f"{labels[i]}: {p}" for i, p in enumerate((problem_a, problem_b)) if p]
    if problems:
        return FileDiff(path, [], [], problems=problems)
    if a is None and b is None:
        return FileDiff(path, [], [])
    if a is None or b is None:
        return FileDiff(path, [], [], status="added" if a is None else "removed")
    assert a.plan is not None and b.plan is not None
    changes = diff_plans(a.plan, b.plan)
    events = diff_events(plan_schedule(a).events, plan_schedule(b).events)
    return FileDiff(path, changes, events)


def diff_files(file_a: str, file_b: str) -> FileDiff:
    from partnerplan.fsutil import read_limited
    from partnerplan.plan.load import MAX_BYTES

    # Each side's own partners.yaml, found beside it.
    return diff_bytes(
        file_b, read_limited(file_a, MAX_BYTES), read_limited(file_b, MAX_BYTES), (file_a, file_b),
        (_registry_beside(file_a), _registry_beside(file_b)),
    )  # fmt: skip


def _registry_beside(path: str) -> Any:
    from partnerplan.plan.network import registry_for

    found = registry_for(path)
    return found.registry if found is not None and found.registry is not None else "ids"


def diff_revisions(rev_a: str | None, rev_b: str | None, paths: list[str]) -> list[FileDiff]:
    """REV_A vs REV_B; one revision: it vs the work tree; none: HEAD vs the work tree."""
    from partnerplan.fsutil import ReadError, read_limited
    from partnerplan.git import gitio
    from partnerplan.plan.load import MAX_BYTES
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
        old, new = version(base, name), version(rev_b, name)
        if old == new:
            continue
        result = diff_bytes(
            name, old, new, (base, rev_b or "рабочая копия"), (registry(base, name), registry(rev_b, name))
        )
        if result.changes or result.schedule or result.status != "changed" or result.problems:
            out.append(result)
    return out


def textconv(path: str) -> str:
    """A plan as lines a reader follows in `git diff`: one fact a line, dates included.

    A file that is not a valid plan comes out as it is, so git still shows a diff."""
    from partnerplan.plan.loader import load_plan

    checked = load_plan(path, registry="ids")
    if not checked.ok:
        # Not a plan: as it is, so git still shows a diff; unreadable: say why in one line.
        first = checked.first_error()
        if checked.loaded.text or first is None:
            return checked.loaded.text
        return f"# partnerplan: {first.message()}\n"
    plan, voc = checked.plan, checked.vocabulary
    assert plan is not None and voc is not None
    events = plan_schedule(checked).events
    dates: dict[tuple[str, int], list[str]] = {}
    for e in events:
        if e.date:
            dates.setdefault((e.partner, e.activity), []).append(e.date.strftime("%d.%m.%Y"))
    lines = [f"План: {plan.planner.name}", f"Год: {plan.year}"]
    if plan.title:
        lines.append(f"Заголовок: {plan.title}")
    for p in plan.partners:
        group = voc.groups.get(p.group, p.group) if p.group else "без группы"
        lines += ["", f"Партнёр {p.id}: {p.name} [{group}]"]
        if p.purpose:
            lines.append(f"  характеристика: {p.purpose}")
        if p.directions:
            lines.append(f"  направления: {', '.join(voc.directions.get(d, d) for d in p.directions)}")
        for i, a in enumerate(p.activities):
            lines.append(f"  - {a.title or voc.form_name(a.form)} ({voc.form_name(a.form)})")
            lines.append(f"    срок: {(a.period or '').strip() or '—'}")
            if a.responsible:
                lines.append(f"    ответственный: {a.responsible}")
            for d in dates.get((p.id, i), []):
                lines.append(f"    дата: {d}")
    return "\n".join(lines) + "\n"


def rollover(path: str, to_year: str) -> tuple[str, list[str], str]:
    """Next year's plan text from this one, and notes for the teacher (Russian).

    Same partners and activities; `year` and the year in the title changed; pinned dates
    moved a year (29 February → 28 February) and flagged when they land on a day off;
    the old year's calendar dates dropped (the new year's defaults apply until set);
    comments and everything else kept."""
    import io as _io
    from datetime import date as _date

    from partnerplan.dates.calendar import build_calendar
    from partnerplan.plan.format import round_trip_yaml
    from partnerplan.plan.load import decode
    from partnerplan.plan.model import Plan

    with open(path, "rb") as fh:
        text, _ = decode(fh.read(), path)
    y = round_trip_yaml()
    data = y.load(text)
    new_year = Plan.model_validate({"version": 1, "planner": {"name": "-"}, "year": to_year})
    old_year = str(data.get("year"))
    notes: list[str] = []
    shift = int(new_year.year[:4]) - int(old_year[:4])
    data["year"] = new_year.year
    if isinstance(data.get("title"), str) and old_year in data["title"]:
        data["title"] = data["title"].replace(old_year, new_year.year)
    cal = data.get("calendar")
    if isinstance(cal, dict):
        for key in ("breaks", "days_off", "working_days"):
            if key in cal:
                del cal[key]
                notes.append(f"calendar.{key}: даты прошлого года убраны — укажите даты нового года")
        if isinstance(cal.get("terms"), list):
            del cal["terms"]
            notes.append("calendar.terms: четверти прошлого года убраны — по умолчанию четверти нового года")
    calendar = build_calendar(new_year)
    for p in data.get("partners") or []:
        for a in p.get("activities") or []:
            pinned = a.get("dates")
            if not pinned:
                continue
            for i, d in enumerate(list(pinned)):
                day = d if isinstance(d, _date) else _date.fromisoformat(str(d))
                try:
                    moved = day.replace(year=day.year + shift)
                except ValueError:  # 29 February
                    moved = day.replace(year=day.year + shift, day=28)
                pinned[i] = moved
                if not calendar.is_working_day(moved) or calendar.in_break(moved):
                    why = calendar.holiday_name(moved) or (
                        "каникулы" if calendar.in_break(moved) else "выходной"
                    )
                    notes.append(
                        f"{p.get('id')}: «{a.get('title') or a.get('form')}»: "
                        f"{moved.strftime('%d.%m.%Y')} — нерабочий день ({why}); выберите другую дату"
                    )
    out = _io.StringIO()
    y.dump(data, out)
    return out.getvalue(), notes, new_year.year
