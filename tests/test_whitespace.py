import pytest
from hypothesis import given, settings

from cleantext import Document, NormalizeWhitespace
from cleantext.cleaners.whitespace import _CHARACTER_RULES
from cleantext.errors import ConfigError
from cleantext.rulesets import RuleSet, builtin_rules
from tests.conftest import text_soup


def norm(text: str, **options) -> str:
    return NormalizeWhitespace(**options)(Document(text)).text


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("a\r\nb\rc\u2028d\x85e", "a\nb\nc\nd\ne"),
        ("a\u2029b", "a\n\nb"),
        ("no\u00a0break and\u202fnarrow", "no break and narrow"),
        ("em\u2003space thin\u2009space", "em space thin space"),
        ("zero\u200bwidth\u2060joiner\ufeff", "zerowidthjoiner"),
        ("\ufeffBOM at start", "BOM at start"),
        ("soft\u00adhyphen", "softhyphen"),
        ("trailing   \nspaces \u00a0\n", "trailing\nspaces\n"),
        ("\n\n  \nstarts late", "starts late"),
        ("a\n\n\n\n\nb", "a\n\nb"),
        ("a\n \t \n\nb", "a\n\nb"),
        ("ends\n\n\n", "ends\n"),
        ("ends with spaces   ", "ends with spaces"),
    ],
)
def test_normalises(dirty, clean):
    assert norm(dirty) == clean


@pytest.mark.parametrize(
    "text",
    [
        "Clean paragraph.\n\nAnother one.\n",
        "No final newline.",
        "    indented code line\n\tand a tab-indented one\n",
        "name\tage\t\nAda\t36\t\n",  # trailing tab = empty last TSV cell
        "```\nfirst()\n\n\n\nlast()\n```\n",  # blank lines inside fenced code stay
        "Persian ZWNJ: می\u200cخواهم, emoji ZWJ: 👩\u200d💻",
        "CJK\u3000ideographic space stays",
        "double  spaces are FixSpacing's business",
    ],
)
def test_leaves_alone(text):
    assert norm(text) == text


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
