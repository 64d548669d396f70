"""What a period means, as values: Window, Period, Clock and PeriodError.

A Period is a list of windows, each with a count of events and a way to place them; or
«ongoing» (в течение года) or «on demand» (по мере необходимости), which give no dated
events. Beside the dates a cell may carry a time, a place and a note («27 ноября 18.00,
ДК «Строитель»»): the period keeps them, so nothing the teacher wrote is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import Literal, NamedTuple

Kind = Literal["dated", "ongoing", "on_demand"]
# spread: `count` events over the window's school days; fixed: on that very day (a named
# date is the date, whatever day of the week); before: the last working day before `end`
# («к 9 мая», «до 10 декабря»); by: the last working day on or before `end` («не позднее
# 15 сентября»); weekly: on `weekdays` every `every` weeks.
Mode = Literal["spread", "fixed", "before", "by", "weekly"]


class Clock(NamedTuple):
    """The time of day a cell gives: «18.00», «15.00–16.00», «с 10:00 до 17:00»."""

    start: time
    end: time | None = None

    def __str__(self) -> str:
        text = self.start.strftime("%H:%M")
        return f"{text}–{self.end.strftime('%H:%M')}" if self.end else text


@dataclass(frozen=True, slots=True)
class Window:
    start: date
    end: date
    count: int = 1
    label: str = ""
    mode: Mode = "spread"
    weekdays: tuple[int, ...] = ()  # weekly: Monday = 0; empty = the scheduler picks `count`
    even: bool = False  # one of a periodic series: placed at the activity's common phase
    named: bool = False  # the period names these days (a break): days off there are allowed
    every: int = 1  # weekly: every N weeks
    clock: Clock | None = None


@dataclass(frozen=True, slots=True)
class Period:
    text: str
    kind: Kind
    windows: tuple[Window, ...] = ()
    notes: tuple[str, ...] = field(default=())  # how the text was read where it differs from the letter
    place: str | None = None  # «ДК «Строитель»», «пгт. Верх-Чебула»
    note: str | None = None  # the rest of the cell: «День музыки», «по согласованию»

    @property
    def clock(self) -> Clock | None:
        """The cell's first time of day, if it gives one."""
        return next((w.clock for w in self.windows if w.clock), None)


class PeriodError(ValueError):
    """Text that is not a period; `code` is a message code, `args_` its arguments."""

    def __init__(self, code: str, **args: object) -> None:
        super().__init__(code)
        self.code = code
        self.args_ = args
