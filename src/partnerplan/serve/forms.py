"""The edit forms: what each shows (taken from the file's data) and what a submission
means as a record's fields, with the checks a form can make before any YAML is written
(a required field left empty, a date or a number that is none).

Values go into the file as text, as the loader reads every scalar; whitespace runs
(line breaks pasted from Word) become single spaces: one value, one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from partnerplan.words import say

ACTIVITY_FIELDS = ("form", "title", "period", "dates", "responsible", "participants", "note")
PARTNER_FIELDS = ("name", "group", "level", "purpose", "directions", "person", "phone", "email", "note")
CONTACT_FIELDS = ("person", "phone", "email")
LOG_FIELDS = ("status", "held", "participants", "note", "link")
STATUSES = ("done", "moved", "cancelled")
_ID = re.compile(r"^[\w.-]+$")
_RU_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


@dataclass(slots=True)
class Parsed:
    values: dict[str, Any]
    errors: dict[str, list[str]] = field(default_factory=dict)
    shown: dict[str, Any] = field(default_factory=dict)  # what to put back into the form

    def fail(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)


def one_line(value: Any) -> str | None:
    text = " ".join(str(value or "").split())
    return text or None


def parse_day(text: str) -> str | None:
    """ГГГГ-ММ-ДД or ДД.ММ.ГГГГ → ГГГГ-ММ-ДД; None when it is no date."""
    text = text.strip()
    m = _RU_DATE.match(text)
    try:
        if m:
            return date(int(m[3]), int(m[2]), int(m[1])).isoformat()
        return date.fromisoformat(text).isoformat() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        return None


def _dates(p: Parsed, name: str, raw: str, lang: str) -> list[str] | None:
    out = []
    for part in re.split(r"[,;\s]+", raw.strip()):
        if not part:
            continue
        day = parse_day(part)
        if day is None:
            p.fail(name, say("field.bad_date", lang, value=part))
        else:
            out.append(day)
    return out or None


def _count(p: Parsed, name: str, raw: str, lang: str) -> str | None:
    raw = raw.strip()
    if not raw:
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        p.fail(name, say("field.bad_number", lang))
        return None
    return str(int(raw))


def activity_values(form: dict[str, Any], lang: str) -> Parsed:
    """An activity's fields from a submission (`form`: name → text)."""
    p = Parsed({}, shown={k: form.get(k, "") for k in (*ACTIVITY_FIELDS, "partner")})
    for name in ACTIVITY_FIELDS:
        raw = str(form.get(name, ""))
        if name == "dates":
            p.values[name] = _dates(p, name, raw, lang)
        else:
            p.values[name] = one_line(raw)
    if not p.values["form"]:
        p.fail("form", say("field.required", lang))
    return p


def partner_values(
    form: dict[str, Any],
    directions: list[str],
    lang: str,
    new: bool,
    shown_before: dict[str, Any],
    raw: dict[str, Any],
) -> Parsed:
    """A partner's fields. For a partner whose details come from partners.yaml, a field
    the user left as shown is not written into the plan (`shown_before`: what the form
    showed; `raw`: what the plan itself says)."""
    p = Parsed({}, shown={**{k: form.get(k, "") for k in (*PARTNER_FIELDS, "id")}, "directions": directions})
    if new:
        pid = one_line(form.get("id"))
        if not pid:
            p.fail("id", say("field.required", lang))
        elif not _ID.match(pid):
            p.fail("id", say("field.bad_id", lang))
        p.values["id"] = pid
    for name in ("name", "group", "level", "purpose", "note"):
        p.values[name] = one_line(form.get(name))
    p.values["directions"] = directions or None
    contacts = {k: one_line(form.get(k)) for k in CONTACT_FIELDS}
    p.values["contacts"] = contacts if any(contacts.values()) or not new else None
    if not p.values["name"]:
        p.fail("name", say("field.required", lang))
    if not new:  # keep what partners.yaml supplies out of the plan unless it was changed
        for name in ("name", "group", "level", "purpose", "directions", "note"):
            if name not in raw and p.values[name] == (shown_before.get(name) or None):
                del p.values[name]
        found = raw.get("contacts")
        raw_contacts: dict[str, Any] = found if isinstance(found, dict) else {}
        for k in CONTACT_FIELDS:
            if k not in raw_contacts and contacts[k] == (shown_before.get(k) or None):
                contacts.pop(k)
        if not contacts:
            p.values.pop("contacts", None)
    if new and p.values.get("level") == "external":
        p.values["level"] = None  # the default: not written
    return p


def log_values(form: dict[str, Any], lang: str) -> Parsed:
    p = Parsed({}, shown={k: form.get(k, "") for k in LOG_FIELDS})
    status = str(form.get("status", ""))
    if status not in STATUSES:
        p.fail("status", say("field.required", lang))
    p.values["status"] = status or None
    held = str(form.get("held", "")).strip()
    p.values["held"] = None
    if held:
        day = parse_day(held)
        if day is None:
            p.fail("held", say("field.bad_date", lang, value=held))
        p.values["held"] = day
    p.values["participants"] = _count(p, "participants", str(form.get("participants", "")), lang)
    p.values["note"] = one_line(form.get("note"))
    p.values["link"] = one_line(form.get("link"))
    return p


def shown_activity(act: dict[str, Any]) -> dict[str, Any]:
    """An activity's data as the form's fields show it."""
    out = {k: _text(act.get(k)) for k in ACTIVITY_FIELDS}
    dates = act.get("dates")
    out["dates"] = ", ".join(str(d) for d in dates) if isinstance(dates, list) else _text(dates)
    return out


def shown_partner(partner: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        k: _text(partner.get(k)) for k in ("id", "name", "group", "level", "purpose", "note")
    }
    out["level"] = out["level"] or "external"
    dirs = partner.get("directions")
    out["directions"] = [str(d) for d in dirs] if isinstance(dirs, list) else []
    found = partner.get("contacts")
    contacts: dict[str, Any] = found if isinstance(found, dict) else {}
    out.update({k: _text(contacts.get(k)) for k in CONTACT_FIELDS})
    return out


def shown_log(entry: dict[str, Any] | None) -> dict[str, Any]:
    entry = entry or {}
    return {k: _text(entry.get(k)) for k in LOG_FIELDS}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return ""
    return str(value)
