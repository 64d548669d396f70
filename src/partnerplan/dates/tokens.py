"""Text of a period cell → tokens: the artefacts of Word and PDF repaired, each token
tagged with what the grammar matches on.

Repairs, each because real cells need it: soft hyphens, non-breaking spaces, Latin letters
that look Cyrillic, every kind of dash; words broken by hyphenation or by a line end
(«образова- ния», «понедельн\\nик», «Сентябр\\nьдекабр\\nь», «согласова нию»), joined only
when the joined word is one the language knows; months glued together («Апрельмай», a
dash lost at a line end) split into a range; digits glued to words («2апреля», «в3») are
separate tokens anyway. The tokens keep their place in the cleaned text, so whatever is
not a period (a place, a note) is handed back exactly as the teacher wrote it.
"""

from __future__ import annotations

import re
import unicodedata

from partnerplan.dates.words import UNKNOWN, Lemma, known, lemma, month_of

# Latin letters that look Cyrillic, as text pasted from PDFs and old forms contains.
_LOOKALIKE = str.maketrans("aeopcxykmthbABEKMHOPCTXY", "аеорсхукмтнвАВЕКМНОРСТХУ")
_DASHES = re.compile(r"[‐‑‒–—−]")
_ORDINAL_SUFFIX = frozenset("я й ий ая ой го ое е ю ья ей ого ый".split())
_PUNCT_TAG = {
    "-": "-",
    ",": ",",
    ";": ";",
    "(": "lp",
    ")": "rp",
    "/": "sl",
    ":": "colon",
    "[": "lp",
    "]": "rp",
}


class Tok:
    """One token: `tag` is what the grammar matches (see `words.Lemma` and `_tag`).
    (A plain class: a dataclass costs a millisecond of every command's start.)"""

    __slots__ = ("end", "low", "nl", "raw", "start", "tag", "value")

    def __init__(
        self, tag: str, raw: str, start: int, end: int, nl: bool = False, value: object = None, low: str = ""
    ) -> None:
        self.tag = tag
        self.raw = raw
        self.start = start
        self.end = end
        self.nl = nl  # a line break stands before it
        self.value = value  # date: (day, month, year|None); clock: (h, m); number: int; word: Lemma
        self.low = low


def clean(text: str) -> str:
    """Unicode forms, dashes and line ends unified; broken and glued words repaired.
    Case is kept: places and notes are shown as written."""
    # NFKC unifies spaces and letter forms but writes «№» as «No»: keep the sign.
    s = "№".join(unicodedata.normalize("NFKC", part) for part in text.split("№"))
    s = s.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = re.sub(r"[\t\v\f]", " ", s)
    s = _DASHES.sub("-", s)
    s = re.sub(r"[A-Za-zА-Яа-яЁё]+", _fix_lookalikes, s)
    # A line that starts with ь/ъ/ы continues the word above («Сентябр\nь»).
    s = re.sub(r"(?<=[А-Яа-яЁё])[ ]*(?:-[ ]*)?\n[ ]*(?=[ьъыЬЪЫ])", "", s)
    s = re.sub(r"(?<![А-Яа-яЁё])([А-Яа-яЁё]+)-(?:[ ]*\n[ ]*|[ ]+)([а-яё]+)", _join_hyphenated, s)
    return _join_broken(s)


def _fix_lookalikes(m: re.Match[str]) -> str:
    w = m.group()
    if re.search(r"[А-Яа-яЁё]", w) and re.search(r"[A-Za-z]", w):
        return w.translate(_LOOKALIKE)
    return w


def _low(word: str) -> str:
    return word.lower().replace("ё", "е")


def _join_hyphenated(m: re.Match[str]) -> str:
    """«образова- ния» → «образования»; «Август- сентябрь» stays a range."""
    a, b = m[1], m[2]
    if known(_low(a)) or known(_low(b)):
        return m.group()
    return a + b


def _join_broken(s: str) -> str:
    """«понедельн\\nик», «согласова нию»: two fragments joined when only the whole is
    a word the language knows (a line break between two known words stays a break)."""
    parts = re.split(r"([А-Яа-яЁё]+)", s)  # odd indices: words; even: what lies between
    i = 1
    while i + 2 < len(parts):
        a, sep, b = parts[i], parts[i + 1], parts[i + 2]
        if re.fullmatch(r"[ ]*\n[ ]*|[ ]", sep) and b[:1].islower() and _joins(a, b, "\n" in sep):
            parts[i : i + 3] = [a + b]
            continue
        i += 2
    return "".join(parts)


def _joins(a: str, b: str, line_break: bool) -> bool:
    la, lb = _low(a), _low(b)
    if not known(la + lb) or (month_of(la) and month_of(lb)):
        return False
    if line_break:
        return not (known(la) and known(lb))
    return not (known(la) or known(lb))


_TOKEN = re.compile(
    r"(?P<date>\d{1,2}[ ]?\.[ ]?\d{1,2}(?:[ ]?\.(?:[ ]?\d{4}(?!\d)|\d{2}(?![\d:]))|[ ]?\.(?![ ]?\d))?)"
    r"|(?P<clock>\d{1,2}:\d{2}(?!\d))"
    r"|(?P<num>\d+)"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<nl>\n)"
    r"|(?P<punct>[^\s\w])"
)


