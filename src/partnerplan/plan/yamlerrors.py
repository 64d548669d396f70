"""libyaml's complaints → our diagnostics: its English problems, in Russian words, at the
line and column where the teacher can fix them (a tab in the indentation, a missing
space after a colon, an unclosed quote, a character that cannot be in a file)."""

from __future__ import annotations

import re
from typing import Any

import yaml

from partnerplan.diagnostics import Diagnostic


def _diag(code: str, path: str, line: int, col: int, **args: Any) -> Diagnostic:
    return Diagnostic(code, "error", path, line, col, args)


# YAML's printable set (1.2 §5.1): anything else in the stream is refused by libyaml with
# an English message and a byte offset; we find it ourselves to say where and what.
# Spelled as what is forbidden: the complement of the allowed ranges compiles 10× slower.
_NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def reader_diagnostic(exc: yaml.reader.ReaderError, text: str, path: str) -> Diagnostic:
    """A character YAML does not allow: libyaml gives a byte offset, we say line:col and
    which character."""
    bad = _NOT_PRINTABLE.search(text)
    if bad is None:  # pragma: no cover - libyaml refuses only what the pattern finds
        return _diag("PP010", path, 0, 0, problem=exc.reason)
    line = text.count("\n", 0, bad.start()) + 1
    col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
    return _diag("PP023", path, line, col, char=f"U+{ord(bad.group()):04X}")


def syntax_diagnostic(exc: yaml.MarkedYAMLError, text: str, path: str) -> Diagnostic:
    """libyaml's syntax error as our code, pointing where the teacher must look."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = exc.problem or ""
    lines = text.splitlines()
    # libyaml points at a tab only sometimes; find the tab that broke indentation.
    if "\\t" in problem or "tab" in problem or _tab_indented(lines, line):
        for i, src in enumerate(lines[: max(line, 1)] if line else lines, start=1):
            indent = src[: len(src) - len(src.lstrip(" \t"))]
            if "\t" in indent:
                return _diag("PP011", path, i, indent.index("\t") + 1)
    code = _SYNTAX_CODES.get(_problem_key(problem), "PP010")
    if exc.context and "quoted scalar" in exc.context:
        if code == "PP010" and exc.problem_mark is not None:
            # A bad escape inside "…" is not an unclosed quote: say which escape it is.
            return _escape_diag(problem, exc.problem_mark, text, path)
        code = "PP016"
    if code == "PP016" and exc.context_mark:
        # Point at the opening quote, not at the end of the file where libyaml gave up.
        line, col = exc.context_mark.line + 1, exc.context_mark.column + 1
    if code == "PP018" and exc.context_mark and "simple key" in (exc.context or ""):
        # libyaml notices the missing «:» a line later; the key is where it started.
        line, col = exc.context_mark.line + 1, exc.context_mark.column + 1
        src = lines[line - 1] if 0 < line <= len(lines) else ""
        glued = re.search(r"[^\s:]:(?=[^\s:/])", src[col - 1 :])
        if glued:
            name = src[col - 1 : col - 1 + glued.start() + 1]
            rest = src[col - 1 + glued.end() :].split(" #")[0].rstrip()
            return _diag("PP018", path, line, col + glued.start() + 1, key=name, value=rest)
    if code == "PP021" and 0 < line <= len(lines) and 0 < col <= len(lines[line - 1]):
        return _diag(code, path, line, col, problem=problem, char=lines[line - 1][col - 1])
    return _diag(code, path, line, col, problem=problem)


def _escape_diag(problem: str, mark: Any, text: str, path: str) -> Diagnostic:
    """Where a bad backslash escape of a double-quoted value starts, and its text."""
    line, col = mark.line + 1, mark.column + 1
    lines = text.splitlines()
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    start = src.rfind("\\", 0, col)
    if start < 0:
        return _diag("PP016", path, line, col, problem=problem)
    m = re.match(r"\\(?:u[0-9A-Fa-f]{0,4}|U[0-9A-Fa-f]{0,8}|x[0-9A-Fa-f]{0,2}|.?)", src[start:])
    escape = m.group() if m else "\\"
    surrogate = "invalid Unicode" in problem and escape[1:2] in ("u", "U")
    return _diag("PP026", path, line, start + 1, escape=escape, surrogate=surrogate)


def _tab_indented(lines: list[str], line: int) -> bool:
    return any("\t" in src[: len(src) - len(src.lstrip(" \t"))] for src in lines[max(line - 2, 0) : line])


def _problem_key(problem: str) -> str:
    for key in _SYNTAX_CODES:
        if problem.startswith(key):
            return key
    return ""


_SYNTAX_CODES = {
    "mapping values are not allowed": "PP017",
    "could not find expected ':'": "PP018",
    "did not find expected key": "PP019",
    "did not find expected '-' indicator": "PP019",
    "found undefined alias": "PP020",
    "found character that cannot start any token": "PP021",
    "found unexpected end of stream": "PP016",
    "expected a single document": "PP022",
    "but found another document": "PP022",
}
