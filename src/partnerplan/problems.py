"""One error root for requests that cannot be done (copier's `UserMessageError`).

The library raises `Problem(code, **args)`; the CLI shows `message(lang)` and exits with
`exit_code`. A Problem is the user's to fix, never a bug: no traceback."""

from __future__ import annotations

from typing import Any


class Problem(Exception):
    def __init__(self, code: str, *, exit_code: int = 2, **args: Any) -> None:
        super().__init__(code)
        self.code = code
        self.exit_code = exit_code
        self.args_ = args

    def message(self, lang: str = "ru") -> str:
        from partnerplan.words import say

        return say(self.code, lang, **self.args_)
