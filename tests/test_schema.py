"""The JSON Schema accepts exactly what `validate` accepts structurally, as editors read YAML."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from partnerplan.plan.loader import load_plan
from partnerplan.plan.network import is_registry, load_registry
from partnerplan.plan.schema import SCHEMA_FILES, json_schema

from .conftest import PLANS, ROOT, Run

SHIPPED = sorted(PLANS.rglob("*.yaml"))


def editor_view(text: str) -> Any:
    """The data an editor or check-jsonschema validates: YAML 1.2, so `2026` is a number and
    `true` a boolean, but a date stays text (JSON has no dates; check-jsonschema does this)."""
    from ruamel.yaml import YAML

    y = YAML(typ="safe", pure=True)
    y.constructor.yaml_constructors["tag:yaml.org,2002:timestamp"] = y.constructor.yaml_constructors[
        "tag:yaml.org,2002:str"
    ]
    return y.load(io.StringIO(text))


def schema_accepts(text: str, registry: bool = False) -> bool:
    validator = jsonschema.Draft202012Validator(
        json_schema(registry), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return validator.is_valid(editor_view(text))


def validate_accepts(text: str, name: str = "plan.yaml") -> bool:
    """`validate`'s verdict on the file's shape (references and periods are not the schema's
    business). A partner given by id alone stands, as partners.yaml would fill it in."""
    raw = text.encode("utf-8")
    if is_registry(name):
        return load_registry(name, raw).registry is not None
    return load_plan(raw, path=name, registry="ids").plan is not None


# --- the files ---------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "registry"), SCHEMA_FILES.items())
def test_committed_schema_files_are_what_partnerplan_schema_prints(
    name: str, registry: bool, run: Run
) -> None:
    code, out, _ = run("schema", *(["--registry"] if registry else []))
    assert code == 0
    assert (ROOT / "schema" / name).read_text(encoding="utf-8") == out, (
        f"run: partnerplan schema {'--registry ' if registry else ''}-o schema/{name}"
    )
    jsonschema.Draft202012Validator.check_schema(json.loads(out))


@pytest.mark.parametrize("plan", SHIPPED, ids=lambda p: str(p.relative_to(PLANS)))
def test_each_shipped_file_points_at_its_schema(plan: Path) -> None:
    first = plan.read_text(encoding="utf-8").splitlines()[0]
    m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert m, f"{plan}: the first line should name the schema"
    target = (plan.parent / m[1]).resolve()
    assert target.is_file(), f"{plan}: {m[1]} does not exist"
    assert target.name == ("partners.schema.json" if is_registry(str(plan)) else "plan.schema.json")


@pytest.mark.parametrize("plan", SHIPPED, ids=lambda p: str(p.relative_to(PLANS)))
def test_schema_and_validate_agree_on_every_shipped_file(plan: Path) -> None:
    text = plan.read_text(encoding="utf-8")
    assert validate_accepts(text, plan.name)
    assert schema_accepts(text, registry=is_registry(str(plan)))


def test_check_jsonschema_passes_the_shipped_files() -> None:
    for name, registry in SCHEMA_FILES.items():
        files = [str(p) for p in SHIPPED if is_registry(str(p)) == registry]
        done = subprocess.run(
            [sys.executable, "-m", "check_jsonschema", "--schemafile", str(ROOT / "schema" / name), *files],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr


# --- a table of variants: both say yes, or both say no ----------------------------------------

BASE = """\
version: 1
planner: {name: Объединение}
year: 2025/2026
partners:
  - id: gibdd
    name: ГИБДД
    activities:
      - form: беседа
        period: Май
