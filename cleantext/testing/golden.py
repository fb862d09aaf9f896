"""Golden-output suites: inputs, reviewed expected outputs, and tracked known failures.

Layout of a suite directory DIR:

    DIR/NAME.txt                      an input (every `*.txt` directly in DIR)
    DIR/golden/NAME.txt               its reviewed expected output
    DIR/golden/pipeline.toml          optional: the pipeline to run (default otherwise)
    DIR/golden/known_failures.toml    optional: `"NAME.txt" = "why it still fails"`

A known failure is a case whose expected file holds the output we want but do not get
yet. It is reported, not hidden; it is never overwritten by `update`; and when it
starts passing, `check` says so and fails until the entry is removed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cleantext.errors import ConfigError
from cleantext.io.compression import read_input
from cleantext.io.text import decode_text
from cleantext.io.writers import atomic_writer
from cleantext.pipeline import Pipeline, default_pipeline
from cleantext.resources.tomlio import TOMLDecodeError, load_toml
from cleantext.run.review import unified_diff

GOLDEN_DIR = "golden"
PIPELINE_FILE = "pipeline.toml"
KNOWN_FAILURES_FILE = "known_failures.toml"

PASS, FAIL, MISSING, XFAIL, XPASS = "pass", "fail", "missing", "xfail", "xpass"
FAILING_STATUSES = frozenset({FAIL, MISSING, XPASS})


@dataclass(frozen=True)
class GoldenCase:
    """One input, where its expected output lives, and why it is known to fail."""

    name: str
    input_path: Path
    expected_path: Path
    known_failure: str | None = None


@dataclass(frozen=True)
class CaseResult:
    """The outcome of running one case."""

    case: GoldenCase
    actual: str
    expected: str | None

    @property
    def status(self) -> str:
        if self.expected is None:
            return MISSING
        matches = self.actual == self.expected
        if self.case.known_failure:
            return XPASS if matches else XFAIL
        return PASS if matches else FAIL

    def diff(self) -> str:
        """Unified diff from the expected output to the actual one."""
        return unified_diff(
            self.expected or "",
            self.actual,
            f"expected/{self.case.name}",
            f"actual/{self.case.name}",
        )


class GoldenSuite:
    """The cases of one suite directory and the pipeline that should produce them."""

    def __init__(self, directory: str | Path, pipeline: Pipeline | None = None) -> None:
        self.directory = Path(directory)
        if not self.directory.is_dir():
            raise ConfigError(f"{self.directory}: not a directory")
        self.golden_dir = self.directory / GOLDEN_DIR
        self.pipeline = pipeline or self._configured_pipeline()
        self.cases = self._discover_cases()

    def _configured_pipeline(self) -> Pipeline:
        config = self.golden_dir / PIPELINE_FILE
        return Pipeline.from_toml(config) if config.exists() else default_pipeline()

    def _known_failures(self) -> dict[str, str]:
        path = self.golden_dir / KNOWN_FAILURES_FILE
        if not path.exists():
            return {}
        try:
            data = load_toml(path)
        except (OSError, TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: {exc}") from exc
        bad = [name for name, reason in data.items() if not isinstance(reason, str)]
        if bad:
            raise ConfigError(f"{path}: give each case a reason string: {bad}")
        return data

    def _discover_cases(self) -> list[GoldenCase]:
        known = self._known_failures()
        inputs = sorted(
            p
            for p in self.directory.glob("*.txt")
            if p.is_file() and not p.name.startswith(".")
        )
        stale = sorted(set(known) - {p.name for p in inputs})
        if stale:
            raise ConfigError(
                f"{self.golden_dir / KNOWN_FAILURES_FILE}: no such case(s): "
                + ", ".join(stale)
            )
        return [
            GoldenCase(p.name, p, self.golden_dir / p.name, known.get(p.name))
            for p in inputs
        ]

    def run_case(self, case: GoldenCase) -> CaseResult:
        """Clean one input and compare it with its expected output."""
        where = str(case.input_path)
        actual = self.pipeline.clean(
            decode_text(read_input(case.input_path, where), where)
        )
        expected = None
        if case.expected_path.exists():
            expected_where = str(case.expected_path)
            expected = decode_text(
                read_input(case.expected_path, expected_where), expected_where
            )
        return CaseResult(case, actual, expected)

    def check(self) -> list[CaseResult]:
        """Run every case."""
        return [self.run_case(case) for case in self.cases]

    def update(
        self,
        include_known_failures: bool = False,
        on_write: Callable[[CaseResult], None] | None = None,
    ) -> list[CaseResult]:
        """Write the actual output of every case whose expected file differs.

        Known failures keep their hand-written expectation unless asked otherwise:
        overwriting them would bless the wrong output.
        """
        written = []
        for result in self.check():
            if result.status in (PASS, XPASS, XFAIL) and not (
                result.status == XFAIL and include_known_failures
            ):
                continue
            with atomic_writer(result.case.expected_path) as handle:
                handle.write(result.actual.encode("utf-8", "surrogatepass"))
            written.append(result)
            if on_write:
                on_write(result)
        return written
