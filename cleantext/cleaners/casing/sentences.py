"""Where FixCasing may raise a first letter: the start of a line's text, the
start of a sentence (not after an abbreviation or an ellipsis), and whether a
document's headings or list items are capitalised by style."""

from __future__ import annotations

from functools import lru_cache

import regex

from cleantext.resources.data import shared_lists
from cleantext.text.blocks import PARAGRAPH, Block

LINE_START = regex.compile(
    r"^\s*(?:#{1,6}\s+|(?:[-*+•·▪‣◦–]|\d{1,3}[.)])\s+)?[\"'“‘(\[]*"
)
# A full stop may sit inside closing quotes; "?" or "!" before a closing quote is
# followed by a speech tag ("“Why?” she asked"), not a new sentence.
_SENTENCE_END = regex.compile(r"(?:[.!?]|\.[\"'”’)\]]+)\s+[\"'“‘(\[]*$")
# Where a sentence may start: after a closing mark, spaces and opening marks; the
# end of a match is where `_at_sentence_start` is worth asking.
AFTER_CLOSER = regex.compile(r"[.!?\"'”’)\]]\s+[\"'“‘(\[]*(?=\p{L})")
_FINISHED = regex.compile(r"[.!?:…][\"'”’)\]]*\s*$")
_GOES_ON = regex.compile(r"[,;]\s*$")
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
    words = sorted(lists["titles"] + lists["abbreviations"], key=len, reverse=True)
    alternation = "|".join(regex.escape(w) for w in words)
    return regex.compile(
        rf"(?:(?<![\p{{L}}.])(?:{alternation})|\.\.|…|(?<![\p{{L}}.])(?:\p{{L}}\.)*\p{{L}})"
        rf"\.\s+[\"'“‘(\[]*$",
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


def is_title_line(text: str) -> bool:
    """Whether most of a line's words of four letters or more are capitalised:
    a heading in Title Case, not the first half of a hard-wrapped sentence."""
    words = _LONG_WORD.findall(text)
    return bool(words) and sum(word[0].isupper() for word in words) * 2 > len(words)


def follows_a_finished_block(blocks: list[Block], i: int) -> bool:
    """Whether the line before ends a sentence, so this line starts one.

    A line without closing punctuation may be the first half of a hard-wrapped
    sentence (even when it looks like a heading), unless a blank line, a Markdown
    heading, a table or code separates them. A line ending in a comma or a
    semicolon goes on in the next one, even across a blank line ("(archived copy),"
    then "by Lindqvist, ...": a reference list written as paragraphs).
    """
    if i == 0:
        return True
    previous = blocks[i - 1]
    if previous.is_prose and _GOES_ON.search(previous.text):
        return False
    if not previous.is_prose or previous.sep.count("\n") > 1:
        return True
    if previous.text.lstrip().startswith("#"):
        return True
    return bool(_FINISHED.search(previous.text))


def mostly_capitalised(blocks: list[Block], kind: str) -> bool:
    """Whether the blocks of this kind start with a capital letter by the
    document's style: lowercase starts are slips only where they are few."""
    upper = lower = 0
    for block in blocks:
        if block.kind == kind:
            rest = block.text[LINE_START.match(block.text).end() :]
            if rest[:1].isalpha():
                upper += rest[0].isupper()
                lower += rest[0].islower()
    return upper > 0 and not _style(upper, lower)


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
