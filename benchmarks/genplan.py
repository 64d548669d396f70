"""Generate a valid plan of any size: `python benchmarks/genplan.py 40000 > big.yaml`.

Partners of 5 activities each, with the periods, forms and text lengths of real plans
(the «Рукодельница» table), so timing reflects what teachers' files look like.
"""

from __future__ import annotations

import sys

PERIODS = (
    "В течение года",
    "Май-июнь",
    "Октябрь",
    "Декабрь-январь",
    "Сентябрь, октябрь, февраль, май",
    "2 раза в год",
    "ноябрь, апрель",
    "Один раз в полгода.",
    "Один раз в квартал.",
    "Один раз в год",
    "По мере необходимости.",
    "к 9 мая",
    "ежемесячно",
)
FORMS = ("консультация", "мастер-класс", "экскурсия", "конкурс", "выставка", "беседа", "акция")
GROUPS = ("edu", "culture", "social", "sport_med", "law")


def plan_text(activities: int, per_partner: int = 5) -> str:
    out = [
        "version: 1",
        "planner:",
        "  name: Творческое объединение «Рукодельница»",
        "  parent: МАУ ДО Центр «Созвездие»",
        "year: 2025/2026",
        "partners:",
    ]
    partners = max(1, activities // per_partner)
    n = 0
    for i in range(partners):
        out += [
            f"  - id: p{i}",
            f"    name: МБОУ СОШ № {i} имени героя Советского Союза",
            f"    group: {GROUPS[i % len(GROUPS)]}",
            "    purpose: Формирование у подрастающего поколения гражданской позиции, правовой"
            " культуры. Содействие в профориентационной работе.",
            "    directions: [edu, prof, social]",
            "    activities:",
        ]
        for j in range(per_partner):
            if n >= activities:
                break
            n += 1
            out += [
                f"      - form: {FORMS[(i + j) % len(FORMS)]}",
                f"        title: Профилактические беседы «Моя безопасность», «Закон и подросток» № {j}",
                f"        period: {PERIODS[(i * 7 + j) % len(PERIODS)]}",
                "        responsible: Иванова И. И., педагог дополнительного образования",
            ]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(plan_text(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
