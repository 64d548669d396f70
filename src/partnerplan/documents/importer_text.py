"""What a cell's text is: a period, a date, a clock time, a «1.1» number, a bullet, a person.

Owns the patterns the importer reads the words of Russian plans with (organisations'
names are `importer_names`'). Pure functions of text; no document structure here. A
period is recognised by how it begins («Май», «в течение года», «04.10.2025», «2 раза
в год»): the period language itself (`dates.periods`) decides what it means.
"""

from __future__ import annotations

import re

_POSITION = re.compile(
    r"^(?:директор\w*|заведующ\w*|зав\.|руководител\w*(?:\s+кружка)?|начальник\w*|методист\w*|"
    r"главн\w+\s+специалист[\w-]*|специалист[\w-]*|председател\w*|глава|заместител\w*|зам\.|"
    r"и\.\s?о\.|исполняющ\w+\s+обязанност\w+|педагог\w*(?:-\w+)?|учител\w*|воспитател\w*|"
    r"библиотекар\w*|художественн\w+\s+руководител\w*|худ\.\s?рук\.|культорганизатор\w*|"
    r"инструктор\w*|тренер\w*|секретар\w*|инспектор\w*|ректор\w*|президент\w*)\s*[,:]?\s*",
    re.IGNORECASE,
)
_INITIALS = r"[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.?)?"
_SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_PERSON = re.compile(
    rf"(?<![\w.])(?<!им\.\s)(?<!им\.)(?<!имени\s)(?:{_SURNAME}\s+{_INITIALS}|{_INITIALS}\s?{_SURNAME})(?![а-яё])"
)
_MONTH = (
    r"(?:январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяею]|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|"
    r"ноябр\w*|декабр\w*|янв|фев|февр|мар|апр|авг|сен|сент|окт|ноя|нояб|дек)\.?"
)
MONTH_RE = re.compile(rf"^{_MONTH}$", re.IGNORECASE)
_DATE = re.compile(
    rf"^\d{{1,2}}\s*[./]\s*\d{{1,2}}(?:\s*[./]\s*\d{{2,4}})?|^\d{{1,2}}(?:\s*[-–—,и]\s*\d{{1,2}})*\s+{_MONTH}",
    re.IGNORECASE,
)
_PERIOD_START = re.compile(
    rf"^(?:{_MONTH}(?![а-яё])|(?:в|во|с|со|до|к|ко|по|не\s+позднее)\s+(?:{_MONTH}|\d|течени|теч|мере|"
    r"запрос|согласовани|графику|особому|плану|период|каникул|дню|кажд|недел|понедельник|вторник|сред|"
    r"четверг|пятниц|суббот|воскресень|конц|начал|летн|осенн|зимн|весенн|[IVXІ]+\s)|в\s+теч|"
    r"ежемесячно|ежегодно|еженедельно|ежедневно|ежеквартально|ежегодн|постоянно|весь\s|в\s+течени|"
    r"\d+\s*(?:-?\s*(?:й|я|го))?\s*(?:раз|неделя|квартал|полугоди|четверт|триместр)|раз\s+в|"
    r"(?:один|два|три|четыре|дважды|трижды)\s|[IVXІ]{1,4}\s*(?:квартал|полугоди|четверт|триместр)|"
    r"кажд|летом|осенью|зимой|весной|летн|осенн|зимн|весенн|сентябрь|в\s+период|по\s+мере|"
    r"по\s+запросу|по\s+плану|по\s+особому|по\s+согласованию|по\s+графику|в\s+дни|накануне|"
    r"день\s|дни\s|\d{4}\s*г)",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"^(?:в\s*|с\s*)?\d{1,2}\s*[.:\-]\s*\d{2}(?:\s*(?:[-–—]|до)\s*\d{1,2}\s*[.:\-]\s*\d{2})?\s*(?:ч\.?|час\w*)?$",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^(?:№\s*)?(\d{1,4}(?:\.\d{1,3})*)\.?\)?$|^[IVXІ]{1,5}\.?$")
_STRONG_BULLET = re.compile("^\\s*(?:[•·▪▫●○◦■□►▸✓✔➢➤*\uf0b7\uf0a7\uf0d8\uf076])\\s*")
_DASH_BULLET = re.compile(r"^\s*[-–—]\s*(?=\S)")
_NUM_BULLET = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*[.)]|[а-я]\))\s+(?=\S)")


def collapse(text: str) -> str:
    return " ".join(text.split())


def norm(text: str) -> str:
    """Lower case, ё as е, one kind of dash, single spaces: how texts are compared."""
    text = text.lower().replace("ё", "е").replace("–", "-").replace("—", "-")
    return " ".join(text.split())


def key(text: str) -> str:
    """A name without case, quotes and punctuation: the identity of a partner."""
    return " ".join(re.sub(r"[^\w№]+", " ", norm(text)).split())


def is_number_label(text: str) -> bool:
    return bool(_NUMBER.match(text.strip()))


def number_parts(text: str) -> tuple[int, ...] | None:
    m = _NUMBER.match(text.strip())
    if not m or not m.group(1):
        return None
    return tuple(int(x) for x in m.group(1).split("."))


def looks_like_time(text: str) -> bool:
    return bool(_TIME.match(text.strip()))


def looks_like_date(text: str) -> bool:
    return bool(_DATE.match(text.strip()))


def looks_like_period(text: str) -> bool:
    """Text that begins the way a period does («Май», «в течение года», «04.10.2025»)."""
    t = text.strip().lstrip("-–—•· ")
    if not t:
        return False
    return bool(_DATE.match(t) or _PERIOD_START.match(t) or MONTH_RE.match(t))


def month_of(text: str) -> int | None:
    """The month a cell names alone («ЯНВАРЬ», «Январь:»)."""
    t = norm(text).strip(" .:")
    if not MONTH_RE.match(t) or " " in t:
        return None
    for i, stem in enumerate(
        ("янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
    ):
        if t.startswith(stem):
            return i + 1
    return None


def bullet(line: str) -> tuple[str, str]:
    """(kind, text): kind is «strong» (•, ·), «dash» (-, –), «num» (1), а)) or «»."""
    for kind, pattern in (("strong", _STRONG_BULLET), ("num", _NUM_BULLET), ("dash", _DASH_BULLET)):
        m = pattern.match(line)
        if m:
            return kind, line[m.end() :].strip()
    return "", line.strip()


def split_person(text: str) -> tuple[str, str]:
    """(the rest, the persons) of «УСЗН Лукьянова Ю. Д.»: («УСЗН», «Лукьянова Ю. Д.»)."""
    found = [m.group(0) for m in _PERSON.finditer(text)]
    if not found:
        return text.strip(), ""
    rest = _PERSON.sub(" ", text)
    rest = re.sub(r"\s*[,;]\s*(?=[,;]|$)", "", rest)
    return collapse(rest).strip(" ,;:-–—"), ", ".join(found)


def strip_position(text: str) -> str:
    out = text.strip()
    for _ in range(3):
        m = _POSITION.match(out)
        if not m or not out[m.end() :].strip():
            break
        out = out[m.end() :].strip()
    if _POSITION.fullmatch(out + " "):
        return ""
    if out != text.strip() and re.match(r"по\s", out, re.IGNORECASE):
        return ""  # «Зам. директора по ВР»: the line of work, no organisation
    return out
