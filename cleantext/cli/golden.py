"""`cleantext golden check|update DIR`: golden outputs, compared or rewritten."""

from __future__ import annotations

import argparse
from pathlib import Path

from cleantext.cli.common import EXIT_INPUT_ERRORS, EXIT_OK, use_colour
from cleantext.pipeline import Pipeline
from cleantext.run.review import colourise_diff
from cleantext.testing.golden import (
    FAIL,
    FAILING_STATUSES,
    MISSING,
    PASS,
    XFAIL,
    XPASS,
    GoldenSuite,
)


def add_parser(commands: argparse._SubParsersAction) -> None:
    """The `golden` command and its options."""
    golden = commands.add_parser(
        "golden",
        help="check or update golden outputs",
        description=(
            "A golden folder DIR holds inputs DIR/*.txt and reviewed expected outputs "
            "DIR/golden/*.txt, with optional DIR/golden/pipeline.toml and "
            'DIR/golden/known_failures.toml ("NAME.txt" = "reason").'
        ),
    )
    golden_actions = golden.add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    check = golden_actions.add_parser(
        "check", help="compare outputs with expected files; exit 1 on a mismatch"
    )
    update = golden_actions.add_parser(
        "update", help="rewrite expected files that differ (review the diff!)"
    )
    for sub in (check, update):
        sub.add_argument("directory", type=Path, metavar="DIR")
        sub.add_argument(
            "--pipeline",
            type=Path,
            metavar="FILE.toml",
            help="override DIR/golden/pipeline.toml",
        )
        sub.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    update.add_argument(
        "--include-known-failures",
        action="store_true",
        help="also overwrite the expectations of known failures",
    )
    check.set_defaults(handler=run_golden_check)
    update.set_defaults(handler=run_golden_update)


def _golden_suite(args: argparse.Namespace) -> GoldenSuite:
    pipeline = Pipeline.from_toml(args.pipeline) if args.pipeline else None
    return GoldenSuite(args.directory, pipeline)


def run_golden_check(args: argparse.Namespace) -> int:
    suite = _golden_suite(args)
    colour = use_colour(args.color)
    counts: dict[str, int] = {}
    for result in suite.check():
        status = result.status
        counts[status] = counts.get(status, 0) + 1
        line = f"{status.upper():8} {result.case.name}"
        if result.case.known_failure:
            line += f"  (known failure: {result.case.known_failure})"
        print(line)
        if status in (FAIL, XFAIL):
            diff = result.diff()
            print(colourise_diff(diff) if colour else diff, end="")
        elif status == MISSING:
            print(
                f"         no {result.case.expected_path}; "
                "run `cleantext golden update`"
            )
        elif status == XPASS:
            print("         passes now: remove it from known_failures.toml")
    failed = sum(counts.get(s, 0) for s in FAILING_STATUSES)
    print(
        f"{counts.get(PASS, 0)} passed, {failed} failed, "
        f"{counts.get(XFAIL, 0)} known failures"
    )
    return EXIT_INPUT_ERRORS if failed else EXIT_OK


def run_golden_update(args: argparse.Namespace) -> int:
    suite = _golden_suite(args)
    written = suite.update(
        include_known_failures=args.include_known_failures,
        on_write=lambda result: print(f"wrote {result.case.expected_path}"),
    )
    print(f"{len(written)} expected file(s) updated; review them with `git diff`")
    return EXIT_OK
