"""fmt's fast path: a canonical text is recognised from libyaml's events alone, and never
wrongly — every verdict here is checked against ruamel's round trip, as format_text ran
it before the fast path (format, then the black-style proof)."""

from __future__ import annotations

import functools
import json
import os
import random
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from partnerplan.plan import canonical
from partnerplan.plan import format as fmt
from partnerplan.plan.canonical import is_canonical
from partnerplan.plan.format import FormatError, format_path, format_text
from partnerplan.plan.load import load_bytes
from partnerplan.plan.model import Plan, Registry
from partnerplan.plan.starter import starter_plan

from .conftest import PLANS, ROOT, Run

sys.path.insert(0, str(ROOT / "benchmarks"))
from genplan import plan_text

Root = type[Plan] | type[Registry]
HEAD = "version: 1\nplanner:\n  name: X\nyear: 2025/2026\n"
LONG = "очень длинный текст задачи, который не помещается в одну строку вместе с другими задачами"
# A canonical plan with every kind of line the layout writes: flow records and words,
# nested flow, block records, empty collections, dates, numbers, nulls, quoted text.
RICH = (
    HEAD.replace("  name: X\n", "  name: X\n  approver:\n    position: P\n    name: N\n")
    + "title: T\ncalendar:\n  breaks:\n    - {from: 2025-10-27, to: 2025-11-04}\n"
    "    - {from: 2025-12-29, to: 2026-01-08}\n  days_off: []\ngoals: [a, b]\n"
    f"tasks:\n  - {LONG}\n  - t2\ndirections:\n  - {{id: eco, name: e}}\n  - id: long\n"
    f"    name: {LONG}\nforms:\n  - {{id: q, name: квест, aliases: [квесты, квестов]}}\n"
    "partners:\n  - id: p1\n    name: N\n    directions: [edu, prof]\n    activities:\n"
    "      - form: f\n        title: 'a: b'\n        log:\n          - planned: 2026-05-26\n"
    "            status: done\n      - form: g\n        note:\n  - id: p2\n    activities: []\n"
    "  - id: p3\n    contacts: {}\n    note: \"it's: x\"\n    zz:\n      a: [b, '1']\n"
    "  - activities:\n      - form: x\n        log:\n          - planned: 1\n"
)


def full_format(text: str, root: Root = Plan) -> str | None:
    """The round trip exactly as format_text ran it before the fast path; None: FormatError."""
    text = text.replace("\r\n", "\n")
    try:
        out = fmt._format(text, root)
        fmt._assert_equivalent(text, out, root)
    except FormatError:
        return None
    return out


def sound(text: str, root: Root = Plan) -> tuple[bool, bool]:
    """(the fast verdict, the round trip's verdict); fails if the fast one is wrong."""
    fast = is_canonical(text, root)
    same = full_format(text, root) == text
    assert same or not fast, f"the fast path calls a text canonical that fmt would change:\n{text}"
    return fast, same


def _root(path: Path) -> Root:
    return Registry if path.name == "partners.yaml" else Plan


def _text(path: Path) -> str:
    return load_bytes(path.read_bytes(), str(path)).text  # as format_path reads it


FIXTURES = sorted(p for p in [*PLANS.rglob("*.yaml"), *(ROOT / "tests").rglob("*.yaml")])


# --- 1. every file of the repository, as it is and formatted -------------------------------


def test_there_are_fixtures_of_every_kind() -> None:
    names = {p.relative_to(ROOT).parts[0] for p in FIXTURES}
    assert names == {"plans", "tests"} and len(FIXTURES) >= 30


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_fast_verdict_agrees_with_the_round_trip_on_every_file(path: Path) -> None:
    text, root = _text(path), _root(path)
    fast = is_canonical(text, root)
    formatted = full_format(text, root)  # one round trip a file: some are slow
    assert formatted == text or not fast
    # fmt's output is canonical by construction (its proof runs it twice): the fast
    # path may agree or abstain, as it does on lists at the top and block scalars.
    fast_formatted = formatted is not None and is_canonical(formatted, root)
    if path.is_relative_to(PLANS):  # real plans: canonical, and proven so without ruamel
        assert formatted == text and fast and fast_formatted


def test_plans_of_every_size_are_proven_canonical() -> None:
    for n in (1, 7, 60):
        text = plan_text(n)
        assert is_canonical(text, Plan) and full_format(text) == text


