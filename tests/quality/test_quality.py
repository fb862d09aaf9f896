"""Quality signals, preset decisions and the word counts behind them."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext import ConfigError, Document, default_pipeline
from cleantext.quality import QualityFilter, compute_signals, preset_names, score
from cleantext.quality.tokens import count_sentences, split_words

ARTICLE = (
    "The council met on Tuesday to discuss the plan for the town centre. "
    "Residents said that the noise had become worse with the new road, and they "
    "asked the council to act before the summer. The chairman agreed to review the "
    "scheme and to report back to the meeting in the autumn, when the results of "
    "the survey will be known to all of the members of the committee.\n"
)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Don't stop", ["Do", "n't", "stop"]),
        ("it's U.S. policy", ["it", "'s", "U.S.", "policy"]),
        ("a well-known e-mail", ["a", "well", "-", "known", "e", "-", "mail"]),
        ("see https://x.com/a?b=1 now", ["see", "https://x.com/a?b=1", "now"]),
        ("3.5% (yes) ... wow!!", ["3.5", "%", "(", "yes", ")", "...", "wow", "!", "!"]),
        ("a 90-day pause", ["a", "90", "-", "day", "pause"]),
        ("we cannot, gonna", ["we", "can", "not", ",", "gon", "na"]),
        ("Dr.Anya said f():", ["Dr.", "Anya", "said", "f", "(", "):"]),
        ("$5 and 10km", ["$", "5", "and", "10", "km"]),
        ("", []),
    ],
)
def test_words_split_as_spacy_english_does(text, tokens):
    assert split_words(text) == tokens


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("One. Two! Three?", 3),
        ("The U.S. economy grew 3.5 percent.", 1),
        ('He said "stop." Then left.', 2),
        ("a ... b … c", 1),
        ("", 0),
    ],
)
def test_sentences_counted_as_the_sentencizer_does(text, sentences):
    assert count_sentences(text) == sentences


def test_signals_of_a_small_article():
    signals = compute_signals(ARTICLE)
    assert signals["word_count"] == 69  # as datatrove counts, punctuation aside
    assert signals["gopher_stop_words_present"] == 7  # all but "have"
    assert signals["line_count"] == 1
    assert signals["duplicate_line_fraction"] == 0
    assert signals["c4_sentence_count"] == 3
    assert signals["junk_fraction"] == 0 and signals["typo_rate"] == 0


def test_repetition_signals_see_repeats():
    text = "Buy cheap pills now.\n" * 5 + ARTICLE
    signals = compute_signals(text)
    assert signals["duplicate_line_fraction"] == pytest.approx(4 / 7)
    assert signals["duplicate_line_char_fraction"] == pytest.approx(
        4 * len("Buy cheap pills now.") / len(text)
    )


def test_cleaning_signals_come_from_the_cleaners():
    doc = default_pipeline()(
        Document(
            "Home\n\n" + ARTICLE + "\nWe shoudl go.\n\nRelated Articles\n\n"
            "Another story entirely about something else, with many words in it.\n"
        )
    )
    signals = compute_signals(doc)
    assert 0 < signals["junk_fraction"] < 0.5
    assert signals["typo_rate"] == pytest.approx(1000 / signals["word_count"])


def test_presets_decide_with_named_reasons():
    short = QualityFilter.preset("gopher-quality").decide(compute_signals("Hi there."))
    assert not short.keep
    assert short.reasons[0] == "gopher_short_doc"
    assert short.to_json() == {"keep": False, "reasons": list(short.reasons)}
    kept = QualityFilter.preset("gopher-quality").decide(compute_signals(ARTICLE * 2))
    assert kept.keep and kept.reasons == ()


@pytest.mark.parametrize(("junk_share", "kept"), [(0.9, True), (0.97, False)])
def test_a_page_is_mostly_junk_only_when_little_is_left(junk_share, kept):
    """A news page whose chrome is 90% of its characters cleans to a good article:
    the junk removed is not held against it; a page that is 97% junk is dropped."""
    doc = Document(ARTICLE + ARTICLE.replace("council", "board"))
    removed = round(len(doc.text) * junk_share / (1 - junk_share))
    doc.signals["junk_chars_removed"] = removed
    decision = QualityFilter.preset("cleantext").decide(compute_signals(doc))
    assert decision.keep is kept
    assert kept or decision.reasons == ("mostly_junk",)


def test_thresholds_can_be_overridden_by_reason():
    signals = compute_signals(ARTICLE)
    strict = QualityFilter.preset("gopher-quality", gopher_short_doc=100)
    assert strict.decide(signals).reasons[0] == "gopher_short_doc"
    assert QualityFilter.preset("gopher-quality").decide(signals).keep


def test_unknown_presets_and_checks_are_config_errors():
    with pytest.raises(ConfigError, match="presets: gopher-quality"):
        QualityFilter.preset("nope")
    with pytest.raises(ConfigError, match="has no check"):
        QualityFilter.preset("c4", gopher_short_doc=1)


def test_score_decides_with_every_preset_by_default():
    signals, decisions = score(ARTICLE)
    assert list(decisions) == preset_names()
    assert set(preset_names()) == {
        "gopher-quality",
        "gopher-repetition",
        "c4",
        "fineweb",
        "cleantext",
    }
    assert signals == compute_signals(ARTICLE)


@settings(max_examples=300)
@given(st.text())
def test_signals_never_raise_and_are_finite(text):
    signals = compute_signals(text)
    language = signals.pop("language")
    assert isinstance(language, str) and language
    assert all(math.isfinite(value) for value in signals.values())
    for preset in preset_names():
        QualityFilter.preset(preset).decide(signals)


def test_signals_report_the_language():
    german = (
        "Die Stadtwerke haben am Montag angekündigt, die Preise für Fernwärme zum "
        "1. März anzuheben. Betroffen sind rund 41.000 Haushalte im Stadtgebiet."
    )
    signals = compute_signals(german)
    assert signals["language"] == "de" and signals["language_confidence"] > 0.5
    assert compute_signals("ok")["language"] == "und"
