"""The command line: parses arguments, calls `partnerplan.validation`, prints. No logic here.

Heavy modules (pydantic models, rich, docx) are imported inside the commands that need
them, so `partnerplan --version` and `partnerplan validate` start fast.
"""

# No `from __future__ import annotations`: Typer reads the help texts from live annotations.

import os
import sys
from typing import TYPE_CHECKING, Annotated, Any

from partnerplan import __version__

if TYPE_CHECKING:
    import typer

LANGS = ("ru", "en")


def detect_lang(argv: list[str], environ: dict[str, str] | os._Environ[str]) -> tuple[str, list[str]]:
    """`--lang X` anywhere on the line wins; then PARTNERPLAN_LANG, LC_ALL, LC_MESSAGES,
    LANG (English only when the locale says English: Russian is the default)."""
    rest: list[str] = []
    lang: str | None = None
    it = iter(argv)
    for arg in it:
        if arg == "--lang":
            lang = next(it, "ru")
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    if lang is None:
        for var in ("PARTNERPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
            value = environ.get(var)
            if value:
                lang = "en" if value.lower().startswith("en") else "ru"
                break
    return (lang if lang in LANGS else "ru"), rest


def build_app(lang: str = "ru", only: str | None = None) -> "typer.Typer":
    """The whole command line; with `only`, just the command the user named (Typer
    turns every registered command into a Click command before parsing: ~1 ms each)."""
    import typer

    from partnerplan.cli.common import (
        Say,
        color,
        current_school_year,
        fail,
        print_diagnostics,
        require_paths,
        use_color,
        write,
    )

    t = Say(lang)
    app = typer.Typer(
        name="partnerplan",
        help=t("cli.main.partnerplan_the_plan_of_work_with"),
        no_args_is_help=True,
        add_completion=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        pretty_exceptions_enable=False,
    )

    def version_cb(value: bool) -> None:
        if value:
            sys.stdout.write(f"partnerplan {__version__}\n")
            raise typer.Exit(0)

    @app.callback()
    def _root(
        version: Annotated[
            bool,
            typer.Option(
                "--version",
                callback=version_cb,
                is_eager=True,
                help=t("cli.main.show_the_version_and_exit"),
            ),
        ] = False,
        lang_opt: Annotated[
            str,
            typer.Option(
                "--lang",
                help=t("cli.main.message_language_ru_or_en_also"),
            ),
        ] = lang,
    ) -> None:
        pass

    @app.command(help=t("cli.main.check_plan_files_or_every_plan"))
    def validate(
        paths: Annotated[
            list[str] | None,
            typer.Argument(
                help=t("cli.main.files_or_folders_default_plans"),
                show_default=False,
            ),
        ] = None,
        strict: Annotated[
            bool,
            typer.Option("--strict", help=t("cli.main.treat_warnings_as_errors")),
        ] = False,
        fmt: Annotated[
            str,
            typer.Option(
                "--format",
                help=t("cli.main.output_text_json_sarif_github_gitlab"),
            ),
        ] = "text",
    ) -> None:
        from partnerplan import formats
        from partnerplan import validation as api

        if fmt not in formats.FORMATS:
            fail(t("cli.main.unknown_format_use", fmt=fmt, a1=', '.join(formats.FORMATS)))  # fmt: skip
        machine = fmt != "text"
        # Inside plans/ (or any folder of plans) the plans are here.
        targets = paths or (["plans"] if os.path.isdir("plans") else ["."])
        missing = [p for p in targets if p != "-" and not os.path.exists(p)]
        if missing and machine:
            sys.stdout.write("[]\n" if fmt == "json" else "")  # a machine reader still gets its format
        require_paths([p for p in targets if p != "-"], t)
        files = api.find_plan_files(targets)
        if not files:
            if fmt == "json":
                sys.stdout.write("[]\n")
            fail(t("cli.main.no_plan_files_yaml_yml_in", a0=", ".join(targets)))
        summary = api.validate(files, strict=strict)  # the folders are walked once
        if fmt == "json":
            sys.stdout.write(formats.as_json(summary.diagnostics, lang))
        elif fmt == "sarif":
            sys.stdout.write(formats.as_sarif(summary.diagnostics, lang))
        elif fmt == "github":
            sys.stdout.write(formats.as_github(summary.diagnostics, lang))
        else:
            for result in summary.results:
                print_diagnostics(result.lines, result.diagnostics, lang)
            counts = (
                t("cli.main.partners_activities", a0=summary.partners, a1=summary.activities)
                if not summary.errors else ""
            )  # fmt: skip
            line = t(
                "cli.main.checked_files_errors_warnings",
                a0=summary.files,
                counts=counts,
                a2=summary.errors,
                a3=summary.warnings,
            )
            sys.stdout.write(color(use_color(sys.stdout), "1;31" if summary.errors else "1;32", line) + "\n")
        raise typer.Exit(1 if summary.errors else 0)

    @app.command(help=t("cli.main.print_the_json_schema_of_the"))
    def schema(
        output: Annotated[
            str | None,
            typer.Option("-o", "--output", help=t("cli.main.write_to_a_file")),
        ] = None,
        registry: Annotated[
            bool,
            typer.Option(
                "--registry",
                help=t("cli.main.the_schema_of_partners_yaml_a"),
            ),
        ] = False,
    ) -> None:
        from partnerplan.plan.schema import json_schema_text

        text = json_schema_text(registry)
        if output:
            write(output, text, t)
        else:
            sys.stdout.write(text)

    @app.command(help=t("cli.main.create_a_commented_starter_plan_and"))
    def init(
        directory: Annotated[str, typer.Argument(help=t("cli.main.folder_default_plans"))] = "plans",
        name: Annotated[str, typer.Option("--name", help=t("cli.main.plan_file_name"))] = "plan.yaml",
        force: Annotated[
            bool,
            typer.Option("--force", help=t("cli.main.overwrite_an_existing_file")),
        ] = False,
    ) -> None:
        from partnerplan.plan.schema import json_schema_text
        from partnerplan.plan.starter import starter_plan

        os.makedirs(directory, exist_ok=True)
        target = os.path.join(directory, name)
        if os.path.exists(target) and not force:
            fail(t("cli.main.exists_add_force_to_overwrite", target=target))
        write(os.path.join(directory, "plan.schema.json"), json_schema_text(), t)
        write(target, starter_plan("plan.schema.json", current_school_year()), t)
        sys.stdout.write(
            t("cli.main.created_check_it_partnerplan_validate", target=target, directory=directory)
        )

    from partnerplan.cli import dates as cli_dates
    from partnerplan.cli import documents as cli_documents
    from partnerplan.cli import git as cli_git

    cli_dates.register(app, t, lang)
    cli_documents.register(app, t, lang)
    cli_git.register(app, t, lang)
    from partnerplan.cli import serve as cli_serve

    cli_serve.register(app, t, lang)
    if only is not None:
        wanted = [c for c in app.registered_commands if _command_name(c) == only]
        if wanted:  # an unknown name keeps them all, for Click's «did you mean»
            app.registered_commands = wanted
    return app


def _command_name(info: Any) -> str:
    return str(info.name or info.callback.__name__.lower().replace("_", "-"))


def _named_command(args: list[str]) -> str | None:
    """The command on the line, unless the line asks the root for help or completion."""
    for arg in args:
        if not arg.startswith("-"):
            return arg
        if arg in ("-h", "--help", "--install-completion", "--show-completion", "--version"):
            return None
    return None


def main(argv: list[str] | None = None) -> Any:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:  # the one answer that needs neither Typer nor the plan code
        sys.stdout.write(f"partnerplan {__version__}\n")
        sys.exit(0)
    # Plans hold no reference cycles, and a command ends within seconds: the cyclic
    # collector would only rescan the growing plan (a third of the CPU on big files,
    # superlinear). `serve`, which lives on, switches it back on.
    import gc

    gc.disable()
    # Pydantic otherwise scans every installed distribution for plugins at start-up
    # (importlib.metadata): ~10 ms of a command that should feel instant.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    lang, rest = detect_lang(args, os.environ)
    if lang == "ru":
        from partnerplan.cli import ru as cli_ru

        cli_ru.russify()
        if not rest or "--help" in rest or "-h" in rest:
            cli_ru.russify_rich()
    app = build_app(lang, only=_named_command(rest))
    if lang != "ru":
        return app(args=rest, prog_name="partnerplan")
    import typer

    try:
        from typer._click import exceptions as click_errors
    except ImportError:  # a Typer of another shape: its own (English) error messages
        return app(args=rest, prog_name="partnerplan")
    try:
        code = app(args=rest, prog_name="partnerplan", standalone_mode=False)
    except click_errors.NoArgsIsHelpError as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click_errors.UsageError as exc:
        sys.stderr.write(_usage_error_ru(exc) + "\n")
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.stderr.write("Прервано.\n")
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


def _param_name(exc: Any) -> str:
    param = exc.param
    if exc.param_hint:
        return str(exc.param_hint)
    if param is None:
        return ""
    if param.param_type_name == "argument":
        return str(param.human_readable_name).upper()
    return str(param.opts[0]) if param.opts else str(param.human_readable_name)


def _usage_error_ru(exc: Any) -> str:
    """Click's usage errors (wrong option, missing argument) in Russian, with the way out."""
    from typer._click import exceptions as click_errors

    ctx = exc.ctx
    command = ctx.command_path if ctx is not None else "partnerplan"
    if isinstance(exc, click_errors.NoSuchOption):
        text = f"нет такого параметра: {exc.option_name}"
        if exc.possibilities:
            text += f" (возможно, вы имели в виду {', '.join(sorted(exc.possibilities))}?)"
    elif isinstance(exc, click_errors.MissingParameter):
        param = exc.param
        kind = "аргумента" if param is not None and param.param_type_name == "argument" else "параметра"
        text = f"не хватает {kind} {_param_name(exc)}".rstrip()
    elif isinstance(exc, click_errors.BadParameter):
        text = f"неверное значение {_param_name(exc)}: {exc.message}"
    elif exc.message.startswith("Got unexpected extra argument"):
        text = "лишние аргументы " + exc.message.split("(", 1)[-1].rstrip(")").join("()")
    elif " Did you mean " in exc.message:  # a mistyped command: Click's hint in Russian
        head, _, guess = exc.message.partition(" Did you mean ")
        text = f"{head} Возможно, вы имели в виду {guess.rstrip('?')}?"
    else:
        text = exc.message
    return f"{command}: ошибка: {text}\nСправка: {command} --help"
