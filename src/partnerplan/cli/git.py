"""Commands for plans under git: `fmt`, `diff`, `git-setup`, `rollover` (and textconv)."""

# No `from __future__ import annotations`: Typer reads the help texts from live annotations.
import os
import sys
from typing import Annotated

import typer

from partnerplan.cli.common import (
    WHY,
    Say,
    checked_plan,
    fail,
    format_diff,
    require_paths,
    write,
)


def register(app: typer.Typer, t: Say, lang: str) -> None:
    @app.command(
        help=t(
            "Привести файлы плана к единому виду: порядок ключей, отступы, кавычки. Комментарии и значения сохраняются.",
            "Format plan files canonically: key order, indentation, quotes. Comments and values are kept.",
        )
    )
    def fmt(
        paths: Annotated[
            list[str] | None,
            typer.Argument(
                help=t("Файлы или папки; по умолчанию plans/.", "Files or folders; default plans/."),
                show_default=False,
            ),
        ] = None,
        check: Annotated[
            bool,
            typer.Option(
                "--check",
                help=t(
                    "Только проверить: код 1, если файл изменился бы.",
                    "Only check: exit 1 if a file would change.",
                ),
            ),
        ] = False,
        show_diff: Annotated[
            bool,
            typer.Option(
                "--diff", help=t("Показать изменения, не записывая.", "Show the changes without writing.")
            ),
        ] = False,
    ) -> None:
        import difflib

        from partnerplan import validation as api
        from partnerplan.fsutil import WriteError
        from partnerplan.plan.format import FormatError, format_path
        from partnerplan.words import say

        targets = paths or ["plans"]
        require_paths(targets, t)
        files = api.find_plan_files(targets)
        changed = failed = 0
        for f in files:
            try:
                result = format_path(f)
            except FormatError as exc:
                failed += 1
                if exc.code == "internal":
                    sys.stderr.write(
                        t(
                            f"{f}: ВНУТРЕННЯЯ ОШИБКА: форматирование изменило бы данные ({exc.detail}); файл не тронут. Сообщите, пожалуйста, разработчикам.\n",
                            f"{f}: INTERNAL ERROR: formatting would change the data ({exc.detail}); the file is untouched. Please report.\n",
                        )
                    )
                else:
                    why = t(
                        f"не удаётся прочитать YAML ({exc.detail})", f"cannot read the YAML ({exc.detail})"
                    )
                    sys.stderr.write(f"{f}: {why}; " + t(f"подробности: partnerplan validate {f}\n",
                                                         f"details: partnerplan validate {f}\n"))  # fmt: skip
                continue
            old, new = result.old, result.new
            if old == new:
                continue
            changed += 1
            if show_diff:
                sys.stdout.writelines(difflib.unified_diff(
                    old.splitlines(keepends=True), new.splitlines(keepends=True), f"{f}", f"{f} (fmt)"))  # fmt: skip
            elif check:
                sys.stdout.write(t(f"изменился бы: {f}\n", f"would reformat: {f}\n"))
            else:
                try:
                    result.write()  # refused if the file was saved in between, or is read-only
                except WriteError as exc:
                    failed += 1
                    changed -= 1
                    why = say(f"why_{exc.reason}", lang) if f"why_{exc.reason}" in WHY else exc.detail
                    sys.stderr.write(say("cannot_write", lang, path=f, why=why) + "\n")
                    continue
                sys.stdout.write(t(f"отформатирован: {f}\n", f"reformatted: {f}\n"))
        unchanged = len(files) - changed - failed
        summary = t(f"Файлов: {len(files)}; изменено: {changed}; без изменений: {unchanged}; с ошибками: {failed}",
                    f"Files: {len(files)}; changed: {changed}; unchanged: {unchanged}; failed: {failed}")  # fmt: skip
        if check or show_diff:
            summary = summary.replace("изменено", "изменилось бы").replace("changed", "would change")
        sys.stderr.write(summary + "\n")
        raise typer.Exit(1 if failed or ((check or show_diff) and changed) else 0)

    @app.command(
        help=t(
            "Что изменилось в плане: партнёры, мероприятия, сроки и даты — по идентификаторам, а не по строкам. "
            "diff [РЕВИЗИЯ_А [РЕВИЗИЯ_Б]] [ПУТЬ ...] или diff ФАЙЛ_А ФАЙЛ_Б; по умолчанию рабочая копия против HEAD.",
            "What changed in a plan: partners, activities, periods and dates, by id, not by line. "
            "diff [REV_A [REV_B]] [PATH ...] or diff FILE_A FILE_B; default: the work tree against HEAD.",
        )
    )
    def diff(
        args: Annotated[
            list[str] | None,
            typer.Argument(
                help=t("Ревизии git и/или пути к планам.", "git revisions and/or plan paths."),
                show_default=False,
            ),
        ] = None,
        fmt_: Annotated[str, typer.Option("--format", help="text | md | json")] = "text",
        exit_code: Annotated[
            bool,
            typer.Option(
                "--exit-code",
                help=t(
                    "Код 1, если есть изменения (как git diff).",
                    "Exit 1 when there are changes (like git diff).",
                ),
            ),
        ] = False,
    ) -> None:
        from partnerplan.git import revisions
        from partnerplan.git.gitio import GitError

        if fmt_ not in ("text", "md", "json"):
            fail(
                t(
                    f"неизвестный формат «{fmt_}»: text, md или json",
                    f"unknown format '{fmt_}': text, md or json",
                )
            )
        items = list(args or [])
        try:
            if len(items) == 2 and all(os.path.isfile(x) for x in items):
                results = [revisions.diff_files(items[0], items[1])]
            else:
                from partnerplan.git import gitio

                revs: list[str] = []
                while (
                    items and len(revs) < 2 and not os.path.exists(items[0]) and gitio.is_revision(items[0])
                ):
                    revs.append(items.pop(0))
                missing = [x for x in items if not os.path.exists(x)]
                if missing:
                    fail(
                        t(
                            f"«{missing[0]}» — не ревизия git и не файл",
                            f"'{missing[0]}' is neither a git revision nor a file",
                        )
                    )
                results = revisions.diff_revisions(
                    revs[0] if revs else None, revs[1] if len(revs) > 1 else None, items
                )
        except GitError as exc:
            reasons = {
                "no_git": t("не найдена программа git", "git is not installed"),
                "not_repo": t(
                    "это не репозиторий git: сравните два файла — partnerplan diff СТАРЫЙ НОВЫЙ",
                    "not a git repository: compare two files instead",
                ),
                "bad_rev": t(f"нет такой ревизии: {exc.detail}", f"no such revision: {exc.detail}"),
                "failed": exc.detail,
            }
            fail(reasons.get(exc.code, exc.detail))
        sys.stdout.write(format_diff(results, fmt_, t))
        any_change = any(r.changes or r.schedule or r.status != "changed" for r in results)
        problems = any(r.problems for r in results)
        raise typer.Exit(1 if problems or (exit_code and any_change) else 0)

    @app.command(
        hidden=True,
        help=t(
            "Текст плана для git diff (драйвер textconv).", "A plan as text for git diff (textconv driver)."
        ),
    )
    def textconv(path: Annotated[str, typer.Argument()]) -> None:
        from partnerplan.git.textconv import textconv
        from partnerplan.problems import Problem

        try:
            sys.stdout.write(textconv(path, lang))
        except Problem as exc:
            fail(exc.message(lang), exc.exit_code)

    @app.command(
        "git-setup",
        help=t(
            "Подключить к git чтение планов: git diff и git log -p показывают партнёров, сроки и даты, а не YAML.",
            "Teach git to show plans readably: git diff and git log -p show partners, periods and dates, not YAML.",
        ),
    )
    def git_setup(
        pattern: Annotated[
            str,
            typer.Option(
                "--pattern",
                help=t(
                    "Какие файлы считать планами (.gitattributes).", "Which files are plans (.gitattributes)."
                ),
            ),
        ] = "*.yaml",
    ) -> None:
        from partnerplan.git.setup import setup_textconv
        from partnerplan.problems import Problem

        try:
            done = setup_textconv(pattern, sys.argv[0])
        except Problem as exc:
            fail(exc.message(lang), exc.exit_code)
        line = done.attribute
        if done.added:
            sys.stdout.write(
                t(f"В .gitattributes добавлена строка: {line}\n", f"Added to .gitattributes: {line}\n")
            )
        else:
            sys.stdout.write(
                t(f"В .gitattributes уже есть: {line}\n", f".gitattributes already has: {line}\n")
            )
        sys.stdout.write(f"git config diff.partnerplan.textconv = {done.command}\n")

    @app.command(
        help=t(
            "План на следующий год из этого: те же партнёры и мероприятия, новые даты.",
            "Next year's plan from this one: the same partners and activities, new dates.",
        )
    )
    def rollover(
        plan: Annotated[str, typer.Argument(help=t("Файл плана.", "The plan file."))],
        to: Annotated[
            str,
            typer.Option(
                "--to", help=t("Новый год: 2026/2027 или 2027.", "The new year: 2026/2027 or 2027.")
            ),
        ],
        output: Annotated[
            str | None,
            typer.Option(
                "-o",
                "--output",
                help=t(
                    "Куда записать; по умолчанию рядом, с новым годом в имени.",
                    "Where to write; default: beside it, the new year in the name.",
                ),
            ),
        ] = None,
    ) -> None:
        from partnerplan.dates.explain import year_calendar
        from partnerplan.git.rollover import next_year_path, rollover
        from partnerplan.words import say

        try:
            year_calendar(to)
        except ValueError:
            fail(
                say(
                    "not_a_plan_year",
                    lang,
                    value=to,
                    example="2026/2027 или 2027" if lang == "ru" else "2026/2027 or 2027",
                )
            )
        checked = checked_plan(plan, t, lang)
        from partnerplan.plan.format import FormatError

        try:
            text, notes, new_year = rollover(plan, to)
        except FormatError as exc:
            fail(t(f"{plan}: ВНУТРЕННЯЯ ОШИБКА: новый план потерял бы данные или комментарии ({exc.detail}); "
                   "ничего не записано. Сообщите, пожалуйста, разработчикам.",
                   f"{plan}: INTERNAL ERROR: the new plan would lose data or comments ({exc.detail}); "
                   "nothing written. Please report."), 1)  # fmt: skip
        if output is None:
            output = next_year_path(plan, checked.plan.year, new_year)
        if os.path.abspath(output) == os.path.abspath(plan):
            fail(
                t(
                    "новый план нельзя записать поверх старого: укажите другой -o",
                    "the new plan cannot overwrite the old one",
                )
            )
        write(output, text, t, [plan])
        sys.stdout.write(t(f"Записано: {output}\n", f"Written: {output}\n"))
        for note in notes:
            sys.stdout.write(f"  ! {note}\n")
