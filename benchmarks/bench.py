"""Time and weigh partnerplan against floors measured in the same run; print ratios.

    .venv/bin/python benchmarks/bench.py            # every row of issue #14, big plans included
    .venv/bin/python benchmarks/bench.py --quick    # the real plan only (about a minute)
    .venv/bin/python benchmarks/bench.py --schedule # scheduling cost at 10k, 40k, 160k
    .venv/bin/python benchmarks/bench.py --docx     # the Word plan of 5,000 activities
    .venv/bin/python benchmarks/bench.py --district # 300 organisations × 40 partners × 5 activities

Every command runs as a fresh process, like a teacher's, paired with its floor in the
same round (drift on a shared machine hits both); medians; peak memory from wait4.
Targets (issue #14), on the «Рукодельница» plan:
- `validate` cold (no results cache) ≤ 12 × `python -c pass`;
- every other command ≤ 1.5 × `validate` cold; `fmt --check` ≤ 1.2 × `validate` cold;
On a 40,000-activity plan: `fmt --check` of the canonical file ≤ 3 × `yaml.load` with
libyaml; `validate` and `schedule` peak memory ≤ 10 × the file's size.
A row that misses its target says SLOW; a heavy module on a command's path says
HEAVY IMPORT; either makes the run exit 1.
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

ENV = {**os.environ, "NO_COLOR": "1", "PARTNERPLAN_NO_CACHE": "1"}
# Never needed by a command that only reads, checks or schedules a plan.
HEAVY = ("docx", "jinja2", "openpyxl", "lxml", "ruamel", "starlette", "uvicorn", "holidays", "rich")
failures: list[str] = []


def run_once(cmd: list[str], env: dict[str, str] | None = None, cwd: str | None = None) -> tuple[float, int]:
    """Seconds and peak resident KiB of one fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or ENV, cwd=cwd
    )
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return time.perf_counter() - start, usage.ru_maxrss


def paired(
    cmd: list[str], floor: list[str], repeat: int, env: dict[str, str] | None = None, cwd: str | None = None
) -> tuple[float, float, int]:
    """Medians of `cmd` and of `floor`, run alternately; the peak memory of `cmd`."""
    ours, base, peak = [], [], 0
    for _ in range(repeat):
        base.append(run_once(floor)[0])
        sec, kib = run_once(cmd, env, cwd)
        ours.append(sec)
        peak = max(peak, kib)
    return statistics.median(ours), statistics.median(base), peak


def median_run(cmd: list[str], repeat: int) -> float:
    return statistics.median(run_once(cmd)[0] for _ in range(repeat))


def verdict(name: str, ratio: float, target: float) -> str:
    if ratio <= target:
        return "ok"
    failures.append(f"{name}: {ratio:.2f}× > {target}×")
    return "SLOW"


def row(
    name: str, seconds: float, floor: float, target: float, floor_name: str = "start", kib: int = 0
) -> None:
    ratio = seconds / floor
    mem = f"{kib / 1024:6.0f} MiB" if kib else " " * 10
    print(
        f"{name:<40} {seconds * 1000:8.1f} ms {mem} {ratio:6.2f}× {floor_name:<9}"
        f" (≤ {target}×) {verdict(name, ratio, target)}"
    )


def heavy_imports(args: list[str]) -> list[str]:
    """The heavy modules a command loads (second run: the per-release caches are warm)."""
    cmd = [PY, "-X", "importtime", "-m", "partnerplan", *args]
    for _ in range(2):
        out = subprocess.run(cmd, capture_output=True, text=True, env=ENV, check=False).stderr
    names = {ln.rsplit("|", 1)[-1].strip() for ln in out.splitlines() if ln.startswith("import time:")}
    return sorted({n.split(".")[0] for n in names} & set(HEAVY))


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


