"""A pytest plugin for golden-output tests of your own cleantext pipelines.

Installed with cleantext (entry point `pytest11`), it adds `--update-golden` and the
`golden` fixture. Typical use, one test per case, known failures as strict xfails:

    from cleantext.testing import golden_params

    @pytest.mark.parametrize("case", golden_params("tests/golden"))
    def test_cleaning_matches_golden(case, golden):
        golden.check_case(case)

or, for any text your code produces: `golden.check_text(output, "expected/x.txt")`.
`pytest --update-golden` writes the actual outputs instead of comparing (never over a
known failure's hand-written expectation); review the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleantext.io.writers import atomic_writer
from cleantext.pipeline import Pipeline
from cleantext.run.review import unified_diff
from cleantext.testing.golden import MISSING, GoldenCase, GoldenSuite


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("cleantext").addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="write actual outputs over golden files instead of comparing them",
    )


def golden_params(
    directory: str | Path, pipeline: Pipeline | None = None
) -> list[pytest.param]:
    """One pytest param per case of a suite; known failures become strict xfails."""
    suite = GoldenSuite(directory, pipeline)
    return [
        pytest.param(
            (suite, case),
            id=case.name,
            marks=[pytest.mark.xfail(strict=True, reason=case.known_failure)]
            if case.known_failure
            else [],
        )
        for case in suite.cases
    ]


class Golden:
    """Compare outputs with golden files, or rewrite them under `--update-golden`."""

    def __init__(self, update: bool) -> None:
        self.update = update

    def check_case(self, param: tuple[GoldenSuite, GoldenCase]) -> None:
        """Run one case from `golden_params` and assert its output is as expected.

        Known failures carry a strict xfail mark: a mismatch is reported as expected,
        a match fails the run so that the entry gets removed.
        """
        suite, case = param
        result = suite.run_case(case)
        if self.update and not case.known_failure:
            self._write(case.expected_path, result.actual)
            return
        if result.status == MISSING:
            pytest.fail(
                f"{case.expected_path} does not exist; run pytest --update-golden "
                "and review the file"
            )
        assert result.actual == result.expected, (
            f"{case.name} differs from {case.expected_path}:\n{result.diff()}"
        )

    def check_text(self, actual: str, expected_path: str | Path) -> None:
        """Assert `actual` equals the file's content (or write it under the flag)."""
        path = Path(expected_path)
        if self.update:
            self._write(path, actual)
            return
        if not path.exists():
            pytest.fail(f"{path} does not exist; run pytest --update-golden")
        expected = path.read_text("utf-8")
        assert actual == expected, f"output differs from {path}:\n" + unified_diff(
            expected, actual, f"expected/{path.name}", "actual"
        )

    @staticmethod
    def _write(path: Path, text: str) -> None:
        with atomic_writer(path) as handle:
            handle.write(text.encode("utf-8", "surrogatepass"))


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """Golden-file assertions that honour `--update-golden`."""
    return Golden(update=request.config.getoption("update_golden"))
