"""Typo-fixing accuracy (benchmarks.accuracy.evaluate_typos) against its pinned
floors."""

from benchmarks.accuracy.evaluate_typos import (
    below_floors,
    evaluate_clean,
    evaluate_injected,
    evaluate_seeds,
)


def test_seed_typos_fixed_and_nothing_else_changed():
    result = evaluate_seeds()
    assert result.changes == 4
    assert below_floors("seeds", result) == []


def test_injected_typos_recall_and_precision():
    result = evaluate_injected()
    assert sum(result.injected.values()) >= 1000
    assert below_floors("injected", result) == []


def test_clean_prose_is_not_changed():
    result = evaluate_clean()
    assert result.words >= 5000
    assert below_floors("clean", result) == []


def test_short_and_capitalised_typos_recall_and_precision():
    for shape in ("short", "capitalised"):
        result = evaluate_injected(shape=shape)
        assert sum(result.injected.values()) >= 200, shape
        assert below_floors(f"injected-{shape}", result) == [], shape
