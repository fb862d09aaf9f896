"""Spacing-fix accuracy on labelled errors (benchmarks/evaluate_fixes.py) vs. floors."""

from benchmarks.evaluate_fixes import below_floors, evaluate_injected, evaluate_seeds


def test_known_seed_errors_fixed_and_nothing_else_changed():
    assert below_floors("seeds", evaluate_seeds()) == []


def test_injected_errors_fixed_without_false_changes():
    result = evaluate_injected()
    assert result.cases >= 50
    assert below_floors("injected", result) == []
