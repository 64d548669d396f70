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
    # (id, name, line, column) of each partner: for the checks across a network's plans
    index: list[tuple[str, str, int, int]] = field(default_factory=list)


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


def load_plan(file: str, *, registry: Any = None) -> Checked:
    """Load and check one plan; a network's partners.yaml beside it is used when present."""
    from partnerplan.check import check
    from partnerplan.load import load_file
    from partnerplan.network import load_registry, registry_path

    if registry is None:
        reg_path = registry_path(file)
        registry = load_registry(reg_path).registry if reg_path else None
    return check(load_file(file), registry)


def check_file(file: str, *, strict: bool = False, registry: Any = None) -> FileResult:
    """Everything `validate` says about one plan: shape, references, periods and days."""
    from partnerplan.check import check
    from partnerplan.load import load_file

    result = check(load_file(file), registry)
    diags = list(result.diagnostics)
    plan = result.plan
    if plan is not None:
        # Periods and days: unreadable periods are errors, days off and clashes warnings.
        diags = sorted([*diags, *plan_schedule(result).diagnostics], key=Diagnostic.sort_key)
    elif result.partial is not None and result.partial_vocabulary is not None:
        # The file is invalid, but its readable part may hide more problems: say them now.
        from partnerplan.calendar import build_calendar
        from partnerplan.schedule import build_schedule

        sched = build_schedule(
            result.partial,
            result.partial_vocabulary,
            build_calendar(result.partial),
            file,
            result.loaded.source_map,
        )
        diags = sorted(
            [*diags, *(d for d in sched.diagnostics if d.severity == "error")], key=Diagnostic.sort_key
        )
    index = []
    if plan is not None:
        smap = result.loaded.source_map
        for i, p in enumerate(plan.partners):
            line, col = (
                smap.find(("partners", i, "name"))
                if "name" in _raw_partner(result, i)
                else smap.find(("partners", i, "id"))
            )
            index.append((p.id, p.name, line, col))
    return FileResult(file, result.loaded.lines, _strict(diags, strict), len(plan.partners) if plan else 0,
                      sum(len(p.activities) for p in plan.partners) if plan else 0, index)  # fmt: skip


def _raw_partner(result: Checked, i: int) -> dict[str, Any]:
    data = result.loaded.data
    try:
        partner = data["partners"][i]
        return partner if isinstance(partner, dict) else {}
    except (KeyError, IndexError, TypeError):
        return {}


def _strict(diags: list[Diagnostic], strict: bool) -> list[Diagnostic]:
    if not strict:
        return diags
    return [Diagnostic(d.code, "error", d.path, d.line, d.column, d.args) for d in diags]


def validate(paths: Iterable[str], *, strict: bool = False, use_cache: bool = True) -> Summary:
    """Load and check every plan file below `paths`; `strict` turns warnings into errors.

    A folder's partners.yaml is checked as the network's registry and used by its plans;
    partners that several plans of one folder share by id must agree on their names."""
    from partnerplan import cache
    from partnerplan.network import cross_check, is_registry, load_registry, registry_path

    store = cache.ValidateCache() if use_cache and cache.enabled() else None
    summary = Summary()
    registries: dict[str, Any] = {}
    files = find_plan_files(paths)
    for file in files:
        if is_registry(file):
            reg = load_registry(file)
            registries[os.path.abspath(file)] = reg
            summary.results.append(FileResult(file, reg.loaded.lines, _strict(reg.diagnostics, strict), 0, 0))
            continue
        reg_path = registry_path(file)
        reg_raw = b""
        registry = None
        if reg_path:
            key = os.path.abspath(reg_path)
            if key not in registries:
                registries[key] = load_registry(reg_path)
            registry = registries[key].registry
            reg_raw = _read(reg_path) or b""
        result = _cached(store, file, strict, reg_raw) if store else None
        if result is None:
            result = check_file(file, strict=strict, registry=registry)
            if store:
                _remember(store, file, strict, result, reg_raw)
        summary.results.append(result)
    across = cross_check([(r.path, r.index) for r in summary.results if r.index])
    for d in _strict(across, strict):
        target = next(r for r in summary.results if r.path == d.path)
        target.diagnostics.append(d)
        target.diagnostics.sort(key=Diagnostic.sort_key)
    for result in summary.results:
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


def _cached(store: Any, file: str, strict: bool, extra: bytes = b"") -> FileResult | None:
    raw = _read(file)
    if raw is None:
        return None
    record = store.get(store.key(file, raw + b"\0partners.yaml\0" + extra, strict))
    if record is None:
        return None
    try:
        diags = [
            Diagnostic(d["code"], d["severity"], file, d["line"], d["column"], d["args"]) for d in record["d"]
        ]
        from partnerplan.load import decode

        text, _ = decode(raw, file)
        index = [tuple(x) for x in record["index"]]
        return FileResult(file, text.splitlines(), diags, record["partners"], record["activities"], index)
    except Exception:
        return None


