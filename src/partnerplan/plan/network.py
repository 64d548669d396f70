"""Networks: a folder of plans, one per organisation, sharing partners by id.

An optional `partners.yaml` in the folder holds the shared partners' details once; a
plan may then name a partner by its id alone and list its own activities. What a plan
writes itself wins, but a name or group that disagrees with partners.yaml is reported,
and so is one id that different plans of a folder call by different names.
"""

from __future__ import annotations

import copy
import os
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from partnerplan.diagnostics import Diagnostic
from partnerplan.plan.load import Loaded, load_bytes, load_file
from partnerplan.plan.sourcemap import SourceMap

REGISTRY_NAME = "partners.yaml"
_SHARED_FIELDS = ("name", "group", "level", "purpose", "directions", "contacts", "agreement", "note")
_MUST_AGREE = ("name", "group")


@dataclass(frozen=True, slots=True)
class RegistryFile:
    loaded: Loaded
    registry: Any  # model.Registry, or None when the file has errors
    diagnostics: list[Diagnostic]


def registry_path(plan_path: str) -> str | None:
    candidate = os.path.join(os.path.dirname(os.path.abspath(plan_path)), REGISTRY_NAME)
    return candidate if os.path.isfile(candidate) else None


def is_registry(path: str) -> bool:
    return os.path.basename(path) == REGISTRY_NAME


def load_registry(path: str, raw: bytes | None = None) -> RegistryFile:
    """Read and check a partners.yaml (`raw`: its bytes, from git or already read)."""
    from pydantic import ValidationError

    from partnerplan.plan.model import Registry
    from partnerplan.plan.translate import translate

    loaded = load_file(path) if raw is None else load_bytes(raw, path)
    diags = list(loaded.diagnostics)
    if loaded.data is None:
        return RegistryFile(loaded, None, diags)
    try:
        registry = Registry.model_validate(loaded.data)
    except ValidationError as exc:
        diags.extend(translate(exc, loaded, root=Registry))
        return RegistryFile(loaded, None, diags)
    seen: dict[str, int] = {}
    for i, p in enumerate(registry.partners):
        line, col = loaded.source_map.find(("partners", i, "id"))
        if p.id in seen:
            diags.append(Diagnostic("PP200", "error", path, line, col, {"ident": p.id, "first": seen[p.id]}))
        seen.setdefault(p.id, line)
    return RegistryFile(loaded, registry if not any(d.severity == "error" for d in diags) else None, diags)


_READ: dict[tuple[str, int, int], RegistryFile] = {}


def registry_for(plan_path: str) -> RegistryFile | None:
    """The partners.yaml beside a plan, read once per command however many plans use it."""
    path = registry_path(plan_path)
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    key = (path, st.st_mtime_ns, st.st_size)
    if key not in _READ:
        _READ[key] = load_registry(path)
    return _READ[key]


def names_from_ids(data: Any) -> Any:
    """A stand-in registry when a network plan is read without its partners.yaml (an old
    git blob in a temporary file): a partner given by id alone is called by its id."""
    from partnerplan.plan.model import Registry

    partners = data.get("partners") if isinstance(data, dict) else None
    ids = [
        p["id"]
        for p in partners or []
        if isinstance(p, dict) and isinstance(p.get("id"), str) and p["id"] and not p.get("name")
    ]
    return Registry.model_validate(
        {"version": 1, "partners": [{"id": i, "name": i} for i in dict.fromkeys(ids)]}
    )


def merge_registry(data: Any, registry: Any, path: str, smap: SourceMap) -> tuple[Any, list[Diagnostic]]:
    """The plan's data with shared details filled in, and disagreements as warnings."""
    if not isinstance(data, dict) or not isinstance(data.get("partners"), list):
        return data, []
    shared = {p.id: p for p in registry.partners}
    out = copy.copy(data)
    out["partners"] = []
    diags: list[Diagnostic] = []
    for i, partner in enumerate(data["partners"]):
        pid = partner.get("id") if isinstance(partner, dict) else None
        known = shared.get(pid) if isinstance(pid, str) else None
        if known is None:
            out["partners"].append(partner)
            continue
        merged = dict(partner)
        dumped = known.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)
        for field in _SHARED_FIELDS:
            if field not in dumped:
                continue
            if field not in merged or merged[field] is None:
                merged[field] = dumped[field]
            elif (
                field in _MUST_AGREE
                and isinstance(merged[field], str)  # a list or mapping here: the model says so
                and merged[field].strip() != str(dumped[field]).strip()
            ):
                line, col = smap.find(("partners", i, field))
                diags.append(
                    Diagnostic(
                        "PP210",
                        "warning",
                        path,
                        line,
                        col,
                        {"field": field, "here": merged[field], "shared": dumped[field]},
                    )
                )
        out["partners"].append(merged)
    # The plan's own groups may be anything a teacher typed (an id that is a list, groups
    # that are text): only well-formed ids count here; the model reports the rest.
    groups = data.get("groups")
    if groups is None or isinstance(groups, list):
        own = {g["id"] for g in groups or [] if isinstance(g, dict) and isinstance(g.get("id"), str)}
        extra = [g.model_dump(mode="json") for g in registry.groups if g.id not in own]
        if extra:
            out["groups"] = [*(groups or []), *extra]
    return out, diags


def cross_check(index: list[tuple[str, list[tuple[str, str, int, int]]]]) -> list[Diagnostic]:
    """One partner id, several names within one folder: a warning at each later name.

    `index`: for each plan file, its partners as (id, name, line, column)."""
    by_folder: dict[str, dict[str, tuple[str, str, int]]] = defaultdict(dict)
    diags: list[Diagnostic] = []
    for path, partners in sorted(index):
        folder = os.path.dirname(os.path.abspath(path))
        for pid, name, line, col in partners:
            first = by_folder[folder].get(pid)
            if first is None:
                by_folder[folder][pid] = (name, path, line)
            elif first[1] != path and _norm(first[0]) != _norm(name):  # within a file: PP200 says it
                diags.append(
                    Diagnostic(
                        "PP211",
                        "warning",
                        path,
                        line,
                        col,
                        {"ident": pid, "name": name, "other": first[0], "where": f"{first[1]}:{first[2]}"},
                    )
                )
    return diags


def _norm(name: str) -> str:
    return " ".join(name.replace("ё", "е").lower().split())
