"""The fixed words of the documents, in Russian (the default) and English (`--lang en`)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "ru": {
        "approve": "УТВЕРЖДАЮ",
        "approve_date": "«___» _______________ 20___ г.",
        "title": "Комплексный план работы с социальными партнёрами на {year}",
        "academic_year": "{year} учебный год",
        "calendar_year": "{year} год",
        "calendar": "Календарный план мероприятий с социальными партнёрами",
        "undated": "В течение года и по мере необходимости",
        "no_events": "В плане пока нет мероприятий",
        "model": "Модель взаимодействия с социальными партнёрами",
        "date": "Дата",
        "period": "Период",
        "activity": "Мероприятие",
        "partner": "Социальный партнёр",
        "form": "Форма",
        "responsible": "Ответственный",
    },
    "en": {
        "approve": "APPROVED",
        "approve_date": '"___" _______________ 20___',
        "title": "Comprehensive plan of work with social partners for {year}",
        "academic_year": "the {year} school year",
        "calendar_year": "{year}",
        "calendar": "Calendar of events with social partners",
        "undated": "Throughout the year and on demand",
        "no_events": "The plan has no activities yet",
        "model": "Model of interaction with social partners",
        "date": "Date",
        "period": "Period",
        "activity": "Activity",
        "partner": "Social partner",
        "form": "Form",
        "responsible": "Responsible",
    },
}

PLAN_HEADERS = {
    "ru": ("№ п/п", "Соц. партнер", "Характеристика взаимодействия", "Формы взаимодействия", "Период"),
    "en": ("No.", "Social partner", "Purpose of the partnership", "Forms of interaction", "Period"),
}


def labels(lang: str) -> dict[str, str]:
    return LABELS.get(lang, LABELS["ru"])
