"""Where FixCasing may raise a first letter: the start of a line's text, the
start of a sentence (not after an abbreviation or an ellipsis), and whether a
document's headings or list items are capitalised by style.

A lowercase start is raised only on evidence of a slip. Evidence it is not one:
the word follows an abbreviation ("Acme Inc. is"), a colon ("includes:" then
"a free trial"), a comma, or a "?" or "!" inside a line (informal writing: "it?
try again"); the line is short (a label, a design: "dark roast", "and others!");
it is an aside in brackets; a heading or list item opens with a function word
("by Jane Doe", "- if you can"); the list's other items start lowercase.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from cleantext.cleaners.shared.lexicon import default_lexicon
from cleantext.resources.data import shared_lists
from cleantext.text.blocks import LIST_ITEM, PARAGRAPH, TABLE, Block
from cleantext.text.words import stopwords

LINE_START = regex.compile(
    r"^\s*(?:#{1,6}\s+|(?:[-*+•·▪‣◦–]|\d{1,3}[.)])\s+)?[\"'“‘(\[]*"
)
# A full stop may sit inside closing quotes; "?" or "!" before a closing quote is
# followed by a speech tag ("“Why?” she asked"), not a new sentence.
_SENTENCE_END = regex.compile(r"(?:[.!?]|\.[\"'”’)\]]+)\s+[\"'“‘(\[]*$")
# Where a sentence may start: after a closing mark, spaces and opening marks; the
# end of a match is where `_at_sentence_start` is worth asking.
AFTER_CLOSER = regex.compile(r"[.!?\"'”’)\]]\s+[\"'“‘(\[]*(?=\p{L})")
# Where a start may be raised inside a line: after a bare full stop ("it.” and"
# and "'Stop.' the woman said" go on).
AFTER_FULL_STOP = regex.compile(r"\.\s+[\"'“‘(\[]*(?=\p{L})")
_FINISHED = regex.compile(r"[.!?…][\"'”’)\]]*\s*$")
_GOES_ON = regex.compile(r"[,;:]\s*$")
# A line of fewer words is a label or a design, not a sentence with a slip.
MIN_START_WORDS = 3
# Lowercase starts are the document's style, not slips, when there are at least
# MIN_STYLE_COUNT of them and they are more than MAX_SLIP_SHARE of all starts.
MIN_STYLE_COUNT = 3
MAX_SLIP_SHARE = 0.1
_LONG_WORD = regex.compile(r"\p{L}{4,}")
_OPENERS = "\"'“‘(["
_CLOSERS = ".!?\"'”’)]"
_LOOK_BACK = 40  # characters examined before a word to find a sentence end


@lru_cache(maxsize=1)
def _abbreviation_end() -> regex.Pattern:
    """Text ending with an abbreviation's full stop: no sentence ends there.

    Anchored at the end, so it is searched from the end (`regex.REVERSE`): one
    attempt there instead of one per character of the look-back window.
    """
    lists = shared_lists()
    words = sorted(
        lists["titles"] + lists["abbreviations"] + lists["continuing"],
        key=len,
        reverse=True,
    )
    alternation = "|".join(regex.escape(w) for w in words)
    return regex.compile(
        rf"(?:(?<![\p{{L}}.])(?:{alternation})|\.\s?|…|(?<![\p{{L}}.])(?:\p{{L}}\.)*\p{{L}})"
        rf"\.[\"'”’)\]]*\s+[\"'“‘(\[]*$",
        regex.IGNORECASE | regex.REVERSE,
    )


def at_sentence_start(text: str, end: int) -> bool:
    """Whether a sentence ends just before `text[end]`: a bounded look back, so the
    cost per word does not grow with the line (a 5 MB line stays linear). Most words
    follow a letter or a comma and a space: one character test rules them out."""
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


def after_a_full_stop(text: str, end: int) -> bool:
    """Whether a sentence ends with a bare full stop just before `text[end]`.
    Inside a line, a lowercase word after "?" or "!" is informal writing ("it?
    try again"), and one after a short word the lexicon does not know follows
    an abbreviation the lists lack ("orig. fmt. kept", "2 gal. in",
    "Austin, Tex. on")."""
    if not at_sentence_start(text, end):
        return False
    stop = _FULL_STOP_BEFORE.search(text, max(0, end - _LOOK_BACK), end)
    if stop is None:
        return False
    word = stop.group(1)
    if len(word) > _SHORT_WORD:
        return True
    if word[:1].isupper():
        return len(word) > _SHORT_CAPITALISED  # "Austin, Tex. on July 13th"
    return default_lexicon().is_known(word.lower())


def is_label(text: str, start: int) -> bool:
    """Whether the word at `start` labels an item or abbreviates rather than
    starts a sentence: one letter ("c. Reading rooms", "a) A hinge"), or two
    before a full stop ("ed.", but not a title: "dr. Sharma")."""
    match = _LABEL.match(text, start)
    return match is not None and match.group(1) not in _titles()


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(title.lower() for title in shared_lists()["titles"])


_FULL_STOP_BEFORE = regex.compile(r"(\p{L}*)\.\s+[\"'“‘(\[]*$", regex.REVERSE)
_SHORT_WORD = 5
_SHORT_CAPITALISED = 4
_LABEL = regex.compile(r"\p{L}(?!\p{L})|(\p{L}{2})[.)]")


def may_raise_line_start(blocks: list[Block], i: int) -> bool:
    """Whether a lowercase first word of this prose line may be a slip: the line
    has `MIN_START_WORDS` words or more, does not open with a bracket (an aside),
    and, for a heading or a list item, does not open with a function word ("by
    Jane Doe"); a list item's siblings all start with a capital; a heading's
    other words are in Title Case ("updated 9:15 AM EST" is a dateline)."""
    block = blocks[i]
    text = block.text
    first = LINE_START.match(text).end()
    if not text[first : first + 1].islower():
        return False  # nothing to raise (and a list's siblings are walked only here)
    if len(text.split(maxsplit=MIN_START_WORDS)) < MIN_START_WORDS:
        return False
    if first > 0 and text[first - 1] in "([":
        return False
    if block.kind == PARAGRAPH:
        return True
    word, _, rest = text[first:].partition(" ")
    if word.casefold().strip(".,:;!?\"'”’") in stopwords():
        return False
    if block.kind == LIST_ITEM:
        return _siblings_capitalised(blocks, i)
    return is_title_line(rest)  # "assessing the Geopolitical Landscape: Risks"


def _siblings_capitalised(blocks: list[Block], i: int) -> bool:
    """Whether the other items of this item's list (the run of list items around
    it) start with a capital letter, two of them at least. Asked only for items
    that start lowercase, each walk stops at the nearest other such item: over a
    list, the walks cost twice its length at most."""
    upper = 0
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(blocks) and blocks[j].kind == LIST_ITEM:
            letter = _opening_letter(blocks[j].text)
            if letter.islower():
                return False
            upper += letter.isupper()
            j += step
    return upper >= 2


def is_title_line(text: str) -> bool:
    """Whether most of a line's words of four letters or more are capitalised:
    a heading in Title Case, not the first half of a hard-wrapped sentence."""
    words = _LONG_WORD.findall(text)
    return bool(words) and sum(word[0].isupper() for word in words) * 2 > len(words)


def follows_a_finished_block(blocks: list[Block], i: int) -> bool:
    """Whether the line before ends a sentence, so this line starts one.

    A line without closing punctuation may be the first half of a hard-wrapped
    sentence (even when it looks like a heading), unless it is a Markdown heading,
    or a Title Case line and a blank line, a table or code separate them. A line
    ending in a comma, a semicolon, a colon or an abbreviation goes on in the next
    one, even across a blank line ("(archived copy)," then "by Lindqvist, ...": a
    reference list written as paragraphs; "includes:" then "a free trial ...").
    """
    if i == 0:
        return True
    previous = blocks[i - 1]
    if previous.is_prose and (
        _GOES_ON.search(previous.text)
        or _abbreviation_end().search(previous.text + " ")
    ):
        return False
    if previous.kind == TABLE or previous.text.lstrip().startswith("#"):
        return True
    if not previous.is_prose:  # code: a token on its own line may be mid-sentence
        return previous.sep.count("\n") > 1
    if _FINISHED.search(previous.text):
        return True
    # An unfinished line ends a heading only when it reads as one: set apart by a
    # blank line, in Title Case ("book club" then "meets on Fridays" goes on).
    return previous.sep.count("\n") > 1 and is_title_line(previous.text)


def mostly_capitalised(blocks: list[Block], kind: str) -> bool:
    """Whether the blocks of this kind start with a capital letter by the
    document's style: lowercase starts are slips only where they are few."""
    upper = lower = 0
    for block in blocks:
        if block.kind == kind:
            letter = _opening_letter(block.text)
            upper += letter.isupper()
            lower += letter.islower()
    return upper > 0 and not _style(upper, lower)


def _opening_letter(text: str) -> str:
    """The first character after a line's heading mark, bullet and opening
    quotes or brackets (empty for an empty line)."""
    return text[LINE_START.match(text).end() :][:1]


def _style(upper: int, lower: int) -> bool:
    """Whether `lower` lowercase starts beside `upper` capitalised ones are a
    style rather than slips: a slip is rare."""
    return lower >= MIN_STYLE_COUNT and lower > MAX_SLIP_SHARE * (upper + lower)


def lowercase_by_style(blocks: list[Block]) -> bool:
    """Whether the document's sentences (after a full stop, or opening a
    paragraph that follows a finished one) start lowercase by the author's style
    (or after abbreviations the rules do not know, "12 mo. months"), not by
    slips to repair."""
    upper = lower = 0
    for i, block in enumerate(blocks):
        if not block.is_prose:
            continue
        text = block.text
        starts = [closer.end() for closer in AFTER_CLOSER.finditer(text)]
        starts = [start for start in starts if at_sentence_start(text, start)]
        if block.kind == PARAGRAPH and follows_a_finished_block(blocks, i):
            starts.append(LINE_START.match(text).end())
        for start in starts:
            letter = text[start : start + 1]
            upper += letter.isupper()
            lower += letter.islower()
    return _style(upper, lower)
