"""The stdlib-`re` forms of the code patterns find what their `regex` forms did."""

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.codelike import has_code_marks, looks_like_code

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
]
# Random characters beside the pieces, but only those this Python's Unicode
# database knows: `regex` ships a newer one, so the two differ on letters assigned
# since (U+11B60 is a word character to `regex` only).
_LINES = st.lists(
    st.one_of(
        st.text(st.characters(blacklist_categories=["Cn"]), max_size=3),
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
