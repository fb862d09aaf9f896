import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.text.blocks import (
    CODE,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    TABLE,
    comparison_key,
    join_blocks,
    line_core,
    looks_like_code,
    pipe_cells,
    split_blocks,
)
from tests.conftest import text_soup


def kinds(text):
    return [b.kind for b in split_blocks(text)]


def test_one_line_per_paragraph_and_separators_kept():
    text = "First sentence here.\nSecond one.\n\n\nThird one.\n"
    blocks = split_blocks(text)
    assert [b.text for b in blocks] == [
        "First sentence here.",
        "Second one.",
        "Third one.",
    ]
    assert [b.sep for b in blocks] == ["\n", "\n\n\n", "\n"]


def test_kinds():
    text = (
        "# Title\n"
        "A sentence that ends with a full stop.\n"
        "- an item\n"
        "2) another item\n"
        "  • Al Jazeera\n"
        "Short Heading Line\n"
    )
    assert kinds(text) == [HEADING, PARAGRAPH, LIST_ITEM, LIST_ITEM, LIST_ITEM, HEADING]


def test_seed_style_table_without_leading_pipes_is_one_block():
    text = "Intro.\nStrategy | Description |\n---|---|\nA | b. |\nC | d. |\nNext.\n"
    blocks = split_blocks(text)
    assert [b.kind for b in blocks] == [PARAGRAPH, TABLE, PARAGRAPH]
    assert blocks[1].text.count("\n") == 3


def test_pipe_rows_of_equal_width_without_separator_are_a_table():
    assert kinds("a | b | c\nd | e | f\n") == [TABLE]


def test_single_pipe_lines_and_ragged_rows_are_not_tables():
    assert kinds("Privacy | Terms\n") == [HEADING]
    assert TABLE not in kinds("grep x | tail\nPrivacy | Terms | Cookies\n")


def test_tab_separated_rows_are_a_table():
    assert kinds("name\tage\nAda\t36\n") == [TABLE]


def test_fenced_code_keeps_blank_lines_inside():
    text = "Intro.\n```python\ndef f():\n\n\n    return 1\n```\nAfter.\n"
    blocks = split_blocks(text)
    assert [b.kind for b in blocks] == [PARAGRAPH, CODE, PARAGRAPH]
    assert "\n\n\n" in blocks[1].text


def test_unclosed_fence_runs_to_the_end():
    assert kinds("Intro.\n```\ncode\n\nmore code\n") == [PARAGRAPH, CODE]


def test_indented_code_after_a_blank_line():
    assert kinds("Run this:\n\n    pip install x\n    cleantext clean\n") == [
        HEADING,
        CODE,
    ]


def test_indented_line_directly_after_prose_is_not_code():
    assert CODE not in kinds("A sentence.\n    continued here.\n")


def test_setext_heading():
    assert kinds("Title\n=====\nBody text.\n") == [HEADING, PARAGRAPH]


def test_pipe_cells_strip_outer_pipes_and_respect_escapes():
    assert pipe_cells("| a | b \\| c |") == [" a ", " b \\| c "]
    assert pipe_cells("Strategy | Description |") == ["Strategy ", " Description "]


@given(st.text())
def test_round_trip_any_text(text):
    assert join_blocks(split_blocks(text)) == text


@given(st.lists(st.sampled_from(["a", "|", "\t", "\n", "\r", " ", "```", "    ", "#"])))
def test_round_trip_structural_soup(parts):
    text = "".join(parts)
    assert join_blocks(split_blocks(text)) == text


def test_round_trip_on_seeds(seed_texts):
    for text in seed_texts:
        assert join_blocks(split_blocks(text)) == text


@given(text_soup(["a", "|", "\t", "\n", "\n\n", " ", "```", "    ", "# ", "- "]))
def test_lines_split_the_same_with_crlf_endings(text):
    """Text without CR is split at str.split speed; CRLF takes the general path.
    Both must give the same blocks, terminators aside."""
    text = text.replace("\r", "")

    def lf(blocks):
        return [
            (b.kind, b.text.replace("\r\n", "\n"), b.sep.replace("\r\n", "\n"))
            for b in blocks
        ]

    assert lf(split_blocks(text.replace("\n", "\r\n"))) == lf(split_blocks(text))


