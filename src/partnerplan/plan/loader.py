"""The one way any command gets a plan: a path or bytes → `Checked`.

A straight line, like beancount's loader: read (one size limit, encodings) → YAML with
positions (depth and alias limits) → the network's partners.yaml merged in as a pre-pass
→ the model and reference checks. `Checked.ok` says whether the plan can be used; no
caller filters diagnostics itself.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal

from partnerplan.plan.load import Loaded, load_bytes, load_file

if TYPE_CHECKING:
    from partnerplan.plan.check import Checked
    from partnerplan.plan.model import Registry

RegistryChoice = Literal["auto", "ids"] | None


def load_plan(
    source: str | os.PathLike[str] | bytes,
    *,
    path: str | None = None,
    registry: Registry | RegistryChoice = "auto",
) -> Checked:
    """Read and check one plan.

    `source`: a file's path («-»: standard input), or the file's bytes (then `path` names
    it in diagnostics and says where its partners.yaml would be). `registry`: "auto"
    uses the partners.yaml beside the file when there is one; "ids" also lets a partner
    given by id alone stand when none is found (an old git blob in a temporary file);
    None reads the plan alone; or pass a Registry already read.
    """
    from pydantic import ValidationError

    from partnerplan.plan.check import check
    from partnerplan.plan.network import merge_registry, names_from_ids, registry_for

    if isinstance(source, bytes):
        name = path or "<plan>"
        loaded = load_bytes(source, name)
    else:
        name = os.fspath(source)
        loaded = load_file(name)
    reg: Any = registry
    if registry in ("auto", "ids"):
        where = path if isinstance(source, bytes) else name
        found = registry_for(where) if where and where != "-" else None
        reg = found.registry if found is not None else None
        if reg is None and registry == "ids" and loaded.data is not None:
            try:
                reg = names_from_ids(loaded.data)
            except ValidationError:  # ids that are not ids: the plan's own check says so
                reg = None
    if reg is not None and loaded.data is not None:
        data, merged = merge_registry(loaded.data, reg, loaded.path, loaded.source_map)
        loaded = replace(loaded, data=data, diagnostics=[*loaded.diagnostics, *merged])
    return check(loaded)


def not_a_plan(loaded: Loaded) -> bool:
    """Well-formed YAML that is plainly something else (compose.yaml, a pre-commit
    config): commands that walk a repository pass it by quietly."""
    data = loaded.data
    return isinstance(data, dict) and not {"planner", "partners", "version", "year"} & data.keys()
