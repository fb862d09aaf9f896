"""A cheap test that is true wherever ftfy's mojibake detector (`is_bad`) is, built
from ftfy's own pattern, so the expensive detector runs only on the few lines it
could flag.

Every alternative of ftfy's `BADNESS_RE` either needs two neighbouring characters
beyond ASCII ("Ã©", "â€") or, where it does not, one of a few characters alone
(C1 controls, "Â" and "Ã" before a space, "œ"). So a line without two such
neighbours and without one of those characters is not mojibake by ftfy's
definition. The classes are read from the parsed pattern at import time, so a new
ftfy release that changes the pattern changes the gate with it.
"""

from __future__ import annotations

import re
import sys
from itertools import pairwise

from ftfy.badness import BADNESS_RE

if sys.version_info >= (3, 11):
    from re import _parser as sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_parse

_ASCII_END = 0x80


def _positions(items) -> list[frozenset[int] | None]:
    """The characters each item of an alternative must match, in order: a set of
    code points, or None where the item may be ASCII, is optional or repeats
    (which ends any run of neighbours)."""
    positions: list[frozenset[int] | None] = []
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            positions.append(frozenset({av}))
        elif name == "IN":
            positions.append(_class_points(av))
        elif name in ("MAX_REPEAT", "MIN_REPEAT"):
            low, _high, inner = av
            inner_positions = _positions(inner.data)
            if low >= 1 and len(inner_positions) == 1 and inner_positions[0]:
                positions.append(inner_positions[0])
            positions.append(None)
        else:
            positions.append(None)
    return positions


def _class_points(items) -> frozenset[int] | None:
    """Code points of a positive character class, or None when it is negated or
    holds a category (\\s, \\w): such a class may match ASCII."""
    points: set[int] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            points.add(av)
        elif name == "RANGE":
            points.update(range(av[0], av[1] + 1))
        else:
            return None
    return frozenset(points)


def _gate_classes() -> tuple[frozenset[int], frozenset[int]]:
    """(characters beyond ASCII that take part in a pair, characters that are
    evidence alone), read from ftfy's parsed pattern."""
    parsed = sre_parse.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    ((op, (_, alternatives)),) = parsed.data
    assert str(op) == "BRANCH"
    paired: set[int] = set()
    alone: set[int] = set()
    for alternative in alternatives:
        wide = [
            p if p is not None and min(p) >= _ASCII_END else None
            for p in _positions(alternative.data)
        ]
        has_pair = any(a and b for a, b in pairwise(wide))
        for p in wide:
            if p:
                (paired if has_pair else alone).update(p)
        if not has_pair and not any(wide):
            raise RuntimeError("an ftfy badness alternative needs no wide character")
    return frozenset(paired | alone), frozenset(alone)


def _char_class(points: frozenset[int]) -> str:
    return "[" + "".join(re.escape(chr(p)) for p in sorted(points)) + "]"


_PAIRED, _ALONE = _gate_classes()
# The standard library's engine: on these two large classes it searches about ten
# times faster than the `regex` module (measured: 3 MB in 0.03 s against 0.38 s).
_PAIR = _char_class(_PAIRED)
_GATE = re.compile(f"{_PAIR}{_PAIR}|{_char_class(_ALONE)}")


def may_be_mojibake(line: str) -> bool:
    """False only where ftfy's `is_bad` is false too (checked by a differential
    test); true for the few lines worth asking it."""
    return _GATE.search(line) is not None
