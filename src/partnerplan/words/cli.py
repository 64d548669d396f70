"""The command line's own words: help texts, results, refusals. Russian, English beside it."""

from __future__ import annotations

CLI: dict[str, tuple[str, str]] = {
    "cli.git.cannot_rewrite": (
        "{plan}: не удаётся переписать файл на новый год ({detail}); ничего не записано — поправьте это место (partnerplan fmt покажет его) и повторите",
        "{plan}: cannot rewrite the file for the new year ({detail}); nothing written — fix that place (partnerplan fmt shows it) and retry",
    ),
    "cli.dates.xlsx_needs_output": (
        "Excel записывается в файл: добавьте -o ФАЙЛ.xlsx",
        "Excel goes to a file: add -o FILE.xlsx",
    ),
    "cli.common.dated_events_undated": (
        "Событий с датами: {dated}, без дат: {a1}.",
        "Dated events: {dated}, undated: {a1}.",
    ),
    "cli.common.no_changes_in_plans": ("Изменений в планах нет.\n", "No changes in plans.\n"),
    "cli.common.date": ("Дата", "Date"),
    "cli.common.partner": ("Партнёр", "Partner"),
    "cli.common.activity": ("Мероприятие", "Activity"),
    "cli.common.form": ("Форма", "Form"),
    "cli.common.school_breaks_are_this_year_s": (
        " Каникулы — типовые для этого года (задайте свои в calendar.breaks).",
        " School breaks are this year's defaults (set yours in calendar.breaks).",
    ),
    "cli.common.no_such_file": ("{path}: нет такого файла", "{path}: no such file"),
    "cli.common.the_plan_has_errors_fix_them": (
        "В плане есть ошибки ({a0}); исправьте их и повторите.\n",
        "The plan has errors ({a0}); fix them and retry.\n",
    ),
    "cli.common.responsible": ("Ответственный", "Responsible"),
    "cli.common.new_plan_file": ("  + новый файл плана", "  + new plan file"),
    "cli.common.no_such_file_or_folder": ("{p}: нет такого файла или папки", "{p}: no such file or folder"),
    "cli.common.plan_file_removed": ("  - файл плана удалён", "  - plan file removed"),
    "cli.common.schedule": ("\n**Расписание:**\n", "\n**Schedule:**\n"),
    "cli.common.schedule_2": ("  Расписание:", "  Schedule:"),
    "cli.common.undated": ("Без дат", "Undated"),
    "cli.common.not_a_plan": ("не план", "not a plan"),
    "cli.dates.explain_periods_what_a_phrase_means": (
        "Объяснить периоды: что значит фраза и какие даты она даёт в году плана.",
        "Explain periods: what a phrase means and the dates it gives in a plan year.",
    ),
    "cli.dates.the_year_s_events_by_date": (
        "Мероприятия года по датам: таблица, JSON, CSV или календарь iCalendar (.ics).",
        "The year's events by date: a table, JSON, CSV or an iCalendar file (.ics).",
    ),
    "cli.dates.school_year_another_year": (
        "Учебный год: {year} (другой — --year)\n",
        "School year: {year} (another: --year)\n",
    ),
    "cli.dates.dated": ("даты", "dated"),
    "cli.dates.ongoing_no_dates": ("в течение периода, без дат", "ongoing, no dates"),
    "cli.dates.on_demand_no_dates": ("по мере необходимости, без дат", "on demand, no dates"),
    "cli.dates.unknown_format_table_json_csv_or": (
        "неизвестный формат «{fmt}»: table, json, csv, ics или xlsx",
        "unknown format '{fmt}': table, json, csv, ics or xlsx",
    ),
    "cli.dates.no_partner_with_id_in_the": (
        "в плане нет партнёра с id «{partner}»",
        "no partner with id '{partner}' in the plan",
    ),
    "cli.dates.written": ("Записано: {output}\n", "Written: {output}\n"),
    "cli.dates.is_not_a_plan_year_use": (
        "«{year}» — не год плана: пишите 2025/2026 или 2026",
        "'{year}' is not a plan year: use 2025/2026 or 2026",
    ),
    "cli.dates.is_not_a_date_use_yyyy": (
        "«{raw}» — не дата: пишите ГГГГ-ММ-ДД",
        "'{raw}' is not a date: use YYYY-MM-DD",
    ),
    "cli.dates.phrases_e_g": ("Фразы, например «Один раз в квартал».", "Phrases, e.g. «Один раз в квартал»."),
    "cli.dates.plan_year_default_the_current_school": (
        "Год плана: 2025/2026 или 2026; по умолчанию текущий учебный.",
        "Plan year; default: the current school year.",
    ),
    "cli.dates.json_output": ("Вывод в JSON.", "JSON output."),
    "cli.dates.the_plan_file": ("Файл плана.", "The plan file."),
    "cli.dates.only_this_month_1_12": ("Только этот месяц (1–12).", "Only this month (1–12)."),
    "cli.dates.from_date_yyyy_mm_dd": ("С даты ГГГГ-ММ-ДД.", "From date YYYY-MM-DD."),
    "cli.dates.to_date_yyyy_mm_dd": ("По дату ГГГГ-ММ-ДД.", "To date YYYY-MM-DD."),
    "cli.dates.only_this_partner_id": ("Только этот партнёр (id).", "Only this partner (id)."),
    "cli.dates.write_to_a_file": ("Записать в файл.", "Write to a file."),
    "cli.dates.the_table_is_for_the_screen": (
        "таблица печатается на экран; для файла выберите --format json, csv или ics",
        "the table is for the screen; use --format json, csv or ics for a file",
    ),
    "cli.dates.error": ("ошибка", "error"),
    "cli.dates.kind": ("вид", "kind"),
    "cli.dates.hint": ("подсказка", "hint"),
    "cli.dates.events": ("событий", "events"),
    "cli.dates.dates": ("даты", "dates"),
    "cli.documents.make_a_document_the_word_html": (
        "Сделать документ: «Комплексный план» (Word, HTML, Markdown), календарный план, модель взаимодействия.",
        "Make a document: the «Комплексный план» (Word, HTML, Markdown), the calendar plan, the model picture.",
    ),
    "cli.documents.written_organisations": (
        "Записано: {output} (организаций: {a1})\n",
        "Written: {output} (organisations: {a1})\n",
    ),
    "cli.documents.a_report_on_a_plan_or": (
        "Отчёт по плану или сети планов: события по месяцам и направлениям (с диаграммами), по партнёрам и организациям, календари общих партнёров, накладки; с --year-end — анализ работы за год.",
        "A report on a plan or a network of plans: events by month and direction (with charts), by partner and organisation, shared partners' calendars, conflicts; with --year-end, the year's analysis.",
    ),
    "cli.documents.written_partners_activities": (
        "Записано: {output} (партнёров: {partners}, мероприятий: {acts})\n",
        "Written: {output} (partners: {partners}, activities: {acts})\n",
    ),
    "cli.documents.check_it_partnerplan_validate": (
        "Проверьте: partnerplan validate {output}\n",
        "Check it: partnerplan validate {output}\n",
    ),
    "cli.documents.read_an_existing_plan_from_word": (
        "Прочитать готовый план из Word или Excel (.docx, .xlsx; с LibreOffice — .doc, .odt, .rtf, .xls, .ods) в файл плана; сказать, что не удалось перенести.",
        "Read an existing plan from Word or Excel (.docx, .xlsx; with LibreOffice also .doc, .odt, .rtf, .xls, .ods) into a plan file; list what could not be carried over.",
    ),
    "cli.documents.unknown_part_plan_calendar_model_or": (
        "неизвестная часть «{what}»: plan, calendar, model или all",
        "unknown part '{what}': plan, calendar, model or all",
    ),
    "cli.documents.templates_no_such_folder": (
        "--templates: нет такой папки: {templates}",
        "--templates: no such folder: {templates}",
    ),
    "cli.documents.reference_docx_no_such_file": (
        "--reference-docx: нет такого файла: {reference}",
        "--reference-docx: no such file: {reference}",
    ),
    "cli.documents.written": ("Записано: {output}\n", "Written: {output}\n"),
    "cli.documents.no_plan_files_in": ("в {a0} нет файлов плана (*.yaml, *.yml)", "no plan files in {a0}"),
    "cli.documents.skipped_the_plan_has_errors": (
        "{f}: пропущен — в плане ошибки ({why}); проверьте: partnerplan validate {f}\n",
        "{f}: skipped — the plan has errors ({why})\n",
    ),
    "cli.documents.no_valid_plan_to_report_on": (
        "нет ни одного плана без ошибок: отчёт не из чего составить",
        "no valid plan to report on",
    ),
    "cli.documents.no_such_file": ("{source}: нет такого файла", "{source}: no such file"),
    "cli.documents.exists_add_force": (
        "{output} уже существует; чтобы перезаписать, добавьте --force",
        "{output} exists; add --force",
    ),
    "cli.documents.reading_plans": ("Чтение планов", "Reading plans"),
    "cli.documents.year_is_not_a_plan_year": (
        "--year: «{year}» — не год плана (2025/2026 или 2026)",
        "--year: '{year}' is not a plan year (2025/2026 or 2026)",
    ),
    "cli.documents.the_plan_file": ("Файл плана.", "The plan file."),
    "cli.documents.docx_html_md_default_from_o": (
        "docx | html | md; по умолчанию — по расширению -o, иначе docx.",
        "docx | html | md; default: from -o's extension, else docx.",
    ),
    "cli.documents.plan_calendar_model_all": (
        "plan — комплексный план, calendar — календарный план, model — модель, all — всё",
        "plan | calendar | model | all",
    ),
    "cli.documents.where_to_write_default_plan_name": (
        "Куда записать; по умолчанию ИМЯ_ПЛАНА.docx в текущей папке. Для модели можно .png или .svg.",
        "Where to write; default PLAN_NAME.docx here. For the model, .png or .svg also work.",
    ),
    "cli.documents.a_folder_with_your_own_jinja": (
        "Папка со своими шаблонами Jinja (plan.html.j2, plan.md.j2).",
        "A folder with your own Jinja templates.",
    ),
    "cli.documents.a_word_document_whose_styles_to": (
        "Документ Word, чьи стили взять.",
        "A Word document whose styles to use.",
    ),
    "cli.documents.plans_or_folders_default_plans": (
        "Планы или папки; по умолчанию plans/.",
        "Plans or folders; default plans/.",
    ),
    "cli.documents.where_to_write_default_report_docx": (
        "Куда записать; по умолчанию report.docx (year-end.docx).",
        "Where to write; default report.docx (year-end.docx).",
    ),
    "cli.documents.the_year_s_analysis_planned_held": (
        "Анализ за год: планировалось, проведено, перенесено, отменено, участники.",
        "The year's analysis: planned, held, moved, cancelled, participants.",
    ),
    "cli.documents.a_folder_with_your_own_templates": (
        "Папка со своими шаблонами (report.html.j2, report.md.j2).",
        "A folder with your own templates.",
    ),
    "cli.documents.a_word_document_or_an_excel": (
        "Документ Word или таблица Excel.",
        "A Word document or an Excel workbook.",
    ),
    "cli.documents.the_plan_file_default_name_yaml": (
        "Файл плана; по умолчанию ИМЯ.yaml рядом.",
        "The plan file; default NAME.yaml beside it.",
    ),
    "cli.documents.the_plan_year_when_the_document": (
        "Год плана, если его нет в документе.",
        "The plan year when the document has none.",
    ),
    "cli.documents.overwrite_an_existing_file": (
        "Перезаписать существующий файл.",
        "Overwrite an existing file.",
    ),
    "cli.documents.show_which_table_and_which_column": (
        "Показать, какая таблица и какая колонка чем стала.",
        "Show which table and which column became what.",
    ),
    "cli.git.files_changed_unchanged_failed": (
        "Файлов: {a0}; изменено: {changed}; без изменений: {unchanged}; с ошибками: {failed}",
        "Files: {a0}; changed: {changed}; unchanged: {unchanged}; failed: {failed}",
    ),
    "cli.git.format_plan_files_canonically_key_order": (
        "Привести файлы плана к единому виду: порядок ключей, отступы, кавычки. Комментарии и значения сохраняются.",
        "Format plan files canonically: key order, indentation, quotes. Comments and values are kept.",
    ),
    "cli.git.what_changed_in_a_plan_partners": (
        "Что изменилось в плане: партнёры, мероприятия, сроки и даты — по идентификаторам, а не по строкам. diff [РЕВИЗИЯ_А [РЕВИЗИЯ_Б]] [ПУТЬ ...] или diff ФАЙЛ_А ФАЙЛ_Б; по умолчанию рабочая копия против HEAD.",
        "What changed in a plan: partners, activities, periods and dates, by id, not by line. diff [REV_A [REV_B]] [PATH ...] or diff FILE_A FILE_B; default: the work tree against HEAD.",
    ),
    "cli.git.a_plan_as_text_for_git": (
        "Текст плана для git diff (драйвер textconv).",
        "A plan as text for git diff (textconv driver).",
    ),
    "cli.git.teach_git_to_show_plans_readably": (
        "Подключить к git чтение планов: git diff и git log -p показывают партнёров, сроки и даты, а не YAML.",
        "Teach git to show plans readably: git diff and git log -p show partners, periods and dates, not YAML.",
    ),
    "cli.git.written": ("Записано: {output}\n", "Written: {output}\n"),
    "cli.git.next_year_s_plan_from_this": (
        "План на следующий год из этого: те же партнёры и мероприятия, новые даты.",
        "Next year's plan from this one: the same partners and activities, new dates.",
    ),
    "cli.git.unknown_format_text_md_or_json": (
        "неизвестный формат «{fmt_}»: text, md или json",
        "unknown format '{fmt_}': text, md or json",
    ),
    "cli.git.added_to_gitattributes": (
        "В .gitattributes добавлена строка: {line}\n",
        "Added to .gitattributes: {line}\n",
    ),
    "cli.git.gitattributes_already_has": (
        "В .gitattributes уже есть: {line}\n",
        ".gitattributes already has: {line}\n",
    ),
    "cli.git.the_new_plan_cannot_overwrite_the": (
        "новый план нельзя записать поверх старого: укажите другой -o",
        "the new plan cannot overwrite the old one",
    ),
    "cli.git.git_is_not_installed": ("не найдена программа git", "git is not installed"),
    "cli.git.not_a_git_repository_compare_two": (
        "это не репозиторий git: сравните два файла — partnerplan diff СТАРЫЙ НОВЫЙ",
        "not a git repository: compare two files instead",
    ),
    "cli.git.no_such_revision": ("нет такой ревизии: {a0}", "no such revision: {a0}"),
    "cli.git.internal_error_the_new_plan_would": (
        "{plan}: ВНУТРЕННЯЯ ОШИБКА: новый план потерял бы данные или комментарии ({a1}); ничего не записано. Сообщите, пожалуйста, разработчикам.",
        "{plan}: INTERNAL ERROR: the new plan would lose data or comments ({a1}); nothing written. Please report.",
    ),
    "cli.git.cannot_read_the_yaml": ("не удаётся прочитать YAML ({a0})", "cannot read the YAML ({a0})"),
    "cli.git.would_reformat": ("изменился бы: {f}\n", "would reformat: {f}\n"),
    "cli.git.reformatted": ("отформатирован: {f}\n", "reformatted: {f}\n"),
    "cli.git.is_neither_a_git_revision_nor": (
        "«{a0}» — не ревизия git и не файл",
        "'{a0}' is neither a git revision nor a file",
    ),
    "cli.git.files_or_folders_default_plans": (
        "Файлы или папки; по умолчанию plans/.",
        "Files or folders; default plans/.",
    ),
    "cli.git.only_check_exit_1_if_a": (
        "Только проверить: код 1, если файл изменился бы.",
        "Only check: exit 1 if a file would change.",
    ),
    "cli.git.show_the_changes_without_writing": (
        "Показать изменения, не записывая.",
        "Show the changes without writing.",
    ),
    "cli.git.internal_error_formatting_would_change_the": (
        "{f}: ВНУТРЕННЯЯ ОШИБКА: форматирование изменило бы данные ({a1}); файл не тронут. Сообщите, пожалуйста, разработчикам.\n",
        "{f}: INTERNAL ERROR: formatting would change the data ({a1}); the file is untouched. Please report.\n",
    ),
    "cli.git.git_revisions_and_or_plan_paths": (
        "Ревизии git и/или пути к планам.",
        "git revisions and/or plan paths.",
    ),
    "cli.git.exit_1_when_there_are_changes": (
        "Код 1, если есть изменения (как git diff).",
        "Exit 1 when there are changes (like git diff).",
    ),
    "cli.git.which_files_are_plans_gitattributes": (
        "Какие файлы считать планами (.gitattributes).",
        "Which files are plans (.gitattributes).",
    ),
    "cli.git.the_plan_file": ("Файл плана.", "The plan file."),
    "cli.git.the_new_year_2026_2027_or": (
        "Новый год: 2026/2027 или 2027.",
        "The new year: 2026/2027 or 2027.",
    ),
    "cli.git.where_to_write_default_beside_it": (
        "Куда записать; по умолчанию рядом, с новым годом в имени.",
        "Where to write; default: beside it, the new year in the name.",
    ),
    "cli.git.details_partnerplan_validate": (
        "подробности: partnerplan validate {f}\n",
        "details: partnerplan validate {f}\n",
    ),
    "cli.main.partnerplan_the_plan_of_work_with": (
        "partnerplan — план работы с социальными партнёрами: проверка YAML-плана, даты мероприятий, «Комплексный план» в Word.",
        "partnerplan — the plan of work with social partners: checks the YAML plan, dates the events, writes the «Комплексный план» in Word.",
    ),
    "cli.main.check_plan_files_or_every_plan": (
        "Проверить файлы плана (или все планы в папках). Код выхода: 0 — план в порядке (предупреждения допустимы), 1 — найдены ошибки, 2 — неверный вызов.",
        "Check plan files (or every plan in folders). Exit code: 0 valid (warnings allowed), 1 problems found, 2 usage error.",
    ),
    "cli.main.print_the_json_schema_of_the": (
        "Напечатать JSON Schema файла плана (для редакторов, например VS Code).",
        "Print the JSON Schema of the plan file (for editors such as VS Code).",
    ),
    "cli.main.created_check_it_partnerplan_validate": (
        "Создан {target}. Проверьте: partnerplan validate {directory}\n",
        "Created {target}. Check it: partnerplan validate {directory}\n",
    ),
    "cli.main.create_a_commented_starter_plan_and": (
        "Создать образец плана с пояснениями (и схему для автодополнения в редакторе).",
        "Create a commented starter plan (and the schema for editor autocompletion).",
    ),
    "cli.main.unknown_format_use": (
        "неизвестный формат «{fmt}»: допустимы {a1}",
        "unknown format '{fmt}': use {a1}",
    ),
    "cli.main.no_plan_files_yaml_yml_in": (
        "в {a0} нет файлов плана (*.yaml, *.yml)",
        "no plan files (*.yaml, *.yml) in {a0}",
    ),
    "cli.main.exists_add_force_to_overwrite": (
        "{target} уже существует; чтобы перезаписать, добавьте --force",
        "{target} exists; add --force to overwrite",
    ),
    "cli.main.checked_files_errors_warnings": (
        "Проверено файлов: {a0}{counts}; ошибок: {a2}, предупреждений: {a3}",
        "Checked files: {a0}{counts}; errors: {a2}, warnings: {a3}",
    ),
    "cli.main.partners_activities": (
        ", партнёров: {a0}, мероприятий: {a1}",
        ", partners: {a0}, activities: {a1}",
    ),
    "cli.main.show_the_version_and_exit": ("Показать версию и выйти.", "Show the version and exit."),
    "cli.main.message_language_ru_or_en_also": (
        "Язык сообщений: ru или en (также LANG).",
        "Message language: ru or en (also LANG).",
    ),
    "cli.main.files_or_folders_default_plans": (
        "Файлы или папки; по умолчанию plans/.",
        "Files or folders; default plans/.",
    ),
    "cli.main.treat_warnings_as_errors": ("Считать предупреждения ошибками.", "Treat warnings as errors."),
    "cli.main.output_text_json_sarif_github_gitlab": (
        "Вывод: text, json, sarif (code scanning GitHub/GitLab) или github (аннотации GitHub Actions).",
        "Output: text, json, sarif (GitHub/GitLab code scanning) or github (Actions annotations).",
    ),
    "cli.main.write_to_a_file": ("Записать в файл.", "Write to a file."),
    "cli.main.the_schema_of_partners_yaml_a": (
        "Схема partners.yaml (общие партнёры сети), а не файла плана.",
        "The schema of partners.yaml (a network's shared partners), not of a plan file.",
    ),
    "cli.main.folder_default_plans": ("Папка; по умолчанию plans/.", "Folder; default plans/."),
    "cli.main.plan_file_name": ("Имя файла плана.", "Plan file name."),
    "cli.main.overwrite_an_existing_file": ("Перезаписать существующий файл.", "Overwrite an existing file."),
    "cli.serve.open_a_plan_or_a_folder": (
        "Открыть план или папку планов в браузере: обзор сети, «Комплексный план», календарь, партнёры, отчёт, замечания; правка мероприятий и партнёров без YAML. Страницы обновляются, когда файл меняется на диске.",
        "Open a plan or a folder of plans in the browser: the network overview, the plan, the calendar, partners, the report, problems; edit activities and partners without YAML. Pages update when a file changes on disk.",
    ),
    "cli.serve.a_plan_or_a_folder_default": (
        "План или папка; по умолчанию plans/.",
        "A plan or a folder; default plans/.",
    ),
    "cli.serve.port": ("Порт.", "Port."),
    "cli.serve.address_default_127_0_0_1": (
        "Адрес; по умолчанию 127.0.0.1 — только этот компьютер.",
        "Address; default 127.0.0.1, this computer only.",
    ),
    "cli.serve.open_the_browser": ("Открыть браузер.", "Open the browser."),
}
