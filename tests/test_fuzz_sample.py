"""A fast seeded sample of the fuzz harness (benchmarks/fuzz.py runs thousands): mutated
and hostile plans through every command that reads a plan — only clean outcomes."""

from __future__ import annotations

import sys

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import fuzz


def test_mutations_are_deterministic_and_varied() -> None:
    cases = [fuzz.make_case(n) for n in range(60)]
    assert cases == [fuzz.make_case(n) for n in range(60)]
    kinds = {name for _, _, names in cases for name in names.split("+")}
    assert len(kinds) >= 10


def test_a_seeded_sample_has_only_clean_outcomes() -> None:
    counts, bad = fuzz.fuzz(cases=12, seed=20261122, timeout=60, limit_mb=3072, jobs=2)
    assert bad == []
    assert sum(n for (_, kind), n in counts.items() if kind == "clean") == 12 * 9
