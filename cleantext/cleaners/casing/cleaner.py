"""FixCasing: capitalise sentence starts and proper nouns, decided inside the document.

Only ever raises a first letter; never lowercases, and never makes a line that
FixUnicode would then change (capitalised Latin-1 letters can read as mojibake).
Touches only plain lowercase words in prose (no digits, dots, slashes, underscores
or inner capitals, so `iPhone`, `eBay`, `config.yaml` and URLs are safe) and skips
names kept lowercase on purpose (`rules/lowercase-names.txt`: npm, git, ...).
English only (`Cleaner.languages`). A start is raised only on evidence of a slip:
the word is one the English lexicon knows (not a user name or a command), and the
document does not start its sentences (headings, list items) lowercase by style
(3 or more such starts and over 10% of them: `sentences.lowercase_by_style`).
- sentence-start: after a full stop inside a line (not after an abbreviation
  such as `e.g.` or `Inc.`, or an ellipsis) and at the start of a paragraph that
  follows a finished sentence, a heading, a list or a blank line (a hard-wrapped
  line that continues a sentence keeps its lowercase start, and so does a line
  after a colon);
- heading-start / list-item-start: when the document's headings (list items)
  start with a capital by style, so lowercase list styles ("- 2 eggs") stay; a
  heading only after a finished sentence, a gap or a Title Case heading (else it
  may be the second line of a hard-wrapped sentence); a list item only when the
  list's other items start with a capital;
- no line start is raised in a line of fewer than three words, an aside in
  brackets, or a heading or list item opening with a function word ("by Jane");
- proper-noun (`proper_nouns=True`, not in the default pipeline: on clean text
  it made 8 wrong edits per 1,000 words): a word written capitalised mid-sentence
  at least twice in the document's paragraphs, and lowercase at most half as
  often and at most twice, is capitalised where it appears in lowercase
  ("trump’s" -> "Trump’s"); so is a lowercase word next to another whose
  capitalised pair appears mid-sentence ("donald trump" -> "Donald Trump" when
  "Donald Trump" appears). Stop words never.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from cleantext.cleaners.base import Cleaner
from cleantext.cleaners.casing.names import (
    is_plain_lower,
    lowercase_names,
    proper_nouns,
    vote_key,
)
from cleantext.cleaners.casing.sentences import (
    AFTER_FULL_STOP,
    LINE_START,
    after_a_full_stop,
    follows_a_finished_block,
    is_label,
    is_title_line,
    lowercase_by_style,
    may_raise_line_start,
    mostly_capitalised,
)
from cleantext.cleaners.shared.encoding import DEFAULT_REPAIR
from cleantext.cleaners.shared.lexicon import default_lexicon
from cleantext.document import Document
from cleantext.rulesets import may_contain_any
from cleantext.text.blocks import HEADING, LIST_ITEM, Block, rewrite_blocks
from cleantext.text.codelike import has_code_marks
from cleantext.text.words import PLAIN_WORD


@dataclass
class FixCasing(Cleaner):
    """Capitalise sentence, heading and list-item starts, and proper nouns by vote."""

    # Sentence ends, abbreviations and stop words are English; other languages
    # capitalise differently (German nouns, French months, Russian "ст. л.").
    languages = frozenset({"en"})

    sentence_starts: bool = True
    proper_nouns: bool = True

    def prepare(self) -> None:
        """Load the lexicon now (sentence starts and names check words in it), once
        per process, before workers fork and share it."""
        default_lexicon()

    def __call__(self, doc: Document) -> Document:
        if self.leaves_alone(doc):
            return doc
        blocks = doc.blocks()
        capitalise = proper_nouns(blocks) if self.proper_nouns else frozenset()
        styles = {
            kind: mostly_capitalised(blocks, kind) for kind in (HEADING, LIST_ITEM)
        }
        sentences = self.sentence_starts and not lowercase_by_style(blocks)

        def fix(i: int, block: Block, offset: int) -> str | None:
            if not block.is_prose:
                return None
            starts = self._starts(blocks, i, styles, sentences)
            return self._fix_block(
                block.text, starts, sentences, capitalise, doc, offset
            )

        text = rewrite_blocks(blocks, fix)
        if text is not None:
            doc.set_blocks(blocks, text)
        return doc

    # --- decisions ----------------------------------------------------------------

    def _starts(
        self, blocks: list[Block], i: int, styles: dict[str, bool], sentences: bool
    ) -> dict:
        """Whether this block's first word starts something, and under which rule."""
        if not self.sentence_starts:
            return {}
        block = blocks[i]
        if has_code_marks(block.text):
            return {}  # code pasted as a line: "(func $add", "type T struct {"
        if not may_raise_line_start(blocks, i):
            return {}
        if block.kind == HEADING:
            # A short line may be half of a hard-wrapped sentence, not a heading:
            # a heading follows a finished sentence, a gap or another heading.
            finished = follows_a_finished_block(blocks, i) or (
                blocks[i - 1].kind == HEADING and is_title_line(blocks[i - 1].text)
            )
            return {"heading-start": styles[HEADING] and finished}
        if block.kind == LIST_ITEM:
            return {"list-item-start": styles[LIST_ITEM]}
        return {"sentence-start": sentences and follows_a_finished_block(blocks, i)}

    def _fix_block(
        self,
        text: str,
        starts: dict,
        sentences: bool,
        capitalise: frozenset[str],
        doc: Document,
        offset: int,
    ) -> str:
        first = LINE_START.match(text).end()
        kept_lowercase = lowercase_names()
        edits = []
        for match in self._candidates(text, first, capitalise, sentences):
            word = match.group()
            if (
                not is_plain_lower(word)
                or word in kept_lowercase
                or is_label(text, match.start())
            ):
                continue
            rule = None
            if match.start() == first:
                rule = next((name for name, on in starts.items() if on), None)
            elif sentences and after_a_full_stop(text, match.start()):
                rule = "sentence-start"
            if rule is not None and not default_lexicon().is_known(word):
                rule = None  # a user name, a command, an identifier: as written
            if rule is None and vote_key(word) in capitalise:
                rule = "proper-noun"
            if rule is not None:
                edits.append((rule, match))
        if not edits:
            return text
        pieces, last = [], 0
        for _, match in edits:
            pieces += [text[last : match.start()], match.group()[0].upper()]
            last = match.start() + 1
        pieces.append(text[last:])
        result = "".join(pieces)
        if DEFAULT_REPAIR.would_change(result):
            return text  # "à°" -> "À°" reads as mojibake to ftfy: keep the line
        for rule, match in edits:
            word = match.group()
            fixed = word[0].upper() + word[1:]
            doc.record(self.name, rule, word, fixed, offset + match.start())
        return result

    def _candidates(
        self, text: str, first: int, capitalise: frozenset[str], sentences: bool
    ) -> Iterator[regex.Match]:
        """The words of `text` that a rule might capitalise, in order: every word
        when one of `capitalise` may be among them (it is a substring of the
        case-folded text, or there are too many to search for), else only the
        first word and those after a full stop and a space (where
        `after_a_full_stop` can be true)."""
        if capitalise and may_contain_any(text.casefold(), capitalise):
            yield from PLAIN_WORD.finditer(text)
            return
        if match := PLAIN_WORD.match(text, first):
            yield match
        if sentences:
            for end in AFTER_FULL_STOP.finditer(text, first):
                if match := PLAIN_WORD.match(text, end.end()):
                    yield match
