"""How the speed benchmarks time steps: steps taking turns in rounds, ratios to a
floor measured in the same round, and peak memory. Shared by `throughput` and
`repeats_cost`, so that both report numbers taken the same way."""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

import regex

_WORD = regex.compile(r"\w+")


@dataclass
class Step:
    """One timed operation on a document's text."""

    name: str
    group: str  # "floor", "cleaner", "pipeline", "quality" or "reference"
    run: Callable[[str], object]
    reset: Callable[[], None] = lambda: None  # before each timed run: cold caches


def floor_step() -> Step:
    """A bare `regex` word scan: the practical floor of any Python pass over text."""
    return Step("regex word scan (floor)", "floor", _WORD.findall)


def interleaved_seconds(
    steps: list[Step], docs: list[str], rounds: int
) -> list[list[float]]:
    """Seconds of each step's pass over `docs`, round by round, the steps taking
    turns (A B C ... A B C ...) after a warm-up, so that a change in the
    machine's load falls on every step of a round alike."""
    for step in steps:
        for doc in docs[:50]:  # imports, regex caches, ftfy tables
            step.run(doc)
    seconds: list[list[float]] = [[] for _ in steps]
    for _ in range(rounds):
        for timings, step in zip(seconds, steps, strict=True):
            step.reset()
            started = time.perf_counter()
            for doc in docs:
                step.run(doc)
            timings.append(time.perf_counter() - started)
    return seconds


def floor_ratio(step_seconds: list[float], floor_seconds: list[float]) -> float:
    """The median over rounds of the floor's time over the step's in that round:
    its speed as a share of the floor's, measured minutes or seconds apart."""
    return statistics.median(
        floor / step for floor, step in zip(floor_seconds, step_seconds, strict=True)
    )


def peak_rss_megabytes() -> float:
    """This process's peak resident size in MB (10**6 bytes; Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6
