from __future__ import annotations

import pathlib
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from partnerplan.cli.main import build_app, detect_lang

ROOT = pathlib.Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"


class Run:
    """Runs the CLI in-process the way `main()` does, returning (exit code, stdout, stderr)."""

    def __call__(self, *args: str) -> tuple[int, str, str]:
        lang, rest = detect_lang(list(args), {})
        result = CliRunner().invoke(build_app(lang), rest, prog_name="partnerplan")
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def run() -> Run:
    return Run()


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets its own cache folder: no test sees another's cached results."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


def fmt_stalled_in_fsync(plan: pathlib.Path) -> subprocess.Popen[bytes]:
    """A real `partnerplan fmt` of `plan`, stopped where it flushes its temporary file to
    disk (os.fsync sleeps 30 s): returned once the temporary exists, or after 20 s."""
    slow = plan.parent / "slow.py"
    slow.write_text(
        "import os, time, runpy, sys\n"
        "real = os.fsync\n"
        "def fsync(fd):\n    time.sleep(30)\n    real(fd)\n"
        "os.fsync = fsync\n"
        f"sys.argv = ['partnerplan', 'fmt', {str(plan)!r}]\n"
        "runpy.run_module('partnerplan', run_name='__main__')\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen([sys.executable, str(slow)])
    deadline = time.time() + 20
    while time.time() < deadline and not list(plan.parent.glob(".partnerplan-*.tmp")):
        time.sleep(0.05)
    return proc
