"""Time partnerplan against floors measured in the same run; print ratios.

    .venv/bin/python benchmarks/bench.py            # all cases
    .venv/bin/python benchmarks/bench.py --quick    # skip the 40,000-activity cases
    .venv/bin/python benchmarks/bench.py --schedule # scheduling cost at 10k, 40k, 160k
    .venv/bin/python benchmarks/bench.py --docx     # the Word plan of 5,000 activities
    .venv/bin/python benchmarks/bench.py --district # 300 organisations × 40 partners × 5 activities

Targets (issue #2, #3):
- `--version`, `--help`, `validate` of the «Рукодельница» plan: ≤ 12 × `python -c pass`;
- `validate` of a 40,000-activity plan: ≤ 1.5 × `yaml.load(f, Loader=CSafeLoader)`.
Medians of repeated runs; each case runs as a fresh process, like a teacher's command.
"""

from __future__ import annotations

import os
import pathlib
import statistics
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
PY = sys.executable
CLI = [PY, "-m", "partnerplan"]
sys.path.insert(0, str(HERE))

from genplan import plan_text  # noqa: E402


def median_run(cmd: list[str], repeat: int) -> float:
    times = []
    env = {**os.environ, "NO_COLOR": "1"}
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def row(name: str, seconds: float, floor: float, target: float) -> None:
    ratio = seconds / floor
    verdict = "ok" if ratio <= target else "SLOW"
    print(f"{name:<48} {seconds * 1000:9.1f} ms  {ratio:6.2f}×  (target ≤ {target}×) {verdict}")


def bench_schedule() -> None:
    """Scheduling must add less than validation costs, and grow linearly (issue #3)."""
    import yaml

    from partnerplan.dates.calendar import build_calendar
    from partnerplan.dates.schedule import build_schedule
    from partnerplan.plan.check import build_vocabulary, check
    from partnerplan.plan.load import load_text

    print(f"{'activities':>10} {'validate s':>11} {'schedule s':>11} {'sched/val':>9} {'µs/activity':>12}")
    for n in (10_000, 40_000, 160_000):
        text = plan_text(n)
        start = time.perf_counter()
        if n <= 40_000:
            checked = check(load_text(text, "bench.yaml"))
            plan, voc = checked.plan, checked.vocabulary
        else:  # beyond the file size limit: validate the data without the file
            from partnerplan.plan.model import Plan

            plan = Plan.model_validate(yaml.load(text, Loader=yaml.CSafeLoader))
            voc = build_vocabulary(plan)
        validate_s = time.perf_counter() - start
        assert plan is not None and voc is not None
        start = time.perf_counter()
        sched = build_schedule(plan, voc, build_calendar(plan))
        schedule_s = time.perf_counter() - start
        print(
            f"{n:>10} {validate_s:>11.2f} {schedule_s:>11.2f} {schedule_s / validate_s:>9.2f}"
            f" {schedule_s / n * 1e6:>12.1f}   ({len(sched.events)} events)"
        )


