"""Dates in words, in the reader's language (Babel's CLDR data: cases included).

Each answer is remembered: a district report asks for the same few hundred days tens
of thousands of times, and Babel formats slowly.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache


@lru_cache(maxsize=4096)
def long_date(d: date, lang: str = "ru") -> str:
    """«4 октября 2025»."""
    from babel.dates import format_date

    return format_date(d, "d MMMM y", locale=lang)


@lru_cache(maxsize=4096)
def day_and_weekday(d: date, lang: str = "ru") -> str:
    """«4 октября, сб»."""
    from babel.dates import format_date

    return format_date(d, "d MMMM, EE", locale=lang).replace(".", "")


@lru_cache(maxsize=4096)
def month_title(d: date, lang: str = "ru") -> str:
    """«Октябрь 2025» (nominative, as a heading)."""
    from babel.dates import format_date

    text = format_date(d, "LLLL y", locale=lang)
    return text[:1].upper() + text[1:]
