"""Next year's plan from this one, comments kept."""

from __future__ import annotations


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


def next_year_path(plan_path: str, old_year: str, new_year: str) -> str:
    """Beside the old plan, the year in its name changed («план-2025-2026.yaml» →
    «план-2026-2027.yaml»), or the new year added when the name has none."""
    import os

    stem, ext = os.path.splitext(os.path.basename(plan_path))
    for variant in (old_year, old_year.replace("/", "-"), old_year.replace("/", "_")):
        if variant in stem:
            stem = stem.replace(variant, new_year.replace("/", variant[4] if len(variant) > 4 else "-"))
            break
    else:
        stem = f"{stem}-{new_year.replace('/', '-')}"
    return os.path.join(os.path.dirname(plan_path), stem + ext)
