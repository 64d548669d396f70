"""How much of real plans `partnerplan import` recovers: the Word and Excel corpora.

Each case in tests/data/import_corpus/{docx,xlsx}/cases is a published plan transcribed
with what a methodist reads out of it (`expected`). The corpora are built into a
temporary folder once per session; every case is imported and scored:

- partners: an expected partner (its name or the document's spelling) matches an
  imported partner's name after normalisation (case, ё, quotes, punctuation) or by a
  near spelling (similarity ≥ 0.85);
- activities: an expected activity's title matches an imported one — equal after
  normalisation, near (≥ 0.85), or the imported title starts with it (the title plus its
  details); an activity listed under two partners counts twice;
- links: the activity sits under the right partner (or, for `unassigned`, under «Без
  партнёра»);
- periods: the matched activity's period equals the expected one (whitespace, case).

`pytest -s tests/test_import_corpus.py` prints the table. The overall recall of
partners, activities and periods must stay ≥ 0.90, and every case above its floor.

Then the files real life brings besides: partnerplan's own documents re-saved by
LibreOffice, a part renamed by another editor, `null`s in the embedded plan, a zip bomb,
broken packages, a row shorter than its grid.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import pytest
import yaml

from partnerplan.dates.explain import year_calendar
from partnerplan.dates.periods import PeriodError, parse_period
from partnerplan.documents.build import render
from partnerplan.documents.importer import (
    UNASSIGNED_NAME,
    ImportFailed,
    import_document,
    import_docx,
    to_yaml,
)
from partnerplan.plan.check import check
from partnerplan.plan.load import load_text
from partnerplan.plan.loader import load_plan

from .conftest import PLANS
from .test_import import ALL_PLANS, _acts, _docx, _table

CORPUS = Path(__file__).parent / "data" / "import_corpus"
KINDS = ("docx", "xlsx")
CASES = [(kind, p.stem) for kind in KINDS for p in sorted((CORPUS / kind / "cases").glob("*.yaml"))]

# Per case: the least recall of partners, activities, periods and links it must keep. The
# importer recovers every case in full today; a case may lose a little (one activity in
# seven) before the test fails, so a regression in any one layout is caught.
FLOORS: dict[str, tuple[float, float, float, float]] = {}
DEFAULT_FLOOR = (0.85, 0.85, 0.85, 0.80)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("import_corpus")
    for kind in KINDS:
        subprocess.run(
            [sys.executable, str(CORPUS / kind / "build.py"), str(out / kind)],
            check=True,
            capture_output=True,
        )
    return out


def canon(text: str | None) -> str:
    t = (text or "").lower().replace("ё", "е")
    t = re.sub(r"[«»\"“”„'`]", "", t)
    t = re.sub(r"[^\w№]+", " ", t)
    return " ".join(t.split())


def period_canon(text: str | None) -> str:
    t = (text or "").lower().replace("–", "-").replace("—", "-")
    return " ".join(t.split())


def near(a: str, b: str) -> bool:
    return a == b or SequenceMatcher(None, a, b).ratio() >= 0.85


def title_match(want: str, got: str) -> bool:
    w, g = canon(want), canon(got)
    return bool(w) and (near(w, g) or g.startswith(w))


@dataclass
class Score:
    partners: list[int] = field(default_factory=lambda: [0, 0])
    activities: list[int] = field(default_factory=lambda: [0, 0])
    periods: list[int] = field(default_factory=lambda: [0, 0])
    links: list[int] = field(default_factory=lambda: [0, 0])
    organisation: str = "—"
    year: str = "—"
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("partners", "activities", "periods", "links"):
            mine, theirs = getattr(self, name), getattr(other, name)
            mine[0] += theirs[0]
            mine[1] += theirs[1]


def recall(pair: list[int]) -> float:
    return pair[0] / pair[1] if pair[1] else 1.0


def score(case: dict[str, Any], data: dict[str, Any]) -> Score:
    exp = case["expected"]
    s = Score()
    got_partners = [p for p in data["partners"] if p["name"] != UNASSIGNED_NAME]
    bucket = next((p for p in data["partners"] if p["name"] == UNASSIGNED_NAME), {"activities": []})
    pairs: dict[int, dict[str, Any]] = {}  # expected partner index → imported partner
    free = list(got_partners)
    for i, p in enumerate(exp.get("partners") or []):
        names = {canon(p["name"]), canon(p.get("found_as") or p["name"])}
        best = max(
            free,
            key=lambda g: max(SequenceMatcher(None, n, canon(g["name"])).ratio() for n in names),
            default=None,
        )
        s.partners[1] += 1
        if best is not None and any(near(n, canon(best["name"])) for n in names):
            s.partners[0] += 1
            pairs[i] = best
            free.remove(best)
        else:
            s.misses.append(f"partner {p['name']!r}")
    pool = [(p, a) for p in data["partners"] for a in p.get("activities", [])]
    used: set[int] = set()

    def take(title: str, home: dict[str, Any] | None) -> tuple[dict[str, Any] | None, bool]:
        order = sorted(range(len(pool)), key=lambda k: pool[k][0] is not home)
        for k in order:
            p, a = pool[k]
            if k not in used and title_match(title, a.get("title") or a.get("form", "")):
                used.add(k)
                return a, p is home
        return None, False

    wanted = [(i, a) for i, p in enumerate(exp.get("partners") or []) for a in p["activities"]]
    wanted += [(-1, a) for a in exp.get("unassigned") or []]
    for i, a in wanted:
        home = bucket if i == -1 else pairs.get(i)
        got, linked = take(a["title"], home)
        s.activities[1] += 1
        s.links[1] += 1
        if got is None:
            s.misses.append(f"activity {a['title'][:50]!r}")
            continue
        s.activities[0] += 1
        s.links[0] += linked
        if not linked:
            s.misses.append(f"link {a['title'][:40]!r}")
        if a["period"] is not None:
            s.periods[1] += 1
            if period_canon(got.get("period")) == period_canon(a["period"]):
                s.periods[0] += 1
            else:
                s.misses.append(f"period {a['period']!r} ≠ {got.get('period')!r}")
    orgs = {canon(exp.get("organisation")), canon(exp.get("organisation_found_as"))} - {""}
    if orgs:
        s.organisation = "да" if any(near(o, canon(data["planner"]["name"])) for o in orgs) else "нет"
    if exp.get("year"):
        s.year = "да" if data["year"] == exp["year"] else "нет"
    return s


@functools.cache
def run_case(built: Path, kind: str, name: str) -> tuple[Score, Any, dict[str, Any]]:
    case = yaml.safe_load((CORPUS / kind / "cases" / f"{name}.yaml").read_text(encoding="utf-8"))
    imported = import_document(str(built / kind / f"{name}.{kind}"), "2025/2026")
    return score(case, imported.data), imported, case


@pytest.mark.parametrize(("kind", "name"), CASES, ids=[f"{k}/{n}" for k, n in CASES])
def test_case_recall_and_validity(built: Path, kind: str, name: str) -> None:
    s, imported, _case = run_case(built, kind, name)
    floors = FLOORS.get(name, DEFAULT_FLOOR)
    got = (recall(s.partners), recall(s.activities), recall(s.periods), recall(s.links))
    assert all(g >= f for g, f in zip(got, floors, strict=True)), (got, floors, s.misses)
    text = to_yaml(imported.data)
    checked = load_plan(text.encode("utf-8"), path=f"{name}.yaml", registry=None)
    assert checked.ok, [d.message() for d in checked.errors]
    # A period the period language cannot read is named, with its cell, in the notes.
    cal = year_calendar(imported.data["year"])
    for p in imported.data["partners"]:
        for a in p.get("activities", []):
            period = a.get("period")
            if not period:
                continue
            try:
                parse_period(period, cal)
            except PeriodError:
                assert any(f"срок «{period}»" in n and "строка" in n for n in imported.unmapped), period


def test_overall_recall(built: Path) -> None:
    total = Score()
    rows: list[tuple[str, Score, str]] = []
    for kind, name in CASES:
        s, imported, _case = run_case(built, kind, name)
        total.add(s)
        ok, all_ = _understood(imported.data)
        rows.append((f"{kind}/{name}", s, f"{ok}/{all_}"))
    lines = [
        "",
        f"{'case':<46} {'partners':>9} {'activities':>10} {'periods':>9} {'links':>9}  org   year  read",
    ]
    for label, s, read in rows:
        lines.append(
            f"{label:<46} {_cell(s.partners):>9} {_cell(s.activities):>10} {_cell(s.periods):>9} "
            f"{_cell(s.links):>9}  {s.organisation:<4}  {s.year:<4}  {read}"
        )
    lines.append(
        f"{'overall':<46} {_cell(total.partners):>9} {_cell(total.activities):>10} {_cell(total.periods):>9} "
        f"{_cell(total.links):>9}"
    )
    lines.append(
        f"{'recall':<46} {recall(total.partners):>9.2f} {recall(total.activities):>10.2f} "
        f"{recall(total.periods):>9.2f} {recall(total.links):>9.2f}"
    )
    print("\n".join(lines))
    assert recall(total.partners) >= 0.90
    assert recall(total.activities) >= 0.90
    assert recall(total.periods) >= 0.90
    assert recall(total.links) >= 0.85


def _cell(pair: list[int]) -> str:
    return f"{pair[0]}/{pair[1]}"


def _understood(data: dict[str, Any]) -> tuple[int, int]:
    from partnerplan.documents.importer_build import understood

    periods = [a.get("period") or "" for p in data["partners"] for a in p.get("activities", [])]
    return understood(periods, data["year"])


# --- real files: re-saved by LibreOffice, hostile, broken --------------------------------


def _soffice(args: list[str], tmp_path: Path) -> None:
    import subprocess

    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", *args],
        check=True,
        capture_output=True,
        timeout=300,
    )


needs_office = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)


@needs_office
def test_render_then_libreoffice_then_import_gives_back_the_plan(tmp_path: Path) -> None:
    """A document made by partnerplan, opened and saved again in LibreOffice (which renames
    the custom XML part), still imports back to the same plan."""
    saved = tmp_path / "saved"
    originals = {}
    for name in ALL_PLANS:
        originals[name] = load_plan(str(PLANS / f"{name}.yaml"))
        (tmp_path / f"{name.replace('/', '_')}.docx").write_bytes(render(originals[name], "docx").data)
    _soffice(
        [
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(saved),
            *(str(p) for p in sorted(tmp_path.glob("*.docx"))),
        ],
        tmp_path,
    )
    for name, original in originals.items():
        path = saved / f"{name.replace('/', '_')}.docx"
        assert path.exists(), name
        imported = import_docx(str(path), "2030/2031")
        again = check(load_text(to_yaml(imported.data), "imported.yaml"))
        assert again.plan is not None and original.plan is not None, name
        got, want = again.plan.model_dump(exclude={"title"}), original.plan.model_dump(exclude={"title"})
        order = {p.name: i for i, p in enumerate(again.plan.partners)}
        want["partners"].sort(key=lambda p: order[p["name"]])
        if not want.get("groups"):
            got["groups"] = want.get("groups", [])
        assert got == want, name


def test_the_embedded_plan_is_found_by_its_content_and_nulls_are_nothing(tmp_path: Path) -> None:
    """An editor that keeps the part but renames it, and drops its relationship; a part
    with `null`s where records belong: the import neither loses the plan nor crashes."""
    import json
    import re
    import zipfile

    original = load_plan(str(PLANS / "rukodelnitsa.yaml"))
    src = tmp_path / "plan.docx"
    src.write_bytes(render(original, "docx").data)
    out = tmp_path / "moved.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/_rels/document.xml.rels":
                data = re.sub(rb"<Relationship [^>]*partnerplan1\.xml\"/>", b"", data)
            name = "customXml/item7.xml" if info.filename == "customXml/partnerplan1.xml" else info.filename
            zout.writestr(name, data)
    plan = check(load_text(to_yaml(import_docx(str(out), "2030/2031").data), "x")).plan
    assert plan is not None and original.plan is not None
    assert {p.name: p.id for p in plan.partners} == {p.name: p.id for p in original.plan.partners}
    nulls = {
        "version": 1,
        "planner": None,
        "groups": [None, {"id": None}],
        "forms": None,
        "partners": [
            None,
            {"name": None},
            {"name": "Выставочные залы мини-зоопарка", "id": None, "activities": [None, {"title": None}]},
        ],
    }
    payload = json.dumps(nulls, ensure_ascii=False).replace("&", "&amp;").replace("<", "&lt;")
    hostile = tmp_path / "nulls.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(hostile, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "customXml/partnerplan1.xml":
                data = f'<plan xmlns="urn:partnerplan:plan:1">{payload}</plan>'.encode()
            zout.writestr(info.filename, data)
    imported = import_docx(str(hostile), "2030/2031")
    assert check(load_text(to_yaml(imported.data), "x")).plan is not None


def test_a_zip_bomb_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    from partnerplan.documents import importer_source

    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<w:document/>" + b" " * 30_000_000)
    assert bomb.stat().st_size < 100_000
    monkeypatch.setattr(importer_source, "MAX_PART_BYTES", 10_000_000)
    with pytest.raises(ImportFailed, match=r"bomb\.docx: часть word/document\.xml распаковывается в 28 МБ"):
        import_document(str(bomb), "2025/2026")
    monkeypatch.setattr(importer_source, "MAX_PARTS", 3)
    many = tmp_path / "many.xlsx"
    with zipfile.ZipFile(many, "w") as zf:
        for i in range(5):
            zf.writestr(f"xl/p{i}.xml", b"<x/>")
    with pytest.raises(ImportFailed, match="в файле 5 частей"):
        import_document(str(many), "2025/2026")


def test_broken_documents_get_a_message_naming_the_file(tmp_path: Path) -> None:
    import zipfile

    cases = {
        "not-xml.docx": {"word/document.xml": b"<w:document><w:body><w:p>"},
        "no-body.docx": {"word/document.xml": b'<w:document xmlns:w="urn:x"/>'},
        "empty.docx": {"[Content_Types].xml": b"<Types/>"},
    }
    for name, parts in cases.items():
        with zipfile.ZipFile(tmp_path / name, "w") as zf:
            for part, data in parts.items():
                zf.writestr(part, data)
        with pytest.raises(ImportFailed) as exc:
            import_document(str(tmp_path / name), "2025/2026")
        assert exc.value.message.startswith(str(tmp_path / name)), exc.value.message


def test_a_row_shorter_than_the_grid_without_grid_after(tmp_path: Path) -> None:
    """A malformed row (fewer cells than the grid, no gridAfter): read, never IndexError."""
    path = _docx(
        tmp_path,
        [
            _table(
                [["Мероприятие", "Срок", "Место проведения"], ["Концерт", "Май", "Дом культуры «Луч»"]],
                grid=3,
            )
        ],
    )
    import zipfile

    fixed = tmp_path / "short.docx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(fixed, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":  # drop the last cell of the last row
                at = data.rfind(b"<w:tc>")
                data = data[:at] + data[data.find(b"</w:tc>", at) + len(b"</w:tc>") :]
            zout.writestr(info.filename, data)
    data = import_document(str(fixed), "2025/2026").data
    assert _acts(data) == {UNASSIGNED_NAME: [("Концерт", "Май")]}
