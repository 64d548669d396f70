"""Words for people that are not diagnostics: the library's answers, document labels and
the CLI's own sentences. One keyed catalogue, English beside Russian; diagnostics (PP
codes) have theirs in `messages`.

`say(key, lang, **args)` formats the entry in the reader's language (Russian unless
`lang` is "en"); a key without an English text falls back to Russian.
"""

from __future__ import annotations

from typing import Any

WORDS: dict[str, tuple[str, str]] = {
    # --- outputs -----------------------------------------------------------------------
    "written": ("Записано: {path}", "Written: {path}"),
    "output_is_input": (
        "{path}: это входной файл команды — результат записал бы его поверх; укажите другой -o",
        "{path} is one of the command's inputs: writing there would destroy it; choose another -o",
    ),
    "unknown_extension": (
        "{path}: формат «{ext}» не поддерживается; допустимо: {allowed} (или укажите --to)",
        "{path}: '{ext}' is not a supported format; use {allowed} (or give --to)",
    ),
    "format_contradiction": (
        "-o {path} и --to {to} противоречат друг другу: расширение файла говорит «{ext}»",
        "-o {path} contradicts --to {to}: the file's extension says '{ext}'",
    ),
    "unknown_format": (
        "неизвестный формат «{value}»: допустимо {allowed}",
        "unknown format '{value}': use {allowed}",
    ),
    "no_output_folder": (
        "нет папки для результата: {folder} — создайте её или укажите другой -o",
        "no such output folder: {folder}",
    ),
    "reference_not_docx": (
        "--reference-docx: это не документ Word (.docx): {path}",
        "--reference-docx: not a Word document (.docx): {path}",
    ),
    "template_error": ("ошибка в шаблоне: {detail}", "template error: {detail}"),
    "cannot_write": ("не удалось записать {path}: {why}", "cannot write {path}: {why}"),
    "why_no_dir": ("папки для файла нет — создайте её или укажите другую", "the folder does not exist"),
    "why_not_dir": ("путь к папке ведёт на файл", "the folder path is a file"),
    "why_denied": ("нет прав на запись в эту папку", "permission denied"),
    "why_read_only": (
        "файл только для чтения — снимите защиту (chmod u+w) или укажите другой файл",
        "the file is read-only",
    ),
    "why_changed": (
        "файл изменился, пока шла работа (сохранён в редакторе?) — повторите команду",
        "the file changed while the command ran (saved in an editor?) — run it again",
    ),
    # --- git ---------------------------------------------------------------------------
    "worktree": ("рабочая копия", "work tree"),
    "not_a_repository": (
        "это не репозиторий git: перейдите в папку репозитория",
        "not a git repository: run this inside one",
    ),
    "not_a_plan_year": (
        "«{value}» — не год плана: пишите {example}",
        "'{value}' is not a plan year: write {example}",
    ),
}


def say(key: str, lang: str = "ru", **args: Any) -> str:
    ru, en = WORDS[key]
    text = en if lang == "en" and en else ru
    return text.format(**args) if args else text
