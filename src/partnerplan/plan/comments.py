"""Comments of a YAML text, found by an independent witness: libyaml's tokens say where
scalars, anchors, tags and directives are, so a «#» outside all of them starts a comment.
`fmt` and `rollover` prove with it that they lose none (ruamel, which writes the file,
cannot be its own witness)."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import yaml


class ScanError(ValueError):
    """libyaml cannot scan the text (the message is libyaml's first line)."""


@dataclass(frozen=True, slots=True)
class Scan:
    """What libyaml's scanner says about a text, beyond what ruamel keeps."""

    comments: list[tuple[int, str]]  # (offset, text from «#» to the end of its line)
    body_start: int  # after the line of an explicit `---` (0: no such line)
    body_end: int  # the start of a `...` line (len(text): none)
    flows: list[tuple[int, int, int, int]] = field(default_factory=list)
    # outermost flow collections: (start offset, end offset, line, column)


_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_COVERING = (yaml.AnchorToken, yaml.AliasToken, yaml.TagToken, yaml.DirectiveToken)
_FLOW_START = (yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
_FLOW_END = (yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*")


def comment_texts(text: str) -> list[str]:
    """Every comment of a YAML text (from «#» to the end of its line, trailing blanks
    dropped), sorted: the multiset that formatting and rollover must keep."""
    return sorted(c for _, c in comment_positions(text))


def comment_positions(text: str) -> list[tuple[int, str]]:
    """Each comment of a YAML text with LF line ends, as (offset of its «#», its text)."""
    return scan(text.replace("\r\n", "\n")).comments


def scan(text: str) -> Scan:
    """Find the comments by what they are not: a «#» outside every token that can hold
    one (scalars, anchors, aliases, tags, directives) starts a comment, as in libyaml's
    own scanner. Raises ScanError when libyaml cannot scan the text."""
    covered: list[tuple[int, int]] = []
    flows: list[tuple[int, int, int, int]] = []
    open_flows: list[tuple[int, int, int]] = []
    doc_start: tuple[int, int] | None = None
    doc_end: int | None = None
    if "#" not in text and "---" not in text and "..." not in text:
        return Scan([], 0, len(text))
    try:
        for tok in yaml.scan(text, Loader=_Loader):
            start, end = tok.start_mark.index, tok.end_mark.index
            if isinstance(tok, yaml.ScalarToken):
                if tok.style in ("|", ">"):
                    # The header line may end in a comment, which libyaml folds into the token.
                    header = _BLOCK_HEADER.match(text, start)
                    newline = text.find("\n", start, end)
                    covered.append((start, header.end() if header else start + 1))
                    if newline != -1:
                        covered.append((newline, end))
                else:
                    covered.append((start, end))
            elif isinstance(tok, _COVERING):
                covered.append((start, end))
            elif isinstance(tok, _FLOW_START):
                open_flows.append((start, tok.start_mark.line, tok.start_mark.column))
            elif isinstance(tok, _FLOW_END) and open_flows:
                first, line, col = open_flows.pop()
                if not open_flows:
                    flows.append((first, end, line, col))
            elif isinstance(tok, yaml.DocumentStartToken) and doc_start is None:
                doc_start = (start, end)
            elif isinstance(tok, yaml.DocumentEndToken) and doc_end is None:
                doc_end = start
    except yaml.YAMLError as exc:
        raise ScanError(str(exc).splitlines()[0]) from None
    starts = [s for s, _ in covered]
    comments: list[tuple[int, str]] = []
    line_end = -1
    for m in re.finditer("#", text):
        pos = m.start()
        if pos < line_end:
            continue  # inside a comment already found on this line
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and covered[i][0] <= pos < covered[i][1]:
            continue
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end == -1 else line_end
        comments.append((pos, text[pos:line_end].rstrip()))
    body_start = 0
    if doc_start is not None:
        eol = text.find("\n", doc_start[1])
        eol = len(text) if eol == -1 else eol
        rest = text[doc_start[1] : eol].strip()
        if not rest or rest.startswith("#"):  # nothing but a comment after `---`
            body_start = min(eol + 1, len(text))
    body_end = len(text)
    if doc_end is not None and doc_end >= body_start:
        body_end = text.rfind("\n", 0, doc_end) + 1
    return Scan(comments, body_start, body_end, flows)


def lost_comments(before: str, after: str) -> list[str]:
    """The comments of `before` that `after` lacks (counted: two alike need two)."""
    missing = Counter(comment_texts(before)) - Counter(comment_texts(after))
    return sorted(missing.elements())
