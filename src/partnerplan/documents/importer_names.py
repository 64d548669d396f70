"""Organisations in a plan's cells: which text names one, and which one it is.

Owns the word lists of organisations (legal forms МБОУ, МУК; acronyms СДК, УСЗН; an
institution's nouns: библиотека, музей, управление, администрация) and of what is no
partner: a place («с. Березовка, «Парк Победы»», «д.Марьино обелиск», «Инстаграм»), a
category («учреждения культуры (по графику)»), a person («Шледовец С. В.»), a position
(«Зам. директора по ВР»), the planner itself («ДК» in a Дом культуры's plan). `find_org`
is deliberately cautious; `mentions` reads «совместно с ГОУ ЦПМСС», «на базе библиотеки».
"""

from __future__ import annotations

import re
from functools import lru_cache

from partnerplan.documents.importer_text import collapse, key, norm, split_person, strip_position

LEGAL = frozenset(
    """МБОУ МАОУ МКОУ МОУ ГБОУ ГОУ ГАОУ ГКОУ МБДОУ МАДОУ МКДОУ МДОУ ДОУ ГБДОУ МБУ МАУ МКУ МУ ГБУ
    ГАУ ГКУ ГУ АУ БУ КУ ОГБУ ОГАУ ОБУ КГБУ КГАУ МБУК МКУК МАУК МУК ГБУК ГАУК МБУДО МАУДО МБОУДО
    ТОГБОУ ТОГАПОУ ТОГБУ ГАПОУ ГБПОУ ГПОУ ОГБПОУ КГБПОУ ФГБОУ ФГАОУ ФГБУ ФГУ НОУ ЧОУ АНО НКО ООО
    ОАО ЗАО ПАО АО МУП ГУП ФГУП ОГУП МО ГБ МБОО""".split()
)
# Capital words that are not organisations.
_NOT_ORG = frozenset(
    """ВОВ ГТО КВН РФ СССР ЗОЖ ПДД ОБЖ ЧС ИКТ СМИ ДПИ ФИО ТВ ОГЭ ЕГЭ ВПР ИЗО ОВЗ ДНК СВО
    ВР УВР НМР ВМР АХЧ""".split()
)
_ROOM = re.compile(
    r"\s*\((?=[^()]*(?:зал|кабинет|фойе|аудитори|класс|корпус|этаж|холл|рекреаци))[^()]*\)$", re.IGNORECASE
)
_ORG_STEMS = (
    "библиотек|библиотечн|музе|школ|гимнази|лице|колледж|техникум|университет|институт|академи|"
    "училищ|детский сад|детского сада|детсад|дом культуры|дома культуры|дом творчества|дом детского|"
    "дворец|дворца|клуб|центр|управлени|департамент|министерств|комитет|отдел|администраци|обществ|"
    "фонд|театр|филармони|кинотеатр|больниц|поликлиник|амбулатори|редакци|служб|инспекци|прокуратур|"
    "полици|отделени|церк|храм|приход|епархи|монастыр|правлени|филиал|комплекс|объединени|союз|"
    "ассоциаци|станци|лагер|совет ветеранов|воинск|пожарн|заповедник|зоопарк|изба|студи|ансамбл|"
    "учреждени|организаци|предприяти|завод|фабрик|компани|агентств|военкомат|комиссариат|казачь|"
    "движени|сельсовет|совет|кдц|дк"
).split("|")
_ORG_RE = re.compile(r"(?<![а-яё])(?:" + "|".join(re.escape(s) for s in _ORG_STEMS) + ")")
_CATEGORY = re.compile(
    r"^(?:все\s+|\w+\s+)?(?:учреждени|организаци|территори|объект|предприяти)|(?:учреждений|организаций)(?:\s|$)|"
    r"по\s+графику|по\s+назначению|по\s+согласованию"
)
_PLACE_PREFIX = re.compile(
    r"^(?:площадк[аие]|территори[яи]|помещени[ея]|здани[ея]|на\s+базе|в\s+помещении|"
    r"в\s+филиал(?:е|ах)|в\s+здании|во?|на|у)\s+",
    re.IGNORECASE,
)
_ADDRESS = re.compile(
    r"^(?:с|д|п|пгт|ст|г|ул|пр|пр-т|пер|мкр|х|рп|аул|село|деревня|поселок|посёлок|город|станица)\.?\s*"
    r"(?:[А-ЯЁA-Z0-9«\"]|$)|^\d+\w?$"
)
_QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”|„[^“”]*[“”]")


