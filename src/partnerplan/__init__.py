"""partnerplan: the yearly plan of work with social partners, from YAML to Word.

The public Python API — what a methodist's script or a school's portal calls without
the command line (see the README's «Python» section, tested as a doctest):

- `load(path | bytes)` → `Checked`: the one way to read a plan; `.ok`, `.plan`, `.errors`;
- `validate(paths)` → `Summary`: every plan below the paths, as `partnerplan validate`;
- `schedule(checked)` → the year's dated events;
- `render(checked, to="docx")` → `{file name: bytes}`: the Word plan and its siblings;
- `format_text(text)` → the canonical text of a plan (`partnerplan fmt`);
- `diff(old, new)` → the changes between two versions of a plan, dates included;
- `parse_period(text, year)` → what a period phrase means.

Everything else is private and may change. Modules are imported when first used, so
`import partnerplan` stays cheap.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from partnerplan.dates.periods import Period
    from partnerplan.dates.schedule import Event
    from partnerplan.git.diff import Change
    from partnerplan.plan.check import Checked
    from partnerplan.plan.model import Registry
    from partnerplan.validation import Summary

__version__ = "0.1.0"
__all__ = [
    "PlanNotUsable",
    "__version__",
    "diff",
    "format_text",
    "load",
    "parse_period",
    "render",
    "schedule",
    "validate",
]


class PlanNotUsable(ValueError):
    """The plan has errors: `checked.errors` says which (file, line, column, message)."""

    def __init__(self, checked: Checked) -> None:
        first = checked.first_error()
        where = (
            f"{first.path}:{first.line}:{first.column}: {first.message()}" if first else checked.loaded.path
        )
        super().__init__(where)
        self.checked = checked


def load(
    source: str | os.PathLike[str] | bytes,
    *,
    path: str | None = None,
    registry: Registry | Literal["auto", "ids"] | None = "auto",
) -> Checked:
    """Read and check one plan (a path, or the file's bytes named by `path`)."""
    from partnerplan.plan.loader import load_plan

    return load_plan(source, path=path, registry=registry)


def validate(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], *, strict: bool = False
) -> Summary:
    """Check every plan below `paths` as `partnerplan validate` does (without its cache)."""
    from partnerplan.validation import validate as run

    items = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    return run([os.fspath(p) for p in items], strict=strict, use_cache=False)


def _usable(checked: Checked) -> Checked:
    if not checked.ok:
        raise PlanNotUsable(checked)
    return checked


def schedule(checked: Checked) -> list[Event]:
    """The year's events of a usable plan, dated ones first, in date order."""
    from partnerplan.dates.schedule import plan_schedule

    return list(plan_schedule(_usable(checked)).events)


def render(
    checked: Checked,
    to: Literal["docx", "html", "md"] = "docx",
    what: Literal["plan", "calendar", "model", "all"] = "plan",
    *,
    name: str = "plan",
    lang: Literal["ru", "en"] = "ru",
) -> dict[str, bytes]:
    """The document as {file name: bytes}: one file, or more when a Markdown document
    has its picture beside it. `name` is the file name without the extension."""
    from partnerplan.documents.outputs import render_files

    return render_files(_usable(checked), f"{name}.{to}", to, what, lang=lang)


def format_text(text: str) -> str:
    """The canonical form of a plan's text: comments and values kept (`partnerplan fmt`)."""
    from partnerplan.plan.format import format_text as fmt

    return fmt(text)


def diff(old: Checked, new: Checked) -> list[Change]:
    """What changed from `old` to `new`: partners and activities by id, then the dates."""
    from partnerplan.dates.schedule import plan_schedule
    from partnerplan.git.diff import diff_events, diff_plans

    a, b = _usable(old), _usable(new)
    assert a.plan is not None and b.plan is not None
    return [*diff_plans(a.plan, b.plan), *diff_events(plan_schedule(a).events, plan_schedule(b).events)]


def parse_period(text: str, year: str = "2025/2026") -> Period:
    """What a period phrase means in a plan year (raises ValueError when it cannot tell)."""
    from partnerplan.dates.explain import year_calendar
    from partnerplan.dates.periods import parse_period as parse

    return parse(text, year_calendar(year))
