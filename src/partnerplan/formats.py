"""Diagnostics for machines: JSON, SARIF 2.1.0 (GitHub and GitLab code scanning) and
GitHub workflow annotations (`::error file=…,line=…::…`)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from partnerplan import __version__
from partnerplan.diagnostics import Diagnostic

FORMATS = ("text", "json", "sarif", "github")


def as_json(diagnostics: Iterable[Diagnostic], lang: str = "ru") -> str:
    return json.dumps([d.as_dict(lang) for d in diagnostics], ensure_ascii=False, indent=2) + "\n"


def as_sarif(diagnostics: Iterable[Diagnostic], lang: str = "ru") -> str:
    diags = list(diagnostics)
    rules: dict[str, dict[str, object]] = {}
    results = []
    for d in diags:
        rules.setdefault(d.code, {"id": d.code, "shortDescription": {"text": d.code}})
        region = {"startLine": max(d.line, 1), "startColumn": max(d.column, 1)}
        uri = d.path.replace("\\", "/")
        message = d.message(lang)
        hint = d.hint(lang)
        results.append(
            {
                "ruleId": d.code,
                "level": "error" if d.severity == "error" else "warning",
                "message": {"text": f"{message}\n{hint}" if hint else message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri},
                            "region": region,
                        }
                    }
                ],
            }
        )
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "partnerplan",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/partnerplan/",
                        "rules": [rules[k] for k in sorted(rules)],
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    # GitHub's workflow-command escaping: a message may not carry raw newlines.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(diagnostics: Iterable[Diagnostic], lang: str = "ru") -> str:
    lines = []
    for d in diagnostics:
        kind = "error" if d.severity == "error" else "warning"
        where = f"file={_escape_property(d.path)}"
        if d.line:
            where += f",line={d.line},col={max(d.column, 1)}"
        hint = d.hint(lang)
        text = d.message(lang) + (f"\n{hint}" if hint else "")
        lines.append(f"::{kind} {where},title={d.code}::{_escape_data(text)}")
    return "".join(line + "\n" for line in lines)
