"""The catalogue of diagnostics: code → message and hint, in Russian and English.

Russian is the product's language; English is for `--lang en`. Each entry is a pair of
functions of the diagnostic's arguments, so a hint can depend on whether a suggestion
was found.
"""

from __future__ import annotations

from typing import Any

from partnerplan.messages.en import EN
from partnerplan.messages.ru import RU

_CATALOGUES = {"ru": RU, "en": EN}


def message_text(code: str, args: dict[str, Any], lang: str) -> str:
    entry = _CATALOGUES.get(lang, RU).get(code) or RU[code]
    return entry[0](args) or code


def hint_text(code: str, args: dict[str, Any], lang: str) -> str | None:
    entry = _CATALOGUES.get(lang, RU).get(code) or RU[code]
    return entry[1](args)
