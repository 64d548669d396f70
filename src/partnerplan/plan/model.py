"""The plan file, version 1: Pydantic models, the single source of the JSON Schema.

These are the file *as written*: frozen and closed to unknown keys. Cross-references
(groups, directions, forms) are checked afterwards by `check.py`, which has positions.
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from partnerplan.plan.compiled import attach


@dataclass(frozen=True, slots=True)
class Example:
    """A field's example as a teacher writes it in YAML (tests feed it to the loader).

    Kept in the field's metadata, not in `examples=`, so the JSON Schema stays as it is."""

    yaml: str


Id = Annotated[
    str,
    Field(
        pattern=r"^[\w.-]+$",
        title="Идентификатор",
        description="Короткое постоянное имя без пробелов (латиница, кириллица, цифры, _ - .): "
        "по нему ссылаются на запись и сравнивают версии плана.",
    ),
]
Text = Annotated[str, Field(min_length=1)]

# Dates a plan can mean. Far ones (0001-01-01, 9999-12-31) are typos, and date arithmetic
# at the ends of Python's range overflows; so is a plan year outside these bounds.
FIRST_YEAR, LAST_YEAR = 2000, 2100
EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)  # an agreement may be old


def _sane_date(value: date) -> date:
    if not EARLIEST <= value <= LATEST:
        raise PydanticCustomError(
            "pp_date_range",
            "date out of range",
            {"value": value.isoformat(), "first": EARLIEST.year, "last": LATEST.year},
        )
    return value


Day = Annotated[date, AfterValidator(_sane_date)]


def _dotted_date(value: object) -> object:
    """«23.02.2026», as teachers write dates, as well as 2026-02-23."""
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*", value)
        if m:
            try:
                return date(int(m[3]), int(m[2]), int(m[1]))
            except ValueError:
                return value  # Pydantic says what is wrong with it
    return value


# Editors are told what validate accepts: 2026-02-23 or 23.02.2026.
PinnedDay = Annotated[
    Day,
    BeforeValidator(_dotted_date),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "pattern": "^\\d{1,2}\\.\\d{1,2}\\.\\d{4}$"},
            ]
        }
    ),
]


MAX_DIGITS = 9  # no count in a plan has more; int() of a 5,000-digit text raises


def _number_from_text(value: object) -> object:
    # The loader keeps every scalar as text; "1" is the number 1 here. Only ASCII digits:
    # «²» or «١» pass str.isdigit() but are no number int() reads.
    if isinstance(value, str):
        digits = value.strip()
        if digits.isascii() and digits.isdigit():
            if len(digits.lstrip("0")) > MAX_DIGITS:
                raise PydanticCustomError("pp_number_too_big", "number too big", {"value": digits})
            return int(digits)
    return value


Version = Annotated[Literal[1], BeforeValidator(_number_from_text), Example("1")]


class _Model(BaseModel):
    # Built from the per-release cache at the end of this module (see compiled.py).
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)

    _optional: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        keys: set[str] = set()
        for name, f in cls.model_fields.items():
            if not f.is_required():
                keys.update((name, f.alias or name))
        cls._optional = frozenset(keys)

    @model_validator(mode="before")
    @classmethod
    def _nulls_are_not_given(cls, data: Any) -> Any:
        """`key: ~`, `key: null`, `key:` and `key: ""` on an optional key mean "not
        given": the default, never the text «~» nor an error for an empty list."""
        if not isinstance(data, dict):
            return data
        blank = [
            k
            for k, v in data.items()
            if k in cls._optional and (v is None or (isinstance(v, str) and not v.strip()))
        ]
        if not blank:
            return data
        return {k: v for k, v in data.items() if k not in blank}


class Approver(_Model):
    """Гриф «УТВЕРЖДАЮ» в правом верхнем углу документа."""

    model_config = ConfigDict(title="Гриф «УТВЕРЖДАЮ»")

    position: Text = Field(title="Должность", description="Например: Директор МАУ ДО Центр «Созвездие»")
    name: Text = Field(title="Фамилия и инициалы", description="Например: И. И. Иванова")


class Planner(_Model):
    """Организация или объединение, чей это план."""

    model_config = ConfigDict(title="Организация")

    name: Text = Field(title="Название", description="Например: Творческое объединение «Рукодельница»")
    parent: str | None = Field(
        None, title="Вышестоящая организация", description="Например: МАУ ДО Центр «Созвездие»"
    )
    approver: Approver | None = Field(None, title="Кто утверждает план")
    author: str | None = Field(
        None, title="Составитель", description="Педагог или методист, составивший план"
    )


class VocabEntry(_Model):
    """Элемент справочника: направление или группа партнёров."""

    model_config = ConfigDict(title="Элемент справочника")

    id: Id
    name: Text = Field(title="Название")


