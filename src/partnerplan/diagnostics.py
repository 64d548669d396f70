"""One Diagnostic type for every problem found anywhere, and its printing.

A diagnostic keeps a message *code* and arguments, not finished text: the text is
produced in the reader's language only when it is shown (see `messages`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from partnerplan.messages import hint_text, message_text

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str  # e.g. "PP101"; the catalogue in messages.py says what it means
    severity: Severity
    path: str  # the file, as the user named it
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based
    args: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "ru") -> str:
        return message_text(self.code, self.args, lang)

    def hint(self, lang: str = "ru") -> str | None:
        return hint_text(self.code, self.args, lang)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def as_dict(self, lang: str = "ru") -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message(lang),
            "hint": self.hint(lang),
        }


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)


_SEVERITY_WORD = {
    "ru": {"error": "ошибка", "warning": "предупреждение"},
    "en": {"error": "error", "warning": "warning"},
}
_HINT_WORD = {"ru": "подсказка", "en": "hint"}


def format_text(diag: Diagnostic, source_lines: Sequence[str] | None, lang: str = "ru") -> str:
    """Compiler-style text: `file:line:col: ошибка[PP101]: …`, the line, a caret, the hint."""
    where = diag.path if diag.line == 0 else f"{diag.path}:{diag.line}:{diag.column}"
    severity = _SEVERITY_WORD.get(lang, _SEVERITY_WORD["ru"])[diag.severity]
    out = [f"{where}: {severity}[{diag.code}]: {diag.message(lang)}"]
    if source_lines is not None and 0 < diag.line <= len(source_lines):
        src = source_lines[diag.line - 1].rstrip("\r\n")
        number = str(diag.line)
        pad = " " * len(number)
        # Tabs would shift the caret: show them as the single space they occupy.
        shown = src.replace("\t", " ")
        out.append(f" {pad} |")
        out.append(f" {number} | {shown}")
        out.append(f" {pad} | {' ' * max(diag.column - 1, 0)}^")
    hint = diag.hint(lang)
    if hint:
        out.append(f" = {_HINT_WORD.get(lang, 'подсказка')}: {hint}")
    return "\n".join(out)


def format_json(diagnostics: Iterable[Diagnostic], lang: str = "ru") -> str:
    import json

    return json.dumps([d.as_dict(lang) for d in diagnostics], ensure_ascii=False, indent=2)
