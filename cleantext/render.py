"""Show what cleaning did: unified diffs (optionally coloured) and lists of edits."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from cleantext.document import Edit

_COLOURS = {"+": "\x1b[32m", "-": "\x1b[31m", "@": "\x1b[36m"}
_RESET = "\x1b[0m"


def unified_diff(before: str, after: str, before_label: str, after_label: str) -> str:
    """A unified diff of two texts, marking a missing final newline as `diff` does."""
    lines = difflib.unified_diff(
        _diff_lines(before), _diff_lines(after), before_label, after_label
    )
    return "".join(lines)


def _diff_lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines


def colourise_diff(diff: str) -> str:
    """ANSI colours for a terminal: additions green, deletions red, hunks cyan."""
    out = []
    for line in diff.splitlines(keepends=True):
        colour = None if line.startswith(("+++", "---")) else _COLOURS.get(line[:1])
        body = line.rstrip("\n")
        out.append(f"{colour}{body}{_RESET}\n" if colour else line)
    return "".join(out)


def format_edits(title: str, edits: Iterable[Edit]) -> str:
    """`== title` followed by one line per edit, or an empty string when none."""
    lines = [edit.describe() for edit in edits]
    return "\n".join([f"== {title}", *lines]) + "\n" if lines else ""
