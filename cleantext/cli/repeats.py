"""`cleantext repeats count|show`, and `clean --repeats auto|TABLE`: lines a site
repeats on many of its pages, counted over the whole corpus and removed with
DropRepeatedLines."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cleantext.cleaners import DropRepeatedLines
from cleantext.cli.common import (
    EXIT_INPUT_ERRORS,
    EXIT_OK,
    UsageError,
    add_input_options,
    positive_int,
    progress_mode,
    say,
)
from cleantext.corpus import DEFAULT_CAPACITY, GROUP_BY_NONE, GROUP_BY_URL, RepeatTable
from cleantext.errors import InputError
from cleantext.io.compression import output_file
from cleantext.io.sources import DEFAULT_GLOBS, discover
from cleantext.pipeline import Pipeline, with_repeated_lines
from cleantext.run.progress import Progress
from cleantext.run.repeat_count import RepeatCounter

AUTO = "auto"

REPEATS_EXAMPLES = """\
examples:
  cleantext repeats count crawl/ -o site-lines.npz       count lines per site (url)
  cleantext repeats count data.jsonl --group-by domain -o t.npz
  cleantext repeats show site-lines.npz --top 50         what would be dropped
  cleantext clean crawl/ -o clean/ --repeats site-lines.npz
  cleantext clean crawl.jsonl -o out.jsonl --repeats auto   count, then clean
"""


def add_group_option(parser: argparse.ArgumentParser, default: str | None) -> None:
    parser.add_argument(
        "--group-by",
        default=default,
        metavar="url|FIELD|none",
        help="what a site is: the registrable domain of each record's 'url' "
        "(default), the value of another field, or 'none' (the whole input)",
    )


def add_clean_options(parser: argparse.ArgumentParser) -> None:
    """`clean --repeats` and `--group-by`."""
    parser.add_argument(
        "--repeats",
        metavar="auto|TABLE",
        help="also drop lines repeated across many documents of a site: 'auto' "
        "reads the inputs twice (count, then clean); TABLE is a file from "
        "`cleantext repeats count`",
    )
    # None: the pipeline's DropRepeatedLines says, else "url".
    add_group_option(parser, default=None)


def add_parser(commands: argparse._SubParsersAction) -> None:
    """The `repeats` command: `count` and `show`."""
    repeats = commands.add_parser(
        "repeats",
        help="count lines repeated across the documents of each site",
        description="Count, per site, in how many documents each line occurs; "
        "DropRepeatedLines (`clean --repeats TABLE`) drops the common ones.",
        epilog=REPEATS_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = repeats.add_subparsers(dest="action", required=True, metavar="ACTION")
    count = actions.add_parser("count", help="count the lines of inputs into a table")
    count.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
    count.add_argument(
        "-o", "--output", type=Path, required=True, metavar="TABLE", help="table file"
    )
    add_input_options(count)
    add_group_option(count, default=GROUP_BY_URL)
    count.add_argument(
        "--capacity",
        type=positive_int,
        default=DEFAULT_CAPACITY,
        metavar="N",
        help="counts kept exactly up to 2N (group, line) entries; beyond, the "
        f"rarest are forgotten (default {DEFAULT_CAPACITY:,}: about 80 MB)",
    )
    count.add_argument(
        "--merge",
        type=Path,
        action="append",
        metavar="TABLE",
        help="add the counts of a table made earlier (another shard); repeatable",
    )
    count.set_defaults(handler=run_count)

    show = actions.add_parser("show", help="the most repeated lines of a table")
    show.add_argument("table", type=Path, metavar="TABLE")
    show.add_argument(
        "--top",
        type=positive_int,
        default=50,
        metavar="N",
        help="show the N lines found on the most documents (default: 50)",
    )
    show.add_argument("--group", metavar="SITE", help="only this site's lines")
    show.set_defaults(handler=run_show)


def count_table(
    args: argparse.Namespace,
    group_by: str,
    report: bool,
    capacity: int = DEFAULT_CAPACITY,
) -> tuple[RepeatTable, int]:
    """The table of `args.paths`, and the number of input problems. Problems
    are reported only when `report` (a cleaning pass after it reports them
    itself); a warning that documents were not counted always is."""
    problems = 0

    def on_error(error: InputError) -> None:
        nonlocal problems
        problems += 1
        if report:
            say(f"cleantext: error: {error}")

    def on_warning(message: str) -> None:
        say(f"cleantext: warning: {message}")

    if not args.paths or "-" in args.paths:
        raise UsageError(
            "counting repeats reads files, not stdin (with --repeats auto the "
            "inputs are read twice)"
        )
    globs = tuple(args.glob) if args.glob else DEFAULT_GLOBS
    sources, missing = discover(args.paths, globs, args.format)
    for error in missing:
        on_error(error)
    progress = Progress(sys.stderr, progress_mode(args))
    counter = RepeatCounter(
        RepeatTable(capacity),
        field=args.field,
        group_by=group_by,
        encoding_errors=args.encoding_errors,
        on_error=on_error,
        on_warning=on_warning,
        progress=progress,
    )
    table = counter.count(sources)
    progress.close()
    return table, problems


def run_count(args: argparse.Namespace) -> int:
    table, problems = count_table(
        args, args.group_by, report=True, capacity=args.capacity
    )
    for path in args.merge or ():
        table.merge(RepeatTable.load(path))
    with output_file(args.output) as handle:
        table.save(handle)
    say(
        f"cleantext: {sum(table.groups.values()):,} documents in "
        f"{len(table.groups):,} group(s), {table.entries:,} lines counted -> "
        f"{args.output}"
    )
    return EXIT_INPUT_ERRORS if problems else EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    table = RepeatTable.load(args.table)
    groups = table.groups
    exact = "exact" if table.exact else f"each at most {table.discount:,} short"
    print(
        f"{sum(groups.values()):,} documents in {len(groups):,} group(s); "
        f"{table.entries:,} lines; counts {exact}"
    )
    for entry in table.top(args.top, args.group):
        share = entry.documents / (entry.group_documents or 1)
        text = entry.example.strip() or f"(line hash {entry.key_hash:016x})"
        site = entry.group or "(whole input)"
        print(
            f"{entry.documents:>8,} of {entry.group_documents:<8,} {share:>6.1%}  "
            f"{site}  {text}"
        )
    return EXIT_OK


def with_repeats(args: argparse.Namespace, pipeline: Pipeline) -> Pipeline:
    """`pipeline` with DropRepeatedLines on the table `--repeats` names (or
    counts, for 'auto'), grouping by `--group-by`, else as the pipeline's own
    DropRepeatedLines does, else by url."""
    given = [c for c in pipeline.cleaners if isinstance(c, DropRepeatedLines)]
    group_by = args.group_by or (given[0].group_by if given else GROUP_BY_URL)
    if args.repeats == AUTO:
        if args.in_place:
            raise UsageError("--repeats auto with --in-place: count a TABLE first")
        table, _ = count_table(args, group_by, report=False)
    else:
        table = RepeatTable.load(Path(args.repeats))
    return with_repeated_lines(pipeline, table, group_by=group_by)


def group_field(pipeline: Pipeline) -> str | None:
    """The record field the batch copies into metadata for the pipeline's
    DropRepeatedLines, if it has one that groups by a field."""
    for cleaner in pipeline.cleaners:
        if isinstance(cleaner, DropRepeatedLines) and cleaner.group_by != GROUP_BY_NONE:
            return cleaner.group_by
    return None
