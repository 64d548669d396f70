"""The command line: parses arguments, calls `partnerplan.api`, prints. No logic here.

Heavy modules (pydantic models, rich, docx) are imported inside the commands that need
them, so `partnerplan --version` and `partnerplan validate` start fast.
"""

# No `from __future__ import annotations`: Typer reads the help texts from live annotations.

import os
import sys
from typing import Annotated, Any, NoReturn

import typer

from partnerplan import __version__

LANGS = ("ru", "en")


def detect_lang(
    argv: list[str], environ: dict[str, str] | os._Environ[str]
) -> tuple[str, list[str]]:
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


class _Say:
    """Russian or English text for the CLI's own words, chosen once per run."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, ru: str, en: str) -> str:
        return en if self.lang == "en" else ru


def _color(enabled: bool, code: str, text: str) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if enabled else text


def _fail(message: str, code: int = 2) -> NoReturn:
    sys.stderr.write(message + "\n")
    raise typer.Exit(code)


def build_app(lang: str = "ru") -> typer.Typer:
    t = _Say(lang)
    app = typer.Typer(
        name="partnerplan",
        help=t(
            "partnerplan — план работы с социальными партнёрами: проверка YAML-плана, "
            "даты мероприятий, «Комплексный план» в Word.",
            "partnerplan — the plan of work with social partners: checks the YAML plan, "
            "dates the events, writes the «Комплексный план» in Word.",
        ),
        no_args_is_help=True,
        add_completion=False,
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
                help=t("Показать версию и выйти.", "Show the version and exit."),
            ),
        ] = False,
        lang_opt: Annotated[
            str,
            typer.Option(
                "--lang",
                help=t(
                    "Язык сообщений: ru или en (также LANG).",
                    "Message language: ru or en (also LANG).",
                ),
            ),
        ] = lang,
    ) -> None:
        pass

    @app.command(
        help=t(
            "Проверить файлы плана (или все планы в папках). Код выхода: 0 — план в порядке "
            "(предупреждения допустимы), 1 — найдены ошибки, 2 — неверный вызов.",
            "Check plan files (or every plan in folders). Exit code: 0 valid (warnings allowed), "
            "1 problems found, 2 usage error.",
        )
    )
    def validate(
        paths: Annotated[
            list[str] | None,
            typer.Argument(
                help=t(
                    "Файлы или папки; по умолчанию plans/.", "Files or folders; default plans/."
                ),
                show_default=False,
            ),
        ] = None,
        strict: Annotated[
            bool,
            typer.Option(
                "--strict", help=t("Считать предупреждения ошибками.", "Treat warnings as errors.")
            ),
        ] = False,
        fmt: Annotated[
            str, typer.Option("--format", help=t("Вывод: text или json.", "Output: text or json."))
        ] = "text",
    ) -> None:
        from partnerplan import api
        from partnerplan.diagnostics import format_json, format_text

        if fmt not in ("text", "json"):
            _fail(
                t(
                    f"неизвестный формат «{fmt}»: допустимы text и json",
                    f"unknown format '{fmt}': use text or json",
                )
            )
        targets = paths or ["plans"]
        for p in targets:
            if not os.path.exists(p):
                _fail(t(f"{p}: нет такого файла или папки", f"{p}: no such file or folder"))
        files = api.find_plan_files(targets)
        if not files:
            _fail(
                t(
                    f"в {', '.join(targets)} нет файлов плана (*.yaml, *.yml)",
                    f"no plan files (*.yaml, *.yml) in {', '.join(targets)}",
                )
            )
        summary = api.validate(targets, strict=strict)
        if fmt == "json":
            sys.stdout.write(format_json(summary.diagnostics, lang) + "\n")
        else:
            color = sys.stderr.isatty() and "NO_COLOR" not in os.environ
            for result in summary.results:
                lines = result.loaded.lines
                for d in result.diagnostics:
                    text = format_text(d, lines, lang)
                    head, _, rest = text.partition("\n")
                    head = _color(color, "1;31" if d.severity == "error" else "1;33", head)
                    sys.stderr.write(head + ("\n" + rest if rest else "") + "\n\n")
            line = t(
                f"Проверено файлов: {summary.files}, партнёров: {summary.partners}, "
                f"мероприятий: {summary.activities}; ошибок: {summary.errors}, "
                f"предупреждений: {summary.warnings}",
                f"Checked files: {summary.files}, partners: {summary.partners}, "
                f"activities: {summary.activities}; errors: {summary.errors}, "
                f"warnings: {summary.warnings}",
            )
            sys.stdout.write(_color(color, "1;31" if summary.errors else "1;32", line) + "\n")
        raise typer.Exit(1 if summary.errors else 0)

    @app.command(
        help=t(
            "Напечатать JSON Schema файла плана (для редакторов, например VS Code).",
            "Print the JSON Schema of the plan file (for editors such as VS Code).",
        )
    )
    def schema(
        output: Annotated[
            str | None,
            typer.Option("-o", "--output", help=t("Записать в файл.", "Write to a file.")),
        ] = None,
    ) -> None:
        from partnerplan.api import json_schema_text

        text = json_schema_text()
        if output:
            _write(output, text, t)
        else:
            sys.stdout.write(text)

    @app.command(
        help=t(
            "Создать образец плана с пояснениями (и схему для автодополнения в редакторе).",
            "Create a commented starter plan (and the schema for editor autocompletion).",
        )
    )
    def init(
        directory: Annotated[
            str, typer.Argument(help=t("Папка; по умолчанию plans/.", "Folder; default plans/."))
        ] = "plans",
        name: Annotated[
            str, typer.Option("--name", help=t("Имя файла плана.", "Plan file name."))
        ] = "plan.yaml",
        force: Annotated[
            bool,
            typer.Option(
                "--force", help=t("Перезаписать существующий файл.", "Overwrite an existing file.")
            ),
        ] = False,
    ) -> None:
        from partnerplan.api import json_schema_text
        from partnerplan.starter import starter_plan

        os.makedirs(directory, exist_ok=True)
        target = os.path.join(directory, name)
        if os.path.exists(target) and not force:
            _fail(
                t(
                    f"{target} уже существует; чтобы перезаписать, добавьте --force",
                    f"{target} exists; add --force to overwrite",
                )
            )
        _write(os.path.join(directory, "plan.schema.json"), json_schema_text(), t)
        _write(target, starter_plan("plan.schema.json"), t)
        sys.stdout.write(
            t(
                f"Создан {target}. Проверьте: partnerplan validate {directory}\n",
                f"Created {target}. Check it: partnerplan validate {directory}\n",
            )
        )

    return app


def _write(path: str, data: str | bytes, t: _Say) -> None:
    from partnerplan.fsutil import WriteError, atomic_write

    try:
        atomic_write(path, data)
    except WriteError as exc:
        reasons = {
            "no_dir": t(
                "папки для файла нет — создайте её или укажите другую", "the folder does not exist"
            ),
            "not_dir": t("путь к папке ведёт на файл", "the folder path is a file"),
            "denied": t("нет прав на запись в эту папку", "permission denied"),
            "os": exc.detail,
        }
        _fail(
            t(
                f"не удалось записать {path}: {reasons[exc.reason]}",
                f"cannot write {path}: {reasons[exc.reason]}",
            )
        )


def main(argv: list[str] | None = None) -> Any:
    # Pydantic otherwise scans every installed distribution for plugins at start-up
    # (importlib.metadata): ~10 ms of a command that should feel instant.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    lang, rest = detect_lang(list(sys.argv[1:] if argv is None else argv), os.environ)
    app = build_app(lang)
    return app(args=rest, prog_name="partnerplan")
