"""Fuzz every command that reads a plan with mutated and hostile plans.

Each case is a plan file made from a shipped plan by a seeded mutation (lines deleted or
duplicated, indentation shifted, bytes flipped, truncation, scalars swapped for lists and
maps, deep nesting, long strings, YAML tags, anchors and merge keys, control and escape
characters, nulls, extreme dates and counts). A forked child runs every command on it
in-process, under a memory limit; the parent kills it past a time limit. Outcomes are
counted per command:

  clean        a message and an exit code (0, 1 or 2), no traceback
  traceback    an exception escaped the CLI
  crash        the child died by a signal (SIGSEGV…) or ran out of memory
  hang         past the time limit
  exit0_bad    exit 0 from a command that needs a valid plan, on a plan validate rejects
  left_output  a failed command left its output file behind
  modified     a command that only reads changed the input file
  lost         fmt lost a comment or changed a value

    python benchmarks/fuzz.py                 # the full run: 2,000 cases
    python benchmarks/fuzz.py --cases 200 --seed 7 --show 5
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [ROOT / "plans" / "rukodelnitsa.yaml", ROOT / "plans" / "school_volgograd.yaml",
         ROOT / "plans" / "elbrus" / "school1.yaml", ROOT / "plans" / "elbrus" / "district.yaml"]  # fmt: skip
OUTCOMES = ("clean", "traceback", "crash", "hang", "exit0_bad", "left_output", "modified", "lost")
READ_ONLY = ("validate", "schedule", "render", "report", "fmt_check", "diff", "textconv", "rollover")


# --- mutations ----------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return text.split("\n")


def m_delete_line(rng: random.Random, t: str) -> str:
    ls = _lines(t)
    del ls[rng.randrange(len(ls))]
    return "\n".join(ls)


def m_duplicate_line(rng: random.Random, t: str) -> str:
    ls = _lines(t)
    i = rng.randrange(len(ls))
    ls.insert(i, ls[i])
    return "\n".join(ls)


def m_indent(rng: random.Random, t: str) -> str:
    ls = _lines(t)
    i = rng.randrange(len(ls))
    ls[i] = (" " * rng.choice((1, 2, 3, 4)) + ls[i]) if rng.random() < 0.6 else ls[i].lstrip()
    return "\n".join(ls)


def m_flip_bytes(rng: random.Random, t: str) -> bytes:  # type: ignore[override]
    raw = bytearray(t.encode("utf-8", "surrogatepass"))
    for _ in range(rng.randint(1, 8)):
        raw[rng.randrange(len(raw))] = rng.randrange(256)
    return bytes(raw)


def m_truncate(rng: random.Random, t: str) -> bytes:  # type: ignore[override]
    raw = t.encode("utf-8", "surrogatepass")
    return raw[: rng.randrange(1, len(raw))]


_SCALAR = re.compile(r"^(\s*(?:- )?[a-z_]+: )(?!\s*$)(.+)$", re.M)


def m_swap_scalar(rng: random.Random, t: str) -> str:
    found = list(_SCALAR.finditer(t))
    if not found:  # an earlier mutation left no scalar to change
        return t
    m = rng.choice(found)
    new = rng.choice(["[]", "{}", "[a, b]", "{x: 1}", "~", "null", "", "''", "- x", "!!binary aGk=", "123",
                      "-1", "1e400", "2026-02-30", "0000-01-01", "9999-12-31", "true", "[[[[]]]]"])  # fmt: skip
    return t[: m.start(2)] + new + t[m.end(2) :]


def m_deep(rng: random.Random, t: str) -> str:
    depth = rng.choice((100, 1_000, 30_000))
    kind = rng.choice(("[", "{a: ", "- "))
    if kind == "- ":
        nest = "".join("  " * i + "- \n" for i in range(min(depth, 3000)))
        return t + "\nextra:\n" + nest
    return t + "\nextra: " + kind * depth + "\n"


def m_long(rng: random.Random, t: str) -> str:
    found = list(_SCALAR.finditer(t))
    if not found:  # an earlier mutation left no scalar to change
        return t
    m = rng.choice(found)
    return (
        t[: m.start(2)]
        + rng.choice(("А", "x", "«", " ")) * rng.choice((300, 70_000, 2_000_000))
        + t[m.end(2) :]
    )


def m_tag(rng: random.Random, t: str) -> str:
    found = list(_SCALAR.finditer(t))
    if not found:  # an earlier mutation left no scalar to change
        return t
    m = rng.choice(found)
    tag = rng.choice(
        ("!!python/object/apply:os.system ['true']", "!!str", "!custom x", "!!map {}", "!!int 5")
    )
    return t[: m.start(2)] + tag + t[m.end(2) :]


def m_anchor(rng: random.Random, t: str) -> str:
    if rng.random() < 0.5:
        bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
        for i in range(1, rng.choice((4, 9))):
            bomb.append(f"{chr(97 + i)}: &{chr(97 + i)} [{', '.join(['*' + chr(96 + i)] * 9)}]")
        return "\n".join(bomb) + "\n" + t
    ls = _lines(t)
    i = rng.randrange(len(ls))
    return "\n".join([*ls[:i], "x: &shared {form: беседа, title: X, period: Май}", "<<: *shared", *ls[i:]])


def m_control(rng: random.Random, t: str) -> str:
    found = list(_SCALAR.finditer(t))
    if not found:  # an earlier mutation left no scalar to change
        return t
    m = rng.choice(found)
    junk = rng.choice(("\x1b]0;owned\x07", "\x1b[2J", "\x00", "\x07", "\u202e", "\ud800", "\x85", "\t", "\r"))
    value = m.group(2)
    pos = rng.randrange(len(value) + 1)
    quoted = json.dumps(value[:pos] + junk + value[pos:], ensure_ascii=False) if rng.random() < 0.5 else None
    new = quoted if quoted else value[:pos] + junk + value[pos:]
    return t[: m.start(2)] + new + t[m.end(2) :]


_HUGE_PERIODS = (
    "10000000000000000000000 раз в год",
    "999999 раз в месяц",
    "с 31.12.9999 по 01.01.0001",
    "0 раз в год",
    "раз" + " " * 50_000 + "- в год",
)


def m_extreme(rng: random.Random, t: str) -> str:
    swaps = [
        (r"year: \S+", rng.choice(("year: 0000", "year: 9999", "year: 1/2", "year: 2025/2027", "year: -1"))),
        (
            r"period: [^\n]+",
            "period: "
            + rng.choice(
                (
                    "10000000000000000000000 раз в год",
                    "999999 раз в месяц",
                    "с 31.12.9999 по 01.01.0001",
                    "0 раз в год",
                    "раз" + " " * 50_000 + "- в год",
                )
            ),
        ),
        (r"  breaks:", "  breaks:\n    - {name: x, from: 0001-01-01, to: 9999-12-31}"),
    ]
    pattern, new = rng.choice(swaps)
    out, n = re.subn(pattern, new, t, count=1)
    return out if n else t + f"\nperiod_note: {new}\n"


MUTATIONS = [m_delete_line, m_duplicate_line, m_indent, m_flip_bytes, m_truncate, m_swap_scalar, m_deep,
             m_long, m_tag, m_anchor, m_control, m_extreme]  # fmt: skip


def make_case(seed: int) -> tuple[str, bytes, str]:
    """One mutated plan: (the seed plan's file name, the bytes, the mutations' names)."""
    rng = random.Random(seed)
    source = SEEDS[seed % len(SEEDS)]
    text = source.read_text(encoding="utf-8")
    names = []
    data: str | bytes = text
    for _ in range(rng.choice((1, 1, 2, 3))):
        fn = rng.choice(MUTATIONS)
        names.append(fn.__name__[2:])
        data = fn(rng, data if isinstance(data, str) else data.decode("utf-8", "replace"))
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    return source.name, raw, "+".join(names)


# --- running ------------------------------------------------------------------------


def _comments(text: str) -> Counter[str]:
    """Comments by an independent witness: libyaml's tokens say where scalars are, so a
    «#» outside them starts a comment."""
    from partnerplan.plan.comments import comment_texts

    return Counter(comment_texts(text))


