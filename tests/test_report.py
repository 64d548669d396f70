"""Reports over a plan or a network: counts, conflicts, shared calendars, the year's results."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document

from partnerplan.documents.build import load_network, report
from partnerplan.documents.report import build_report

from .conftest import PLANS, Run

ORG = """\
version: 1
planner: {{name: {name}}}
year: 2025/2026
partners:
  - id: gibdd
    name: ГИБДД
    directions: [law]
    activities:
      - form: соревнование
        title: «Безопасное колесо»
        dates: [{day}]
      - form: беседа
        title: Беседы
        period: Октябрь
  - id: {own}
    name: {own_name}
    directions: [art]
"""


def network(tmp_path: Path) -> Path:
    (tmp_path / "a.yaml").write_text(
        ORG.format(name="Школа № 1", day="2026-05-14", own="lib", own_name="Библиотека")
        + "directions:\n  - {id: eco, name: экологическое}\n", encoding="utf-8")  # fmt: skip
    (tmp_path / "b.yaml").write_text(
        ORG.format(name="Школа № 2", day="2026-05-14", own="museum", own_name="Музей"), encoding="utf-8"
    )
    return tmp_path


def test_planted_conflict_names_partner_date_and_orgs(tmp_path: Path, run: Run) -> None:
    net = load_network([str(network(tmp_path))])
    r = build_report(net.orgs)
    (c,) = r.conflicts
    assert (c.partner_name, c.date.isoformat(), c.orgs) == ("ГИБДД", "2026-05-14", ["Школа № 1", "Школа № 2"])
    out = tmp_path / "r.md"
    code, _, err = run("report", str(tmp_path), "--to", "md", "-o", str(out))
    assert code == 0, err
    md = out.read_text(encoding="utf-8")
    assert "| 14 мая 2026 | ГИБДД | Школа № 1: «Безопасное колесо»<br>Школа № 2: «Безопасное колесо» |" in md
    assert (tmp_path / "r.months.png").read_bytes().startswith(b"\x89PNG")


def test_counts_shared_calendar_and_idle(tmp_path: Path) -> None:
    r = build_report(load_network([str(network(tmp_path))]).orgs)
    assert r.partners_total == 4 and r.activities_total == 4 and r.events_total == 4
    assert dict(r.by_direction) == {"правовое": 4}
    assert [(pid, o) for pid, _, o, _ in r.by_partner][:1] == [("gibdd", 2)]
    assert [b.org for b in r.shared["gibdd"]].count("Школа № 1") == 2
    assert sorted(r.idle_partners) == [("Школа № 1", "Библиотека"), ("Школа № 2", "Музей")]
    assert ("Школа № 1", "экологическое") in r.idle_directions and (
        "Школа № 2",
        "художественно-эстетическое",
    ) in r.idle_directions


def test_year_end_numbers(tmp_path: Path, run: Run) -> None:
    f = tmp_path / "p.yaml"
    f.write_text(
        """\
version: 1
planner: {name: Рукодельница}
year: 2025/2026
partners:
  - id: zoo
    name: Мини-зоопарк
    directions: [eco]
    activities:
      - form: экскурсия
        title: Экскурсии
        period: Один раз в квартал
        log:
          - {planned: 2025-10-01, status: done, participants: 12}
          - {planned: 2026-01-20, status: moved, held: 2026-02-03}
          - {planned: 2026-04-10, status: cancelled, note: карантин}
      - form: беседа
        title: Консультации
        period: В течение года
        log:
          - {status: done, participants: 30}
directions:
  - {id: eco, name: экологическое}
""",
        encoding="utf-8",
    )
    net = load_network([str(f)])
    r = build_report(net.orgs, year_end=True)
    t = r.year_end_total
    assert t is not None
    assert (t.planned, t.done, t.moved, t.cancelled, t.unmarked, t.participants) == (5, 2, 1, 1, 1, 42)
    (eco,) = r.year_end["directions"]
    assert (eco.name, eco.planned, eco.done, eco.participants) == ("экологическое", 5, 2, 42)
    out = tmp_path / "year.docx"
    code, _, err = run("report", str(f), "--year-end", "-o", str(out))
    assert code == 0, err
    doc = Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert (
        "Планировалось: 5; проведено: 2; перенесено: 1; отменено: 1; без отметки: 1; участников: 42." in text
    )
    first = doc.tables[0]
    assert [c.text for c in first.rows[1].cells] == ["экологическое", "5", "2", "1", "1", "1", "42"]
    assert len(doc.inline_shapes) == 2  # the month and direction charts


def test_html_report_has_inline_charts(tmp_path: Path) -> None:
    net = load_network([str(PLANS / "elbrus")])
    html = report(net, "html").data.decode("utf-8")
    assert html.count("<svg") == 2 and "События по месяцам" in html
    assert "Календарь общего партнёра: Государственная инспекция безопасности дорожного движения" in html


def test_invalid_plans_are_skipped_with_a_reason(tmp_path: Path, run: Run) -> None:
    network(tmp_path)
    (tmp_path / "bad.yaml").write_text("version: 1\nplaner: {}\n", encoding="utf-8")
    code, out, err = run("report", str(tmp_path), "-o", str(tmp_path / "r.docx"))
    assert code == 1 and "bad.yaml: пропущен" in err and "организаций: 2" in out
    doc = Document(io.BytesIO((tmp_path / "r.docx").read_bytes()))
    assert any("Накладки" in p.text for p in doc.paragraphs)


def test_the_shipped_network_has_a_year_to_analyse(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "year-end.md"
    code, _, err = run("report", str(PLANS / "elbrus"), "--year-end", "-o", str(out))
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert "проведено: 6; перенесено: 1; отменено: 1" in text and "участников: 275" in text
