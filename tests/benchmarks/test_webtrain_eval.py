"""Junk removal on real pages against the floors of
benchmarks/accuracy/webtrain_eval/floors.toml.

The webtrain pages are third-party data kept outside the repository: the sample's
floors are checked where the data is (`$CLEANTEXT_WEBTRAIN` or ../shared/webtrain)
and skipped, saying so, elsewhere. The project's own clean texts are always here.
"""

import pytest

from benchmarks.accuracy.evaluate_webtrain import (
    FLOORS,
    SAMPLE_PER_SOURCE,
    SHIPPED,
    SHIPPED_NAME,
    Setting,
    below_floors,
    clean_texts,
    floor_groups,
    retention,
    run,
)
from benchmarks.data import webtrain
from benchmarks.data.renderings import ALL
from cleantext.resources.tomlio import load_toml


def test_clean_texts_come_through_whole():
    floor = load_toml(FLOORS)["sample"]["clean_text_retention"]
    kept = retention(clean_texts(), jobs=1)
    assert kept.tokens >= floor
    assert min(kept.shares) >= floor


@pytest.mark.skipif(
    not webtrain.available(),
    reason="no webtrain data (see benchmarks/data/webtrain.py)",
)
def test_the_fixed_dev_sample_reaches_its_floors():
    shipped = [Setting(SHIPPED_NAME, SHIPPED)]
    _, values = run(webtrain.data_dir(), SAMPLE_PER_SOURCE, shipped)
    assert below_floors(values, "sample") == []


def test_a_floor_not_reached_is_named(tmp_path):
    floors = tmp_path / "floors.toml"
    floors.write_text("[sample]\nf1_naive = 0.85\nf1_markdown = 0.85\n")
    values = {"f1_naive": 0.8, "f1_markdown": 0.9}
    assert below_floors(values, "sample", floors) == [
        "sample: f1_naive = 0.8 < floor 0.85"
    ]


def test_a_run_checks_the_floors_of_what_it_measured():
    assert floor_groups(None, webtrain.RENDERINGS) == ["dev"]
    assert floor_groups(None, ALL) == ["dev", "dev-renderings"]
    assert floor_groups(SAMPLE_PER_SOURCE, ALL) == ["sample"]
    assert floor_groups(None, ("soup",)) == []
    assert floor_groups(3, webtrain.RENDERINGS) == []
