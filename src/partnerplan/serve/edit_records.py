"""The partner and event-mark forms and their submissions (the activity forms and the
shared helpers are in `editing`)."""

from __future__ import annotations

from typing import Any

import anyio
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from partnerplan.serve import forms
from partnerplan.serve.changes import Change, record_fp
from partnerplan.serve.editor import _STATUS, Editor, _int, _partners, form_of, snapshot, vocab
from partnerplan.serve.state import PlanEntry
from partnerplan.serve.writer import apply


def routes(ed: Editor) -> list[Route]:
    site, folder, entry_of, missing, back = ed.site, ed.folder, ed.entry_of, ed.missing, ed.back
    activity_context = ed.activity_context

    def partner_context(own: dict[str, Any], merged: dict[str, Any], p: int) -> tuple[Any, Any]:
        partners, raw = _partners(merged), _partners(own)
        shown = partners[p] if 0 <= p < len(partners) and isinstance(partners[p], dict) else None
        mine = raw[p] if 0 <= p < len(raw) and isinstance(raw[p], dict) else None
        return shown, mine

    def render_partner(
        request: Request,
        entry: PlanEntry,
        shown: dict[str, Any],
        p: int,
        fp: str,
        base: str,
        registry: bool,
        errors: dict[str, list[str]] | None = None,
        details: list[str] | None = None,
        message: str = "",
        status: int = 200,
    ) -> Response:
        title = site.t("edit.edit_partner") if p >= 0 else site.t("edit.partner_new")
        return site.page(
            request,
            "partner_form.html.j2",
            status,
            nav="plan",
            title=title,
            entry=entry,
            live=False,
            shown=shown,
            p=p,
            fp=fp,
            base=base,
            registry=registry,
            errors=errors or {},
            details=details or [],
            message=message,
            vocab=vocab(entry),
        )

    async def partner_form(request: Request) -> Response:
        entry = entry_of(request)
        if entry is None:
            return missing(request)
        p = _int(request.query_params.get("p"))
        digest, own, merged = await anyio.to_thread.run_sync(snapshot, entry)
        shown, mine = partner_context(own, merged, p)
        if p >= 0 and shown is None:
            return missing(request, record=True)
        fp = record_fp("partner.edit", mine, None, None) if p >= 0 else ""
        registry = bool(p >= 0 and mine is not None and "name" not in mine)
        return render_partner(request, entry, forms.shown_partner(shown or {}), p, fp, digest, registry)

    async def partner_save(request: Request) -> Response:
        form = await form_of(request)
        entry = entry_of(request, form)
        if entry is None:
            return missing(request)
        p = _int(form.get("p"))
        _digest, own, merged = await anyio.to_thread.run_sync(snapshot, entry)
        shown, mine = partner_context(own, merged, p)
        before = forms.shown_partner(shown or {})
        directions = [str(d) for d in form.getlist("directions")]
        parsed = forms.partner_values(dict(form), directions, site.lang, p < 0, before, mine or {})
        pid = before.get("id") if p >= 0 else parsed.values.get("id")
        change = Change(
            "partner.edit" if p >= 0 else "partner.add",
            pid,
            p,
            -1,
            str(form.get("fp", "")),
            str(form.get("base", "")),
            parsed.values,
        )
        outcome = None
        if not parsed.errors:
            outcome = await anyio.to_thread.run_sync(apply, folder, entry, change, site.lang)
            if outcome.status == "saved":
                return back(entry, outcome)
        registry = bool(p >= 0 and mine is not None and "name" not in mine)
        return render_partner(
            request,
            entry,
            {**parsed.shown, "id": pid or parsed.shown.get("id", "")},
            p,
            change.fp,
            change.base,
            registry,
            outcome.fields if outcome else parsed.errors,
            outcome.details if outcome else [],
            outcome.message if outcome else site.t("edit.refused"),
            _STATUS[outcome.status] if outcome else 422,
        )

    async def mark_form(request: Request) -> Response:
        entry = entry_of(request)
        if entry is None:
            return missing(request)
        qp = request.query_params
        p, a, day = _int(qp.get("p")), _int(qp.get("a")), forms.parse_day(str(qp.get("d", "")))
        digest, own, merged = await anyio.to_thread.run_sync(snapshot, entry)
        ctx = activity_context(entry, own, merged, p, a)
        if ctx["act"] is None or day is None:
            return missing(request, record=True)
        log = ctx["act"].get("log") or []
        current = next((x for x in log if isinstance(x, dict) and x.get("planned") == day), None)
        fp = record_fp("log.mark", ctx["raw_partner"], ctx["raw_act"], day)
        return render_mark(
            request, entry, ctx, forms.shown_log(current), day, p, a, fp, digest, current is not None
        )

    def render_mark(
        request: Request,
        entry: PlanEntry,
        ctx: dict[str, Any],
        shown: dict[str, Any],
        day: str,
        p: int,
        a: int,
        fp: str,
        base: str,
        marked: bool,
        errors: dict[str, list[str]] | None = None,
        details: list[str] | None = None,
        message: str = "",
        status: int = 200,
    ) -> Response:
        from datetime import date

        what = ctx["act"].get("title") or ctx["act"].get("form")
        return site.page(
            request,
            "mark_form.html.j2",
            status,
            nav="plan",
            title=site.t("edit.mark"),
            entry=entry,
            live=False,
            shown=shown,
            day=day,
            when=date.fromisoformat(day),
            what=what,
            p=p,
            a=a,
            fp=fp,
            base=base,
            marked=marked,
            pid=ctx["partner"].get("id"),
            partner=ctx["partner"],
            errors=errors or {},
            details=details or [],
            message=message,
        )

    async def mark_save(request: Request) -> Response:
        form = await form_of(request)
        entry = entry_of(request, form)
        if entry is None:
            return missing(request)
        p, a, day = _int(form.get("p")), _int(form.get("a")), forms.parse_day(str(form.get("d", "")))
        if day is None:
            return missing(request)
        unmark = form.get("unmark") == "1"
        parsed = forms.log_values(dict(form), site.lang)
        change = Change(
            "log.mark",
            str(form.get("pid", "")),
            p,
            a,
            str(form.get("fp", "")),
            str(form.get("base", "")),
            None if unmark else parsed.values,
            planned=day,
        )
        outcome = None
        if unmark or not parsed.errors:
            outcome = await anyio.to_thread.run_sync(apply, folder, entry, change, site.lang)
            if outcome.status == "saved":
                return back(entry, outcome)
        _digest, own, merged = await anyio.to_thread.run_sync(snapshot, entry)
        ctx = activity_context(entry, own, merged, p, a)
        if ctx["act"] is None:
            ctx["act"], ctx["partner"] = {"form": "?"}, {"id": change.pid}
        return render_mark(
            request,
            entry,
            ctx,
            parsed.shown,
            day,
            p,
            a,
            change.fp,
            change.base,
            False,
            outcome.fields if outcome else parsed.errors,
            outcome.details if outcome else [],
            outcome.message if outcome else site.t("edit.refused"),
            _STATUS[outcome.status] if outcome else 422,
        )

    return [
        Route("/partner-form", partner_form, methods=["GET"]),
        Route("/partner-form", partner_save, methods=["POST"]),
        Route("/mark", mark_form, methods=["GET"]),
        Route("/mark", mark_save, methods=["POST"]),
    ]
