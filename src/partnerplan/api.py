"""The library's entry points: what each CLI command calls. No printing, no exits."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from partnerplan.diagnostics import Diagnostic

if TYPE_CHECKING:  # the models cost ~50 ms to build: a cached `validate` never needs them
    from partnerplan.check import Checked

PLAN_SUFFIXES = (".yaml", ".yml")


class UsageError(Exception):
    """Something the user asked for cannot be done; the message code says what."""

    def __init__(self, code: str, **args: Any) -> None:
        super().__init__(code)
        self.code = code
        self.args_ = args


def find_plan_files(paths: Iterable[str]) -> list[str]:
    """Files as given; folders searched for *.yaml / *.yml, hidden folders skipped."""
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            found = sorted(_walk(p))
            out.extend(found)
        else:
            out.append(p)
    return out


def _walk(root: str) -> Iterator[str]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.endswith(PLAN_SUFFIXES) and not name.startswith("."):
                yield os.path.join(dirpath, name)


@dataclass(slots=True)
class FileResult:
    path: str
    lines: list[str]  # the source, for carets under problems
    diagnostics: list[Diagnostic]
    partners: int
    activities: int


@dataclass(slots=True)
class Summary:
    files: int = 0
    partners: int = 0
    activities: int = 0
    errors: int = 0
    warnings: int = 0
    results: list[FileResult] = field(default_factory=list)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for r in self.results for d in r.diagnostics]


def check_file(file: str, *, strict: bool = False) -> FileResult:
    """Everything `validate` says about one file: shape, references, periods and days."""
    from partnerplan.check import check
    from partnerplan.load import load_file

    result = check(load_file(file))
    diags = list(result.diagnostics)
    plan = result.plan
    if plan is not None:
        # Periods and days: unreadable periods are errors, days off and clashes warnings.
        diags = sorted([*diags, *plan_schedule(result).diagnostics], key=Diagnostic.sort_key)
    if strict:
        diags = [Diagnostic(d.code, "error", d.path, d.line, d.column, d.args) for d in diags]
    partners = len(plan.partners) if plan else 0
    activities = sum(len(p.activities) for p in plan.partners) if plan else 0
    return FileResult(file, result.loaded.lines, diags, partners, activities)


def validate(paths: Iterable[str], *, strict: bool = False, use_cache: bool = True) -> Summary:
    """Load and check every plan file below `paths`; `strict` turns warnings into errors."""
    from partnerplan import cache

    store = cache.ValidateCache() if use_cache and cache.enabled() else None
    summary = Summary()
    for file in find_plan_files(paths):
        result = _cached(store, file, strict) if store else None
        if result is None:
            result = check_file(file, strict=strict)
            if store:
                _remember(store, file, strict, result)
        summary.results.append(result)
        summary.files += 1
        summary.partners += result.partners
        summary.activities += result.activities
        for d in result.diagnostics:
            if d.severity == "error":
                summary.errors += 1
            else:
                summary.warnings += 1
    return summary


def _read(file: str) -> bytes | None:
    try:
        with open(file, "rb") as fh:
            return fh.read()
    except OSError:
        return None


def _cached(store: Any, file: str, strict: bool) -> FileResult | None:
    raw = _read(file)
    if raw is None:
        return None
    record = store.get(store.key(file, raw, strict))
    if record is None:
        return None
    try:
        diags = [
            Diagnostic(d["code"], d["severity"], file, d["line"], d["column"], d["args"]) for d in record["d"]
        ]
        from partnerplan.load import decode

        text, _ = decode(raw, file)
        return FileResult(file, text.splitlines(), diags, record["partners"], record["activities"])
    except Exception:
        return None


def _remember(store: Any, file: str, strict: bool, result: FileResult) -> None:
    raw = _read(file)
    if raw is None:
        return
    record = {
        "d": [
            {"code": d.code, "severity": d.severity, "line": d.line, "column": d.column, "args": d.args}
            for d in result.diagnostics
        ],
        "partners": result.partners,
        "activities": result.activities,
    }
    store.put(store.key(file, raw, strict), record)


def json_schema() -> dict[str, Any]:
    from partnerplan.model import Plan

    schema = Plan.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


# --- periods and the schedule -------------------------------------------------------


def load_plan(file: str) -> Checked:
    from partnerplan.check import check
    from partnerplan.load import load_file

    return check(load_file(file))


def plan_schedule(checked: Checked) -> Any:
    """The Schedule of a checked plan (which must have a plan)."""
    from partnerplan.calendar import build_calendar
    from partnerplan.schedule import build_schedule

    assert checked.plan is not None and checked.vocabulary is not None
    cal = build_calendar(checked.plan)
    return build_schedule(
        checked.plan, checked.vocabulary, cal, checked.loaded.path, checked.loaded.source_map
    )


def year_calendar(year: str) -> Any:
    """The default calendar of a plan year given as text («2025/2026» or «2026»)."""
    from partnerplan.calendar import build_calendar
    from partnerplan.model import Plan

    plan = Plan.model_validate({"version": 1, "planner": {"name": "-"}, "year": year})
    return build_calendar(plan)


def explain_period(text: str, cal: Any, lang: str = "ru") -> dict[str, Any]:
    """What a period phrase means in a year: the JSON of `partnerplan period`."""
    from partnerplan.messages import hint_text, message_text
    from partnerplan.periods import PeriodError, parse_period
    from partnerplan.schedule import place, suggest

    try:
        period = parse_period(text, cal)
    except PeriodError as exc:
        args = dict(exc.args_)
        if exc.code == "PP300":
            args.setdefault("suggestions", suggest(text))
        return {
            "text": text,
            "error": message_text(exc.code, args, lang),
            "hint": hint_text(exc.code, args, lang),
            "suggestions": args.get("suggestions", []),
        }
    days = sorted(d for d, _, _ in place(period, cal, f"period:{text}")) if period.kind == "dated" else []
    return {
        "text": text,
        "kind": period.kind,
        "windows": [
            {
                "from": w.start.isoformat(),
                "to": w.end.isoformat(),
                "count": w.count,
                "label": w.label,
            }
            for w in period.windows
        ],
        "dates": [d.isoformat() for d in days],
    }


def event_rows(events: Iterable[Any]) -> list[dict[str, Any]]:
    """Events as flat records: the JSON and CSV of `partnerplan schedule`."""
    return [
        {
            "date": e.date.isoformat() if e.date else None,
            "partner": e.partner,
            "partner_name": e.partner_name,
            "title": e.title,
            "form": e.form,
            "period": e.period,
            "kind": e.kind,
            "directions": list(e.directions),
            "responsible": e.responsible,
            "uid": e.uid,
            "line": e.line,
        }
        for e in events
    ]


# --- documents ----------------------------------------------------------------------

RENDER_TARGETS = ("docx", "html", "md")
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
) -> Rendered:
    """The Комплексный план (what=plan), the calendar plan, the model picture or all three.

    `picture` ("png" or "svg") asks for the model alone as an image file.
    """
    from partnerplan.render.labels import PLAN_HEADERS, labels
    from partnerplan.render.table import calendar_blocks, plan_rows

    plan, voc = checked.plan, checked.vocabulary
    assert plan is not None and voc is not None
    if picture is not None:
        from partnerplan.render.diagram import render_model

        return Rendered(render_model(plan, voc, picture), {})
    rows = plan_rows(plan, voc)
    events = plan_schedule(checked).events if what in ("calendar", "all") else None
    want_model = what in ("model", "all")
    show_plan = what in ("plan", "all")
    if to == "docx":
        from partnerplan.render.diagram import render_model
        from partnerplan.render.docx import render_docx

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
    from partnerplan.render.docx import default_title
    from partnerplan.render.jinja import render_template

    blocks, undated = calendar_blocks(events) if events is not None else ([], [])
    extra: dict[str, bytes] = {}
    model_svg = model_image = ""
    if want_model:
        from partnerplan.render.diagram import render_model

        if to == "html":
            svg = render_model(plan, voc, "svg").decode("utf-8")
            model_svg = svg[svg.index("<svg") :]  # inline: drop the XML prologue and doctype
        else:
            extra[".model.png"] = render_model(plan, voc, "png")
            model_image = "{stem}.model.png"
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
