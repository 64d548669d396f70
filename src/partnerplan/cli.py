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
                help=t("Файлы или папки; по умолчанию plans/.", "Files or folders; default plans/."),
                show_default=False,
            ),
        ] = None,
        strict: Annotated[
            bool,
            typer.Option("--strict", help=t("Считать предупреждения ошибками.", "Treat warnings as errors.")),
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
        _require_paths(targets, t)
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
                lines = result.lines
                # Partners still to be filled are normal in real plans: one line each,
                # and the advice once, instead of a screenful of identical carets.
                empty = [d for d in result.diagnostics if d.code == "PP204" and d.severity == "warning"]
                for d in result.diagnostics:
                    compact = d in empty and len(empty) > 1
                    text = format_text(d, None if compact else lines, lang)
                    head, _, rest = text.partition("\n")
                    head = _color(color, "1;31" if d.severity == "error" else "1;33", head)
                    if compact:
                        sys.stderr.write(head + "\n")
                        if d is empty[-1]:
                            sys.stderr.write(f" = {t('подсказка', 'hint')}: {d.hint(lang)}\n\n")
                        continue
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
            typer.Option("--force", help=t("Перезаписать существующий файл.", "Overwrite an existing file.")),
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

    @app.command(
        help=t(
            "Объяснить периоды: что значит фраза и какие даты она даёт в году плана.",
            "Explain periods: what a phrase means and the dates it gives in a plan year.",
        )
    )
    def period(
        texts: Annotated[
            list[str],
            typer.Argument(
                help=t("Фразы, например «Один раз в квартал».", "Phrases, e.g. «Один раз в квартал»."),
                show_default=False,
            ),
        ],
        year: Annotated[
            str | None,
            typer.Option(
                "--year",
                help=t(
                    "Год плана: 2025/2026 или 2026; по умолчанию текущий учебный.",
                    "Plan year; default: the current school year.",
                ),
            ),
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help=t("Вывод в JSON.", "JSON output."))] = False,
    ) -> None:
        import json
        from datetime import date

        from partnerplan import api

        if year is None:
            year = _current_school_year()
        try:
            cal = api.year_calendar(year)
        except Exception:
            _fail(
                t(
                    f"«{year}» — не год плана: пишите 2025/2026 или 2026",
                    f"'{year}' is not a plan year: use 2025/2026 or 2026",
                )
            )
        results = [api.explain_period(text, cal, lang) for text in texts]
        failed = any("error" in r for r in results)
        if as_json:
            payload = results[0] if len(results) == 1 else results
            sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        else:
            from partnerplan.render.dates import long_date

            kinds = {
                "dated": t("даты", "dated"),
                "ongoing": t("в течение периода, без дат", "ongoing, no dates"),
                "on_demand": t("по мере необходимости, без дат", "on demand, no dates"),
            }
            for r in results:
                out = [f"«{r['text']}»"]
                if "error" in r:
                    out.append("  " + t("ошибка", "error") + f": {r['error']}")
                    if r.get("hint"):
                        out.append("  " + t("подсказка", "hint") + f": {r['hint']}")
                else:
                    out.append("  " + t("вид", "kind") + f": {kinds[r['kind']]}")
                    for w in r["windows"]:
                        a, b = date.fromisoformat(w["from"]), date.fromisoformat(w["to"])
                        span = (
                            long_date(a, lang) if a == b else f"{long_date(a, lang)} — {long_date(b, lang)}"
                        )
                        out.append(
                            f"  {w['label'] or '—'}: {span}, " + t("событий", "events") + f": {w['count']}"
                        )
                    if r["dates"]:
                        days = ", ".join(long_date(date.fromisoformat(d), lang) for d in r["dates"])
                        out.append("  " + t("даты", "dates") + f" ({len(r['dates'])}): {days}")
                sys.stdout.write("\n".join(out) + "\n")
        raise typer.Exit(1 if failed else 0)

    @app.command(
        help=t(
            "Мероприятия года по датам: таблица, JSON, CSV или календарь iCalendar (.ics).",
            "The year's events by date: a table, JSON, CSV or an iCalendar file (.ics).",
        )
    )
    def schedule(
        plan: Annotated[str, typer.Argument(help=t("Файл плана.", "The plan file."))],
        month: Annotated[
            int | None,
            typer.Option(
                "--month",
                min=1,
                max=12,
                help=t("Только этот месяц (1–12).", "Only this month (1–12)."),
            ),
        ] = None,
        date_from: Annotated[
            str | None,
            typer.Option("--from", help=t("С даты ГГГГ-ММ-ДД.", "From date YYYY-MM-DD.")),
        ] = None,
        date_to: Annotated[
            str | None, typer.Option("--to", help=t("По дату ГГГГ-ММ-ДД.", "To date YYYY-MM-DD."))
        ] = None,
        partner: Annotated[
            str | None,
            typer.Option("--partner", help=t("Только этот партнёр (id).", "Only this partner (id).")),
        ] = None,
        fmt: Annotated[str, typer.Option("--format", help="table | json | csv | ics")] = "table",
        output: Annotated[
            str | None,
            typer.Option("-o", "--output", help=t("Записать в файл.", "Write to a file.")),
        ] = None,
    ) -> None:
        from datetime import date

        from partnerplan import api

        if fmt not in ("table", "json", "csv", "ics"):
            _fail(
                t(
                    f"неизвестный формат «{fmt}»: table, json, csv или ics",
                    f"unknown format '{fmt}': table, json, csv or ics",
                )
            )
        bounds = []
        for raw in (date_from, date_to):
            try:
                bounds.append(date.fromisoformat(raw) if raw else None)
            except ValueError:
                _fail(
                    t(
                        f"«{raw}» — не дата: пишите ГГГГ-ММ-ДД",
                        f"'{raw}' is not a date: use YYYY-MM-DD",
                    )
                )
        checked = _checked_plan(plan, t, lang)
        sched = api.plan_schedule(checked)
        _print_diagnostics(
            checked.loaded.lines, [d for d in sched.diagnostics if d.severity == "error"], lang
        )
        if any(d.severity == "error" for d in sched.diagnostics):
            raise typer.Exit(1)
        events = [
            e for e in sched.events
            if (partner is None or e.partner == partner)
            and (month is None or (e.date is not None and e.date.month == month))
            and (bounds[0] is None or (e.date is not None and e.date >= bounds[0]))
            and (bounds[1] is None or (e.date is not None and e.date <= bounds[1]))
        ]  # fmt: skip
        if partner is not None and not any(p.id == partner for p in checked.plan.partners):
            _fail(
                t(
                    f"в плане нет партнёра с id «{partner}»",
                    f"no partner with id '{partner}' in the plan",
                )
            )
        if fmt == "ics":
            from partnerplan.render.ics import to_ics

            data: str | bytes = to_ics(checked.plan, events)
        elif fmt == "json":
            import json

            data = json.dumps(api.event_rows(events), ensure_ascii=False, indent=2) + "\n"
        elif fmt == "csv":
            import csv
            import io

            buf = io.StringIO()
            rows = api.event_rows(events)
            writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["date"], lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({**row, "directions": "; ".join(row["directions"])})
            data = buf.getvalue()
        else:
            if output:
                _fail(
                    t(
                        "таблица печатается на экран; для файла выберите --format json, csv или ics",
                        "the table is for the screen; use --format json, csv or ics for a file",
                    )
                )
            _print_table(checked.plan, events, sched, lang, t)
            raise typer.Exit(0)
        if output:
            _write(output, data, t)
            sys.stderr.write(t(f"Записано: {output}\n", f"Written: {output}\n"))
        else:
            sys.stdout.write(data if isinstance(data, str) else data.decode("utf-8"))

    @app.command(
        help=t(
            "Сделать документ: «Комплексный план» (Word, HTML, Markdown), календарный план, модель взаимодействия.",
            "Make a document: the «Комплексный план» (Word, HTML, Markdown), the calendar plan, the model picture.",
        )
    )
    def render(
        plan: Annotated[str, typer.Argument(help=t("Файл плана.", "The plan file."))],
        to: Annotated[str, typer.Option("--to", help="docx | html | md")] = "docx",
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
        from partnerplan import api

        if to not in api.RENDER_TARGETS:
            _fail(
                t(f"неизвестный формат «{to}»: docx, html или md", f"unknown format '{to}': docx, html or md")
            )
        if what not in api.RENDER_PARTS:
            _fail(
                t(
                    f"неизвестная часть «{what}»: plan, calendar, model или all",
                    f"unknown part '{what}': plan, calendar, model or all",
                )
            )
        for folder, label in ((templates, "--templates"),):
            if folder and not os.path.isdir(folder):
                _fail(t(f"{label}: нет такой папки: {folder}", f"{label}: no such folder: {folder}"))
        if reference and not os.path.isfile(reference):
            _fail(
                t(
                    f"--reference-docx: нет такого файла: {reference}",
                    f"--reference-docx: no such file: {reference}",
                )
            )
        stem = os.path.splitext(os.path.basename(plan))[0]
        picture = None
        if output and what == "model" and output.lower().endswith((".png", ".svg")):
            picture = output.lower().rsplit(".", 1)[1]
        if output is None:
            suffix = {"plan": "", "calendar": ".calendar", "model": ".model", "all": ".all"}[what]
            output = f"{stem}{suffix}.{to}"
        folder = os.path.dirname(os.path.abspath(output))
        if not os.path.isdir(folder):
            _fail(
                t(
                    f"нет папки для результата: {folder} — создайте её или укажите другой -o",
                    f"no such output folder: {folder}",
                )
            )
        checked = _checked_plan(plan, t, lang)
        try:
            result = api.render(
                checked, to, what, templates=templates, reference=reference, picture=picture, lang=lang
            )
        except Exception as exc:  # a user's template or reference document is broken
            from jinja2 import TemplateError

            if isinstance(exc, TemplateError):
                _fail(t(f"ошибка в шаблоне: {exc}", f"template error: {exc}"), 1)
            if reference and type(exc).__name__ in (
                "PackageNotFoundError",
                "BadZipFile",
                "KeyError",
                "ValueError",
            ):
                _fail(
                    t(
                        f"--reference-docx: это не документ Word (.docx): {reference}",
                        f"--reference-docx: not a .docx file: {reference}",
                    ),
                    1,
                )
            raise
        out_stem = os.path.splitext(output)[0]
        data = result.data
        for suffix, blob in result.extra.items():
            extra_path = out_stem + suffix
            _write(extra_path, blob, t)
            data = data.replace(b"{stem}", os.path.basename(out_stem).encode("utf-8"))
        _write(output, data, t)
        sys.stdout.write(t(f"Записано: {output}\n", f"Written: {output}\n"))

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

        from partnerplan import api
        from partnerplan.fmt import FormatError

        targets = paths or ["plans"]
        _require_paths(targets, t)
        files = api.find_plan_files(targets)
        changed = failed = 0
        for f in files:
            try:
                old, new = api.format_file(f)
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
                    sys.stderr.write(t(f"{f}: не удаётся прочитать YAML — сначала partnerplan validate {f}\n",
                                       f"{f}: cannot read the YAML — run partnerplan validate {f} first\n"))  # fmt: skip
                continue
            except Exception as exc:
                failed += 1
                sys.stderr.write(f"{f}: {exc}\n")
                continue
            if old == new:
                continue
            changed += 1
            if show_diff:
                sys.stdout.writelines(difflib.unified_diff(
                    old.splitlines(keepends=True), new.splitlines(keepends=True), f"{f}", f"{f} (fmt)"))  # fmt: skip
            elif check:
                sys.stdout.write(t(f"изменился бы: {f}\n", f"would reformat: {f}\n"))
            else:
                _write(f, new, t)
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
        from partnerplan import api
        from partnerplan.gitio import GitError

        if fmt_ not in ("text", "md", "json"):
            _fail(
                t(
                    f"неизвестный формат «{fmt_}»: text, md или json",
                    f"unknown format '{fmt_}': text, md or json",
                )
            )
        items = list(args or [])
        try:
            if len(items) == 2 and all(os.path.isfile(x) for x in items):
                results = [api.diff_files(items[0], items[1])]
            else:
                from partnerplan import gitio

                revs: list[str] = []
                while (
                    items and len(revs) < 2 and not os.path.exists(items[0]) and gitio.is_revision(items[0])
                ):
                    revs.append(items.pop(0))
                missing = [x for x in items if not os.path.exists(x)]
                if missing:
                    _fail(
                        t(
                            f"«{missing[0]}» — не ревизия git и не файл",
                            f"'{missing[0]}' is neither a git revision nor a file",
                        )
                    )
                results = api.diff_revisions(
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
            _fail(reasons.get(exc.code, exc.detail))
        sys.stdout.write(_format_diff(results, fmt_, t))
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
        from partnerplan import api

        sys.stdout.write(api.textconv(path))

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
        import shlex

        from partnerplan import gitio

        try:
            root = gitio.toplevel()
        except gitio.GitError:
            _fail(t("это не репозиторий git: перейдите в папку репозитория", "not a git repository"))
        exe = (
            os.path.abspath(sys.argv[0]) if os.path.basename(sys.argv[0]).startswith("partnerplan") else None
        )
        command = (
            f"{shlex.quote(exe)} textconv"
            if exe
            else f"{shlex.quote(sys.executable)} -m partnerplan textconv"
        )
        gitio.set_config(root, "diff.partnerplan.textconv", command)
        line = f"{pattern} diff=partnerplan"
        attributes = os.path.join(root, ".gitattributes")
        existing = ""
        if os.path.exists(attributes):
            with open(attributes, encoding="utf-8") as fh:
                existing = fh.read()
        if line not in existing.splitlines():
            _write(
                attributes,
                existing + ("" if not existing or existing.endswith("\n") else "\n") + line + "\n",
                t,
            )
            sys.stdout.write(
                t(f"В .gitattributes добавлена строка: {line}\n", f"Added to .gitattributes: {line}\n")
            )
        else:
            sys.stdout.write(
                t(f"В .gitattributes уже есть: {line}\n", f".gitattributes already has: {line}\n")
            )
        sys.stdout.write(
            t(
                f"git config diff.partnerplan.textconv = {command}\n",
                f"git config diff.partnerplan.textconv = {command}\n",
            )
        )

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
        from partnerplan import api

        checked = _checked_plan(plan, t, lang)
        try:
            text, notes, new_year = api.rollover(plan, to)
        except Exception:
            _fail(t(f"«{to}» — не год плана: пишите 2026/2027 или 2027", f"'{to}' is not a plan year"))
        old_year = checked.plan.year
        if output is None:
            base = os.path.basename(plan)
            stem, ext = os.path.splitext(base)
            for variant in (old_year, old_year.replace("/", "-"), old_year.replace("/", "_")):
                if variant in stem:
                    stem = stem.replace(
                        variant, new_year.replace("/", variant[4] if len(variant) > 4 else "-")
                    )
                    break
            else:
                stem = f"{stem}-{new_year.replace('/', '-')}"
            output = os.path.join(os.path.dirname(plan), stem + ext)
        if os.path.abspath(output) == os.path.abspath(plan):
            _fail(
                t(
                    "новый план нельзя записать поверх старого: укажите другой -o",
                    "the new plan cannot overwrite the old one",
                )
            )
        _write(output, text, t)
        sys.stdout.write(t(f"Записано: {output}\n", f"Written: {output}\n"))
        for note in notes:
            sys.stdout.write(f"  ! {note}\n")

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
        to: Annotated[str, typer.Option("--to", help="docx | html | md")] = "docx",
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
        from partnerplan import api

        if to not in api.RENDER_TARGETS:
            _fail(
                t(f"неизвестный формат «{to}»: docx, html или md", f"unknown format '{to}': docx, html or md")
            )
        targets = paths or ["plans"]
        _require_paths(targets, t)
        output = output or f"{'year-end' if year_end else 'report'}.{to}"
        folder = os.path.dirname(os.path.abspath(output))
        if not os.path.isdir(folder):
            _fail(t(f"нет папки для результата: {folder}", f"no such output folder: {folder}"))
        files = api.find_plan_files(targets)
        if len(files) > 10 and sys.stderr.isatty():
            from rich.progress import Progress

            with Progress(transient=True) as bar:
                task = bar.add_task(t("Чтение планов", "Reading plans"), total=len(files))
                net = api.load_network(targets, lambda done, total: bar.update(task, completed=done))
        else:
            net = api.load_network(targets)
        for f, why in net.skipped:
            sys.stderr.write(t(f"{f}: пропущен — в плане ошибки ({why}); проверьте: partnerplan validate {f}\n",
                               f"{f}: skipped — the plan has errors ({why})\n"))  # fmt: skip
        if not net.orgs:
            _fail(
                t("нет ни одного плана без ошибок: отчёт не из чего составить", "no valid plan to report on"),
                1,
            )
        result = api.report(net, to, year_end=year_end, templates=templates, lang=lang)
        out_stem = os.path.splitext(output)[0]
        data = result.data
        for suffix, blob in result.extra.items():
            if blob:
                _write(out_stem + suffix, blob, t)
        data = data.replace(b"{stem}", os.path.basename(out_stem).encode("utf-8"))
        _write(output, data, t)
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

        from partnerplan.importer import ImportError_, import_docx, to_yaml

        if not os.path.isfile(source):
            _fail(t(f"{source}: нет такого файла", f"{source}: no such file"))
        output = output or os.path.splitext(source)[0] + ".yaml"
        if os.path.exists(output) and not force:
            _fail(
                t(
                    f"{output} уже существует; чтобы перезаписать, добавьте --force",
                    f"{output} exists; add --force",
                )
            )
        if year is None:
            year = _current_school_year()
        try:
            imported = import_docx(source, year)
        except ImportError_:
            _fail(
                t(
                    "в документе нет таблицы с колонками «Соц. партнер» и «Формы взаимодействия»",
                    "no table with partner and forms columns",
                ),
                1,
            )
        except Exception as exc:
            _fail(
                t(
                    f"{source}: не удаётся открыть как документ Word (.docx): {type(exc).__name__}",
                    f"{source}: not a .docx: {exc}",
                ),
                1,
            )
        _write(output, to_yaml(imported.data), t)
        partners = len(imported.data["partners"])
        acts = sum(len(p.get("activities", [])) for p in imported.data["partners"])
        sys.stdout.write(t(f"Записано: {output} (партнёров: {partners}, мероприятий: {acts})\n",
                           f"Written: {output} (partners: {partners}, activities: {acts})\n"))  # fmt: skip
        for note in imported.unmapped:
            sys.stdout.write(f"  ! {note}\n")
        sys.stdout.write(
            t(f"Проверьте: partnerplan validate {output}\n", f"Check it: partnerplan validate {output}\n")
        )

    return app


def _write(path: str, data: str | bytes, t: _Say) -> None:
    from partnerplan.fsutil import WriteError, atomic_write

    try:
        atomic_write(path, data)
    except WriteError as exc:
        reasons = {
            "no_dir": t("папки для файла нет — создайте её или укажите другую", "the folder does not exist"),
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


def _format_diff(results: list[Any], fmt: str, t: _Say) -> str:
    from partnerplan.diff import describe, sign

    if fmt == "json":
        import json

        payload = [
            {
                "path": r.path,
                "status": r.status,
                "problems": r.problems,
                "changes": [c.as_dict() for c in r.changes],
                "schedule": [c.as_dict() for c in r.schedule],
            }
            for r in results
        ]
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    out: list[str] = []
    if not results:
        return t("Изменений в планах нет.\n", "No changes in plans.\n")
    for r in results:
        if fmt == "md":
            out.append(f"### {r.path}\n")
        else:
            out.append(r.path)
        if r.problems:
            out.extend(f"  ! {t('не план', 'not a plan')}: {p}" for p in r.problems)
        if r.status == "added":
            out.append(t("  + новый файл плана", "  + new plan file"))
        elif r.status == "removed":
            out.append(t("  - файл плана удалён", "  - plan file removed"))
        for c in r.changes:
            out.append(f"- {describe(c)}" if fmt == "md" else f"  {sign(c)} {describe(c)}")
        if r.schedule:
            out.append("" if fmt == "md" else t("  Расписание:", "  Schedule:"))
            if fmt == "md":
                out.append(t("**Расписание:**\n", "**Schedule:**\n"))
            for c in r.schedule:
                out.append(f"- {describe(c)}" if fmt == "md" else f"    {sign(c)} {describe(c)}")
        out.append("")
    return "\n".join(out)


def _current_school_year() -> str:
    """The school year a command means when none is given: from 1 September on, the new one."""
    from datetime import date

    today = date.today()
    first = today.year if today.month >= 9 else today.year - 1
    return f"{first}/{first + 1}"


def _require_paths(targets: list[str], t: _Say) -> None:
    for p in targets:
        if not os.path.exists(p):
            _fail(t(f"{p}: нет такого файла или папки", f"{p}: no such file or folder"))


def _print_diagnostics(lines: list[str], diags: list[Any], lang: str) -> None:
    from partnerplan.diagnostics import format_text

    color = sys.stderr.isatty() and "NO_COLOR" not in os.environ
    for d in diags:
        text = format_text(d, lines, lang)
        head, _, rest = text.partition("\n")
        head = _color(color, "1;31" if d.severity == "error" else "1;33", head)
        sys.stderr.write(head + ("\n" + rest if rest else "") + "\n\n")


def _checked_plan(path: str, t: _Say, lang: str) -> Any:
    """Load and check a plan for a command that needs a valid one; exit 1 with errors."""
    from partnerplan import api

    if not os.path.isfile(path):
        _fail(t(f"{path}: нет такого файла", f"{path}: no such file"))
    checked = api.load_plan(path)
    errors = [d for d in checked.diagnostics if d.severity == "error"]
    if checked.plan is None or errors:
        _print_diagnostics(checked.loaded.lines, errors, lang)
        sys.stderr.write(t(f"В плане есть ошибки ({len(errors)}); исправьте их и повторите.\n",
                           f"The plan has errors ({len(errors)}); fix them and retry.\n"))  # fmt: skip
        raise typer.Exit(1)
    return checked


def _print_table(plan: Any, events: list[Any], sched: Any, lang: str, t: _Say) -> None:
    from rich.console import Console
    from rich.table import Table

    from partnerplan.render.dates import day_and_weekday, month_title

    console = Console()
    table = Table(title=plan.title or plan.planner.name, show_lines=False, header_style="bold")
    table.add_column(t("Дата", "Date"), no_wrap=True)
    table.add_column(t("Партнёр", "Partner"))
    table.add_column(t("Мероприятие", "Activity"))
    table.add_column(t("Форма", "Form"))
    with_resp = any(e.responsible for e in events)
    if with_resp:
        table.add_column(t("Ответственный", "Responsible"))
    blank = ("",) * (4 if with_resp else 3)
    month = None
    for e in events:
        if e.date is None:
            continue
        key = (e.date.year, e.date.month)
        if key != month:
            month = key
            table.add_section()
            table.add_row(f"[bold]{month_title(e.date, lang)}[/bold]", *blank)
        row = [day_and_weekday(e.date, lang), e.partner_name, e.title, e.form]
        table.add_row(*row, *([e.responsible or ""] if with_resp else []))
    undated = [e for e in events if e.date is None]
    if undated:
        table.add_section()
        table.add_row(f"[bold]{t('Без дат', 'Undated')}[/bold]", *blank)
        for e in undated:
            row = [(e.period or "—").strip(), e.partner_name, e.title, e.form]
            table.add_row(*row, *([e.responsible or ""] if with_resp else []))
    console.print(table)
    dated = sum(1 for e in events if e.date is not None)
    note = t(
        f"Событий с датами: {dated}, без дат: {len(undated)}.",
        f"Dated events: {dated}, undated: {len(undated)}.",
    )
    cal_note = ""
    from partnerplan.calendar import build_calendar

    if build_calendar(plan).default_breaks:
        cal_note = t(" Каникулы — типовые для этого года (задайте свои в calendar.breaks).",
                     " School breaks are this year's defaults (set yours in calendar.breaks).")  # fmt: skip
    console.print(note + cal_note)


def main(argv: list[str] | None = None) -> Any:
    # Pydantic otherwise scans every installed distribution for plugins at start-up
    # (importlib.metadata): ~10 ms of a command that should feel instant.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    lang, rest = detect_lang(list(sys.argv[1:] if argv is None else argv), os.environ)
    if lang == "ru":
        from partnerplan import cli_ru

        cli_ru.russify()
        if not rest or "--help" in rest or "-h" in rest:
            cli_ru.russify_rich()
    app = build_app(lang)
    if lang != "ru":
        return app(args=rest, prog_name="partnerplan")
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
    else:
        text = exc.message
    return f"{command}: ошибка: {text}\nСправка: {command} --help"