def test_the_rich_plan_is_canonical_and_proven_so() -> None:
    assert sound(RICH) == (True, True)


# --- 2. mutations: what the fast path accepts, the round trip leaves alone ------------------

_KEY_LINE = re.compile(r"( *)([a-z_]+): \S")


def _lines(f: Callable[[list[str]], list[str] | None]) -> Callable[[str], str | None]:
    def mutate(text: str) -> str | None:
        out = f(text.split("\n")[:-1])
        return None if out is None else "\n".join(out) + "\n"

    return mutate


def _first(lines: list[str], pattern: str) -> int | None:
    return next((i for i, line in enumerate(lines) if re.fullmatch(pattern, line)), None)


@_lines
def _swap_keys(lines: list[str]) -> list[str] | None:
    for i in range(len(lines) - 1):
        a, b = _KEY_LINE.match(lines[i]), _KEY_LINE.match(lines[i + 1])
        if a and b and a.group(1) == b.group(1) and not lines[i].lstrip().startswith("- "):
            return [*lines[:i], lines[i + 1], lines[i], *lines[i + 2 :]]
    return None


@_lines
def _dedent_list(lines: list[str]) -> list[str] | None:  # `key:\n- item` — the same data
    starts = [
        i for i in range(len(lines) - 1) if re.fullmatch(r"[a-z_]+:", lines[i]) and lines[i + 1][:4] == "  - "
    ]
    if not starts:
        return None
    i = starts[0]
    end = next((j for j in range(i + 1, len(lines)) if not lines[j].startswith(" ")), len(lines))
    return [*lines[: i + 1], *(line[2:] for line in lines[i + 1 : end]), *lines[end:]]


@_lines
def _flow_to_block(lines: list[str]) -> list[str] | None:
    i = _first(lines, r" *[a-z_]+: \[[^\]'\"]+\]")
    if i is None:
        return None
    head, items = lines[i].split(": [", 1)
    pad = " " * (len(head) - len(head.lstrip()) + 2)
    return [*lines[:i], head + ":", *(f"{pad}- {x}" for x in items[:-1].split(", ")), *lines[i + 1 :]]


@_lines
def _block_to_flow(lines: list[str]) -> list[str] | None:
    i = _first(lines, r" *(goals|tasks|results):")
    if i is None:
        return None
    pad = " " * (len(lines[i]) - len(lines[i].lstrip()) + 2) + "- "
    end = next((j for j in range(i + 1, len(lines)) if not lines[j].startswith(pad)), len(lines))
    items = [line[len(pad) :] for line in lines[i + 1 : end]]
    return [*lines[:i], f"{lines[i]} [{', '.join(items)}]", *lines[end:]]


def _quote(mark: str) -> Callable[[str], str | None]:
    @_lines
    def quote(lines: list[str]) -> list[str] | None:
        i = _first(lines, r" *(title|name|period): [^'\"#]+")
        if i is None:
            return None
        key, value = lines[i].split(": ", 1)
        return [*lines[:i], f"{key}: {mark}{value}{mark}", *lines[i + 1 :]]

    return quote


@_lines
def _unquote(lines: list[str]) -> list[str] | None:
    i = _first(lines, r".*: '[^']*'")
    if i is None:
        return None
    key, value = lines[i].split(": ", 1)
    return [*lines[:i], f"{key}: {value[1:-1]}", *lines[i + 1 :]]


def _comment_line(where: str) -> Callable[[str], str | None]:
    @_lines
    def add(lines: list[str]) -> list[str] | None:
        i = _first(lines, where)
        if i is None:
            return None
        pad = " " * (len(lines[i]) - len(lines[i].lstrip()))
        return [*lines[:i], f"{pad}# новый комментарий", *lines[i:]]

    return add


@_lines
def _eol_comment(lines: list[str]) -> list[str] | None:
    i = _first(lines, r" +(name|title|period|form): [^#]*")
    return None if i is None else [*lines[:i], lines[i] + "  # примечание", *lines[i + 1 :]]


@_lines
def _eol_after_flow(lines: list[str]) -> list[str] | None:
    i = _first(lines, r" *- \{.*\}")
    return None if i is None else [*lines[:i], lines[i] + "  # своё", *lines[i + 1 :]]


@_lines
def _blank_between(lines: list[str]) -> list[str] | None:
    i = _first(lines, r"(partners|goals|tasks|directions|groups):")
    return None if i is None else [*lines[:i], "", *lines[i:]]