"""

PARTNER = "  - id: gibdd\n    name: ГИБДД\n"
ACTIVITY = "      - form: беседа\n        period: Май\n"


def variant(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new, 1)


VARIANTS: list[tuple[str, str, bool]] = [
    ("as is", BASE, True),
    ("year: 2026, a number", variant("year: 2025/2026", "year: 2026"), True),
    ("year with words", variant("year: 2025/2026", "year: 2025/2026 уч. г."), True),
    ("version in quotes", variant("version: 1", "version: '1'"), True),
    ("agreement number", variant(PARTNER, PARTNER + "    agreement: {number: 12, date: 2025-09-01}\n"), True),
    ("phone without quotes", variant(PARTNER, PARTNER + "    contacts: {phone: 89281234567}\n"), True),
    ("participants: 25", variant(ACTIVITY, ACTIVITY + "        participants: 25\n"), True),
    (
        "log participants in quotes",
        variant(ACTIVITY, ACTIVITY + "        log: [{status: done, participants: '25'}]\n"),
        True,
    ),
    ("a partner by id alone", variant(PARTNER, "  - id: gibdd\n"), True),
    ("week in quotes", variant("year: 2025/2026\n", "year: 2025/2026\ncalendar: {week: '6'}\n"), True),
    ("a name that YAML 1.2 reads as true", variant("name: ГИБДД", "name: true"), True),
    ("an optional key left empty", variant(PARTNER, PARTNER + "    directions:\n    note:\n"), True),
    ("a Cyrillic id", variant("id: gibdd", "id: гибдд_1"), True),
    ("pinned dates", variant(ACTIVITY, ACTIVITY + "        dates: [2026-05-12]\n"), True),
    ("year: 20265", variant("year: 2025/2026", "year: 20265"), False),
    ("year: true", variant("year: 2025/2026", "year: true"), False),
    ("version 2", variant("version: 1", "version: 2"), False),
    ("an id with a space", variant("id: gibdd", "id: my school"), False),
    ("an unknown key", variant("year: 2025/2026\n", "year: 2025/2026\npartnrs: []\n"), False),
    ("week 7", variant("year: 2025/2026\n", "year: 2025/2026\ncalendar: {week: 7}\n"), False),
    ("no such date", variant(ACTIVITY, ACTIVITY + "        dates: [2026-13-01]\n"), False),
    ("an unknown status", variant(ACTIVITY, ACTIVITY + "        log: [{status: finished}]\n"), False),
    (
        "negative participants",
        variant(ACTIVITY, ACTIVITY + "        log: [{status: done, participants: -3}]\n"),
        False,
    ),
    ("an empty name", variant("name: ГИБДД", "name: ''"), False),
    ("an activity without a form", variant("      - form: беседа\n", "      - title: Беседа\n"), False),
    ("no planner", variant("planner: {name: Объединение}\n", ""), False),
]


@pytest.mark.parametrize(
    ("text", "accepted"), [(t, a) for _, t, a in VARIANTS], ids=[n for n, _, _ in VARIANTS]
)
def test_schema_and_validate_agree_on_variants(text: str, accepted: bool) -> None:
    assert validate_accepts(text) is accepted
    assert schema_accepts(text) is accepted


REGISTRY_VARIANTS: list[tuple[str, bool]] = [
    ("version: 1\npartners:\n  - {id: gibdd, name: ГИБДД, group: law}\n", True),
    ("partners:\n  - {id: gibdd, name: ГИБДД, agreement: {number: 7}}\n", True),
    ("version: 1\npartners:\n  - {id: gibdd}\n", False),  # partners.yaml is where the name is
    ("version: 1\npartners:\n  - {id: gibdd, name: ГИБДД, activities: []}\n", False),
]


@pytest.mark.parametrize(("text", "accepted"), REGISTRY_VARIANTS)
def test_partners_schema_and_validate_agree(text: str, accepted: bool) -> None:
    assert validate_accepts(text, "partners.yaml") is accepted
    assert schema_accepts(text, registry=True) is accepted


# --- what editors show ----------------------------------------------------------------------------


def _walk(node: Any) -> Any:
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


@pytest.mark.parametrize("registry", [False, True])
def test_titles_hints_and_messages_are_russian(registry: bool) -> None:
    schema = json_schema(registry)
    cyrillic = re.compile("[а-яё]", re.IGNORECASE)
    for name, definition in schema["$defs"].items():
        assert cyrillic.search(definition["title"]), f"$defs.{name}: title {definition['title']!r}"
    patterns = [n["pattern"] for n in _walk(schema) if "pattern" in n]
    assert patterns and not any("\\w" in p for p in patterns)  # \w is ASCII-only in JavaScript
    for node in _walk(schema):
        if node.get("pattern", "").startswith("^[0-9A-Za-z"):
            assert cyrillic.search(node["errorMessage"]) and cyrillic.search(node["description"])


def test_editors_are_offered_forms_groups_and_directions() -> None:
    from partnerplan.plan import vocabulary as vocab

    defs = json_schema()["$defs"]
    assert defs["Activity"]["properties"]["form"]["examples"][:2] == ["консультация", "мастер-класс"]
    assert "law" in defs["Partner"]["properties"]["group"]["examples"]
    directions = next(m for m in defs["Partner"]["properties"]["directions"]["anyOf"] if m["type"] == "array")
    assert directions["items"]["examples"] == [d for d, _ in vocab.DIRECTIONS]
