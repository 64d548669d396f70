"""What every command module of the CLI shares: language, errors, writing, printing."""

import os
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

import typer


class Say:
    """The CLI's words in the run's language, from the one catalogue (`partnerplan.words`)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **args: Any) -> str:
        from partnerplan.words import say

        return say(key, self.lang, **args)


def use_color(stream: Any) -> bool:
    """no-color.org and force-color.org: NO_COLOR (non-empty) off, FORCE_COLOR (non-empty)
    on, TERM=dumb off; otherwise colour on a terminal only."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def color(enabled: bool, code: str, text: str) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if enabled else text


def fail(message: str, code: int = 2) -> NoReturn:
    sys.stderr.write(message + "\n")
    raise typer.Exit(code)


def write(path: str, data: str | bytes, t: Say, inputs: Iterable[str] = ()) -> None:
    """Write a command's result: «-» is standard output; a device or a FIFO (/dev/stdout,
    a pipe) is written into, not replaced; a regular file atomically. Never onto an input."""
    import stat

    from partnerplan.fsutil import WriteError, atomic_write
    from partnerplan.words import say

    payload = data.encode("utf-8") if isinstance(data, str) else data
    if path == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
        return
    guard_output(path, inputs, t)
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = 0
    if mode and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        try:
            with open(path, "wb") as fh:
                fh.write(payload)
        except OSError as exc:
            fail(say("cannot_write", t.lang, path=path, why=exc.strerror or ""))
        return
    try:
        atomic_write(path, payload)
    except WriteError as exc:
        key = f"why_{exc.reason}"
        why = say(key, t.lang) if key in WHY else exc.detail
        fail(say("cannot_write", t.lang, path=path, why=why))


WHY = {"why_no_dir", "why_not_dir", "why_denied", "why_read_only", "why_changed"}


def guard_output(path: str | None, inputs: Iterable[str], t: Say) -> None:
    """Refuse an output that is one of the command's inputs (directly or through a link)."""
    from partnerplan.words import say

    for source in inputs:
        if path and path != "-" and source != "-" and _same_file(path, source):
            fail(say("output_is_input", t.lang, path=path))


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def format_diff(results: list[Any], fmt: str, t: Say) -> str:
    """The semantic diff as text, Markdown (for a merge request) or JSON."""
    from partnerplan.git.diff import describe, sign
    from partnerplan.words import say

    lang = t.lang

    def problem(label: str, d: Any) -> str:
        side = label or say("worktree", lang)
        where = f"{d.line}:{d.column}: " if d.line else ""
        return f"{side}: {where}{d.message(lang)}"

    if fmt == "json":
        import json

        payload = [
            {
                "path": r.path,
                "status": r.status,
                "problems": [problem(label, d) for label, d in r.problems],
                "changes": [c.as_dict() for c in r.changes],
                "schedule": [c.as_dict() for c in r.schedule],
            }
            for r in results
        ]
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    md = fmt == "md"
    text = markdown_escape if md else terminal_safe
    out: list[str] = []
    if not results:
        return t("cli.common.no_changes_in_plans")
    for r in results:
        out.append(f"### {markdown_escape(r.path)}\n" if md else terminal_safe(r.path))
        out.extend(f"  ! {t('cli.common.not_a_plan')}: {text(problem(label, d))}" for label, d in r.problems)
        if r.status == "added":
            out.append(t("cli.common.new_plan_file"))
        elif r.status == "removed":
            out.append(t("cli.common.plan_file_removed"))
        for c in r.changes:
            out.append(f"- {text(describe(c, lang))}" if md else f"  {sign(c)} {text(describe(c, lang))}")
        if r.schedule:
            out.append(t("cli.common.schedule") if md else t("cli.common.schedule_2"))
            for c in r.schedule:
                out.append(
                    f"- {text(describe(c, lang))}" if md else f"    {sign(c)} {text(describe(c, lang))}"
                )
        out.append("")
    return "\n".join(out)


# Inline markup only: emphasis, code, links and images (via «[»), tables, HTML, strikes.
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]|<>~"})


def markdown_escape(text: str) -> str:
    """Plan text inside Markdown stays text: no emphasis, links, images or HTML from a name."""
    return terminal_safe(text).translate(_MD_SPECIAL)


def terminal_safe(text: str) -> str:
    """Control characters (escape sequences: window titles, screen clears) shown, not obeyed."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == "\n" else f"\\x{ord(ch):02x}" for ch in text)


def current_school_year() -> str:
    """The school year a command means when none is given: from 1 September on, the new one."""
    from datetime import date

    today = date.today()
    first = today.year if today.month >= 9 else today.year - 1
    return f"{first}/{first + 1}"


def require_paths(targets: list[str], t: Say) -> None:
    for p in targets:
        if not os.path.exists(p):
            fail(t("cli.common.no_such_file_or_folder", p=p))


def print_diagnostics(lines: Sequence[str], diags: list[Any], lang: str) -> None:
    from partnerplan.diagnostics import format_text

    colored = use_color(sys.stderr)
    # Partners still to be filled are normal in real plans: one line each, and the advice
    # once, instead of a screenful of identical carets.
    empty = [d for d in diags if d.code == "PP204" and d.severity == "warning"]
    for d in diags:
        compact = len(empty) > 1 and d in empty
        text = format_text(d, None if compact else lines, lang)
        head, _, rest = text.partition("\n")
        head = color(colored, "1;31" if d.severity == "error" else "1;33", head)
        if compact and d is not empty[-1]:
            sys.stderr.write(head + "\n")
            continue
        sys.stderr.write(head + ("\n" + rest if rest else "") + "\n\n")


def checked_plan(path: str, t: Say, lang: str) -> Any:
    """Load and check a plan for a command that needs a valid one; exit 1 with errors."""
    from partnerplan.plan.loader import load_plan

    if path != "-" and not os.path.isfile(path):
        fail(t("cli.common.no_such_file", path=path))
    checked = load_plan(path)  # «-»: standard input
    errors = checked.errors
    if not checked.ok:
        print_diagnostics(checked.loaded.lines, errors, lang)
        sys.stderr.write(t("cli.common.the_plan_has_errors_fix_them", a0=len(errors)))  # fmt: skip
        raise typer.Exit(1)
    return checked