def is_address(text: str) -> bool:
    """«с. Березовка», «ул. Октябрьская», «33»: a part of an address."""
    return bool(_ADDRESS.match(text.strip()))


def is_person(text: str) -> bool:
    rest, person = split_person(text)
    return bool(person) and not has_org_marker(strip_position(rest))


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 12 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def acronyms(text: str) -> list[str]:
    """Capital words of 2-7 letters that name organisations (СДК, УСЗН, МБОУ)."""
    caps = _all_caps(text)
    out = []
    for word in re.findall(r"[А-ЯЁа-яё]+", _QUOTED.sub(" ", text)):
        capital = not caps and 2 <= len(word) <= 7 and word.isupper() and word not in _NOT_ORG
        if (word in LEGAL or capital) and not re.fullmatch(r"[IVXІ]+", word):
            out.append(word)
    return out


def has_org_marker(text: str) -> bool:
    if not text.strip():
        return False
    return bool(acronyms(text) or _ORG_RE.search(norm(_QUOTED.sub(" ", text))))


def names_institution(text: str) -> bool:
    """Any institution's noun or acronym, quoted names included («избы-музея»)."""
    return bool(acronyms(text) or _ORG_RE.search(norm(text)))


def is_category(text: str) -> bool:
    """A kind of place or institution, not one partner («учреждения культуры (по графику)»)."""
    return bool(_CATEGORY.search(norm(text)))


@lru_cache(maxsize=65536)
def find_org(text: str) -> str | None:
    """The organisation a place, a responsible or a mention names, or None."""
    t = collapse(text).strip(" .,;:")
    if not t or is_category(t):
        return None
    t, _person = split_person(t)
    t = strip_position(t)
    for _ in range(2):
        m = _PLACE_PREFIX.match(t)
        if m:
            t = t[m.end() :].strip()
    if not t or is_category(t) or not has_org_marker(t):
        return None
    return _ROOM.sub("", trim_address(t)).strip(" .,;:")


def trim_address(text: str) -> str:
    """«МБОУ «СОШ № 2», с. Березовка, ул. Октябрьская, 33» → «МБОУ «СОШ № 2»»; the address
    stays when it comes first («ст.Смоленская, ДК»)."""
    parts = _split_outside_quotes(text, ",")
    if len(parts) < 2 or not has_org_marker(parts[0]):
        return text
    kept = [parts[0]]
    for part in parts[1:]:
        if _ADDRESS.match(part.strip()):
            break
        kept.append(part)
    return ", ".join(p.strip() for p in kept)


def _split_outside_quotes(text: str, seps: str) -> list[str]:
    masked = _QUOTED.sub(lambda m: "\x00" * len(m.group(0)), text)
    out, start = [], 0
    for i, ch in enumerate(masked):
        if ch in seps:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return [p for p in (x.strip() for x in out) if p]


def split_names(text: str) -> list[str]:
    return list(_split_names(text))


@lru_cache(maxsize=65536)
def _split_names(text: str) -> tuple[str, ...]:
    """Several organisations in one cell: by lines, «;», and commas between two names."""
    lines = [collapse(x) for x in text.split("\n") if x.strip()]
    joined: list[str] = []
    for line in lines:
        if joined and (line[0].islower() or line[0] in '(«"“' or not has_org_marker(line)):
            joined[-1] += " " + line
        else:
            joined.append(line)
    out: list[str] = []
    for entry in joined:
        for part in _split_outside_quotes(entry, ";"):
            pieces = _split_outside_quotes(part, ",")
            if len(pieces) > 1 and all(has_org_marker(p) for p in pieces):
                out.extend(pieces)
            else:
                out.append(part)
    return tuple(p.strip(" .,;") for p in out if p.strip(" .,;"))


