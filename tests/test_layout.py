"""The package's shape: stages import one way, no cycles, modules of readable size,
and every command reads plans through the one loader."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import PLANS, ROOT, Run

PKG = ROOT / "src" / "partnerplan"
# Lower stages never import higher ones: cli → validation/documents/git → dates → plan → base.
RANK = {
    "base": 0,
    "plan": 1,
    "dates": 2,
    "validation": 3,
    "documents": 3,
    "git": 3,
    "serve": 4,
    "cli": 5,
    "api": 6,
}
BASE = {"diagnostics", "messages", "words", "problems", "fsutil", "cache", "formats", "__main__"}


def module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def stage(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "api"
    if parts[1] in BASE:
        return "base"
    return parts[1]


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node but those under `if TYPE_CHECKING:` (annotations only, never imported)."""
    out: list[ast.AST] = []
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        out.append(node)
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            todo.extend(node.orelse)
            continue
        todo.extend(ast.iter_child_nodes(node))
    return out


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("partnerplan"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if (PKG.parent / candidate.replace(".", "/")).with_suffix(".py").exists()
                          else node.module)  # fmt: skip
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("partnerplan"))
    return found


GRAPH = {module_name(p): imports(p) for p in PKG.rglob("*.py")}


def test_imports_flow_one_way() -> None:
    against = []
    for module, targets in GRAPH.items():
        for target in targets:
            if target == "partnerplan" or module == "partnerplan.__main__":
                continue
            if RANK[stage(target)] > RANK[stage(module)]:
                against.append(f"{module} → {target}")
    assert against == []


def test_no_import_cycle() -> None:
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, trail: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(GRAPH.get(node, ())):
            if nxt == "partnerplan" or nxt not in GRAPH:
                continue
            if state.get(nxt) == 1:
                cycle.extend([*trail, node, nxt])
                return True
            if state.get(nxt) is None and visit(nxt, [*trail, node]):
                return True
        state[node] = 2
        return False

    for node in sorted(GRAPH):
        if state.get(node) is None and visit(node, []):
            break
    assert cycle == []


def test_modules_are_of_readable_size_and_say_what_they_own() -> None:
    for path in PKG.rglob("*.py"):
        lines = path.read_text(encoding="utf-8").count("\n")
        assert lines <= 420, (path.name, lines)
        if path.name != "__main__.py":
            assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), path


def test_the_library_never_prints_or_exits() -> None:
    for path in PKG.rglob("*.py"):
        if "cli" in path.relative_to(PKG).parts or path.name == "__main__.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert "import typer" not in text and "sys.exit" not in text and "print(" not in text, path


COMMANDS = {
    "validate": ["validate", "{plan}"],
    "schedule": ["schedule", "{plan}", "--format", "json"],
    "render": ["render", "{plan}", "-o", "{out}/x.docx"],
    "report": ["report", "{plan}", "-o", "{out}/r.md"],
    "fmt": ["fmt", "--check", "{plan}"],
    "diff": ["diff", "{plan}", "{plan}"],
    "textconv": ["textconv", "{plan}"],
    "rollover": ["rollover", "{plan}", "--to", "2026/2027", "-o", "{out}/next.yaml"],
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_reads_plans_through_the_one_loader(
    name: str, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from partnerplan.plan import check

    monkeypatch.setenv("PARTNERPLAN_NO_CACHE", "1")
    seen: list[str] = []
    real = check.check

    def spy(loaded: object) -> object:  # what the one loader calls last, for every plan
        seen.append(getattr(loaded, "path", ""))
        return real(loaded)  # type: ignore[arg-type]

    monkeypatch.setattr(check, "check", spy)
    plan = str(PLANS / "rukodelnitsa.yaml")
    code, _, err = run(*[a.format(plan=plan, out=tmp_path) for a in COMMANDS[name]])
    assert code == 0, err
    assert any(p.endswith("rukodelnitsa.yaml") for p in seen), name
