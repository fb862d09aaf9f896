"""The `cleantext` command: clean files, check golden outputs, show pipelines.

Exit status: 0 when everything went well, 1 when some input had a problem (each one is
reported on stderr, the others are still processed) or a golden check failed, 2 for a
usage or configuration error.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from tqdm import tqdm

from cleantext import __version__
from cleantext.batch import (
    DEFAULT_GLOBS,
    RECORD_FORMATS,
    BatchCleaner,
    BatchOptions,
    discover,
    total_size,
)
from cleantext.cleaner import ConfigError, registered_cleaners
from cleantext.golden import (
    FAIL,
    FAILING_STATUSES,
    MISSING,
    PASS,
    XFAIL,
    XPASS,
    GoldenSuite,
)
from cleantext.io import FORMATS, InputError, atomic_writer
from cleantext.pipeline import Pipeline
from cleantext.progress import Progress
from cleantext.quality import QualityFilter, preset_names
from cleantext.render import colourise_diff

EXIT_OK, EXIT_INPUT_ERRORS, EXIT_USAGE = 0, 1, 2
MAX_ERRORS_SHOWN_PER_INPUT = 20

CLEAN_EXAMPLES = """\
examples:
  cleantext clean page.txt                      cleaned text to stdout
  cleantext clean seeds/ --diff --explain       review every change and its rule
  cleantext clean corpus/ -o clean/             mirror a folder into clean/
  cleantext clean data.jsonl --field body -o out/
  cleantext clean crawl.parquet -o clean/ --jobs 8
  cat page.html | cleantext clean --format html
  cleantext clean notes/ --in-place --glob '*.md'
  cleantext clean docs/ -o out/ --report report.jsonl --pipeline my.toml
"""


SCORE_EXAMPLES = """\
examples:
  cleantext score corpus.jsonl > scores.jsonl   signals and decisions of all presets
  cleantext score pages/ --preset gopher-quality --preset c4
  cleantext score raw.jsonl --clean -o scores.jsonl
  cleantext clean raw.jsonl -o out/ --filter gopher-quality --rejected dropped.jsonl
