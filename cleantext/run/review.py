"""Show what cleaning did: unified diffs (optionally coloured) and lists of edits."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO

from cleantext.document import Document, Edit

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


@dataclass
class Review:
    """Writes, for each cleaned document, its diff and/or its edits to `stream`."""

    stream: BinaryIO
    diff: bool = False
    edits: bool = False
    colour: bool = False

    def show(self, label: str, before: str, doc: Document) -> None:
        if self.diff and before != doc.text:
            diff = unified_diff(before, doc.text, label, f"{label} (cleaned)")
            self._write(colourise_diff(diff) if self.colour else diff)
        if self.edits:
            self._write(format_edits(label, doc.edits))

    def _write(self, text: str) -> None:
        if text:
            self.stream.write(text.encode("utf-8", "surrogatepass"))
