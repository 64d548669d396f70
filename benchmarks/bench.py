"""Time partnerplan against floors measured in the same run; print ratios.

    .venv/bin/python benchmarks/bench.py            # all cases
    .venv/bin/python benchmarks/bench.py --quick    # skip the 40,000-activity cases
    .venv/bin/python benchmarks/bench.py --schedule # scheduling cost at 10k, 40k, 160k

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

    from partnerplan.calendar import build_calendar
    from partnerplan.check import build_vocabulary, check
    from partnerplan.load import load_text
    from partnerplan.schedule import build_schedule

    print(f"{'activities':>10} {'validate s':>11} {'schedule s':>11} {'sched/val':>9} {'µs/activity':>12}")
    for n in (10_000, 40_000, 160_000):
        text = plan_text(n)
        start = time.perf_counter()
        if n <= 40_000:
            checked = check(load_text(text, "bench.yaml"))
            plan, voc = checked.plan, checked.vocabulary
        else:  # beyond the file size limit: validate the data without the file
            from partnerplan.model import Plan

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


def main() -> None:
    if "--schedule" in sys.argv:
        bench_schedule()
        return
    quick = "--quick" in sys.argv
    DATA.mkdir(exist_ok=True)
    start_floor = median_run([PY, "-c", "pass"], 30)
    print(f"floor: python -c pass {start_floor * 1000:.1f} ms")
    row("partnerplan --version", median_run([*CLI, "--version"], 20), start_floor, 12)
    row("partnerplan --help", median_run([*CLI, "--help"], 20), start_floor, 12)
    row(
        "partnerplan validate plans/rukodelnitsa.yaml",
        median_run([*CLI, "validate", str(ROOT / "plans" / "rukodelnitsa.yaml")], 20),
        start_floor,
        12,
    )
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
