"""The unit of work: a `Document` flowing through cleaners, and the `Edit`s they make.

Cleaners always count their edits by cleaner and rule (cheap: `regex.subn` gives the
count for free); they record full `Edit` objects only when `Document.explain` is set,
so explaining costs nothing when it is off.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from cleantext.text.blocks import Block, keeps_its_kind, split_blocks
from cleantext.text.language import LanguageGuess, identify_language


@dataclass(frozen=True, slots=True)
class Edit:
    """One change made by one cleaner.

    `position` is the character offset of `before` in the text as the rule saw it: the
    text the cleaner received, or, for a cleaner that works in passes, the output of
    its previous pass (NormalizeWhitespace fixes characters, then blank lines).
    """

    cleaner: str
    # "replace", "delete", "insert"; "suggest" (not applied); "note" (no change:
    # why the cleaner left the text alone)
    action: str
    before: str
    after: str
    rule: str  # its fixed name, then any detail of this edit ("model p=0.04")
    position: int

    def describe(self) -> str:
        """One human-readable line: `cleaner/rule @position: 'before' -> 'after'`
        (`cleaner/rule: why` for a note)."""
        if self.action == "note":
            return f"{self.cleaner}/{self.rule}: {self.after}"
        return (
            f"{self.cleaner}/{self.rule} @{self.position}: {self.action} "
            f"{_shorten(self.before)!r} -> {_shorten(self.after)!r}"
        )


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def rule_label(rule: str) -> str:
    """A rule's fixed name, under which its edits are counted: what comes before
    the first space (after it comes the detail of one edit, such as the line
    model's probability in `model p=0.04`)."""
    return rule.split(" ", 1)[0]


def action_for(before: str, after: str) -> str:
    """Classify a change as an insertion, a deletion or a replacement."""
    if not before:
        return "insert"
    if not after:
        return "delete"
    return "replace"


@dataclass(slots=True)
class Document:
    """Text plus what cleaners learn about it.

    `metadata` holds facts taken out of the text (date, author, source) or passed in by
    the caller; `signals` holds measurements (quality signals); `rule_counts` maps each
    cleaner's name to the number of edits each of its rules made, whether or not
    `explain` is on (`edit_counts` sums them per cleaner);
    `skipped` says why a pipeline passed the document through unchanged (it was over
    the pipeline's budget), and is None for a document that was cleaned.
    """

    text: str
    id: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    edits: list[Edit] = field(default_factory=list)
    signals: dict[str, Any] = field(default_factory=dict)
    rule_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    explain: bool = False
    skipped: str | None = None
    _split: tuple[str, tuple[Block, ...]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def blocks(self) -> list[Block]:
        """`split_blocks(self.text)` as a new list, split once while the text stays
        the same: the cleaners that work on blocks share one split."""
        if self._split is None or self._split[0] != self.text:
            self._split = (self.text, tuple(split_blocks(self.text)))
        return list(self._split[1])

    def set_blocks(
        self, blocks: list[Block], text: str, *, split_of_text: bool = False
    ) -> None:
        """Set the text to `text`, the join of `blocks`, a list from `blocks()`
        with some blocks' text rewritten. The split is kept for the next cleaner
        when every rewritten block is sure to keep its kind, else made afresh;
        `split_of_text` says the caller knows `blocks` is `split_blocks(text)`."""
        old = self._split[1] if self._split and self._split[0] == self.text else None
        self.text = text
        kept = split_of_text or (
            old is not None
            and len(old) == len(blocks)
            and all(
                a is b or keeps_its_kind(a, b) for a, b in zip(old, blocks, strict=True)
            )
        )
        self._split = (text, tuple(blocks)) if kept else None

    def __getstate__(self) -> dict[str, Any]:
        """Pickle the fields, not the cached split (worker processes send
        documents back and forth)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.init}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self._split = None

    def language(self) -> LanguageGuess:
        """The document's language: `metadata["language"]` when the caller or an
        earlier step set it (`"en-US"` reads as `"en"`), else identified from the
        text now and kept there, with `metadata["language_confidence"]`."""
        given = self.metadata.get("language")
        if isinstance(given, str) and given:
            code = given.replace("_", "-").split("-")[0].lower()
            confidence = self.metadata.get("language_confidence", 1.0)
            return LanguageGuess(code, float(confidence))
        guess = identify_language(self.text)
        self.metadata["language"] = guess.language
        self.metadata["language_confidence"] = guess.confidence
        return guess

    def note(self, cleaner: str, rule: str, why: str) -> None:
        """When explaining, say why `cleaner` left the text alone (not an edit)."""
        if self.explain:
            self.edits.append(Edit(cleaner, "note", "", why, rule, 0))

    @property
    def edit_counts(self) -> dict[str, int]:
        """The number of edits each cleaner made (a new dict)."""
        return {
            cleaner: sum(rules.values()) for cleaner, rules in self.rule_counts.items()
        }

    def count(self, cleaner: str, rule: str, n: int = 1) -> None:
        """Add `n` edits to the tally of `cleaner`'s `rule` (by its `rule_label`)."""
        if n:
            rules = self.rule_counts.setdefault(cleaner, {})
            label = rule_label(rule)
            rules[label] = rules.get(label, 0) + n

    def count_junk(self, before: str, after: str) -> None:
        """Add what a junk cleaner removed (`before` became `after`) to the signal
        `junk_chars_removed`, from which quality signals take the junk share."""
        removed = len(before) - len(after)
        if removed > 0:
            self.signals["junk_chars_removed"] = (
                self.signals.get("junk_chars_removed", 0) + removed
            )

    def record(
        self, cleaner: str, rule: str, before: str, after: str, position: int
    ) -> None:
        """Count one edit and, when explaining, keep its details."""
        self.count(cleaner, rule)
        if self.explain:
            self.edits.append(
                Edit(cleaner, action_for(before, after), before, after, rule, position)
            )

    def suggest(
        self, cleaner: str, rule: str, before: str, after: str, position: int
    ) -> None:
        """Keep a change a cleaner proposes but does not make (action "suggest").

        Suggestions are kept whether or not the document explains: asking a cleaner
        for suggestions is asking for this list. They are not counted as edits.
        """
        self.edits.append(Edit(cleaner, "suggest", before, after, rule, position))
