"""FixCasing: capitalise sentence starts and proper nouns, decided inside the document.

Only ever raises a first letter; never lowercases, and never makes a line that
FixUnicode would then change (capitalised Latin-1 letters can read as mojibake).
Touches only plain lowercase words in prose (no digits, dots, slashes, underscores
or inner capitals, so `iPhone`, `eBay`, `config.yaml` and URLs are safe) and skips
names kept lowercase on purpose (`rules/lowercase-names.txt`: npm, git, ...).
- sentence-start: after `. ! ?` (not after an abbreviation such as `e.g.` or an
  ellipsis) and at the start of a paragraph that follows a finished sentence, a
  heading, a list or a blank line (a hard-wrapped line that continues a sentence
  keeps its lowercase start);
- heading-start / list-item-start: only when most headings (list items) of the
  document start with a capital, so lowercase list styles ("- 2 eggs") stay;
- proper-noun: a word written capitalised mid-sentence at least twice in the
  document's paragraphs, and lowercase at most half as often, is capitalised where
  it appears in lowercase ("trump’s" -> "Trump’s"); so is a lowercase word next to
  another whose capitalised pair appears mid-sentence ("donald trump" -> "Donald
  Trump" when "Donald Trump" appears). Stop words never.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from cleantext.blocks import (
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    Block,
    rewrite_blocks,
)
from cleantext.cleaners.base import Cleaner
from cleantext.cleaners.encoding import DEFAULT_REPAIR
from cleantext.data import shared_lists, word_list
from cleantext.document import Document
from cleantext.rulesets import may_contain_any
from cleantext.words import PLAIN_WORD, stopwords

_LINE_START = regex.compile(
    r"^\s*(?:#{1,6}\s+|(?:[-*+•·▪‣◦–]|\d{1,3}[.)])\s+)?[\"'“‘(\[]*"
)
# A full stop may sit inside closing quotes; "?" or "!" before a closing quote is
# followed by a speech tag ("“Why?” she asked"), not a new sentence.
_SENTENCE_END = regex.compile(r"(?:[.!?]|\.[\"'”’)\]]+)\s+[\"'“‘(\[]*$")
# Where a sentence may start: after a closing mark, spaces and opening marks; the
# end of a match is where `_at_sentence_start` is worth asking.
_AFTER_CLOSER = regex.compile(r"[.!?\"'”’)\]]\s+[\"'“‘(\[]*(?=\p{L})")
_FINISHED = regex.compile(r"[.!?:…][\"'”’)\]]*\s*$")
_OPENERS = "\"'“‘(["
_CLOSERS = ".!?\"'”’)]"
_GROUP = regex.Match.group  # type: ignore[attr-defined]
_UPPER = regex.compile(r"\p{Lu}")
_LOOK_BACK = 40  # characters examined before a word to find a sentence end
_MIN_CAPITALISED = 2
_MAX_LOWER_SHARE = 1 / 2


def _lowercase_names() -> frozenset[str]:
    return word_list("lowercase-names.txt")


@lru_cache(maxsize=1)
def _abbreviation_end() -> regex.Pattern:
    """Text ending with an abbreviation's full stop: no sentence ends there.

    Anchored at the end, so it is searched from the end (`regex.REVERSE`): one
    attempt there instead of one per character of the look-back window.
    """
    lists = shared_lists()
    words = sorted(lists["titles"] + lists["abbreviations"], key=len, reverse=True)
    alternation = "|".join(regex.escape(w) for w in words)
    return regex.compile(
        rf"(?:(?<![\p{{L}}.])(?:{alternation})|\.\.|…|(?<![\p{{L}}.])(?:\p{{L}}\.)*\p{{L}})"
        rf"\.\s+[\"'“‘(\[]*$",
        regex.IGNORECASE | regex.REVERSE,
    )


@dataclass
class FixCasing(Cleaner):
    """Capitalise sentence, heading and list-item starts, and proper nouns by vote."""

    sentence_starts: bool = True
    proper_nouns: bool = True

    def __call__(self, doc: Document) -> Document:
        blocks = doc.blocks()
        capitalise = self._proper_nouns(blocks) if self.proper_nouns else frozenset()
        styles = {
            kind: _mostly_capitalised(blocks, kind) for kind in (HEADING, LIST_ITEM)
        }

        def fix(i: int, block: Block, offset: int) -> str | None:
            if not block.is_prose:
                return None
            starts = self._starts(blocks, i, styles) if self.sentence_starts else {}
            return self._fix_block(block.text, starts, capitalise, doc, offset)

        text = rewrite_blocks(blocks, fix)
        if text is not None:
            doc.set_blocks(blocks, text)
        return doc

    # --- decisions ----------------------------------------------------------------

    def _proper_nouns(self, blocks: list[Block]) -> frozenset[str]:
        """Words (vote keys) to capitalise where lowercase, by votes in paragraphs
        only: headings and list labels ("- Economic Sanctions: ...") are Title Case
        by style.

        A capitalised word counts for itself only when it stands alone ("Trump
        has"), not inside a longer name ("United States" says nothing about
        "united"); a capitalised pair ("Donald Trump") counts for the lowercase pair.
        Only capitalised words are examined one by one; lowercase words are counted
        by spelling, so the cost per word stays near a regex scan.
        """
        capitalised: Counter[str] = Counter()
        spellings: Counter[str] = Counter()
        title_pairs: set[tuple[str, str]] = set()
        paragraphs = [block.text for block in blocks if block.kind == PARAGRAPH]
        for text in paragraphs:
            # Counted at C level from a stream of matches: a 5 MB line keeps no
            # list of its words.
            spellings.update(map(_GROUP, PLAIN_WORD.finditer(text)))
            if not _UPPER.search(text):
                continue
            # A paragraph's first word is capitalised as a sentence start: it says
            # nothing about the word alone, only as the first of a pair.
            first = _LINE_START.match(text).end()
            for before, match, after in _triples(PLAIN_WORD.finditer(text)):
                word = match.group()
                if not (word[0].isupper() and _mid_sentence_title(text, match)):
                    continue  # most words fail the first test
                joined_before = (
                    before is not None
                    and _mid_sentence_title(text, before)
                    and _joined(text, before, match)
                )
                joined_after = (
                    after is not None
                    and _mid_sentence_title(text, after)
                    and _joined(text, match, after)
                )
                if joined_after:
                    title_pairs.add((_vote_key(word), _vote_key(after.group())))
                if not (joined_before or joined_after) and match.start() != first:
                    capitalised[_vote_key(word)] += 1
        voted = {
            word for word, count in capitalised.items() if count >= _MIN_CAPITALISED
        }
        skip = stopwords() | _lowercase_names()
        pair_words = {word for pair in title_pairs for word in pair} - skip
        if not (voted or pair_words):
            return frozenset()
        exotic = any(_has_casefold_changers(text) for text in paragraphs)
        lower = _lower_counts(spellings, voted | pair_words, exotic)
        chosen = {
            word
            for word in voted
            if lower[word] and lower[word] <= _MAX_LOWER_SHARE * capitalised[word]
        }
        written_lower = lower.keys() & pair_words
        pairs = {pair for pair in title_pairs if written_lower & set(pair)}
        if pairs:
            spellings_of = None if exotic else _spellings(written_lower)
            chosen |= _lowercase_pair_words(paragraphs, pairs, spellings_of)
        return frozenset(chosen - skip)

    def _starts(self, blocks: list[Block], i: int, styles: dict[str, bool]) -> dict:
        """Whether this block's first word starts something, and under which rule."""
        block = blocks[i]
        if block.kind == HEADING:
            return {"heading-start": styles[HEADING]}
        if block.kind == LIST_ITEM:
            return {"list-item-start": styles[LIST_ITEM]}
        return {"sentence-start": _follows_a_finished_block(blocks, i)}

    def _fix_block(
        self,
        text: str,
        starts: dict,
        capitalise: frozenset[str],
        doc: Document,
        offset: int,
    ) -> str:
        first = _LINE_START.match(text).end()
        kept_lowercase = _lowercase_names()
        edits = []
        for match in self._candidates(text, first, capitalise):
            word = match.group()
            if not _is_plain_lower(word) or word in kept_lowercase:
                continue
            rule = None
            if match.start() == first:
                rule = next((name for name, on in starts.items() if on), None)
            elif self.sentence_starts and _at_sentence_start(text, match):
                rule = "sentence-start"
            if rule is None and _vote_key(word) in capitalise:
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
        self, text: str, first: int, capitalise: frozenset[str]
    ) -> Iterator[regex.Match]:
        """The words of `text` that a rule might capitalise, in order: every word
        when one of `capitalise` may be among them (it is a substring of the
        case-folded text, or there are too many to search for), else only the
        first word and those after a closing punctuation mark and a space (where
        `_at_sentence_start` can be true)."""
        if capitalise and may_contain_any(text.casefold(), capitalise):
            yield from PLAIN_WORD.finditer(text)
            return
        if match := PLAIN_WORD.match(text, first):
            yield match
        if self.sentence_starts:
            for end in _AFTER_CLOSER.finditer(text, first):
                if match := PLAIN_WORD.match(text, end.end()):
                    yield match


