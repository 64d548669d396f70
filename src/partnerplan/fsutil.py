"""Files in and out: one bounded way to read, and atomic writing (a reader, or a killed
run, never sees a half-written file)."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
import time
from dataclasses import dataclass


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
        # O_NONBLOCK: opening a FIFO must not wait for a writer; only regular files are read.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            mode = os.fstat(fh.fileno()).st_mode
            if stat.S_ISDIR(mode):
                raise ReadError(path, "is_dir")
            if not stat.S_ISREG(mode):
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
    """The output cannot be written; `reason` is one of: no_dir, not_dir, denied,
    read_only (the file exists and is write-protected), changed (the file is no longer
    what the caller read: someone saved it meanwhile), os."""

    def __init__(self, path: str, reason: str, detail: str = "") -> None:
        super().__init__(path)
        self.path = path
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class FileState:
    """What a file looked like when a command read it: a rewrite checks, just before its
    rename, that nobody saved the file in between (an editor's save is never lost)."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    data: bytes | None = None  # the bytes read, compared too when given


def file_state(path: str, data: bytes | None = None) -> FileState | None:
    """The state of `path` (through links), None when it does not exist."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise WriteError(path, "os", exc.strerror or "") from None
    return FileState(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, data)


# A temporary file is named for its process: `.partnerplan-<pid>-<random>.tmp`. A run
# killed outright (SIGKILL, power cut) cannot remove its own; the next write to the same
# folder removes those whose process is gone and which are older than STALE_AFTER.
TMP_PREFIX = ".partnerplan-"
TMP_SUFFIX = ".tmp"
STALE_AFTER = 3600.0  # seconds
_TMP_NAME = re.compile(r"^\.partnerplan-(?:(\d+)-)?[A-Za-z0-9_]+\.tmp$")
_SWEPT: set[str] = set()  # folders already swept by this process: once is enough


def atomic_write(
    path: str, data: bytes | str, *, expect: FileState | None = None, durable: bool = True
) -> None:
    """Write to a temporary file beside the file, flush it to disk, then rename it over.

    A link is written through: its target gets the new text and the link stays a link.
    A write-protected file is refused (WriteError "read_only"), not silently replaced.
    `expect`: the file as the caller read it (`file_state`); if it is not exactly that
    just before the rename (another program saved it), nothing is replaced and
    WriteError "changed" is raised. `durable=False` skips the flush to disk: for caches,
    which a crash may lose but must never leave half-written."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = os.path.realpath(path) if os.path.islink(path) else os.path.abspath(path)
    folder = os.path.dirname(target)
    if not os.path.exists(folder):
        raise WriteError(path, "no_dir")
    if not os.path.isdir(folder):
        raise WriteError(path, "not_dir")
    current = file_state(target)
    if current is not None and _read_only(target):
        raise WriteError(path, "read_only")
    sweep_stale_temporaries(folder)
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f"{TMP_PREFIX}{os.getpid()}-", suffix=TMP_SUFFIX)
    except PermissionError:
        raise WriteError(path, "denied") from None
    except OSError as exc:
        raise WriteError(path, "os", exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.chmod(tmp, _mode(target) if current is not None else 0o666 & ~_umask())
        if expect is not None and not _unchanged(target, expect):
            raise WriteError(path, "changed")
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, PermissionError):
            raise WriteError(path, "denied") from None
        if isinstance(exc, OSError):
            raise WriteError(path, "os", exc.strerror or str(exc)) from None
        raise
    if durable:
        _sync_folder(folder)


def _mode(path: str) -> int:
    return os.stat(path).st_mode & 0o777


def _read_only(path: str) -> bool:
    # No write bit at all (chmod a-w), or none for us; root may write anything, so
    # os.access alone would not see a file its owner protected.
    mode = os.stat(path).st_mode
    return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK)


def _unchanged(path: str, expect: FileState) -> bool:
    now = file_state(path)
    if now is None or (now.device, now.inode, now.size, now.mtime_ns) != (
        expect.device,
        expect.inode,
        expect.size,
        expect.mtime_ns,
    ):
        return False
    if expect.data is None:
        return True
    try:
        with open(path, "rb") as fh:
            return fh.read(len(expect.data) + 1) == expect.data
    except OSError:
        return False


def sweep_stale_temporaries(folder: str, *, now: float | None = None) -> list[str]:
    """Remove the temporary files that killed runs left in `folder` (once per process
    and folder unless `now` is given): older than STALE_AFTER, and their process gone.
    Returns the names removed."""
    key = os.path.abspath(folder)
    if now is None:
        if key in _SWEPT:
            return []
        _SWEPT.add(key)
        now = time.time()
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _TMP_NAME.match(entry.name)
        if m is None:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or now - st.st_mtime < STALE_AFTER:
            continue
        if m[1] is not None and _alive(int(m[1])):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(entry.name)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":  # os.kill(pid, 0) would end the process on Windows: age decides
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: someone else's process, alive
        return True
    return True


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable (POSIX: fsync the folder); best effort."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
