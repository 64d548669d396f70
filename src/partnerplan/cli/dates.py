"""Commands about days: `period` (what a phrase means) and `schedule` (the year's events)."""

# No `from __future__ import annotations`: Typer reads the help texts from live annotations.
import sys
from typing import Annotated

import typer

from partnerplan.cli.common import (
    Say,
    checked_plan,
    current_school_year,
    fail,
    print_diagnostics,
    print_table,
    write,
)


def register(app: typer.Typer, t: Say, lang: str) -> None:
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

        from partnerplan.dates.explain import explain_period, year_calendar

        if year is None:
            year = current_school_year()
            sys.stderr.write(
                t(f"Учебный год: {year} (другой — --year)\n", f"School year: {year} (another: --year)\n")
            )
        try:
            cal = year_calendar(year)
        except ValueError:
            fail(
                t(
                    f"«{year}» — не год плана: пишите 2025/2026 или 2026",
                    f"'{year}' is not a plan year: use 2025/2026 or 2026",
                )
            )
        results = [explain_period(text, cal) for text in texts]
        failed = any(r.error is not None for r in results)
        if as_json:
            payload = [r.as_json(lang) for r in results]
            sys.stdout.write(
                json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2) + "\n"
            )
        else:
            from partnerplan.documents.datewords import long_date

            kinds = {
                "dated": t("даты", "dated"),
                "ongoing": t("в течение периода, без дат", "ongoing, no dates"),
                "on_demand": t("по мере необходимости, без дат", "on demand, no dates"),
            }
            for r in results:
                out = [f"«{r.text}»"]
                if r.error is not None:
                    shown = r.as_json(lang)
                    out.append("  " + t("ошибка", "error") + f": {shown['error']}")
                    if shown.get("hint"):
                        out.append("  " + t("подсказка", "hint") + f": {shown['hint']}")
                else:
                    out.append("  " + t("вид", "kind") + f": {kinds[r.kind or 'dated']}")
                    for w in r.windows:
                        a, b = w.start, w.end
                        span = (
                            long_date(a, lang) if a == b else f"{long_date(a, lang)} — {long_date(b, lang)}"
                        )
                        out.append(f"  {w.label or '—'}: {span}, " + t("событий", "events") + f": {w.count}")
                    if r.dates:
                        days = ", ".join(long_date(d, lang) for d in r.dates)
                        out.append("  " + t("даты", "dates") + f" ({len(r.dates)}): {days}")
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

        from partnerplan.dates.events import events_csv, events_json, select_events
        from partnerplan.dates.schedule import plan_schedule

        if fmt not in ("table", "json", "csv", "ics"):
            fail(
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
                fail(
                    t(
                        f"«{raw}» — не дата: пишите ГГГГ-ММ-ДД",
                        f"'{raw}' is not a date: use YYYY-MM-DD",
                    )
                )
        checked = checked_plan(plan, t, lang)
        sched = plan_schedule(checked)
        print_diagnostics(checked.loaded.lines, [d for d in sched.diagnostics if d.severity == "error"], lang)
        if any(d.severity == "error" for d in sched.diagnostics):
            raise typer.Exit(1)
        if partner is not None and not any(p.id == partner for p in checked.plan.partners):
            fail(
                t(
                    f"в плане нет партнёра с id «{partner}»",
                    f"no partner with id '{partner}' in the plan",
                )
            )
        events = select_events(sched.events, partner=partner, month=month, start=bounds[0], end=bounds[1])
        if fmt == "ics":
            from partnerplan.documents.ics import to_ics

            data: str | bytes = to_ics(checked.plan, events)
        elif fmt == "json":
            data = events_json(events)
        elif fmt == "csv":
            data = events_csv(events)
        else:
            if output:
                fail(
                    t(
                        "таблица печатается на экран; для файла выберите --format json, csv или ics",
                        "the table is for the screen; use --format json, csv or ics for a file",
                    )
                )
            print_table(checked.plan, events, sched, lang, t)
            raise typer.Exit(0)
        if output:
            write(output, data, t, [plan])
            sys.stderr.write(t(f"Записано: {output}\n", f"Written: {output}\n"))
        else:
            sys.stdout.buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
