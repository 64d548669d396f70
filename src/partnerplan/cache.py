"""A cache of `validate` results, keyed by the file's bytes and the code that checked it.

Teachers and pre-commit hooks validate unchanged files again and again; answering those
from the cache skips Pydantic and the models (two thirds of a run). The key holds the
file's content, its path (diagnostics name it), the strict flag, partnerplan's version
and the modification times of its own modules and of `holidays` (whose data decides
warnings), so any change to any of them misses. A cache that cannot be read or written
is simply not used. PARTNERPLAN_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from typing import Any

from partnerplan import __version__

_HERE = os.path.dirname(os.path.abspath(__file__))


def _code_stamp() -> str:
    parts = [__version__]
    # Every module of every stage can change an answer: all of them, whatever the layout.
    for folder, dirs, files in os.walk(_HERE):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in files:
            if name.endswith(".py"):
                with contextlib.suppress(OSError):
                    parts.append(f"{name}:{os.stat(os.path.join(folder, name)).st_mtime_ns}")
    import importlib.util

    spec = importlib.util.find_spec("holidays")
    if spec is not None and spec.origin:
        with contextlib.suppress(OSError):
            parts.append(str(os.stat(spec.origin).st_mtime_ns))
    return "|".join(sorted(parts))


def _folder() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "partnerplan", "validate")


def enabled() -> bool:
    return os.environ.get("PARTNERPLAN_NO_CACHE", "") not in ("1", "true", "yes")


class ValidateCache:
    def __init__(self) -> None:
        self.stamp = _code_stamp()
        self.folder = _folder()

    def key(self, path: str, strict: bool, *contents: bytes) -> str:
        """The file's bytes and those it depends on (a network's partners.yaml) decide."""
        h = hashlib.sha256()
        for part in (
            self.stamp.encode(),
            path.encode("utf-8", "surrogateescape"),
            b"strict" if strict else b"",
            *contents,
        ):
            h.update(len(part).to_bytes(8, "big"))
            h.update(part)
        return h.hexdigest()

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            with open(os.path.join(self.folder, key[:2], key + ".json"), encoding="utf-8") as fh:
                record = json.load(fh)
            return record if isinstance(record, dict) else None
        except (OSError, ValueError):
            return None

    def put(self, key: str, record: dict[str, Any]) -> None:
        try:
            from partnerplan.fsutil import atomic_write

            folder = os.path.join(self.folder, key[:2])
            os.makedirs(folder, exist_ok=True)
            atomic_write(
                os.path.join(folder, key + ".json"), json.dumps(record, ensure_ascii=False), durable=False
            )
        except Exception:
            pass
