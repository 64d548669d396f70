"""One Diagnostic type for every problem found anywhere, and its printing.

A diagnostic keeps a message *code* and arguments, not finished text: the text is
produced in the reader's language only when it is shown (see `messages`).
"""

from __future__ import annotations

import re
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


# Characters a terminal would act on or hide rather than show: C0 and C1 controls (ESC
# starts colour and cursor sequences, C1's CSI too), DEL, bidirectional overrides and
# isolates (which reorder what follows them on screen), zero-width and line-separator
# characters. Plan text reaches the terminal in messages and source lines: shown escaped.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]")
# In JSON the same characters, as \uXXXX: the decoded strings stay exactly the same.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]")
_SHOWN_WIDTH = 120  # a longer source line is shown around the caret


def visible(text: str) -> str:
    """`text` with every control or invisible character written as an escape: «\\x1b»."""
    return _UNSAFE.sub(_escape, text)


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def format_text(diag: Diagnostic, source_lines: Sequence[str] | None, lang: str = "ru") -> str:
    """Compiler-style text: `file:line:col: ошибка[PP101]: …`, the line, a caret, the hint."""
    where = diag.path if diag.line == 0 else f"{diag.path}:{diag.line}:{diag.column}"
    severity = _SEVERITY_WORD.get(lang, _SEVERITY_WORD["ru"])[diag.severity]
    out = [visible(f"{where}: {severity}[{diag.code}]: {diag.message(lang)}")]
    if source_lines is not None and 0 < diag.line <= len(source_lines):
        src = source_lines[diag.line - 1].rstrip("\r\n")
        number = str(diag.line)
        pad = " " * len(number)
        # Tabs would shift the caret: show them as the single space they occupy.
        src = src.replace("\t", " ")
        at = max(diag.column - 1, 0)
        shown, caret = visible(src), len(visible(src[:at]))
        if len(shown) > _SHOWN_WIDTH:
            shown, caret = _around(shown, caret)
        out.append(f" {pad} |")
        out.append(f" {number} | {shown}")
        out.append(f" {pad} | {' ' * caret}^")
    hint = diag.hint(lang)
    if hint:
        out.append(visible(f" = {_HINT_WORD.get(lang, 'подсказка')}: {hint}"))
    return "\n".join(out)


def _around(shown: str, caret: int) -> tuple[str, int]:
    """A long line cut to the part around the caret, with «…» where it was cut."""
    half = _SHOWN_WIDTH // 2
    start = max(0, min(caret - half, len(shown) - _SHOWN_WIDTH))
    end = start + _SHOWN_WIDTH
    part = shown[start:end]
    if start > 0:
        part, caret = "…" + part, caret - start + 1
    if end < len(shown):
        part += "…"
    return part, caret


def format_json(diagnostics: Iterable[Diagnostic], lang: str = "ru") -> str:
    import json

    text = json.dumps([d.as_dict(lang) for d in diagnostics], ensure_ascii=False, indent=2)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
