"""The period language: free Russian text («Один раз в квартал.», «Май-июнь», «27 ноября
18.00 ДК «Строитель»») → Period.

The pipeline: `tokens` repairs and tags the text, `scanner` with the rules of
`rules_days` and `rules_parts` reads it into items (windows, frequencies, marks, times,
notes), and `parse_period` here puts the items together: frequencies become windows
(`frequency`), times go to the windows they follow, what is not a period becomes the
place and the note, and a cell is understood only when what is left over does not look
like a period (a number, a month, a unit). Parsing needs the plan year (which September
is meant) and the calendar (terms, breaks, the working season), never the holidays:
placing events on days is `schedule`'s job.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from partnerplan.dates import rules_days as days
from partnerplan.dates import rules_parts as parts
from partnerplan.dates.calendar import AcademicCalendar
from partnerplan.dates.frequency import freq_windows, year_limit
from partnerplan.dates.meaning import Clock, Kind, Mode, Period, PeriodError, Window
from partnerplan.dates.scanner import Item, Rule, Scanner
from partnerplan.dates.spans import Years
from partnerplan.dates.tokens import clean, tokenize
from partnerplan.dates.words import NOTE_WORDS, PLACE_WORDS

__all__ = [
    "EXAMPLES",
    "Clock",
    "Kind",
    "Mode",
    "Period",
    "PeriodError",
    "Window",
    "normalise",
    "parse_period",
]

RULES: list[Rule] = [
    parts.labels, days.times, days.on_demand, days.ongoing, days.anchors, days.nth_weekday,
    days.weeks_of_month, days.dates, days.weekly, parts.frequency, parts.numbered_parts,
    parts.part_of_span, parts.breaks, parts.months, parts.years, days.notable,
]  # fmt: skip

EXAMPLES = (
    "В течение года", "По мере необходимости", "Октябрь", "Май-июнь", "Сентябрь, октябрь, май",
    "Один раз в квартал", "2 раза в год", "Один раз в полгода", "Ежемесячно", "1 раз в четверть",
    "Каждую среду", "4 октября", "04.10.2025", "к 9 мая", "до 25 мая", "с 10 по 16 октября",
    "2 неделя апреля", "в период осенних каникул", "I четверть", "в течение II полугодия",
)  # fmt: skip

# Leftover tokens that mean a period the rules did not read: then the cell is not understood.
_PERIODISH = frozenset(
    "D N Y M W O C R S B E раз каждый Uгод Uполгода Uквартал Uчетверть Uтриместр Uмесяц Uнеделя".split()
)
_MAX_TOKENS = 2000  # real cells have a few dozen; a pasted page is not a period


def parse_period(text: str, cal: AcademicCalendar) -> Period:
    """Read one period cell. Raises PeriodError with a message code when it cannot."""
    s = clean(text)
    toks = tokenize(s)
    if not [t for t in toks if t.tag not in ("-", ",", ";", "q", "colon", "sl")]:
        raise PeriodError("PP304")
    y = Years(cal)
    limit = year_limit(y)
    if len(toks) > _MAX_TOKENS:
        dated = sum(1 for t in toks if t.tag in ("M", "D", "N"))
        if dated > limit:  # «май, май, май, …» thousands of times
            raise PeriodError("PP306", text=_short(text), count=dated, days=limit, span="год")
        raise PeriodError("PP300", text=_short(text))
    sc = Scanner(toks, s, y, RULES)
    try:
        items, left = sc.scan(0, len(toks))
    except PeriodError as exc:
        if exc.code == "PP300":
            raise PeriodError("PP300", text=text.strip()) from None  # as the teacher wrote it
        raise
    place, notes = _extras(sc, items, left, text)
    windows, kind, mark_notes = _assemble(items, y, text)
    total = sum(w.count for w in windows if w.mode != "weekly")
    if len(windows) > limit or total > limit:
        raise PeriodError("PP306", text=_short(text), count=max(total, len(windows)), days=limit, span="год")
    note = "; ".join(n for n in [*notes, *mark_notes] if n) or None
    return Period(text, kind, tuple(windows), tuple(y.remarks), place, note)


def _short(text: str, limit: int = 60) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _flat(text: str) -> str:
    return " ".join(text.split()).strip(" ,;-")


def _extras(sc: Scanner, items: list[Item], left: list[int], text: str) -> tuple[str | None, list[str]]:
    """Leftover words → (place, notes). Leftovers that look like a period, or that stick
    to the period without a separator and name no place, make the cell unreadable."""
    kinds: dict[int, str] = {}
    for it in items:
        for k in range(it.lo, it.hi):
            kinds[k] = it.kind
    for k in left:
        kinds[k] = "left"
    groups: list[tuple[list[int], bool]] = []  # (token indices, separated from the period)
    current: list[int] = []
    separated = True
    previous = "start"
    for k in range(len(sc.toks)):
        kind = kinds.get(k, "sep")
        if kind == "left":
            if not current:
                separated = previous in ("start", "sep", "time", "note", "filler") or sc.toks[k].nl
            current.append(k)
        elif kind == "sep" and current:
            pass
        else:
            if current:
                groups.append((current, separated))
                current = []
            previous = kind
            continue
        if kind == "sep":
            previous = "sep"
    if current:
        groups.append((current, separated))
    place: str | None = None
    notes: list[str] = [_flat(it.text) for it in items if it.kind == "note"]
    for idx, sep in groups:
        toks = [sc.toks[k] for k in idx]
        if all(t.tag == "q" for t in toks):
            continue
        lows = {t.low for t in toks}
        placey = bool(lows & PLACE_WORDS) or any(t.raw in '«"„“' for t in toks)
        notey = bool(lows & NOTE_WORDS)
        if (any(t.tag in _PERIODISH for t in toks) and not (placey or notey)) or not (sep or placey or notey):
            raise PeriodError("PP300", text=text.strip())
        raw = _flat(_slice(sc, idx))
        if placey and place is None:
            place = raw
        else:
            notes.append(raw)
    return place, notes


def _slice(sc: Scanner, idx: list[int]) -> str:
    first, last = sc.toks[idx[0]], sc.toks[idx[-1]]
    return sc.text[first.start : last.end]


def _assemble(items: list[Item], y: Years, text: str) -> tuple[list[Window], Kind, list[str]]:
    """Windows in the order written, each with the time that follows it; the kind."""
    explicit = [it for it in items if it.kind == "win"]
    notes: list[str] = []
    for it in items:
        if it.kind == "freq" and it.freq is not None:
            if it.freq.unit == "год" and explicit:  # «2 раза в год (весной и осенью)», «май ежегодно»
                it.kind = "filler"
                continue
            it.windows = freq_windows(it.freq, y, text)
    keep = [it for it in items if it.kind in ("win", "freq", "time", "ongoing", "on_demand", "note")]
    _merge(keep)
    keep = [it for it in keep if it.kind != "note"]
    windows: list[Window] = []
    pending: list[int] = []
    lead: Clock | None = None
    last_timed: tuple[int, int] | None = None  # (window index, token after the time) of «09.05 09.00 20.00»
    for it in keep:
        if it.kind in ("win", "freq"):
            for w in it.windows:
                pending.append(len(windows))
                windows.append(_timed(w, lead) if lead else w)
            last_timed = None
        elif it.kind == "time" and it.clock is not None:
            if pending:
                for k in pending:
                    if windows[k].clock is None:
                        windows[k] = _timed(windows[k], it.clock)
                last_timed = (pending[-1], it.hi) if len(pending) == 1 else None
                pending = []
            elif last_timed is not None and last_timed[1] == it.lo and windows[last_timed[0]].mode == "fixed":
                # One date, times one after another: one event at each time.
                windows.append(_timed(windows[last_timed[0]], it.clock))
                last_timed = (len(windows) - 1, it.hi)
            elif not windows and lead is None:
                lead = it.clock
            else:
                notes.append(str(it.clock))
                last_timed = None
    marks = [it for it in keep if it.kind in ("ongoing", "on_demand")]
    if windows:
        notes.extend(_flat(it.text) for it in marks)
        return windows, "dated", notes
    if any(it.kind == "on_demand" for it in marks):
        return [], "on_demand", notes
    if marks:
        return [w for it in marks for w in it.windows][:1], "ongoing", notes
    raise PeriodError("PP300", text=text.strip())


def _timed(w: Window, clock: Clock) -> Window:
    label = f"{w.label}, {clock}" if w.label else str(clock)  # `partnerplan period` shows labels
    return Window(w.start, w.end, w.count, label, w.mode, w.weekdays, w.even, w.named, w.every, clock)


def _merge(keep: list[Item]) -> None:
    """Artefacts of copying and of tables: two ranges with a one-day pause («05.01-06.01
    08.01-31.01») are one run; exactly two dates with only a space between («12 декабря
    13 января») lost their dash; a month heading the dates in it («февраль 14.02») is a
    heading; dates after a range, each for other classes («25 мая (1-9 кл.) 31 мая (10
    кл.)»), are other ends of the range."""
    wins = [it for it in keep if it.kind == "win"]
    for a, b in itertools.pairwise(wins):
        heading = a.shape == "month" and b.shape == "date" and len(a.windows) == 1 and bool(b.windows)
        if heading and all(a.windows[0].start <= w.start <= a.windows[0].end for w in b.windows):
            a.kind, a.windows = "note", []
    k = 0
    while k + 1 < len(keep):
        a, b = keep[k], keep[k + 1]
        if (
            a.kind == b.kind == "win"
            and a.shape == b.shape == "range"
            and len(a.windows) == len(b.windows) == 1
        ):
            wa, wb = a.windows[0], b.windows[0]
            if 0 < (wb.start - wa.end).days <= 2:
                merged = Window(wa.start, wb.end, 1, f"{wa.label}, {wb.label}")
                keep[k : k + 2] = [Item("win", a.lo, b.hi, [merged], shape="range")]
                continue
        k += 1
    _class_ends(keep)
    dated = [it for it in keep if it.kind == "win"]
    if len(dated) == 2 and all(it.shape == "date" and len(it.windows) == 1 for it in dated):
        a, b = dated
        wa, wb = a.windows[0], b.windows[0]
        if b.lo == a.hi and wa.start.month != wb.start.month and wa.start < wb.start:
            merged = Window(wa.start, wb.start, 1, f"{wa.label} – {wb.label}")
            keep[keep.index(a)] = Item("win", a.lo, b.hi, [merged], shape="range")
            keep.remove(b)


def _class_ends(keep: list[Item]) -> None:
    for k, it in enumerate(keep):
        if not (it.kind == "win" and it.shape == "range" and len(it.windows) == 1):
            continue
        j = k + 1
        end = it.windows[0].end
        while j + 1 < len(keep) and _for_classes(keep[j]) and keep[j + 1].shape == "date":
            ends = [w.end for w in keep[j + 1].windows]
            if len(ends) != 1 or ends[0] < end:
                break
            end = ends[0]
            keep[j + 1].kind = "note"
            j += 2
        if end != it.windows[0].end:
            w = it.windows[0]
            it.windows = [Window(w.start, end, 1, f"{w.label} (по классам — до {end.day}.{end.month:02d})")]


def _for_classes(it: Item) -> bool:
    return it.kind == "note" and bool(set(it.text.lower().replace(".", " ").split()) & NOTE_WORDS)


# --- the old normaliser, kept for callers that match on normalised text -----------------

_LOOKALIKE = str.maketrans("aeopcxykmthbABEKMHOPCTXY", "аеорсхукмтнвАВЕКМНОРСТХУ")


def normalise(text: str) -> str:
    """Case, ё, dashes, spaces from Word or PDF, soft hyphens, lookalike Latin letters."""
    s = unicodedata.normalize("NFKC", text).replace("\u00ad", "").replace("\u200b", "")
    s = s.lower().replace("ё", "е")
    s = re.sub(r"[‐‑‒–—−]", "-", s)
    s = s.replace("«", " ").replace("»", " ").replace('"', " ")
    words = []
    for w in re.split(r"(\s+)", s):
        if re.search(r"[а-я]", w) and re.search(r"[a-z]", w):
            w = w.translate(_LOOKALIKE)
        words.append(w)
    s = "".join(words)
    s = re.sub(r"(?<=[а-я])\.", " ", s)  # abbreviations: «окт.», «г.»
    # Runs of spaces first, then the one space left around a dash: linear in the text.
    s = re.sub(r"\s+", " ", s)
    s = s.replace(" -", "-").replace("- ", "-")
    return s.strip(" .;:!")