class FormEntry(_Model):
    """Форма взаимодействия, дополняющая встроенный справочник."""

    model_config = ConfigDict(title="Форма взаимодействия")

    id: Id
    name: Text = Field(title="Название")
    aliases: list[Text] = Field(default_factory=list, title="Другие написания")


class DateRange(_Model):
    model_config = ConfigDict(title="Промежуток дат")

    name: Text = Field(title="Название", description="Например: осенние каникулы")
    from_: Annotated[Day, Example("2025-10-25")] = Field(alias="from", title="Начало (ГГГГ-ММ-ДД)")
    to: Annotated[Day, Example("2025-11-04")] = Field(title="Конец включительно (ГГГГ-ММ-ДД)")


class CalendarSpec(_Model):
    """Учебный календарь: всё необязательно, по умолчанию — типовой календарь года."""

    model_config = ConfigDict(title="Учебный календарь")

    week: Annotated[Literal[5, 6], BeforeValidator(_number_from_text), Example("6")] = Field(
        5, title="Рабочая неделя", description="5 или 6 рабочих дней"
    )
    terms: Annotated[
        Literal["quarters", "trimesters"] | list[DateRange],
        Example("trimesters"),
        Example("[{name: I триместр, from: 2025-09-01, to: 2025-11-30}]"),
    ] = Field(
        "quarters",
        title="Учебные периоды",
        description="quarters (четверти), trimesters (триместры) или свой список периодов",
    )
    breaks: Annotated[
        list[DateRange] | None, Example("[{name: осенние каникулы, from: 2025-10-25, to: 2025-11-04}]")
    ] = Field(None, title="Каникулы", description="Если не заданы, берутся типовые каникулы года")
    days_off: Annotated[list[Day], Example("[2025-12-30]")] = Field(
        default_factory=list,
        title="Дополнительные выходные",
        description="Дни, которых нет в производственном календаре",
    )
    working_days: Annotated[list[Day], Example("[2025-11-01]")] = Field(
        default_factory=list,
        title="Рабочие субботы и воскресенья",
        description="Перенесённые рабочие дни",
    )


class Contacts(_Model):
    model_config = ConfigDict(title="Контакты")

    person: str | None = Field(None, title="Контактное лицо")
    position: str | None = Field(None, title="Должность")
    phone: str | None = Field(None, title="Телефон")
    email: str | None = Field(None, title="Электронная почта")
    address: str | None = Field(None, title="Адрес")
    website: str | None = Field(None, title="Сайт")


class Agreement(_Model):
    """Договор или соглашение о сотрудничестве."""

    model_config = ConfigDict(title="Договор")

    kind: str = Field(
        "договор", title="Вид документа", description="договор, соглашение, план совместной работы"
    )
    number: str | None = Field(None, title="Номер")
    signed: Annotated[Day | None, Example("2025-09-01")] = Field(None, alias="date", title="Дата заключения")
    until: Annotated[Day | None, Example("2026-08-31")] = Field(None, title="Действует до")


class LogEntry(_Model):
    """Отметка о проведении: что стало с одним запланированным событием."""

    model_config = ConfigDict(title="Отметка о проведении")

    planned: Annotated[Day | None, Example("2025-10-14")] = Field(
        None,
        title="Плановая дата",
        description="Дата события из расписания (partnerplan schedule); для мероприятий без дат — пусто",
    )
    status: Annotated[Literal["done", "moved", "cancelled"], Example("done")] = Field(
        title="Итог", description="done — проведено, moved — перенесено, cancelled — отменено"
    )
    held: Annotated[Day | None, Example("2025-10-16")] = Field(
        None, title="Фактическая дата", description="Когда проведено или на какую дату перенесено"
    )
    participants: Annotated[int | None, BeforeValidator(_number_from_text), Example("25")] = Field(
        None, ge=0, title="Число участников"
    )
    note: str | None = Field(None, title="Примечание")
    link: str | None = Field(None, title="Ссылка на фотоотчёт")


class Activity(_Model):
    """Мероприятие: строка столбца «Формы взаимодействия» со своим периодом."""

    model_config = ConfigDict(title="Мероприятие")

    id: Id | None = Field(None, description="Необязательный постоянный идентификатор мероприятия")
    form: Text = Field(title="Форма взаимодействия", description="Из справочника форм: id или название")
    title: str | None = Field(
        None,
        title="Название, как в плане",
        description="Например: Мастер-класс «Цветы из салфеток»",
    )
    period: str | None = Field(
        None,
        title="Период",
        description="Как в плане: «Октябрь», «Май-июнь», «Один раз в квартал», «В течение года»",
    )
    dates: Annotated[list[PinnedDay], Example("[2026-03-12]"), Example("[23.02.2026]")] = Field(
        default_factory=list, title="Точные даты", description="ГГГГ-ММ-ДД или ДД.ММ.ГГГГ; важнее периода"
    )
    responsible: str | None = Field(None, title="Ответственный")
    participants: str | None = Field(
        None, title="Участники", description="Например: обучающиеся 7-10 лет, родители"
    )
    note: str | None = Field(None, title="Примечание")
    log: list[LogEntry] = Field(default_factory=list, title="Отметки о проведении")


