"""FixSpacing: missing and stray spaces around punctuation, inside prose only."""

from __future__ import annotations

from dataclasses import dataclass, field

from cleantext.cleaners.base import Cleaner
from cleantext.cleaners.shared.protect import protected_rule_set
from cleantext.document import Document
from cleantext.rulesets import RuleSet, rules_from_file
from cleantext.text.blocks import Block, rewrite_blocks

SPACING_RULES = protected_rule_set("spacing")


@dataclass
class FixSpacing(Cleaner):
    """Fix spacing in prose: ',electoral' -> ', electoral', 'allies.Building' ->
    'allies. Building', 'U.S.can' -> 'U.S. can', 'Dr.Anya' -> 'Dr. Anya',
    'measurements , bread' -> 'measurements, bread', runs of spaces.

    The rules live in `cleantext/rules/spacing.toml`. Its first rules protect URLs,
    e-mail addresses, inline code, paths, dotted identifiers and numbers (3.5, 1,250,
    09:45, v2.10.1) by consuming them whole; code blocks and tables are never
    touched. `rule_file` replaces the built-in rules with your own file.
    """

    rule_file: str = ""
    _rules: RuleSet = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        super().__post_init__()
        self._rules = (
            RuleSet(rules_from_file(self.rule_file))
            if self.rule_file
            else SPACING_RULES
        )

    def __call__(self, doc: Document) -> Document:
        def fix(_: int, block: Block, offset: int) -> str | None:
            if not block.is_prose:
                return None
            return self._rules.apply(block.text, doc, self.name, offset)

        blocks = doc.blocks()
        text = rewrite_blocks(blocks, fix)
        if text is not None:
            doc.set_blocks(blocks, text)
        return doc
