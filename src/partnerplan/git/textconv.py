"""textconv: a plan as lines a reader follows in `git diff`, one fact a line."""

from __future__ import annotations

from partnerplan.dates.schedule import plan_schedule
from partnerplan.problems import Problem
from partnerplan.words import say


def textconv(path: str, lang: str = "ru") -> str:
    """A plan as lines a reader follows in `git diff`: one fact a line, dates included.

    A file that is not a valid plan comes out as it is, so git still shows a diff."""
    from partnerplan.plan.loader import load_plan

    checked = load_plan(path, registry="ids")
    if not checked.ok:
        # Not a plan: as it is, so git still shows a diff; unreadable: say why in one line.
        first = checked.first_error()
        if first is not None and first.code in ("PP001", "PP006"):  # nothing to show at all
            raise Problem("cannot_read", exit_code=1, path=path, why=first.message(lang))
        if checked.loaded.text or first is None:
            return checked.loaded.text
        return f"# partnerplan: {first.message(lang)}\n"
    plan, voc = checked.plan, checked.vocabulary
    assert plan is not None and voc is not None
    events = plan_schedule(checked).events
    dates: dict[tuple[str, int], list[str]] = {}
    for e in events:
        if e.date:
            dates.setdefault((e.partner, e.activity), []).append(e.date.strftime("%d.%m.%Y"))

    def w(key: str, **args: str) -> str:
        return say(f"textconv.{key}", lang, **args)

    lines = [w("plan", name=plan.planner.name), w("year", year=plan.year)]
    if plan.title:
        lines.append(w("title", title=plan.title))
    for p in plan.partners:
        group = voc.groups.get(p.group, p.group) if p.group else w("no_group")
        lines += ["", w("partner", id=p.id, name=p.name, group=group)]
        if p.purpose:
            lines.append("  " + w("purpose", text=p.purpose))
        if p.directions:
            lines.append(
                "  " + w("directions", text=", ".join(voc.directions.get(d, d) for d in p.directions))
            )
        for i, a in enumerate(p.activities):
            lines.append(f"  - {a.title or voc.form_name(a.form)} ({voc.form_name(a.form)})")
            lines.append("    " + w("period", text=(a.period or "").strip() or "—"))
            if a.responsible:
                lines.append("    " + w("responsible", text=a.responsible))
            for d in dates.get((p.id, i), []):
                lines.append("    " + w("date", text=d))
    return "\n".join(lines) + "\n"
