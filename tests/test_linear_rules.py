"""Every pattern of every rules file costs time linear in its input, on generated
shapes: long runs of each character the pattern or the web's text holds, and
runs of short tokens joined by it. Measured as a ratio in one run (slow-marked):
a 10x longer input may cost at most 15x (quadratic would be 100x), or stay under
a few milliseconds. Patterns run as their cleaners run them: a junk rule matches
a whole line (or searches it), a rule set scans the text."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import regex

from cleantext.cleaners.boilerplate.catalogue import parse_junk_rules
from cleantext.resources.data import builtin_data
from cleantext.rulesets import builtin_rules

RULES = Path(__file__).resolve().parents[1] / "cleantext" / "rules"
# Thresholds, word pairs, word lists, and suffixes matched on one short word.
NOT_PATTERNS = {
    "quality-presets",
    "typing-errors",
    "abbreviations",
    "spelling-variants",
}
SMALL, FACTOR, RATIO_LIMIT, NOISE_SECONDS = 3_000, 10, 15, 0.004
# Characters web text is made of, beside those a pattern names itself.
WEB_CHARACTERS = " \u00a0\t\na A1.,-_|/:;!?()[]`'\"#*@·•é\u200b\u00ad<>=+&%$~^{}\\…"


def _patterns() -> Iterator[tuple[str, regex.Pattern, str]]:
    for path in sorted(RULES.glob("*.toml")):
        if path.stem in NOT_PATTERNS:
            continue
        if path.stem == "boilerplate":
            for rule in parse_junk_rules(builtin_data("boilerplate"), path.name):
                yield rule.name, rule.pattern, "fullmatch" if rule.full else "search"
            continue
        for rule in builtin_rules(path.stem):
            compiled = regex.compile(rule.pattern, regex.VERSION1)
            yield f"{path.stem}:{rule.name}", compiled, "finditer"


PATTERNS = list(_patterns())


def _shapes(pattern: regex.Pattern) -> Iterator[tuple[str, Callable[[int], str]]]:
    named = {c for c in pattern.pattern if not c.isalnum() and c.isprintable()}
    for c in sorted(set(WEB_CHARACTERS) | named):
        yield f"run of {c!r}", lambda n, c=c: c * n
        yield f"a, run of {c!r}, b", lambda n, c=c: "a" + c * n + "b"
        yield f"{c!r}a repeated", lambda n, c=c: (c + "a") * (n // 2)
        yield f"word{c!r} repeated", lambda n, c=c: ("word" + c) * (n // 5)
        yield (
            f"the{c!r}quick, repeated",
            lambda n, c=c: ("the" + c + "quick,") * (n // 10),
        )


def _seconds(pattern: regex.Pattern, how: str, text: str) -> float:
    started = time.perf_counter()
    if how == "finditer":
        for _ in pattern.finditer(text, timeout=10):
            pass
    else:
        getattr(pattern, how)(text, timeout=10)
    return time.perf_counter() - started


def _superlinear(pattern: regex.Pattern, how: str, make) -> str | None:
    small, large = make(SMALL), make(FACTOR * SMALL)
    for _ in range(3):  # a ratio above the limit must hold on a second look
        try:
            short = min(_seconds(pattern, how, small) for _ in range(5))
            long = min(_seconds(pattern, how, large) for _ in range(2))
        except TimeoutError:
            return "over 10 s"
        if long < NOISE_SECONDS or long <= RATIO_LIMIT * max(short, 1e-7):
            return None
    return f"{long / short:.0f}x for {FACTOR}x the input ({long:.3f} s)"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "pattern", "how"), PATTERNS, ids=[name for name, _, _ in PATTERNS]
)
def test_pattern_cost_is_linear_on_generated_shapes(name, pattern, how):
    slow = {
        shape: found
        for shape, make in _shapes(pattern)
        if (found := _superlinear(pattern, how, make))
    }
    assert not slow, f"{name}: {slow}"


def test_every_rules_file_is_covered():
    covered = {name.split(":")[0] for name, _, _ in PATTERNS if ":" in name}
    files = {p.stem for p in RULES.glob("*.toml")} - NOT_PATTERNS - {"boilerplate"}
    assert covered == files