def small_plan_rows(repeat: int) -> None:
    """Every row of the issue's table on the real plan, paired with the interpreter start."""
    import tempfile

    plan = str(ROOT / "plans" / "rukodelnitsa.yaml")
    start = [PY, "-c", "pass"]
    work = pathlib.Path(tempfile.mkdtemp(prefix="pp-bench-"))
    repo = _small_repo(work / "repo", plan)
    sec, floor, _ = paired([PY, "-c", "pass"], start, repeat)
    print(f"floor: python -c pass {floor * 1000:.1f} ms (interpreter start)")
    for label, code in (
        ("import typer", "import typer"),
        ("from pydantic import BaseModel", "from pydantic import BaseModel"),
    ):
        lib, base, _ = paired([PY, "-c", code], start, repeat)
        print(
            f"  for scale: {label:<32} {lib * 1000:7.1f} ms = {lib / base:5.2f}× start (a library's own start-up)"
        )
    cold, base, kib = paired([*CLI, "validate", plan], start, repeat)
    row("validate (cold: no results cache)", cold, base, 12, "start", kib)
    cached_env = {**ENV, "XDG_CACHE_HOME": str(work / "cache")}
    cached_env.pop("PARTNERPLAN_NO_CACHE")
    run_once([*CLI, "validate", plan], cached_env)
    sec, base, kib = paired([*CLI, "validate", plan], start, repeat, cached_env)
    row("validate (file unchanged: cache)", sec, base, 12, "start", kib)
    cases: list[tuple[str, list[str], float, str | None]] = [
        ("--version", ["--version"], 1.5, None),
        ("--help", ["--help"], 1.5, None),
        ('period "Один раз в квартал"', ["period", "Один раз в квартал"], 1.5, None),
        ("schedule", ["schedule", plan], 1.5, None),
        ("render (docx)", ["render", plan, "-o", str(work / "plan.docx")], 1.5, None),
        ("diff (small git repository)", ["diff", "HEAD~1", "plan.yaml"], 1.5, str(repo)),
        ("fmt --check", ["fmt", "--check", plan], 1.2, None),
    ]
    for label, args, target, cwd in cases:
        sec, _, kib = paired([*CLI, *args], [*CLI, "validate", plan], repeat, None, cwd)
        row(label, sec, cold, target, "validate", kib)
    print("heavy modules on each command's path (must be none but rich for --help):")
    for label, args in (
        ("--version", ["--version"]),
        ("validate", ["validate", plan]),
        ("period", ["period", "Один раз в квартал"]),
        ("schedule", ["schedule", plan]),
        ("fmt --check", ["fmt", "--check", plan]),
    ):
        found = heavy_imports(args)
        if found:
            failures.append(f"heavy import on {label}: {', '.join(found)}")
        print(f"  {label:<14} {'HEAVY IMPORT: ' + ', '.join(found) if found else 'none'}")


def _small_repo(folder: pathlib.Path, plan: str) -> pathlib.Path:
    """A git repository with two versions of the real plan (one period changed)."""
    folder.mkdir(parents=True)
    text = pathlib.Path(plan).read_text(encoding="utf-8")

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)

    git("init", "-q")
    (folder / "plan.yaml").write_text(text, encoding="utf-8")
    git("add", "plan.yaml")
    git("-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", "one")
    (folder / "plan.yaml").write_text(text.replace("Один раз в квартал", "Ежемесячно", 1), encoding="utf-8")
    git("-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qam", "two")
    return folder


def big_plan_rows(n: int = 40_000) -> None:
    """A district-sized plan: fmt --check against libyaml's load, memory against the file."""
    big = DATA / f"plan-{n}.yaml"
    if not big.exists():
        big.write_text(plan_text(n), encoding="utf-8")
        subprocess.run([*CLI, "fmt", str(big)], env=ENV, check=True, capture_output=True)  # canonical
    size = big.stat().st_size
    load = [
        PY,
        "-c",
        f"import yaml; yaml.load(open({str(big)!r}, encoding='utf-8'), Loader=yaml.CSafeLoader)",
    ]
    floor, floor_kib = run_once(load)
    print(
        f"floor: yaml.load CSafeLoader, {n} activities ({size / 2**20:.1f} MB): {floor:.2f} s, {floor_kib / 1024:.0f} MiB"
    )
    for label, args, target in (
        ("validate", ["validate", str(big)], None),
        ("schedule (the table, to a pipe)", ["schedule", str(big)], None),
        (
            "schedule --format json",
            ["schedule", str(big), "--format", "json", "-o", str(DATA / "schedule.json")],
            None,
        ),
        ("fmt --check (canonical)", ["fmt", "--check", str(big)], 3.0),
    ):
        sec, kib = run_once([*CLI, *args])
        ratio = sec / floor
        mem_ratio = kib * 1024 / size
        mem_ok = (
            ""
            if label.startswith(("fmt", "schedule --format"))
            else f" memory {mem_ratio:4.1f}× file (≤ 10×) {verdict(label + ' memory', mem_ratio, 10)}"
        )
        time_ok = f"(≤ {target}×) {verdict(label, ratio, target)}" if target else ""
        print(
            f"{label + f' ({n})':<40} {sec:8.2f} s  {kib / 1024:6.0f} MiB {ratio:6.2f}× libyaml {time_ok}{mem_ok}"
        )


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
    DATA.mkdir(exist_ok=True)
    # pip compiles an installed package; an editable checkout under PYTHONDONTWRITEBYTECODE
    # would otherwise recompile every changed module on every run and measure the compiler.
    import compileall

    compileall.compile_dir(str(ROOT / "src" / "partnerplan"), quiet=1)
    small_plan_rows(repeat=11 if "--quick" in sys.argv else 21)
    if "--quick" not in sys.argv:
        big_plan_rows()
    if failures:
        print("\nMISSED:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("\nall targets met")


if __name__ == "__main__":
    main()
