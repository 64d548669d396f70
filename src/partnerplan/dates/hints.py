"""Hints for a period the language cannot read: understood phrases of the same shape.

The shape of a phrase is its line of tags (`tokens`): «Март 2026» is a month and a year,
so it is answered with «Март 2026» and «сентябрь 2025 г.», not with «04.10.2025»;
«раз в две недели» is a frequency with a number word, so with «1 раз в 2 месяца». The
letters count a little too, for typos of a known phrase.
"""

from __future__ import annotations

import difflib
from functools import lru_cache

from partnerplan.dates.tokens import clean, tokenize

EXAMPLES = (
    "Октябрь", "в октябре", "Май-июнь", "Март 2026", "ноябрь-декабрь 2025", "Сентябрь, октябрь, май",
    "4 октября", "04.10", "04.10.2025", "19 и 26 ноября", "27 ноября 18.00", "1 июня в 15:00",
    "с 10 по 16 октября", "2-4 октября", "01.10 - 15.10", "с 1 октября", "по 10 мая",
    "к 9 мая", "ко Дню Победы", "до 25 мая", "не позднее 15 сентября", "День матери",
    "Один раз в квартал", "2 раза в год", "1 раз в 2 месяца", "раз в две недели", "Ежемесячно",
    "1 раз в четверть", "2 раза в месяц", "Еженедельно", "Каждую среду", "по субботам",
    "каждый первый вторник месяца", "2 неделя апреля", "3, 4 неделя октября", "последняя неделя месяца",
    "I четверть", "III квартал", "II полугодие", "в конце сентября", "в начале учебного года",
    "в конце каждой четверти", "в период осенних каникул", "в каникулы", "летом", "весной и осенью",
    "В течение года", "в течение II полугодия", "По мере необходимости", "по согласованию",
    "По графику", "ежегодно в мае",
)  # fmt: skip
FALLBACK = ["Октябрь", "Один раз в квартал", "В течение года"]
_NOT_SHAPE = frozenset({"x", "q", "lp", "rp", ",", ";", "colon", "sl"})


@lru_cache(maxsize=256)
def shape(text: str) -> tuple[str, ...]:
    """The tags of a phrase, words the language does not know left out."""
    toks = tokenize(clean(text))
    tags = [t.tag for t in toks]
    keep = []
    for k, tag in enumerate(tags):
        if tag == "-" and "x" in (tags[k - 1] if k else "", tags[k + 1] if k + 1 < len(tags) else ""):
            continue  # the hyphen of «когда-то», not a range
        if tag not in _NOT_SHAPE:
            keep.append(tag)
    return tuple(keep)


@lru_cache(maxsize=1)
def _example_shapes() -> tuple[tuple[str, tuple[str, ...], str], ...]:
    return tuple((e, shape(e), e.lower()) for e in EXAMPLES)


def suggest(text: str, n: int = 3) -> list[str]:
    """The understood phrases nearest to an unreadable one, by shape first."""
    text = " ".join(text.split())[:200]
    mine, low = shape(text), text.lower()
    if not [t for t in mine if t != "-"]:  # nothing of a period in it: the usual examples
        return list(FALLBACK)
    scored = []
    for example, theirs, elow in _example_shapes():
        by_shape = difflib.SequenceMatcher(None, mine, theirs).ratio() if (mine or theirs) else 0.0
        by_letters = difflib.SequenceMatcher(None, low, elow).ratio()
        same_start = 0.2 if mine and theirs and mine[0] == theirs[0] else 0.0  # «5 …» is a date
        scored.append((0.7 * by_shape + 0.3 * by_letters + same_start, example))
    scored.sort(key=lambda s: -s[0])
    best = [e for score, e in scored[:n] if score > 0.3]
    return best or list(FALLBACK)
