"""The year's events as a person asks for them: a selection, and flat records for JSON,
CSV (for Russian Excel) and the terminal.

The JSON is what `json.dumps(rows, ensure_ascii=False, indent=2)` writes, to the byte,
but joined from values the C string encoder wrote: with `indent` the json module falls
back to its pure Python encoder, twice the time of the compact C one on a big plan."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date
from json.encoder import encode_basestring  # C, when the json module has its speedups
from typing import Any

from partnerplan.dates.schedule import Event


def select_events(
    events: Iterable[Event],
    *,
    partner: str | None = None,
    month: int | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[Event]:
    """Events of one partner, one month, or between two dates (all optional). An undated
    event (ongoing, on demand) passes only when no date condition is asked."""
    dated_only = month is not None or start is not None or end is not None
    out = []
    for e in events:
        if partner is not None and e.partner != partner:
            continue
        if dated_only and (
            e.date is None
            or (month is not None and e.date.month != month)
            or (start is not None and e.date < start)
            or (end is not None and e.date > end)
        ):
            continue
        out.append(e)
    return out


# The fields of an event's record, in the order JSON and CSV show them.
FIELDS = (
    "date", "partner", "partner_name", "title", "form", "period", "kind", "directions",
    "responsible", "time", "place", "note", "uid", "line",
)  # fmt: skip


def _values(e: Event) -> tuple[Any, ...]:
    """One event's record, field by field (FIELDS): text, None, a list of text, a number."""
    return (
        e.date.isoformat() if e.date else None, e.partner, e.partner_name, e.title, e.form,
        e.period, e.kind, list(e.directions), e.responsible, e.clock or None, e.place, e.note,
        e.uid, e.line,
    )  # fmt: skip


def event_rows(events: Iterable[Event]) -> list[dict[str, Any]]:
    """Events as flat records: the JSON and CSV of `partnerplan schedule`."""
    return [dict(zip(FIELDS, _values(e), strict=True)) for e in events]


def events_json(events: Iterable[Event]) -> bytes:
    """`json.dumps(event_rows(events), ensure_ascii=False, indent=2)` and a line break,
    to the byte, as UTF-8: each record is joined from values the C encoder wrote, and
    encoded at once, so a big schedule is held once as bytes, not as text, joined text
    and bytes (90,000 events: ~100 MB less)."""
    parts = [
        (b",\n" if i else b"[\n") + _record_json(_values(e)).encode("utf-8") for i, e in enumerate(events)
    ]
    parts.append(b"\n]\n" if parts else b"[]\n")
    return b"".join(parts)


# What json.dumps(indent=2) writes before each value of a record: «    "date": ».
_HEADS = tuple(f"    {encode_basestring(k)}: " for k in FIELDS)


def _record_json(values: tuple[Any, ...]) -> str:
    parts = []
    for head, v in zip(_HEADS, values, strict=True):
        if type(v) is str:
            parts.append(head + encode_basestring(v))
        elif v is None:
            parts.append(head + "null")
        elif type(v) is list:
            items = ",\n      ".join(_scalar_json(x) for x in v)
            parts.append(head + ("[\n      " + items + "\n    ]" if v else "[]"))
        else:
            parts.append(head + _scalar_json(v))
    return "  {\n" + ",\n".join(parts) + "\n  }"


def _scalar_json(v: Any) -> str:
    if type(v) is str:
        return encode_basestring(v)
    if type(v) is int:
        return int.__repr__(v)
    return json.dumps(v, ensure_ascii=False)  # None, a boolean, a float: json's own words


def events_csv(events: Iterable[Event]) -> bytes:
    """CSV that Russian Excel opens right on a double click: UTF-8 with a BOM (else it
    reads Windows-1251) and «;» between fields (the Russian list separator)."""
    rows = event_rows(events)
    buf = io.StringIO()
    fields = list(rows[0]) if rows else ["date"]
    writer = csv.DictWriter(buf, fieldnames=fields, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "directions": ", ".join(row["directions"])})
    return buf.getvalue().encode("utf-8-sig")
