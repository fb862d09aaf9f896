"""The package keeps its shape: dependencies point one way (the import-linter
contracts in pyproject.toml), and no module grows past one idea's length."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

MAX_MODULE_LINES = 400


def test_the_import_contracts_are_kept():
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert command, "import-linter is in the test extra: pip install -e '.[test]'"
    result = subprocess.run(
        [command, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_no_module_is_longer_than_one_idea():
    long = {
        str(path.relative_to(ROOT)): lines
        for path in (ROOT / "cleantext").rglob("*.py")
        if (lines := len(path.read_text("utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, long


MAX_TOP_LEVEL_MODULES = 10


def test_the_top_level_stays_small():
    """Text primitives, resources and cleaner helpers live in subpackages, so
    the top level shows the flow of a document, not a pile of helpers."""
    modules = sorted(p.name for p in (ROOT / "cleantext").glob("*.py"))
    assert len(modules) <= MAX_TOP_LEVEL_MODULES, modules


def test_the_pipeline_starts_no_process():
    """Worker processes belong to the runner (`cleantext.run.pool`), which
    drives a pipeline; the pipeline package never imports it back."""
    imports = re.compile(
        r"^\s*(?:from|import) (multiprocessing|cleantext\.run)\b", re.M
    )
    offenders = [
        path.name
        for path in (ROOT / "cleantext" / "pipeline").rglob("*.py")
        if imports.search(path.read_text("utf-8"))
    ]
    assert not offenders, offenders


# What each benchmarks folder may import of benchmarks (benchmarks/README.md).
BENCHMARK_IMPORTS = {
    "data": ("benchmarks.data",),
    "peers": (),
    "accuracy": ("benchmarks.data", "benchmarks.peers", "benchmarks.accuracy.floors"),
    "speed": ("benchmarks.data", "benchmarks.peers", "benchmarks.speed.timing"),
    "training": ("benchmarks.data",),
}


def test_benchmark_folders_import_only_what_they_share():
    wrong = []
    for folder, allowed in BENCHMARK_IMPORTS.items():
        for path in (ROOT / "benchmarks" / folder).glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                elif isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                else:
                    continue
                wrong += [
                    f"{path.relative_to(ROOT)} imports {name}"
                    for name in names
                    if name.startswith("benchmarks") and not name.startswith(allowed)
                ]
    assert not wrong, wrong
