"""Shared paths and helpers for the test suite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def run_cli():
    """Run `cleantext` as a subprocess, the way users do; returns CompletedProcess."""

    def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None):
        return subprocess.run(
            [sys.executable, "-m", "cleantext.cli", *map(str, args)],
            input=stdin,
            capture_output=True,
            cwd=cwd,
            timeout=120,
            check=False,
        )

    return run


@pytest.fixture(scope="session")
def seed_texts() -> list[str]:
    """The five bundled seed documents."""
    return [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
