"""The catalogue of diagnostics: code → message and hint, in Russian and English.

Russian is the product's language; English is for `--lang en`. Each entry is a pair of
functions of the diagnostic's arguments, so a hint can depend on whether a suggestion
was found.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Args = dict[str, Any]
Text = Callable[[Args], str | None]

_KIND_RU = {
    "text": "текст",
    "list": "список (строки, начинающиеся с «- »)",
    "mapping": "набор полей «ключ: значение»",
    "number": "число",
    "bool": "да/нет (true или false)",
    "null": "пустое значение",
}
_KIND_EN = {
    "text": "text",
    "list": "a list (lines starting with '- ')",
    "mapping": "a mapping of 'key: value' fields",
    "number": "a number",
    "bool": "true or false",
    "null": "an empty value",
}


def _maybe(template: str, key: str = "suggestion") -> Text:
    return lambda a: template.format(**a) if a.get(key) else None


_RU: dict[str, tuple[Text, Text]] = {
    "PP001": (
        lambda a: "файл не найден",
        lambda a: "проверьте путь; по умолчанию план ищется в папке plans/",
    ),
    "PP002": (
        lambda a: "файл сохранён в кодировке Windows-1251, а не UTF-8; он прочитан, но лучше пересохранить",
        lambda a: (
            "в Блокноте: «Сохранить как» → кодировка UTF-8; или: iconv -f cp1251 -t utf-8 ФАЙЛ > новый.yaml"
        ),
    ),
    "PP003": (
        lambda a: "не удаётся прочитать файл: это не текст в UTF-8",
        lambda a: "сохраните файл как текст в кодировке UTF-8 (в Блокноте: «Сохранить как» → UTF-8)",
    ),
    "PP004": (
        lambda a: "файл больше {limit} МБ — это не похоже на план; чтение отменено".format(**a),
        lambda a: "разделите план на несколько файлов (по одному на организацию) в одной папке",
    ),
    "PP005": (
        lambda a: "файл пуст",
        lambda a: "начните с команды «partnerplan init» — она создаст образец плана с пояснениями",
    ),
    "PP006": (
        lambda a: {
            "denied": "нет прав на чтение файла",
            "not_file": "это не обычный файл, а устройство, канал или сокет",
        }.get(a.get("reason", ""), "файл не открывается ({detail})".format(**a)),
        lambda a: {
            "denied": "разрешите чтение: chmod u+r ФАЙЛ (или откройте план от имени его владельца)",
            "not_file": "укажите файл плана *.yaml",
        }.get(a.get("reason", ""), "проверьте, что файл доступен, и повторите"),
    ),
    "PP010": (
        lambda a: "ошибка синтаксиса YAML ({problem})".format(**a),
        lambda a: "проверьте отступы, двоеточия и кавычки в этой строке и в строке выше",
    ),
    "PP011": (
        lambda a: "отступ сделан табуляцией, а в YAML отступы делаются только пробелами",
        lambda a: "замените символы табуляции в начале строки на пробелы (по 2 на уровень)",
    ),
    "PP012": (
        lambda a: "ключ «{key}» повторяется в одном блоке (впервые — в строке {first_line})".format(**a),
        lambda a: "оставьте один ключ «{key}»: второе значение иначе потерялось бы".format(**a),
    ),
    "PP013": (
        lambda a: "ссылки-псевдонимы (*имя) раскрываются в слишком большой документ; чтение остановлено",
        lambda a: "уберите псевдонимы &/* или запишите повторяющиеся части явно",
    ),
    "PP014": (
        lambda a: (
            "в начале файла должен быть набор полей «ключ: значение» (version, planner, year…), а найден {found}".format(
                found=_KIND_RU.get(a.get("found", ""), a.get("found", ""))
            )
        ),
        lambda a: "начните файл со строк «version: 1», «planner:», «year: 2025/2026»",
    ),
    "PP015": (
        lambda a: "ключом может быть только слово или фраза, а не список или набор полей",
        lambda a: "запишите ключ одним словом, например «name:»",
    ),
    "PP016": (
        lambda a: "не закрыта кавычка",
        lambda a: "поставьте закрывающую кавычку в конце значения или уберите открывающую",
    ),
    "PP017": (
        lambda a: "двоеточие в неожиданном месте",
        lambda a: (
            "если двоеточие — часть текста, заключите всё значение в кавычки: "
            'title: "Беседа: правила дорожного движения"; если это новый ключ, начните его с новой строки'
        ),
    ),
    "PP018": (
        lambda a: "ожидалось двоеточие после ключа",
        lambda a: "проверьте, что у ключа есть «:» и пробел после него, и что строка выше не оборвана",
    ),
    "PP019": (
        lambda a: "нарушены отступы: строка не подходит ни к одному блоку",
        lambda a: "выровняйте эту строку по соседним ключам того же уровня (отступ пробелами)",
    ),
    "PP020": (
        lambda a: "ссылка-псевдоним (*имя) без определения (&имя)",
        lambda a: "определите якорь &имя выше или уберите звёздочку",
    ),
    "PP021": (
        lambda a: "символ не может начинать значение ({problem})".format(**a),
        lambda a: "если значение начинается с @, `, % или другого особого символа, заключите его в кавычки",
    ),
    "PP022": (
        lambda a: "в файле несколько документов (разделитель ---)",
        lambda a: "один файл — один план: уберите строку «---» или разделите файл на два",
    ),
    "PP100": (
        lambda a: "неизвестный ключ «{name}»".format(**a),
        lambda a: (
            "возможно, вы имели в виду «{suggestion}»?".format(**a)
            if a.get("suggestion")
            else ("здесь допустимы ключи: {allowed}".format(**a) if a.get("allowed") else None)
        ),
    ),
    "PP101": (
        lambda a: "не хватает обязательного ключа «{name}»{where}".format(
            name=a["name"], where=f" в блоке «{a['where']}»" if a.get("where") else ""
        ),
        lambda a: (
            "добавьте строку «{name}: …»".format(**a)
            + (
                " — или опишите партнёра один раз в partners.yaml рядом с планом"
                if a.get("name") == "name"
                else ""
            )
        ),
    ),
    "PP102": (
        lambda a: "«{key}»: ожидается {exp}, а записан {found}".format(
            key=a["key"], exp=_KIND_RU[a["expected"]], found=_KIND_RU.get(a["found"], a["found"])
        ),
        lambda a: {
            "list": "каждый элемент списка пишите с новой строки, начиная с «- »",
            "text": "пишите текст сразу после двоеточия; список или вложенные поля здесь не нужны",
            "mapping": "вложенные поля пишите с новой строки с отступом в 2 пробела: «name: …»",
        }.get(a["expected"], "проверьте значение по образцу: partnerplan init"),
    ),
    "PP103": (
        lambda a: "«{value}» — не дата или такой даты нет".format(**a),
        lambda a: "дата пишется как ГГГГ-ММ-ДД, например 2026-03-12; проверьте число дней в месяце",
    ),
    "PP104": (
        lambda a: "недопустимое значение «{value}»".format(**a),
        lambda a: "допустимо: {expected}".format(**a),
    ),
    "PP105": (
        lambda a: "«{value}» — не год плана".format(**a),
        lambda a: "учебный год пишется как 2025/2026, календарный — как 2026",
    ),
    "PP106": (
        lambda a: "«{value}»: учебный год — это два года подряд".format(**a),
        lambda a: "например 2025/2026 (с 1 сентября 2025 по 31 августа 2026)",
    ),
    "PP107": (
        lambda a: "«{key}»: значение пустое".format(**a),
        lambda a: "впишите значение после двоеточия или удалите строку, если ключ необязателен",
    ),
    "PP108": (
        lambda a: "«{value}» не годится как идентификатор".format(**a),
        lambda a: "идентификатор — одно слово без пробелов: буквы, цифры, _ - . (например sosh4)",
    ),
    "PP110": (lambda a: "«{key}»: {detail}".format(**a), lambda a: None),
    "PP200": (
        lambda a: "идентификатор «{ident}» уже занят (строка {first})".format(**a),
        lambda a: "идентификаторы должны быть разными: переименуйте один из них",
    ),
    "PP201": (
        lambda a: "группа «{ref}» не найдена ни в groups, ни во встроенном справочнике".format(**a),
        _maybe(
            "возможно, вы имели в виду «{suggestion}»? Или добавьте группу в groups: - {{id: …, name: …}}"
        ),
    ),
    "PP202": (
        lambda a: "направление «{ref}» не найдено ни в directions, ни во встроенном справочнике".format(**a),
        _maybe("возможно, вы имели в виду «{suggestion}»? Или добавьте его в directions"),
    ),
    "PP203": (
        lambda a: "форма взаимодействия «{form}» не из справочника".format(**a),
        lambda a: (
            "ближайшая известная форма: «{suggestion}»; или добавьте свою в forms".format(**a)
            if a.get("suggestion")
            else "добавьте её в раздел forms, чтобы учитывать в отчётах"
        ),
    ),
    "PP204": (
        lambda a: "у партнёра «{name}» пока нет мероприятий".format(**a),
        lambda a: "строка попадёт в план пустой; добавьте activities, когда работа будет запланирована",
    ),
    "PP205": (
        lambda a: "дата {value} вне года плана {year} ({start} — {end})".format(**a),
        lambda a: "проверьте год в дате или год плана (year)",
    ),
    "PP206": (
        lambda a: "период кончается ({end}) раньше, чем начинается ({start})".format(**a),
        lambda a: "поменяйте местами from и to",
    ),
    "PP207": (
        lambda a: "«{name}» целиком вне года плана {year}".format(**a),
        lambda a: "проверьте годы в датах from и to",
    ),
    "PP210": (
        lambda a: "{field}: здесь «{here}», а в partners.yaml — «{shared}»".format(**a),
        lambda a: (
            "общие сведения о партнёре пишутся один раз в partners.yaml: уберите строку здесь или исправьте там"
        ),
    ),
    "PP211": (
        lambda a: (
            "партнёр «{ident}» называется здесь «{name}», а в другом плане сети — «{other}» ({where})".format(
                **a
            )
        ),
        lambda a: "один id — один партнёр: выровняйте названия или вынесите партнёра в partners.yaml",
    ),
    "PP300": (
        lambda a: "не удаётся понять период «{text}»".format(**a),
        lambda a: "так можно: {examples}".format(
            examples=", ".join(
                f"«{e}»"
                for e in a.get("suggestions")
                or ["Октябрь", "Май-июнь", "Один раз в квартал", "В течение года"]
            )
        ),
    ),
    "PP301": (
        lambda a: "дата {value} вне года плана ({start} — {end})".format(**a),
        lambda a: "проверьте год в дате или год плана (year); год в дате можно не писать",
    ),
    "PP302": (
        lambda a: "промежуток кончается ({end}) раньше, чем начинается ({start})".format(**a),
        lambda a: "поменяйте начало и конец местами",
    ),
    "PP303": (
        lambda a: "такой даты нет: {day} {month}".format(**a),
        lambda a: "проверьте число и месяц",
    ),
    "PP304": (
        lambda a: "период пустой",
        lambda a: "напишите, когда: «Октябрь», «Один раз в квартал», «В течение года»",
    ),
    "PP305": (
        lambda a: "в календаре плана нет каникул «{name}»".format(**a),
        lambda a: "добавьте их в calendar.breaks или укажите месяц",
    ),
    "PP400": (
        lambda a: "период «{text}» не даёт ни одного рабочего дня в году плана".format(**a),
        lambda a: (
            "все дни этого периода — выходные, праздники или каникулы; укажите другой период или даты в dates"
        ),
    ),
    "PP401": (
        lambda a: "закреплённая дата {value} — нерабочий день{why}".format(**a),
        lambda a: "проверьте дату: мероприятие в выходной возможно, но обычно это опечатка",
    ),
    "PP402": (
        lambda a: "у партнёра «{partner}» два мероприятия в один день: {day}".format(**a),
        lambda a: "закрепите дату одного из них в dates или измените период",
    ),
}

_EN: dict[str, tuple[Text, Text]] = {
    "PP001": (
        lambda a: "file not found",
        lambda a: "check the path; plans are looked for in plans/ by default",
    ),
    "PP002": (
        lambda a: "the file is in Windows-1251, not UTF-8; it was read, but please re-save it",
        lambda a: "iconv -f cp1251 -t utf-8 FILE > new.yaml",
    ),
    "PP003": (
        lambda a: "cannot read the file: it is not UTF-8 text",
        lambda a: "save the file as UTF-8 text",
    ),
    "PP004": (
        lambda a: "the file is larger than {limit} MB, which is no plan; reading stopped".format(**a),
        lambda a: "split the plan into several files in one folder",
    ),
    "PP005": (lambda a: "the file is empty", lambda a: "start with 'partnerplan init'"),
    "PP006": (
        lambda a: {
            "denied": "no permission to read the file",
            "not_file": "not a regular file: a device, a pipe or a socket",
        }.get(a.get("reason", ""), "cannot open the file ({detail})".format(**a)),
        lambda a: {
            "denied": "allow reading: chmod u+r FILE",
            "not_file": "name a plan file *.yaml",
        }.get(a.get("reason", ""), "check that the file is accessible and retry"),
    ),
    "PP010": (
        lambda a: "YAML syntax error ({problem})".format(**a),
        lambda a: "check indentation, colons and quotes",
    ),
    "PP011": (
        lambda a: "indentation with a tab; YAML indents with spaces only",
        lambda a: "replace the tabs with spaces",
    ),
    "PP012": (
        lambda a: "key '{key}' repeats in one mapping (first on line {first_line})".format(**a),
        lambda a: "keep one '{key}'".format(**a),
    ),
    "PP013": (
        lambda a: "aliases expand into a document that is too large; reading stopped",
        lambda a: "remove the aliases",
    ),
    "PP014": (
        lambda a: "the top level must be a mapping (version, planner, year…)",
        lambda a: None,
    ),
    "PP015": (lambda a: "a key must be a word, not a list or mapping", lambda a: None),
    "PP016": (lambda a: "unclosed quote", lambda a: "close the quote at the end of the value"),
    "PP017": (
        lambda a: "unexpected colon",
        lambda a: "quote the whole value if the colon is part of the text",
    ),
    "PP018": (lambda a: "expected ':' after a key", lambda a: None),
    "PP019": (lambda a: "bad indentation", lambda a: "align this line with the keys of its level"),
    "PP020": (lambda a: "alias without an anchor", lambda a: None),
    "PP021": (
        lambda a: "a value cannot start with this character ({problem})".format(**a),
        lambda a: "quote the value",
    ),
    "PP022": (lambda a: "several documents in one file (---)", lambda a: "one file is one plan"),
    "PP100": (
        lambda a: "unknown key '{name}'".format(**a),
        lambda a: "did you mean '{suggestion}'?".format(**a) if a.get("suggestion") else None,
    ),
    "PP101": (
        lambda a: "missing required key '{name}'".format(**a),
        lambda a: "add '{name}: …'".format(**a),
    ),
    "PP102": (
        lambda a: "'{key}': expected {exp}, found {found}".format(
            key=a["key"], exp=_KIND_EN[a["expected"]], found=_KIND_EN.get(a["found"], a["found"])
        ),
        lambda a: None,
    ),
    "PP103": (
        lambda a: "'{value}' is not a date".format(**a),
        lambda a: "write dates as YYYY-MM-DD",
    ),
    "PP104": (
        lambda a: "invalid value '{value}'".format(**a),
        lambda a: "allowed: {expected}".format(**a),
    ),
    "PP105": (lambda a: "'{value}' is not a plan year".format(**a), lambda a: "2025/2026 or 2026"),
    "PP106": (
        lambda a: "'{value}': an academic year is two consecutive years".format(**a),
        lambda a: "e.g. 2025/2026",
    ),
    "PP107": (lambda a: "'{key}': the value is empty".format(**a), lambda a: None),
    "PP108": (
        lambda a: "'{value}' is not a valid id".format(**a),
        lambda a: "one word: letters, digits, _ - .",
    ),
    "PP110": (lambda a: "'{key}': {detail}".format(**a), lambda a: None),
    "PP200": (
        lambda a: "id '{ident}' is already used (line {first})".format(**a),
        lambda a: "rename one of them",
    ),
    "PP201": (
        lambda a: "unknown group '{ref}'".format(**a),
        _maybe("did you mean '{suggestion}'?"),
    ),
    "PP202": (
        lambda a: "unknown direction '{ref}'".format(**a),
        _maybe("did you mean '{suggestion}'?"),
    ),
    "PP203": (
        lambda a: "form '{form}' is not in the vocabulary".format(**a),
        _maybe("nearest: '{suggestion}'"),
    ),
    "PP204": (lambda a: "partner '{name}' has no activities yet".format(**a), lambda a: None),
    "PP205": (lambda a: "date {value} is outside the plan year {year}".format(**a), lambda a: None),
    "PP206": (
        lambda a: "the range ends ({end}) before it starts ({start})".format(**a),
        lambda a: "swap from and to",
    ),
    "PP207": (lambda a: "'{name}' lies outside the plan year {year}".format(**a), lambda a: None),
    "PP210": (lambda a: "{field}: '{here}' here, '{shared}' in partners.yaml".format(**a), lambda a: None),
    "PP211": (
        lambda a: "partner '{ident}' is '{name}' here but '{other}' in another plan ({where})".format(**a),
        lambda a: None,
    ),
    "PP300": (
        lambda a: "cannot read the period '{text}'".format(**a),
        lambda a: "e.g. " + ", ".join(a.get("suggestions") or ["October", "May-June"]),
    ),
    "PP301": (
        lambda a: "date {value} is outside the plan year ({start} – {end})".format(**a),
        lambda a: None,
    ),
    "PP302": (
        lambda a: "the range ends ({end}) before it starts ({start})".format(**a),
        lambda a: "swap them",
    ),
    "PP303": (lambda a: "no such date: {day} {month}".format(**a), lambda a: None),
    "PP304": (lambda a: "the period is empty", lambda a: None),
    "PP305": (
        lambda a: "the plan calendar has no break '{name}'".format(**a),
        lambda a: "add it to calendar.breaks",
    ),
    "PP400": (
        lambda a: "the period '{text}' gives no working day in the plan year".format(**a),
        lambda a: None,
    ),
    "PP401": (lambda a: "pinned date {value} is a day off{why}".format(**a), lambda a: None),
    "PP402": (
        lambda a: "partner '{partner}' has two activities on {day}".format(**a),
        lambda a: "pin one of them with dates",
    ),
}

_CATALOGUES = {"ru": _RU, "en": _EN}


def register(code: str, ru: tuple[Text, Text], en: tuple[Text, Text]) -> None:
    """Let other modules (periods, schedule) own their messages next to their code."""
    _RU[code] = ru
    _EN[code] = en


def message_text(code: str, args: Args, lang: str) -> str:
    entry = _CATALOGUES.get(lang, _RU).get(code) or _RU[code]
    return entry[0](args) or code


def hint_text(code: str, args: Args, lang: str) -> str | None:
    entry = _CATALOGUES.get(lang, _RU).get(code) or _RU[code]
    return entry[1](args)