"""


class UsageError(Exception):
    """A bad combination of command-line options."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleantext",
        description="Turn dirty scraped text into clean text, explaining every change.",
    )
    parser.add_argument(
        "--version", action="version", version=f"cleantext {__version__}"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    clean = commands.add_parser(
        "clean",
        help="clean files, folders or stdin",
        description="Clean text, JSONL or HTML inputs with a pipeline.",
        epilog=CLEAN_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    clean.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or folders; '-' or nothing reads stdin",
    )
    clean.add_argument(
        "-o",
        "--output-dir",
        type=Path,
        metavar="DIR",
        help="write outputs under DIR, mirroring input names (HTML becomes .txt)",
    )
    clean.add_argument(
        "--in-place", action="store_true", help="rewrite input files (atomically)"
    )
    clean.add_argument(
        "--output-format",
        choices=("text", "jsonl"),
        default="text",
        help="what goes to stdout: each document's text (one input at a time, or "
        "JSONL inputs, whose lines do not run together), or jsonl: one JSON line "
        "per document with its id, text and metadata (default: text)",
    )
    _add_input_options(clean)
    clean.add_argument(
        "--pipeline",
        type=Path,
        metavar="FILE.toml",
        help="pipeline configuration (default: the built-in pipeline)",
    )
    clean.add_argument(
        "--diff",
        action="store_true",
        help="show a unified diff of each changed input instead of the output",
    )
    clean.add_argument(
        "--explain",
        action="store_true",
        help="list every edit: cleaner, rule, before -> after",
    )
    clean.add_argument(
        "--report",
        type=Path,
        metavar="FILE.jsonl",
        help="write one JSON line per document: id, chars in/out, edits per cleaner",
    )
    clean.add_argument(
        "--stats",
        action="store_true",
        help="print per-cleaner statistics to stderr at the end",
    )
    clean.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour diffs (auto: on a terminal, unless NO_COLOR is set)",
    )
    clean.add_argument(
        "--filter",
        action="append",
        choices=preset_names(),
        metavar="PRESET",
        help="drop documents this quality preset rejects (repeatable; presets: "
        + ", ".join(preset_names())
        + "); needs --rejected",
    )
    clean.add_argument(
        "--rejected",
        type=Path,
        metavar="FILE.jsonl",
        help="write dropped documents here, one JSON line each with their reasons",
    )
    clean.add_argument(
        "-j",
        "--jobs",
        type=_positive_int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes (default: all cores, here "
        f"{os.cpu_count() or 1}), started only once there is enough text to share "
        "(a few hundred kB); output is identical for every N",
    )
    clean.set_defaults(handler=run_clean)

    score = commands.add_parser(
        "score",
        help="write quality signals and preset decisions, a JSON line per document",
        description="Score documents: signals and keep/drop decisions with reasons.",
        epilog=SCORE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    score.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders; '-' reads stdin"
    )
    score.add_argument(
        "--preset",
        action="append",
        choices=preset_names(),
        metavar="PRESET",
        help="presets to decide with (repeatable; default: all of "
        + ", ".join(preset_names())
        + ")",
    )
    score.add_argument(
        "--clean",
        action="store_true",
        help="clean each document first (adds junk share and error rates)",
    )
    score.add_argument(
        "--pipeline",
        type=Path,
        metavar="FILE.toml",
        help="pipeline for --clean (default: the built-in pipeline)",
    )
    score.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE.jsonl",
        help="write the JSON lines here (atomically) instead of stdout",
    )
    _add_input_options(score)
    score.set_defaults(handler=run_score)

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

    pipeline = commands.add_parser(
        "pipeline",
        help="print a pipeline as TOML (the default one, or a checked FILE)",
    )
    pipeline.add_argument("file", nargs="?", type=Path, metavar="FILE.toml")
    pipeline.set_defaults(handler=run_pipeline)

    cleaners = commands.add_parser(
        "cleaners", help="list the cleaners a pipeline can name"
    )
    cleaners.set_defaults(handler=run_cleaners)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (ConfigError, UsageError) as exc:
        _say(f"cleantext: error: {exc}")
        return EXIT_USAGE
    except InputError as exc:
        _say(f"cleantext: error: {exc}")
        return EXIT_INPUT_ERRORS
    except KeyboardInterrupt:
        _say("cleantext: interrupted")
        return 130
    except BrokenPipeError:  # e.g. `cleantext clean big/ | head`
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    """How inputs are found and read, and how progress is shown: the same for every
    command that reads them."""
    parser.add_argument(
        "--glob",
        action="append",
        metavar="PATTERN",
        help="file patterns to take from folders (repeatable; default: "
        + " ".join(DEFAULT_GLOBS)
        + ")",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="input format (default: by extension; stdin: HTML or JSONL when it "
        "starts like one, else text)",
    )
    parser.add_argument(
        "--field",
        default="text",
        help="JSONL field or Parquet column holding the text (default: text)",
    )
    parser.add_argument(
        "--encoding-errors",
        choices=("strict", "replace"),
        default="strict",
        help="invalid UTF-8: report and skip (strict) or substitute U+FFFD (replace)",
    )
    parser.add_argument(
        "--progress",
        choices=("auto", "always", "never"),
        default="auto",
        help="show documents, docs/s and MB/s on stderr (auto: when it is a terminal)",
    )


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def _say(message: str) -> None:
    tqdm.write(message, file=sys.stderr)


