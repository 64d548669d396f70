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
    @app.command(
        help=t(
            "Сделать документ: «Комплексный план» (Word, HTML, Markdown), календарный план, модель взаимодействия.",
            "Make a document: the «Комплексный план» (Word, HTML, Markdown), the calendar plan, the model picture.",
        )
    )
    def render(
        plan: Annotated[str, typer.Argument(help=t("Файл плана.", "The plan file."))],
        to: Annotated[
            str | None,
            typer.Option(
                "--to",
                help=t(
                    "docx | html | md; по умолчанию — по расширению -o, иначе docx.",
                    "docx | html | md; default: from -o's extension, else docx.",
                ),
            ),
        ] = None,
        what: Annotated[
            str,
            typer.Option(
                "--what",
                help=t(
                    "plan — комплексный план, calendar — календарный план, model — модель, all — всё",
                    "plan | calendar | model | all",
                ),
            ),
        ] = "plan",
        output: Annotated[
            str | None,
            typer.Option(
                "-o",
                "--output",
                help=t(
                    "Куда записать; по умолчанию ИМЯ_ПЛАНА.docx в текущей папке. Для модели можно .png или .svg.",
                    "Where to write; default PLAN_NAME.docx here. For the model, .png or .svg also work.",
                ),
            ),
        ] = None,
        templates: Annotated[
            str | None,
            typer.Option(
                "--templates",
                help=t(
                    "Папка со своими шаблонами Jinja (plan.html.j2, plan.md.j2).",
                    "A folder with your own Jinja templates.",
                ),
            ),
        ] = None,
        reference: Annotated[
            str | None,
            typer.Option(
                "--reference-docx",
                help=t("Документ Word, чьи стили взять.", "A Word document whose styles to use."),
            ),
        ] = None,
    ) -> None:
        from partnerplan.documents import build as documents
        from partnerplan.documents import outputs
        from partnerplan.problems import Problem

        if what not in documents.RENDER_PARTS:
            fail(
                t(
                    f"неизвестная часть «{what}»: plan, calendar, model или all",
                    f"unknown part '{what}': plan, calendar, model or all",
                )
            )
        if templates and not os.path.isdir(templates):
            fail(t(f"--templates: нет такой папки: {templates}", f"--templates: no such folder: {templates}"))
        if reference and not os.path.isfile(reference):
            fail(
                t(
                    f"--reference-docx: нет такого файла: {reference}",
                    f"--reference-docx: no such file: {reference}",
                )
            )
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
            sys.stdout.write(t(f"Записано: {output}\n", f"Written: {output}\n"))

    @app.command(
        help=t(
            "Отчёт по плану или сети планов: события по месяцам и направлениям (с диаграммами), по партнёрам и "
            "организациям, календари общих партнёров, накладки; с --year-end — анализ работы за год.",
            "A report on a plan or a network of plans: events by month and direction (with charts), by partner and "
            "organisation, shared partners' calendars, conflicts; with --year-end, the year's analysis.",
        )
    )
    def report(
        paths: Annotated[
            list[str] | None,
            typer.Argument(
                help=t("Планы или папки; по умолчанию plans/.", "Plans or folders; default plans/."),
                show_default=False,
            ),
        ] = None,
        to: Annotated[
            str | None,
            typer.Option(
                "--to",
                help=t(
                    "docx | html | md; по умолчанию — по расширению -o, иначе docx.",
                    "docx | html | md; default: from -o's extension, else docx.",
                ),
            ),
        ] = None,
        output: Annotated[
            str | None,
            typer.Option(
                "-o",
                "--output",
                help=t(
                    "Куда записать; по умолчанию report.docx (year-end.docx).",
                    "Where to write; default report.docx (year-end.docx).",
                ),
            ),
        ] = None,
        year_end: Annotated[
            bool,
            typer.Option(
                "--year-end",
                help=t(
                    "Анализ за год: планировалось, проведено, перенесено, отменено, участники.",
                    "The year's analysis: planned, held, moved, cancelled, participants.",
                ),
            ),
        ] = False,
        templates: Annotated[
            str | None,
            typer.Option(
                "--templates",
                help=t(
                    "Папка со своими шаблонами (report.html.j2, report.md.j2).",
                    "A folder with your own templates.",
                ),
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
            fail(
                t(
                    f"в {', '.join(targets)} нет файлов плана (*.yaml, *.yml)",
                    f"no plan files in {', '.join(targets)}",
                )
            )
        if len(files) > 10 and sys.stderr.isatty():
            from rich.progress import Progress

            with Progress(transient=True) as bar:
                task = bar.add_task(t("Чтение планов", "Reading plans"), total=len(files))
                net = documents.load_network(files, lambda done, total: bar.update(task, completed=done))
        else:
            net = documents.load_network(files)
        for f, why in net.skipped:
            sys.stderr.write(t(f"{f}: пропущен — в плане ошибки ({why}); проверьте: partnerplan validate {f}\n",
                               f"{f}: skipped — the plan has errors ({why})\n"))  # fmt: skip
        if not net.orgs:
            fail(
                t("нет ни одного плана без ошибок: отчёт не из чего составить", "no valid plan to report on"),
                1,
            )
        made = outputs.report_files(net, output, fmt, year_end=year_end, templates=templates, lang=lang)
        for path, data in made.items():
            write(path, data, t, files)
        sys.stdout.write(
            t(
                f"Записано: {output} (организаций: {len(net.orgs)})\n",
                f"Written: {output} (organisations: {len(net.orgs)})\n",
            )
        )
        if net.skipped:
            raise typer.Exit(1)

    @app.command(
        "import",
        help=t(
            "Прочитать готовый «Комплексный план» из Word (.docx) в файл плана; сказать, что не удалось перенести.",
            "Read an existing Word «Комплексный план» (.docx) into a plan file; list what could not be carried over.",
        ),
    )
    def import_(
        source: Annotated[str, typer.Argument(help=t("Документ Word (.docx).", "A Word document (.docx)."))],
        output: Annotated[
            str | None,
            typer.Option(
                "-o",
                "--output",
                help=t(
                    "Файл плана; по умолчанию ИМЯ.yaml рядом.", "The plan file; default NAME.yaml beside it."
                ),
            ),
        ] = None,
        year: Annotated[
            str | None,
            typer.Option(
                "--year",
                help=t("Год плана, если его нет в документе.", "The plan year when the document has none."),
            ),
        ] = None,
        force: Annotated[
            bool,
            typer.Option("--force", help=t("Перезаписать существующий файл.", "Overwrite an existing file.")),
        ] = False,
    ) -> None:

        from partnerplan.documents.importer import ImportError_, import_docx, to_yaml

        if not os.path.isfile(source):
            fail(t(f"{source}: нет такого файла", f"{source}: no such file"))
        output = output or os.path.splitext(source)[0] + ".yaml"
        if os.path.exists(output) and not force:
            fail(
                t(
                    f"{output} уже существует; чтобы перезаписать, добавьте --force",
                    f"{output} exists; add --force",
                )
            )
        if year is None:
            year = current_school_year()
        try:
            imported = import_docx(source, year)
        except ImportError_:
            fail(
                t(
                    "в документе нет таблицы с колонками «Соц. партнер» и «Формы взаимодействия»",
                    "no table with partner and forms columns",
                ),
                1,
            )
        except Exception as exc:
            fail(
                t(
                    f"{source}: не удаётся открыть как документ Word (.docx): {type(exc).__name__}",
                    f"{source}: not a .docx: {exc}",
                ),
                1,
            )
        write(output, to_yaml(imported.data), t, [source])
        partners = len(imported.data["partners"])
        acts = sum(len(p.get("activities", [])) for p in imported.data["partners"])
        sys.stdout.write(t(f"Записано: {output} (партнёров: {partners}, мероприятий: {acts})\n",
                           f"Written: {output} (partners: {partners}, activities: {acts})\n"))  # fmt: skip
        for note in imported.unmapped:
            sys.stdout.write(f"  ! {note}\n")
        sys.stdout.write(
            t(f"Проверьте: partnerplan validate {output}\n", f"Check it: partnerplan validate {output}\n")
        )
