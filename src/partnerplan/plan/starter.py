"""The commented starter plan written by `partnerplan init`.

It is already in `partnerplan fmt`'s layout (a test keeps it so): a new plan passes the
pre-commit fmt hook as it is. Lists under a comment keep their block style there.
"""

from __future__ import annotations

_STARTER = """\
# yaml-language-server: $schema={schema}
# План работы с социальными партнёрами. Ключи — английские, значения — по-русски.
# Проверка: partnerplan validate   Документ Word: partnerplan render ФАЙЛ
version: 1
planner:
  name: Творческое объединение «Название»      # кто составляет план
  parent: МАУ ДО Центр «Название»               # необязательно: вышестоящая организация
  approver:                                     # необязательно: гриф «УТВЕРЖДАЮ»
    position: Директор МАУ ДО Центр «Название»
    name: И. И. Иванова
year: {year}                                 # учебный год; календарный — просто {second}
title: Комплексный план работы с социальными партнёрами на {year} учебный год
goals:                                          # цели: каждая — отдельной строкой «- …»
  - Создание системы взаимодействия с социальными институтами для творческого развития ребёнка.
tasks:                                          # задачи; results — ожидаемые результаты
  - Создание условий для социализации воспитанников.
groups:                                         # группы партнёров в порядке таблицы
  - {{id: edu, name: Образовательные организации}}
  - {{id: culture, name: Учреждения культуры}}
partners:
  - id: school4                                 # постоянный идентификатор без пробелов
    name: МБОУ СОШ № 4
    group: edu                                  # id группы из groups
    level: external                             # external — внешнее, internal — внутреннее
    purpose: Формирование преемственности.      # «Характеристика взаимодействия»
    directions: [edu, art]                      # направления деятельности
    activities:
      - id: tsvety                              # необязательно: с id переименование не сдвинет
                                                # дату и не создаст в календаре новое событие
        form: мастер-класс                      # форма взаимодействия из справочника
        title: Мастер-класс «Цветы из салфеток»  # как будет написано в плане
        period: Один раз в полгода               # «Октябрь», «Май-июнь», «В течение года»…
      - form: открытое занятие
        title: Открытые занятия «Всё о бумаге»
        period: Ноябрь, апрель
  - id: library
    name: Детская библиотека
    group: culture
    purpose: Развитие познавательной мотивации.
    directions: [sociocult]
    activities:
      - form: экскурсия
        title: Экскурсия «Книжкин дом»
        period: Октябрь
        dates: [{first}-10-15]                     # точная дата важнее периода
        responsible: педагог дополнительного образования
"""


def starter_plan(schema_ref: str, year: str = "2025/2026") -> str:
    """The commented starter plan for a school year («2026/2027»)."""
    first, second = year.split("/")
    return _STARTER.format(schema=schema_ref, year=year, first=first, second=second)