@_lines
def _indent_one(lines: list[str]) -> list[str] | None:
    i = _first(lines, r"  [a-z_]+: .*")
    return None if i is None else [*lines[:i], " " + lines[i], *lines[i + 1 :]]


@_lines
def _tab_after_colon(lines: list[str]) -> list[str] | None:
    i = _first(lines, r" *(title|name): [^'\"].*")
    return None if i is None else [*lines[:i], lines[i].replace(": ", ":\t", 1), *lines[i + 1 :]]


@_lines
def _tab_in_comment(lines: list[str]) -> list[str] | None:
    return ["#\tкомментарий", *lines]


@_lines
def _anchor(lines: list[str]) -> list[str] | None:
    i = _first(lines, r"year: .*")
    return None if i is None else [*lines[:i], lines[i].replace(": ", ": &y ", 1), *lines[i + 1 :]]


@_lines
def _null_tilde(lines: list[str]) -> list[str] | None:
    i = _first(lines, r" *note:")
    return None if i is None else [*lines[:i], lines[i] + " ~", *lines[i + 1 :]]


MUTATIONS: dict[str, tuple[Callable[[str], str | None], bool | None]] = {
    # name: (mutation, the fast verdict it must get: True, False, or None when either may do)
    "keys out of order": (_swap_keys, False),
    "a list indented less": (_dedent_list, False),
    "one line indented more": (_indent_one, False),
    "a short list in block style": (_flow_to_block, False),
    "a long list in flow style": (_block_to_flow, False),
    "single quotes not needed": (_quote("'"), False),
    "double quotes not needed": (_quote('"'), False),
    "quotes dropped": (_unquote, False),
    "trailing spaces": (lambda t: t.replace("\n", "  \n", 1), False),
    "no final newline": (lambda t: t[:-1], False),
    "blank lines at the end": (lambda t: t + "\n\n", False),
    "a blank line at the start": (lambda t: "\n" + t, False),
    "CRLF": (lambda t: t.replace("\n", "\r\n"), False),
    "a tab after a colon": (_tab_after_colon, False),
    "a tab in a comment": (_tab_in_comment, False),
    "BOM": (lambda t: "\ufeff" + t, False),
    "---": (lambda t: "---\n" + t, False),
    "...": (lambda t: t + "...\n", False),
    "an anchor": (_anchor, False),
    "a null as ~": (_null_tilde, False),
    "a comment at the top": (lambda t: "# шапка\n\n" + t, True),
    "a comment before a nested key": (_comment_line(r" +(name|title|form|period): .*"), True),
    "a comment before a list item": (_comment_line(r" +- .*"), True),
    "a comment at the end": (lambda t: t + "# конец\n", True),
    "a comment at the end of a line": (_eol_comment, True),
    "a blank line between keys": (_blank_between, True),
    "a comment after a flow record": (_eol_after_flow, False),  # ruamel may move it: refused
}
SEEDS = {"rich": RICH, **{p.name: _text(p) for p in sorted(PLANS.rglob("*.yaml"))}}


@pytest.mark.parametrize("name", MUTATIONS)
def test_mutations_get_the_verdict_of_the_round_trip(name: str) -> None:
    mutate, expected = MUTATIONS[name]
    applied = 0
    for seed_name, seed in SEEDS.items():
        text = mutate(seed)
        if text is None or text == seed:
            continue
        applied += 1
        root = Registry if seed_name == "partners.yaml" else Plan
        fast, same = sound(text, root)
        if expected is not None:
            assert fast is expected, (name, seed_name)
        if expected is True:
            assert same
    assert applied, f"the mutation {name!r} applies to no seed"


def test_every_comment_placement_around_every_line_is_judged_soundly() -> None:
    """Blank lines and comments (four indents) between any two lines of the rich plan,
    with and without end-of-line comments on both neighbours: a sample of 100."""
    lines = RICH.split("\n")[:-1]
    gaps = [[""], ["#c"], ["  #c"], ["      #c"], ["", "    #c"], ["  #c", ""]]
    cases = [(i, g, a, b) for i in range(len(lines) + 1) for g in gaps for a in (0, 1) for b in (0, 1)]
    accepted = 0
    for i, gap, eol_before, eol_after in random.Random(14).sample(cases, 100):
        mutated = list(lines)
        if eol_before and i > 0:
            mutated[i - 1] += "  # до"
        if eol_after and i < len(mutated):
            mutated[i] += " # после"
        fast, _ = sound("\n".join([*mutated[:i], *gap, *mutated[i:]]) + "\n")
        accepted += fast
    assert accepted > 50  # most placements are proven, not only refused


