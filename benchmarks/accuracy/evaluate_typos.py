"""Measure FixTypos: recall and precision on injected typos, false changes on clean
text.

Sets:
- seeds: the five seeds as FixTypos receives them in the default pipeline; the known
  typos (`typos_eval/seed_typos.toml`) must be fixed and nothing else changed;
- injected: clean prose (the seeds with their known typos corrected, and the texts
  in `typos_eval/clean/`) with one typo put into about one word in 25 of four or more
  lowercase letters: an adjacent transposition, a deleted letter, an inserted letter
  (a doubled letter or a keyboard neighbour) or a letter replaced by a keyboard
  neighbour, anywhere in the word but less often at its first letter; and half of
  the words that have a well-known misspelling (`typos_eval/misspellings.tsv`, a
  list kept apart from FixTypos' own) get it. A typo that makes another known word
  ("form" for "from") is a real-word error, not injected. Several rounds with
  different seeds.
- clean: the same clean prose unchanged: every change is a false change.
- technical: the Python documentation's topic help (`pydoc_data`, in every Python),
  technical English full of identifiers: false changes per 1,000 words, reported,
  not floored.

Reported: recall (typos restored exactly), precision (share of FixTypos' changes
that restore an injected typo exactly), false changes per 1,000 clean words, words
per second of FixTypos alone (median of 3, lexicon loaded), and the lexicon's load
time and memory (in a fresh process).

    python -m benchmarks.accuracy.evaluate_typos [--check] [--rounds N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import regex

from benchmarks.accuracy.floors import unmet_floors
from benchmarks.data.corruptions import KINDS, SINGLE_EDIT_KINDS, make_typo
from benchmarks.data.corruptions import misspellings as corruption_pairs
from cleantext import Document, FixTypos, Pipeline, default_pipeline
from cleantext.cleaners.shared.lexicon import default_lexicon
from cleantext.resources.tomlio import load_toml
from cleantext.text.blocks import split_blocks

ROOT = Path(__file__).resolve().parents[2]
EVAL_DIR = Path(__file__).resolve().parent / "typos_eval"
FLOORS = EVAL_DIR / "floors.toml"
SEED_DIR = ROOT / "seeds"
# The share of the words of each shape that get a single-edit typo: short and
# capitalised words are rarer targets, so more of them get one.
_RATE = {"long": 1 / 25, "short": 1 / 5, "capitalised": 1 / 3}
_MISSPELLING_RATE = 1 / 2  # of the words with a well-known misspelling get it
_WORD_END = r"(?![\w@/\\'’-]|[.:][\w/])"
# The words that may get a typo, by shape: lowercase words of four or more letters
# (the main set), of three letters, and capitalised words at a sentence start
# (whose lowercase form is a dictionary word, so not a name).
SHAPES = {
    "long": regex.compile(rf"(?<![\w@/\\.'’-])[a-z]{{4,}}{_WORD_END}"),
    "short": regex.compile(rf"(?<![\w@/\\.'’-])[a-z]{{3}}{_WORD_END}"),
    "capitalised": regex.compile(
        rf"(?:^|(?<=[.!?][\"'”’)]*[ ]))[A-Z][a-z]{{3,}}{_WORD_END}", regex.MULTILINE
    ),
}


@dataclass
class Result:
    """Counts of one evaluation set."""

    injected: Counter[str] = field(default_factory=Counter)
    restored: Counter[str] = field(default_factory=Counter)
    changes: int = 0
    right_changes: int = 0
    false_changes: int = 0
    words: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def recall(self, kinds: tuple[str, ...] = KINDS) -> float:
        injected = sum(self.injected[k] for k in kinds)
        return sum(self.restored[k] for k in kinds) / injected if injected else 1.0

    @property
    def precision(self) -> float:
        return self.right_changes / self.changes if self.changes else 1.0

    @property
    def false_per_1000_words(self) -> float:
        return 1000 * self.false_changes / self.words if self.words else 0.0


def _before_typos() -> Pipeline:
    """The default pipeline up to FixTypos: what FixTypos receives."""
    cleaners = default_pipeline().cleaners
    index = next(i for i, c in enumerate(cleaners) if isinstance(c, FixTypos))
    return Pipeline(cleaners[:index])


def _seed_typos() -> list[dict]:
    return load_toml(EVAL_DIR / "seed_typos.toml")["typo"]


def evaluate_seeds() -> Result:
    """Known seed typos fixed; any other FixTypos edit on the seeds is false."""
    before = _before_typos()
    typos = _seed_typos()
    result = Result()
    for path in sorted(SEED_DIR.glob("*.txt")):
        text = before.clean(path.read_text("utf-8"))
        doc = FixTypos()(Document(text, explain=True))
        expected = {(t["before"], t["after"]) for t in typos if t["seed"] == path.stem}
        result.injected["seed"] += len(expected)
        result.words += len(text.split())
        for edit in doc.edits:
            result.changes += 1
            if (edit.before, edit.after) in expected:
                result.right_changes += 1
                result.restored["seed"] += 1
            else:
                result.false_changes += 1
                result.wrong.append(f"{path.stem}: {edit.before} -> {edit.after}")
    return result


def clean_documents() -> list[str]:
    """Correct prose: the seeds with their known typos fixed, and the clean texts."""
    before = _before_typos()
    documents = []
    for path in sorted(SEED_DIR.glob("*.txt")):
        text = before.clean(path.read_text("utf-8"))
        for typo in _seed_typos():
            if typo["seed"] == path.stem:
                text = regex.sub(rf"\b{typo['before']}\b", typo["after"], text)
        documents.append(text)
    documents += [p.read_text("utf-8") for p in sorted(EVAL_DIR.glob("clean/*.txt"))]
    return documents


def inject(
    text: str, rng: random.Random, shape: str = "long"
) -> tuple[str, dict[int, tuple[str, str]]]:
    """Typos put into the words of `shape` in `text`'s paragraphs: the new text
    and, by position in it, (kind, original word, typo) of each typo."""
    lexicon = default_lexicon()
    misspellings = corruption_pairs()
    prose = _prose_spans(text)
    pieces, last, shift, typos = [], 0, 0, {}
    for match in SHAPES[shape].finditer(text):
        if not any(a <= match.start() < b for a, b in prose):
            continue
        word = match.group()
        lower = word.lower()
        if shape == "capitalised" and lower not in lexicon.speller.words:
            continue  # a name, not a word at a sentence start
        if lower in misspellings and rng.random() < _MISSPELLING_RATE:
            kind = "misspelling"
        elif rng.random() < _RATE[shape]:
            kind = rng.choice(SINGLE_EDIT_KINDS)
        else:
            continue
        typo = make_typo(lower, kind, rng)
        if typo is None or typo == lower or lexicon.is_known(typo):
            continue
        if word != lower:
            typo = typo[0].upper() + typo[1:]
        pieces += [text[last : match.start()], typo]
        typos[match.start() + shift] = (kind, word, typo)
        shift += len(typo) - len(word)
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces), typos


def _prose_spans(text: str) -> list[tuple[int, int]]:
    spans, offset = [], 0
    for block in split_blocks(text):
        if block.kind == "paragraph":
            spans.append((offset, offset + len(block.text)))
        offset += len(block.text) + len(block.sep)
    return spans


def evaluate_injected(
    rounds: int = 6, seed: int = 20261122, shape: str = "long"
) -> Result:
    """FixTypos on the clean documents with typos injected into words of
    `shape`, `rounds` times."""
    fixer = FixTypos()
    result = Result()
    for round_ in range(rounds):
        rng = random.Random(seed + round_)
        for text in clean_documents():
            dirty, typos = inject(text, rng, shape)
            doc = fixer(Document(dirty, explain=True))
            for kind, _, _ in typos.values():
                result.injected[kind] += 1
            for edit in doc.edits:
                result.changes += 1
                position = _typo_at(typos, edit)
                kind, word, _ = typos.get(position, (None, None, None))
                if kind is not None and edit.after == word:
                    result.right_changes += 1
                    result.restored[kind] += 1
                elif kind is None:
                    result.false_changes += 1
                    result.wrong.append(f"{edit.before} -> {edit.after} (not a typo)")
                else:
                    result.wrong.append(f"{edit.before} -> {edit.after} ({word})")
            fixed = {_typo_at(typos, e) for e in doc.edits}
            result.misses += [
                f"{kind}: {typo} ({word})"
                for position, (kind, word, typo) in typos.items()
                if position not in fixed
            ]
    return result


def _typo_at(typos: dict[int, tuple[str, str, str]], edit) -> int | None:
    """The position of the injected typo an edit corrects: the nearest one with the
    same text (a second round of corrections reports positions in the first round's
    output, a few characters off)."""
    near = [
        position
        for position, (_, _, typo) in typos.items()
        if typo == edit.before and abs(position - edit.position) <= 40
    ]
    return min(near, key=lambda p: abs(p - edit.position), default=None)


def evaluate_clean() -> Result:
    """FixTypos on correct prose: every change is false."""
    return _false_changes(clean_documents())


def evaluate_technical() -> Result:
    """FixTypos on the Python documentation's topics: every change is false."""
    import pydoc_data.topics

    return _false_changes(list(pydoc_data.topics.topics.values()))