def bench_docx(n: int = 5_000) -> None:
    """The Word plan against two floors writing the same cells (issue #4): a bare
    python-docx add_row loop, and the table built directly as XML with lxml."""
    import io

    from docx import Document
    from docx.oxml.ns import qn
    from lxml import etree

    from partnerplan.documents.build import render
    from partnerplan.documents.table import PartnerRow, plan_rows
    from partnerplan.plan.check import check
    from partnerplan.plan.load import load_text

    checked = check(load_text(plan_text(n, per_partner=1), "bench.yaml"))
    assert checked.plan is not None and checked.vocabulary is not None
    rows = plan_rows(checked.plan, checked.vocabulary)
    cells = [
        [f"{r.number}.", r.name, r.purpose, "\n".join(r.activities), "\n".join(r.periods)]
        if isinstance(r, PartnerRow)
        else [f"{r.number}.", r.name, "", "", ""]
        for r in rows
    ]

    def timed(fn: object, repeat: int = 3) -> float:
        best = []
        for _ in range(repeat):
            start = time.perf_counter()
            fn()  # type: ignore[operator]
            best.append(time.perf_counter() - start)
        return statistics.median(best)

    def bare() -> None:
        doc = Document()
        table = doc.add_table(rows=1, cols=5)
        for row in cells:
            out = table.add_row().cells
            for i, text in enumerate(row):
                out[i].text = text
        doc.save(io.BytesIO())

    def lxml_floor() -> None:
        doc = Document()
        tbl = etree.SubElement(doc.element.body, qn("w:tbl"))
        grid = etree.SubElement(tbl, qn("w:tblGrid"))
        for _ in range(5):
            etree.SubElement(grid, qn("w:gridCol"))
        for row in cells:
            tr = etree.SubElement(tbl, qn("w:tr"))
            for text in row:
                tc = etree.SubElement(tr, qn("w:tc"))
                for line in text.split("\n"):
                    r = etree.SubElement(etree.SubElement(tc, qn("w:p")), qn("w:r"))
                    etree.SubElement(r, qn("w:t")).text = line
        doc.save(io.BytesIO())

    ours = timed(lambda: render(checked, "docx"))
    floor = timed(lxml_floor)
    slow = timed(bare, 1)
    print(f"docx of {n} activities ({len(rows)} rows × 5 cells)")
    print(f"  partnerplan render          {ours:6.2f} s")
    print(f"  floor: lxml table           {floor:6.2f} s   ours/lxml = {ours / floor:4.2f}× (target ≤ 1.5×)")
    print(f"  bare python-docx add_row    {slow:6.2f} s   bare/ours = {slow / ours:4.1f}× (target ≥ 10×)")


