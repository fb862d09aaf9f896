"""Spacing-fix accuracy on labelled errors (benchmarks.accuracy.evaluate_fixes)
against the floors."""

from benchmarks.accuracy.evaluate_fixes import (
    below_floors,
    evaluate_injected,
    evaluate_seeds,
)


def test_known_seed_errors_fixed_and_nothing_else_changed():
    assert below_floors("seeds", evaluate_seeds()) == []


def test_injected_errors_fixed_without_false_changes():
    result = evaluate_injected()
    assert result.cases >= 50
    assert below_floors("injected", result) == []


def test_known_seed_casing_errors_fixed_and_nothing_else_changed():
    from benchmarks.accuracy.evaluate_fixes import evaluate_seed_casing

    assert below_floors("casing-seeds", evaluate_seed_casing()) == []


def test_injected_casing_errors_fixed_without_false_changes():
    from benchmarks.accuracy.evaluate_fixes import evaluate_injected_casing

    result = evaluate_injected_casing()
    assert result.cases >= 40
    assert below_floors("casing-injected", result) == []


def test_names_written_lowercase_once_are_capitalised():
    from benchmarks.accuracy.evaluate_fixes import (
        _project_documents,
        evaluate_names_written_once,
    )

    result = evaluate_names_written_once(_project_documents())
    assert result.cases >= 10
    assert below_floors("casing-names-once", result) == []
