"""A web edit as data: what a form asks for (`Change`), the fingerprint that tells
whether its record is still the one the form was opened on, and the change itself —
spliced into the text (`splice.Doc`) and applied to the plain data the text must read
back as, which `writer` compares, independently of the splicer.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Literal

from partnerplan.serve.splice import Doc, item_lines, reindent
from partnerplan.words import say

Op = Literal["activity.add", "activity.edit", "activity.delete", "partner.add", "partner.edit", "log.mark"]


def record_digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def record_fp(
    op: Op, partner: dict[str, Any] | None, activity: dict[str, Any] | None, planned: str | None
) -> str:
    """What a form remembers of the record it was opened on."""
    if op.startswith("partner."):
        return record_digest({k: v for k, v in (partner or {}).items() if k != "activities"})
    if op == "log.mark":
        act = activity or {}
        entry = next(
            (x for x in act.get("log") or [] if isinstance(x, dict) and x.get("planned") == planned), None
        )
        return record_digest({"a": {k: v for k, v in act.items() if k != "log"}, "e": entry})
    if op == "activity.add":
        return ""
    return record_digest(activity)


@dataclass(slots=True)
class Change:
    """What a form asks for. `values`: the record's fields as the file holds them (text,
    lists of text, a dict for contacts); None removes a field."""

    op: Op
    pid: str | None = None
    p: int = -1  # the partner's index when the form was opened
    a: int = -1  # the activity's index
    fp: str = ""
    base: str = ""  # the file's digest when the form was opened
    values: dict[str, Any] | None = None  # None with log.mark: remove the mark
    move_to: str | None = None
    planned: str | None = None


@dataclass(slots=True)
class Outcome:
    status: Literal["saved", "invalid", "stale", "gone", "cannot"]
    message: str = ""
    fields: dict[str, list[str]] = field(default_factory=dict)  # field → messages beside it
    details: list[str] = field(default_factory=list)  # diagnostics as the CLI prints them
    notes: list[str] = field(default_factory=list)  # after saving: merged, reformatted, warnings
    where: tuple[int, int] | None = None  # (partner, activity) of the record after the change


# --- the change itself, on the text and on the data -------------------------------------


def _find_partner(partners: list[Any], pid: str | None, p: int) -> int | None:
    hits = [i for i, x in enumerate(partners) if isinstance(x, dict) and x.get("id") == pid]
    if p in hits:
        return p
    return hits[0] if len(hits) == 1 else None


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in record.items():
        if isinstance(v, dict):
            v = _clean(v)
        if v is not None and v != [] and v != {}:
            out[k] = v
    return out


def plan_change(
    text: str, data0: dict[str, Any], change: Change, lang: str
) -> tuple[str | None, Any, tuple[int, int] | None, Outcome | None]:
    """(new text, the data it must read back as, where the record ends up, or a refusal)."""
    data = copy.deepcopy(data0)
    partners: list[Any] = data.setdefault("partners", []) if data.get("partners") is not None else []
    if data.get("partners") is None:
        data["partners"] = partners
    doc = Doc(text)
    values = change.values or {}
    if change.op == "partner.add":
        pid = values.get("id")
        if any(isinstance(x, dict) and x.get("id") == pid for x in partners):
            return (
                None,
                None,
                None,
                Outcome(
                    "invalid", say("edit.refused", lang), {"id": [say("why.partner_exists", lang, pid=pid)]}
                ),
            )
        record = _clean(values)
        doc.append(
            doc.root, "partners", [lambda col: item_lines(record, col, "partner")], partners[:], "partner"
        )
        partners.append(record)
        return doc.result(), _tidy(data, data0), (len(partners) - 1, -1), None
    pi = _find_partner(partners, change.pid, change.p)
    if pi is None:
        return None, None, None, Outcome("gone", say("edit.gone", lang))
    partner = partners[pi]
    pnode = doc.node(("partners", pi))
    acts: list[Any] = partner.get("activities") or []
    if change.op == "partner.edit":
        old = {k: v for k, v in partner.items() if k != "activities"}
        if record_fp(change.op, partner, None, None) != change.fp:
            return None, None, None, Outcome("stale", say("edit.stale", lang))
        new = dict(old)
        for k, v in values.items():
            if isinstance(v, dict):
                before = old.get(k)
                merged = {**(before if isinstance(before, dict) else {}), **v}
                new[k] = {kk: vv for kk, vv in merged.items() if vv is not None} or None
            else:
                new[k] = v
        doc.update(pnode, old, new, "partner")
        partners[pi] = _merged(old, new)
        if "activities" in partner:
            partners[pi]["activities"] = partner["activities"]
        return doc.result(), _tidy(data, data0), (pi, -1), None
    if change.op == "activity.add":
        record = _clean(values)
        doc.append(
            pnode, "activities", [lambda col: item_lines(record, col, "activity")], acts[:], "activity"
        )
        partner["activities"] = [*acts, record]
        return doc.result(), _tidy(data, data0), (pi, len(acts)), None
    ai = _find_activity(acts, change)
    if ai is None:
        gone = not (0 <= change.a < len(acts))
        return (
            None,
            None,
            None,
            Outcome("gone" if gone else "stale", say("edit.gone" if gone else "edit.stale", lang)),
        )
    act = acts[ai]
    anode = doc.node(("partners", pi, "activities", ai))
    if change.op == "activity.delete":
        doc.cut(pnode, "activities", ai)
        del acts[ai]
        if not acts:
            partner.pop("activities", None)
        return doc.result(), _tidy(data, data0), None, None
    if change.op == "log.mark":
        return _mark(doc, data, data0, partner, pi, ai, act, anode, change)
    # activity.edit, perhaps with a move to another partner
    new = {**act, **values}
    doc.update(anode, act, new, "activity")
    acts[ai] = _merged(act, new)
    text1 = doc.result()
    target = change.move_to
    if not target or target == partner.get("id"):
        return text1, _tidy(data, data0), (pi, ai), None
    ti = _find_partner(partners, target, -1)
    if ti is None:
        return (
            None,
            None,
            None,
            Outcome(
                "invalid", say("edit.refused", lang), {"partner": [say("why.no_target", lang, pid=target)]}
            ),
        )
    doc2 = Doc(text1)
    lines = doc2.cut(doc2.node(("partners", pi)), "activities", ai)
    tacts: list[Any] = partners[ti].get("activities") or []
    doc2.append(
        doc2.node(("partners", ti)), "activities", [lambda col: reindent(lines, col)], tacts[:], "activity"
    )
    moved = acts.pop(ai)
    if not acts:
        partner.pop("activities", None)
    partners[ti]["activities"] = [*tacts, moved]
    return doc2.result(), _tidy(data, data0), (ti, len(tacts)), None


def _find_activity(acts: list[Any], change: Change) -> int | None:
    def fp(i: int) -> str:
        act = acts[i] if isinstance(acts[i], dict) else {}
        return record_fp(change.op, None, act, change.planned)

    if 0 <= change.a < len(acts) and fp(change.a) == change.fp:
        return change.a
    hits = [i for i in range(len(acts)) if fp(i) == change.fp]
    return hits[0] if len(hits) == 1 else None


def _mark(
    doc: Doc,
    data: dict[str, Any],
    data0: dict[str, Any],
    partner: dict[str, Any],
    pi: int,
    ai: int,
    act: dict[str, Any],
    anode: Any,
    change: Change,
) -> tuple[str, Any, tuple[int, int], None]:
    log: list[Any] = act.get("log") or []
    li = next(
        (i for i, x in enumerate(log) if isinstance(x, dict) and x.get("planned") == change.planned), None
    )
    if change.values is None:  # remove the mark
        if li is not None:
            if getattr(doc.node(("partners", pi, "activities", ai, "log")), "flow_style", False):
                rest = [x for i, x in enumerate(log) if i != li]
                doc.update(anode, {"log": log}, {"log": rest or None}, "activity")
            else:
                doc.cut(anode, "log", li)
            del log[li]
            if not log:
                act.pop("log", None)
        return doc.result(), _tidy(data, data0), (pi, ai), None
    entry = _clean({"planned": change.planned, **change.values})
    if li is not None:
        seq = doc.node(("partners", pi, "activities", ai, "log"))
        if getattr(seq, "flow_style", False):
            doc.update(anode, {"log": log}, {"log": [*log[:li], entry, *log[li + 1 :]]}, "activity")
        else:
            doc.update(
                seq.value[li], log[li], {**entry, **{k: None for k in log[li] if k not in entry}}, "log"
            )
            entry = _merged(log[li], {**entry, **{k: None for k in log[li] if k not in entry}})
        log[li] = entry
    else:
        doc.append(anode, "log", [lambda col: item_lines(entry, col, "log")], log[:], "log")
        act["log"] = [*log, entry]
    return doc.result(), _tidy(data, data0), (pi, ai), None


def _merged(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """`old` changed as `Doc.update` changes its text: equal values stay as they are,
    None, [] and {} remove a key, a key missing from `new` goes."""
    out = dict(old)
    for key in [*new, *(k for k in old if k not in new)]:
        value = new.get(key)
        if value == old.get(key) and (value is not None or key not in old):
            continue
        if value is None or value == [] or value == {}:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(old.get(key), dict):
            out[key] = _merged(old[key], value)
        else:
            out[key] = value
    return out


def _tidy(data: dict[str, Any], data0: dict[str, Any]) -> dict[str, Any]:
    """A `partners:` key the file did not have stays absent when still empty."""
    if "partners" not in data0 and not data.get("partners"):
        data.pop("partners", None)
    return data
