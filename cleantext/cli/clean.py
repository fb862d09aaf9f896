"""`cleantext clean`: clean files, folders or stdin with a pipeline."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from cleantext.cli import repeats
from cleantext.cli.common import (
    UsageError,
    add_input_options,
    load_pipeline,
    positive_int,
    run_batch,
    use_colour,
)
from cleantext.io.formats import names_jsonl_file
from cleantext.io.remote import is_url
from cleantext.io.shards import parse_size
from cleantext.pipeline import Pipeline
from cleantext.quality import QualityFilter, preset_names
from cleantext.run.batch import BatchOptions
from cleantext.run.resume import Completions, run_digest
from cleantext.version import __version__

CLEAN_EXAMPLES = """\
examples:
  cleantext clean page.txt                      cleaned text to stdout
  cleantext clean seeds/ --diff --explain       review every change and its rule
  cleantext clean corpus/ -o clean/             mirror a folder into clean/
  cleantext clean data.jsonl --field body -o out/
  cleantext clean crawl.jsonl.gz -o out/        writes out/crawl.jsonl.gz
  cleantext clean CC-MAIN-x.warc.wet.gz -o out.jsonl.gz
                                                one JSON line per WET record
  cleantext clean crawl.parquet -o clean/ --jobs 8
  cat page.html | cleantext clean --format html
  cleantext clean notes/ --in-place --glob '*.md'
  cleantext clean docs/ -o out/ --report report.jsonl --pipeline my.toml
  cleantext clean crawl.jsonl -o out/ --filter c4 --rejected dropped.jsonl
  cleantext clean crawl/ -o out/ --stats-json stats.json
                                                edits by rule, drops by reason
  cleantext clean crawl/ -o out/                run again after a stop: skips
                                                what the first run completed
  cleantext clean crawl.jsonl -o out.jsonl --repeats auto
                                                also drop lines a site repeats
"""


def add_parser(commands: argparse._SubParsersAction) -> None:
    """The `clean` command and its options."""
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
        "--output",
        "--output-dir",
        dest="output_dir",
        type=Path,
        metavar="DIR|FILE.jsonl",
        help="write outputs under DIR, mirroring input names (HTML becomes .txt), "
        "or, for a name ending .jsonl or .ndjson (compressed or not: .jsonl.gz), "
        "every document as one JSON line of that file",
    )
    clean.add_argument(
        "--max-file-size",
        type=file_size,
        metavar="SIZE",
        help="with -o DIR, split each JSON lines output into shards of at most "
        "SIZE bytes before compression (500MB, 1G), named NAME-00000.jsonl.gz, "
        "NAME-00001.jsonl.gz, ...",
    )
    clean.add_argument(
        "--in-place", action="store_true", help="rewrite input files (atomically)"
    )
    clean.add_argument(
        "--overwrite",
        action="store_true",
        help="replace outputs already under -o DIR and clean every input again; "
        "without it a re-run of the same command skips the inputs it completed "
        "(markers in DIR/.cleantext/), and other outputs already there are "
        "refused with an error while the other inputs are cleaned",
    )
    clean.add_argument(
        "--output-format",
        choices=("text", "jsonl"),
        default="text",
        help="what goes to stdout: each document's text (one input at a time, or "
        "JSONL inputs, whose lines do not run together), or jsonl: one JSON line "
        "per document with its id, text and metadata (default: text)",
    )
    add_input_options(clean)
    clean.add_argument(
        "--pipeline",
        type=Path,
        metavar="FILE.toml",
        help="pipeline configuration (default: the built-in pipeline)",
    )
    repeats.add_clean_options(clean)
    clean.add_argument(
        "--language",
        metavar="CODE",
        help="the language of every input, as an ISO 639 code such as 'en' "
        "(default: identified per document; English-only cleaners such as "
        "FixTypos leave other and undetermined languages alone)",
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
        help="print statistics to stderr at the end: per cleaner, its edits by "
        "rule; documents dropped by reason",
    )
    clean.add_argument(
        "--stats-json",
        type=Path,
        metavar="FILE.json",
        help="write the same statistics as JSON to FILE (atomically)",
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
        type=positive_int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes (default: all cores, here "
        f"{os.cpu_count() or 1}), started only once there is enough text to share "
        "(a few hundred kB); output is identical for every N",
    )
    clean.set_defaults(handler=run_clean)


def completions_of(args: argparse.Namespace, pipeline: Pipeline) -> Completions | None:
    """The completion markers of `-o DIR`'s outputs (None without an output
    folder): a re-run of the same command on the same inputs skips what it
    completed."""
    if not args.output_dir:
        return None
    settings = {
        "version": __version__,
        "pipeline": pipeline.options(),
        "filters": args.filter,
        "field": args.field,
        "format": args.format,
        "encoding_errors": args.encoding_errors,
        "language": args.language,
        "side_outputs": [bool(args.report), bool(args.rejected)],
        "max_file_size": args.max_file_size,
    }
    digest = run_digest(settings)
    return Completions(args.output_dir, digest, not args.overwrite, args.max_file_size)


def file_size(text: str) -> int:
    """`--max-file-size`: bytes from a size such as 500MB."""
    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def run_clean(args: argparse.Namespace) -> int:
    reading_stdin = not args.paths or "-" in args.paths
    if args.in_place and any(map(is_url, args.paths)):
        raise UsageError("--in-place rewrites local files only, not URLs")
    if args.in_place and args.output_dir:
        raise UsageError("--in-place and --output-dir exclude each other")
    if reading_stdin and (args.in_place or args.output_dir):
        raise UsageError("stdin cannot be written in place or to --output-dir")
    output_file = args.output_dir if names_jsonl_file(args.output_dir) else None
    if output_file is not None:
        args.output_dir, args.output_format = None, "jsonl"
    if args.max_file_size and not args.output_dir:
        raise UsageError("--max-file-size needs -o DIR: shards go into a folder")
    if args.filter and not args.rejected:
        raise UsageError("--filter needs --rejected FILE: dropped documents go there")
    if args.rejected and not args.filter:
        raise UsageError("--rejected needs at least one --filter PRESET")
    if args.filter and args.in_place:
        raise UsageError("--filter cannot be used with --in-place (it would delete)")
    if args.group_by and not args.repeats:
        raise UsageError("--group-by needs --repeats auto|TABLE")
    pipeline = load_pipeline(args.pipeline)
    if args.repeats:
        pipeline = repeats.with_repeats(args, pipeline)
    options = BatchOptions(
        output_dir=args.output_dir,
        in_place=args.in_place,
        field=args.field,
        encoding_errors=args.encoding_errors,
        show_diff=args.diff,
        show_edits=args.explain,
        colour=use_colour(args.color),
        filters=tuple(QualityFilter.preset(name) for name in args.filter or ()),
        jobs=args.jobs,
        output_format=args.output_format,
        group_field=repeats.group_field(pipeline),
        language=args.language,
        completions=completions_of(args, pipeline),
        max_file_size=args.max_file_size,
    )
    if args.output_format == "jsonl" and not options.prints_outputs:
        raise UsageError(
            "--output-format jsonl is for stdout; -o DIR and --in-place write each "
            "input in its own format"
        )
    return run_batch(
        args,
        pipeline,
        options,
        output=output_file,
        report=args.report,
        rejected=args.rejected,
        stats=args.stats_json,
    )