def _use_colour(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _load_pipeline(path: Path | None) -> Pipeline:
    return Pipeline.from_toml(path) if path else Pipeline.default()


def run_clean(args: argparse.Namespace) -> int:
    reading_stdin = not args.paths or "-" in args.paths
    if args.in_place and args.output_dir:
        raise UsageError("--in-place and --output-dir exclude each other")
    if reading_stdin and (args.in_place or args.output_dir):
        raise UsageError("stdin cannot be written in place or to --output-dir")
    if args.filter and not args.rejected:
        raise UsageError("--filter needs --rejected FILE: dropped documents go there")
    if args.rejected and not args.filter:
        raise UsageError("--rejected needs at least one --filter PRESET")
    if args.filter and args.in_place:
        raise UsageError("--filter cannot be used with --in-place (it would delete)")
    options = BatchOptions(
        output_dir=args.output_dir,
        in_place=args.in_place,
        field=args.field,
        encoding_errors=args.encoding_errors,
        show_diff=args.diff,
        show_edits=args.explain,
        colour=_use_colour(args.color),
        filters=tuple(QualityFilter.preset(name) for name in args.filter or ()),
        jobs=args.jobs,
        output_format=args.output_format,
    )
    if args.output_format == "jsonl" and not options.prints_outputs:
        raise UsageError(
            "--output-format jsonl is for stdout; -o DIR and --in-place write each "
            "input in its own format"
        )
    return _run_batch(
        args,
        _load_pipeline(args.pipeline),
        options,
        report=args.report,
        rejected=args.rejected,
    )


def run_score(args: argparse.Namespace) -> int:
    presets = args.preset or preset_names()
    options = BatchOptions(
        field=args.field,
        encoding_errors=args.encoding_errors,
        filters=tuple(QualityFilter.preset(name) for name in presets),
        scores_only=True,
    )
    pipeline = _load_pipeline(args.pipeline) if args.clean else Pipeline([])
    return _run_batch(args, pipeline, options, scores=args.output)


def _run_batch(
    args: argparse.Namespace,
    pipeline: Pipeline,
    options: BatchOptions,
    *,
    report: Path | None = None,
    rejected: Path | None = None,
    scores: Path | None = None,
) -> int:
    """Run the batch job over `args.paths`, reporting problems as they come."""
    if args.paths.count("-") > 1:
        raise UsageError("stdin ('-') can be read only once")
    problems = 0
    shown_per_source: dict[str, int] = {}

    def on_error(error: InputError) -> None:
        nonlocal problems
        problems += 1
        shown = shown_per_source.get(error.source, 0)
        shown_per_source[error.source] = shown + 1
        if shown < MAX_ERRORS_SHOWN_PER_INPUT:
            _say(f"cleantext: error: {error}")
        elif shown == MAX_ERRORS_SHOWN_PER_INPUT:
            _say(f"cleantext: error: {error.source}: further errors not shown")

    def on_warning(message: str) -> None:
        _say(f"cleantext: warning: {message}")

    globs = tuple(args.glob) if args.glob else DEFAULT_GLOBS
    sources, missing = discover(args.paths, globs, args.format, options.output_dir)
    for error in missing:
        on_error(error)
    _refuse_texts_running_together(sources, options)

    with contextlib.ExitStack() as stack:

        def open_output(path: Path | None) -> BinaryIO | None:
            return stack.enter_context(atomic_writer(path)) if path else None

        show_progress = args.progress == "always" or (
            args.progress == "auto" and sys.stderr.isatty()
        )
        if show_progress:
            pipeline.prepare()  # load dictionaries before the clock starts
        progress = Progress(
            sys.stderr, enabled=show_progress, total_bytes=total_size(sources)
        )
        batch = BatchCleaner(
            pipeline,
            options,
            sys.stdout.buffer,
            on_error,
            on_warning,
            report=open_output(report),
            rejected=open_output(rejected),
            scores=open_output(scores)
            if scores
            else (sys.stdout.buffer if options.scores_only else None),
            progress=progress,
        )
        batch.run(batch.check_outputs(sources))
        progress.close()
    if getattr(args, "stats", False):
        _say(pipeline.stats_table())
    if batch.dropped:
        _say(f"cleantext: {batch.dropped} document(s) dropped, see {rejected}")
    if problems:
        _say(f"cleantext: {problems} problem(s) reported above")
        return EXIT_INPUT_ERRORS
    return EXIT_OK


def _refuse_texts_running_together(sources: list, options: BatchOptions) -> None:
    """Several documents written to stdout as text would run together."""
    whole = [s for s in sources if s.format not in RECORD_FORMATS]
    if (
        options.prints_outputs
        and options.output_format == "text"
        and len(sources) > 1
        and whole
    ):
        raise UsageError(
            f"{len(sources)} inputs, {len(whole)} of them whole documents, would run "
            "together on stdout: write them to a folder with -o DIR, or give "
            "--output-format jsonl for one JSON line per document"
        )


def _golden_suite(args: argparse.Namespace) -> GoldenSuite:
    pipeline = Pipeline.from_toml(args.pipeline) if args.pipeline else None
    return GoldenSuite(args.directory, pipeline)


def run_golden_check(args: argparse.Namespace) -> int:
    suite = _golden_suite(args)
    colour = _use_colour(args.color)
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


def run_pipeline(args: argparse.Namespace) -> int:
    print(_load_pipeline(args.file).to_toml(), end="")
    return EXIT_OK


def run_cleaners(args: argparse.Namespace) -> int:
    for name, cls in registered_cleaners().items():
        summary = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
        print(f"{name}: {summary}")
        for option, value in _default_options(cls).items():
            print(f"    {option} = {json.dumps(value)}")
    return EXIT_OK


def _default_options(cls: type) -> dict:
    """A cleaner's options with their defaults ("required" where there is none)."""
    if not dataclasses.is_dataclass(cls):
        return {}
    return {
        f.name: f.default if f.default is not dataclasses.MISSING else "required"
        for f in dataclasses.fields(cls)
        if f.init
    }


if __name__ == "__main__":
    sys.exit(main())
