"""Where documents go: the format from `--to` or from the output's extension, the
default output name from the plan's, and every file a document needs (the Markdown
plan's picture beside it), as {path: bytes} for the CLI to write."""

from __future__ import annotations

import os
from typing import Any

from partnerplan.problems import Problem

_BY_EXTENSION = {
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".xlsx": "xlsx",
    ".markdown": "md",
    ".png": "png",
    ".svg": "svg",
}
_SUFFIX = {"plan": "", "calendar": ".calendar", "model": ".model", "all": ".all"}


def choose_format(output: str | None, to: str | None, allowed: tuple[str, ...], default: str = "docx") -> str:
    """`--to` if given, else what `-o`'s extension says; a contradiction is refused, and so
    is an extension we do not write (`-o plan.pdf` must not get a Word file)."""
    if to is not None and to not in allowed:
        raise Problem("unknown_format", value=to, allowed=", ".join(allowed))
    ext = os.path.splitext(output)[1].lower() if output and output != "-" else ""
    by_ext = _BY_EXTENSION.get(ext)
    if ext and by_ext is None:
        raise Problem("unknown_extension", path=output, ext=ext, allowed=", ".join(allowed))
    if to is None:
        if by_ext is not None and by_ext not in allowed:
            raise Problem("unknown_extension", path=output, ext=ext, allowed=", ".join(allowed))
        return by_ext or default
    if by_ext is not None and by_ext != to:
        raise Problem("format_contradiction", path=output, to=to, ext=by_ext)
    return to


def default_output(plan_path: str, to: str, what: str) -> str:
    stem = os.path.splitext(os.path.basename(plan_path))[0] if plan_path != "-" else "plan"
    return f"{stem}{_SUFFIX[what]}.{to}"


def check_folder(output: str) -> None:
    if output == "-":
        return
    folder = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(folder):
        raise Problem("no_output_folder", folder=folder)


def render_files(checked: Any, output: str, to: str, what: str, **options: Any) -> dict[str, bytes]:
    """The plan rendered to `output` (docx, html, md, or the model alone as png/svg)."""
    from partnerplan.documents.build import render

    if to == "xlsx":  # a sheet to filter: the plan's table, or the calendar's events
        return {output: _xlsx(checked, what)}
    picture = to if to in ("png", "svg") else None
    stem = os.path.splitext(output)[0] if output != "-" else "plan"
    # A user's reference document is read by python-docx: its failures mean "not a .docx".
    bad_docx = _bad_docx_errors() if options.get("reference") else ()
    template_errors = _template_errors(to)
    try:
        result = render(
            checked, "docx" if picture else to, "model" if picture else what, picture=picture,
            stem=os.path.basename(stem), **options,
        )  # fmt: skip
    except bad_docx as exc:
        raise Problem("reference_not_docx", exit_code=1, path=options["reference"]) from exc
    except template_errors as exc:
        raise Problem("template_error", exit_code=1, detail=str(exc)) from exc
    return {output: result.data, **{stem + suffix: blob for suffix, blob in result.extra.items() if blob}}


def _template_errors(to: str) -> tuple[type[Exception], ...]:
    """Jinja's errors, for the outputs made from templates (HTML, Markdown): a Word file
    needs no Jinja, and importing it only to name its exception costs 30 ms."""
    if to not in ("html", "md"):
        return ()
    from jinja2 import TemplateError

    return (TemplateError,)


def _xlsx(checked: Any, what: str) -> bytes:
    from partnerplan.documents import xlsx

    if what == "plan":
        return xlsx.plan_xlsx(checked)
    if what == "calendar":
        from partnerplan.dates.schedule import plan_schedule

        return xlsx.schedule_xlsx(checked.plan, plan_schedule(checked).events)
    raise Problem("xlsx_part", what=what)


def report_files(net: Any, output: str, to: str, **options: Any) -> dict[str, bytes]:
    if to == "xlsx":  # one sheet per table, numbers as numbers
        from partnerplan.documents.report import build_report
        from partnerplan.documents.xlsx import report_xlsx

        return {output: report_xlsx(build_report(net.orgs, year_end=bool(options.get("year_end"))))}

    from partnerplan.documents.build import report

    stem = os.path.splitext(output)[0] if output != "-" else "report"
    try:
        result = report(net, to, stem=os.path.basename(stem), **options)
    except _template_errors(to) as exc:
        raise Problem("template_error", exit_code=1, detail=str(exc)) from exc
    return {output: result.data, **{stem + suffix: blob for suffix, blob in result.extra.items() if blob}}


def _bad_docx_errors() -> tuple[type[BaseException], ...]:
    from zipfile import BadZipFile

    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError  # type: ignore[import-untyped]

    return (PackageNotFoundError, BadZipFile, KeyError, ValueError, XMLSyntaxError)
