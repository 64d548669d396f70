"""`git-setup`: teach git to show plans readably (the textconv driver and .gitattributes)."""

from __future__ import annotations

import os
import shlex
import sys
from dataclasses import dataclass

from partnerplan.fsutil import atomic_write
from partnerplan.problems import Problem


@dataclass(frozen=True, slots=True)
class Setup:
    command: str  # what git runs as the textconv driver
    attribute: str  # the .gitattributes line
    added: bool  # False: the line was there already


def setup_textconv(pattern: str, argv0: str, cwd: str | None = None) -> Setup:
    from partnerplan.git import gitio

    try:
        root = gitio.toplevel(cwd)
    except gitio.GitError:
        raise Problem("not_a_repository") from None
    # The installed `partnerplan` script if that is what runs, else this interpreter.
    exe = os.path.abspath(argv0) if os.path.basename(argv0).startswith("partnerplan") else None
    command = (
        f"{shlex.quote(exe)} textconv" if exe else f"{shlex.quote(sys.executable)} -m partnerplan textconv"
    )
    gitio.set_config(root, "diff.partnerplan.textconv", command)
    line = f"{pattern} diff=partnerplan"
    attributes = os.path.join(root, ".gitattributes")
    try:
        with open(attributes, encoding="utf-8") as fh:
            existing = fh.read()
    except FileNotFoundError:
        existing = ""
    if line in existing.splitlines():
        return Setup(command, line, added=False)
    atomic_write(
        attributes, existing + ("" if not existing or existing.endswith("\n") else "\n") + line + "\n"
    )
    return Setup(command, line, added=True)