class Partner(_Model):
    """Социальный партнёр: строка таблицы «Комплексного плана»."""

    model_config = ConfigDict(title="Социальный партнёр")

    id: Id
    name: Text = Field(title="Название партнёра", description="Например: МБОУ СОШ № 4")
    group: str | None = Field(
        None, title="Группа", description="id группы из groups или встроенного справочника"
    )
    level: Annotated[Literal["external", "internal"], Example("internal")] = Field(
        "external",
        title="Уровень партнёрства",
        description="external — внешнее, internal — внутреннее",
    )
    purpose: str | None = Field(
        None, title="Характеристика взаимодействия", description="Цель работы с партнёром"
    )
    directions: list[str] = Field(default_factory=list, title="Направления деятельности")
    contacts: Contacts | None = Field(None, title="Контакты")
    agreement: Agreement | None = Field(None, title="Договор")
    activities: list[Activity] = Field(default_factory=list, title="Мероприятия")
    note: str | None = Field(None, title="Примечание")


_YEAR = re.compile(r"^\s*(\d{4})\s*(?:[/\-–—]\s*(\d{4}))?\s*(?:г\.?|гг\.?|уч\.?\s*г(?:од)?\.?)?\s*$")


class Plan(_Model):
    """План работы с социальными партнёрами одной организации на один год."""

    version: Version = Field(title="Версия формата", description="Всегда 1")
    planner: Planner = Field(title="Организация")
    year: str = Field(
        title="Год плана",
        description="Учебный год 2025/2026 (1 сентября — 31 августа) или календарный 2026",
    )
    title: str | None = Field(None, title="Заголовок документа")
    calendar: CalendarSpec = Field(default_factory=CalendarSpec, title="Календарь")
    goals: list[Text] = Field(default_factory=list, title="Цели")
    tasks: list[Text] = Field(default_factory=list, title="Задачи")
    results: list[Text] = Field(default_factory=list, title="Ожидаемые результаты")
    directions: list[VocabEntry] = Field(default_factory=list, title="Свои направления деятельности")
    groups: list[VocabEntry] = Field(default_factory=list, title="Группы партнёров, в порядке таблицы")
    forms: list[FormEntry] = Field(default_factory=list, title="Свои формы взаимодействия")
    partners: list[Partner] = Field(default_factory=list, title="Социальные партнёры")

    @field_validator("year", mode="before")
    @classmethod
    def _year(cls, value: object) -> str:
        text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        if not isinstance(text, str):
            raise PydanticCustomError("pp_year", "bad year", {"value": str(value)})
        m = _YEAR.match(text)
        if not m:
            raise PydanticCustomError("pp_year", "bad year", {"value": text})
        first, second = int(m[1]), m[2]
        if not FIRST_YEAR <= first <= LAST_YEAR:
            raise PydanticCustomError(
                "pp_year_range", "year out of range", {"value": text, "first": FIRST_YEAR, "last": LAST_YEAR}
            )
        if second is None:
            return str(first)
        if int(second) != first + 1:
            raise PydanticCustomError("pp_year_pair", "years not consecutive", {"value": text})
        return f"{first}/{second}"

    @property
    def academic(self) -> bool:
        """True for a school year (Sep–Aug), False for a calendar year (Jan–Dec)."""
        return "/" in self.year

    @property
    def start(self) -> date:
        first = int(self.year[:4])
        return date(first, 9, 1) if self.academic else date(first, 1, 1)

    @property
    def end(self) -> date:
        first = int(self.year[:4])
        return date(first + 1, 8, 31) if self.academic else date(first, 12, 31)


class SharedPartner(_Model):
    """Партнёр, общий для нескольких планов сети: его сведения записаны один раз."""

    model_config = ConfigDict(title="Общий партнёр сети")

    id: Id
    name: Text = Field(title="Название партнёра")
    group: str | None = Field(None, title="Группа")
    level: Annotated[Literal["external", "internal"], Example("internal")] = Field(
        "external", title="Уровень партнёрства"
    )
    purpose: str | None = Field(None, title="Характеристика взаимодействия")
    directions: list[str] = Field(default_factory=list, title="Направления деятельности")
    contacts: Contacts | None = Field(None, title="Контакты")
    agreement: Agreement | None = Field(None, title="Договор")
    note: str | None = Field(None, title="Примечание")


class Registry(_Model):
    """partners.yaml: общие партнёры сети — папки с планами нескольких организаций."""

    version: Version = Field(1, title="Версия формата")
    groups: list[VocabEntry] = Field(default_factory=list, title="Группы партнёров")
    partners: list[SharedPartner] = Field(default_factory=list, title="Общие партнёры")


# Every model above gets the validator pydantic would have built for it.
attach(_Model.__subclasses__(), __file__)
