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
    write,
)
from partnerplan.cli.table import print_table


def register(app: typer.Typer, t: Say, lang: str) -> None:
    @app.command(help=t("cli.dates.explain_periods_what_a_phrase_means"))
    def period(
        texts: Annotated[
            list[str],
            typer.Argument(
                help=t("cli.dates.phrases_e_g"),
                show_default=False,
            ),
        ],
        year: Annotated[
            str | None,
            typer.Option(
                "--year",
                help=t("cli.dates.plan_year_default_the_current_school"),
            ),
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help=t("cli.dates.json_output"))] = False,
    ) -> None:
        import json

        from partnerplan.dates.explain import explain_period, year_calendar

        if year is None:
            year = current_school_year()
            sys.stderr.write(t("cli.dates.school_year_another_year", year=year))
        try:
            cal = year_calendar(year)
        except ValueError:
            fail(t("cli.dates.is_not_a_plan_year_use", year=year))
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
                "dated": t("cli.dates.dated"),
                "ongoing": t("cli.dates.ongoing_no_dates"),
                "on_demand": t("cli.dates.on_demand_no_dates"),
            }
            for r in results:
                out = [f"«{r.text}»"]
                if r.error is not None:
                    shown = r.as_json(lang)
                    out.append("  " + t("cli.dates.error") + f": {shown['error']}")
                    if shown.get("hint"):
                        out.append("  " + t("cli.dates.hint") + f": {shown['hint']}")
                else:
                    out.append("  " + t("cli.dates.kind") + f": {kinds[r.kind or 'dated']}")
                    for w in r.windows:
                        a, b = w.start, w.end
                        span = (
                            long_date(a, lang) if a == b else f"{long_date(a, lang)} — {long_date(b, lang)}"
                        )
                        out.append(f"  {w.label or '—'}: {span}, " + t("cli.dates.events") + f": {w.count}")
                    if r.dates:
                        days = ", ".join(long_date(d, lang) for d in r.dates)
                        out.append("  " + t("cli.dates.dates") + f" ({len(r.dates)}): {days}")
                sys.stdout.write("\n".join(out) + "\n")
        raise typer.Exit(1 if failed else 0)

    @app.command(help=t("cli.dates.the_year_s_events_by_date"))
    def schedule(
        plan: Annotated[str, typer.Argument(help=t("cli.dates.the_plan_file"))],
        month: Annotated[
            int | None,
            typer.Option(
                "--month",
                min=1,
                max=12,
                help=t("cli.dates.only_this_month_1_12"),
            ),
        ] = None,
        date_from: Annotated[
            str | None,
            typer.Option("--from", help=t("cli.dates.from_date_yyyy_mm_dd")),
        ] = None,
        date_to: Annotated[str | None, typer.Option("--to", help=t("cli.dates.to_date_yyyy_mm_dd"))] = None,
        partner: Annotated[
            str | None,
            typer.Option("--partner", help=t("cli.dates.only_this_partner_id")),
        ] = None,
        fmt: Annotated[str, typer.Option("--format", help="table | json | csv | ics | xlsx")] = "table",
        output: Annotated[
            str | None,
            typer.Option("-o", "--output", help=t("cli.dates.write_to_a_file")),
        ] = None,
    ) -> None:
        from datetime import date

        from partnerplan.dates.events import events_csv, events_json, select_events
        from partnerplan.dates.schedule import plan_schedule

        if fmt not in ("table", "json", "csv", "ics", "xlsx"):
            fail(t("cli.dates.unknown_format_table_json_csv_or", fmt=fmt))
        bounds = []
        for raw in (date_from, date_to):
            try:
                bounds.append(date.fromisoformat(raw) if raw else None)
            except ValueError:
                fail(t("cli.dates.is_not_a_date_use_yyyy", raw=raw))
        checked = checked_plan(plan, t, lang)
        sched = plan_schedule(checked)
        errors = [d for d in sched.diagnostics if d.severity == "error"]
        if errors:
            print_diagnostics(checked.loaded.lines, errors, lang)
            raise typer.Exit(1)
        the_plan = checked.plan
        del checked  # its text, data and positions (most of a big plan's memory) are done with
        if partner is not None and not any(p.id == partner for p in the_plan.partners):
            fail(t("cli.dates.no_partner_with_id_in_the", partner=partner))
        events = select_events(sched.events, partner=partner, month=month, start=bounds[0], end=bounds[1])
        if fmt == "ics":
            from partnerplan.documents.ics import to_ics
            from partnerplan.git.gitio import file_revision

            revision = file_revision(plan) if plan != "-" else None
            data: str | bytes = to_ics(the_plan, events, revision)
        elif fmt == "json":
            data = events_json(events)
        elif fmt == "csv":
            data = events_csv(events)
        elif fmt == "xlsx":
            from partnerplan.documents.xlsx import schedule_xlsx

            if not output:
                fail(t("cli.dates.xlsx_needs_output"))
            data = schedule_xlsx(the_plan, events)
        else:
            if output:
                fail(t("cli.dates.the_table_is_for_the_screen"))
            print_table(the_plan, events, sched, lang, t)
            raise typer.Exit(0)
        if output:
            write(output, data, t, [plan])
            sys.stderr.write(t("cli.dates.written", output=output))
        else:
            sys.stdout.buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
