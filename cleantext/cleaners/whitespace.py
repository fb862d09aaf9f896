"""NormalizeWhitespace: line endings, invisible and exotic spaces, blank-line runs."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from cleantext.cleaners.base import Cleaner
from cleantext.document import Document
from cleantext.errors import ConfigError
from cleantext.rulesets import RuleSet, builtin_rule_set
from cleantext.text.blocks import BLANK, Block, join_blocks

_CHARACTER_RULES = builtin_rule_set("whitespace")
# Only texts with a blank line, a blank start or whitespace after the last newline need
# the block pass; the rest (most single-paragraph records) skip it.
_BLANK_LINE_WORK = regex.compile(r"\A[ \t]*\n|\n[ \t]*\n|\n[ \t]+\Z")


@dataclass
class NormalizeWhitespace(Cleaner):
    """Normalise whitespace without touching indentation, tabs or code.

    First the character rules in `rules/whitespace.toml` run in one pass (line endings,
    no-break and typographic spaces, zero-width characters, soft hyphens, trailing
    spaces). Then blank lines are normalised between blocks only, so blank lines inside
    fenced or indented code stay: leading blank lines go, runs longer than
    `max_blank_lines` shrink, and the text ends with at most one newline (kept if the
    input ended with one).
    """

    max_blank_lines: int = 1
    _rules: RuleSet = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.max_blank_lines < 0:
            raise ConfigError("NormalizeWhitespace: max_blank_lines must be >= 0")
        self._rules = _CHARACTER_RULES

    def __call__(self, doc: Document) -> Document:
        doc.text = self._rules.apply(doc.text, doc, self.name)
        if _BLANK_LINE_WORK.search(doc.text):
            kept = self._normalize_separators(doc)
            # Runs of blank lines shrunk to one or more split as before, so the next
            # cleaner reuses the split; with none left, indented code may change.
            doc.set_blocks(
                kept, join_blocks(kept), split_of_text=self.max_blank_lines >= 1
            )
        return doc

    def _normalize_separators(self, doc: Document) -> list[Block]:
        """The document's blocks without leading blank lines, their runs of blank
        lines shrunk to `max_blank_lines` and the last to one line ending."""
        blocks = doc.blocks()
        kept: list[Block] = []
        offset = 0
        for index, block in enumerate(blocks):
            sep_at = offset + len(block.text)
            offset = sep_at + len(block.sep)
            if block.kind == BLANK:
                doc.record(self.name, "leading-blank-lines", block.sep, "", sep_at)
                continue
            is_last = index == len(blocks) - 1
            limit = 1 if is_last else self.max_blank_lines + 1
            sep = "\n" * min(block.sep.count("\n"), limit)
            if sep != block.sep:
                rule = "trailing-blank-lines" if is_last else "blank-lines"
                doc.record(self.name, rule, block.sep, sep, sep_at)
                block = replace(block, sep=sep)
            kept.append(block)
        return kept
