"""Next year's plan from this one, comments kept.

Same partners and activities; `year` and the year in the title changed; pinned dates
moved a year (29 February → 28 February) and flagged when they land on a day off; the
old year's calendar dates dropped (the new year's defaults apply until set); the marks
of what was held (`log`) cleared; comments and everything else kept.

Keys are dropped from the text itself, whole lines at a time, before ruamel reads it:
ruamel keeps the comment lines that follow a value inside that value, so deleting a key
from its tree would also delete the comment that opens the next section. A comment
written on a dropped line stays, as a line of its own where the key was. Like `fmt`,
the result is proved before anyone writes it: it must keep every comment (counted by
the formatter's own scanner) and read back to exactly the data intended — a date
reused through a YAML alias is moved once, not once per use.
"""

from __future__ import annotations

import bisect
import copy
import io
import os
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from partnerplan.plan.comments import lost_comments
from partnerplan.plan.format import FormatError, round_trip_yaml

Path = tuple[str | int, ...]
_CALENDAR_DATES = ("breaks", "days_off", "working_days")


def rollover(path: str, to_year: str) -> tuple[str, list[str], str]:
    """Next year's plan text from this one, notes for the teacher (Russian), and the new
    year as written. Raises FormatError when the file cannot be read or the result
    could not be proved (an internal error: nothing should be written then)."""
    from partnerplan.plan.loader import load_plan
    from partnerplan.plan.model import Plan

    loaded = load_plan(path, registry=None).loaded
    if not isinstance(loaded.data, dict):
        first = next((d for d in loaded.diagnostics if d.severity == "error"), None)
        raise FormatError("syntax", first.message() if first else "")
    text = loaded.text.replace("\r\n", "\n")
    new_year = Plan.model_validate({"version": 1, "planner": {"name": "-"}, "year": to_year}).year
    plan = _Change.of(loaded.data, new_year)
    notes = plan.drop_notes()
    kept_text, leftover = _drop_lines(text, plan.drops)
    y = round_trip_yaml()
    try:
        data = y.load(kept_text)
    except Exception as exc:  # ruamel reads stricter than libyaml (dates like 2026-02-30, tabs)
        raise FormatError("syntax", str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
    for where in leftover:  # keys in flow style, or sharing a line: dropped from the tree
        _delete(data, where)
    notes += _apply(data, plan)
    out = io.StringIO()
    y.dump(data, out)
    result = out.getvalue()
    _prove(text, result, plan.expected(loaded.data))
    return result, notes, new_year


def next_year_path(plan_path: str, old_year: str, new_year: str) -> str:
    """Where next year's plan goes by default: beside this one, the year in its name
    changed (plan-2025-2026.yaml → plan-2026-2027.yaml), or added to it."""
    stem, ext = os.path.splitext(os.path.basename(plan_path))
    for variant in (old_year, old_year.replace("/", "-"), old_year.replace("/", "_")):
        if variant in stem:
            stem = stem.replace(variant, new_year.replace("/", variant[4] if len(variant) > 4 else "-"))
            break
    else:
        stem = f"{stem}-{new_year.replace('/', '-')}"
    return os.path.join(os.path.dirname(plan_path), stem + ext)


# --- what changes ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Change:
    old_year: str
    new_year: str
    shift: int
    drops: list[Path]  # keys dropped whole, in document order of discovery

    @classmethod
    def of(cls, data: dict[str, Any], new_year: str) -> _Change:
        old_year = str(data.get("year"))
        drops: list[Path] = []
        cal = data.get("calendar")
        if isinstance(cal, dict):
            dated = [
                k
                for k in (*_CALENDAR_DATES, "terms")
                if k in cal and (k != "terms" or isinstance(cal[k], list))
            ]
            if dated and set(cal) <= set(dated):
                drops.append(("calendar",))  # nothing else in it: no empty `calendar:` left behind
            drops.extend(("calendar", k) for k in dated)
        for i, p in enumerate(data.get("partners") or []):
            activities = p.get("activities") if isinstance(p, dict) else None
            for j, a in enumerate(activities or []):
                if isinstance(a, dict) and "log" in a:
                    drops.append(("partners", i, "activities", j, "log"))
        return cls(old_year, new_year, int(new_year[:4]) - int(old_year[:4]), drops)

    def drop_notes(self) -> list[str]:
        notes = []
        for where in self.drops:
            if where[:1] != ("calendar",) or len(where) != 2:
                continue
            if where[1] == "terms":
                notes.append(
                    "calendar.terms: четверти прошлого года убраны — по умолчанию четверти нового года"
                )
            else:
                notes.append(f"calendar.{where[1]}: даты прошлого года убраны — укажите даты нового года")
        if any(w[-1] == "log" for w in self.drops):
            notes.append("log: отметки о проведении прошлого года убраны")
        return notes

    def moved(self, day: date) -> date:
        try:
            return day.replace(year=day.year + self.shift)
        except ValueError:  # 29 February
            return day.replace(year=day.year + self.shift, day=28)

    def expected(self, data: dict[str, Any]) -> dict[str, Any]:
        """The new plan's data as the validator will read it (every scalar text), built
        anew from the old: the witness the rewritten file is compared with."""
        out = copy.deepcopy(data)  # deepcopy keeps aliases shared: rebuild, never edit in place
        out["year"] = self.new_year
        if isinstance(out.get("title"), str) and self.old_year in out["title"]:
            out["title"] = out["title"].replace(self.old_year, self.new_year)
        for where in sorted(self.drops, key=len, reverse=True):
            parent = _get(out, where[:-1])
            if isinstance(parent, dict):
                parent.pop(where[-1], None)
        partners = out.get("partners")
        if isinstance(partners, list):
            out["partners"] = [self._partner(p) for p in partners]
        return out

    def _partner(self, p: Any) -> Any:
        if not isinstance(p, dict) or not isinstance(p.get("activities"), list):
            return p
        acts = []
        for a in p["activities"]:
            if isinstance(a, dict) and isinstance(a.get("dates"), list):
                a = {**a, "dates": [_year_later(str(d), self.shift) for d in a["dates"]]}
            acts.append(a)
        return {**p, "activities": acts}


def _year_later(day: str, shift: int) -> str:
    """A date's text `shift` years later, worked out on the text (a witness of its own)."""
    year, rest = int(day[:4]) + shift, day[4:]
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return f"{year:04d}{'-02-28' if rest == '-02-29' and not leap else rest}"


def _get(data: Any, where: Path) -> Any:
    for step in where:
        data = data[step]
    return data


def _apply(data: Any, plan: _Change) -> list[str]:
    """Change the year, the title and the pinned dates in ruamel's tree; notes for days off."""
    from partnerplan.dates.calendar import build_calendar
    from partnerplan.plan.model import Plan

    data["year"] = plan.new_year
    if isinstance(data.get("title"), str) and plan.old_year in data["title"]:
        data["title"] = data["title"].replace(plan.old_year, plan.new_year)
    calendar = build_calendar(
        Plan.model_validate({"version": 1, "planner": {"name": "-"}, "year": plan.new_year})
    )
    notes: list[str] = []
    moved: set[int] = set()  # a list reused through an alias is one list: move it once
    for p in data.get("partners") or []:
        for a in p.get("activities") or []:
            pinned = a.get("dates")
            if not pinned or id(pinned) in moved:
                continue
            moved.add(id(pinned))
            for i, d in enumerate(list(pinned)):
                day = plan.moved(d if isinstance(d, date) else date.fromisoformat(str(d)))
                pinned[i] = day
                if not calendar.is_working_day(day) or calendar.in_break(day):
                    why = calendar.holiday_name(day) or ("каникулы" if calendar.in_break(day) else "выходной")
                    notes.append(
                        f"{p.get('id')}: «{a.get('title') or a.get('form')}»: "
                        f"{day.strftime('%d.%m.%Y')} — нерабочий день ({why}); выберите другую дату"
                    )
    return notes


def _prove(before: str, after: str, expected: dict[str, Any]) -> None:
    from partnerplan.plan.load import load_text

    lost = lost_comments(before, after)
    if lost:
        raise FormatError("internal", f"a comment would be lost: {lost[0]}")
    if load_text(after, "rollover").data != expected:
        raise FormatError("internal", "the new plan reads back to other data than intended")


# --- dropping keys from the text ---------------------------------------------------------


def _drop_lines(text: str, drops: list[Path]) -> tuple[str, list[Path]]:
    """The text without the lines of the dropped keys (their comments kept as lines at
    the key's indentation), and the keys that could not be dropped that way."""
    from partnerplan.plan.comments import comment_positions  # one witness for fmt and rollover

    if not drops:
        return text, []
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    regions: dict[int, tuple[int, int]] = {}  # first line → (last line, indent)
    leftover: list[Path] = []
    for where in drops:
        found = _pair(root, where)
        if found is None:
            continue
        parent, key, value = found
        line, col = key.start_mark.line, key.start_mark.column
        if any(first <= line <= last for first, (last, _) in regions.items()):
            continue  # inside a region already dropped (calendar, then its keys)
        if parent.flow_style or text[starts[line] : starts[line] + col].strip():
            leftover.append(where)
            continue
        regions[line] = (max(line, _last_line(value)), col)
    if not regions:
        return text, leftover
    lines = text.split("\n")
    by_line: dict[int, list[str]] = {}
    for pos, comment in comment_positions(text):
        by_line.setdefault(_line_of(starts, pos), []).append(comment)
    out: list[str] = []
    skip_to = -1
    for n, line_text in enumerate(lines):
        if n <= skip_to:
            continue
        if n in regions:
            last, indent = regions[n]
            for k in range(n, last + 1):
                out.extend(" " * indent + c for c in by_line.get(k, []))
            skip_to = last
            continue
        out.append(line_text)
    return "\n".join(out), leftover


def _pair(root: Any, where: Path) -> tuple[Any, Any, Any] | None:
    """(the mapping, the key node, the value node) of a path in a composed document."""
    node, found = root, None
    for step in where:
        if isinstance(step, int):
            if not isinstance(node, yaml.SequenceNode) or step >= len(node.value):
                return None
            node = node.value[step]
            continue
        if not isinstance(node, yaml.MappingNode):
            return None
        match = next(
            ((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == step), None
        )
        if match is None:
            return None
        found = (node, *match)
        node = match[1]
    return found


def _last_line(node: Any) -> int:
    """The last line a value's own text takes (comment lines after it excluded)."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    mark = node.end_mark
    return int(mark.line if mark.column > 0 else mark.line - 1)


def _line_of(starts: list[int], pos: int) -> int:
    return bisect.bisect_right(starts, pos) - 1


def _delete(data: Any, where: Path) -> None:
    parent = data
    for step in where[:-1]:
        try:
            parent = parent[step]
        except (KeyError, IndexError, TypeError):
            return  # already gone with a key above it
    if isinstance(parent, dict) and where[-1] in parent:
        del parent[where[-1]]
