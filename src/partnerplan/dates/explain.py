"""What a period phrase means in a plan year: `partnerplan period`, as values (dates stay
dates until the CLI prints them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from partnerplan.dates.calendar import AcademicCalendar
from partnerplan.dates.periods import Window


@dataclass(frozen=True, slots=True)
class Explanation:
    text: str
    kind: str | None = None  # dated | ongoing | on_demand; None when the phrase is unreadable
    windows: tuple[Window, ...] = ()
    dates: tuple[date, ...] = ()
    error: tuple[str, dict[str, Any]] | None = None  # a message code and its arguments
    suggestions: list[str] = field(default_factory=list)
    place: str | None = None
    note: str | None = None
    remarks: tuple[str, ...] = ()

    def as_json(self, lang: str = "ru") -> dict[str, Any]:
        """The JSON of `partnerplan period --json` (field names are relied on outside)."""
        if self.error is not None:
            from partnerplan.messages import hint_text, message_text

            code, args = self.error
            return {
                "text": self.text,
                "error": message_text(code, args, lang),
                "hint": hint_text(code, args, lang),
                "suggestions": self.suggestions,
            }
        out: dict[str, Any] = {
            "text": self.text,
            "kind": self.kind,
            "windows": [_window_json(w) for w in self.windows],
            "dates": [d.isoformat() for d in self.dates],
        }
        # What else the cell says, only when it says it (the fields above are relied on).
        out.update({k: v for k, v in (("place", self.place), ("note", self.note)) if v})
        if self.remarks:
            out["remarks"] = list(self.remarks)
        return out


def _window_json(w: Window) -> dict[str, Any]:
    out: dict[str, Any] = {
        "from": w.start.isoformat(),
        "to": w.end.isoformat(),
        "count": w.count,
        "label": w.label,
    }
    if w.clock is not None:
        out["time"] = str(w.clock)
    return out


def year_calendar(year: str) -> AcademicCalendar:
    """The default calendar of a plan year given as text («2025/2026» or «2026»).
    Raises ValueError when it is not a plan year."""
    from pydantic import ValidationError

    from partnerplan.dates.calendar import build_calendar
    from partnerplan.plan.model import Plan

    try:
        plan = Plan.model_validate({"version": 1, "planner": {"name": "-"}, "year": year})
    except ValidationError:
        raise ValueError(year) from None
    return build_calendar(plan)


def explain_period(text: str, cal: AcademicCalendar) -> Explanation:
    from partnerplan.dates.hints import suggest
    from partnerplan.dates.periods import PeriodError, parse_period
    from partnerplan.dates.placing import place

    try:
        period = parse_period(text, cal)
    except PeriodError as exc:
        args = dict(exc.args_)
        if exc.code == "PP300":
            args.setdefault("suggestions", suggest(text))
        suggestions = args.get("suggestions")
        suggestions = list(suggestions) if isinstance(suggestions, list | tuple) else []
        return Explanation(text, error=(exc.code, args), suggestions=suggestions)
    days = sorted(d for d, _, _ in place(period, cal, f"period:{text}")) if period.kind == "dated" else []
    return Explanation(
        text,
        period.kind,
        period.windows,
        tuple(days),
        place=period.place,
        note=period.note,
        remarks=period.notes,
    )
