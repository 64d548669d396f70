"""The scanner of period cells: tokens → items, left to right, by rules over tags.

Each token has a tag (`tokens.Tok.tag`): D a date «04.10», T a time, N a number, Y a year,
M a month, W a weekday, O an ordinal, C a number word, U<unit> a unit («Uмесяц»), S a
season, B «каникулы», R a Roman numeral, E «ежемесячно»-words, x an unknown word, and
function words as themselves («по», «до», «раз»). A rule is a regular expression over
the tag line plus a function that builds the item; rules live in `rules.py`. What no rule
reads stays as leftover tokens, which `periods` turns into the place and the note — or
into «не удаётся понять», when they look like a period.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from typing import NamedTuple

from partnerplan.dates.meaning import Clock, Window
from partnerplan.dates.spans import Years
from partnerplan.dates.tokens import Tok
from partnerplan.dates.words import Lemma

SEPARATORS = frozenset({",", ";", "и", "-", "colon", "sl"})


class Freq(NamedTuple):
    """«N раз в K <unit>»: `n` events per `per` units."""

    n: int
    per: int
    unit: str
    label: str


class Item:
    """What a rule read: windows, a frequency, a mark of ongoing or on-demand work, a
    time, a note or a separator, over the tokens [lo, hi). (Plain classes here and in
    `tokens`: each dataclass costs a millisecond of every command's start.)"""

    __slots__ = ("clock", "freq", "hi", "kind", "lo", "shape", "text", "windows")

    def __init__(
        self, kind: str, lo: int, hi: int, windows: list[Window] | None = None, freq: Freq | None = None,
        clock: Clock | None = None, shape: str = "", text: str = "",
    ) -> None:  # fmt: skip
        self.kind = kind  # win | freq | ongoing | on_demand | time | note | sep | filler
        self.lo, self.hi = lo, hi
        self.windows: list[Window] = windows if windows is not None else []
        self.freq = freq
        self.clock = clock
        self.shape = shape  # what the windows are: date, range, month, week, part, …
        self.text = text


Rule = Callable[["Scanner", int], "tuple[list[Item], int] | None"]


class Rx:
    """A rule's expression over tags, compiled on first use and tried only where one of
    its `first` tags stands: a plan of months never compiles the rules for times."""

    __slots__ = ("_rx", "first", "source")

    def __init__(self, source: str, first: str) -> None:
        self.source = source
        self.first = frozenset(first.split())
        self._rx: re.Pattern[str] | None = None

    def match(self, tags: str, pos: int, tag: str) -> re.Match[str] | None:
        if tag not in self.first:
            return None
        if self._rx is None:
            self._rx = re.compile(self.source)
        return self._rx.match(tags, pos)


class Scanner:
    """Rules over one cell's tokens; `scan` returns items and leftover token indices."""

    def __init__(self, toks: list[Tok], text: str, years: Years, rules: list[Rule]) -> None:
        self.toks = toks
        self.text = text
        self.y = years
        self.rules = rules
        self.offs: list[int] = []
        pos = 0
        for t in toks:
            self.offs.append(pos)
            pos += len(t.tag) + 1
        self.tags = "".join(t.tag + " " for t in toks)

    # --- helpers for rules ----------------------------------------------------------

    def match(self, rx: Rx, i: int) -> re.Match[str] | None:
        return rx.match(self.tags, self.offs[i], self.toks[i].tag) if i < len(self.toks) else None

    def end(self, m: re.Match[str]) -> int:
        """The index of the first token after a match."""
        return bisect_right(self.offs, m.end() - 1)

    def at(self, m: re.Match[str], group: int | str) -> Tok | None:
        if m.start(group) < 0:
            return None
        return self.toks[bisect_right(self.offs, m.start(group)) - 1]

    def int_at(self, m: re.Match[str], group: int | str) -> int | None:
        t = self.at(m, group)
        return None if t is None else value(t)

    def raw(self, lo: int, hi: int) -> str:
        if hi <= lo:
            return ""
        return self.text[self.toks[lo].start : self.toks[hi - 1].end]

    def tag(self, i: int) -> str:
        return self.toks[i].tag if 0 <= i < len(self.toks) else ""

    # --- the scan -------------------------------------------------------------------

    def scan(self, lo: int, hi: int) -> tuple[list[Item], list[int]]:
        items: list[Item] = []
        left: list[int] = []
        i = lo
        while i < hi:
            t = self.toks[i].tag
            if t == "lp":
                close = self._closing(i, hi)
                if close is not None:
                    items.extend(self._parens(i, close, items))
                    i = close + 1
                    continue
            if t in SEPARATORS or t in ("lp", "rp"):
                items.append(Item("sep", i, i + 1, text=t))
                i += 1
                continue
            for rule in self.rules:
                found = rule(self, i)
                if found is not None and found[1] <= hi:
                    items.extend(found[0])
                    i = found[1]
                    break
            else:
                left.append(i)
                i += 1
        return items, left

    def _closing(self, i: int, hi: int) -> int | None:
        depth = 0
        for j in range(i, hi):
            if self.toks[j].tag == "lp":
                depth += 1
            elif self.toks[j].tag == "rp":
                depth -= 1
                if depth == 0:
                    return j
        return None

    def _parens(self, i: int, close: int, before: list[Item]) -> list[Item]:
        """A bracket is read as a period when all of it is one; else it is a note. A
        bracketed span around the date before it («15 декабря (10-27 декабря)») says when
        the whole action runs: the date stays the event, the span becomes the note."""
        inner, left = self.scan(i + 1, close)
        note = Item("note", i, close + 1, text=self.raw(i + 1, close))
        real = [it for it in inner if it.kind != "sep"]
        if left or not real:
            return [note]
        prev = next((it for it in reversed(before) if it.kind not in ("sep", "note", "time")), None)
        wins = [w for it in real for w in it.windows]
        if (
            prev is not None
            and prev.shape == "date"
            and len(wins) == 1
            and all(it.kind == "win" for it in real)
            and prev.windows
            and wins[0].start <= prev.windows[0].start <= wins[0].end
        ):
            return [note]
        return inner


def value(t: Tok) -> int:
    """The number a token stands for: a number, an ordinal, a month, a weekday…"""
    v = t.value
    if isinstance(v, Lemma):
        return int(v.value) if isinstance(v.value, int) else 0
    if isinstance(v, int):
        return v
    return 0


def word(t: Tok) -> str:
    """The lemma value of a word token («год», «осень»), or its lower-case text."""
    v = t.value
    if isinstance(v, Lemma) and isinstance(v.value, str):
        return v.value
    return t.low
