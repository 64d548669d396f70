"""The models' validators, built once per release and kept like the holiday tables.

Pydantic builds a model's validator (core schema → Rust validator) when the class is
created: ~60 ms for our fifteen models, a third of a cold `validate` on a school's
computer. The models are declared with `defer_build=True`, and `attach` gives them
what pydantic would have built — core schema, validator, serializer — unpickled from
the user's cache folder, or builds them once and stores them there. The key is the
bytes of the module that declares the models and the versions of Python, pydantic and
pydantic-core, so an upgrade or an edited model misses and rebuilds. The file holds
only what this function wrote into the user's own folder (the trust of a .pyc); one
that cannot be read, written or unpickled is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Sequence
from typing import Any

_FORMAT = b"partnerplan-models-1"


def _cache_path(source_file: str) -> str | None:
    import pydantic
    import pydantic_core

    try:
        with open(source_file, "rb") as fh:
            source = fh.read()
    except OSError:
        return None
    h = hashlib.sha256(_FORMAT)
    for part in (sys.version.encode(), pydantic.VERSION.encode(), pydantic_core.__version__.encode(), source):
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "partnerplan", f"models-{h.hexdigest()[:24]}.pickle")


def attach(classes: Sequence[Any], source_file: str) -> None:
    """Complete the deferred `classes` (pydantic models declared in `source_file`)."""
    path = _cache_path(source_file)
    if path is not None and _load(classes, path):
        return
    for cls in classes:
        cls.model_rebuild(force=True)
    if path is not None:
        _store(classes, path)


def _load(classes: Sequence[Any], path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            built = pickle.load(fh)
        parts = [built[cls.__qualname__] for cls in classes]
    except Exception:
        return False
    for cls, (schema, validator, serializer) in zip(classes, parts, strict=True):
        cls.__pydantic_core_schema__ = schema
        cls.__pydantic_validator__ = validator
        cls.__pydantic_serializer__ = serializer
        cls.__pydantic_complete__ = True
    return True


def _store(classes: Sequence[Any], path: str) -> None:
    try:
        blob = pickle.dumps(
            {
                cls.__qualname__: (
                    cls.__pydantic_core_schema__,
                    cls.__pydantic_validator__,
                    cls.__pydantic_serializer__,
                )
                for cls in classes
            },
            protocol=pickle.HIGHEST_PROTOCOL,
        )
        from partnerplan.fsutil import atomic_write

        os.makedirs(os.path.dirname(path), exist_ok=True)
        atomic_write(path, blob, durable=False)
    except Exception:
        pass
