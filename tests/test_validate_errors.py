"""Bad input: each case pins the code, the position and the Russian message."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from partnerplan.diagnostics import Diagnostic, format_text
from partnerplan.plan.check import check
from partnerplan.plan.load import MAX_BYTES, load_file, load_text
from partnerplan.plan.loader import load_plan

HEAD = "version: 1\nplanner:\n  name: Объединение\nyear: 2025/2026\n"


def diags(text: str) -> list[Diagnostic]:
    return check(load_text(text, "plan.yaml")).diagnostics


def only(text: str) -> Diagnostic:
    found = [d for d in diags(text) if d.severity == "error"]
    assert len(found) == 1, [(d.code, d.line, d.column, d.message()) for d in found]
    return found[0]


CASES = [
    # (name, text, code, line, column, a piece of the Russian message)
    ("yaml syntax: unexpected colon", HEAD + "title: Беседа: ПДД\n", "PP017", 5, 14, "двоеточие"),
    (
        "tab indentation",
        "version: 1\nplanner:\n\tname: x\nyear: 2026\n",
        "PP011",
        3,
        1,
        "табуляцией",
    ),
    ("unclosed quote", HEAD + 'title: "Комплексный план\n', "PP016", 5, 8, "кавычка"),
    ("duplicate key", HEAD + "title: А\ntitle: Б\n", "PP012", 6, 1, "«title» повторяется"),
    (
        "unknown key with suggestion",
        HEAD + "partnrs: []\n",
        "PP100",
        5,
        1,
        "неизвестный ключ «partnrs»",
    ),
    ("missing key", "version: 1\nyear: 2026\n", "PP101", 1, 1, "«planner»"),
    (
        "missing nested key",
        "version: 1\nplanner:\n  parent: x\nyear: 2026\n",
        "PP101",
        3,
        3,
        "«name»",
    ),
    ("wrong type: list expected", HEAD + "partners: нет\n", "PP102", 5, 11, "ожидается список"),
    (
        "wrong type: mapping expected",
        "version: 1\nplanner: Объединение\nyear: 2026\n",
        "PP102",
        2,
        10,
        "ключ: значение",
    ),
    (
        "impossible date",
        HEAD + "partners:\n  - id: a\n    name: A\n    activities:\n"
        "      - {form: беседа, dates: [2026-02-30]}\n",
        "PP103",
        9,
        32,
        "2026-02-30",
    ),
    (
        "date outside the year",
        HEAD + "partners:\n  - id: a\n    name: A\n    activities:\n"
        "      - {form: беседа, dates: [2024-05-01]}\n",
        "PP205",
        9,
        32,
        "вне года плана 2025/2026",
    ),
    (
        "year not consecutive",
        "version: 1\nplanner: {name: X}\nyear: 2025/2027\n",
        "PP106",
        3,
        7,
        "два года подряд",
    ),
    (
        "year is not a year",
        "version: 1\nplanner: {name: X}\nyear: прошлый\n",
        "PP105",
        3,
        7,
        "не год плана",
    ),
    (
        "duplicate ids",
        HEAD + "partners:\n  - {id: a, name: A, activities: [{form: беседа}]}\n"
        "  - {id: a, name: B, activities: [{form: беседа}]}\n",
        "PP200",
        7,
        10,
        "«a» уже занят (строка 6)",
    ),
    (
        "dangling group",
        HEAD + "partners:\n  - {id: a, name: A, group: eduu, activities: [{form: беседа}]}\n",
        "PP201",
        6,
        29,
        "группа «eduu»",
    ),
    (
        "dangling direction",
        HEAD + "partners:\n  - id: a\n    name: A\n    directions: [edu, prff]\n"
        "    activities: [{form: беседа}]\n",
        "PP202",
        8,
        23,
        "направление «prff»",
    ),
    ("empty value", HEAD + "partners:\n  - id: a\n    name:\n", "PP107", 7, 5, "значение пустое"),
    ("bad id", HEAD + "partners:\n  - {id: школа 4, name: A}\n", "PP108", 6, 10, "идентификатор"),
    ("top level is a list", "- version: 1\n", "PP014", 1, 1, "набор полей"),
    ("wrong version", "version: 2\nplanner: {name: X}\nyear: 2026\n", "PP104", 1, 10, "«2»"),
    ("two documents", HEAD + "---\nversion: 1\n", "PP022", 5, 1, "несколько документов"),
    (
        "reversed break",
        HEAD + "calendar:\n  breaks:\n    - {name: осенние, from: 2025-11-04, to: 2025-10-25}\n",
        "PP206",
        7,
        45,
        "раньше, чем начинается",
    ),
]


@pytest.mark.parametrize(
    ("text", "code", "line", "col", "piece"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input_is_pinned(text: str, code: str, line: int, col: int, piece: str) -> None:
    d = only(text)
    assert (d.code, d.line, d.column) == (code, line, col), d.message()
    assert piece in d.message()
    assert d.hint(), "every error tells how to fix it"


def test_unknown_key_suggests_the_nearest() -> None:
    d = only(HEAD + "partnrs: []\n")
    assert d.hint() == "возможно, вы имели в виду «partners»?"


def test_unknown_form_is_a_warning_with_the_nearest_form() -> None:
    found = diags(HEAD + "partners:\n  - {id: a, name: A, activities: [{form: консультацыя}]}\n")
    assert [(d.code, d.severity) for d in found] == [("PP203", "warning")]
    assert "консультация" in (found[0].hint() or "")


def test_partner_without_activities_is_a_warning() -> None:
    found = diags(HEAD + "partners:\n  - {id: a, name: МБОУ гимназия}\n")
    assert [(d.code, d.severity, d.line) for d in found] == [("PP204", "warning", 6)]
    assert "МБОУ гимназия" in found[0].message()


def test_all_problems_of_a_file_in_one_run() -> None:
    text = "version: 1\nplaner: {name: X}\nyear: 2025/2027\ntitle: a\ntitle: b\n"
    codes = sorted(d.code for d in diags(text))
    assert codes == ["PP012", "PP100", "PP101", "PP106"]


def test_yaml11_traps_stay_text() -> None:
    text = (
        HEAD + "title: no\npartners:\n  - {id: on, name: yes, activities: [{form: беседа, period: 04.10}]}\n"
    )
    result = check(load_text(text, "p.yaml"))
    assert result.plan is not None
    assert result.plan.title == "no"
    p = result.plan.partners[0]
    assert (p.id, p.name, p.activities[0].period) == ("on", "yes", "04.10")


def test_calendar_year_and_dash_forms() -> None:
    for raw, norm in [("2026", "2026"), ("2025-2026", "2025/2026"), ("2025–2026", "2025/2026")]:
        plan = check(load_text(f"version: 1\nplanner: {{name: X}}\nyear: {raw}\n", "p")).plan
        assert plan is not None and plan.year == norm
    plan = check(load_text("version: 1\nplanner: {name: X}\nyear: 2026\n", "p")).plan
    assert plan is not None and (plan.start.isoformat(), plan.end.isoformat()) == (
        "2026-01-01",
        "2026-12-31",
    )


def test_empty_file() -> None:
    for text in ("", "   \n", "# только комментарий\n"):
        (d,) = diags(text)
        assert d.code == "PP005" and "пуст" in d.message()


def test_crlf_bom_utf16_are_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = HEAD.replace("\n", "\r\n") + "title: План «Рукодельницы»\r\n"
    for name, data in [
        ("crlf.yaml", text.encode("utf-8")),
        ("bom.yaml", b"\xef\xbb\xbf" + text.encode("utf-8")),
        ("utf16.yaml", text.encode("utf-16")),
    ]:
        f = tmp_path / name
        f.write_bytes(data)
        result = check(load_file(str(f)))
        assert result.diagnostics == [], name
        assert result.plan is not None and result.plan.title == "План «Рукодельницы»"


def test_windows_1251_is_read_with_a_warning(tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "cp.yaml"
    f.write_bytes((HEAD + "title: План работы\n").encode("cp1251"))
    result = check(load_file(str(f)))
    assert [d.code for d in result.diagnostics] == ["PP002"]
    assert "Windows-1251" in result.diagnostics[0].message()
    assert "iconv" in (result.diagnostics[0].hint() or "")
    assert result.plan is not None and result.plan.planner.name == "Объединение"


def test_binary_garbage_is_refused() -> None:
    (d,) = load_plan(bytes(range(128, 256)) * 3 + b"\x98", path="x").diagnostics
    assert d.code == "PP003" and d.severity == "error"


def test_billion_laughs_is_refused_quickly_and_small() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    text = "\n".join(lines) + "\n"
    tracemalloc.start()
    started = time.perf_counter()
    (d,) = diags(text)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert d.code == "PP013"
    # Bounds, not a benchmark: an expanded bomb would need gigabytes and minutes.
    assert peak < 50 * 2**20 and elapsed < 10


def test_huge_file_is_refused_with_a_message(tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "big.yaml"
    with open(f, "wb") as fh:
        fh.write(HEAD.encode())
        fh.write(b"# " + b"x" * 1000 + b"\n")
        fh.seek(MAX_BYTES + 10)
        fh.write(b"\n")
    (d,) = check(load_file(str(f))).diagnostics
    assert d.code == "PP004" and "МБ" in d.message()


def test_missing_file() -> None:
    (d,) = check(load_file("/nonexistent/plan.yaml")).diagnostics
    assert d.code == "PP001" and d.message() == "файл не найден"


def test_text_format_has_location_source_line_caret_and_hint() -> None:
    text = HEAD + "partnrs: []\n"
    d = only(text)
    out = format_text(d, text.splitlines())
    assert out.splitlines() == [
        "plan.yaml:5:1: ошибка[PP100]: неизвестный ключ «partnrs»",
        "   |",
        " 5 | partnrs: []",
        "   | ^",
        " = подсказка: возможно, вы имели в виду «partners»?",
    ]


def test_english_messages() -> None:
    d = only(HEAD + "partnrs: []\n")
    assert d.message("en") == "unknown key 'partnrs'"
    assert d.hint("en") == "did you mean 'partners'?"


@pytest.mark.parametrize(
    "tag", ["!!binary aGk=", "!!python/object/apply:os.system ['true']", "!custom x", "!!int 5"]
)
def test_yaml_tags_are_refused_with_their_place(tag: str) -> None:
    text = f"version: 1\nplanner:\n  name: {tag}\nyear: 2025/2026\n"
    (d,) = load_plan(text.encode(), path="p.yaml").diagnostics
    assert (d.code, d.line, d.column) == ("PP027", 3, 9)
    assert tag.split()[0] in d.message()


def test_the_str_tag_is_plain_text() -> None:
    checked = load_plan(b"version: 1\nplanner: {name: !!str 2026}\nyear: 2025/2026\n", path="p.yaml")
    assert checked.ok and checked.plan is not None and checked.plan.planner.name == "2026"


def test_english_keeps_every_hint_russian_has() -> None:
    import re

    from partnerplan.messages.en import EN
    from partnerplan.messages.ru import RU

    root = Path(__file__).resolve().parent.parent / "src" / "partnerplan" / "messages"
    source = (root / "ru.py").read_text(encoding="utf-8") + (root / "en.py").read_text(encoding="utf-8")
    names = set(re.findall(r"\{(\w+)", source)) | set(re.findall(r'a(?:\.get\(|\[)"(\w+)"', source))

    class Args(dict[str, object]):
        def __missing__(self, key: str) -> str:
            return "x"

    args = Args({n: "x" for n in names})
    args.update(suggestions=["Май"], allowed="a, b", found="text", expected="'a'", reason="denied", count=2)
    assert set(EN) == set(RU)
    missing = [code for code in sorted(RU) if RU[code][1](args) and not EN[code][1](args)]
    assert missing == []
