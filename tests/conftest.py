from __future__ import annotations

import pathlib

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
