"""What a command loads before it answers: the start-up a teacher waits for on every run.

Import sets, not timings (timings live in benchmarks/bench.py): a heavy module creeping
into a command's path fails here, whatever the machine's speed.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .conftest import PLANS

PLAN = str(PLANS / "rukodelnitsa.yaml")

_PROBE = """
import sys
sys.argv = ["partnerplan", *sys.argv[1:]]
from partnerplan.cli.main import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write("\\nLOADED " + " ".join(sorted(m for m in sys.modules)) + "\\n")
"""

# Modules no checking or scheduling command needs: documents, round-trip YAML, the web.
DOCUMENTS = {"docx", "jinja2", "openpyxl", "lxml", "ruamel.yaml", "starlette", "uvicorn", "holidays"}


def loaded(*args: str) -> set[str]:
    """The modules a second run loads (the first fills the per-release caches: models, holidays)."""
    env = {**os.environ, "PARTNERPLAN_NO_CACHE": "1", "NO_COLOR": "1"}
    for _ in range(2):
        out = subprocess.run(
            [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, env=env, check=False
        )
    return set(out.stderr.rsplit("LOADED ", 1)[1].split())


def test_version_answers_before_typer_or_any_plan_code() -> None:
    mods = loaded("--version")
    assert not mods & {"typer", "click", "pydantic", "yaml", "rich"}


@pytest.mark.parametrize(
    "args",
    [("validate", PLAN), ("period", "Один раз в квартал"), ("schedule", PLAN)],
)
def test_checking_commands_load_no_document_or_web_code(args: tuple[str, ...]) -> None:
    mods = loaded(*args)
    assert "partnerplan.plan.model" in mods  # the probe did run the command
    assert not {m.split(".")[0] for m in mods} & {d.split(".")[0] for d in DOCUMENTS}, sorted(
        m for m in mods if m.split(".")[0] in {d.split(".")[0] for d in DOCUMENTS}
    )
    assert "rich" not in mods  # a table for a pipe is plain text; Rich is for terminals


def test_a_command_builds_only_its_own_click_command() -> None:
    from partnerplan.cli.main import build_app

    app = build_app("ru", only="validate")
    assert [c.callback.__name__ for c in app.registered_commands if c.callback] == ["validate"]
    everything = build_app("ru")
    assert len(everything.registered_commands) > 10


def test_a_mistyped_command_is_answered_in_russian_with_the_guess() -> None:
    env = {**os.environ, "LANG": "ru_RU.UTF-8"}
    out = subprocess.run(
        [sys.executable, "-m", "partnerplan", "valdate", PLAN], capture_output=True, text=True, env=env
    )
    assert out.returncode == 2
    assert "Нет такой команды 'valdate'. Возможно, вы имели в виду 'validate'?" in out.stderr
    assert "Did you mean" not in out.stderr


def test_forbidden_character_classes_equal_their_allowed_ranges_definition() -> None:
    """The classes are spelled as what is forbidden (the complement compiles 10× slower);
    they must still forbid exactly the complement of XML's and YAML's allowed ranges."""
    import re

    from partnerplan.documents import embed, ooxml
    from partnerplan.plan import yamlerrors

    every = "".join(map(chr, range(0x110000)))
    for pattern, allowed in (
        (ooxml._NOT_XML, "\t\n\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff"),
        (embed._NOT_XML, "\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff"),
        (yamlerrors._NOT_PRINTABLE, "\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff"),
    ):
        reference = re.compile(f"[^{allowed}]")
        assert pattern.findall(every) == reference.findall(every)


def test_a_word_plan_loads_no_template_engine() -> None:
    mods = loaded("render", PLAN, "-o", os.devnull)
    assert "docx" in mods and "jinja2" not in mods
