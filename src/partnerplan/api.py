"""The library's entry points: what each CLI command calls. No printing, no exits."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from partnerplan.check import Checked, check
from partnerplan.diagnostics import Diagnostic
from partnerplan.load import load_file

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
class Summary:
    files: int = 0
    partners: int = 0
    activities: int = 0
    errors: int = 0
    warnings: int = 0
    results: list[Checked] = field(default_factory=list)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for r in self.results for d in r.diagnostics]


def validate(paths: Iterable[str], *, strict: bool = False) -> Summary:
    """Load and check every plan file below `paths`; `strict` turns warnings into errors."""
    summary = Summary()
    for file in find_plan_files(paths):
        result = check(load_file(file))
        if strict:
            result.diagnostics[:] = [
                Diagnostic(d.code, "error", d.path, d.line, d.column, d.args)
                for d in result.diagnostics
            ]
        summary.results.append(result)
        summary.files += 1
        if result.plan is not None:
            summary.partners += len(result.plan.partners)
            summary.activities += sum(len(p.activities) for p in result.plan.partners)
        for d in result.diagnostics:
            if d.severity == "error":
                summary.errors += 1
            else:
                summary.warnings += 1
    return summary


def json_schema() -> dict[str, Any]:
    from partnerplan.model import Plan

    schema = Plan.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
