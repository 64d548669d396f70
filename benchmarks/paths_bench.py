"""Issue #14's three paths, the way they ran before and the way they run now.

    .venv/bin/python benchmarks/paths_bench.py                 # A, B and C
    .venv/bin/python benchmarks/paths_bench.py A B             # some of them
    .venv/bin/python benchmarks/paths_bench.py --before DIR    # also the old code's commands

A. `diff` of two 40,000-activity plans that differ in two partners: the full path
   (both sides scheduled whole, as before) against the command, which schedules only
   the changed partners.
B. `schedule --format json` of a 40,000-activity plan: json.dumps(indent=2), the pure
   Python encoder it used, against events_json.
C. `report` of the district (300 organisations × 40 partners × 5 activities, made by
   bench.py --district): every event held, as before, against the command, counting one
   organisation at a time in one process (PARTNERPLAN_JOBS=1) and in two.

`--before DIR`: a `src` folder of the old code (`git archive <rev> src | tar -x -C /tmp/old`
gives /tmp/old/src); its `diff` and `report` commands are timed too. Each command runs
once, as a fresh process (the machine is shared: few, short runs); times are wall
seconds, CPU is user + system of the process and its children, memory is peak RSS.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE / "data"
PY = sys.executable
sys.path.insert(0, str(HERE))

from genplan import plan_text  # noqa: E402


def run(cmd: list[str], src: str | None = None, **env: str) -> tuple[float, float, float]:
    """(wall s, CPU s, peak MB) of one fresh process (and its children)."""
    environ = {**os.environ, "NO_COLOR": "1", "PARTNERPLAN_NO_CACHE": "1", **env}
    if src:
        environ["PYTHONPATH"] = src
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(time.perf_counter() - t, u.ru_utime + u.ru_stime, u.ru_maxrss / 1024, p.returncode)\n"
    )
    out = subprocess.run([PY, "-c", code, *cmd], env=environ, capture_output=True, text=True, check=True)
    wall, cpu, mb, rc = out.stdout.split()
    if rc != "0":
        raise SystemExit(f"failed ({rc}): {' '.join(cmd)}")
    return float(wall), float(cpu), float(mb)


def line(label: str, numbers: tuple[float, float, float]) -> None:
    wall, cpu, mb = numbers
    print(f"  {label:<52} {wall:6.2f} s  CPU {cpu:6.2f} s  {mb:6.0f} MB")


def cpu_best(fn: object, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()  # type: ignore[operator]
        best = min(best, time.process_time() - start)
    return best


def bench_diff(before: str | None) -> None:
    """A: both sides scheduled whole (before) against only the changed partners (now)."""
    a, b = DATA / "diff-a-40000.yaml", DATA / "diff-b-40000.yaml"
    if not b.exists():
        DATA.mkdir(exist_ok=True)
        text = plan_text(40_000)
        a.write_text(text, encoding="utf-8")
        edited = text.replace("    name: МБОУ СОШ № 77 имени", "    name: МБОУ СОШ № 77а имени", 1)
        b.write_text(edited.replace("period: Октябрь\n", "period: Ноябрь\n", 1), encoding="utf-8")
    full = (
        "import sys\n"
        "from partnerplan.dates.schedule import plan_schedule\n"
        "from partnerplan.git.diff import diff_events, diff_plans\n"
        "from partnerplan.plan.loader import load_plan\n"
        "x, y = (load_plan(open(f, 'rb').read(), path=f, registry='ids') for f in sys.argv[1:])\n"
        "diff_plans(x.plan, y.plan)\n"
        "diff_events(plan_schedule(x).events, plan_schedule(y).events)\n"
    )
    print("A. diff of two 40,000-activity plans, two partners changed")
    line("full path: both sides scheduled whole (in process)", run([PY, "-c", full, str(a), str(b)]))
    if before:
        line("partnerplan diff, the old code", run([PY, "-m", "partnerplan", "diff", str(a), str(b)], before))
    line(
        "partnerplan diff (changed partners scheduled)",
        run([PY, "-m", "partnerplan", "diff", str(a), str(b)]),
    )


def bench_json() -> None:
    """B: the pure Python indent encoder (before) against events_json (now), in process."""
    from partnerplan.dates.events import event_rows, events_json
    from partnerplan.dates.schedule import plan_schedule
    from partnerplan.plan.loader import load_plan

    checked = load_plan(plan_text(40_000).encode("utf-8"), path="big.yaml", registry=None)
    events = plan_schedule(checked).events

    def old() -> str:
        return json.dumps(event_rows(events), ensure_ascii=False, indent=2) + "\n"

    assert old() == events_json(events).decode()
    print(f"B. schedule --format json of 40,000 activities ({len(events)} events), CPU, best of 3")
    print(f"  {'json.dumps(event_rows(…), indent=2) (before)':<52} {cpu_best(old):6.2f} s")
    print(f"  {'events_json (now)':<52} {cpu_best(lambda: events_json(events)):6.2f} s")
    compact = cpu_best(lambda: json.dumps(event_rows(events), ensure_ascii=False))
    print(f"  {'floor: rows + compact C json.dumps (no indent)':<52} {compact:6.2f} s")


def bench_report(before: str | None) -> None:
    """C: every event held (before) against one organisation at a time (now)."""
    folder = DATA / "district-300"
    if not folder.exists():
        subprocess.run([PY, str(HERE / "bench.py"), "--district"], check=True, stdout=subprocess.DEVNULL)
    out = str(DATA / "district-paths.docx")
    held = (
        "import sys\n"
        "from partnerplan.dates.schedule import plan_schedule\n"
        "from partnerplan.documents.build import Network, report\n"
        "from partnerplan.documents.report import OrgPlan\n"
        "from partnerplan.plan.loader import load_plan\n"
        "from partnerplan.validation import find_plan_files\n"
        "orgs = []\n"
        "for f in find_plan_files(sys.argv[1:]):\n"
        "    if f.endswith('partners.yaml'):\n"
        "        continue\n"
        "    c = load_plan(f)\n"
        "    orgs.append(OrgPlan(f, c.plan, c.vocabulary, plan_schedule(c).events))\n"
        "report(Network(orgs, []), 'docx')\n"
    )
    cmd = [PY, "-m", "partnerplan", "report", str(folder), "-o", out]
    print("C. report of the district: 300 organisations, 60,000 activities (Word)")
    line("every event of the network held (in process)", run([PY, "-c", held, str(folder)]))
    if before:
        line("partnerplan report, the old code", run(cmd, before))
    line("partnerplan report, one process (PARTNERPLAN_JOBS=1)", run(cmd, PARTNERPLAN_JOBS="1"))
    line("partnerplan report (two processes on two cores)", run(cmd))


def main() -> None:
    args = sys.argv[1:]
    before = None
    if "--before" in args:
        i = args.index("--before")
        before = str(pathlib.Path(args[i + 1]).resolve())
        del args[i : i + 2]
    parts = set(args) or {"A", "B", "C"}
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores (others' work slows wall times)")
    if "A" in parts:
        bench_diff(before)
    if "B" in parts:
        bench_json()
    if "C" in parts:
        bench_report(before)


if __name__ == "__main__":
    main()