SCRAPED_LAYOUT = """            Sections
              Log In

              Republicans Are Following Trump to Nowhere

              Americans have gone to the polls four times this month to vote.

              Trump asked voters in Louisiana for a big win, and did not get it.

                * Home
                * Politics
"""


def test_indentation_of_a_plain_text_scrape_is_layout_not_code():
    blocks = split_blocks(SCRAPED_LAYOUT)
    assert CODE not in {b.kind for b in blocks}
    assert [b.kind for b in blocks if "Americans" in b.text] == [PARAGRAPH]
    assert join_blocks(blocks) == SCRAPED_LAYOUT


def test_indented_code_stays_code_in_markdown_and_in_code_heavy_text():
    markdown = "Install it:\n\n    pip install cleantext\n    cleantext --version\n"
    assert split_blocks(markdown)[-1].kind == CODE
    program = "Example:\n\n    def f(x):\n        return x + 1\n\n    y = f(2)\n"
    assert [b.kind for b in split_blocks(program)][1:] == [CODE, CODE]


def test_what_only_code_looks_like():
    for line in ("x = 1", "if (a) {", "$ ls -l", "def f(x):", "<div class=a>", "}"):
        assert looks_like_code(line), line
    for line in ("The council met on Tuesday.", "Home", "Log In", "Q: why? A: because"):
        assert not looks_like_code(line), line


def test_a_nested_markdown_list_is_a_list_not_code():
    text = "Menu\n\n    * Home\n    * News\n\nProse follows here.\n"
    assert kinds(text) == [HEADING, LIST_ITEM, LIST_ITEM, PARAGRAPH]
    yaml = "Config:\n\n    - name: build\n      run: make\n"
    assert kinds(yaml)[-1] == CODE


CONFIGURATION_RUNS = {
    "yaml": "ratelimit:\nqueries: 5000\nwindow: 60",
    "yaml-nested": "handlers:\n  console:\n    class: logging.StreamHandler",
    "logrotate": "/var/log/app/*.log {\nrotate 14\ndaily\ndelaycompress\n}",
    "ini": "[server]\nport = 8080\nhost = localhost",
    "nginx": "server {\nlisten 80;\nserver_name example.com;\n}",
    "shell": "$ pip install cleantext\n$ cleantext clean file.txt",
}


def test_configuration_pasted_without_fences_is_one_code_block():
    for name, run in CONFIGURATION_RUNS.items():
        text = f"Put this in the file:\n{run}\nThen restart it.\n"
        blocks = split_blocks(text)
        assert [b.kind for b in blocks] == [HEADING, CODE, PARAGRAPH], name
        assert blocks[1].text == run, name
        assert join_blocks(blocks) == text


def test_short_lines_without_code_evidence_stay_prose():
    for text in (
        "home\nnews\nsport\nabout us\n",  # a lowercase menu
        "views: 5000\nlikes: 12\n",  # counters, which DropBoilerplate should see
        "share:\nfacebook\ntwitter\n",
        "author: jane doe\ndate: 2020-01-01\n",
        "Name: John\nAge: 42\n",
        "salt\npepper\nolive oil\n",
        "see example.com\nor example.org\n",  # domains are not identifiers
        "https://example.com/a\nhttps://example.org/b\n",
        '<a href="/x">\n<div class="y">\n',  # markup a scraper left is not config
        "ratelimit: 5000\n",  # one line alone
    ):
        assert CODE not in kinds(text), text
    # A Markdown heading or list item ends a run; prose ending with ";" is no code.
    assert kinds("# Setup\nhandlers:\nconsole:\n") == [HEADING, CODE]
    assert CODE not in kinds("We went to the market on Monday;\nabout\n")


_KEY_PIECES = [*"a B:.!?…[] \t\n\u00a0\u2028é", "[2]", "[edit]", "- ", "# ", "  "]


@settings(max_examples=1000, deadline=None)
@given(text_soup(_KEY_PIECES, max_pieces=20))
def test_comparison_key_equals_its_forward_form(text: str) -> None:
    """The key's closing punctuation is searched from the end, and bracketed marks
    only where a bracket is: the same key as the forward patterns give."""
    core = regex.sub(r"\s?\[[^\[\]]{0,30}\]", "", line_core(text))
    forward = " ".join(regex.sub(r"[\s:.!?…]+$", "", core).casefold().split())
    assert comparison_key(text) == forward