def tokenize(s: str) -> list[Tok]:
    """The tokens of a cleaned cell; line breaks become the `nl` flag of the next token."""
    out: list[Tok] = []
    nl = False
    for m in _TOKEN.finditer(s):
        kind = m.lastgroup
        raw = m.group()
        if kind == "nl":
            nl = True
            continue
        tok = Tok("x", raw, m.start(), m.end(), nl)
        nl = False
        if kind == "date":
            _date_token(tok, raw)
        elif kind == "clock":
            h, mi = raw.split(":")
            tok.tag, tok.value = ("T", (int(h), int(mi))) if int(h) <= 24 and int(mi) <= 59 else ("N", 0)
        elif kind == "num":
            tok.tag, tok.value = _number_tag(raw), _number(raw)
        elif kind == "word":
            low = _low(raw)
            tok.low = low
            glued = _glued_months(low)
            if glued is not None:
                a, b = glued
                cut = tok.start + len(a)
                out.append(Tok("M", raw[: len(a)], tok.start, cut, tok.nl, Lemma("M", month_of(a) or 0), a))
                out.append(Tok("-", "", cut, cut))
                out.append(Tok("M", raw[len(a) :], cut, tok.end, False, Lemma("M", month_of(b) or 0), b))
                continue
            lem = lemma(low)
            tok.value = lem
            tok.tag = _tag(lem)
            if out and low in _ORDINAL_SUFFIX and _ordinal_after(out, s, tok):
                continue
        elif kind == "punct":
            if raw == ".":
                continue  # abbreviations («окт.», «г.», «ул.»): the raw text keeps them
            tok.tag = _PUNCT_TAG.get(raw, "q")
        out.append(tok)
    _clocks_from_dashes(out)
    return out


def _date_token(tok: Tok, raw: str) -> None:
    parts = [p for p in re.split(r"[ ]?\.[ ]?", raw) if p]
    d, mo = int(parts[0]), int(parts[1])
    y = int(parts[2]) if len(parts) > 2 else None
    if (mo == 0 or mo > 12) and y is None and d <= 24 and mo <= 59 and len(parts[1]) == 2:
        tok.tag, tok.value = "T", (d, mo)  # «18.00», «11.30»: a time, not a date
        return
    tok.tag, tok.value = "D", (d, mo, y)


def _number(raw: str) -> int:
    return int(raw) if len(raw) <= 6 else 10**6  # no period asks for a million events


def _number_tag(raw: str) -> str:
    if len(raw) == 4 and 1900 <= int(raw) <= 2199:
        return "Y"
    return "N"


def _tag(lem: Lemma) -> str:
    if lem.tag == "K":
        return str(lem.value)
    if lem.tag == "?":
        return "x"
    if lem.tag == "U":
        return f"U{lem.value}"
    return lem.tag


def _glued_months(low: str) -> tuple[str, str] | None:
    """«апрельмай», «сентябрьдекабрь»: two months whose dash was lost."""
    if not 6 <= len(low) <= 20 or lemma(low) is not UNKNOWN:
        return None
    for k in range(3, len(low) - 2):
        a, b = low[:k], low[k:]
        if len(a) >= 4 and len(b) >= 3 and month_of(a) and month_of(b):
            return a, b
    return None


def _ordinal_after(out: list[Tok], s: str, tok: Tok) -> bool:
    """«2-я», «3 я», «1-й»: the number before becomes an ordinal."""
    k = len(out) - 1
    if out[k].tag == "-" and k >= 1 and out[k - 1].tag == "N" and out[k].start == out[k - 1].end:
        if s[out[k].end : tok.start] != "":
            return False
        k -= 1
    elif out[k].tag != "N" or s[out[k].end : tok.start] not in ("", " "):
        return False
    num = out[k]
    if num.value is None or not 1 <= int(str(num.value)) <= 6:
        return False
    num.tag, num.raw, num.end = "O", s[num.start : tok.end], tok.end
    del out[k + 1 :]
    return True


def _clocks_from_dashes(toks: list[Tok]) -> None:
    """«16-00», «11-30-13-30» after a date: times written with dashes, not day ranges."""
    seen_date = False
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.tag in ("D", "M"):
            seen_date = True
        if (
            t.tag == "N"
            and i + 2 < len(toks)
            and toks[i + 1].tag == "-"
            and toks[i + 2].tag == "N"
            and len(toks[i + 2].raw) == 2
            and len(t.raw) <= 2
            and _is_clock(t, toks[i + 2])
            and (toks[i + 2].raw == "00" or int(toks[i + 2].raw) > 31 or seen_date)
            and not _month_follows(toks, i + 3)
        ):
            h, mi = int(t.raw), int(toks[i + 2].raw)
            merged = Tok("T", t.raw + "-" + toks[i + 2].raw, t.start, toks[i + 2].end, t.nl, (h, mi))
            toks[i : i + 3] = [merged]
        i += 1


def _is_clock(h: Tok, m: Tok) -> bool:
    return int(h.raw) <= 23 and int(m.raw) <= 59


def _month_follows(toks: list[Tok], i: int) -> bool:
    return i < len(toks) and toks[i].tag in ("M", "число")
