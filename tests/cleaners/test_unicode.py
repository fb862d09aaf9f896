import ftfy
import pytest
from ftfy.badness import is_bad
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cleantext import Document, FixUnicode
from cleantext.cleaners.shared.encoding import DEFAULT_REPAIR
from cleantext.cleaners.shared.mojibake_gate import _PAIRED, may_be_mojibake
from cleantext.cleaners.shared.utf16 import _MISALIGNED, utf16_read_as_bytes
from tests.conftest import text_soup


def fix(text: str) -> str:
    return FixUnicode()(Document(text)).text


def test_ascii_text_without_entities_or_controls_skips_ftfy(monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("ftfy called on clean ASCII")

    monkeypatch.setattr(ftfy, "fix_text", boom)
    assert fix("Just plain ASCII.\nTwo lines.") == "Just plain ASCII.\nTwo lines."


def test_only_changed_lines_are_edits_and_rules_are_named():
    doc = Document("fine line\ncafÃ© &amp; bar\nanother fine line", explain=True)
    FixUnicode()(doc)
    assert doc.text == "fine line\ncafé & bar\nanother fine line"
    [edit] = doc.edits
    assert edit.position == len("fine line\n")
    assert "unescape_html" in edit.rule and "fix_encoding" in edit.rule


def test_options_are_passed_to_ftfy():
    assert FixUnicode(uncurl_quotes=True)(Document("“q”")).text == '"q"'
    assert FixUnicode(unescape_html=False)(Document("a &amp; b")).text == "a &amp; b"


def test_output_stays_fixed_after_whitespace_normalisation():
    # Found by hypothesis: ftfy reads U+00A0 as a mojibake byte, so "\xa0À\x80" and
    # " À€" got different verdicts and cleaning twice differed from cleaning once.
    import cleantext

    once = cleantext.clean("\xa0À\x80")
    assert cleantext.clean(once) == once


def test_entities_are_decoded_per_line_so_cleaning_is_stable():
    # Found by hypothesis: with "\u2028" between them, "<" hid "&ap;" from ftfy in
    # the first pass but not in the second, once the separator had become "\n".
    import cleantext

    assert cleantext.clean("<\u2028&ap;") == "<\n≈"
    assert (
        cleantext.clean("<b>&amp;</b>\nFish &amp; chips")
        == "<b>&amp;</b>\nFish & chips"
    )


_unicode_soup = text_soup(
    [
        "Ã©",
        "â€™",
        "Ã\u00a0",
        "&amp;",
        "&#x41;",
        "\x1b[1m",
        "\x85",
        "ﬁ",
        "e\u0301",
        "’",
        "“",
        "—",
        "\u00a0",
        "\ufeff",
        "<",
        "\ud83d",
        "ĳ",
        "Ð¾",
        "\n",
    ],
    text_size=4,
)


@settings(max_examples=400)
@given(_unicode_soup)
def test_the_skip_gate_never_changes_the_result(text):
    """Lines skipped by the gate are exactly the lines ftfy returns unchanged."""
    repair = DEFAULT_REPAIR
    for line in text.splitlines(keepends=True):
        if not repair.needs_ftfy(line):
            assert ftfy.fix_text(line, repair.config) == line


def test_control_characters_ftfy_deletes_do_not_split_lines():
    # Found by hypothesis: "\x0b" split the line, ftfy deleted it, and the next pass
    # saw "Ü¤" as one unit and decoded it as mojibake.
    import cleantext

    once = cleantext.clean("Ü\x0b¤")
    assert cleantext.clean(once) == once


def test_output_stays_fixed_after_spacing_fixes():
    # Found by hypothesis: ftfy reads "Â" + space as a mangled no-break space, so
    # collapsing "  " to " " changed its verdict on the next pass.
    import cleantext

    once = cleantext.clean("ó\x80  Â\x80")
    assert cleantext.clean(once) == once


_GATE_SOUP = st.text(
    alphabet=st.sampled_from(
        sorted({chr(p) for p in _PAIRED} | {" ", "a", "Z", ".", "\t", "é", "’", "中"})
    ),
    max_size=6,
)


@settings(max_examples=2000)
@given(_GATE_SOUP)
def test_the_mojibake_gate_is_true_wherever_ftfy_finds_mojibake(text):
    """`may_be_mojibake` is a superset of ftfy's `is_bad` (gated equals ungated)."""
    if is_bad(text):
        assert may_be_mojibake(text)


def test_the_mojibake_gate_passes_clean_typography():
    for line in ("It’s a “test” — fine", "naïve café, 20 °C", "中文文本", "Ünïcödé"):
        assert not is_bad(line)
    assert not may_be_mojibake("It’s a “test” — fine")
    assert may_be_mojibake("cafÃ© con leche") and is_bad("cafÃ© con leche")


def misread(text: str, encoding: str = "utf-16", reader: str = "latin-1") -> str:
    """`text` written as UTF-16 and read one byte per character."""
    return text.encode(encoding).decode(reader)


@pytest.mark.parametrize("reader", ["latin-1", "sloppy-windows-1252"])
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le"])
def test_utf16_read_as_bytes_is_decoded_again(encoding, reader):
    original = "We’ll meet at the café — “soon”…\n\nBye, Zoë.\n"
    doc = FixUnicode()(Document(misread(original, encoding, reader), explain=True))
    assert doc.text == original
    assert doc.edits[0].rule == "utf16-read-as-bytes"


def test_utf16_that_lost_bytes_to_whitespace_clean_up_is_resynchronised():
    misread_lines = misread("Ellipsis…\nWe’ll go.\nDone.").split("\n")
    stripped = "\n".join(line.strip() for line in misread_lines)  # loses " " bytes
    assert FixUnicode()(Document(stripped)).text == "Ellipsis&\nWe’ll go.\nDone."


@pytest.mark.parametrize(
    "text",
    [
        "a\x00b and then a long line of ordinary prose",  # a stray NUL: deleted
        "ÿþ日本",  # not a byte per character
        "Plain prose, ÿ and þ inside.",
    ],
)
def test_text_that_is_not_utf16_read_as_bytes_is_not_decoded(text):
    assert utf16_read_as_bytes(text) is None
    doc = FixUnicode()(Document(text, explain=True))
    assert all(edit.rule != "utf16-read-as-bytes" for edit in doc.edits)


def test_fix_utf16_can_be_turned_off():
    text = misread("Hi there")
    assert FixUnicode(fix_utf16=False)(Document(text)).text == "ÿþHi there"


@given(st.text(st.characters(blacklist_categories=("Cs",))))
def test_any_text_misread_as_utf16_bytes_comes_back(text):
    """Whole, the bytes decode exactly (unless three characters in a row have a
    low byte of 0, what bytes out of step look like)."""
    assume(not _MISALIGNED.search(text))
    assert utf16_read_as_bytes(misread(text)) == text
    assert utf16_read_as_bytes(misread(text, reader="sloppy-windows-1252")) == text
