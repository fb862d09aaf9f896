"""The stdlib-`re` forms of the code patterns find what their `regex` forms did."""

import re

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.text.codelike import has_code_marks, looks_like_code

# The one `regex` pattern that the split, stdlib-`re` form replaced: its specification.
_CODE_SIGNAL = regex.compile(
    r"[;{}]\s*$|^\s*[{}]|==|!=|<=|>=|->|=>|::|&&|\|\||\+=|\w\(\)|\w\([^)]*\)\s*[:;{]?\s*$"
    r"|^\s*(?:def|class|return|import|from\s+\S+\s+import|function|var|let|const"
    r"|public|private|static|void|int|#include|#define|if\s*\(|for\s*\(|while\s*\()\b"
    r"|^\s*(?:\$|>>>|\.\.\.|%|#)\s|^\s*</?[A-Za-z][\w-]*[\s>/]|^\s*\w+\s*=\s*\S"
)
_CODE_MARKS = regex.compile(
    r"\$\w|[{}<>`]|\w_\w|::|;\s*$|(?:^|\s)--[a-z]|^\s*\"[\w-]+\"\s*:|[a-z]{2}\((?!s\))"
)
_CODE_PIECES = [
    *"ab_Z09 \t;{}=!<>-:&|+()$%#./[]\"'é\u00a0\u2028",
    *("def ", "if (", ">>> ", "import ", "\n", "x = 1", "f(a);", "<div>", "--v"),
    *("ab(", "(s)", '"key":', "a_b", "ß", "٣", "_"),
    # around the branches that look back from their first character
    *("--", "-", "x--a", "\x1c--a", "ab()", "é(", "_x", "s)", "\t--", " :"),
]
# Random characters beside the pieces, where the two engines agree on what a word
# character is: `regex` ships a newer Unicode database (U+11B60 is a letter to it
# only) and counts combining marks and connector punctuation as word characters,
# the stdlib superscript digits. On those the code patterns follow the stdlib.
_WORD = (regex.compile(r"\w"), re.compile(r"\w"))
_CHARACTER = st.characters(blacklist_categories=["Cn"]).filter(
    lambda ch: bool(_WORD[0].match(ch)) == bool(_WORD[1].match(ch))
)
_LINES = st.lists(
    st.one_of(
        st.text(_CHARACTER, max_size=3),
        st.sampled_from(_CODE_PIECES),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=1000)
@given(_LINES)
def test_looks_like_code_equals_its_one_pattern_form(line):
    assert looks_like_code(line) == (_CODE_SIGNAL.search(line) is not None)


@settings(max_examples=1000)
@given(_LINES)
def test_has_code_marks_equals_its_regex_form(line):
    assert has_code_marks(line) == (_CODE_MARKS.search(line) is not None)
