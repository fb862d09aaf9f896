"""Clean text through the default pipeline against the floors of
benchmarks/accuracy/clean_eval/floors.toml.

The project's own clean texts (English and ten other languages) are always here
and must come out whole and unrewritten; the webtrain sample's floors are checked
where the data is (`$CLEANTEXT_WEBTRAIN` or ../shared/webtrain)."""

import pytest

from benchmarks.accuracy.evaluate_clean_text import (
    below_floors,
    evaluate,
    tally,
    trace,
    webtrain_texts,
)
from benchmarks.data import webtrain
from benchmarks.data.clean_texts import own_texts


def test_own_clean_texts_come_out_whole_in_every_language():
    groups = tally(evaluate(list(own_texts())))
    assert set(groups) == {"english", "other"}
    assert groups["other"]["pipeline"].texts >= 10
    assert below_floors(groups, "own") == []


def test_a_document_in_another_language_is_left_to_the_language_blind_cleaners():
    text = next(text for name, _, text in own_texts() if name == "own/ru-pirog.txt")
    language, steps = trace(text)
    assert language == "ru"
    assert all(not step.rewrites for _, step in steps)


@pytest.mark.skipif(
    not webtrain.available(),
    reason="no webtrain data (see benchmarks/data/webtrain.py)",
)
def test_the_fixed_dev_sample_reaches_its_floors():
    traced = evaluate(list(webtrain_texts(webtrain.data_dir(), per_source=15)))
    assert below_floors(tally(traced), "webtrain-sample") == []


def test_a_ceiling_passed_is_named(tmp_path):
    floors = tmp_path / "floors.toml"
    floors.write_text("[own-english]\nmax_rewrites_per_1000 = 0.0\n")
    traced = [("x", "en", trace("Teh cat sat on teh mat wiht me, as it does.")[1])]
    failures = below_floors(tally(traced), "own", floors)
    assert failures and failures[0].startswith("own-english: rewrites_per_1000 =")
