"""`cleantext score`: quality signals and preset decisions, a JSON line per document."""

from __future__ import annotations

import argparse
from pathlib import Path

from cleantext.cli.common import add_input_options, load_pipeline, run_batch
from cleantext.pipeline import Pipeline
from cleantext.quality import QualityFilter, preset_names
from cleantext.run.batch import BatchOptions

SCORE_EXAMPLES = """\
examples:
  cleantext score corpus.jsonl > scores.jsonl   signals and decisions of all presets
  cleantext score pages/ --preset gopher-quality --preset c4
  cleantext score raw.jsonl --clean -o scores.jsonl
  cleantext clean raw.jsonl -o out/ --filter gopher-quality --rejected dropped.jsonl
"""


def add_parser(commands: argparse._SubParsersAction) -> None:
    """The `score` command and its options."""
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
    add_input_options(score)
    score.set_defaults(handler=run_score)


def run_score(args: argparse.Namespace) -> int:
    presets = args.preset or preset_names()
    options = BatchOptions(
        field=args.field,
        encoding_errors=args.encoding_errors,
        filters=tuple(QualityFilter.preset(name) for name in presets),
        scores_only=True,
    )
    pipeline = load_pipeline(args.pipeline) if args.clean else Pipeline([])
    return run_batch(args, pipeline, options, scores=args.output)
