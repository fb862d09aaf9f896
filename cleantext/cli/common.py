"""What every command shares: exit codes, messages on stderr, how inputs are read
and how a pipeline is loaded, and the batch run behind `clean` and `score`."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path
from typing import BinaryIO

from tqdm import tqdm

from cleantext.errors import InputError
from cleantext.io.compression import output_file
from cleantext.io.formats import FORMATS
from cleantext.io.sources import (
    DEFAULT_GLOBS,
    RECORD_FORMATS,
    claim_outputs,
    discover,
    total_size,
)
from cleantext.pipeline import Pipeline, default_pipeline
from cleantext.run.batch import BatchCleaner, BatchOptions
from cleantext.run.progress import BAR, LOG, OFF, Progress

EXIT_OK, EXIT_INPUT_ERRORS, EXIT_USAGE, EXIT_STOPPED = 0, 1, 2, 3
MAX_ERRORS_SHOWN_PER_INPUT = 20


class UsageError(Exception):
    """A bad combination of command-line options."""


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """How inputs are found and read, and how progress is shown: the same for every
    command that reads them."""
    parser.add_argument(
        "--glob",
        action="append",
        metavar="PATTERN",
        help="file patterns to take from folders (repeatable; default: text, "
        "Markdown, JSONL, HTML, WARC/WET and Parquet files, each also compressed: "
        "*.txt *.md *.jsonl *.jsonl.gz ...; the README lists all)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="input format (default: by extension; stdin: HTML, WARC or JSONL when it "
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
        help="show documents, docs/s and MB/s on stderr: auto draws a bar on a "
        "terminal and otherwise logs a line every 30 s and a summary",
    )


def progress_mode(args: argparse.Namespace) -> str:
    """How `--progress` shows progress: a bar on a terminal (auto) or always;
    log lines and a summary when stderr is not a terminal (auto: nohup, Slurm,
    CI logs); nothing with never."""
    if args.progress == "never":
        return OFF
    return BAR if args.progress == "always" or sys.stderr.isatty() else LOG


def positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def say(message: str) -> None:
    tqdm.write(message, file=sys.stderr)


def use_colour(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def load_pipeline(path: Path | None) -> Pipeline:
    return Pipeline.from_toml(path) if path else default_pipeline()


def run_batch(
    args: argparse.Namespace,
    pipeline: Pipeline,
    options: BatchOptions,
    *,
    output: Path | None = None,
    report: Path | None = None,
    rejected: Path | None = None,
    scores: Path | None = None,
    stats: Path | None = None,
) -> int:
    """Run the batch job over `args.paths`, reporting problems as they come;
    what would go to stdout goes to the file `output` when one is named."""
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
            say(f"cleantext: error: {error}")
        elif shown == MAX_ERRORS_SHOWN_PER_INPUT:
            say(f"cleantext: error: {error.source}: further errors not shown")

    def on_warning(message: str) -> None:
        say(f"cleantext: warning: {message}")

    globs = tuple(args.glob) if args.glob else DEFAULT_GLOBS
    sources, missing = discover(args.paths, globs, args.format, options.output_dir)
    for error in missing:
        on_error(error)
    if any(source.path is None for source in sources) and sys.stdin.isatty():
        say("cleantext: reading stdin until Ctrl-D (name files or folders to clean)")
    _refuse_texts_running_together(sources, options)
    named = [
        ("-o", output),
        ("--report", report),
        ("--rejected", rejected),
        ("-o", scores),  # `cleantext score -o`
        ("--stats-json", stats),
    ]
    refuse_clashing_outputs(
        [(flag, path) for flag, path in named if path is not None],
        sources,
        options.output_dir,
    )

    with contextlib.ExitStack() as stack:

        def open_output(path: Path | None) -> BinaryIO | None:
            return stack.enter_context(output_file(path)) if path else None

        mode = progress_mode(args)
        if mode != OFF:
            pipeline.prepare()  # load dictionaries before the clock starts
        progress = Progress(sys.stderr, mode, total_bytes=total_size(sources))
        batch = BatchCleaner(
            pipeline,
            options,
            open_output(output) or sys.stdout.buffer,
            on_error,
            on_warning,
            report=open_output(report),
            rejected=open_output(rejected),
            scores=open_output(scores)
            if scores
            else (sys.stdout.buffer if options.scores_only else None),
            progress=progress,
        )
        if options.output_dir:
            completions = options.completions
            sources, unwritable = claim_outputs(
                sources,
                options.output_dir,
                getattr(args, "overwrite", False),
                completions.is_done if completions else None,
                options.max_file_size,
            )
            for error in unwritable:
                on_error(error)
        batch.run(sources)
        progress.close()
    judge = batch.outcomes.judge
    if getattr(args, "stats", False):
        say(pipeline.stats_table() + dropped_table(judge.reasons))
    if stats is not None:
        write_statistics(stats, pipeline, batch, problems)
    if batch.resumed:
        say(
            f"cleantext: {batch.resumed} input(s) completed by an earlier run of "
            "this command: skipped (--overwrite cleans them again)"
        )
    if judge.dropped:
        say(f"cleantext: {judge.dropped} document(s) dropped, see {rejected}")
    if problems:
        say(f"cleantext: {problems} problem(s) reported above")
        return EXIT_INPUT_ERRORS
    return EXIT_OK


def dropped_table(reasons: dict[str, int]) -> str:
    """Lines of documents dropped by reason, most first (empty when none)."""
    ordered = sorted(reasons.items(), key=lambda item: (-item[1], item[0]))
    return "".join(f"\ndropped  {reason}  {count}" for reason, count in ordered)


def write_statistics(
    path: Path, pipeline: Pipeline, batch: BatchCleaner, problems: int
) -> None:
    """Write a run's statistics to `path` as JSON: documents, input problems,
    documents dropped and by reason, and per cleaner its counts and edits by rule.
    Counted whether or not edits are explained; rule names are fixed labels."""
    statistics = {
        "documents": batch.documents,
        "problems": problems,
        "dropped": batch.outcomes.judge.dropped,
        "dropped_by_reason": dict(sorted(batch.outcomes.judge.reasons.items())),
        **pipeline.stats_json(),
    }
    with output_file(path) as handle:
        handle.write(json.dumps(statistics, indent=2).encode() + b"\n")


def refuse_clashing_outputs(
    outputs: list[tuple[str, Path]], sources: list, output_dir: Path | None = None
) -> None:
    """Refuse a run in which a named output file (`-o`, `--report`, ...) is an
    input, is another named output, or is where `-o DIR` writes an input's
    output: each compared by real path (symlinks followed) and, for files that
    exist, by device and inode (hard links)."""
    inputs = [s.path for s in sources if isinstance(s.path, Path)]  # local ones
    taken: list[tuple[str, Path]] = []
    if output_dir is not None:
        taken = [("-o DIR", output_dir / s.output_name()) for s in sources if s.path]
    for flag, path in outputs:
        if any(_same_file(path, source) for source in inputs):
            raise UsageError(f"{flag} {path} is also an input; choose another name")
        for other_flag, other in taken:
            if _same_file(path, other):
                raise UsageError(
                    f"{other_flag} and {flag} name the same file {path}; "
                    "choose another name for one of them"
                )
        taken.append((flag, path))


def _same_file(a: Path, b: Path) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist yet
        return False


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