def _joined(text: str, left: regex.Match, right: regex.Match) -> bool:
    """Whether two neighbouring words are separated by exactly one space."""
    return text[left.end() : right.start()] == " "


def _lower_counts(
    spellings: Counter[str], keys: set[str], exotic: bool
) -> Counter[str]:
    """How often each of `keys` (vote keys) was written all lowercase.

    Without letters whose case folding changes them (`exotic` false), a lowercase
    spelling's vote key is itself or itself minus a possessive: three look-ups per
    key instead of a vote key for every spelling of the document.
    """
    counts: Counter[str] = Counter()
    if exotic:
        for spelling, count in spellings.items():
            if _is_plain_lower(spelling) and _vote_key(spelling) in keys:
                counts[_vote_key(spelling)] += count
        return counts
    for key in keys:
        for spelling in _spellings({key}):
            if spelling in spellings and _is_plain_lower(spelling):
                counts[key] += spellings[spelling]
    return counts


def _spellings(keys: set[str]) -> set[str]:
    """How words with these vote keys are written in lowercase, when no letter of
    the text changes under case folding: the key, with or without a possessive."""
    return {spelling for key in keys for spelling in (key, key + "'s", key + "’s")}


def _has_casefold_changers(text: str) -> bool:
    """Whether `text` holds a letter whose case folding differs from its lowercase.
    No such letter folds to a prefix of its lowercase or the reverse, so text
    without them folds to its lowercase: that C-speed comparison rules most out."""
    return text.casefold() != text.lower() and bool(_casefold_changers().search(text))


