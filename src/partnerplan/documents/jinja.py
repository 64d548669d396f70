"""HTML and Markdown through Jinja templates that users can copy and override.

Templates come from `--templates DIR` first, then the ones shipped in the package
(the top-level `templates/` folder, packed into the wheel as partnerplan/templates).
The environment is sandboxed, HTML is autoescaped, Markdown is escaped by the `md`
filter, and undefined names are errors.

A user's template is untrusted input, like a plan: it may not read outside its folder
(a symlink that leaves it is refused), and it cannot hang or exhaust the command — loop
iterations, rendering time, the output and the values built by `*`, `+`, `**` and `~` are
bounded. Whatever goes wrong in a template becomes a `TemplateProblem` naming the file and
the line, never a traceback.
"""

from __future__ import annotations

import os
import pathlib
import posixpath
import re
import time
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Any

from jinja2 import (
    FileSystemLoader,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    nodes,
)
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment

from partnerplan.documents.datewords import long_date, month_title
from partnerplan.problems import Problem

TEMPLATE_NAMES = {
    "html": "plan.html.j2",
    "md": "plan.md.j2",
    "report.html": "report.html.j2",
    "report.md": "report.md.j2",
}

# Bounds on one rendering. The benchmark's plan (40,000 activities) with its calendar
# stays well inside them; a template that runs into one is broken.
MAX_STEPS = 5_000_000  # loop iterations, all loops together (about 4 s)
MAX_SECONDS = 60.0
MAX_OUTPUT = 200_000_000  # characters of output
MAX_VALUE = 20_000_000  # length of a string or list built by *, + or ~
MAX_POWER_BITS = 100_000  # size of an integer built by **

# The words of this module, Russian and English (to be folded into the catalogue).


def _say(key: str, lang: str, **args: Any) -> str:
    from partnerplan.words import say

    if isinstance(args.get("limit"), int):  # 5 000 000 in Russian, 5,000,000 in English
        grouped = f"{args['limit']:,}"
        args["limit"] = grouped if lang == "en" else grouped.replace(",", " ")
    return say(f"template.{key}", lang, **args)


class TemplateProblem(Problem):
    """A template that cannot be rendered: `template` (its file), `line` (1-based, or None
    when the fault is not at a line), `detail` (what is wrong, in Russian)."""

    def __init__(self, template: str, line: int | None, key: str, **args: Any) -> None:
        super().__init__("template_problem", exit_code=1)
        self.template = template
        self.line = line
        self.key = key
        self.detail_args = args
        self.detail = _say(key, "ru", **args)
        self.args = (self.message("ru"),)

    def message(self, lang: str = "ru") -> str:
        detail = _say(self.key, lang, **self.detail_args)
        where = "no_line" if self.line is None else "at_line"
        return _say(where, lang, template=self.template, line=self.line, detail=detail)


class _Limit(Exception):
    """A bound of one rendering was reached (turned into a TemplateProblem)."""

    def __init__(self, key: str, limit: int) -> None:
        super().__init__(key)
        self.key = key
        self.limit = limit


def builtin_templates() -> pathlib.Path:
    here = pathlib.Path(__file__).resolve().parent.parent
    packaged = here / "templates"  # inside an installed wheel
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "templates"  # a source checkout (editable install)


# --- Markdown ----------------------------------------------------------------------

# Inline Markdown (CommonMark and GitHub's and GitLab's tables, strikethrough): emphasis,
# code, links and images, raw HTML, entities, table cells. A backslash before ASCII
# punctuation always means the character itself.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# What opens a block at the start of a line: a heading, a quote, a list item, a rule.
_MD_BLOCK_START = re.compile(r"^(\s*)([#+=-]|\d+(?=[.)]))")


# Anything `_md` would change (most names have nothing of it: one search, then done).
_MD_ANY = re.compile(r"[\\`*_\[\]<>|~&\r\n]|^\s|\s$|^(?:[#+=-]|\d+[.)])")


def _md(text: object) -> str:
    """Plan text for Markdown: shown as written, never read as markup. One line: line
    breaks become <br> (a table cell or a paragraph cannot hold a real one)."""
    s = str(text)
    if _MD_ANY.search(s) is None:
        return s
    s = s.replace("\r\n", "\n").replace("\r", "\n").strip()
    s = _MD_BLOCK_START.sub(_escape_block_start, _MD_INLINE.sub(r"\\\1", s))
    return s.replace("\n", "<br>")


def _escape_block_start(m: re.Match[str]) -> str:
    indent, mark = m.group(1), m.group(2)
    return f"{indent}{mark}\\" if mark[0].isdigit() else f"{indent}\\{mark}"  # «1\.», «\-»


def _md_lines(lines: Iterable[object]) -> str:
    """Lines of one Markdown cell, with trailing empty lines dropped."""
    items = [_md(x) for x in lines]
    while items and not items[-1]:
        items.pop()
    return "<br>".join(items)


# --- the folder --------------------------------------------------------------------


