"""cleantext: turn dirty scraped text into clean text, and explain every change.

>>> import cleantext
>>> cleantext.clean("caf\u00c3\u00a9 &amp; bar\u00a0 \\r\\n")
'café & bar\\n'
"""

from __future__ import annotations

from functools import lru_cache

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
from cleantext.cleaners.base import Cleaner
from cleantext.corpus import RepeatTable
from cleantext.document import Document, Edit
from cleantext.errors import ConfigError, InputError
from cleantext.pipeline import (
    CleanerStats,
    Pipeline,
    default_pipeline,
    registered_cleaners,
    with_repeated_lines,
)
from cleantext.run.pool import map_documents
from cleantext.text.blocks import Block, join_blocks, split_blocks
from cleantext.version import __version__

__all__ = [
    "Block",
    "Cleaner",
    "CleanerStats",
    "ConfigError",
    "Document",
    "DropBoilerplate",
    "DropDuplicates",
    "DropRepeatedLines",
    "Edit",
    "FixCasing",
    "FixSpacing",
    "FixTypos",
    "FixUnicode",
    "FlattenLinks",
    "InputError",
    "NormalizeLayout",
    "NormalizeTables",
    "NormalizeWhitespace",
    "Pipeline",
    "RepeatTable",
    "__version__",
    "clean",
    "clean_and_explain",
    "default_pipeline",
    "join_blocks",
    "map_documents",
    "registered_cleaners",
    "split_blocks",
    "with_repeated_lines",
]


@lru_cache(maxsize=1)
def _default_pipeline() -> Pipeline:
    return default_pipeline()


def clean(
    text: str, *, pipeline: Pipeline | None = None, language: str | None = None
) -> str:
    """Clean `text` with `pipeline`, or with `default_pipeline()` when none is given.

    `language` (an ISO 639 code such as "en") is the text's language when you know
    it; by default it is identified, and English-only cleaners leave a text alone
    unless it is surely English (a sentence or two may be too short to tell)."""
    return _run("clean", text, pipeline, language, explain=False).text


def clean_and_explain(
    text: str, *, pipeline: Pipeline | None = None, language: str | None = None
) -> tuple[str, list[Edit]]:
    """`clean(text)` and the edits that made it, each naming its cleaner and rule
    (as ftfy's `fix_and_explain` does for Unicode)."""
    doc = _run("clean_and_explain", text, pipeline, language, explain=True)
    return doc.text, doc.edits


def _run(
    function: str,
    text: str,
    pipeline: Pipeline | None,
    language: str | None,
    explain: bool,
) -> Document:
    _check_text(function, text)
    if language is not None and not (isinstance(language, str) and language):
        raise TypeError(
            f"{function}() expects language as a code such as 'en', got {language!r}"
        )
    metadata = {"language": language} if language else {}
    doc = Document(text, metadata=metadata, explain=explain)
    return (pipeline or _default_pipeline()).run(doc)


def _check_text(function: str, text: object) -> None:
    if not isinstance(text, str):
        raise TypeError(f"{function}() expects a str, got {type(text).__name__}")
