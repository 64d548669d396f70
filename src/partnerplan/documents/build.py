"""Documents from plans: the Word plan and its siblings, the year's reports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from partnerplan.dates.schedule import plan_schedule
from partnerplan.plan.check import Checked
from partnerplan.validation import find_plan_files

RENDER_TARGETS = ("docx", "html", "md", "xlsx")
RENDER_PARTS = ("plan", "calendar", "model", "all")


@dataclass(frozen=True, slots=True)
class Rendered:
    """A rendered document and any files that go beside it (the model picture of md)."""

    data: bytes
    extra: dict[str, bytes]  # suffix → bytes, e.g. {".model.png": …}


def render(
    checked: Checked,
    to: str = "docx",
    what: str = "plan",
    *,
    templates: str | None = None,
    reference: str | None = None,
    picture: str | None = None,
    lang: str = "ru",
    stem: str = "plan",
) -> Rendered:
    """The Комплексный план (what=plan), the calendar plan, the model picture or all three.

    `picture` ("png" or "svg") asks for the model alone as an image file.
    """
    from partnerplan.documents.labels import PLAN_HEADERS, labels
    from partnerplan.documents.table import calendar_blocks, plan_rows

    plan, voc = checked.plan, checked.vocabulary
    assert plan is not None and voc is not None
    if picture is not None:
        from partnerplan.documents.diagram import render_model

        return Rendered(render_model(plan, voc, picture), {})
    rows = plan_rows(plan, voc)
    events = plan_schedule(checked).events if what in ("calendar", "all") else None
    want_model = what in ("model", "all")
    show_plan = what in ("plan", "all")
    if to == "docx":
        from partnerplan.documents.diagram import render_model
        from partnerplan.documents.docx import render_docx

        png = render_model(plan, voc, "png") if want_model else None
        data = render_docx(
            plan,
            voc,
            rows,
            events=events,
            model_png=png,
            include_plan=show_plan,
            reference=reference,
            lang=lang,
        )
        return Rendered(data, {})
    from partnerplan.documents.docx import default_title
    from partnerplan.documents.jinja import render_template

    blocks, undated = calendar_blocks(events) if events is not None else ([], [])
    extra: dict[str, bytes] = {}
    model_svg = model_image = ""
    if want_model:
        from partnerplan.documents.diagram import render_model

        if to == "html":
            from partnerplan.documents.charts import inline_svg

            model_svg = inline_svg(render_model(plan, voc, "svg"))
        else:
            extra[".model.png"] = render_model(plan, voc, "png")
            model_image = f"{stem}.model.png"
    context = {
        "plan": plan,
        "title": plan.title or default_title(plan, lang),
        "labels": labels(lang),
        "lang": lang,
        "subtitle": None if plan.title else plan.planner.name,
        "headers": PLAN_HEADERS.get(lang, PLAN_HEADERS["ru"]),
        "rows": rows,
        "show_plan": show_plan,
        "show_calendar": events is not None,
        "blocks": blocks,
        "undated": undated,
        "model_svg": model_svg,
        "model_image": model_image,
    }
    return Rendered(render_template(to, context, templates).encode("utf-8"), extra)


@dataclass(slots=True)
class Network:
    orgs: list[Any]  # report.OrgPlan
    skipped: list[tuple[str, str]]  # (file, why) for files that are not valid plans


def load_network(paths: Iterable[str], progress: Any = None) -> Network:
    """Every valid plan below `paths`, scheduled; `progress(done, total)` as files are read."""
    from partnerplan.documents.report import OrgPlan
    from partnerplan.plan.loader import load_plan
    from partnerplan.plan.network import is_registry

    files = [f for f in find_plan_files(paths) if not is_registry(f)]
    net = Network([], [])
    for i, f in enumerate(files):
        checked = load_plan(f)
        first = checked.first_error()
        if not checked.ok:
            net.skipped.append((f, f"{first.line}:{first.column}: {first.message()}" if first else ""))
        else:
            assert checked.plan is not None and checked.vocabulary is not None
            sched = plan_schedule(checked)
            first = next((d for d in sched.diagnostics if d.severity == "error"), None)
            if first is not None:
                net.skipped.append((f, f"{first.line}:{first.column}: {first.message()}"))
            else:
                net.orgs.append(OrgPlan(f, checked.plan, checked.vocabulary, sched.events))
        if progress is not None:
            progress(i + 1, len(files))
    return net


def report(
    net: Network,
    to: str = "docx",
    *,
    year_end: bool = False,
    templates: str | None = None,
    lang: str = "ru",
    stem: str = "report",
) -> Rendered:
    from partnerplan.documents.charts import bar_chart, inline_svg
    from partnerplan.documents.datewords import month_title
    from partnerplan.documents.report import build_report

    r = build_report(net.orgs, year_end=year_end)
    r.by_month = every_month(r.by_month, [(o.plan.start, o.plan.end) for o in net.orgs])
    title = (
        "Анализ работы с социальными партнёрами за год"
        if year_end
        else "Отчёт о работе с социальными партнёрами"
    )
    years = sorted({o.plan.year for o in net.orgs})
    subtitle = (
        net.orgs[0].name + ", " if len(net.orgs) == 1 else f"Организаций: {len(net.orgs)}, "
    ) + ", ".join(years)
    months = [(month_title(d)[:3] + " " + str(d.year)[2:], n) for d, n in r.by_month]
    if to == "docx":
        from partnerplan.documents.report_docx import render_report_docx

        return Rendered(render_report_docx(r, title), {})
    from partnerplan.documents.jinja import render_template

    context: dict[str, Any] = {"r": r, "title": title, "subtitle": subtitle, "lang": lang, "stem": stem}
    extra: dict[str, bytes] = {}
    if to == "html":
        charts = (
            ("month_chart", months, "События по месяцам"),
            ("direction_chart", r.by_direction, "События по направлениям"),
        )
        for key, items, caption in charts:
            context[key] = inline_svg(bar_chart(items, caption, "svg")) if items else ""
    else:
        extra[".months.png"] = bar_chart(months, "События по месяцам") if months else b""
        extra[".directions.png"] = (
            bar_chart(r.by_direction, "События по направлениям") if r.by_direction else b""
        )
    return Rendered(render_template(f"report.{to}", context, templates).encode("utf-8"), extra)


def every_month(counted: list[tuple[date, int]], years: list[tuple[date, date]]) -> list[tuple[date, int]]:
    """Every month from the first plan year's start to the last one's end, zeros included:
    a month without events is a fact about the year, not a gap to close up."""
    counts = dict(counted)
    months = [d.replace(day=1) for d in counts]
    months += [d.replace(day=1) for span in years for d in span]
    if not months:
        return []
    month, last = min(months), max(months)
    out: list[tuple[date, int]] = []
    while month <= last:
        out.append((month, counts.get(month, 0)))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return out
