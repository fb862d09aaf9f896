"""Where FixCasing may raise a first letter: the start of a line's text, the
start of a sentence (not after an abbreviation or an ellipsis), and whether a
document's headings or list items are capitalised by style."""

from __future__ import annotations

from functools import lru_cache

import regex

from cleantext.resources.data import shared_lists
from cleantext.text.blocks import Block

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


def at_sentence_start(text: str, match: regex.Match) -> bool:
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


def follows_a_finished_block(blocks: list[Block], i: int) -> bool:
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


def mostly_capitalised(blocks: list[Block], kind: str) -> bool:
    """Whether most blocks of this kind start with a capital letter."""
    firsts = []
    for block in blocks:
        if block.kind == kind:
            rest = block.text[LINE_START.match(block.text).end() :]
            if rest[:1].isalpha():
                firsts.append(rest[0].isupper())
    return bool(firsts) and sum(firsts) > len(firsts) / 2
