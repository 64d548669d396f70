"""Words for people that are not diagnostics, in one keyed catalogue with English beside
Russian: the library's answers (`library`), the command line's (`cli`) and the web
interface's (`serve`). Diagnostics (PP codes) have theirs in `messages`.

`say(key, lang, **args)` formats the entry in the reader's language (Russian unless
`lang` is "en"; an entry without English falls back to Russian).
"""

from __future__ import annotations

from typing import Any

from partnerplan.words.cli import CLI
from partnerplan.words.library import WORDS as LIBRARY
from partnerplan.words.serve import SERVE

WORDS: dict[str, tuple[str, str]] = {**LIBRARY, **CLI, **SERVE}
assert len(WORDS) == len(LIBRARY) + len(CLI) + len(SERVE), "a key is in two tables"


def say(key: str, lang: str = "ru", **args: Any) -> str:
    ru, en = WORDS[key]
    return (en if lang == "en" and en else ru).format(**args)
