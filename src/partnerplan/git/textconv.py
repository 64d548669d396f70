"""textconv: a plan as lines a reader follows in `git diff`, one fact a line."""

from __future__ import annotations

from partnerplan.dates.schedule import plan_schedule


def textconv(path: str) -> str:
    """A plan as lines a reader follows in `git diff`: one fact a line, dates included.

    A file that is not a valid plan comes out as it is, so git still shows a diff."""
    from partnerplan.plan.loader import load_plan

    checked = load_plan(path, registry="ids")
    if not checked.ok:
        # Not a plan: as it is, so git still shows a diff; unreadable: say why in one line.
        first = checked.first_error()
        if checked.loaded.text or first is None:
            return checked.loaded.text
        return f"# partnerplan: {first.message()}\n"
    plan, voc = checked.plan, checked.vocabulary
    assert plan is not None and voc is not None
    events = plan_schedule(checked).events
    dates: dict[tuple[str, int], list[str]] = {}
    for e in events:
        if e.date:
            dates.setdefault((e.partner, e.activity), []).append(e.date.strftime("%d.%m.%Y"))
    lines = [f"План: {plan.planner.name}", f"Год: {plan.year}"]
    if plan.title:
        lines.append(f"Заголовок: {plan.title}")
    for p in plan.partners:
        group = voc.groups.get(p.group, p.group) if p.group else "без группы"
        lines += ["", f"Партнёр {p.id}: {p.name} [{group}]"]
        if p.purpose:
            lines.append(f"  характеристика: {p.purpose}")
        if p.directions:
            lines.append(f"  направления: {', '.join(voc.directions.get(d, d) for d in p.directions)}")
        for i, a in enumerate(p.activities):
            lines.append(f"  - {a.title or voc.form_name(a.form)} ({voc.form_name(a.form)})")
            lines.append(f"    срок: {(a.period or '').strip() or '—'}")
            if a.responsible:
                lines.append(f"    ответственный: {a.responsible}")
            for d in dates.get((p.id, i), []):
                lines.append(f"    дата: {d}")
    return "\n".join(lines) + "\n"
