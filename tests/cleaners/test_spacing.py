from hypothesis import given, settings
from hypothesis import strategies as st

import cleantext
from cleantext import Document, FixSpacing
from cleantext.cleaners.spacing import SPACING_RULES
from cleantext.rulesets import RuleSet, builtin_rules
from tests.conftest import text_soup


def fix(text: str) -> str:
    return FixSpacing()(Document(text)).text


def test_code_blocks_and_tables_are_not_touched():
    text = (
        "Intro.\n\n```\nx=a,b.Then\n```\n\n| a,b | c.D |\n| --- | --- |\n| e,f | g |\n"
    )
    assert fix(text) == text


def test_edits_are_named():
    doc = FixSpacing()(Document("a,b and cat.Dog", explain=True))
    assert [e.rule for e in doc.edits] == ["space-after-comma", "space-after-sentence"]
    assert [e.action for e in doc.edits] == ["replace", "insert"]


_protected = st.one_of(
    st.from_regex(r"https://[a-z]{1,8}\.com/[a-z,.;:]{0,12}", fullmatch=True),
    st.from_regex(r"[a-z]{1,6}\.[A-Za-z]{1,6}@[a-z]{1,6}\.org", fullmatch=True),
    st.from_regex(r"\d{1,3}(,\d{3}){0,2}(\.\d{1,3})?", fullmatch=True),
    st.from_regex(r"\d{1,2}:\d{2}", fullmatch=True),
)
_filler = st.sampled_from([" ", ", ", ",", " .", ".", "  ", " and ", ";", ":", "Then "])


@settings(max_examples=300, deadline=None)  # the first example loads the lexicon
@given(st.lists(st.tuples(_filler, _protected), min_size=1, max_size=6))
def test_no_character_inside_a_url_email_or_number_changes(parts):
    # Tokens stand in running text, with whitespace before them: glued together
    # ("a@b.org.https://c.com") their boundary is ambiguous even to a reader.
    text = "".join(filler + " " + token for filler, token in parts)
    for clean in (fix, cleantext.clean):  # FixSpacing, then the whole default pipeline
        out = clean(text)
        for _, token in parts:
            assert token in out
        assert clean(out) == out


_ungated = RuleSet(builtin_rules("protected") + builtin_rules("spacing"))


@settings(max_examples=1000)
@given(
    text_soup(
        [
            ".",
            ",",
            ";",
            ":",
            "!",
            "?",
            " ",
            "  ",
            "\t",
            "A",
            "a",
            "Dr",
            "U.S",
            "e.g",
            "“",
            "(",
            "[2]",
            "3.5",
            "x@y.com",
            "http://a.b",
            "`",
            "/",
        ]
    )
)
def test_the_gate_never_changes_the_result(text):
    """Lines the gate skips are exactly lines the rules would leave unchanged, and
    scanning only near the gate's matches (`local = true`) finds every edit that a
    scan of the whole line finds."""
    assert SPACING_RULES.substitute(text) == _ungated.substitute(text)
    local, full = Document(text, explain=True), Document(text, explain=True)
    assert SPACING_RULES.apply(text, local, "FixSpacing") == _ungated.apply(
        text, full, "FixSpacing"
    )
    assert local.edits == full.edits
