"""Proper nouns by a vote inside the document: which lowercase words FixCasing
capitalises because the document writes them capitalised mid-sentence."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import compress, count
from operator import itemgetter

import regex

from cleantext.cleaners.casing.sentences import LINE_START, at_sentence_start
from cleantext.cleaners.shared.lexicon import default_lexicon
from cleantext.resources.data import word_list
from cleantext.rulesets import may_contain_any
from cleantext.text.blocks import HEADING, PARAGRAPH, Block
from cleantext.text.words import PLAIN_WORD, stopwords

_GROUP = regex.Match.group  # type: ignore[attr-defined]
_UPPER = regex.compile(r"\p{Lu}")
_MIN_CAPITALISED = 2
_MAX_LOWER_SHARE = 1 / 2
# A slip is rare: a word written lowercase more often than this in a document is
# written so on purpose ("small business" beside a "Small Business Week" heading).
_MAX_SLIPS = 2
_MIN_STOPWORD_SHARE = 0.25  # of a text's words, for it to read as English
_MIN_NAME_LENGTH = 3  # "im" is "I'm" without its apostrophe, not a name
_KEPT_MATCH_CHARS = 1_000_000  # paragraph text whose word matches are kept
_FIRST = itemgetter(0)


def lowercase_names() -> frozenset[str]:
    """Names kept lowercase on purpose (`rules/lowercase-names.txt`: npm, git)."""
    return word_list("lowercase-names.txt")


def proper_nouns(blocks: list[Block]) -> frozenset[str]:
    """Words (vote keys) to capitalise where lowercase, by votes in paragraphs
    only: headings and list labels ("- Economic Sanctions: ...") are Title Case
    by style.

    A capitalised word counts for itself only when it stands alone ("Trump
    has"), not inside a longer name ("United States" says nothing about
    "united"); a capitalised pair ("Donald Trump") counts for the lowercase pair.
    Only capitalised words are examined one by one, and only in paragraphs that
    may hold a word the document writes both capitalised and lowercase (nothing
    else can be chosen); lowercase words are counted by spelling, so the cost per
    word stays near a regex scan.
    """
    capitalised: Counter[str] = Counter()
    titled: Counter[str] = Counter()  # every mid-sentence use, in names too
    title_pairs: set[tuple[str, str]] = set()
    paragraphs = [block.text for block in blocks if block.kind == PARAGRAPH]
    # Names no dictionary has get evidence from short prose lines too (captions,
    # list entries without markers, which the splitter takes for headings).
    lines = [block.text for block in blocks if _prose_heading(block)]
    kept = _kept_matches(paragraphs)
    spellings = _spellings_in(paragraphs, kept)
    line_spellings = _spellings_in(lines, [None] * len(lines))
    all_spellings = spellings.copy()  # a Counter sum would walk both in Python
    all_spellings.update(line_spellings)
    skip = stopwords() | lowercase_names()
    in_both_cases = _written_in_both_cases(all_spellings) - skip
    if not in_both_cases:
        return frozenset()
    for text, matches in zip(paragraphs, kept, strict=True):
        if not (
            _UPPER.search(text) and may_contain_any(text.casefold(), in_both_cases)
        ):
            continue
        # A paragraph's first word is capitalised as a sentence start: it says
        # nothing about the word alone, only as the first of a pair.
        first = LINE_START.match(text).end()
        for before, match, after in _capitalised_triples(text, matches):
            if not _mid_sentence_title(text, match):
                continue
            word = match.group()
            if match.start() != first:
                titled[vote_key(word)] += 1
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
                title_pairs.add((vote_key(word), vote_key(after.group())))
            if not (joined_before or joined_after) and match.start() != first:
                capitalised[vote_key(word)] += 1
    voted = {word for word, count in capitalised.items() if count >= _MIN_CAPITALISED}
    pair_words = {word for pair in title_pairs for word in pair} - skip
    for text in lines:
        titled.update(_mid_line_titles(text))
    unknown_names = titled.keys() - skip if _english(all_spellings) else set()
    if not (voted or pair_words or unknown_names):
        return frozenset()
    exotic = any(_has_casefold_changers(text) for text in paragraphs + lines)
    lower = _lower_counts(spellings, voted | pair_words, exotic)
    lower_anywhere = _lower_counts(all_spellings, unknown_names, exotic)
    chosen = {
        word
        for word in voted
        if 0 < lower[word] <= min(_MAX_SLIPS, _MAX_LOWER_SHARE * capitalised[word])
    }
    chosen |= _names_the_lexicon_lacks(
        {
            word
            for word in unknown_names
            if 0 < lower_anywhere[word] <= min(_MAX_SLIPS, titled[word])
        }
    )
    written_lower = {
        word for word in lower.keys() & pair_words if lower[word] <= _MAX_SLIPS
    }
    pairs = {pair for pair in title_pairs if written_lower & set(pair)}
    if pairs:
        spellings_of = None if exotic else _spellings(written_lower)
        chosen |= _lowercase_pair_words(paragraphs, pairs, spellings_of)
    return frozenset(chosen - skip)


def _kept_matches(paragraphs: list[str]) -> list[list[regex.Match] | None]:
    """Each paragraph's word matches, kept for the vote's second look at them
    while the paragraphs kept total at most `_KEPT_MATCH_CHARS` characters; None
    past that (those are scanned again), so memory stays bounded on a huge text."""
    kept: list[list[regex.Match] | None] = []
    budget = _KEPT_MATCH_CHARS
    for text in paragraphs:
        if len(text) <= budget:
            budget -= len(text)
            kept.append(list(PLAIN_WORD.finditer(text)))
        else:
            kept.append(None)
    return kept


def _spellings_in(
    texts: list[str], kept: list[list[regex.Match] | None]
) -> Counter[str]:
    """How often each word is written so in `texts` (from their `kept` matches,
    or a stream of matches: a 5 MB line keeps no list of its words), counted at
    C level."""
    counts: Counter[str] = Counter()
    for text, matches in zip(texts, kept, strict=True):
        found = PLAIN_WORD.finditer(text) if matches is None else matches
        counts.update(map(_GROUP, found))
    return counts


def _capitalised_triples(
    text: str, matches: list[regex.Match] | None
) -> Iterator[tuple[regex.Match | None, regex.Match, regex.Match | None]]:
    """Each word of `text` that starts with a capital, with the words before and
    after it (None at the ends): picked at C speed from its kept `matches`, or
    from a fresh scan when they were not kept."""
    if matches is None:
        for triple in _triples(PLAIN_WORD.finditer(text)):
            if triple[1].group()[0].isupper():
                yield triple
        return
    last = len(matches) - 1
    capital = map(str.isupper, map(_FIRST, map(_GROUP, matches)))
    for i in compress(count(), capital):
        yield (
            matches[i - 1] if i else None,
            matches[i],
            matches[i + 1] if i < last else None,
        )


def _written_in_both_cases(spellings: Counter[str]) -> set[str]:
    """Vote keys written capitalised whose lowercase spelling (or its possessive)
    occurs too: a superset of the words a vote can capitalise, found with C-level
    set operations over the lowercase spellings and a loop over the others."""
    lower = set(filter(str.islower, spellings))
    folded = set(map(str.casefold, lower))
    found = set()
    for word in spellings.keys() - lower:
        if _is_title(word):
            key = vote_key(word)
            if not folded.isdisjoint(_spellings({key})):
                found.add(key)
    return found


_PROSE_WORD = regex.compile(r"(?<![\w'’])\p{Ll}{4,}\b")


def _prose_heading(block: Block) -> bool:
    """A line taken for a heading that is not Title Case: it has a lowercase word
    of four letters or more ("photo by the author", "Home in Wiler, Switzerland")."""
    return block.kind == HEADING and _PROSE_WORD.search(block.text) is not None


def _mid_line_titles(text: str) -> Iterator[str]:
    """Vote keys of the capitalised words of a line, not its first word and not
    after a sentence's end."""
    first = LINE_START.match(text).end()
    for match in PLAIN_WORD.finditer(text):
        if match.start() != first and _mid_sentence_title(text, match):
            yield vote_key(match.group())