# --- 3. scalars: the writer's quoting is ruamel's ------------------------------------------

TRICKY = [
    "a", "abc def", "it's", "a: b", "a:b", "a #b", "a#b", "#a", "- a", "-a", "? a", "?a", ": a",
    ":a", "a:", "[a]", "a, b", "{x}", "x]", '"q"', 'q"q', "'", "@x", "`x", "%x", "!x", "&x", "*x",
    "|x", ">x", "---x", "...x", "yes", "no", "on", "true", "True", "null", "~", "", " lead",
    "trail ", "1", "01", "1.5", "1e3", "0x1F", "0o7", "1_000", "+1", "-1", ".5", ".inf",
    "2025-10-27", "2025-1-2", "2025-13-01", "10:00", "2025/2026", "Привет, мир", "Центр «Я»",
    "a  b", "=", "<<", "a\\b", "a\"b'c", "a'b", "0", "12", "a?b", "№ 5", "http://x.ru/a?b=c#d",
    "*", "-", "?", ":", "[", "{", "#", ",", "ёж", "2024-02-29", "2025-10-27 10:00:00", "a\tb",
    "\xa0x", "x\xa0", "😀", "Null", "FALSE", "y", "n", "é", "a}b", "a-b", ".", "..", "-.5",
]  # fmt: skip


@functools.cache
def _ruamel() -> tuple[object, object]:
    """fmt's own ruamel emitter and resolver."""
    import io

    y = fmt.round_trip_yaml()
    y._stream = io.StringIO()
    return y.emitter, y.resolver


def _ruamel_plain(s: str) -> tuple[bool, bool]:
    a = _ruamel()[0].analyze_scalar(s)  # type: ignore[attr-defined]
    return a.allow_block_plain, a.allow_flow_plain


def _ruamel_is_text(s: str) -> bool:
    from ruamel.yaml.nodes import ScalarNode

    tag = _ruamel()[1].resolve(ScalarNode, s, (True, False))  # type: ignore[attr-defined]
    return str(tag) == "tag:yaml.org,2002:str"


def _strings() -> list[str]:
    r = random.Random(3)
    alphabet = "ab -:#?,[]{}'\"!&*|>%@`.~=<0129_xé\xa0"
    return [*TRICKY, *("".join(r.choice(alphabet) for _ in range(r.randint(1, 6))) for _ in range(3000))]


def test_the_plain_rule_is_ruamels_analyze_scalar() -> None:
    for s in _strings():
        if not s or "\t" in s:
            continue  # the empty text is never plain: it reads as null (the type rule)
        assert (canonical._plain(s, False), canonical._plain(s, True)) == _ruamel_plain(s), repr(s)


def test_the_type_rule_is_ruamels_resolver() -> None:
    for s in _strings():
        ours = s not in canonical._NULL and not canonical._NOT_STR.fullmatch(s)
        assert ours == _ruamel_is_text(s), repr(s)


@pytest.mark.parametrize("flow", [False, True], ids=["block", "flow"])
def test_every_scalar_is_written_as_ruamel_writes_it(flow: bool) -> None:
    import io

    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    written = 0
    for s in TRICKY:
        try:
            shown = canonical._text(s, flow)
        except canonical._No:
            continue  # outside the subset: the round trip decides
        data = CommentedMap()
        if flow:
            data["goals"] = CommentedSeq([s, "x"])
            data["goals"].fa.set_flow_style()
        else:
            data["title"] = s
        out = io.StringIO()
        fmt.round_trip_yaml().dump(data, out)
        assert out.getvalue() == (f"goals: [{shown}, x]\n" if flow else f"title: {shown}\n"), repr(s)
        text = HEAD + out.getvalue()
        written += sound(text)[0]  # proven canonical, unless ruamel would read it back otherwise
    assert written > 60


