import pytest

from cleantext import ConfigError, Document, DropDuplicates

TITLE = "Will the upcoming Trump-Putin meeting mark a thaw in US-Russia relations?"
LONG = "A paragraph scraped twice. " * 10


def dedupe(text: str, **options) -> Document:
    return DropDuplicates(**options)(Document(text, explain=True))


def test_repeated_headline_is_kept_once():
    doc = dedupe(f"{TITLE}\n\n{TITLE}\n\nBody text follows here.\n")
    assert doc.text == f"{TITLE}\n\nBody text follows here.\n"
    assert [e.rule for e in doc.edits] == ["repeated-line"]


def test_comparison_ignores_case_spacing_and_closing_punctuation():
    doc = dedupe("Breaking News\nbreaking  news:\nBody.\n")
    assert doc.text == "Breaking News\nBody.\n"


def test_repeated_paragraph_anywhere():
    doc = dedupe(f"{LONG}\nSomething else entirely.\n{LONG}\n")
    assert doc.text == f"{LONG}\nSomething else entirely.\n"
    assert [e.rule for e in doc.edits] == ["repeated-paragraph"]


@pytest.mark.parametrize(
    "text",
    [
        "Yes.\nYes.\n",  # repeated sentences in a dialogue
        "Chorus line\nverse one is long enough to count.\nverse two.\nverse three.\n"
        "verse four.\nChorus line\n",  # far apart: more than `window` blocks
        "- Salt\n- Salt\n",  # list items
        "```\nprint(1)\nprint(1)\n```\n",  # code
        "a | b\n--- | ---\nx | y\nx | y\n",  # table rows
        "Price\n$5\nPrice\n$7\n",  # lone words: a table written as lines
        "Honoree\nGensler\nHonoree\n",
    ],
)
def test_never_dropped(text):
    assert dedupe(text).text == text


def test_distance_counts_kept_blocks_so_a_second_pass_finds_nothing():
    text = "Big Title\nBig Title\nOne.\nTwo.\nBig Title\n"
    once = dedupe(text).text
    assert once == "Big Title\nOne.\nTwo.\n"
    assert dedupe(once).text == once


def test_options():
    assert dedupe("Title\nA.\nB.\nTitle\n", window=1).text == "Title\nA.\nB.\nTitle\n"
    with pytest.raises(ConfigError):
        DropDuplicates(window=-1)
