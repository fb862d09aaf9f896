import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext import Document, NormalizeWhitespace
from cleantext.cleaners.whitespace import _CHARACTER_RULES
from cleantext.errors import ConfigError
from cleantext.rulesets import RuleSet, builtin_rules
from cleantext.text.blocks import split_blocks
from tests.conftest import text_soup


def norm(text: str, **options) -> str:
    return NormalizeWhitespace(**options)(Document(text)).text


def test_max_blank_lines_option():
    assert norm("a\n\n\n\nb", max_blank_lines=0) == "a\nb"
    assert norm("a\n\n\n\nb", max_blank_lines=2) == "a\n\n\nb"
    with pytest.raises(ConfigError):
        NormalizeWhitespace(max_blank_lines=-1)


def test_every_change_is_an_edit_with_a_rule():
    doc = Document("\n\na\u00a0b  \r\n\r\n\r\n\r\nc\n\n", explain=True)
    NormalizeWhitespace()(doc)
    assert doc.text == "a b\n\nc\n"
    rules = [edit.rule for edit in doc.edits]
    assert set(rules) == {
        "non-breaking-space",
        "trailing-space",
        "line-ending",
        "leading-blank-lines",
        "blank-lines",
        "trailing-blank-lines",
    }
    assert doc.edit_counts["NormalizeWhitespace"] == len(doc.edits)


_ungated = RuleSet(builtin_rules("whitespace"))
_SPACES_AND_BREAKS = [chr(c) for c in range(0x3001) if chr(c).isspace()] + [
    "\u200b",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\u200c",
    "\t",
    "a",
    "\r\n",
]


@settings(max_examples=1000)
@given(text_soup(_SPACES_AND_BREAKS))
def test_the_gate_never_changes_the_result(text):
    """Text the whitespace gate lets pass is text the rules leave unchanged."""
    gated, ungated = Document(text, explain=True), Document(text, explain=True)
    assert _CHARACTER_RULES.apply(text, gated, "w") == _ungated.apply(
        text, ungated, "w"
    )
    assert gated.edits == ungated.edits


_BLOCK_SHAPES = [
    "\n",
    "\n\n\n",
    "\n   \n",
    "    code()\n",
    "```\n",
    "# Heading\n",
    "- item\n",
    "| a | b |\n",
    "|---|---|\n",
    "Title\n===\n",
    "key: value\n",
    "A sentence of prose that goes on for more than eight words here.\n",
]


@settings(max_examples=500, deadline=None)
@given(text_soup(_BLOCK_SHAPES, text_size=6), st.integers(min_value=1, max_value=3))
def test_the_split_it_hands_on_is_the_split_of_its_text(text, blank_lines):
    """NormalizeWhitespace hands its blocks to the next cleaner as the split of
    its output: shrinking runs of blank lines must not change any block's kind."""
    doc = NormalizeWhitespace(max_blank_lines=blank_lines)(Document(text))
    assert doc.blocks() == split_blocks(doc.text)