@pytest.mark.parametrize("s", TRICKY)
def test_every_way_of_writing_a_scalar_is_judged_soundly(s: str) -> None:
    for shown in (
        s,
        "'" + s.replace("'", "''") + "'",
        '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"',
    ):
        for text in (
            HEAD + f"title: {shown}\n",
            HEAD + f"goals: [{shown}]\n",
            HEAD + f"tasks:\n  - {shown}\n",
        ):
            sound(text)


# --- 4. layout: flow or block at the line limit, at every depth -----------------------------


@pytest.mark.parametrize("n", range(70, 104, 3))
def test_the_line_limit_is_fmts_at_every_depth(n: int) -> None:
    word = "с" * (n - 69)
    text = (
        HEAD + f"calendar:\n  breaks: [{{name: {word}1, from: 2025-10-27, to: 2025-11-04}}]\n"
        f"goals: [{word}, второй пункт списка целей программы, третий пункт]\n"
        f"directions: [{{id: eco, name: {word}экологическое направление работы объединения}}]\n"
        f"forms: [{{id: q, name: {word}, aliases: [квесты, квестов, квест-игра, игра]}}]\n"
        f"partners: [{{id: p1, name: N, directions: [edu, prof, {word}, social, art, method]}}]\n"
    )
    formatted = full_format(text)
    assert formatted is not None and formatted != text
    assert sound(formatted) == (True, True)
    for other in (_flow_to_block(formatted), _block_to_flow(formatted)):  # any other writing
        assert other is None or sound(other) == (False, False)


def test_random_plans_are_judged_soundly() -> None:
    r = random.Random(2026)
    words = ["слово", "a: b", "it's", "x", "2", "2025-10-27", "#", "- a", "", "да, нет", LONG]
    proven = 0
    for _ in range(40):
        partners = [
            {
                "id": f"p{i}",
                "name": r.choice(words),
                "directions": r.sample(["edu", "prof", "social", "art"], r.randint(0, 3)),
                "activities": [
                    {"form": r.choice(words), "title": r.choice(words)} for _ in range(r.randint(0, 2))
                ],
            }
            for i in range(r.randint(0, 3))
        ]
        lines = [
            HEAD.rstrip("\n"),
            f"goals: {json.dumps(r.sample(words, r.randint(0, 4)), ensure_ascii=False)}",
        ]
        lines += (
            ["partners:"] + [f"  - {json.dumps(p, ensure_ascii=False)}" for p in partners] if partners else []
        )
        text = "\n".join(lines) + "\n"
        formatted = full_format(text)
        if formatted is None:
            continue
        fast, _ = sound(formatted)
        proven += fast
        sound(formatted.replace("  - id:", "  # партнёр\n  - id:", 1))
    assert proven >= 20


# --- 5. the fast path is taken: no round trip, no ruamel, no self-check ----------------------


def test_fmt_check_answers_without_ruamel(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_round_trip(*_: object) -> None:
        raise AssertionError("the round trip ran")

    monkeypatch.setattr(fmt, "round_trip_yaml", no_round_trip)
    plan = PLANS / "rukodelnitsa.yaml"
    result = format_path(str(plan))
    assert not result.changed and result.new == plan.read_text(encoding="utf-8")
    code, _, err = run("fmt", "--check", str(PLANS))
    assert code == 0, err
    with pytest.raises(AssertionError, match="round trip"):  # the patch does bite elsewhere
        format_text(HEAD.replace("version: 1\n", "") + "version: 1\n")


def test_a_fresh_fmt_check_never_imports_ruamel() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "partnerplan",
            "fmt",
            "--check",
            str(PLANS / "rukodelnitsa.yaml"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PARTNERPLAN_NO_CACHE": "1"},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "partnerplan.plan.canonical" in proc.stderr and "ruamel" not in proc.stderr


def test_an_unchanged_text_skips_the_self_check(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = fmt._assert_equivalent

    def spy(before: str, after: str, root: type[Plan]) -> None:
        calls.append(before)
        real(before, after, root)

    monkeypatch.setattr(fmt, "_assert_equivalent", spy)
    kept = HEAD + "directions:\n  - {id: eco, name: экология}  # своё\n"  # refused by the fast path
    assert not is_canonical(kept, Plan)
    assert format_text(kept) == kept and calls == []
    assert format_text(HEAD + "goals:\n  - a\n") == HEAD + "goals: [a]\n" and len(calls) == 1


def test_the_starter_plan_is_still_canonical() -> None:
    text = starter_plan("plan.schema.json")
    assert format_text(text) == text
    sound(text)
