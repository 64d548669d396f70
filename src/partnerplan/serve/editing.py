"""The pages that change a plan: the editing view, the activity, partner and event-mark
forms and their submissions. A form remembers the file's digest and the record's
fingerprint when it was opened; `writer.apply` decides, and a refusal comes back as the
same form with the user's values and the reason beside the field."""

from __future__ import annotations

from typing import Any

import anyio
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from partnerplan.serve import forms
from partnerplan.serve.changes import Change, Op, record_fp
from partnerplan.serve.editor import _STATUS, Editor, _int, _partners, form_of, snapshot, vocab
from partnerplan.serve.state import PlanEntry
from partnerplan.serve.writer import apply


def routes(ed: Editor) -> list[Route]:
    site = ed.site
    folder, entry_of, missing, back = ed.folder, ed.entry_of, ed.missing, ed.back
    activity_context = ed.activity_context

    async def overview(request: Request) -> Response:
        entry = entry_of(request)
        if entry is None:
            return missing(request)
        _digest, _own, merged = await anyio.to_thread.run_sync(snapshot, entry)
        notes = ed.flashes.get(str(request.query_params.get("done", "")), [])
        from partnerplan.serve.documents import downloads_for

        return site.page(
            request,
            "edit.html.j2",
            nav="plan",
            title=site.t("edit.title"),
            entry=entry,
            partners=_partners(merged),
            notes=notes,
            downloads=downloads_for(entry),
        )

    async def activity_form(request: Request) -> Response:
        entry = entry_of(request)
        if entry is None:
            return missing(request)
        p, a = _int(request.query_params.get("p")), _int(request.query_params.get("a"))
        digest, own, merged = await anyio.to_thread.run_sync(snapshot, entry)
        ctx = activity_context(entry, own, merged, p, a)
        if ctx["partner"] is None or (a >= 0 and ctx["act"] is None):
            return missing(request, record=True)
        op: Op = "activity.edit" if a >= 0 else "activity.add"
        shown = forms.shown_activity(ctx["act"] or {})
        shown["partner"] = ctx["partner"].get("id")
        fp = record_fp(op, ctx["raw_partner"], ctx["raw_act"], None)
        return render_activity(request, entry, ctx, shown, {}, [], "", p, a, fp, digest)

    def render_activity(
        request: Request,
        entry: PlanEntry,
        ctx: dict[str, Any],
        shown: dict[str, Any],
        errors: dict[str, list[str]],
        details: list[str],
        message: str,
        p: int,
        a: int,
        fp: str,
        base: str,
        status: int = 200,
    ) -> Response:
        from partnerplan.dates.periods import EXAMPLES

        name = ctx["partner"].get("name") or ctx["partner"].get("id")
        title = site.t("edit.activity" if a >= 0 else "edit.activity_new", partner=name)
        return site.page(
            request,
            "activity_form.html.j2",
            status,
            nav="plan",
            title=title,
            entry=entry,
            live=False,
            shown=shown,
            errors=errors,
            details=details,
            message=message,
            p=p,
            a=a,
            fp=fp,
            base=base,
            pid=ctx["partner"].get("id"),
            partners=ctx["partners"],
            vocab=vocab(entry),
            periods=list(EXAMPLES)[:40],
            act=ctx["act"],
        )

    async def activity_save(request: Request) -> Response:
        form = await form_of(request)
        entry = entry_of(request, form)
        if entry is None:
            return missing(request)
        p, a = _int(form.get("p")), _int(form.get("a"))
        parsed = forms.activity_values(dict(form), site.lang)
        change = Change(
            "activity.edit" if a >= 0 else "activity.add",
            str(form.get("pid", "")),
            p,
            a,
            str(form.get("fp", "")),
            str(form.get("base", "")),
            parsed.values,
            move_to=str(form.get("partner", "")) or None,
        )
        if a < 0 and change.move_to:  # a new activity goes to the partner chosen in the form
            change.pid, change.p = change.move_to, (p if change.move_to == form.get("pid") else -1)
        outcome = None
        if not parsed.errors:
            outcome = await anyio.to_thread.run_sync(apply, folder, entry, change, site.lang)
            if outcome.status == "saved":
                return back(entry, outcome)
        _digest, own, merged = await anyio.to_thread.run_sync(snapshot, entry)
        ctx = activity_context(entry, own, merged, p, a)
        if ctx["partner"] is None:
            ctx["partner"] = {"id": change.pid, "name": change.pid}
        errors = outcome.fields if outcome else parsed.errors
        message = outcome.message if outcome else site.t("edit.refused")
        status = _STATUS[outcome.status] if outcome else 422
        return render_activity(
            request,
            entry,
            ctx,
            parsed.shown,
            errors,
            outcome.details if outcome else [],
            message,
            p,
            a,
            change.fp,
            change.base,
            status,
        )

    async def activity_delete(request: Request) -> Response:
        form = await form_of(request)
        entry = entry_of(request, form)
        if entry is None:
            return missing(request)
        p, a = _int(form.get("p")), _int(form.get("a"))
        change = Change(
            "activity.delete",
            str(form.get("pid", "")),
            p,
            a,
            str(form.get("fp", "")),
            str(form.get("base", "")),
        )
        if form.get("confirm") != "1":
            _digest, own, merged = await anyio.to_thread.run_sync(snapshot, entry)
            ctx = activity_context(entry, own, merged, p, a)
            if ctx["act"] is None:
                return missing(request, record=True)
            what = ctx["act"].get("title") or ctx["act"].get("form")
            who = ctx["partner"].get("name") or ctx["partner"].get("id")
            return site.page(
                request,
                "confirm.html.j2",
                nav="plan",
                title=site.t("edit.delete"),
                entry=entry,
                live=False,
                question=site.t("edit.delete_q", what=what, who=who),
                change=change,
            )
        outcome = await anyio.to_thread.run_sync(apply, folder, entry, change, site.lang)
        if outcome.status == "saved":
            return back(entry, outcome)
        return site.page(
            request,
            "message.html.j2",
            _STATUS[outcome.status],
            title=site.t("edit.delete"),
            message=outcome.message,
            entry=entry,
        )

    return [
        Route("/edit", overview),
        Route("/activity", activity_form, methods=["GET"]),
        Route("/activity", activity_save, methods=["POST"]),
        Route("/activity/delete", activity_delete, methods=["POST"]),
    ]
