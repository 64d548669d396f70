"""Documents from plans: the Word plan and its siblings, the year's reports."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
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
    orgs: list[Any]  # report.OrgFigures (or report.OrgPlan: a plan with its events)
    skipped: list[tuple[str, str]]  # (file, why) for files that are not valid plans


def load_network(paths: Iterable[str], progress: Any = None, *, jobs: int = 1) -> Network:
    """Every valid plan below `paths`, scheduled and counted for the report one at a
    time, its events dropped once counted; `progress(done, total)` as files are read.

    `jobs=2` lets a second process count plans while this one does too (`auto_jobs`
    says when it pays). The result is the same either way: each plan is counted alone
    and the counts are kept in the files' order. The second process is started the way
    multiprocessing starts one: a script that calls this with jobs=2 must guard its own
    top level with `if __name__ == "__main__":` (the partnerplan command does)."""
    from partnerplan.documents.report import drop_unshared
    from partnerplan.plan.network import is_registry

    files = [f for f in find_plan_files(paths) if not is_registry(f)]
    counted: list[tuple[Any, str]] = [(None, "")] * len(files)
    for done, (i, result) in enumerate(_count(files, jobs), 1):
        counted[i] = result
        if progress is not None:
            progress(done, len(files))
    net = Network([], [])
    for f, (figures, why) in zip(files, counted, strict=True):
        if figures is not None:
            net.orgs.append(figures)
        else:
            net.skipped.append((f, why))
    drop_unshared(net.orgs)
    return net


PARALLEL_FROM = 16  # plans; below this a second process costs more than it saves
_AHEAD = 2  # plans handed to the second process before it asks for more


def auto_jobs(plans: int) -> int:
    """2 for a network of PARALLEL_FROM plans or more on a machine with two cores, else 1;
    PARTNERPLAN_JOBS=1 (or 2) decides instead."""
    asked = os.environ.get("PARTNERPLAN_JOBS", "")
    if asked in ("1", "2"):
        return int(asked)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return 2 if plans >= PARALLEL_FROM and cores >= 2 else 1


def _count(files: list[str], jobs: int) -> Iterator[tuple[int, tuple[Any, str]]]:
    """(index, counted plan) for every file, as they are done. With jobs=2 a worker
    process (forked from a fresh forkserver: no threads of this one come along) takes
    the next plans while this process counts others; it never runs far ahead. Should it
    die (killed, out of memory), this process counts its plans itself."""
    import multiprocessing

    if jobs < 2 or "forkserver" not in multiprocessing.get_all_start_methods():
        yield from ((i, _org(f)) for i, f in enumerate(files))
        return
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    def done(i: int, future: Future[tuple[Any, str]]) -> tuple[int, tuple[Any, str]]:
        try:
            return i, future.result()
        except BrokenProcessPool:
            return i, _org(files[i])

    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([__name__, "partnerplan.plan.loader", "partnerplan.documents.report"])
    cwd = os.getcwd()
    queued: deque[tuple[int, Future[tuple[Any, str]]]] = deque()
    with ProcessPoolExecutor(1, mp_context=ctx) as pool:
        try:
            nxt, broken = 0, False
            while nxt < len(files) or queued:
                while not broken and len(queued) < _AHEAD and nxt < len(files):
                    try:
                        queued.append((nxt, pool.submit(_org, files[nxt], cwd)))
                    except BrokenProcessPool:
                        broken = True
                        break
                    nxt += 1
                while queued and queued[0][1].done():
                    yield done(*queued.popleft())
                if nxt < len(files):
                    yield nxt, _org(files[nxt])
                    nxt += 1
                elif queued:
                    yield done(*queued.popleft())
        finally:
            for _, future in queued:
                future.cancel()


def _org(f: str, cwd: str | None = None) -> tuple[Any, str]:
    """One plan file counted for the report (report.OrgFigures), or why it is skipped.
    `cwd`: the folder relative paths are read from (in a worker process)."""
    from partnerplan.documents.report import OrgPlan, org_figures
    from partnerplan.plan.loader import load_plan

    if cwd is not None and os.getcwd() != cwd:
        os.chdir(cwd)
    checked = load_plan(f)
    first = checked.first_error()
    if not checked.ok:
        return None, f"{first.line}:{first.column}: {first.message()}" if first else ""
    assert checked.plan is not None and checked.vocabulary is not None
    sched = plan_schedule(checked)
    first = next((d for d in sched.diagnostics if d.severity == "error"), None)
    if first is not None:
        return None, f"{first.line}:{first.column}: {first.message()}"
    return org_figures(OrgPlan(f, checked.plan, checked.vocabulary, sched.events)), ""


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
    r.by_month = every_month(r.by_month, [(o.start, o.end) for o in net.orgs])
    title = (
        "Анализ работы с социальными партнёрами за год"
        if year_end
        else "Отчёт о работе с социальными партнёрами"
    )
    years = sorted({o.year for o in net.orgs})
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