@lru_cache(maxsize=1)
def _casefold_changers() -> regex.Pattern:
    """Characters whose case folding differs from their lowercase ("ß" -> "ss",
    "ς" -> "σ"); every cased script lies in the first two Unicode planes."""
    changed = (chr(c) for c in range(0x20000))
    return regex.compile(
        "["
        + "".join(regex.escape(ch) for ch in changed if ch.casefold() != ch.lower())
        + "]"
    )


def _lowercase_pair_words(
    paragraphs: list[str],
    title_pairs: set[tuple[str, str]],
    spellings: set[str] | None,
) -> set[str]:
    """Lowercase words (vote keys) of neighbouring pairs whose capitalised form is
    one of `title_pairs` ("donald trump" when "Donald Trump" appears). Only pairs
    around a word written as one of `spellings` are examined (all, if None)."""
    found = set()
    for text in paragraphs:
        if spellings is not None and not may_contain_any(text, spellings):
            continue
        for before, match, after in _triples(PLAIN_WORD.finditer(text)):
            if spellings is not None and match.group() not in spellings:
                continue
            for left, right in ((before, match), (match, after)):
                if left is None or right is None:
                    continue
                pair = (_vote_key(left.group()), _vote_key(right.group()))
                if pair in title_pairs and _joined(text, left, right):
                    found.update(
                        key
                        for key, word in zip(pair, (left, right), strict=True)
                        if _is_plain_lower(word.group())
                    )
    return found


def _triples(
    matches: Iterable[regex.Match],
) -> Iterator[tuple[regex.Match | None, regex.Match, regex.Match | None]]:
    """Each match with the one before and the one after it (None at the ends),
    holding three at a time however long the stream."""
    before = current = None
    for following in matches:
        if current is not None:
            yield before, current, following
        before, current = current, following
    if current is not None:
        yield before, current, None


def _mid_sentence_title(text: str, match: regex.Match) -> bool:
    """A capitalised word ('Trump') that does not start a sentence."""
    return _is_title(match.group()) and not _at_sentence_start(text, match)


def _vote_key(word: str) -> str:
    """The word as votes count it: case-folded, without a possessive ('s)."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    return word.casefold()


def _is_plain_lower(word: str) -> bool:
    """All lowercase ('trump’s'), as opposed to 'iPhone' or 'Trump'."""
    return word[0].islower() and word.islower()


def _is_title(word: str) -> bool:
    """Capitalised, the rest lowercase ('Trump’s'), as opposed to 'NATO'."""
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def _at_sentence_start(text: str, match: regex.Match) -> bool:
    """Whether a sentence ends just before `match`: a bounded look back, so the cost
    per word does not grow with the line (a 5 MB line stays linear). Most words
    follow a letter or a comma and a space: one character test rules them out."""
    end = match.start()
    k = end - 1
    while k >= 0 and text[k] in _OPENERS:
        k -= 1
    if k < 1 or not text[k].isspace():
        return False
    while k >= 0 and text[k].isspace():
        k -= 1
    if k < 0 or text[k] not in _CLOSERS:
        return False
    start = max(0, end - _LOOK_BACK)
    return bool(_SENTENCE_END.search(text, start, end)) and not (
        _abbreviation_end().search(text, start, end)
    )


def _follows_a_finished_block(blocks: list[Block], i: int) -> bool:
    """Whether the line before ends a sentence, so this line starts one.

    A line without closing punctuation may be the first half of a hard-wrapped
    sentence (even when it looks like a heading), unless a blank line, a Markdown
    heading, a table or code separates them.
    """
    if i == 0:
        return True
    previous = blocks[i - 1]
    if not previous.is_prose or previous.sep.count("\n") > 1:
        return True
    if previous.text.lstrip().startswith("#"):
        return True
    return bool(_FINISHED.search(previous.text))


def _mostly_capitalised(blocks: list[Block], kind: str) -> bool:
    """Whether most blocks of this kind start with a capital letter."""
    firsts = []
    for block in blocks:
        if block.kind == kind:
            rest = block.text[_LINE_START.match(block.text).end() :]
            if rest[:1].isalpha():
                firsts.append(rest[0].isupper())
    return bool(firsts) and sum(firsts) > len(firsts) / 2