class _FolderLoader(FileSystemLoader):
    """Templates from one folder, and only from it: a link that resolves outside the
    folder is refused before the file is opened (a template could otherwise copy
    /etc/passwd into a document)."""

    def __init__(self, folder: str) -> None:
        super().__init__(folder)
        self.root = os.path.realpath(folder)

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        filename = posixpath.join(self.searchpath[0], *split_template_path(template))
        if os.path.lexists(filename):
            real = os.path.realpath(filename)
            if os.path.commonpath([self.root, real]) != self.root:
                raise TemplateProblem(filename, None, "outside", target=real)
        try:
            source, path, uptodate = super().get_source(environment, template)
        except UnicodeDecodeError:
            raise TemplateProblem(filename, None, "encoding") from None
        if isinstance(environment, _BoundedSandbox):
            environment.loaded[template] = path
        return source, path, uptodate


# --- the bounded sandbox -----------------------------------------------------------


class _CountingCodeGenerator(CodeGenerator):
    """Compiles every `for` loop to iterate through `environment.pp_steps(…)` and every
    `~` to pass through `environment.pp_sized(…)`, so the environment sees each step."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        counted = isinstance(node.iter, nodes.Call) and isinstance(node.iter.node, nodes.EnvironmentAttribute)
        if not counted:
            steps = nodes.EnvironmentAttribute("pp_steps", lineno=node.lineno)
            node.iter = nodes.Call(steps, [node.iter], [], None, None, lineno=node.lineno)
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.pp_sized(")
        super().visit_Concat(node, frame)
        self.write(")")


class _BoundedSandbox(SandboxedEnvironment):
    code_generator_class = _CountingCodeGenerator
    intercepted_binops = frozenset({"*", "+", "**"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.steps = 0
        self.deadline = time.monotonic() + MAX_SECONDS
        self.loaded: dict[str, str] = {}  # template name → its file, for error messages

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise _Limit("steps", MAX_STEPS)
        self.in_time()

    def in_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise _Limit("time", int(MAX_SECONDS))

    def pp_steps(self, iterable: Iterable[Any]) -> Iterator[Any]:
        for item in iterable:
            self.step()
            yield item

    def pp_sized(self, value: Any) -> Any:
        if len(value) > MAX_VALUE:
            raise _Limit("value_size", MAX_VALUE)
        return value

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(__obj, LoopContext) and args:  # `loop(children)` in a recursive loop
            args = (__self.pp_steps(args[0]), *args[1:])
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if _too_big(operator, left, right):
            raise _Limit("value_size", MAX_VALUE)
        return super().call_binop(context, operator, left, right)


def _too_big(operator: str, left: Any, right: Any) -> bool:
    """Would `left operator right` build a value over the bounds? Asked before building it."""
    if operator == "**":
        if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
            return right * abs(left).bit_length() > MAX_POWER_BITS
        return False
    if operator == "*":
        count, seq = (left, right) if isinstance(left, int) else (right, left)
        return isinstance(count, int) and hasattr(seq, "__len__") and count * len(seq) > MAX_VALUE
    if hasattr(left, "__len__") and hasattr(right, "__len__"):  # "+"
        return bool(len(left) + len(right) > MAX_VALUE)
    return False


def render_template(fmt: str, context: dict[str, Any], user_dir: str | None = None) -> str:
    from jinja2 import ChoiceLoader, StrictUndefined, select_autoescape

    loaders = [_FolderLoader(user_dir)] if user_dir else []
    loaders.append(_FolderLoader(str(builtin_templates())))
    env = _BoundedSandbox(
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
    env.filters["md"] = _md
    env.filters["md_lines"] = _md_lines
    name = TEMPLATE_NAMES[fmt]
    try:
        template = env.get_template(name)
        out: list[str] = []
        size = 0
        for i, chunk in enumerate(template.generate(**context)):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise _Limit("output", MAX_OUTPUT)
            if not i & 0x3FF:  # the clock every 1024 pieces of output
                env.in_time()
            out.append(chunk)
        return "".join(out)
    except TemplateProblem:
        raise
    except (TemplateError, _Limit, RecursionError, MemoryError, ArithmeticError, TypeError, ValueError,
            LookupError, AttributeError) as exc:  # fmt: skip
        raise _problem(exc, env, name) from None


def _problem(exc: BaseException, env: _BoundedSandbox, name: str) -> TemplateProblem:
    """The exception as a TemplateProblem at the innermost template line it went through."""
    files = set(env.loaded.values())
    where: tuple[str, int] | None = None
    if isinstance(exc, TemplateSyntaxError) and exc.lineno:
        where = (exc.filename or exc.name or name, exc.lineno)
    else:
        tb: TracebackType | None = exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename in files:
                where = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
            tb = tb.tb_next
    template, line = where if where else (env.loaded.get(name, name), None)
    error = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    if isinstance(exc, _Limit):
        return TemplateProblem(template, line, exc.key, limit=exc.limit)
    if isinstance(exc, TemplateNotFound):
        return TemplateProblem(template, line, "not_found", name=exc.name)
    for kind, key in (
        (TemplateSyntaxError, "syntax"),
        (SecurityError, "security"),
        (UndefinedError, "undefined"),
        (RecursionError, "recursion"),
        (ZeroDivisionError, "zero"),
        (OverflowError, "overflow"),
        (MemoryError, "memory"),
        (TypeError, "type"),
        (ValueError, "value"),
    ):
        if isinstance(exc, kind):
            return TemplateProblem(template, line, key, error=error)
    return TemplateProblem(template, line, "other", error=error)
