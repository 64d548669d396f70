"""Commands that make documents: `render`, `report`, `import`."""

# No `from __future__ import annotations`: Typer reads the help texts from live annotations.
import os
import sys
from typing import Annotated

import typer

from partnerplan.cli.common import (
    Say,
    checked_plan,
    current_school_year,
    fail,
    guard_output,
    require_paths,
    write,
)


def register(app: typer.Typer, t: Say, lang: str) -> None:
    @app.command(help=t("cli.documents.make_a_document_the_word_html"))
    def render(
        plan: Annotated[str, typer.Argument(help=t("cli.documents.the_plan_file"))],
        to: Annotated[
            str | None,
            typer.Option(
                "--to",
                help=t("cli.documents.docx_html_md_default_from_o"),
            ),
        ] = None,
        what: Annotated[
            str,
            typer.Option(
                "--what",
                help=t("cli.documents.plan_calendar_model_all"),
            ),
        ] = "plan",
        output: Annotated[
            str | None,
            typer.Option(
                "-o",
                "--output",
                help=t("cli.documents.where_to_write_default_plan_name"),
            ),
        ] = None,
        templates: Annotated[
            str | None,
            typer.Option(
                "--templates",
                help=t("cli.documents.a_folder_with_your_own_jinja"),
            ),
        ] = None,
        reference: Annotated[
            str | None,
            typer.Option(
                "--reference-docx",
                help=t("cli.documents.a_word_document_whose_styles_to"),
            ),
        ] = None,
    ) -> None:
        from partnerplan.documents import build as documents
        from partnerplan.documents import outputs
        from partnerplan.problems import Problem

        if what not in documents.RENDER_PARTS:
            fail(t("cli.documents.unknown_part_plan_calendar_model_or", what=what))
        if templates and not os.path.isdir(templates):
            fail(t("cli.documents.templates_no_such_folder", templates=templates))
        if reference and not os.path.isfile(reference):
            fail(t("cli.documents.reference_docx_no_such_file", reference=reference))
        allowed = documents.RENDER_TARGETS + (("png", "svg") if what == "model" else ())
        guard_output(output, [p for p in (plan, reference) if p], t)
        try:
            fmt = outputs.choose_format(output, to, allowed)
            output = output or outputs.default_output(plan, fmt, what)
            outputs.check_folder(output)
            checked = checked_plan(plan, t, lang)
            files = outputs.render_files(
                checked, output, fmt, what, templates=templates, reference=reference, lang=lang
            )
        except Problem as exc:
            fail(exc.message(lang), exc.exit_code)
        inputs = [p for p in (plan, reference) if p]
        for path, data in files.items():
            write(path, data, t, inputs)
        if output != "-":
            sys.stdout.write(t("cli.documents.written", output=output))

    @app.command(help=t("cli.documents.a_report_on_a_plan_or"))
    def report(
        paths: Annotated[
            list[str] | None,
            typer.Argument(
                help=t("cli.documents.plans_or_folders_default_plans"),
                show_default=False,
            ),
        ] = None,
        to: Annotated[
            str | None,
            typer.Option(
                "--to",
                help=t("cli.documents.docx_html_md_default_from_o"),
            ),
        ] = None,
        output: Annotated[
            str | None,
            typer.Option(
                "-o",
                "--output",
                help=t("cli.documents.where_to_write_default_report_docx"),
            ),
        ] = None,
        year_end: Annotated[
            bool,
            typer.Option(
                "--year-end",
                help=t("cli.documents.the_year_s_analysis_planned_held"),
            ),
        ] = False,
        templates: Annotated[
            str | None,
            typer.Option(
                "--templates",
                help=t("cli.documents.a_folder_with_your_own_templates"),
            ),
        ] = None,
    ) -> None:
        from partnerplan import validation as api
        from partnerplan.documents import build as documents
        from partnerplan.documents import outputs
        from partnerplan.problems import Problem

        targets = paths or ["plans"]
        require_paths(targets, t)
        files = api.find_plan_files(targets)  # the folders are walked once
        guard_output(output, files, t)
        try:
            fmt = outputs.choose_format(output, to, documents.RENDER_TARGETS)
            output = output or f"{'year-end' if year_end else 'report'}.{fmt}"
            outputs.check_folder(output)
        except Problem as exc:
            fail(exc.message(lang), exc.exit_code)
        if not files:
            fail(t("cli.documents.no_plan_files_in", a0=", ".join(targets)))
        jobs = documents.auto_jobs(len(files))  # a district's plans: two processes read them
        if len(files) > 10 and sys.stderr.isatty():
            from rich.progress import Progress

            with Progress(transient=True) as bar:
                task = bar.add_task(t("cli.documents.reading_plans"), total=len(files))
                net = documents.load_network(
                    files, lambda done, total: bar.update(task, completed=done), jobs=jobs
                )
        else:
            net = documents.load_network(files, jobs=jobs)
        for f, why in net.skipped:
            sys.stderr.write(t("cli.documents.skipped_the_plan_has_errors", f=f, why=why))  # fmt: skip
        if not net.orgs:
            fail(
                t("cli.documents.no_valid_plan_to_report_on"),
                1,
            )
        made = outputs.report_files(net, output, fmt, year_end=year_end, templates=templates, lang=lang)
        for path, data in made.items():
            write(path, data, t, files)
        sys.stdout.write(t("cli.documents.written_organisations", output=output, a1=len(net.orgs)))
        if net.skipped:
            raise typer.Exit(1)

    @app.command(
        "import",
        help=t("cli.documents.read_an_existing_plan_from_word"),
    )
    def import_(
        source: Annotated[
            str,
            typer.Argument(help=t("cli.documents.a_word_document_or_an_excel")),
        ],
        output: Annotated[
            str | None,
            typer.Option(
                "-o",
                "--output",
                help=t("cli.documents.the_plan_file_default_name_yaml"),
            ),
        ] = None,
        year: Annotated[
            str | None,
            typer.Option(
                "--year",
                help=t("cli.documents.the_plan_year_when_the_document"),
            ),
        ] = None,
        force: Annotated[
            bool,
            typer.Option("--force", help=t("cli.documents.overwrite_an_existing_file")),
        ] = False,
        explain: Annotated[
            bool,
            typer.Option(
                "--explain",
                help=t("cli.documents.show_which_table_and_which_column"),
            ),
        ] = False,
    ) -> None:
        from partnerplan.documents.importer import ImportFailed, import_document, to_yaml

        if not os.path.isfile(source):
            fail(t("cli.documents.no_such_file", source=source))
        output = output or os.path.splitext(source)[0] + ".yaml"
        if os.path.exists(output) and not force:
            fail(t("cli.documents.exists_add_force", output=output))
        if year is None:
            year = current_school_year()
        else:
            from partnerplan.dates.explain import year_calendar

            try:
                year_calendar(year)
            except ValueError:
                fail(t("cli.documents.year_is_not_a_plan_year", year=year))  # fmt: skip
        try:
            imported = import_document(source, year)
        except ImportFailed as exc:
            fail(exc.message, 1)
        if explain:
            sys.stdout.write("".join(f"{line}\n" for line in imported.explain))
        write(output, to_yaml(imported.data), t, [source])
        partners = len(imported.data["partners"])
        acts = sum(len(p.get("activities", [])) for p in imported.data["partners"])
        sys.stdout.write(t("cli.documents.written_partners_activities", output=output, partners=partners, acts=acts))  # fmt: skip
        for note in imported.unmapped:
            sys.stdout.write(f"  ! {note}\n")
        sys.stdout.write(t("cli.documents.check_it_partnerplan_validate", output=output))
