"""`fmt --check` against the floor of reading: fresh processes, ratios, peak memory.

    .venv/bin/python benchmarks/fmt_bench.py          # 1k, 10k, 40k; non-canonical at 1k, 10k
    .venv/bin/python benchmarks/fmt_bench.py --full   # also the 40k non-canonical round trip (minutes)

For each size: the plan from genplan, run once through `partnerplan fmt` (its canonical
form), then `fmt --check` of it as a ratio to `yaml.load(text, Loader=yaml.CSafeLoader)`
of the same file in a fresh process (target ≤ 3× at 40k), the peak resident memory of
the `fmt --check` process (the child's rusage from wait4), and `fmt --check` of the same
plan with one key out of order (the round trip). Then the real plan: `fmt --check`
against `validate`, both fresh, no results cache (target ≤ 1.2×).
"""

from __future__ import annotations

import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable
CLI = [PY, "-m", "partnerplan"]
ENV = {**os.environ, "NO_COLOR": "1", "PARTNERPLAN_NO_CACHE": "1"}
sys.path.insert(0, str(HERE))

from genplan import plan_text  # noqa: E402


def run_once(cmd: list[str]) -> tuple[float, int, int]:
    """Seconds, peak resident KiB and exit code of one fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss, proc.returncode


def paired(cmd: list[str], floor: list[str], repeat: int) -> tuple[float, float, int, int]:
    """Medians of `cmd` and `floor` run alternately; `cmd`'s peak KiB and last exit code."""
    ours, base, peak, code = [], [], 0, 0
    for _ in range(repeat):
        sec, kib, code = run_once(cmd)
        ours.append(sec)
        peak = max(peak, kib)
        base.append(run_once(floor)[0])
    return statistics.median(ours), statistics.median(base), peak, code


def prepare(n: int, folder: pathlib.Path) -> tuple[pathlib.Path, pathlib.Path]:
    """The canonical plan and the same with one key out of order, written by child
    processes: this one stays small, so its children's memory is their own (a child
    starts as a copy of its parent, and its peak counts from there)."""
    plan, unordered = folder / f"plan-{n}.yaml", folder / f"plan-{n}-unordered.yaml"
    subprocess.run([PY, __file__, "--write", str(n), str(plan)], check=True)
    subprocess.run([*CLI, "fmt", str(plan)], env=ENV, check=True, capture_output=True)  # canonical
    subprocess.run([PY, __file__, "--unorder", str(plan), str(unordered)], check=True)
    return plan, unordered


def _write(n: str, path: str) -> None:
    pathlib.Path(path).write_text(plan_text(int(n)), encoding="utf-8")


def _unorder(path: str, out: str) -> None:
    """`version` moved after `planner`: one key out of order, the rest canonical."""
    lines = pathlib.Path(path).read_text(encoding="utf-8").split("\n")
    assert lines[:2] == ["version: 1", "planner:"]
    end = next(i for i in range(2, len(lines)) if not lines[i].startswith(" "))
    pathlib.Path(out).write_text("\n".join([*lines[1:end], lines[0], *lines[end:]]), encoding="utf-8")


def big_rows(folder: pathlib.Path, full: bool) -> None:
    print(
        f"{'activities':>10} {'MB':>5} {'load floor':>10} {'fmt --check':>11} {'ratio':>6} {'peak RSS':>9}   non-canonical"
    )
    for n in (1_000, 10_000, 40_000):
        plan, unordered = prepare(n, folder)
        load = [
            PY,
            "-c",
            f"import yaml; yaml.load(open({str(plan)!r}, encoding='utf-8').read(), Loader=yaml.CSafeLoader)",
        ]
        sec, floor, kib, code = paired([*CLI, "fmt", "--check", str(plan)], load, 3 if n <= 10_000 else 1)
        assert code == 0, f"fmt --check: the canonical {n} plan would change"
        if n < 40_000 or full:
            slow, slow_kib, code = run_once([*CLI, "fmt", "--check", str(unordered)])
            assert code == 1, "fmt --check: a key out of order went unnoticed"
            other = f"{slow:7.2f} s {slow_kib / 1024:6.0f} MiB ({slow / sec:4.1f}× canonical)"
        else:
            other = "(with --full)"
        size = plan.stat().st_size / 2**20
        print(
            f"{n:>10} {size:5.1f} {floor:8.2f} s {sec:9.2f} s {sec / floor:5.2f}× {kib / 1024:5.0f} MiB   {other}"
        )


def small_rows(repeat: int = 7) -> None:
    plan = str(ROOT / "plans" / "rukodelnitsa.yaml")
    sec, floor, kib, code = paired([*CLI, "fmt", "--check", plan], [*CLI, "validate", plan], repeat)
    assert code == 0, "fmt --check: the real plan is not canonical"
    print(
        f"rukodelnitsa.yaml: fmt --check {sec * 1000:.0f} ms, validate {floor * 1000:.0f} ms, "
        f"ratio {sec / floor:.2f}× (target ≤ 1.2×), peak {kib / 1024:.0f} MiB"
    )


def main() -> None:
    if sys.argv[1:2] == ["--write"]:
        _write(*sys.argv[2:4])
        return
    if sys.argv[1:2] == ["--unorder"]:
        _unorder(*sys.argv[2:4])
        return
    import compileall

    compileall.compile_dir(str(ROOT / "src" / "partnerplan"), quiet=1)  # as pip would
    with tempfile.TemporaryDirectory() as tmp:
        big_rows(pathlib.Path(tmp), "--full" in sys.argv)
    small_rows()


if __name__ == "__main__":
    main()