def run_case(workdir: Path, name: str, raw: bytes, seed_dir: Path) -> dict[str, str]:
    """Run every command on one case (in this process); an outcome per command."""
    from typer.testing import CliRunner

    from partnerplan.cli.main import build_app
    from partnerplan.plan.loader import load_plan

    plan = workdir / name
    plan.write_bytes(raw)
    other = workdir / "other.yaml"
    shutil.copy(seed_dir / name, other) if (seed_dir / name).exists() else other.write_bytes(raw)
    for extra in ("partners.yaml",):
        if (seed_dir / extra).exists():
            shutil.copy(seed_dir / extra, workdir / extra)
    valid = load_plan(plan).ok
    app = build_app("ru")
    runner = CliRunner()
    out: dict[str, str] = {}
    commands = {
        "validate": ["validate", str(plan)],
        "schedule": ["schedule", str(plan), "--format", "json"],
        "render": ["render", str(plan), "-o", str(workdir / "out.docx")],
        "report": ["report", str(plan), "-o", str(workdir / "report.md")],
        "fmt_check": ["fmt", "--check", str(plan)],
        "diff": ["diff", str(other), str(plan)],
        "textconv": ["textconv", str(plan)],
        "rollover": ["rollover", str(plan), "--to", "2026/2027", "-o", str(workdir / "next.yaml")],
        "fmt": ["fmt", str(workdir / "copy.yaml")],
    }
    needs_valid = {"schedule", "render", "rollover"}
    outputs = {
        "render": workdir / "out.docx",
        "report": workdir / "report.md",
        "rollover": workdir / "next.yaml",
    }
    for cmd, args in commands.items():
        if cmd == "fmt":
            (workdir / "copy.yaml").write_bytes(raw)
        for f in outputs.values():
            f.unlink(missing_ok=True)
        result = runner.invoke(app, args, prog_name="partnerplan")
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            out[cmd] = "traceback:" + type(result.exception).__name__
        elif "Traceback (most recent call last)" in (result.stdout + result.stderr):
            out[cmd] = "traceback:printed"
        elif result.exit_code == 0 and cmd in needs_valid and not valid:
            out[cmd] = "exit0_bad"
        elif result.exit_code != 0 and cmd in outputs and outputs[cmd].exists():
            out[cmd] = "left_output"
        elif cmd in READ_ONLY and plan.read_bytes() != raw:
            out[cmd] = "modified"
            plan.write_bytes(raw)
        elif cmd == "fmt" and result.exit_code == 0:
            out[cmd] = _fmt_outcome(raw, (workdir / "copy.yaml").read_bytes())
        else:
            out[cmd] = "clean"
    return out


