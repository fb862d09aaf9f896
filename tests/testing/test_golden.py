"""Golden suites: the library, the `cleantext golden` command and the pytest plugin."""

from __future__ import annotations

import textwrap

import pytest

from cleantext import ConfigError
from cleantext.testing.golden import GoldenSuite


@pytest.fixture
def suite_dir(tmp_path):
    """A suite with one passing case, one failing, one missing, one known failure."""
    golden = tmp_path / "golden"
    golden.mkdir()
    cases = {
        "pass.txt": ("a &amp; b\n", "a & b\n"),
        "fail.txt": ("x\u00a0y\n", "something else\n"),
        "missing.txt": ("new\n", None),
        "known.txt": ("Related Articles\n", ""),
    }
    for name, (given, expected) in cases.items():
        (tmp_path / name).write_text(given)
        if expected is not None:
            (golden / name).write_text(expected)
    (golden / "known_failures.toml").write_text(
        '"known.txt" = "trailers are not removed yet"\n'
    )
    return tmp_path


def statuses(directory):
    return {r.case.name: r.status for r in GoldenSuite(directory).check()}


def test_statuses(suite_dir):
    assert statuses(suite_dir) == {
        "fail.txt": "fail",
        "known.txt": "xfail",
        "missing.txt": "missing",
        "pass.txt": "pass",
    }


def test_update_writes_mismatches_but_never_a_known_failure(suite_dir):
    written = GoldenSuite(suite_dir).update()
    assert sorted(r.case.name for r in written) == ["fail.txt", "missing.txt"]
    assert (suite_dir / "golden" / "fail.txt").read_text() == "x y\n"
    assert (suite_dir / "golden" / "known.txt").read_text() == ""
    assert set(statuses(suite_dir).values()) == {"pass", "xfail"}


def test_a_known_failure_that_passes_is_flagged(suite_dir):
    (suite_dir / "golden" / "known.txt").write_text("Related Articles\n")
    assert statuses(suite_dir)["known.txt"] == "xpass"


def test_suite_pipeline_toml(suite_dir):
    (suite_dir / "golden" / "pipeline.toml").write_text(
        '[[cleaners]]\nname = "FixUnicode"\n'
    )
    assert statuses(suite_dir)["fail.txt"] == "fail"
    results = {r.case.name: r for r in GoldenSuite(suite_dir).check()}
    assert results["fail.txt"].actual == "x\u00a0y\n"  # no whitespace cleaner


def test_stale_known_failure_and_bad_directory(suite_dir, tmp_path):
    (suite_dir / "golden" / "known_failures.toml").write_text('"gone.txt" = "x"\n')
    with pytest.raises(ConfigError, match="no such case"):
        GoldenSuite(suite_dir)
    with pytest.raises(ConfigError, match="not a directory"):
        GoldenSuite(tmp_path / "nope")


def test_cli_check_and_update(run_cli, suite_dir):
    result = run_cli("golden", "check", suite_dir, "--color", "never")
    out = result.stdout.decode()
    assert result.returncode == 1
    assert "PASS     pass.txt" in out
    assert "FAIL     fail.txt" in out and "-something else" in out and "+x y" in out
    assert "MISSING  missing.txt" in out
    assert "XFAIL    known.txt  (known failure: trailers are not removed yet)" in out
    assert out.rstrip().endswith("1 passed, 2 failed, 1 known failures")

    result = run_cli("golden", "update", suite_dir)
    assert result.returncode == 0
    assert "2 expected file(s) updated" in result.stdout.decode()
    assert run_cli("golden", "check", suite_dir).returncode == 0


def test_cli_golden_errors(run_cli, tmp_path):
    result = run_cli("golden", "check", tmp_path / "nope")
    assert result.returncode == 2 and b"not a directory" in result.stderr


def test_pytest_plugin(pytester, suite_dir):
    pytester.makepyfile(
        textwrap.dedent(
            f"""
            import pytest
            from cleantext.testing import golden_params

            @pytest.mark.parametrize("case", golden_params({str(suite_dir)!r}))
            def test_golden(case, golden):
                golden.check_case(case)

            def test_text(golden, tmp_path):
                golden.check_text("hello\\n", {str(suite_dir / "text.expected")!r})
            """
        )
    )
    result = pytester.runpytest()
    result.assert_outcomes(passed=1, failed=3, xfailed=1)
    result.stdout.fnmatch_lines(["*fail.txt differs from*", "*does not exist*"])

    result = pytester.runpytest("--update-golden")
    result.assert_outcomes(passed=4, xfailed=1)
    result = pytester.runpytest()
    result.assert_outcomes(passed=4, xfailed=1)
    assert (suite_dir / "text.expected").read_text() == "hello\n"
    assert (suite_dir / "golden" / "known.txt").read_text() == ""  # never blessed
