"""Networks: plans of one folder share partners by id; partners.yaml holds them once."""

from __future__ import annotations

from pathlib import Path

from partnerplan.plan.loader import load_plan
from partnerplan.validation import validate

from .conftest import PLANS, Run

HEAD = "version: 1\nplanner: {{name: {org}}}\nyear: 2025/2026\npartners:\n"


def write(folder: Path, name: str, text: str) -> Path:
    f = folder / name
    f.write_text(text, encoding="utf-8")
    return f


def test_shipped_network_fills_shared_details() -> None:
    checked = load_plan(str(PLANS / "elbrus" / "school2.yaml"))
    assert checked.plan is not None
    gibdd = next(p for p in checked.plan.partners if p.id == "gibdd")
    assert gibdd.name == "Государственная инспекция безопасности дорожного движения"
    assert (
        gibdd.group == "law"
        and gibdd.agreement is not None
        and gibdd.agreement.kind == "соглашение о сотрудничестве"
    )
    assert next(a.title for a in gibdd.activities) == "Школьный этап соревнования «Безопасное колесо»"


def test_disagreeing_details_are_reported(tmp_path: Path) -> None:
    write(tmp_path, "partners.yaml", "version: 1\npartners:\n  - {id: gibdd, name: ГИБДД, group: law}\n")
    write(
        tmp_path,
        "a.yaml",
        HEAD.format(org="А")
        + "  - id: gibdd\n    name: ГАИ\n    activities: [{form: беседа, period: Май}]\n",
    )
    summary = validate([str(tmp_path)])
    (d,) = [d for d in summary.diagnostics if d.code == "PP210"]
    assert (Path(d.path).name, d.line, d.column) == ("a.yaml", 6, 11)
    assert d.message() == "name: здесь «ГАИ», а в partners.yaml — «ГИБДД»"


def test_one_id_two_names_across_plans(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a.yaml",
        HEAD.format(org="А") + "  - {id: gibdd, name: ГИБДД, activities: [{form: беседа, period: Май}]}\n",
    )
    write(
        tmp_path,
        "b.yaml",
        HEAD.format(org="Б")
        + "  - {id: gibdd, name: ГИБДД района, activities: [{form: беседа, period: Май}]}\n",
    )
    summary = validate([str(tmp_path)])
    (d,) = [d for d in summary.diagnostics if d.code == "PP211"]
    assert Path(d.path).name == "b.yaml" and d.line == 5
    assert "называется здесь «ГИБДД района», а в другом плане сети — «ГИБДД»" in d.message()
    # The same answer from the cache on a second run.
    again = validate([str(tmp_path)])
    assert [x.code for x in again.diagnostics] == [x.code for x in summary.diagnostics]


def test_id_only_partner_without_registry_says_where_to_describe_it(tmp_path: Path, run: Run) -> None:
    f = write(
        tmp_path,
        "a.yaml",
        HEAD.format(org="А") + "  - id: gibdd\n    activities: [{form: беседа, period: Май}]\n",
    )
    code, _, err = run("validate", str(f))
    assert code == 1 and "не хватает обязательного ключа «name»" in err and "partners.yaml" in err


def test_registry_errors_are_reported(tmp_path: Path, run: Run) -> None:
    write(tmp_path, "partners.yaml", "version: 1\npartners:\n  - {id: gibdd, nam: ГИБДД}\n")
    code, _, err = run("validate", str(tmp_path))
    assert code == 1 and "partners.yaml:3:17: ошибка[PP100]: неизвестный ключ «nam»" in err
    assert "partners.yaml:3:5: ошибка[PP101]: не хватает обязательного ключа «name»" in err
