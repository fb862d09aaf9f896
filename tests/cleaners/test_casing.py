import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleantext import Document, FixCasing
from cleantext.cleaners.casing import names
from cleantext.cleaners.casing.sentences import _abbreviation_end
from tests.conftest import text_soup

CONTEXT = (
    "Donald Trump met Vladimir Putin. Later, Trump said Putin was tough. "
    "Analysts in Istanbul and Trump aides agreed. Dr. Anya Sharma spoke with Sharma's "
    "team in Istanbul about the United States and its allies. Russia objected, and "
    "Russia left, as Russia had warned.\n"
)


def case(text: str) -> Document:
    return FixCasing()(Document(text, explain=True))


def test_heading_and_list_starts_follow_the_document_style():
    text = (
        "Risks and Opportunities\nassessing the Landscape\nWhat Comes Next\n"
        "- Military Posturing: troops.\n- economic Measures: consider sanctions.\n"
        "- Energy: supply.\n"
    )
    doc = case(text)
    assert "Assessing the Landscape" in doc.text
    assert "- Economic Measures: consider" in doc.text
    assert {e.rule for e in doc.edits} == {"heading-start", "list-item-start"}


def test_never_lowercases():
    text = "NASA and the USA. HELLO World. McDonald's iOS macOS.\n"
    assert case(text).text == text


def test_no_capital_that_reads_as_mojibake():
    # Found by hypothesis: "à°;" -> "À°;", which ftfy then decoded to "ˡ;".
    import cleantext

    once = cleantext.clean("à°;")
    assert cleantext.clean(once) == once


def test_paragraph_start_is_no_vote_for_a_proper_noun():
    # Found by hypothesis: the first word of each paragraph and the word after an
    # initial-like "a." counted as mid-sentence capitals, so "ability" became a name.
    text = "Ability a a a. Ability a a ability.\n"
    assert case(text).text == text


def test_proper_noun_with_a_letter_that_case_folds_apart():
    # "ß" folds to "ss": votes are counted over every spelling, not looked up.
    text = (
        "We drove to Meißen on Monday. In Meißen the porcelain is old. "
        "The road to meißen was long and the day was warm in the town.\n"
    )
    assert case(text).text == text.replace("to meißen", "to Meißen")


def test_casefold_shortcut_agrees_with_the_character_class():
    # `_has_casefold_changers` trusts that no such letter folds to a prefix of its
    # lowercase or the reverse; a new Unicode version could break that.
    from cleantext.cleaners.casing.names import (
        _casefold_changers,
        _has_casefold_changers,
    )

    changers = _casefold_changers()
    for code in range(0x20000):
        char = chr(code)
        folded, lowered = char.casefold(), char.lower()
        assert folded == lowered or not (
            folded.startswith(lowered) or lowered.startswith(folded)
        ), f"U+{code:04X}"
        for text in (char, f"ΑΣ {char}", f"a{char}s"):
            assert _has_casefold_changers(text) == bool(changers.search(text))


_FORWARD_ABBREVIATION_END = regex.compile(
    _abbreviation_end().pattern, _abbreviation_end().flags & ~regex.REVERSE
)


@settings(max_examples=1000)
@given(
    text_soup(
        [
            ".",
            " ",
            "  ",
            "e.g",
            "Dr",
            "dr",
            "U.S",
            "a",
            "No",
            "..",
            "…",
            "\n",
            "“",
            "(",
            "x.",
            "’",
            "Mr",
            "etc",
            "vs",
        ],
        text_size=2,
        max_pieces=12,
    ),
    st.integers(0, 40),
    st.integers(0, 40),
)
def test_abbreviation_end_searched_from_the_end_finds_what_a_forward_search_does(
    text, start, end
):
    assert bool(_abbreviation_end().search(text, start, end)) == bool(
        _FORWARD_ABBREVIATION_END.search(text, start, end)
    )


_NAME_PIECES = [
    *(" ", ". ", ", ", "\n", "\n\n", "'s", "’s", "- "),
    *(" Trump ", " trump ", " trump’s ", " Donald ", " donald ", " Straße ", " a "),
    *(" United States ", " united ", " states ", " Grimsholm ", " grimsholm "),
    *(" we read of the plan in the paper.", "\n\nThen"),
]


@settings(max_examples=300, deadline=None)
@given(text_soup(_NAME_PIECES, text_size=1, max_pieces=30))
@example("We saw a Trump and a Trump and a plan.\n\nThen we read of trump’s plan.")
def test_the_both_cases_gate_never_changes_the_votes(text):
    """Paragraphs without a word written both capitalised and lowercase are
    skipped: the votes must equal those of reading every paragraph."""
    from unittest import mock

    import cleantext.cleaners.casing.names as names
    from cleantext.rulesets import MAX_SUBSTRING_TESTS

    blocks = Document(text).blocks()
    gated = names.proper_nouns(blocks)
    everything = {f"\0{i}" for i in range(MAX_SUBSTRING_TESTS + 1)}  # opens the gate
    with mock.patch.object(names, "_written_in_both_cases", lambda _: everything):
        assert names.proper_nouns(blocks) == gated


_NAME_PIECES = [
    *(" Trump", " trump", "Trump’s ", " trump's", " Donald Trump", " donald trump"),
    *(". ", "\n\n", "\n", " the", " Anya", " anya", " O'Brien", " d'Artagnan", "é"),
]


@settings(max_examples=300, deadline=None)
@given(text_soup(_NAME_PIECES, text_size=1, max_pieces=60))
@example("We met Donald Trump there. Then Donald Trump left, and donald trump came.")
@example("Ask Anya Smith now. Then Anya Smith said so. Later anya smith wrote.")
def test_kept_matches_vote_as_a_fresh_scan_does(text: str) -> None:
    """The vote reads a paragraph's words from the list kept from counting them,
    or scans again past its memory budget: the same names either way."""
    blocks = Document(text).blocks()
    kept = names.proper_nouns(blocks)
    budget, names._KEPT_MATCH_CHARS = names._KEPT_MATCH_CHARS, 0
    try:
        assert names.proper_nouns(blocks) == kept
    finally:
        names._KEPT_MATCH_CHARS = budget
