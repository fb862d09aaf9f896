"""Shared paths and helpers for the test suite."""

from __future__ import annotations

import importlib.util
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st

pytest_plugins = ["pytester"]


# CI runs the same examples every time (a hash of each test seeds them), with no
# example database, so that a run on a fresh machine is reproducible; elsewhere
# hypothesis explores afresh on every run.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def text_soup(
    pieces: list[str], *, text_size: int = 3, max_pieces: int | None = None
) -> st.SearchStrategy[str]:
    """Strings of short random text and chosen `pieces` in any order: the inputs on
    which a fast path and the general one it stands for are most likely to part."""
    return st.lists(
        st.one_of(st.text(max_size=text_size), st.sampled_from(pieces)),
        max_size=max_pieces,
    ).map("".join)


_SUMMARY = re.compile(r"cleantext: \d+ docs, [\d.]+ MB in ")


def messages(stderr: bytes) -> list[str]:
    """The lines of a run's stderr without its progress summary (which a run
    whose stderr is not a terminal ends with, as a log would)."""
    return [line for line in stderr.decode().splitlines() if not _SUMMARY.match(line)]


def outputs(folder: Path) -> list[str]:
    """The files a run wrote under `folder` (relative, sorted), without the
    completion markers it keeps in `.cleantext/`."""
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and ".cleantext" not in p.relative_to(folder).parts
    )


def _run_cli_process(*args: str, stdin: bytes | None = None, cwd: Path | None = None):
    """Run `cleantext` as a subprocess, the way users do."""
    return subprocess.run(
        [sys.executable, "-m", "cleantext.cli", *map(str, args)],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def _run_cli_here(*args: str, stdin: bytes | None = None, cwd: Path | None = None):
    """Run `cleantext.cli.main` in this process, with stdin, stdout and stderr as
    bytes in memory: the same result as `_run_cli_process`, without the second
    or two a new interpreter takes to start and load the lexicon."""
    from cleantext.cli import main

    streams = {
        "stdin": io.TextIOWrapper(io.BufferedReader(io.BytesIO(stdin or b""))),
        "stdout": io.TextIOWrapper(io.BytesIO(), encoding="utf-8"),
        "stderr": io.TextIOWrapper(io.BytesIO(), encoding="utf-8"),
    }
    saved = {name: getattr(sys, name) for name in streams}
    old_cwd = os.getcwd()
    try:
        for name, stream in streams.items():
            setattr(sys, name, stream)
        if cwd is not None:
            os.chdir(cwd)
        try:
            code = main([str(arg) for arg in args])
        except SystemExit as exit_:  # argparse: --help, --version, usage errors
            code = exit_.code if isinstance(exit_.code, int) else 2
        for name in ("stdout", "stderr"):
            streams[name].flush()
    finally:
        os.chdir(old_cwd)
        for name, stream in saved.items():
            setattr(sys, name, stream)
    return subprocess.CompletedProcess(
        ["cleantext", *map(str, args)],
        code,
        streams["stdout"].buffer.getvalue(),
        streams["stderr"].buffer.getvalue(),
    )


@pytest.fixture
def run_cli():
    """Run the `cleantext` command in this process; returns CompletedProcess."""
    return _run_cli_here


@pytest.fixture
def run_cli_process():
    """Run `cleantext` as a subprocess: for what needs a process of its own
    (signals, closed pipes, worker pools, the entry point itself)."""
    return _run_cli_process


@pytest.fixture(scope="session")
def seed_texts() -> list[str]:
    """The five bundled seed documents."""
    return [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def module_available(name: str) -> bool:
    """Whether `name` (dotted or not) can be imported, without raising.

    `find_spec("pkg.sub")` imports `pkg` and raises when it is missing, so each
    parent is looked up before its child."""
    parts = name.split(".")
    return all(
        importlib.util.find_spec(".".join(parts[: depth + 1])) is not None
        for depth in range(len(parts))
    )


def require_extra(extra: str, *modules: str) -> None:
    """Skip the calling test module unless `modules` (an optional extra) import.

    Where CLEANTEXT_REQUIRE_EXTRAS is set (CI, which installs every extra) a missing
    module is an error instead, so a test never skips silently there.
    """
    missing = [name for name in modules if not module_available(name)]
    if not missing:
        return
    if os.environ.get("CLEANTEXT_REQUIRE_EXTRAS"):
        raise ImportError(f"CI must install the {extra} extra: missing {missing}")
    pytest.skip(
        f"needs the {extra} extra ({', '.join(missing)})", allow_module_level=True
    )


class PrepareLog:
    """A pass-through pipeline step that appends its process id to `path` each time
    it is prepared: tests count how often worker processes build a pipeline."""

    name = "PrepareLog"

    def __init__(self, path: Path) -> None:
        self.path = str(path)

    def prepare(self) -> None:
        with open(self.path, "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()}\n")

    def __call__(self, doc):
        return doc


def prepared_pids(path: Path) -> list[str]:
    """The process ids a `PrepareLog` wrote, one per preparation."""
    return path.read_text("utf-8").split() if path.exists() else []


def run_as_script(code: str, folder: Path) -> subprocess.CompletedProcess:
    """Run `code` as a user who pasted it into a file would: `python example.py`
    in `folder`, a fresh interpreter with `__name__ == "__main__"`."""
    script = folder / "example.py"
    script.write_text(code, "utf-8")
    return subprocess.run(
        [sys.executable, str(script)],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def readme_python_blocks(section: str) -> list[str]:
    """The ```python blocks of the README section headed `## {section}`."""
    readme = (ROOT / "README.md").read_text("utf-8")
    start = readme.index(f"\n## {section}\n")
    end = readme.find("\n## ", start + 1)
    return re.findall(r"```python\n(.+?)\n```", readme[start:end], flags=re.S)
