"""The project's own clean texts, written for the benchmarks: English prose in
`accuracy/typos_eval/clean/` and ten languages in `accuracy/clean_eval/texts/`
(named `<language>-<topic>.txt`). Text that needs no cleaning: whatever a cleaner
changes in it is a mistake."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

ACCURACY = Path(__file__).resolve().parents[1] / "accuracy"
ENGLISH = ACCURACY / "typos_eval" / "clean"
LANGUAGES = ACCURACY / "clean_eval" / "texts"


def own_texts() -> Iterator[tuple[str, str, str]]:
    """(name, ISO 639-1 language, text) for each of the project's clean texts."""
    for path in sorted(ENGLISH.glob("*.txt")):
        yield f"own/{path.name}", "en", path.read_text("utf-8")
    for path in sorted(LANGUAGES.glob("*.txt")):
        yield f"own/{path.name}", path.name.split("-")[0], path.read_text("utf-8")
