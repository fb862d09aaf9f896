"""Invariants of the default pipeline, checked on generated text."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleantext
from cleantext import Document, default_pipeline, split_blocks
from cleantext.cleaners.shared.lexicon import default_lexicon
from tests.conftest import text_soup

# Text biased towards what breaks cleaners: whitespace of every kind, line breaks,
# invisible characters, mojibake fragments, entities, markup and table syntax.
tricky_pieces = [
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n\n",
    "\r\n",
    "\r",
    "\u00a0",
    "\u200b",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\u00ad",
    "\u3000",
    "\x85",
    "\x0c",
    "Ã©",
    "â€™",
    "&amp;",
    "&#8212;",
    "<b>",
    "|",
    "---|---|",
    "```",
    "    ",
    "- ",
    "# ",
    "U.S.",
    "3.5",
    "e\u0301",
    "\x00",
    "\x1b[0m",
    "\ud800",
    "word",
    "Word.",
    "ﬁ",
]
dirty_text = st.one_of(
    st.text(),
    text_soup(tricky_pieces, text_size=5),
)

# Real words (clean prose is spelled correctly, or FixTypos would rightly change
# it): the 3,000 most frequent of the dictionary FixTypos corrects to, in lowercase.
# Sentences have four words or more: a line of one word ("Checkout.") is the kind
# of scraper residue DropBoilerplate exists to remove, not prose.
word = st.sampled_from(default_lexicon().most_common(3000))
sentence = st.lists(word, min_size=4, max_size=12).map(
    lambda ws: " ".join([ws[0].capitalize(), *ws[1:]]) + "."
)
paragraph = st.lists(sentence, min_size=1, max_size=5).map(" ".join)
# Paragraphs are distinct: a paragraph repeated word for word is the scraper
# duplication DropDuplicates exists to remove, not clean prose.
clean_prose = st.tuples(
    st.lists(paragraph, min_size=1, max_size=5, unique_by=str.casefold),
    st.sampled_from(["\n", "\n\n"]),
    st.sampled_from(["", "\n"]),
).map(lambda t: t[1].join(t[0]) + t[2])


@settings(max_examples=300)
@given(dirty_text)
def test_cleaning_never_raises_and_is_idempotent(text):
    once = cleantext.clean(text)
    assert isinstance(once, str)
    assert cleantext.clean(once) == once


@settings(max_examples=200)
@given(dirty_text)
def test_explaining_does_not_change_the_result(text):
    quiet = default_pipeline()(Document(text))
    loud = default_pipeline(explain=True)(Document(text))
    assert quiet.text == loud.text
    assert quiet.rule_counts == loud.rule_counts


@settings(max_examples=300)
@given(clean_prose)
def test_clean_prose_passes_through_unchanged(text):
    assert cleantext.clean(text) == text


# Dirty text that the inline fixers have work on: spacing, typos, casing, tables.
fixable_pieces = st.sampled_from(
    ["word", "shoudl", "wiht", "the", "trump", "Trump", " ,", ",the", ".Next", "i",
     "U.S.can", "|", "\t", "---", "===", "```", "    ", "- ", "# ", "1. ", ". ", "\n",
     "\n\n", "  ", "\u00a0", "Ã©"]
)  # fmt: skip


@settings(max_examples=300)
@given(
    st.one_of(
        dirty_text,
        st.lists(st.one_of(fixable_pieces, st.just(" ")), max_size=60).map("".join),
    )
)
def test_the_shared_block_split_is_always_the_fresh_one(text):
    """Cleaners share `Document.blocks()`; after each one it equals a new split."""
    doc = Document(text)
    for cleaner in default_pipeline().cleaners:
        doc = cleaner(doc)
        assert doc.blocks() == split_blocks(doc.text)


# Web-like documents (slow-marked, a larger run): what scraped pages are made of,
# in any order: headlines, prose, junk lines the rules know, list items, table
# rows, code, URLs, numbers, names, other scripts, typos and spacing slips.
JUNK_LINES = [
    case["input"].split("\n")[1]
    for case in json.loads(
        (Path(__file__).parent / "cleaners/cases/boilerplate.json").read_text("utf-8")
    )["fixes"]
    if case["label"].startswith("junk-")
]
web_line = st.one_of(
    sentence,
    paragraph,
    st.sampled_from(JUNK_LINES),
    st.lists(word, min_size=2, max_size=6).map(lambda ws: " ".join(ws).title()),
    st.lists(word, min_size=1, max_size=5).map(lambda ws: "- " + " ".join(ws)),
    st.lists(word, min_size=2, max_size=4).map(lambda ws: "| " + " | ".join(ws) + " |"),
    st.sampled_from(
        [
            "```\nprint(x)  # shoudl stay\n```",
            "See https://example.com/a,b?c=1 and e-mail me@example.org now.",
            "Prices rose 3.5% to $1,250 on 09:45 Tuesday, the U.S.can say.",
            "Zelenskyy met Witkoff in Kyiv ,and they talked wiht aides.",
            "Привет, мир. Это строка текста на русском языке.",
            "这是一个中文句子，用来测试。",
            "Ã©tÃ© â€™quotedâ€™ text",
            "\u00a0\u200b   \t",
            "",
        ]
    ),
)
web_document = st.lists(web_line, min_size=1, max_size=25).map("\n".join)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(web_document)
def test_web_like_documents_never_raise_and_clean_once(text):
    once = cleantext.clean(text)
    assert cleantext.clean(once) == once


def test_cleaning_twice_on_mostly_unknown_words():
    # Issue 34's gap: FixCasing capitalised the unknown "aout" as a sentence
    # start, and a second pass corrected "Aout" to "About". A start that the
    # lexicon does not know now keeps its case (issue 29).
    once = cleantext.clean("aout A baility baility baility. ", language="en")
    assert cleantext.clean(once, language="en") == once
