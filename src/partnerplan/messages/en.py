"""The diagnostics in English, for `--lang en`: code → (message, hint)."""

from __future__ import annotations

from partnerplan.messages.common import (
    KIND_EN,
    Text,
    allowed,
    maybe,
)

EN: dict[str, tuple[Text, Text]] = {
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
            "denied": "no permission to read it",
            "is_dir": "this is a folder, not a plan file",
            "folder": "the folder cannot be read: no permission",
            "not_file": "not a regular file: a device, a pipe or a socket",
        }.get(a.get("reason", ""), "cannot open the file ({detail})".format(**a)),
        lambda a: {
            "denied": "allow reading: chmod u+r FILE",
            "is_dir": "name a *.yaml file or a folder of plans",
            "folder": "allow reading the folder: chmod u+rx FOLDER",
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
        lambda a: 'start the file with the lines "version: 1", "planner:", "year: 2025/2026"',
    ),
    "PP015": (
        lambda a: "a key must be a word, not a list or mapping",
        lambda a: 'write the key as one word, for example "name:"',
    ),
    "PP016": (lambda a: "unclosed quote", lambda a: "close the quote at the end of the value"),
    "PP017": (
        lambda a: "unexpected colon",
        lambda a: "quote the whole value if the colon is part of the text",
    ),
    "PP018": (
        lambda a: (
            "no space after the colon: '{key}:{value}' reads as text, not as key '{key}'".format(**a)
            if a.get("key")
            else "expected ':' after a key"
        ),
        lambda a: "put a space after the colon: '{key}: {value}'".format(**a) if a.get("key") else None,
    ),
    "PP019": (lambda a: "bad indentation", lambda a: "align this line with the keys of its level"),
    "PP020": (
        lambda a: "alias without an anchor",
        lambda a: "define the anchor &name above, or remove the asterisk",
    ),
    "PP021": (
        lambda a: (
            "a value cannot start with '{char}'".format(**a)
            if a.get("char")
            else "a value cannot start with this character ({problem})".format(**a)
        ),
        lambda a: "quote the value",
    ),
    "PP022": (lambda a: "several documents in one file (---)", lambda a: "one file is one plan"),
    "PP023": (
        lambda a: "an invisible control character {char} in the file; YAML does not allow it".format(**a),
        lambda a: "delete it (pasted from Word or PDF?) or write it as an escape in double quotes",
    ),
    "PP024": (
        lambda a: "nesting too deep: more than {limit} levels of lists and mappings".format(**a),
        lambda a: "a plan has 7-8 levels at most; check the brackets [ ] { } and the indentation",
    ),
    "PP025": (
        lambda a: "alias *{name} inside its own anchor &{name}: an endless value".format(**a),
        lambda a: "alias only finished values, or remove *{name}".format(**a),
    ),
    "PP027": (
        lambda a: "the YAML tag '{tag}' is not supported: a plan is plain text".format(**a),
        lambda a: "remove '{tag}' before the value".format(**a),
    ),
    "PP026": (
        lambda a: (
            "'{escape}' is a surrogate half, not a character".format(**a)
            if a.get("surrogate")
            else "'{escape}' is an unknown backslash escape".format(**a)
        ),
        lambda a: "write the character itself, or quote the value with single quotes",
    ),
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
            key=a["key"], exp=KIND_EN[a["expected"]], found=KIND_EN.get(a["found"], a["found"])
        ),
        lambda a: "compare with a sample: partnerplan init",
    ),
    "PP103": (
        lambda a: "'{value}' is not a date".format(**a),
        lambda a: "write dates as YYYY-MM-DD",
    ),
    "PP104": (
        lambda a: "invalid value '{value}'".format(**a),
        lambda a: "allowed: {values}".format(values=allowed(a, "or")),
    ),
    "PP105": (lambda a: "'{value}' is not a plan year".format(**a), lambda a: "2025/2026 or 2026"),
    "PP106": (
        lambda a: "'{value}': an academic year is two consecutive years".format(**a),
        lambda a: "e.g. 2025/2026",
    ),
    "PP107": (
        lambda a: "'{key}': the value is empty".format(**a),
        lambda a: "write a value after the colon, or delete the line if the key is optional",
    ),
    "PP108": (
        lambda a: "'{value}' is not a valid id".format(**a),
        lambda a: "one word: letters, digits, _ - .",
    ),
    "PP109": (
        lambda a: "'{key}': the number cannot be less than {limit}, found {value}".format(**a),
        lambda a: 'write the number without "-", for example 25',
    ),
    "PP110": (
        lambda a: "'{key}': the value{value} does not fit{title}".format(
            key=a["key"],
            value=f" '{a['value']}'" if a.get("value") else "",
            title=f" ({a['title']})" if a.get("title") else "",
        ),
        lambda a: (
            "for example: {about}".format(**a)
            if a.get("about")
            else "compare with a sample: partnerplan init"
        ),
    ),
    "PP111": (
        lambda a: "'{key}': the number '{value}' is too big".format(**a),
        lambda a: "numbers in a plan have at most {digits} digits".format(**a),
    ),
    "PP112": (
        lambda a: "year '{value}' is outside the supported {first}-{last}".format(**a),
        lambda a: "an academic year is written 2025/2026, a calendar year 2026",
    ),
    "PP113": (
        lambda a: "date {value} is outside the supported years {first}-{last}".format(**a),
        lambda a: "check the year; dates are written YYYY-MM-DD",
    ),
    "PP200": (
        lambda a: "id '{ident}' is already used (line {first})".format(**a),
        lambda a: "rename one of them",
    ),
    "PP201": (
        lambda a: "unknown group '{ref}'".format(**a),
        maybe("did you mean '{suggestion}'?"),
    ),
    "PP202": (
        lambda a: "unknown direction '{ref}'".format(**a),
        maybe("did you mean '{suggestion}'?"),
    ),
    "PP203": (
        lambda a: "form '{form}' is not in the vocabulary".format(**a),
        maybe("nearest: '{suggestion}'"),
    ),
    "PP204": (
        lambda a: "partner '{name}' has no activities yet".format(**a),
        lambda a: "the row will stay empty in the plan; add activities once the work is planned",
    ),
    "PP205": (
        lambda a: "date {value} is outside the plan year {year}".format(**a),
        lambda a: "check the year in the date, or the plan year (year)",
    ),
    "PP206": (
        lambda a: "the range ends ({end}) before it starts ({start})".format(**a),
        lambda a: "swap from and to",
    ),
    "PP207": (
        lambda a: "'{name}' lies outside the plan year {year}".format(**a),
        lambda a: "check the years in the dates from and to",
    ),
    "PP210": (
        lambda a: "{field}: '{here}' here, '{shared}' in partners.yaml".format(**a),
        lambda a: (
            "shared partner details are written once in partners.yaml: remove the line here or fix it there"
        ),
    ),
    "PP211": (
        lambda a: "partner '{ident}' is '{name}' here but '{other}' in another plan ({where})".format(**a),
        lambda a: "one id, one partner: align the names or move the partner to partners.yaml",
    ),
    "PP300": (
        lambda a: "cannot read the period '{text}'".format(**a),
        lambda a: "e.g. " + ", ".join(a.get("suggestions") or ["October", "May-June"]),
    ),
    "PP301": (
        lambda a: "date {value} is outside the plan year ({start} – {end})".format(**a),
        lambda a: "check the year in the date, or the plan year (year); a date may omit its year",
    ),
    "PP302": (
        lambda a: "the range ends ({end}) before it starts ({start})".format(**a),
        lambda a: "swap them",
    ),
    "PP303": (lambda a: "no such date: {day} {month}".format(**a), lambda a: "check the day and the month"),
    "PP304": (
        lambda a: "the period is empty",
        lambda a: 'say when: "Октябрь", "Один раз в квартал", "В течение года"',
    ),
    "PP305": (
        lambda a: "the plan calendar has no break '{name}'".format(**a),
        lambda a: "add it to calendar.breaks",
    ),
    "PP306": (
        lambda a: "'{text}': {count} is more than the school days in '{span}' ({days})".format(**a),
        lambda a: "at most one event per school day; write 'В течение года' for ongoing work",
    ),
    "PP400": (
        lambda a: "the period '{text}' gives no working day in the plan year".format(**a),
        lambda a: "every day of this period is a weekend, a holiday or a break; give another period or dates",
    ),
    "PP401": (
        lambda a: "pinned date {value} is a day off{why}".format(**a),
        lambda a: "check the date: an event on a day off is possible but is usually a typo",
    ),
    "PP402": (
        lambda a: "partner '{partner}' has two activities on {day}".format(**a),
        lambda a: "pin one of them with dates",
    ),
    "PP403": (
        lambda a: (
            "'{text}': the last working day before {target} is before the plan year starts ({start})".format(
                **a
            )
        ),
        lambda a: "it falls in the previous school year; pin a date inside the year or write another period",
    ),
    "PP404": (
        lambda a: "pinned date {value} does not fit the period '{period}'".format(**a),
        lambda a: "the calendar shows the date, the document the period: correct one of them",
    ),
    "PP405": (
        lambda a: (
            "school breaks of {year} follow the usual pattern: no recommended dates are shipped for that year".format(
                **a
            )
        ),
        lambda a: "set your region's breaks in calendar.breaks",
    ),
    "PP406": (
        lambda a: (
            "transfers of days off for {span} are not published yet (known up to {until}): working days ignore them".format(
                **a
            )
        ),
        lambda a: (
            "update the holidays package once they are, or set them in calendar.days_off and calendar.working_days"
        ),
    ),
}