def split_acronym(name: str) -> list[str]:
    """«РДК Большебуяновский народный музей» is two: the house of culture and the museum."""
    m = re.match(r"^([А-ЯЁ]{2,7})\s+([А-ЯЁ][а-яё].*)$", name)
    if m and m.group(1) not in LEGAL and m.group(1) not in _NOT_ORG and has_org_marker(m.group(2)):
        return [m.group(1), m.group(2)]
    return [name]


_MENTION = re.compile(
    r"(?:совместно|вместе)\s+со?\s+|на\s+базе\s+|при\s+(?:участии|поддержке|содействии)\s+|"
    r"в\s+сотрудничестве\s+со?\s+|с\s+участием\s+|в\s+филиал(?:е|ах)\s+|силами\s+",
    re.IGNORECASE,
)
_MENTION_END = re.compile(
    r"[(),;:]|\s(?:в\s+рамках|для|по|посвящ\w*|состоит\w*|состоят\w*|пройд[её]т|пройдут|проводит|"
    r"проводят|провед[её]т|организу\w+|будет|будут|с\s+целью|и\s+(?:в|на)\s)(?![а-яё])",
    re.IGNORECASE,
)


def mentions(text: str) -> list[str]:
    """Organisations named inside a text: «совместно с ГОУ ЦПМСС», «на базе библиотеки»."""
    masked = _QUOTED.sub(lambda m: "\x00" * len(m.group(0)), text)
    out = []
    for m in _MENTION.finditer(masked):
        rest = masked[m.end() :]
        end = _MENTION_END.search(rest)
        stop = m.end() + (end.start() if end else len(rest))
        found = find_org(text[m.end() : stop]) if stop > m.end() else None
        if found and found not in out:
            out.append(found)
    return out


def self_names(names: list[str]) -> tuple[set[str], set[str]]:
    """The planner's own names as (keys, words): acronyms of its name («КДУ» for «культурно-
    досуговых учреждений», «ДК» for «дом культуры») and its own capital words (ТБО, ЦКС)."""
    keys: set[str] = set()
    words: set[str] = set()
    for name in names:
        if not name:
            continue
        keys.add(key(name))
        tokens = [w for w in re.findall(r"[А-ЯЁа-яё]+", _QUOTED.sub(" ", name)) if len(w) > 1]
        if not _all_caps(name):
            words.update(
                w
                for w in re.findall(r"(?<![А-ЯЁа-яё])[А-ЯЁ]{2,7}(?![А-ЯЁа-яё])", name)
                if w not in LEGAL and w not in _NOT_ORG
            )
        initials = [w[0].upper() for w in tokens if w.lower() not in ("на", "по", "для", "при", "с", "и")]
        for i in range(len(initials)):
            for j in range(i + 2, min(len(initials), i + 6) + 1):
                keys.add("".join(initials[i:j]).lower())
    return keys, words


def initials(name: str) -> str:
    """«МБУ ДО «Дом детского творчества»» → «ДДТ»: the initials of its quoted name (or of the
    whole name without legal forms)."""
    quoted = _QUOTED.findall(name)
    source = quoted[0] if quoted else name
    words = [w for w in re.findall(r"[А-ЯЁа-яё]+", source) if w not in LEGAL and len(w) > 1]
    words = [w for w in words if w.lower() not in ("на", "по", "для", "при", "и", "им", "имени")]
    return "".join(w[0].upper() for w in words)


def is_self(name: str, own: tuple[set[str], set[str]]) -> bool:
    keys, words = own
    if key(name) in keys:
        return True
    return bool(words) and any(w in words for w in re.findall(r"[А-ЯЁ]{2,}", name))
