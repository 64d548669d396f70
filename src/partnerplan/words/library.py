"""The library's words: its answers and refusals (Problem codes), the diff, textconv."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # --- templates (documents/jinja.py: TemplateProblem) ---------------------------------
    "template.at_line": (
        "ошибка в шаблоне {template}, строка {line}: {detail}",
        "template {template}, line {line}: {detail}",
    ),
    "template.no_line": ("ошибка в шаблоне {template}: {detail}", "template {template}: {detail}"),
    "template.syntax": ("синтаксическая ошибка: {error}", "syntax error: {error}"),
    "template.undefined": ("нет такого имени или поля: {error}", "undefined name or field: {error}"),
    "template.security": ("запрещено в песочнице: {error}", "not allowed in the sandbox: {error}"),
    "template.recursion": (
        "бесконечная рекурсия: макрос, include или цикл recursive вызывает сам себя",
        "endless recursion: a macro, an include or a recursive loop calls itself",
    ),
    "template.zero": ("деление на ноль", "division by zero"),
    "template.overflow": ("слишком большое число: {error}", "number too large: {error}"),
    "template.type": ("значение не того типа: {error}", "value of the wrong type: {error}"),
    "template.value": ("неверное значение: {error}", "bad value: {error}"),
    "template.memory": ("не хватило памяти", "out of memory"),
    "template.other": ("{error}", "{error}"),
    "template.steps": (
        "шаблон не заканчивается: циклы сделали больше {limit} шагов",
        "the template does not finish: its loops ran more than {limit} steps",
    ),
    "template.time": (
        "шаблон не заканчивается: работает дольше {limit} с",
        "the template does not finish: it ran longer than {limit} s",
    ),
    "template.output": (
        "шаблон выдаёт слишком много текста: больше {limit} символов",
        "the template writes too much: more than {limit} characters",
    ),
    "template.value_size": (
        "слишком большое значение: больше {limit} символов или элементов",
        "value too large: more than {limit} characters or items",
    ),
    "template.not_found": ("нет шаблона «{name}»", "no template '{name}'"),
    "template.outside": (
        "ссылка ведёт за пределы папки шаблонов: {target}",
        "the link leads outside the templates folder: {target}",
    ),
    "template.encoding": ("файл не в кодировке UTF-8", "the file is not UTF-8"),
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
    "xlsx_part": (
        "в Excel выводятся plan (таблица плана) и calendar (мероприятия по датам), не «{what}»",
        "Excel takes plan (the plan's table) or calendar (the events by date), not '{what}'",
    ),
    "template_error": ("ошибка в шаблоне: {detail}", "template error: {detail}"),
    "cannot_write": ("не удалось записать {path}: {why}", "cannot write {path}: {why}"),
    "cannot_read": ("{path}: {why}", "{path}: {why}"),
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
    # --- git: the semantic diff -------------------------------------------------------
    "diff.plan_changed": ("план: {field}: «{old}» → «{new}»", "plan: {field}: «{old}» → «{new}»"),
    "diff.vocab_added": ("{field}: добавлено «{new}» ({id})", "{field}: added «{new}» ({id})"),
    "diff.vocab_removed": ("{field}: удалено «{old}» ({id})", "{field}: removed «{old}» ({id})"),
    "diff.vocab_changed": ("{field}: «{old}» → «{new}» ({id})", "{field}: «{old}» → «{new}» ({id})"),
    "diff.partner_added": ("добавлен партнёр «{who}» ({id})", "partner added: «{who}» ({id})"),
    "diff.partner_removed": ("удалён партнёр «{who}» ({id})", "partner removed: «{who}» ({id})"),
    "diff.partner_renamed": (
        "партнёр переименован: «{old}» → «{new}» ({id})",
        "partner renamed: «{old}» → «{new}» ({id})",
    ),
    "diff.partner_changed": (
        "партнёр «{who}»: {field}: «{old}» → «{new}»",
        "partner «{who}»: {field}: «{old}» → «{new}»",
    ),
    "diff.activity_added": (
        "добавлено мероприятие «{what}» у партнёра «{who}», срок «{new}»",
        "activity added: «{what}» with «{who}», period «{new}»",
    ),
    "diff.activity_removed": (
        "удалено мероприятие «{what}» у партнёра «{who}»",
        "activity removed: «{what}» with «{who}»",
    ),
    "diff.activity_moved": (
        "мероприятие «{what}» перенесено от «{from_name}» к «{who}»",
        "activity «{what}» moved from «{from_name}» to «{who}»",
    ),
    "diff.activity_changed": (
        "мероприятие «{what}» («{who}»): {field}: «{old}» → «{new}»",
        "activity «{what}» («{who}»): {field}: «{old}» → «{new}»",
    ),
    "diff.activity_renamed": (
        "мероприятие переименовано («{who}»): «{old}» → «{new}»",
        "activity renamed («{who}»): «{old}» → «{new}»",
    ),
    "diff.event_moved": (
        "перенесено: {old} → {new} — «{what}», «{who}»",
        "moved: {old} → {new} — «{what}», «{who}»",
    ),
    "diff.event_added": ("новая дата: {new} — «{what}», «{who}»", "new date: {new} — «{what}», «{who}»"),
    "diff.event_removed": (
        "дата снята: {old} — «{what}», «{who}»",
        "date dropped: {old} — «{what}», «{who}»",
    ),
    # --- git: textconv (what `git diff` shows of a plan) -------------------------------
    "textconv.plan": ("План: {name}", "Plan: {name}"),
    "textconv.year": ("Год: {year}", "Year: {year}"),
    "textconv.title": ("Заголовок: {title}", "Title: {title}"),
    "textconv.no_group": ("без группы", "no group"),
    "textconv.partner": ("Партнёр {id}: {name} [{group}]", "Partner {id}: {name} [{group}]"),
    "textconv.purpose": ("характеристика: {text}", "purpose: {text}"),
    "textconv.directions": ("направления: {text}", "directions: {text}"),
    "textconv.period": ("срок: {text}", "period: {text}"),
    "textconv.responsible": ("ответственный: {text}", "responsible: {text}"),
    "textconv.date": ("дата: {text}", "date: {text}"),
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


# Plan fields as the diff names them.
_FIELD_NAMES = {
            "name": ("название", "name"),
            "group": ("группа", "group"),
            "level": ("уровень", "level"),
            "purpose": ("характеристика", "purpose"),
            "directions": ("направления", "directions"),
            "contacts": ("контакты", "contacts"),
            "agreement": ("договор", "agreement"),
            "note": ("примечание", "note"),
            "form": ("форма", "form"),
            "title": ("название", "title"),
            "period": ("срок", "period"),
            "dates": ("даты", "dates"),
            "responsible": ("ответственный", "responsible"),
            "participants": ("участники", "participants"),
            "planner": ("организация", "organisation"),
            "year": ("год", "year"),
            "calendar": ("календарь", "calendar"),
            "goals": ("цели", "goals"),
            "tasks": ("задачи", "tasks"),
            "results": ("ожидаемые результаты", "expected results"),
            "version": ("версия", "version"),
            "id": ("id", "id"),
            "groups": ("группы", "groups"),
            "forms": ("формы", "forms"),
}  # fmt: skip
WORDS.update({f"field.{key}": pair for key, pair in _FIELD_NAMES.items()})
