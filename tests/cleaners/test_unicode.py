import ftfy
from ftfy.badness import is_bad
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext import Document, FixUnicode
from cleantext.cleaners.encoding import DEFAULT_REPAIR
from cleantext.cleaners.mojibake_gate import _PAIRED, may_be_mojibake
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