def _false_changes(documents: list[str]) -> Result:
    fixer = FixTypos()
    result = Result()
    for text in documents:
        doc = fixer(Document(text, explain=True))
        result.words += len(text.split())
        result.changes += len(doc.edits)
        result.false_changes += len(doc.edits)
        result.wrong += [f"{e.before} -> {e.after}" for e in doc.edits]
    return result


def words_per_second(runs: int = 3) -> float:
    """FixTypos' throughput on the injected corpus, lexicon already loaded."""
    rng = random.Random(1)
    documents = [inject(text, rng)[0] for text in clean_documents()] * 5
    words = sum(len(text.split()) for text in documents)
    fixer = FixTypos()
    fixer(Document(documents[0]))  # warm-up: loads the lexicon
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        for text in documents:
            fixer(Document(text))
        timings.append(time.perf_counter() - start)
    return words / statistics.median(timings)


def load_cost() -> tuple[float, float]:
    """Seconds and MB of resident memory to load the lexicon, measured in a fresh
    Python process (Linux: /proc/self/status; peak RSS is inherited across fork)."""
    code = (
        "import re, time\n"
        "from cleantext.cleaners.shared.lexicon import default_lexicon\n"
        "def rss():\n"
        "    status = open('/proc/self/status').read()\n"
        "    return int(re.search(r'VmRSS:\\s+(\\d+)', status).group(1)) / 1024\n"
        "before = rss(); t = time.perf_counter(); default_lexicon()\n"
        "print(time.perf_counter() - t, rss() - before)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), float(out[1])


def below_floors(name: str, result: Result) -> list[str]:
    """Floors from `typos_eval/floors.toml` that `result` does not reach; a false
    change is listed with the first ten wrong corrections."""
    measured = {
        "precision": result.precision,
        "recall": result.recall(),
        "single_edit_recall": result.recall(SINGLE_EDIT_KINDS),
        "false_changes": result.false_changes,
    }
    return [
        f"{failure}: {result.wrong[:10]}" if "false_changes" in failure else failure
        for failure in unmet_floors(FLOORS, name, measured)
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 below the floors")
    parser.add_argument("--rounds", type=int, default=6, help="injection rounds")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses")
    args = parser.parse_args()
    sets = {
        "seeds": evaluate_seeds(),
        "injected": evaluate_injected(args.rounds),
        "injected-short": evaluate_injected(args.rounds, shape="short"),
        "injected-capitalised": evaluate_injected(args.rounds, shape="capitalised"),
        "clean": evaluate_clean(),
        "technical": evaluate_technical(),
    }
    print("| set | typos | restored | recall | changes | precision | false/1k words |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, result in sets.items():
        print(
            f"| {name} | {sum(result.injected.values())} | "
            f"{sum(result.restored.values())} | {result.recall():.3f} | "
            f"{result.changes} | {result.precision:.3f} | "
            f"{result.false_per_1000_words:.2f} |"
        )
    injected = sets["injected"]
    print("\n| injected kind | typos | restored | recall |")
    print("| --- | ---: | ---: | ---: |")
    for kind in KINDS:
        print(
            f"| {kind} | {injected.injected[kind]} | {injected.restored[kind]} | "
            f"{injected.recall((kind,)):.3f} |"
        )
    print(f"| single-edit typos | | | {injected.recall(SINGLE_EDIT_KINDS):.3f} |")
    seconds, megabytes = load_cost()
    print(f"\nFixTypos: {words_per_second():,.0f} words/s (lexicon loaded)")
    print(f"lexicon load: {seconds:.2f} s, {megabytes:.0f} MB resident memory")
    if args.verbose:
        for name, result in sets.items():
            for line in result.wrong:
                print(f"{name} wrong: {line}")
            for line in result.misses:
                print(f"{name} missed: {line}")
    failures = [f for name, r in sets.items() for f in below_floors(name, r)]
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if args.check and failures else 0


if __name__ == "__main__":
    sys.exit(main())
