"""Cost grows linearly with input, also for pathological shapes.

Measured as a ratio in one run (the machine is shared, so no absolute times): each
shape at two sizes, 10x apart; the larger may cost at most 35x the smaller (linear
is 10x, and the shared machine adds noise; quadratic would be 100x). Catastrophic
regex backtracking or a quadratic loop fails this at once.
"""

import time

import pytest

from cleantext import FixTypos, Pipeline
from cleantext.quality import compute_signals

SENTENCE = "The council met on Tuesday, and the U.S. envoy shoudl arrive at 09:45. "
SHAPES = {
    "one long prose line": lambda n: SENTENCE * (n // len(SENTENCE)),
    "a run of punctuation": lambda n: "Word " + "!" * n,
    "a run of pipes": lambda n: "a " + "|" * n,
    "blank lines": lambda n: "Start.\n" + "\n" * n + "End.",
    "repeated short lines": lambda n: "Share this\n" * (n // 11),
    "a table with many rows": lambda n: "a | b |\n---|---|\n" + "x | y |\n" * (n // 8),
    "one huge word": lambda n: "x" * n,
    "dots and initials": lambda n: "A.B.C. " * (n // 7),
    # Misspellings glued into one token: FixTypos tokenises around each candidate
    # word only while that stays local (this shape was quadratic before).
    "misspellings in one token": lambda n: "recieve," * (n // 8),
    "misspellings in a path": lambda n: "recieve/" * (n // 8),
    "spaced misspellings": lambda n: "the recieve, " * (n // 13),
}
SMALL = 20_000
RATIO_LIMIT = 35


def _cost(step, text: str) -> float:
    best = float("inf")
    for _ in range(2):  # the better of two runs: less noise from the shared machine
        started = time.perf_counter()
        step(text)
        best = min(best, time.perf_counter() - started)
    return max(best, 1e-4)


@pytest.mark.slow
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize(
    "step",
    [Pipeline.default().clean, Pipeline([FixTypos()]).clean, compute_signals],
    ids=["default pipeline", "FixTypos alone", "quality signals"],
)
def test_cost_grows_linearly(step, shape):
    make = SHAPES[shape]
    step(make(1000))  # warm-up: imports, lexicon, regex caches
    small, large = _cost(step, make(SMALL)), _cost(step, make(10 * SMALL))
    assert large / small <= RATIO_LIMIT, f"{shape}: {large:.3f}s vs {small:.3f}s"