def _english(spellings: Counter[str]) -> bool:
    """Whether the paragraphs read as English: enough of their words are English
    stop words. German capitalises nouns and French or Czech words are unknown to
    the English lexicon, so an unknown word capitalised there says nothing."""
    words = sum(spellings.values())
    common_words = stopwords()
    common = sum(count for word, count in spellings.items() if word in common_words)
    return words > 0 and common >= _MIN_STOPWORD_SHARE * words


def _names_the_lexicon_lacks(words: set[str]) -> set[str]:
    """Those of `words` (written capitalised at least as often as lowercase) that
    the English lexicon does not know: a word no dictionary has, capitalised even
    once, is a name ("grimsholm" beside "Grimsholm Castle"). The lexicon loads
    only when there is such a word to ask about."""
    if not words:
        return set()
    lexicon = default_lexicon()
    return {
        word
        for word in words
        if len(word) >= _MIN_NAME_LENGTH
        and word.isalpha()
        and not (lexicon.is_known(word) or lexicon.is_compound(word))
    }


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
            if is_plain_lower(spelling) and vote_key(spelling) in keys:
                counts[vote_key(spelling)] += count
        return counts
    for key in keys:
        for spelling in _spellings({key}):
            if spelling in spellings and is_plain_lower(spelling):
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
                pair = (vote_key(left.group()), vote_key(right.group()))
                if pair in title_pairs and _joined(text, left, right):
                    found.update(
                        key
                        for key, word in zip(pair, (left, right), strict=True)
                        if is_plain_lower(word.group())
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
    return _is_title(match.group()) and not at_sentence_start(text, match.start())


def vote_key(word: str) -> str:
    """The word as votes count it: case-folded, without a possessive ('s)."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    return word.casefold()


def is_plain_lower(word: str) -> bool:
    """All lowercase ('trump’s'), as opposed to 'iPhone' or 'Trump'."""
    return word[0].islower() and word.islower()


def _is_title(word: str) -> bool:
    """Capitalised, the rest lowercase ('Trump’s'), as opposed to 'NATO'."""
    return len(word) > 1 and word[0].isupper() and word[1:].islower()
