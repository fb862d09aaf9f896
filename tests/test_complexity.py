"""Cost grows linearly with input, also for pathological shapes.

Measured as a ratio in one run (the machine is shared, so no absolute times): each
shape at two sizes, 4x apart, each call repeated until it takes tens of
milliseconds, timed alternately (small, large, small, large) so that both see the
same load, the better of two kept. The larger may cost at most 6x the smaller,
1.5 times linear (quadratic is 16x). Both sizes are past the processor's caches
(80,000 and 320,000 characters): from 20,000 characters, cache effects alone
made linear cleaners look 1.6 times linear, whatever the algorithm. A ratio over
the limit is measured again, up to three times, before it fails. Every cleaner
alone, the default pipeline and the quality signals run every shape
(slow-marked).
"""

import gc
import time

import pytest

from cleantext import Pipeline, default_pipeline
from cleantext.quality import compute_signals

SENTENCE = "The council met on Tuesday, and the U.S. envoy shoudl arrive at 09:45. "
SHAPES = {
    "one long prose line": lambda n: SENTENCE * (n // len(SENTENCE)),
    "a run of punctuation": lambda n: "Word " + "!" * n,
    "a run of pipes": lambda n: "a " + "|" * n,
    "blank lines": lambda n: "Start.\n" + "\n" * n + "End.",
    "repeated short lines": lambda n: "Share this\n" * (n // 11),
    "one-letter lines": lambda n: "x\n" * (n // 2),
    "a table with many rows": lambda n: "a | b |\n---|---|\n" + "x | y |\n" * (n // 8),
    "pipe rows without a separator": lambda n: "a | b | c |\n" * (n // 12),
    "one huge word": lambda n: "x" * n,
    "dots and initials": lambda n: "A.B.C. " * (n // 7),
    # Letter-dot pairs without spaces: the initialism rule's look-behind was
    # unbounded, which made FixSpacing cubic on this shape.
    "letter-dot pairs": lambda n: "Some prose. " + "A." * (n // 2) + "can",
    "repeated URL schemes": lambda n: "http://" * (n // 7),
    "nested brackets": lambda n: "(" * (n // 2) + ")" * (n // 2),
    "nested square brackets": lambda n: "[" * (n // 2) + "]" * (n // 2),
    # Misspellings glued into one token: FixTypos tokenises around each candidate
    # word only while that stays local (this shape was quadratic before).
    "misspellings in one token": lambda n: "recieve," * (n // 8),
    "misspellings in a path": lambda n: "recieve/" * (n // 8),
    "spaced misspellings": lambda n: "the recieve, " * (n // 13),
    # Configuration runs (blocks.py): many short lines, one long code-like line,
    # a long key with many values.
    "configuration lines": lambda n: "port: 80\nrotate 14\n" * (n // 19),
    "one long code-like line": lambda n: "x = " + "a" * n,
    "a key with many values": lambda n: "key: " + "ab " * (n // 3),
    # Issue 34's shapes: runs of whitespace and invisible characters that no line
    # break follows (scrapers pad table layouts with 30,000 spaces), a long
    # hyphenated token beside a misspelling and a code span, long lines of few
    # words, repeated tokens and mixed scripts.
    "spaces not followed by a break": lambda n: "Cell a" + " " * n + "b, c.",
    "no-break spaces": lambda n: "Cell a" + "\u00a0" * n + "b, c.",
    "tabs inside a line": lambda n: "Cell a" + "\t" * n + "b, c.",
    "zero-width spaces": lambda n: "Cell a" + "\u200b" * n + "b, c.",
    "soft hyphens": lambda n: "Cell a" + "\u00ad" * n + "b, c.",
    "table padding lines": lambda n: ("Price" + " " * 60 + "| 5 ,00\n") * (n // 72),
    "a hyphenated token, a typo and a code span": lambda n: (
        "We shoudl see `a b` and " + "-".join(["ab"] * (n // 3)) + " here."
    ),
    "a long line of few words": lambda n: "the.quick," * (n // 10),
    "a repeated word": lambda n: "buffalo " * (n // 8),
    "mixed scripts": lambda n: "Привет мир, hello 世界 مرحبا. " * (n // 28),
    "many short lines": lambda n: "Ok.\nNo\n" * (n // 7),
}
CLEANERS = tuple(default_pipeline().cleaners)  # each cleaner alone, too
SMALL = 80_000
FACTOR = 4
RATIO_LIMIT = 6
ATTEMPTS = 3
MIN_SECONDS = 0.02  # below this a timing is noise: the small size is repeated


def _seconds(step, text: str, repeat: int) -> float:
    """Seconds per call, without the cyclic garbage collector: its full passes
    come at moments set by allocation counts, not by the algorithm under test
    (they are amortised linear), and they made ratios swing by 2x."""
    gc.collect()
    gc.disable()
    try:
        started = time.perf_counter()
        for _ in range(repeat):
            step(text)
        return (time.perf_counter() - started) / repeat
    finally:
        gc.enable()


def _repeats(step, text: str) -> int:
    """How many calls on `text` it takes to measure more than noise."""
    repeat = 1
    while _seconds(step, text, repeat) * repeat < MIN_SECONDS and repeat < 64:
        repeat *= 2
    return repeat


def _growth(step, small: str, large: str) -> tuple[float, float]:
    """Best seconds per call on `small` and on `large`, timed alternately."""
    sizes = [(small, _repeats(step, small)), (large, _repeats(step, large))]
    best = [float("inf"), float("inf")]
    for _ in range(2):
        for k, (text, repeat) in enumerate(sizes):
            best[k] = min(best[k], _seconds(step, text, repeat))
    return best[0], best[1]


@pytest.mark.slow
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize(
    "step",
    [
        default_pipeline().clean,
        *(Pipeline([cleaner]).clean for cleaner in CLEANERS),
        compute_signals,
    ],
    ids=["default pipeline", *(type(c).__name__ for c in CLEANERS), "quality signals"],
)
def test_cost_grows_linearly(step, shape):
    make = SHAPES[shape]
    step(make(1000))  # warm-up: imports, lexicon, regex caches
    texts = make(SMALL), make(FACTOR * SMALL)
    for _ in range(ATTEMPTS):
        small, large = _growth(step, *texts)
        if large / small <= RATIO_LIMIT:
            return
    raise AssertionError(f"{shape}: {large:.4f}s vs {small:.4f}s, {ATTEMPTS} times")
