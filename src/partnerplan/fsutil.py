"""Atomic file writing: a reader (or a killed run) never sees a half-written file."""

from __future__ import annotations

import contextlib
import os
import tempfile


class WriteError(Exception):
    """The output cannot be written; `reason` is one of: no_dir, not_dir, denied, os."""

    def __init__(self, path: str, reason: str, detail: str = "") -> None:
        super().__init__(path)
        self.path = path
        self.reason = reason
        self.detail = detail


def atomic_write(path: str, data: bytes | str) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename over `path`."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.exists(folder):
        raise WriteError(path, "no_dir")
    if not os.path.isdir(folder):
        raise WriteError(path, "not_dir")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".partnerplan-", suffix=".tmp")
    except PermissionError:
        raise WriteError(path, "denied") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if os.path.exists(path):
            os.chmod(tmp, os.stat(path).st_mode & 0o777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, PermissionError):
            raise WriteError(path, "denied") from None
        if isinstance(exc, OSError):
            raise WriteError(path, "os", exc.strerror or str(exc)) from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
