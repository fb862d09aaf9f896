"""The repository keeps its promises: README commands, CI, runnable examples."""

from __future__ import annotations

import re

from tests.conftest import ROOT, readme_python_blocks

README = (ROOT / "README.md").read_text("utf-8")


def readme_commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", README, flags=re.S)


def test_readme_opens_with_the_two_commands():
    first_two = readme_commands()[:2]
    assert len(first_two) == 2
    assert "cleantext clean seeds/" in first_two[0]
    assert first_two[1].endswith("pytest")
    assert README.index(first_two[1]) < README.index("## ")


def test_ci_runs_the_readme_test_command_first_without_extras():
    """CI's first pass is the README's command, as written, in a new environment:
    nothing else is installed before it."""
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    command = readme_commands()[1]
    steps = [line for line in ci.splitlines() if line and not line.startswith("#")]
    first = next(i for i, line in enumerate(steps) if "pip install" in line)
    assert steps[first] == command
    assert "rm -rf .venv" in steps[:first]
    assert 'CLEANTEXT_REQUIRE_EXTRAS=1 pytest -m ""' in steps[first:]


def test_readme_library_examples_run():
    blocks = [
        *readme_python_blocks("Library"),
        *readme_python_blocks("Document quality"),
        *readme_python_blocks("Site repeats"),
    ]
    assert len(blocks) >= 2
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})


def test_extras_are_looked_up_without_importing_a_missing_parent():
    from tests.conftest import module_available

    assert module_available("json.decoder")
    assert not module_available("no_such_package_here.dataframe")  # no raise
