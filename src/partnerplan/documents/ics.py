"""The schedule as iCalendar: stable UIDs, so a re-import updates. An event whose period
gives a time («31 мая 18.00») is timed, in floating local time (shown at 18:00 wherever
the teacher's phone is: a region's plan means its own clock); others are all-day."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from partnerplan.dates.schedule import Event
from partnerplan.plan.model import Plan


def to_ics(plan: Plan, events: Iterable[Event], revision: tuple[int, datetime] | None = None) -> bytes:
    """`revision`: (how many versions the plan file has had, when the last was made), from
    git; it becomes every event's SEQUENCE and DTSTAMP, so a calendar that imports the
    file again knows this copy is newer and takes the moved dates."""
    from icalendar import Calendar
    from icalendar import Event as VEvent

    cal = Calendar()
    cal.add("prodid", "-//partnerplan//RU")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", plan.title or plan.planner.name)
    cal.add("x-wr-timezone", "Europe/Moscow")
    # Without git: the plan year's first day keeps the file byte-for-byte stable (no clock).
    sequence, stamp = revision or (0, datetime(plan.start.year, plan.start.month, plan.start.day, tzinfo=UTC))
    for e in events:
        if e.date is None:
            continue
        ve = VEvent()
        ve.add("uid", e.uid)
        ve.add("dtstamp", stamp)
        ve.add("sequence", sequence)
        if e.time is not None:
            ve.add("dtstart", datetime.combine(e.date, e.time))
            if e.end_time is not None and e.end_time > e.time:
                ve.add("dtend", datetime.combine(e.date, e.end_time))
        else:
            ve.add("dtstart", e.date)
            ve.add("dtend", e.date + timedelta(days=1))
        if e.place:
            ve.add("location", e.place)
        ve.add("summary", f"{e.title} — {e.partner_name}")
        lines = [f"Партнёр: {e.partner_name}", f"Форма: {e.form}"]
        if e.period:
            lines.append(f"Период: {e.period}")
        if e.responsible:
            lines.append(f"Ответственный: {e.responsible}")
        if e.note:
            lines.append(f"Примечание: {e.note}")
        ve.add("description", "\n".join(lines))
        ve.add("categories", [e.form])
        ve.add("transp", "TRANSPARENT")
        cal.add_component(ve)
    data: bytes = cal.to_ical()
    return data
