"""The year's events as a person asks for them: a selection, and flat records for JSON,
CSV (for Russian Excel) and the terminal."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date
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


def event_rows(events: Iterable[Event]) -> list[dict[str, Any]]:
    """Events as flat records: the JSON and CSV of `partnerplan schedule`."""
    return [
        {
            "date": e.date.isoformat() if e.date else None,
            "partner": e.partner,
            "partner_name": e.partner_name,
            "title": e.title,
            "form": e.form,
            "period": e.period,
            "kind": e.kind,
            "directions": list(e.directions),
            "responsible": e.responsible,
            "time": e.clock or None,
            "place": e.place,
            "note": e.note,
            "uid": e.uid,
            "line": e.line,
        }
        for e in events
    ]


def events_json(events: Iterable[Event]) -> str:
    return json.dumps(event_rows(events), ensure_ascii=False, indent=2) + "\n"


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