def _fmt_outcome(before: bytes, after: bytes) -> str:
    from partnerplan.plan.load import decode
    from partnerplan.plan.loader import load_plan

    if before == after:
        return "clean"
    try:  # as the loader reads them (a Windows-1251 file may come back as UTF-8)
        a, b = decode(before, "before")[0], decode(after, "after")[0]
    except Exception:
        return "lost:encoding"
    if _comments(a) != _comments(b):
        return "lost:comment"
    if load_plan(before, registry=None).loaded.data != load_plan(after, registry=None).loaded.data:
        return "lost:value"
    return "clean"


def _child(case: tuple[str, bytes, str], seed_dir: Path, limit_mb: int, write_fd: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limit_mb * 2**20, limit_mb * 2**20))
    os.environ["PARTNERPLAN_NO_CACHE"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        try:
            result = run_case(Path(tmp), case[0], case[1], seed_dir)
        except MemoryError:
            result = {"*": "crash:memory"}
        except BaseException as exc:  # the harness itself must report, not die
            result = {"*": f"traceback:{type(exc).__name__}"}
    os.write(write_fd, json.dumps(result).encode())
    os._exit(0)


def _start(n: int, seed: int, limit_mb: int) -> tuple[int, int, tuple[str, bytes, str], float]:
    case = make_case(seed * 1_000_003 + n)
    seed_dir = next(p.parent for p in SEEDS if p.name == case[0])
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        _child(case, seed_dir, limit_mb, w)
    os.close(w)
    os.set_blocking(r, False)
    return pid, r, case, time.monotonic()


def fuzz(
    cases: int, seed: int, timeout: float, limit_mb: int, jobs: int = 2
) -> tuple[Counter[tuple[str, str]], list[Any]]:
    # Imported once here, shared by every forked child.

    counts: Counter[tuple[str, str]] = Counter()
    bad: list[Any] = []
    running: dict[int, tuple[int, int, tuple[str, bytes, str], float, bytearray]] = {}
    next_case = 0
    while next_case < cases or running:
        while next_case < cases and len(running) < jobs:
            pid, r, case, started = _start(next_case, seed, limit_mb)
            running[pid] = (next_case, r, case, started, bytearray())
            next_case += 1
        time.sleep(0.005)
        for pid, (n, r, case, started, buf) in list(running.items()):
            try:
                while chunk := os.read(r, 65536):
                    buf.extend(chunk)
            except BlockingIOError:
                pass
            done, status = os.waitpid(pid, os.WNOHANG)
            if not done and time.monotonic() - started < timeout:
                continue
            if not done:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            try:
                while chunk := os.read(r, 65536):
                    buf.extend(chunk)
            except BlockingIOError:
                pass
            os.close(r)
            del running[pid]
            if not done:
                result = {"*": "hang"}
            elif os.WIFSIGNALED(status) or not buf:
                result = {"*": f"crash:signal{os.WTERMSIG(status) if os.WIFSIGNALED(status) else ''}"}
            else:
                result = json.loads(bytes(buf))
            for cmd, outcome in result.items():
                kind = outcome.split(":", 1)[0]
                counts[(cmd, kind)] += 1
                if kind != "clean":
                    bad.append((n, case[2], case[0], cmd, outcome))
    return counts, sorted(bad)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds for all commands of one case")
    ap.add_argument("--memory", type=int, default=2048, help="MiB of address space per case")
    ap.add_argument("--show", type=int, default=20, help="how many bad cases to list")
    ap.add_argument("--jobs", type=int, default=2, help="cases run at once (one process each)")
    args = ap.parse_args()
    start = time.monotonic()
    counts, bad = fuzz(args.cases, args.seed, args.timeout, args.memory, args.jobs)
    commands = sorted({c for c, _ in counts})
    print(f"{args.cases} cases, seed {args.seed}, {time.monotonic() - start:.0f} s")
    print(f"{'command':<12}" + "".join(f"{o:>12}" for o in OUTCOMES))
    for cmd in commands:
        print(f"{cmd:<12}" + "".join(f"{counts[(cmd, o)]:>12}" for o in OUTCOMES))
    for item in bad[: args.show]:
        print("  case {}: {} on {} → {}: {}".format(*item))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
