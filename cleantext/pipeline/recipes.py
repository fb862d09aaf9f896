"""Recipes: the pipelines cleantext recommends, built from named cleaners.

The pipeline core runs any cleaners it is given; which cleaners, in which order,
is decided here, so that `Pipeline` itself names none.
"""

from __future__ import annotations

from typing import Any

from cleantext.cleaners import (
    DropBoilerplate,
    DropDuplicates,
    DropRepeatedLines,
    FixCasing,
    FixSpacing,
    FixTypos,
    FixUnicode,
    FlattenLinks,
    NormalizeLayout,
    NormalizeTables,
    NormalizeWhitespace,
)
from cleantext.corpus import RepeatTable
from cleantext.pipeline.core import Pipeline

# What DropRepeatedLines goes after (`with_repeated_lines`): the page is judged
# before site repeats go, and the cleaners after see the result.
_JUNK_STAGE = (FixUnicode, NormalizeWhitespace, DropBoilerplate, DropDuplicates)


def default_pipeline(*, explain: bool = False) -> Pipeline:
    """The recommended pipeline for scraped web text."""
    cleaners = [
        FixUnicode(),
        NormalizeWhitespace(),
        DropBoilerplate(),
        DropDuplicates(),
        FlattenLinks(),
        NormalizeLayout(),
        NormalizeTables(),
        FixSpacing(),
        FixTypos(),
        # Proper nouns by vote stay out: on clean text they made 8 wrong edits per
        # 1,000 words (benchmarks/accuracy/clean_eval/RESULTS.md).
        FixCasing(proper_nouns=False),
    ]
    return Pipeline(cleaners, explain=explain)


def with_repeated_lines(
    pipeline: Pipeline, table: RepeatTable, **options: Any
) -> Pipeline:
    """`pipeline` with `DropRepeatedLines` on `table` right after its junk stage
    (the last of FixUnicode, NormalizeWhitespace, DropBoilerplate and
    DropDuplicates it has). A DropRepeatedLines already in it is replaced; its
    options carry over where `options` does not name them."""
    given = [c for c in pipeline.cleaners if isinstance(c, DropRepeatedLines)]
    settings = {**(given[0].options() if given else {}), **options}
    settings.pop("table", None)
    repeats = DropRepeatedLines.with_table(table, **settings)
    steps = [c for c in pipeline.cleaners if not isinstance(c, DropRepeatedLines)]
    at = max(
        (i + 1 for i, step in enumerate(steps) if isinstance(step, _JUNK_STAGE)),
        default=0,
    )
    return Pipeline(
        [*steps[:at], repeats, *steps[at:]],
        explain=pipeline.explain,
        max_chars=pipeline.max_chars,
        max_seconds=pipeline.max_seconds,
    )
