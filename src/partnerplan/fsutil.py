"""Files in and out: one bounded way to read, and atomic writing (a reader, or a killed
run, never sees a half-written file)."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile


class ReadError(Exception):
    """The input cannot be read; `reason`: missing, is_dir, not_file, denied, os."""

    def __init__(self, path: str, reason: str, detail: str = "") -> None:
        super().__init__(path)
        self.path = path
        self.reason = reason
        self.detail = detail


def read_limited(path: str, limit: int) -> bytes:
    """A regular file's bytes («-»: standard input), at most `limit` + 1 of them: more
    than `limit` means too big, which the caller says in its own words.

    Every command reads its inputs here, so one size limit holds everywhere, and a link
    to /dev/zero or a FIFO can neither hang a command nor fill its memory."""
    if path == "-":
        return sys.stdin.buffer.read(limit + 1)
    try:
        with open(path, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise ReadError(path, "not_file")
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise ReadError(path, "missing") from None
    except IsADirectoryError:
        raise ReadError(path, "is_dir") from None
    except PermissionError:
        raise ReadError(path, "denied") from None
    except OSError as exc:
        raise ReadError(path, "os", exc.strerror or "") from None
    return data


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
