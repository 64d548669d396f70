"""Russian words for the parts of `--help` and of usage errors that Typer writes itself.

Typer (pinned below 0.29) keeps these as module constants and hard-coded strings in its
vendored click, with no translation hook. This adapter replaces them, each step guarded:
a Typer that changed shape falls back to English words, never to a crash.
"""

from __future__ import annotations

import contextlib
from typing import Any

_WORDS = {
    "Options": "Параметры",
    "Commands": "Команды",
    "Arguments": "Аргументы",
    "Error": "Ошибка",
    "Aborted.": "Прервано.",
    "Aborted!": "Прервано!",
    "Missing command.": "Не указана команда.",
    "No such command {name!r}.": "Нет такой команды {name!r}.",
    "[default: {}]": "[по умолчанию: {}]",
    "[required]": "[обязательно]",
    "required": "обязательно",
    "default: {default}": "по умолчанию: {default}",
    "Try [blue]'{command_path} {help_option}'[/] for help.": "Справка: [blue]{command_path} {help_option}[/]",
}
_HELP = "Показать эту справку и выйти."
_USAGE = "Использование: "
# The usage line's placeholders: click's words and our arguments' names.
_USAGE_WORDS = {
    "[OPTIONS]": "[ПАРАМЕТРЫ]",
    "COMMAND": "КОМАНДА",
    "[ARGS]": "[АРГУМЕНТЫ]",
    "{plan}": "ПЛАН",
    "{source}": "ДОКУМЕНТ",
    "{texts}": "ФРАЗА",
    "{path}": "ФАЙЛ",
    "[paths]": "[ПУТИ]",
    "[args]": "[РЕВИЗИИ_И_ПУТИ]",
    "[directory]": "[ПАПКА]",
    "[path]": "[ПУТЬ]",
}
_TYPE_NAMES = {"str": "текст", "int range": "число", "integer": "число", "text": "текст", "float": "число"}
_COMPLETION = (
    "Установить автодополнение команд для текущей оболочки.",
    "Показать сценарий автодополнения для текущей оболочки (чтобы настроить самим).",
)


def _usage_args(args: str) -> str:
    for en, ru in _USAGE_WORDS.items():
        args = args.replace(en, ru)
    return args


def _ru(text: str) -> str:
    return _WORDS.get(text, text)


def russify() -> None:
    """Cheap part: what every run may print (usage line, help option, error words)."""
    with contextlib.suppress(ImportError, AttributeError):
        import typer.core
        from typer._click import core as click_core
        from typer._click import formatting

        typer.core._ = _ru  # type: ignore[attr-defined,assignment]
        write_usage = formatting.HelpFormatter.write_usage

        def usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
            write_usage(self, prog, _usage_args(args), _USAGE if prefix is None else prefix)

        formatting.HelpFormatter.write_usage = usage  # type: ignore[method-assign]
        get_help_option = click_core.Command.get_help_option

        def help_option(self: Any, ctx: Any) -> Any:
            opt = get_help_option(self, ctx)
            if opt is not None:
                opt.help = _HELP
            return opt

        click_core.Command.get_help_option = help_option  # type: ignore[method-assign]
    with contextlib.suppress(ImportError, AttributeError, TypeError, IndexError):
        from typer import completion

        defaults = completion._install_completion_placeholder_function.__defaults__ or ()
        for option, text in zip(defaults, _COMPLETION, strict=False):
            option.help = text


def russify_rich() -> None:
    """The rich help panels; imports rich, so only when help is being shown."""
    with contextlib.suppress(ImportError, AttributeError):
        from typer import rich_utils

        rich_utils.OPTIONS_PANEL_TITLE = _WORDS["Options"]
        rich_utils.COMMANDS_PANEL_TITLE = _WORDS["Commands"]
        rich_utils.ARGUMENTS_PANEL_TITLE = _WORDS["Arguments"]
        rich_utils.ERRORS_PANEL_TITLE = _WORDS["Error"]
        rich_utils.DEFAULT_STRING = _WORDS["[default: {}]"]
        rich_utils.REQUIRED_LONG_STRING = _WORDS["[required]"]
        rich_utils.RICH_HELP = _WORDS["Try [blue]'{command_path} {help_option}'[/] for help."]
        rich_utils.ABORTED_TEXT = _WORDS["Aborted."]
        # Option types are shown as <str>, <int range>: say them in Russian.
        from typer._click import types as click_types

        for value in vars(click_types).values():
            name = getattr(value, "name", None)
            if isinstance(name, str) and name in _TYPE_NAMES:
                setattr(value, "name", _TYPE_NAMES[name])  # noqa: B010  instances and classes alike
        # The usage line is highlighted by a pattern that expects the English word.
        cls = type(rich_utils.highlighter)
        cls.highlights = [h.replace("Usage: ", _USAGE) for h in cls.highlights]