def _remember(store: Any, file: str, strict: bool, result: FileResult, extra: bytes = b"") -> None:
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
        "index": result.index,
    }
    store.put(store.key(file, raw + b"\0partners.yaml\0" + extra, strict), record)


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
            from partnerplan.render.charts import inline_svg

            model_svg = inline_svg(render_model(plan, voc, "svg"))
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


# --- plans under git -----------------------------------------------------------------


def format_file(path: str) -> tuple[str, str]:
    """(the text as it is, the canonical text). Raises fmt.FormatError."""
    from partnerplan.fmt import format_text
    from partnerplan.load import decode
    from partnerplan.model import Plan, Registry
    from partnerplan.network import is_registry

    with open(path, "rb") as fh:
        raw = fh.read()
    text, _ = decode(raw, path)
    return text, format_text(text, Registry if is_registry(path) else Plan)


@dataclass(frozen=True, slots=True)
class FileDiff:
    path: str
    changes: list[Any]  # diff.Change
    schedule: list[Any]  # diff.Change (event_*)
    status: str = "changed"  # changed | added | removed
    problems: list[str] = field(default_factory=list)  # a side that is not a valid plan


def _checked_text(raw: bytes | None, label: str) -> tuple[Checked | None, str | None]:
    """A plan from bytes (a git blob or a file), or the reason it is not one."""
    if raw is None:
        return None, None
    from partnerplan.check import check
    from partnerplan.load import decode, load_text

    try:
        text, _ = decode(raw, label)
    except Exception:
        return None, "не текст в UTF-8"
    checked = check(load_text(text, label))
    errors = [d for d in checked.diagnostics if d.severity == "error"]
    if checked.plan is None or errors:
        first = errors[0] if errors else None
        where = f"{first.line}:{first.column}: {first.message()}" if first else ""
        return None, where
    return checked, None


def diff_bytes(path: str, old: bytes | None, new: bytes | None, labels: tuple[str, str]) -> FileDiff:
    from partnerplan.diff import diff_events, diff_plans

    a, problem_a = _checked_text(old, f"{labels[0]}:{path}")
    b, problem_b = _checked_text(new, f"{labels[1]}:{path}")
    problems = [f"{labels[i]}: {p}" for i, p in enumerate((problem_a, problem_b)) if p]
    if problems:
        return FileDiff(path, [], [], problems=problems)
    if a is None and b is None:
        return FileDiff(path, [], [])
    if a is None or b is None:
        return FileDiff(path, [], [], status="added" if a is None else "removed")
    assert a.plan is not None and b.plan is not None
    changes = diff_plans(a.plan, b.plan)
    events = diff_events(plan_schedule(a).events, plan_schedule(b).events)
    return FileDiff(path, changes, events)


def diff_files(file_a: str, file_b: str) -> FileDiff:
    with open(file_a, "rb") as fa, open(file_b, "rb") as fb:
        return diff_bytes(file_b, fa.read(), fb.read(), (file_a, file_b))


def diff_revisions(rev_a: str | None, rev_b: str | None, paths: list[str]) -> list[FileDiff]:
    """REV_A vs REV_B; one revision: it vs the work tree; none: HEAD vs the work tree."""
    from partnerplan import gitio

    root = gitio.toplevel()
    base = rev_a or "HEAD"
    for rev in (base, rev_b):
        if rev is not None and not gitio.is_revision(rev, root):
            raise gitio.GitError("bad_rev", rev)
    names = (
        [gitio.relative_to_root(p, root) for p in paths] if paths else gitio.changed_plans(root, base, rev_b)
    )
    out = []
    for name in names:
        old = gitio.show(base, name, root)
        if rev_b is not None:
            new = gitio.show(rev_b, name, root)
        else:
            full = os.path.join(root, name)
            new = _read(full) if os.path.isfile(full) else None
        if old == new:
            continue
        result = diff_bytes(name, old, new, (base, rev_b or "рабочая копия"))
        if result.changes or result.schedule or result.status != "changed" or result.problems:
            out.append(result)
    return out


def textconv(path: str) -> str:
    """A plan as lines a reader follows in `git diff`: one fact a line, dates included.

    A file that is not a valid plan comes out as it is, so git still shows a diff."""
    with open(path, "rb") as fh:
        raw = fh.read()
    checked, _ = _checked_text(raw, path)
    if checked is None or checked.plan is None:
        return raw.decode("utf-8", "replace")
    plan, voc = checked.plan, checked.vocabulary
    assert voc is not None
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


