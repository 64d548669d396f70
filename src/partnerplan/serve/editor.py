"""What the edit routes share: the record a form edits (snapshot, digest), form parsing,
the vocabulary for choices, and the Editor (site, folder, messages after a save)."""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from starlette.datastructures import ImmutableMultiDict
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from partnerplan.plan.loader import load_plan
from partnerplan.serve.changes import Outcome
from partnerplan.serve.state import PlanEntry

if TYPE_CHECKING:
    from partnerplan.serve.app import Site

_STATUS = {"saved": 303, "invalid": 422, "stale": 409, "gone": 409, "cannot": 422}


def snapshot(entry: PlanEntry) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """(digest, the file's own data, the data with partners.yaml filled in), read now."""
    from partnerplan.fsutil import ReadError, read_limited
    from partnerplan.plan.load import MAX_BYTES

    try:
        raw = read_limited(entry.path, MAX_BYTES)
    except ReadError:
        raw = b""
    own = load_plan(raw, path=entry.path, registry=None).loaded.data if raw else None
    merged = load_plan(raw, path=entry.path).loaded.data if raw else None
    return (
        hashlib.sha256(raw).hexdigest(),
        own if isinstance(own, dict) else {},
        merged if isinstance(merged, dict) else {},
    )


async def form_of(request: Request) -> ImmutableMultiDict[str, str]:
    """An urlencoded form (what the pages send), read without python-multipart."""
    from urllib.parse import parse_qsl

    body = await request.body()
    return ImmutableMultiDict(
        parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True, max_num_fields=2000)
    )


def _partners(data: dict[str, Any]) -> list[Any]:
    found = data.get("partners")
    return found if isinstance(found, list) else []


def _int(value: Any, default: int = -1) -> int:
    try:
        return int(str(value))
    except ValueError:
        return default


def vocab(entry: PlanEntry) -> dict[str, dict[str, str]]:
    from partnerplan.plan import vocabulary as builtin

    voc = entry.checked.vocabulary or entry.checked.partial_vocabulary
    if voc is not None:
        return {"forms": voc.forms, "groups": voc.groups, "directions": voc.directions}
    return {
        "forms": {f[0]: f[1] for f in builtin.FORMS},
        "groups": dict(builtin.GROUPS),
        "directions": dict(builtin.DIRECTIONS),
    }


class Editor:
    """What the edit routes share: the site, the folder, the messages after a save."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.folder = site.folder
        self.flashes: dict[str, list[str]] = {}

    def entry_of(self, request: Request, form: Any = None) -> PlanEntry | None:
        source = form if form is not None else request.query_params
        return self.folder.entry(source.get("f"))

    def missing(self, request: Request, record: bool = False) -> Response:
        key = request.query_params.get("f", "")
        t = self.site.t
        message = t("edit.no_record") if record else t("plan.no_file", f=key)
        return self.site.page(request, "message.html.j2", 404, title=t("not_found"), message=message)

    def flash(self, notes: list[str]) -> str:
        key = secrets.token_hex(6)
        self.flashes[key] = notes
        while len(self.flashes) > 100:
            self.flashes.pop(next(iter(self.flashes)))
        return key

    def back(self, entry: PlanEntry, outcome: Outcome) -> Response:
        anchor = f"#p{outcome.where[0]}" if outcome.where else ""
        note = self.flash([outcome.message, *outcome.notes])
        return RedirectResponse(f"/edit?f={quote(entry.key)}&done={note}{anchor}", status_code=303)

    @staticmethod
    def activity_context(
        entry: PlanEntry, own: dict[str, Any], merged: dict[str, Any], p: int, a: int
    ) -> dict[str, Any]:
        partners = _partners(merged)
        partner = partners[p] if 0 <= p < len(partners) and isinstance(partners[p], dict) else None
        acts = (partner or {}).get("activities") or []
        act = acts[a] if 0 <= a < len(acts) and isinstance(acts[a], dict) else None
        raw_partner = _partners(own)[p] if 0 <= p < len(_partners(own)) else {}
        raw_acts = (raw_partner or {}).get("activities") or []
        raw_act = raw_acts[a] if 0 <= a < len(raw_acts) else None
        return {
            "partner": partner,
            "act": act,
            "raw_partner": raw_partner,
            "raw_act": raw_act,
            "partners": [
                (x.get("id"), x.get("name") or x.get("id")) for x in partners if isinstance(x, dict)
            ],
        }
