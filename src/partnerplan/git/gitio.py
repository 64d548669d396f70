"""The little of git that plan review needs, through the `git` command."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime

PLAN_PATTERNS = ("*.yaml", "*.yml")


class GitError(Exception):
    """git is missing, this is not a repository, or a revision does not exist."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


def _git(args: list[str], cwd: str | None = None, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("no_git") from None
    if check and proc.returncode != 0:
        raise GitError("failed", proc.stderr.decode("utf-8", "replace").strip())
    return proc


def toplevel(cwd: str | None = None) -> str:
    proc = _git(["rev-parse", "--show-toplevel"], cwd, check=False)
    if proc.returncode != 0:
        raise GitError("not_repo")
    return proc.stdout.decode("utf-8").strip()


def is_revision(rev: str, cwd: str | None = None) -> bool:
    return _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd, check=False).returncode == 0


def show(rev: str, path: str, root: str, limit: int) -> bytes | None:
    """The file at `path` (relative to the repository root) in `rev`, or None if absent;
    at most `limit` + 1 bytes, like every other read (more means too big)."""
    try:
        proc = subprocess.Popen(
            ["git", "cat-file", "blob", f"{rev}:{path}"],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise GitError("no_git") from None
    assert proc.stdout is not None
    with proc:
        data = proc.stdout.read(limit + 1)
        if len(data) > limit:
            proc.kill()
            return data
        proc.stdout.read()
    return data if proc.returncode == 0 else None


def changed_plans(root: str, rev_a: str, rev_b: str | None) -> list[str]:
    """Plan files that differ between two revisions, or between a revision and the work tree.

    Names come NUL-separated (-z): git would otherwise quote «план.yaml» as
    "\\320\\277…", and such a name would never match a file."""
    args = (
        ["diff", "-z", "--name-only", "--no-renames", rev_a]
        + ([rev_b] if rev_b else [])
        + ["--", *PLAN_PATTERNS]
    )
    names = _names(_git(args, root).stdout)
    if rev_b is None:  # new files not yet added are part of the work tree too
        untracked = _git(["ls-files", "-z", "--others", "--exclude-standard", "--", *PLAN_PATTERNS], root)
        names += _names(untracked.stdout)
    return sorted(set(names))


def _names(out: bytes) -> list[str]:
    return [n.decode("utf-8", "surrogateescape") for n in out.split(b"\0") if n]


def relative_to_root(path: str, root: str) -> str:
    return os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")


def set_config(root: str, key: str, value: str) -> None:
    _git(["config", key, value], root)


def file_revision(path: str) -> tuple[int, datetime] | None:
    """(the number of commits that changed `path`, the last one's time), or None outside
    git or for a file git does not know. Deterministic for a repository's state."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        proc = _git(["log", "--format=%ct", "--follow", "--", os.path.abspath(path)], folder, check=False)
    except GitError:
        return None
    stamps = proc.stdout.split() if proc.returncode == 0 else []
    if not stamps:
        return None
    return len(stamps), datetime.fromtimestamp(int(stamps[0]), tz=UTC)
