"""The models' validators come from the per-release cache, and a bad cache costs only time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import PLANS

# Validates the real plan and reports whether pydantic had to build any model itself.
_PROBE = """
import sys
from pydantic._internal import _model_construction as mc
built = []
original = mc.complete_model_class
def spy(cls, *a, **k):
    built.append(cls.__name__)
    return original(cls, *a, **k)
mc.complete_model_class = spy
import partnerplan
checked = partnerplan.load(sys.argv[1])
print(len(checked.plan.partners), checked.plan.calendar.week, len(checked.errors), ",".join(built))
"""


def probe(cache: Path) -> list[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, str(PLANS / "rukodelnitsa.yaml")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.split()
    return out


def test_the_first_run_builds_and_stores_the_next_reuses(tmp_path: Path) -> None:
    first = probe(tmp_path)
    assert first[:3] == ["20", "5", "0"] and "Plan" in first[3]
    stored = list((tmp_path / "partnerplan").glob("models-*.pickle"))
    assert len(stored) == 1 and stored[0].stat().st_size > 1000
    again = probe(tmp_path)
    assert again == ["20", "5", "0"]  # nothing built: every model came from the file


def test_a_broken_cache_file_is_rebuilt_not_trusted(tmp_path: Path) -> None:
    probe(tmp_path)
    (stored,) = (tmp_path / "partnerplan").glob("models-*.pickle")
    stored.write_bytes(b"\x80\x05not a pickle")
    rebuilt = probe(tmp_path)
    assert rebuilt[:3] == ["20", "5", "0"] and "Plan" in rebuilt[3]
    stored.write_bytes(b"")
    assert probe(tmp_path)[:3] == ["20", "5", "0"]


def test_an_unwritable_cache_folder_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    assert probe(blocker)[:3] == ["20", "5", "0"]
