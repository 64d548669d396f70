"""Semantic diff of two plans: by ids, not by lines, plus what it does to the schedule.

Reformatting, reordering keys or editing comments gives no change at all, because the
two sides are compared as validated models. Activities are matched inside a partner by
their `id`, else by form and title, else (what remains) by position; an activity that
leaves one partner and appears under another with the same id or form and title has
moved.

Only what can differ is scheduled: a partner's events depend on nothing but the partner,
the plan's year and calendar, its vocabulary and the planner (`partners_to_schedule`), so
partners equal on both sides are compared by value and left out of the schedule diff.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date
from typing import Any

from partnerplan.dates.schedule import Event
from partnerplan.plan.check import Vocabulary
from partnerplan.plan.model import Activity, Partner, Plan


@dataclass(frozen=True, slots=True)
class Change:
    kind: str  # see _KINDS for the list
    partner: str | None = None  # partner id
    partner_name: str | None = None
    activity: str | None = None  # activity's title (or form)
    field: str | None = None
    old: Any = None
    new: Any = None
    extra: dict[str, Any] = dataclass_field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        out = {
            "kind": self.kind,
            "partner": self.partner,
            "partner_name": self.partner_name,
            "activity": self.activity,
            "field": self.field,
            "old": _jsonable(self.old),
            "new": _jsonable(self.new),
        }
        out.update({k: _jsonable(v) for k, v in self.extra.items()})
        return out


def _jsonable(v: Any) -> Any:
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if hasattr(v, "model_dump"):
        return v.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return v


def _title(a: Activity) -> str:
    return a.title or a.form


def _activity_key(a: Activity) -> tuple[str, ...]:
    return ("id", a.id) if a.id else ("ft", a.form.strip().lower(), (a.title or "").strip().lower())


def diff_plans(old: Plan, new: Plan) -> list[Change]:
    changes: list[Change] = []
    for name in ("version", "planner", "year", "title", "calendar", "goals", "tasks", "results"):
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            changes.append(Change("plan_changed", field=name, old=a, new=b))
    for section in ("groups", "directions", "forms"):
        olds = {e.id: e for e in getattr(old, section)}
        news = {e.id: e for e in getattr(new, section)}
        for ident in news.keys() - olds.keys():
            changes.append(Change("vocab_added", field=section, new=news[ident].name, extra={"id": ident}))
        for ident in olds.keys() - news.keys():
            changes.append(Change("vocab_removed", field=section, old=olds[ident].name, extra={"id": ident}))
        for ident in olds.keys() & news.keys():
            if olds[ident] != news[ident]:
                changes.append(
                    Change(
                        "vocab_changed",
                        field=section,
                        old=olds[ident].name,
                        new=news[ident].name,
                        extra={"id": ident},
                    )
                )
    old_p = {p.id: p for p in old.partners}
    new_p = {p.id: p for p in new.partners}
    removed_acts: list[tuple[Partner, Activity]] = []
    added_acts: list[tuple[Partner, Activity]] = []
    for pid in [p.id for p in new.partners if p.id not in old_p]:
        changes.append(Change("partner_added", pid, new_p[pid].name))
        added_acts.extend((new_p[pid], a) for a in new_p[pid].activities)
    for pid in [p.id for p in old.partners if p.id not in new_p]:
        changes.append(Change("partner_removed", pid, old_p[pid].name))
        removed_acts.extend((old_p[pid], a) for a in old_p[pid].activities)
    for p in new.partners:
        if p.id not in old_p:
            continue
        a, b = old_p[p.id], p
        if a == b:  # equal by value: no field and no activity differs
            continue
        if a.name != b.name:
            changes.append(Change("partner_renamed", p.id, b.name, old=a.name, new=b.name))
        for f in ("group", "level", "purpose", "directions", "contacts", "agreement", "note"):
            if getattr(a, f) != getattr(b, f):
                changes.append(
                    Change("partner_changed", p.id, b.name, field=f, old=getattr(a, f), new=getattr(b, f))
                )
        pairs, gone, came = _match_activities(a.activities, b.activities)
        for x, y in pairs:
            for f in ("form", "title", "period", "dates", "responsible", "participants", "note", "id"):
                if getattr(x, f) != getattr(y, f):
                    changes.append(
                        Change("activity_changed", p.id, b.name, _title(y), f, getattr(x, f), getattr(y, f))
                    )
        removed_acts.extend((a, x) for x in gone)
        added_acts.extend((b, y) for y in came)
    # An activity that left one partner and arrived at another has moved.
    for pa, x in list(removed_acts):
        match = next(
            ((pb, y) for pb, y in added_acts if pb.id != pa.id and _activity_key(y) == _activity_key(x)), None
        )
        if match is not None:
            pb, y = match
            removed_acts.remove((pa, x))
            added_acts.remove(match)
            changes.append(
                Change(
                    "activity_moved", pb.id, pb.name, _title(y), extra={"from": pa.id, "from_name": pa.name}
                )
            )
    for pa, x in removed_acts:
        if pa.id in new_p:  # a removed partner's activities go with it, unlisted
            changes.append(Change("activity_removed", pa.id, pa.name, _title(x), "period", old=x.period))
    for pb, y in added_acts:
        if pb.id in old_p:
            changes.append(Change("activity_added", pb.id, pb.name, _title(y), "period", new=y.period))
    return changes


def partners_to_schedule(
    old: Plan, new: Plan, old_voc: Vocabulary, new_voc: Vocabulary
) -> frozenset[str] | None:
    """Ids of the partners whose events may differ between the two plans; None: all.

    Scheduling reads, besides a partner itself, only the plan's year and calendar, its
    vocabulary (form and direction names) and the planner (whose name keys every event's
    identity): when any of them changed, every partner is rescheduled. A partner added,
    removed or changed in any way is rescheduled on both sides; equal ones are not."""
    if old.year != new.year or old.calendar != new.calendar or old.planner != new.planner:
        return None
    if old_voc != new_voc:
        return None
    old_p = {p.id: p for p in old.partners}
    new_p = {p.id: p for p in new.partners}
    if len(old_p) != len(old.partners) or len(new_p) != len(new.partners):
        return None  # repeated ids: let the full schedule speak
    ids = old_p.keys() | new_p.keys()
    # An event's identity is «planner.partner.activity»: partners «a» and «a.b» could give
    # two events one identity, and which one the diff keeps depends on all of them.
    parts = [i.split(".") for i in ids if "." in i]
    if any(".".join(p[:k]) in ids for p in parts for k in range(1, len(p))):
        return None
    return frozenset(pid for pid in ids if old_p.get(pid) != new_p.get(pid))


def _match_activities(
    old: list[Activity], new: list[Activity]
) -> tuple[list[tuple[Activity, Activity]], list[Activity], list[Activity]]:
    pairs: list[tuple[Activity, Activity]] = []
    rest_old = list(old)
    rest_new = list(new)
    for key_fn in (_activity_key, lambda a: ("title", (a.title or "").strip().lower()) if a.title else None):
        for y in list(rest_new):
            k = key_fn(y)
            if k is None:
                continue
            x = next((x for x in rest_old if key_fn(x) == k), None)
            if x is not None:
                pairs.append((x, y))
                rest_old.remove(x)
                rest_new.remove(y)
    # What is left, position by position (an edit that changed form and title at once).
    while rest_old and rest_new and len(rest_old) == len(rest_new):
        pairs.append((rest_old.pop(0), rest_new.pop(0)))
    return pairs, rest_old, rest_new


def diff_events(old: tuple[Event, ...], new: tuple[Event, ...]) -> list[Change]:
    """Dated events that appear, disappear or move (matched by their stable UID)."""
    a = {e.uid: e for e in old if e.date}
    b = {e.uid: e for e in new if e.date}
    out: list[Change] = []
    for uid in sorted(a.keys() & b.keys(), key=lambda u: (b[u].date, u)):
        if a[uid].date != b[uid].date:
            e = b[uid]
            out.append(Change("event_moved", e.partner, e.partner_name, e.title, "date", a[uid].date, e.date))
    for uid in sorted(b.keys() - a.keys(), key=lambda u: (b[u].date, u)):
        e = b[uid]
        out.append(Change("event_added", e.partner, e.partner_name, e.title, "date", new=e.date))
    for uid in sorted(a.keys() - b.keys(), key=lambda u: (a[u].date, u)):
        e = a[uid]
        out.append(Change("event_removed", e.partner, e.partner_name, e.title, "date", old=e.date))
    return out


# --- words --------------------------------------------------------------------------


def _show(v: Any) -> str:
    if v is None or v == [] or v == "":
        return "—"
    if isinstance(v, date):
        return v.strftime("%d.%m.%Y")
    if isinstance(v, (list, tuple)):
        return ", ".join(_show(x) for x in v)
    if hasattr(v, "model_dump"):
        data = v.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        return "; ".join(f"{k}: {_show(x)}" for k, x in data.items()) if isinstance(data, dict) else str(data)
    return str(v)


def describe(c: Change, lang: str = "ru") -> str:
    """One line in the reader's language: «добавлено мероприятие …», «срок: «Май» → «Май-июнь»»."""
    from partnerplan.words import say

    args = {
        "who": c.partner_name or "",
        "what": c.activity or "",
        "id": c.partner or "",
        "field": say(f"field.{c.field}", lang) if f"field.{c.field}" in _FIELDS else (c.field or ""),
        "old": _show(c.old),
        "new": _show(c.new),
        **{k: v for k, v in c.extra.items() if isinstance(v, str)},
    }
    kind = "activity_renamed" if c.kind == "activity_changed" and c.field == "title" else c.kind
    key = f"diff.{kind}"
    return say(key, lang, **args) if key in _KINDS else c.kind


_FIELDS = {f"field.{f}" for f in (
    "name", "group", "level", "purpose", "directions", "contacts", "agreement", "note", "form", "title",
    "period", "dates", "responsible", "participants", "planner", "year", "calendar", "goals", "tasks",
    "results", "version", "id", "groups", "forms",
)}  # fmt: skip
_KINDS = {f"diff.{k}" for k in (
    "plan_changed", "vocab_added", "vocab_removed", "vocab_changed", "partner_added", "partner_removed",
    "partner_renamed", "partner_changed", "activity_added", "activity_removed", "activity_moved",
    "activity_changed", "activity_renamed", "event_moved", "event_added", "event_removed",
)}  # fmt: skip


_SIGN = {"added": "+", "removed": "-", "moved": "~", "renamed": "~", "changed": "~"}


def sign(c: Change) -> str:
    return _SIGN.get(c.kind.rsplit("_", 1)[-1], "~")
