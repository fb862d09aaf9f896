"""Document quality: signals, and keep-or-drop filters with named reasons.

>>> from cleantext.quality import QualityFilter, compute_signals
>>> signals = compute_signals("Too short to keep.")
>>> QualityFilter.preset("gopher-quality").decide(signals).reasons[0]
'gopher_short_doc'

Presets (`preset_names()`): `gopher-quality`, `gopher-repetition`, `c4`, `fineweb`
(the published rules, deciding as datatrove does) and `cleantext` (its own, using
the cleaning edits). Thresholds live in `cleantext/rules/quality-presets.toml`.
"""

from __future__ import annotations

from cleantext.document import Document
from cleantext.quality.filters import (
    Check,
    Decision,
    QualityFilter,
    failing_reasons,
    preset_names,
)
from cleantext.quality.signals import compute_signals

__all__ = [
    "Check",
    "Decision",
    "QualityFilter",
    "compute_signals",
    "failing_reasons",
    "preset_names",
    "score",
]


def score(
    doc: Document | str, filters: list[QualityFilter] | None = None
) -> tuple[dict[str, float], dict[str, Decision]]:
    """The signals of `doc` and each filter's decision (every preset by default)."""
    chosen = filters or [QualityFilter.preset(name) for name in preset_names()]
    signals = compute_signals(doc)
    return signals, {f.name: f.decide(signals) for f in chosen}
