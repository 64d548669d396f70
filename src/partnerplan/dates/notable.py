"""Notable dates that activities hang on («ко Дню Победы», «к Всемирному дню животных»).

Data, not code: (month, day, name, stems). A phrase names a date when it contains every
stem of it; stems are word beginnings, so any grammatical case matches.
"""

from __future__ import annotations

from datetime import date, timedelta

NOTABLE: tuple[tuple[int, int, str, tuple[str, ...]], ...] = (
    (9, 1, "День знаний", ("знани",)),
    (10, 1, "День пожилого человека", ("пожил",)),
    (10, 4, "Всемирный день животных", ("животн",)),
    (10, 5, "День учителя", ("учител",)),
    (11, 4, "День народного единства", ("единств",)),
    (11, 16, "Международный день толерантности", ("толерантн",)),
    (12, 3, "День неизвестного солдата", ("неизвестн", "солдат")),
    (12, 5, "День добровольца (волонтёра)", ("доброволь",)),
    (12, 9, "День Героев Отечества", ("геро", "отечеств")),
    (12, 12, "День Конституции", ("конституц",)),
    (1, 1, "Новый год", ("нов", "год")),
    (1, 27, "День снятия блокады Ленинграда", ("блокад",)),
    (2, 8, "День российской науки", ("наук",)),
    (2, 21, "Международный день родного языка", ("родн", "язык")),
    (2, 23, "День защитника Отечества", ("защитник",)),
    (3, 8, "Международный женский день", ("женск",)),
    (3, 27, "Всемирный день театра", ("театр",)),
    (4, 1, "Международный день птиц", ("птиц",)),
    (4, 7, "Всемирный день здоровья", ("всемирн", "здоровь")),
    (4, 12, "День космонавтики", ("космонавт",)),
    (4, 22, "День Земли", ("земл",)),
    (4, 30, "День пожарной охраны", ("пожарн",)),
    (5, 1, "Праздник Весны и Труда", ("весн", "труд")),
    (5, 9, "День Победы", ("побед",)),
    (5, 18, "Международный день музеев", ("музе",)),
    (5, 24, "День славянской письменности и культуры", ("письменност",)),
    (6, 1, "День защиты детей", ("защит", "дет")),
    (6, 12, "День России", ("росси",)),
    (7, 8, "День семьи, любви и верности", ("семь", "любв")),
)

MOTHERS_DAY = "День матери"  # the last Sunday of November: computed, not fixed


def find_notable(text: str, year_for_month: dict[int, int]) -> tuple[str, date] | None:
    """The notable date a normalised phrase names, in the plan year, or None."""
    words = text.split()
    if any(w.startswith("матер") for w in words):
        y = year_for_month[11]
        d = date(y, 11, 30)
        while d.weekday() != 6:
            d -= timedelta(days=1)
        return MOTHERS_DAY, d
    best: tuple[int, str, date] | None = None
    for month, day, name, stems in NOTABLE:
        # The most specific entry wins («всемирный день здоровья» over a shorter match).
        named = all(any(w.startswith(s) for w in words) for s in stems)
        if named and (best is None or len(stems) > best[0]):
            best = (len(stems), name, date(year_for_month[month], month, day))
    return (best[1], best[2]) if best else None
