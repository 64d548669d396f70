"""The pages that show: the network overview, one plan's «Комплексный план», the
calendar, a partner across the network, the report, the diagnostics, and the downloads.
Every handler only reads the folder's state; editing lives in `editing`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from partnerplan.diagnostics import format_text as diagnostic_text
from partnerplan.serve import calendar as cal
from partnerplan.serve import documents as docs
from partnerplan.serve.state import PlanEntry

if TYPE_CHECKING:
    from partnerplan.serve.app import Site

PARTNERS_SHOWN = 200
DIAGNOSTICS_SHOWN = 500


def routes(site: Site) -> list[Route]:
    folder = site.folder

    def single() -> PlanEntry | None:
        return next(iter(folder.entries.values())) if len(folder.entries) == 1 else None

    def missing(request: Request, key: str | None) -> Response:
        message = site.t("plan.no_file", f=key or "")
        return site.page(request, "message.html.j2", 404, title=site.t("not_found"), message=message)

    async def overview(request: Request) -> Response:
        q = str(request.query_params.get("q", "")).strip()[:100]
        partners = list(folder.partners().values())
        if q:
            low = q.lower()
            partners = [p for p in partners if low in p.name.lower() or low in p.pid.lower()]
        partners.sort(key=lambda p: (-p.orgs, -p.events, p.name.lower()))
        errors = sum(e.errors for e in folder.entries.values())
        warnings = sum(e.warnings for e in folder.entries.values())
        one = single()
        return site.page(
            request,
            "overview.html.j2",
            nav="overview",
            title=site.t("overview.title"),
            entries=list(folder.entries.values()),
            totals=folder.totals(),
            partners=partners[:PARTNERS_SHOWN],
            more=max(0, len(partners) - PARTNERS_SHOWN),
            q=q,
            errors=errors,
            warnings=warnings,
            skipped=folder.skipped,
            downloads=docs.downloads_for(one),
            report_links=docs.report_downloads(),
            first_problems=folder.all_diagnostics()[:8],
            lines_of=diagnostic_text,
        )

    async def plan(request: Request) -> Response:
        one = single()
        key = request.query_params.get("f") or (one.key if one is not None else None)
        entry = folder.entry(key)
        if entry is None:
            return missing(request, key)
        css = body = ""
        problems = []
        if entry.ok:
            css, body = docs.plan_html(folder, entry, site.lang)
        else:
            problems = [
                diagnostic_text(d, entry.checked.loaded.lines, site.lang).replace(entry.path, entry.key, 1)
                for d in entry.diagnostics
                if d.severity == "error"
            ][:50]
        return site.page(
            request,
            "plan.html.j2",
            nav="plan",
            title=entry.name,
            entry=entry,
            css=css,
            body=body,
            problems=problems,
            downloads=docs.downloads_for(entry),
        )

    async def calendar(request: Request) -> Response:
        qp = request.query_params
        month = cal.parse_month(str(qp.get("month", "")), folder)
        view = "list" if qp.get("view") == "list" else "grid"
        f = cal.Filters.from_query(qp)
        if f.org and folder.entry(f.org) is None:
            f = cal.Filters(f.partner, f.direction, f.form, f.responsible, "")
        items = cal.month_items(folder, month, f)
        undated, undated_total = cal.undated_items(folder, f, 200) if view == "list" else ([], 0)
        prev, nxt = cal.neighbours(month)
        from datetime import date

        one = folder.entry(f.org) or single()

        def link(m: tuple[int, int], how: str) -> str:
            from urllib.parse import urlencode

            return "/calendar?" + urlencode({**f.query(), "month": f"{m[0]:04d}-{m[1]:02d}", "view": how})

        return site.page(
            request,
            "calendar.html.j2",
            nav="calendar",
            title=site.t("nav.calendar"),
            month=month,
            first=date(month[0], month[1], 1),
            prev=prev,
            next=nxt,
            view=view,
            f=f,
            weeks=cal.grid(month, items) if view == "grid" else [],
            items=items[: cal.LIST_CAP],
            total=len(items),
            cap=cal.LIST_CAP,
            undated=undated,
            undated_total=undated_total,
            choices=cal.choices(folder),
            network=len(folder.entries) > 1,
            date=date,
            downloads=docs.downloads_for(one),
            weekdays=site.t("weekdays").split(),
            link=link,
            report_links=docs.report_downloads() if one is None else [],
        )

    async def partner(request: Request) -> Response:
        pid = request.path_params["pid"]
        summary = folder.partners().get(pid)
        if summary is None:
            message = site.t("partner.unknown", pid=pid)
            return site.page(request, "message.html.j2", 404, title=site.t("not_found"), message=message)
        places = []
        bookings: dict[Any, list[tuple[PlanEntry, Any]]] = {}
        for key, index in summary.places:
            entry = folder.entries[key]
            plan = entry.checked.plan
            assert plan is not None
            p = plan.partners[index]
            places.append((entry, index, p))
        events = []
        for entry in {e.key: e for e, _, _ in places}.values():
            for ev in entry.events:
                if ev.partner == pid and ev.date is not None:
                    events.append((entry, ev, entry.status(ev)))
                    bookings.setdefault(ev.date, []).append((entry, ev))
        events.sort(key=lambda x: (x[1].date, x[0].key))
        conflicts = sorted(
            ((d, b) for d, b in bookings.items() if len({e.key for e, _ in b}) > 1), key=lambda x: x[0]
        )
        one = places[0][0] if len({e.key for e, _, _ in places}) == 1 else None
        return site.page(
            request,
            "partner.html.j2",
            nav="partner",
            title=site.t("partner.title", name=summary.name),
            summary=summary,
            places=places,
            events=events,
            conflicts=conflicts,
            network=len(folder.entries) > 1,
            downloads=docs.downloads_for(one),
            report_links=docs.report_downloads(),
        )

    async def report(request: Request) -> Response:
        year_end = request.query_params.get("year_end") == "1"
        made = docs.report_html(folder, year_end, site.lang)
        css, body = made if made is not None else ("", "")
        return site.page(
            request,
            "report.html.j2",
            nav="report",
            title=site.t("report.title"),
            css=css,
            body=body,
            year_end=year_end,
            report_links=docs.report_downloads(year_end),
            downloads=docs.downloads_for(single()),
        )

    async def diagnostics(request: Request) -> Response:
        found = folder.all_diagnostics()
        shown = [
            (
                key,
                d,
                diagnostic_text(d, lines, site.lang).replace(folder.entries[key].path, key, 1)
                if key in folder.entries
                else diagnostic_text(d, lines, site.lang),
            )
            for key, lines, d in found[:DIAGNOSTICS_SHOWN]
        ]
        return site.page(
            request,
            "diagnostics.html.j2",
            nav="diagnostics",
            title=site.t("diag.title"),
            shown=shown,
            total=len(found),
            cap=DIAGNOSTICS_SHOWN,
            downloads=docs.downloads_for(single()),
            report_links=docs.report_downloads(),
        )

    async def download(request: Request) -> Response:
        import anyio

        key = request.query_params.get("f")
        kind = str(request.query_params.get("kind", ""))
        entry = folder.entry(key)
        available = kind in docs.PLAN_KINDS and (kind != "xlsx" or docs.xlsx_writer() is not None)
        if entry is None or not available or not entry.ok:
            return missing(request, key)
        name, data = await anyio.to_thread.run_sync(docs.plan_file, folder, entry, kind, site.lang)
        return Response(data, media_type=docs.content_type(kind), headers=docs.attachment(name))

    async def download_report(request: Request) -> Response:
        import anyio

        kind = str(request.query_params.get("kind", ""))
        year_end = request.query_params.get("year_end") == "1"
        if kind not in docs.REPORT_KINDS:
            return missing(request, kind)
        made = await anyio.to_thread.run_sync(docs.report_file, folder, kind, year_end, site.lang)
        if made is None:
            return site.page(
                request, "message.html.j2", 404, title=site.t("not_found"), message=site.t("report.none")
            )
        name, data = made
        return Response(data, media_type=docs.content_type(kind), headers=docs.attachment(name))

    return [
        Route("/", overview),
        Route("/plan", plan),
        Route("/calendar", calendar),
        Route("/partner/{pid:str}", partner),
        Route("/report", report),
        Route("/diagnostics", diagnostics),
        Route("/download", download),
        Route("/download/report", download_report),
    ]
