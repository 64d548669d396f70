"""HTML and Markdown through Jinja templates that users can copy and override.

Templates come from `--templates DIR` first, then the ones shipped in the package
(the top-level `templates/` folder, packed into the wheel as partnerplan/templates).
The environment is sandboxed, HTML is autoescaped and undefined names are errors.
"""

from __future__ import annotations

import pathlib
from typing import Any

from partnerplan.documents.datewords import long_date, month_title

TEMPLATE_NAMES = {
    "html": "plan.html.j2",
    "md": "plan.md.j2",
    "report.html": "report.html.j2",
    "report.md": "report.md.j2",
}


def builtin_templates() -> pathlib.Path:
    here = pathlib.Path(__file__).resolve().parent.parent
    packaged = here / "templates"  # inside an installed wheel
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "templates"  # a source checkout (editable install)


def _md_cell(text: object) -> str:
    """One Markdown table cell: pipes escaped, lines joined with <br>."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def _md_lines(lines: list[str]) -> str:
    """Lines of one Markdown cell, with trailing empty lines dropped."""
    items = [_md_cell(x) for x in lines]
    while items and not items[-1]:
        items.pop()
    return "<br>".join(items)


def render_template(fmt: str, context: dict[str, Any], user_dir: str | None = None) -> str:
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, select_autoescape
    from jinja2.sandbox import SandboxedEnvironment

    loaders = [FileSystemLoader(user_dir)] if user_dir else []
    loaders.append(FileSystemLoader(str(builtin_templates())))
    env = SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    lang = context.get("lang", "ru")
    env.filters["long_date"] = lambda d: long_date(d, lang)
    env.filters["month_title"] = lambda d: month_title(d, lang)
    env.filters["md"] = _md_cell
    env.filters["md_lines"] = _md_lines
    return env.get_template(TEMPLATE_NAMES[fmt]).render(**context)