def rollover(path: str, to_year: str) -> tuple[str, list[str], str]:
    """Next year's plan text from this one, and notes for the teacher (Russian).

    Same partners and activities; `year` and the year in the title changed; pinned dates
    moved a year (29 February → 28 February) and flagged when they land on a day off;
    the old year's calendar dates dropped (the new year's defaults apply until set);
    comments and everything else kept."""
    import io as _io
    from datetime import date as _date

    from ruamel.yaml import YAML

    from partnerplan.calendar import build_calendar
    from partnerplan.load import decode
    from partnerplan.model import Plan

    with open(path, "rb") as fh:
        text, _ = decode(fh.read(), path)
    y = YAML(typ="rt")
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 1_000_000
    data = y.load(text)
    new_year = Plan.model_validate({"version": 1, "planner": {"name": "-"}, "year": to_year})
    old_year = str(data.get("year"))
    notes: list[str] = []
    shift = int(new_year.year[:4]) - int(old_year[:4])
    data["year"] = new_year.year
    if isinstance(data.get("title"), str) and old_year in data["title"]:
        data["title"] = data["title"].replace(old_year, new_year.year)
    cal = data.get("calendar")
    if isinstance(cal, dict):
        for key in ("breaks", "days_off", "working_days"):
            if key in cal:
                del cal[key]
                notes.append(f"calendar.{key}: даты прошлого года убраны — укажите даты нового года")
        if isinstance(cal.get("terms"), list):
            del cal["terms"]
            notes.append("calendar.terms: четверти прошлого года убраны — по умолчанию четверти нового года")
    calendar = build_calendar(new_year)
    for p in data.get("partners") or []:
        for a in p.get("activities") or []:
            pinned = a.get("dates")
            if not pinned:
                continue
            for i, d in enumerate(list(pinned)):
                day = d if isinstance(d, _date) else _date.fromisoformat(str(d))
                try:
                    moved = day.replace(year=day.year + shift)
                except ValueError:  # 29 February
                    moved = day.replace(year=day.year + shift, day=28)
                pinned[i] = moved
                if not calendar.is_working_day(moved) or calendar.in_break(moved):
                    why = calendar.holiday_name(moved) or (
                        "каникулы" if calendar.in_break(moved) else "выходной"
                    )
                    notes.append(
                        f"{p.get('id')}: «{a.get('title') or a.get('form')}»: "
                        f"{moved.strftime('%d.%m.%Y')} — нерабочий день ({why}); выберите другую дату"
                    )
    out = _io.StringIO()
    y.dump(data, out)
    return out.getvalue(), notes, new_year.year


# --- networks and the year's results --------------------------------------------------


@dataclass(slots=True)
class Network:
    orgs: list[Any]  # report.OrgPlan
    skipped: list[tuple[str, str]]  # (file, why) for files that are not valid plans


def load_network(paths: Iterable[str], progress: Any = None) -> Network:
    """Every valid plan below `paths`, scheduled; `progress(done, total)` as files are read."""
    from partnerplan.network import is_registry, load_registry, registry_path
    from partnerplan.report import OrgPlan

    files = [f for f in find_plan_files(paths) if not is_registry(f)]
    registries: dict[str, Any] = {}
    net = Network([], [])
    for i, f in enumerate(files):
        reg = registry_path(f)
        if reg and reg not in registries:
            registries[reg] = load_registry(reg).registry
        checked = load_plan(f, registry=registries.get(reg) if reg else None)
        errors = [d for d in checked.diagnostics if d.severity == "error"]
        if checked.plan is None or errors or checked.vocabulary is None:
            first = errors[0] if errors else None
            net.skipped.append((f, f"{first.line}:{first.column}: {first.message()}" if first else ""))
        else:
            sched = plan_schedule(checked)
            if any(d.severity == "error" for d in sched.diagnostics):
                first = next(d for d in sched.diagnostics if d.severity == "error")
                net.skipped.append((f, f"{first.line}:{first.column}: {first.message()}"))
            else:
                net.orgs.append(OrgPlan(f, checked.plan, checked.vocabulary, sched.events))
        if progress is not None:
            progress(i + 1, len(files))
    return net


def report(
    net: Network, to: str = "docx", *, year_end: bool = False, templates: str | None = None, lang: str = "ru"
) -> Rendered:
    from partnerplan.render.charts import bar_chart, inline_svg
    from partnerplan.render.dates import month_title
    from partnerplan.report import build_report

    r = build_report(net.orgs, year_end=year_end)
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
        from partnerplan.render.report_docx import render_report_docx

        return Rendered(render_report_docx(r, title), {})
    from partnerplan.render.jinja import render_template

    context: dict[str, Any] = {"r": r, "title": title, "subtitle": subtitle, "lang": lang}
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
