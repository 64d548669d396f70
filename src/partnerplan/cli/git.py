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
    @app.command(help=t("cli.git.format_plan_files_canonically_key_order"))
    def fmt(
        paths: Annotated[
            list[str] | None,
            typer.Argument(
                help=t("cli.git.files_or_folders_default_plans"),
                show_default=False,
            ),
        ] = None,
        check: Annotated[
            bool,
            typer.Option(
                "--check",
                help=t("cli.git.only_check_exit_1_if_a"),
            ),
        ] = False,
        show_diff: Annotated[
            bool,
            typer.Option("--diff", help=t("cli.git.show_the_changes_without_writing")),
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
                        t("cli.git.internal_error_formatting_would_change_the", f=f, a1=exc.detail)
                    )
                else:
                    why = t("cli.git.cannot_read_the_yaml", a0=exc.detail)
                    sys.stderr.write(f"{f}: {why}; " + t("cli.git.details_partnerplan_validate", f=f))  # fmt: skip
                continue
            old, new = result.old, result.new
            if old == new:
                continue
            changed += 1
            if show_diff:
                sys.stdout.writelines(difflib.unified_diff(
                    old.splitlines(keepends=True), new.splitlines(keepends=True), f"{f}", f"{f} (fmt)"))  # fmt: skip
            elif check:
                sys.stdout.write(t("cli.git.would_reformat", f=f))
            else:
                try:
                    result.write()  # refused if the file was saved in between, or is read-only
                except WriteError as exc:
                    failed += 1
                    changed -= 1
                    why = say(f"why_{exc.reason}", lang) if f"why_{exc.reason}" in WHY else exc.detail
                    sys.stderr.write(say("cannot_write", lang, path=f, why=why) + "\n")
                    continue
                sys.stdout.write(t("cli.git.reformatted", f=f))
        unchanged = len(files) - changed - failed
        summary = t("cli.git.files_changed_unchanged_failed", a0=len(files), changed=changed, unchanged=unchanged, failed=failed)  # fmt: skip
        if check or show_diff:
            summary = summary.replace("изменено", "изменилось бы").replace("changed", "would change")
        sys.stderr.write(summary + "\n")
        raise typer.Exit(1 if failed or ((check or show_diff) and changed) else 0)

    @app.command(help=t("cli.git.what_changed_in_a_plan_partners"))
    def diff(
        args: Annotated[
            list[str] | None,
            typer.Argument(
                help=t("cli.git.git_revisions_and_or_plan_paths"),
                show_default=False,
            ),
        ] = None,
        fmt_: Annotated[str, typer.Option("--format", help="text | md | json")] = "text",
        exit_code: Annotated[
            bool,
            typer.Option(
                "--exit-code",
                help=t("cli.git.exit_1_when_there_are_changes"),
            ),
        ] = False,
    ) -> None:
        from partnerplan.git import revisions
        from partnerplan.git.gitio import GitError

        if fmt_ not in ("text", "md", "json"):
            fail(t("cli.git.unknown_format_text_md_or_json", fmt_=fmt_))
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
                    fail(t("cli.git.is_neither_a_git_revision_nor", a0=missing[0]))
                results = revisions.diff_revisions(
                    revs[0] if revs else None, revs[1] if len(revs) > 1 else None, items
                )
        except GitError as exc:
            reasons = {
                "no_git": t("cli.git.git_is_not_installed"),
                "not_repo": t("cli.git.not_a_git_repository_compare_two"),
                "bad_rev": t("cli.git.no_such_revision", a0=exc.detail),
                "failed": exc.detail,
            }
            fail(reasons.get(exc.code, exc.detail))
        sys.stdout.write(format_diff(results, fmt_, t))
        any_change = any(r.changes or r.schedule or r.status != "changed" for r in results)
        problems = any(r.problems for r in results)
        raise typer.Exit(1 if problems or (exit_code and any_change) else 0)

    @app.command(
        hidden=True,
        help=t("cli.git.a_plan_as_text_for_git"),
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
        help=t("cli.git.teach_git_to_show_plans_readably"),
    )
    def git_setup(
        pattern: Annotated[
            str,
            typer.Option(
                "--pattern",
                help=t("cli.git.which_files_are_plans_gitattributes"),
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
            sys.stdout.write(t("cli.git.added_to_gitattributes", line=line))
        else:
            sys.stdout.write(t("cli.git.gitattributes_already_has", line=line))
        sys.stdout.write(f"git config diff.partnerplan.textconv = {done.command}\n")

    @app.command(help=t("cli.git.next_year_s_plan_from_this"))
    def rollover(
        plan: Annotated[str, typer.Argument(help=t("cli.git.the_plan_file"))],
        to: Annotated[
            str,
            typer.Option("--to", help=t("cli.git.the_new_year_2026_2027_or")),
        ],
        output: Annotated[
            str | None,
            typer.Option(
                "-o",
                "--output",
                help=t("cli.git.where_to_write_default_beside_it"),
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
            if exc.code == "syntax":  # the round-trip reader cannot rewrite this file as it is
                fail(t("cli.git.cannot_rewrite", plan=plan, detail=exc.detail), 1)
            fail(t("cli.git.internal_error_the_new_plan_would", plan=plan, a1=exc.detail), 1)  # fmt: skip
        if output is None:
            output = next_year_path(plan, checked.plan.year, new_year)
        if os.path.abspath(output) == os.path.abspath(plan):
            fail(t("cli.git.the_new_plan_cannot_overwrite_the"))
        write(output, text, t, [plan])
        sys.stdout.write(t("cli.git.written", output=output))
        for note in notes:
            sys.stdout.write(f"  ! {note}\n")
