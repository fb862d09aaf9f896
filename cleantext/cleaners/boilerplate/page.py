"""The page under judgement: each prose block's core, score and verdict, and
indexes computed once so that every decision stays linear in the page's length."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from cleantext.cleaners.boilerplate.features import block_words
from cleantext.cleaners.boilerplate.score import LineScore, score_line
from cleantext.text.blocks import Block, comparison_key, line_core
from cleantext.text.words import COUNTED_WORD

JUNK, KEEP, OTHER = "junk", "keep", "other"
MAX_HEADLINE_WORDS = 20
MIN_BODY_WORDS = 20  # the article body starts at its first real paragraph


@dataclass
class Line:
    """What DropBoilerplate knows about one prose block."""

    core: str
    score: LineScore
    verdict: str = OTHER
    rule: str = ""


def is_body(line: Line) -> bool:
    return line.score.good and line.score.words >= MIN_BODY_WORDS


@dataclass
class Page:
    """One document under judgement: its blocks, what is known of each prose line,
    and indexes computed once so that every decision stays linear in its length."""

    blocks: list[Block]
    tokens: list[list[str]]  # each block's words (`COUNTED_WORD`), found once
    lines: dict[int, Line]
    body_start: int | None
    bodies_before: list[int]  # body paragraphs before each block index
    _keys: Counter | None = None
    _key_of: dict[int, str] = field(default_factory=dict)

    @classmethod
    def of(cls, blocks: list[Block]) -> Page:
        tokens = block_words(blocks)
        lines = {
            i: Line(line_core(b.text), score_line(b.text, tokens[i]))
            for i, b in enumerate(blocks)
            if b.is_prose
        }
        bodies_before = [0]
        for i in range(len(blocks)):
            bodies_before.append(bodies_before[-1] + (i in lines and is_body(lines[i])))
        body_start = next(
            (i for i, b in enumerate(blocks) if not b.is_prose or is_body(lines[i])),
            None,
        )
        return cls(blocks, tokens, lines, body_start, bodies_before)

    def verdict(self, i: int) -> str:
        """A block's verdict so far (tables and code have none: "other")."""
        line = self.lines.get(i)
        return OTHER if line is None else line.verdict

    def headline(self) -> int | None:
        """The document's headline, which the model leaves alone: the last prose
        line above the article body that no rule took and that reads like a title
        (a few words, not ending like a sentence or a label)."""
        if self.body_start is None:
            return None
        for i in range(self.body_start - 1, -1, -1):
            line = self.lines.get(i)
            if line is None or line.verdict == JUNK:
                continue
            title = 2 <= line.score.words <= MAX_HEADLINE_WORDS
            return i if title and not line.core.endswith((".", ":", ",")) else None
        return None

    def words(self, i: int) -> int:
        """How many words block `i` has (what the word score weighs it by)."""
        line = self.lines.get(i)
        return (
            line.score.words if line is not None else len(self.blocks[i].text.split())
        )

    def outweighs_article(self, heading: int) -> bool:
        """Whether as many body paragraphs follow a trailer heading as precede it.

        Then the heading is not where the article ends (Q&A pages put 'Add a comment'
        under the question and before the answers): cutting there would lose content.
        """
        before = self.bodies_before[heading]
        after = self.bodies_before[-1] - self.bodies_before[heading + 1]
        return after >= before

    def key(self, i: int) -> str:
        """Block `i`'s comparison key (computed once)."""
        key = self._key_of.get(i)
        if key is None:
            key = self._key_of[i] = comparison_key(self.blocks[i].text)
        return key

    def key_count(self, key: str) -> int:
        """How many prose lines not already judged junk have this comparison key
        (counted once, when tables of contents are judged after the line rules)."""
        if self._keys is None:
            self._keys = Counter(
                self.key(i)
                for i, line in self.lines.items()
                if line.verdict != JUNK and self.blocks[i].is_prose
            )
        return self._keys[key]


def has_body_line(page: Page, unjoined: list[Block]) -> bool:
    """Whether `Page.of(unjoined)` finds an article body, where `page` is the page
    of `unjoined` with runs of wrapped lines joined (`join_wrapped`): a table or
    code block, or one line that is a body paragraph by itself. The blocks the
    page kept whole are judged by its own scores; of the lines inside joined
    blocks, only those with the words of a body are scored again."""
    originals = {id(block) for block in unjoined}
    for i, block in enumerate(page.blocks):
        if not block.is_prose:
            return True
        if id(block) in originals:
            if is_body(page.lines[i]):
                return True
            continue
        for text in block.text.split("\n"):
            words = COUNTED_WORD.findall(text)
            if len(words) >= MIN_BODY_WORDS and is_body(
                Line(line_core(text), score_line(text, words))
            ):
                return True
    return False
