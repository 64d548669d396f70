"""The words of the period language: one lemmatiser for months, weekdays, numbers, units,
seasons and the few function words the grammar needs.

A word is recognised by its stem and a Russian ending, not by a list of every form:
«марте», «мартом», «март» share the stem «март»; «четвертый» (an ordinal) and «четверти»
(a school term) share «четверт» and are told apart by the ending. A full morphology
library (pymorphy3) reads the same words but costs ~0.4 s to load — more than a whole
`validate` — for a closed vocabulary of about a hundred stems; so this table it is.
Everything here is lower case with «ё» written «е» (see `tokens.clean`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

MONTH_NOM = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip
MONTH_GEN = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
WEEKDAY_DAT_PL = ("понедельникам", "вторникам", "средам", "четвергам", "пятницам", "субботам", "воскресеньям")

_SOFT = ("ь", "я", "ю", "е", "ем", "ем")  # январь, января, январю, январе, январем
_HARD = ("", "а", "у", "е", "ом")  # март, марта, марту, марте, мартом
_MONTH_FORMS: dict[str, int] = {}
for _i, _nom in enumerate(MONTH_NOM):
    if _nom == "май":
        _forms: tuple[str, ...] = ("май", "мая", "маю", "мае", "маем")
    elif _nom.endswith("ь"):
        _forms = tuple(_nom[:-1] + e for e in _SOFT)
    else:
        _forms = tuple(_nom + e for e in _HARD)
    for _f in _forms:
        _MONTH_FORMS[_f] = _i + 1
_MONTH_ABBR = {
    "янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7, "авг": 8,
    "сен": 9, "сент": 9, "окт": 10, "ноя": 11, "нояб": 11, "дек": 12,
}  # fmt: skip
_FULL_FORMS = tuple(f for f in _MONTH_FORMS if len(f) >= 4)

# Word forms by stem and endings, expanded once into one table (a dict lookup per word).
_STEMS: tuple[tuple[str, int | str, str, str], ...] = (
    ("W", 0, "понедельн", "|ик|ика|ику|ике|ики|иков|икам|иках|иком"),
    ("W", 1, "вторн", "|ик|ика|ику|ике|ики|иков|икам|иках|иком"),
    ("W", 2, "сред", "а|у|ы|е|ам|ах|ой"),
    ("W", 3, "четверг", "|а|у|е|и|ов|ам|ах|ом"),
    ("W", 4, "пятниц", "|а|у|ы|е|ам|ах|ей"),
    ("W", 5, "суббот", "|а|у|ы|е|ам|ах|ой"),
    ("W", 6, "воскрес", "|ен|енье|енья|енью|еньям|еньях|ение|ения"),
    ("O", 1, "перв", "ый|ая|ое|ую|ого|ой|ом|ые|ых"),
    ("O", 2, "втор", "ой|ая|ое|ую|ого|ом|ые|ых"),
    ("O", 3, "трет", "ий|ья|ье|ью|ьего|ьей|ьем|ьи|ьих"),
    ("O", 4, "четверт", "ый|ая|ое|ую|ого|ой|ом|ые|ых"),
    ("O", 5, "пят", "ый|ая|ое|ую|ого|ой|ом"),
    ("O", 6, "шест", "ой|ая|ое|ую|ого|ом"),
    ("O", -1, "последн", "ий|яя|ее|юю|его|ей|ем|ие|их"),
    ("U", "полгода", "полгода", ""),
    ("U", "полгода", "полугоди", "е|я|ю|ем|и|й|ям|ях"),
    ("U", "год", "год", "|а|у|е|ом|ы|ов"),
    ("U", "год", "г", "|г"),
    ("U", "квартал", "квартал", "|а|у|е|ом|ы|ов|ам|ах"),
    ("U", "квартал", "кв", ""),
    ("U", "четверть", "четверт", "ь|и|ью|ей|ям|ях"),
    ("U", "триместр", "триместр", "|а|у|е|ом|ы|ов|ам|ах"),
    ("U", "месяц", "месяц", "|а|у|е|ем|ы|ев|ам|ах"),
    ("U", "месяц", "мес", ""),
    ("U", "неделя", "недел", "я|и|ю|е|ей|ям|ях|ька"),
    ("U", "день", "", "день|дня|дню|дне|дней|дни|дням|днях"),
    ("S", "осень", "осен", "ь|и|ью"),
    ("S", "зима", "зим", "а|ы|е|у|ой"),
    ("S", "весна", "весн", "а|ы|е|у|ой"),
    ("S", "лето", "лет", "о|а|у|е|ом"),
    ("B", "каникулы", "каникул", "|ы|ам|ах|ами"),
)
# Adjectives by their beginning: «осенних», «летний», «каникулярное».
_PREFIXES = (("осенн", "S", "осень"), ("зимн", "S", "зима"), ("весен", "S", "весна"), ("летн", "S", "лето"),
             ("каникулярн", "B", "каникулы"))  # fmt: skip
_FORMS: dict[str, tuple[str, int | str]] = {}
for _tag, _value, _stem, _ends in _STEMS:
    for _end in _ends.split("|"):
        _FORMS.setdefault(_stem + _end, (_tag, _value))
_WEEKDAY_ABBR = {"пн": 0, "вт": 1, "ср": 2, "чт": 3, "пт": 4, "сб": 5, "вс": 6}

_CARDINALS = {
    "один": 1, "одна": 1, "одно": 1, "одну": 1, "однажды": 1, "одного": 1,
    "два": 2, "две": 2, "двух": 2, "дважды": 2, "три": 3, "трех": 3, "трижды": 3,
    "четыре": 4, "четырех": 4, "четырежды": 4, "пять": 5, "пяти": 5, "шесть": 6, "шести": 6,
    "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "двенадцать": 12,
}  # fmt: skip
# Function words: the form → the word the grammar matches on.
_KEYWORDS = {
    "в": "в", "во": "в", "на": "в", "с": "с", "со": "с", "по": "по", "до": "до", "к": "к", "ко": "к",
    "и": "и", "или": "и", "также": "и", "раз": "раз", "раза": "раз", "разa": "раз",
    "каждый": "каждый", "каждую": "каждый", "каждое": "каждый", "каждого": "каждый", "каждой": "каждый",
    "каждые": "каждый", "каждых": "каждый", "ежегодно": "ежегодно",
    "ежемесячно": "ежемесячно", "еженедельно": "еженедельно", "ежеквартально": "ежеквартально",
    "ежедневно": "ежедневно", "не": "не", "реже": "реже", "менее": "реже", "позднее": "позднее",
    "позже": "позднее", "накануне": "накануне", "течение": "течение", "течении": "течение",
    "течения": "течение", "теч": "течение", "протяжении": "течение", "продолжение": "течение",
    "продолжении": "течение", "ходе": "течение", "весь": "весь", "всего": "весь", "вся": "весь",
    "все": "весь", "всю": "весь", "целый": "весь", "постоянно": "постоянно", "круглогодично": "постоянно",
    "систематически": "постоянно", "регулярно": "постоянно", "круглый": "весь",
    "начало": "начало", "начале": "начало", "начала": "начало", "начиная": "начало",
    "середина": "середина", "середине": "середина", "середины": "середина", "средина": "середина",
    "конец": "конец", "конце": "конец", "конца": "конец", "окончание": "конец", "окончании": "конец",
    "число": "число", "числа": "число", "числу": "число", "числам": "число",
    "учебный": "учебный", "учебного": "учебный", "учебном": "учебный", "учебному": "учебный",
    "учебном году": "учебный", "уч": "учебный", "календарный": "календарный", "календарного": "календарный",
    "календарном": "календарный", "текущего": "текущий", "текущий": "текущий", "т": "т",
    "час": "час", "часа": "час", "часов": "час", "ч": "час", "время": "время", "время,": "время",
    "период": "период", "периода": "период", "периоде": "период", "дата": "дата", "срок": "дата",
    "сроки": "дата", "месячник": "месячник", "месячника": "месячник", "месячнике": "месячник",
    "декада": "декада", "декаде": "декада", "декады": "декада", "ежегодный": "ежегодно",
    "проведения": "проведения", "следующего": "следующий", "следующий": "следующий",
    "при": "по", "согласно": "по", "зависимости": "зависимости", "мере": "мере",
}  # fmt: skip
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}

# Words of places: a leftover with one of them is where the event happens.
PLACE_WORDS = frozenset(
    """дк сдк ск рдк цкд кдц цдк дом дворец клуб школа школе школы сош оош мбоу мобу маоу моу гбоу мбу
    мбук мкук мау мку мбудо мбоудо доу мбдоу мадоу детский сад центр центре центра библиотека библиотеке
    библиотеки музей музее музея площадь площади площадка площадке парк парке сквер ул улица улице пр
    проспект пгт пос поселок село селе деревня кабинет каб зал зале актовый стадион стадионе кладбище
    мемориал памятник памятника обелиск коворкинг учреждения учреждение учреждениях территория
    территории набережная храм каток катке бассейн спортзал аудитория микрорайон сельский городской
    районный дворце кинотеатр театр театре филармония галерея выставочный""".split()
)
# Words of who takes part: a leftover with one of them is a note, numbers and all.
NOTE_WORDS = frozenset("кл класс класса классов классы классников классники группа группы лет".split())


class Lemma(NamedTuple):
    """What a word is: `tag` is what the grammar matches, `value` its number or name."""

    tag: str  # M month, W weekday, O ordinal, C cardinal, U unit, S season, B break, R roman,
    # E each-adverb, K function word (value: the word), ? unknown
    value: int | str = 0


UNKNOWN = Lemma("?")


@lru_cache(maxsize=8192)
def lemma(word: str) -> Lemma:
    """The lemma of one lower-case word (cached: real plans repeat a few hundred words)."""
    if word in _KEYWORDS:
        kw = _KEYWORDS[word]
        if kw.startswith("еже") and kw != "ежедневно":
            return Lemma("E", kw)
        return Lemma("K", kw)
    if word in ROMAN:
        return Lemma("R", ROMAN[word])
    mon = month_of(word)
    if mon is not None:
        return Lemma("M", mon)
    if word in _WEEKDAY_ABBR:
        return Lemma("W", _WEEKDAY_ABBR[word])
    if word in _CARDINALS:
        return Lemma("C", _CARDINALS[word])
    found = _FORMS.get(word)
    if found is not None:
        return Lemma(*found)
    for prefix, tag, name in _PREFIXES:
        if word.startswith(prefix):
            return Lemma(tag, name)
    return UNKNOWN


def month_of(word: str) -> int | None:
    """A month in any case or abbreviation, allowing one typo in a full name."""
    word = word.strip(".")
    if word in _MONTH_FORMS:
        return _MONTH_FORMS[word]
    if word in _MONTH_ABBR:
        return _MONTH_ABBR[word]
    if len(word) >= 5:
        for form in _FULL_FORMS:
            if within_one_edit(word, form):
                return _MONTH_FORMS[form]
    return None


def weekday_of(word: str) -> int | None:
    lem = lemma(word)
    return int(lem.value) if lem.tag == "W" else None


def within_one_edit(a: str, b: str) -> bool:
    """One letter changed, missing, added, or two neighbours swapped."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def known(word: str) -> bool:
    """A word the period language reads (hyphenation repair joins only into such words)."""
    return lemma(word).tag != "?" or word in _ON_DEMAND_WORDS


# Words after «по» that make a phrase «by someone else's schedule» rather than a date.
_ON_DEMAND_WORDS = frozenset(
    """мере необходимости надобности запросу запросам согласованию договоренности заявке заявкам
    приглашению просьбе графику плану погоде возможности требованию поступлению поступления
    усмотрению отдельному особому согласованному необходимость""".split()
)