def bench_district(orgs: int = 300, partners: int = 40, per: int = 5) -> None:
    """A district network: validate and report, with the share of each stage (issue #6)."""
    import shutil

    from partnerplan.dates.schedule import plan_schedule
    from partnerplan.documents.build import load_network, report
    from partnerplan.documents.report import build_report
    from partnerplan.plan.check import check
    from partnerplan.plan.load import load_file
    from partnerplan.plan.network import load_registry
    from partnerplan.validation import check_file

    folder = DATA / f"district-{orgs}"
    if not folder.exists():
        folder.mkdir(parents=True)
        shared = 10  # partners every school works with: ГИБДД, МЧС, the library…
        (folder / "partners.yaml").write_text(
            "version: 1\npartners:\n"
            + "".join(
                f"  - {{id: s{i}, name: Общий партнёр района № {i}, group: law}}\n" for i in range(shared)
            ),
            encoding="utf-8",
        )
        for o in range(orgs):
            text = plan_text(partners * per, per_partner=per).replace(
                "Творческое объединение «Рукодельница»", f"Школа № {o + 1}"
            )
            text = text.replace("  - id: p", f"  - id: o{o}p")  # each school's own partners
            for i in range(shared):  # the first partners of each plan are the shared ones
                text = text.replace(f"  - id: o{o}p{i}\n", f"  - id: s{i}\n", 1)
            (folder / f"school-{o:03d}.yaml").write_text(text, encoding="utf-8")
    files = sorted(str(f) for f in folder.glob("school-*.yaml"))
    os.environ["PARTNERPLAN_NO_CACHE"] = "1"
    registry = load_registry(str(folder / "partners.yaml")).registry
    stages = dict.fromkeys(("read YAML", "validate (pydantic, references)", "schedule", "aggregate"), 0.0)
    orgs_loaded = []
    from partnerplan.documents.report import OrgPlan

    for f in files:
        t0 = time.perf_counter()
        loaded = load_file(f)
        t1 = time.perf_counter()
        checked = check(loaded, registry)
        t2 = time.perf_counter()
        sched = plan_schedule(checked)
        t3 = time.perf_counter()
        stages["read YAML"] += t1 - t0
        stages["validate (pydantic, references)"] += t2 - t1
        stages["schedule"] += t3 - t2
        assert checked.plan is not None and checked.vocabulary is not None
        orgs_loaded.append(OrgPlan(f, checked.plan, checked.vocabulary, sched.events))
    t0 = time.perf_counter()
    r = build_report(orgs_loaded)
    stages["aggregate"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    from partnerplan.documents.build import Network

    data = report(Network(orgs_loaded, []), "docx").data
    render_s = time.perf_counter() - t0
    total = sum(stages.values()) + render_s
    acts = orgs * partners * per
    print(f"district: {orgs} organisations × {partners} partners × {per} activities = {acts} activities")
    print(f"  events: {r.events_total}, conflicts: {len(r.conflicts)}, shared partners: {len(r.shared)}")
    for name, sec in [*stages.items(), ("render report docx", render_s)]:
        print(f"  {name:<34} {sec:7.2f} s  {sec / total * 100:5.1f} %")
    print(f"  {'total (in process)':<34} {total:7.2f} s   docx {len(data) / 1024:.0f} KiB")
    del os.environ["PARTNERPLAN_NO_CACHE"]
    env_cache = DATA / "cache"
    shutil.rmtree(env_cache, ignore_errors=True)
    os.environ["XDG_CACHE_HOME"] = str(env_cache)
    for label, cmd in (
        ("partnerplan validate (cold cache)", [*CLI, "validate", str(folder)]),
        ("partnerplan validate (unchanged)", [*CLI, "validate", str(folder)]),
        ("partnerplan report --to docx", [*CLI, "report", str(folder), "-o", str(DATA / "district.docx")]),
    ):
        print(f"  {label:<34} {median_run(cmd, 1):7.2f} s  (one run, the whole command)")
    _ = check_file, load_network


def main() -> None:
    if "--district" in sys.argv:
        bench_district()
        return
    if "--docx" in sys.argv:
        bench_docx()
        return
    if "--schedule" in sys.argv:
        bench_schedule()
        return
    quick = "--quick" in sys.argv
    DATA.mkdir(exist_ok=True)
    start_floor = median_run([PY, "-c", "pass"], 30)
    print(f"floor: python -c pass {start_floor * 1000:.1f} ms")
    row("partnerplan --version", median_run([*CLI, "--version"], 20), start_floor, 12)
    row("partnerplan --help", median_run([*CLI, "--help"], 20), start_floor, 12)
    small = [*CLI, "validate", str(ROOT / "plans" / "rukodelnitsa.yaml")]
    os.environ["PARTNERPLAN_NO_CACHE"] = "1"
    row("partnerplan validate rukodelnitsa (cold: no cache)", median_run(small, 20), start_floor, 12)
    del os.environ["PARTNERPLAN_NO_CACHE"]
    median_run(small, 1)  # fill the cache
    row("partnerplan validate rukodelnitsa (file unchanged)", median_run(small, 20), start_floor, 12)
    os.environ["PARTNERPLAN_NO_CACHE"] = "1"  # the big cases measure the work itself
    if quick:
        return
    for n in (40_000,):
        big = DATA / f"plan-{n}.yaml"
        if not big.exists():
            big.write_text(plan_text(n), encoding="utf-8")
        size = big.stat().st_size / 2**20
        load_floor = median_run(
            [
                PY,
                "-c",
                f"import yaml; yaml.load(open({str(big)!r}, encoding='utf-8'), Loader=yaml.CSafeLoader)",
            ],
            3,
        )
        print(f"floor: yaml.load CSafeLoader, {n} activities ({size:.1f} MB) {load_floor:.2f} s")
        row(
            f"partnerplan validate ({n} activities)",
            median_run([*CLI, "validate", str(big)], 3),
            load_floor,
            1.5,
        )


if __name__ == "__main__":
    main()
