"""The web interface's words for people, Russian first and English beside it.

Like `documents.jinja.WORDS`, a keyed table to be folded into the one catalogue
(`partnerplan.words`); diagnostics keep their own texts (`messages`). `say(key, lang)`
picks the reader's language; templates call it as `t("key")`.
"""

from __future__ import annotations

from typing import Any

WORDS: dict[str, tuple[str, str]] = {
    # --- navigation and page titles --------------------------------------------------
    "app": ("partnerplan", "partnerplan"),
    "nav.overview": ("Обзор", "Overview"),
    "nav.calendar": ("Календарь", "Calendar"),
    "nav.report": ("Отчёт", "Report"),
    "nav.diagnostics": ("Замечания", "Problems"),
    "overview.title": ("Планы работы с социальными партнёрами", "Plans of work with social partners"),
    "overview.orgs": ("Организации", "Organisations"),
    "overview.partners": ("Партнёры", "Partners"),
    "overview.shared_first": (
        "Сначала — партнёры нескольких организаций.",
        "Partners of several organisations come first.",
    ),
    "overview.search": ("Найти партнёра", "Find a partner"),
    "overview.more": ("и ещё {n} — уточните поиск", "and {n} more — narrow the search"),
    "overview.skipped": ("Не показаны", "Not shown"),
    "overview.outside": (
        "ссылка ведёт за пределы папки — такой файл не открывается и не правится",
        "the link leads outside the folder: not served, not edited",
    ),
    "col.org": ("Организация", "Organisation"),
    "col.file": ("Файл", "File"),
    "col.year": ("Год", "Year"),
    "col.partners": ("Партнёров", "Partners"),
    "col.activities": ("Мероприятий", "Activities"),
    "col.events": ("Событий с датами", "Dated events"),
    "col.problems": ("Замечания", "Problems"),
    "col.orgs": ("Организаций", "Organisations"),
    "col.partner": ("Партнёр", "Partner"),
    "col.date": ("Дата", "Date"),
    "col.activity": ("Мероприятие", "Activity"),
    "col.form": ("Форма", "Form"),
    "col.period": ("Период", "Period"),
    "col.responsible": ("Ответственный", "Responsible"),
    "col.status": ("Отметка", "Status"),
    "col.direction": ("Направление", "Direction"),
    "totals": (
        "Организаций: {orgs}; партнёров: {partners}; мероприятий: {activities}; событий с датами: {events}",
        "Organisations: {orgs}; partners: {partners}; activities: {activities}; dated events: {events}",
    ),
    "problems.count": ("ошибок: {e}, предупреждений: {w}", "errors: {e}, warnings: {w}"),
    "problems.warnings": ("предупреждений: {w}", "warnings: {w}"),
    "problems.none": ("замечаний нет", "no problems"),
    "download": ("Скачать", "Download"),
    "download.docx": ("Word", "Word"),
    "download.md": ("Markdown", "Markdown"),
    "download.html": ("HTML", "HTML"),
    "download.ics": ("Календарь (.ics)", "Calendar (.ics)"),
    "download.xlsx": ("Excel", "Excel"),
    "download.report": ("Отчёт", "Report"),
    "download.year_end": ("Итоги года", "Year-end"),
    "plan.table": ("Комплексный план", "Comprehensive plan"),
    "plan.edit": ("Править план", "Edit the plan"),
    "plan.invalid": (
        "В плане есть ошибки — таблицу можно показать, только когда их не будет. Что исправить:",
        "The plan has errors; the table shows once they are fixed:",
    ),
    "plan.no_file": ("Нет такого плана в папке: {f}", "No such plan in the folder: {f}"),
    "not_found": ("Не найдено", "Not found"),
    "edit.no_record": (
        "Такой записи в плане нет — возможно, план изменился. Откройте его заново.",
        "No such record in the plan; it may have changed. Open it again.",
    ),
    # --- the calendar -------------------------------------------------------------------
    "cal.grid": ("Месяц", "Month"),
    "cal.list": ("Список", "List"),
    "cal.prev": ("← {m}", "← {m}"),
    "cal.next": ("{m} →", "{m} →"),
    "cal.filter": ("Показать", "Show"),
    "cal.reset": ("Сбросить", "Reset"),
    "cal.all": ("все", "all"),
    "cal.more": ("ещё {n}", "{n} more"),
    "cal.empty": ("В этом месяце событий нет.", "No events this month."),
    "cal.capped": (
        "Показаны первые {shown} из {total} — уточните отбор.",
        "The first {shown} of {total} are shown; narrow the filter.",
    ),
    "cal.undated": ("В течение года и по запросу", "Throughout the year and on demand"),
    "cal.count": ("Событий в месяце: {n}", "Events this month: {n}"),
    "weekdays": ("Пн Вт Ср Чт Пт Сб Вс", "Mon Tue Wed Thu Fri Sat Sun"),
    "status.done": ("проведено", "done"),
    "status.moved": ("перенесено", "moved"),
    "status.cancelled": ("отменено", "cancelled"),
    "status.none": ("без отметки", "not marked"),
    # --- the partner page ---------------------------------------------------------------
    "partner.title": ("Партнёр: {name}", "Partner: {name}"),
    "partner.in": ("В плане: {org}", "In the plan of: {org}"),
    "partner.purpose": ("Характеристика взаимодействия", "Purpose"),
    "partner.contacts": ("Контакты", "Contacts"),
    "partner.events": ("События партнёра по всей сети", "The partner's events across the network"),
    "partner.conflicts": (
        "Накладки: партнёр занят у нескольких организаций в один день",
        "Conflicts: the partner is booked by several organisations on one day",
    ),
    "partner.no_conflicts": ("Накладок нет.", "No conflicts."),
    "partner.unknown": ("Партнёра с id «{pid}» нет ни в одном плане.", "No plan has a partner «{pid}»."),
    # --- the report and problems --------------------------------------------------------
    "report.title": ("Отчёт о работе с социальными партнёрами", "Report on the work with social partners"),
    "report.year_end": ("Итоги года", "Year-end figures"),
    "report.plain": ("Обычный отчёт", "Plain report"),
    "report.none": (
        "Нет ни одного плана без ошибок — отчёт не из чего составить.",
        "No valid plan to report on.",
    ),
    "diag.title": ("Замечания к планам", "Problems in the plans"),
    "diag.capped": ("Показаны первые {shown} из {total}.", "The first {shown} of {total} are shown."),
    # --- editing ------------------------------------------------------------------------
    "edit.title": ("Правка плана", "Editing the plan"),
    "edit.intro": (
        "Изменения записываются прямо в файл плана: комментарии и порядок остальных строк сохраняются, "
        "перед записью план проверяется.",
        "Changes are written into the plan file; comments and the other lines are kept, and the plan is "
        "checked before writing.",
    ),
    "edit.add_partner": ("Добавить партнёра", "Add a partner"),
    "edit.edit_partner": ("Сведения о партнёре", "Partner details"),
    "edit.add_activity": ("Добавить мероприятие", "Add an activity"),
    "edit.edit": ("Изменить", "Edit"),
    "edit.events": ("Даты и отметки", "Dates and marks"),
    "edit.delete": ("Удалить", "Delete"),
    "edit.save": ("Сохранить", "Save"),
    "edit.cancel": ("Отмена", "Cancel"),
    "edit.back": ("← к плану", "← back to the plan"),
    "edit.no_activities": ("Мероприятий пока нет.", "No activities yet."),
    "edit.activity_new": ("Новое мероприятие — {partner}", "New activity — {partner}"),
    "edit.activity": ("Мероприятие — {partner}", "Activity — {partner}"),
    "edit.partner_new": ("Новый партнёр", "New partner"),
    "edit.delete_q": ("Удалить мероприятие «{what}» у партнёра «{who}»?", "Delete «{what}» of «{who}»?"),
    "edit.delete_yes": ("Да, удалить", "Yes, delete"),
    "edit.mark": ("Отметка о проведении", "Mark the event"),
    "edit.mark_for": ("Событие {date}: {what}", "Event of {date}: {what}"),
    "edit.saved": ("Сохранено в {f}.", "Saved to {f}."),
    "edit.merged": (
        "Файл менялся на диске после открытия формы; ваша правка применена к новой версии, "
        "остальные изменения сохранены.",
        "The file changed on disk after the form was opened; your change was applied to the new "
        "version and the other changes were kept.",
    ),
    "edit.reformatted": (
        "Файл заодно приведён к единому виду (как partnerplan fmt).",
        "The file was also brought to the canonical layout (as partnerplan fmt).",
    ),
    "edit.warnings": ("Предупреждения после правки:", "Warnings after the change:"),
    "edit.refused": ("Не сохранено: план стал бы неверным.", "Not saved: the plan would become invalid."),
    "edit.stale": (
        "Не сохранено: после открытия формы эта запись изменилась на диске (сохранена в редакторе или "
        "пришла из git). Откройте форму заново — ваши значения показаны ниже, их можно скопировать.",
        "Not saved: the record changed on disk after the form was opened (saved in an editor or pulled "
        "from git). Open the form again; your values are shown below.",
    ),
    "edit.gone": (
        "Не сохранено: этой записи в файле больше нет (удалена или перенесена на диске).",
        "Not saved: the record is no longer in the file.",
    ),
    "edit.details": (
        "Где это в файле (как пишет partnerplan validate)",
        "Where in the file (as validate says)",
    ),
    "edit.cannot": ("Не сохранено: {why}", "Not saved: {why}"),
    "edit.file_changed": (
        "Файл плана изменился на диске. Сохранение проверит, не тронута ли эта запись; "
        "чтобы увидеть новую версию, откройте форму заново.",
        "The plan file changed on disk. Saving checks that this record was not touched; "
        "open the form again to see the new version.",
    ),
    "edit.reload": ("Открыть заново", "Reload"),
    "edit.registry": (
        "Общие сведения этого партнёра записаны в partners.yaml; здесь меняется только то, что вы впишете.",
        "This partner's shared details live in partners.yaml; only what you change is written here.",
    ),
    "why.internal": (
        "правку не удалось записать точно ({detail}) — сделайте её в редакторе",
        "the change could not be written exactly ({detail}); make it in an editor",
    ),
    "why.comment": (
        "правка удалила бы комментарий «{comment}» — сделайте её в редакторе",
        "the change would drop the comment «{comment}»; make it in an editor",
    ),
    "why.syntax": (
        "файл плана сейчас не читается как YAML — исправьте его в редакторе",
        "the file is not valid YAML",
    ),
    "why.shape": ("в файле нет списка partners, куда можно записать правку", "the file has no partners list"),
    "why.outside": ("файл лежит вне обслуживаемой папки", "the file is outside the served folder"),
    "why.write": ("не удалось записать файл: {detail}", "cannot write the file: {detail}"),
    "why.partner_exists": ("партнёр с id «{pid}» в плане уже есть", "the plan already has a partner «{pid}»"),
    "why.no_target": ("нет партнёра «{pid}», к которому перенести", "no partner «{pid}» to move to"),
    "field.required": ("заполните это поле", "fill this in"),
    "field.bad_date": ("не дата: «{value}» — пишите ГГГГ-ММ-ДД или ДД.ММ.ГГГГ", "not a date: «{value}»"),
    "field.bad_number": ("нужно целое число не меньше нуля", "a whole number, zero or more"),
    "field.bad_id": (
        "id — одно слово без пробелов: буквы, цифры, _ - .",
        "an id is one word: letters, digits, _ - .",
    ),
    # --- field labels -------------------------------------------------------------------
    "f.partner": ("Партнёр", "Partner"),
    "f.form": ("Форма взаимодействия", "Form of interaction"),
    "f.title": ("Название, как в плане", "Title, as in the plan"),
    "f.period": ("Период", "Period"),
    "f.period_hint": (
        "Как в плане: «Октябрь», «Май-июнь», «Один раз в квартал», «В течение года»",
        "As in the plan: «Октябрь», «Один раз в квартал», «В течение года»",
    ),
    "f.dates": ("Точные даты", "Exact dates"),
    "f.dates_hint": (
        "через запятую, ГГГГ-ММ-ДД или ДД.ММ.ГГГГ; важнее периода",
        "comma-separated; win over the period",
    ),
    "f.responsible": ("Ответственный", "Responsible"),
    "f.participants": ("Участники", "Participants"),
    "f.note": ("Примечание", "Note"),
    "f.id": ("Идентификатор (id)", "Identifier (id)"),
    "f.id_hint": (
        "латиницей, без пробелов: по нему сравниваются версии плана",
        "no spaces; versions are compared by it",
    ),
    "f.name": ("Название партнёра", "Partner name"),
    "f.group": ("Группа", "Group"),
    "f.no_group": ("без группы", "no group"),
    "f.level": ("Уровень партнёрства", "Level"),
    "f.level.external": ("внешнее", "external"),
    "f.level.internal": ("внутреннее", "internal"),
    "f.purpose": ("Характеристика взаимодействия", "Purpose of the partnership"),
    "f.directions": ("Направления деятельности", "Directions"),
    "f.person": ("Контактное лицо", "Contact person"),
    "f.phone": ("Телефон", "Phone"),
    "f.email": ("Электронная почта", "E-mail"),
    "f.status": ("Итог", "Outcome"),
    "f.held": ("Фактическая или новая дата", "Held on / moved to"),
    "f.count": ("Число участников", "Number of participants"),
    "f.link": ("Ссылка на фотоотчёт", "Link to the photo report"),
    "f.unmark": ("Снять отметку", "Remove the mark"),
    # --- the command line ---------------------------------------------------------------
    "cli.loading": ("Читаю планы: {n} файл(ов) в {root}…", "Reading plans: {n} file(s) in {root}…"),
    "cli.serving": (
        "partnerplan serve: {url} — откройте в браузере (Ctrl+C — остановить)",
        "partnerplan serve: {url} — open it in a browser (Ctrl+C to stop)",
    ),
    "cli.exposed": (
        "Внимание: --host {host} открывает планы всем, кто видит этот компьютер по сети. "
        "Правка требует ключа сессии, но читать сможет любой. Без --host сервер доступен только здесь.",
        "Warning: --host {host} exposes the plans to everyone who can reach this computer. Editing needs "
        "the session key, but anyone can read. Without --host only this computer can connect.",
    ),
    "cli.no_path": ("нет такого файла или папки: {path}", "no such file or folder: {path}"),
    "forbidden": (
        "Запрос отклонён: нет ключа сессии (страница открыта не из partnerplan или устарела). "
        "Откройте страницу заново.",
        "Refused: no session key (the page was not opened from partnerplan, or is old). Reload the page.",
    ),
    "bad_host": ("Неизвестный адрес сервера.", "Unknown server address."),
}


def say(key: str, lang: str = "ru", **args: Any) -> str:
    ru, en = WORDS[key]
    text = en if lang == "en" else ru
    return text.format(**args) if args else text
