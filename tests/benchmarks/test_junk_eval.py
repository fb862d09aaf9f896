"""Junk-removal accuracy on the labelled set in benchmarks/accuracy/junk_eval/
against the floors."""

import pytest

from benchmarks.accuracy.evaluate_junk import (
    EVAL_DIR,
    GROUPS,
    below_floors,
    evaluate,
    kept_lines,
    load_annotated,
)
from tests.conftest import SEEDS


@pytest.mark.parametrize("group", GROUPS)
def test_accuracy_floors(group):
    _, total = evaluate(group)
    assert below_floors(group, total) == []


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_seed_annotations_match_the_seeds(seed):
    labelled = load_annotated(EVAL_DIR / "seeds" / f"{seed.stem}.ann")
    assert labelled.lines == seed.read_text("utf-8").split("\n")[: len(labelled.lines)]
    assert "\n".join(labelled.lines).rstrip("\n") == seed.read_text("utf-8").rstrip(
        "\n"
    )


def test_in_order_matching_credits_the_first_copy():
    assert kept_lines(["T", "0", "T", "P"], ["T", "P"]) == [True, False, False, True]
    assert kept_lines(["History[edit]", "P"], ["History", "P"]) == [True, True]


def test_a_malformed_annotation_is_named(tmp_path):
    path = tmp_path / "bad.ann"
    path.write_text("K|fine\nno label here\n")
    with pytest.raises(ValueError, match=r"bad\.ann:2"):
        load_annotated(path)
