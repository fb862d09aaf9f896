"""Measure FixSpacing (with NormalizeTables' cells) and FixCasing on labelled errors.

Spacing, two sets:
- seeds: the known spacing errors of seeds 003 and 004 (`fixes_eval/seed_spacing.toml`)
  must all be fixed, and every other edit on those seeds counts as a false change;
- injected: correct prose lines from seeds 000-002, each corrupted with one spacing
  error of a known kind (a space dropped after a comma, a full stop, a semicolon or
  a colon, a space added before a comma, a doubled space). A case is fixed when the
  output equals the original line; every edit on the uncorrupted lines, and every
  output that is neither the input nor the original, is a false change.

Casing, two sets: the known casing errors of seeds 003 and 004
(`fixes_eval/seed_casing.toml`) in the default pipeline's output, every other FixCasing
edit counting as false; and seeds 000 and 001, whole, each with one sentence start or
one mid-sentence proper noun (Trump, Putin, Russia, Ukraine, Kremlin) put in
lowercase, as FixCasing receives them in the default pipeline: fixed when the whole
document comes back identical. Names written lowercase once: in the seeds and the
typo benchmark's clean texts, each use of a name the lexicon does not know (and the
document writes capitalised mid-sentence at least twice) put in lowercase in turn.

    python -m benchmarks.accuracy.evaluate_fixes [--check]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import regex

from benchmarks.accuracy.floors import unmet_floors
from benchmarks.data.corruptions import CORRUPTIONS
from cleantext import (
    Document,
    FixCasing,
    FixSpacing,
    NormalizeTables,
    Pipeline,
    default_pipeline,
)
from cleantext.cleaners.shared.lexicon import default_lexicon
from cleantext.resources.tomlio import load_toml

ROOT = Path(__file__).resolve().parents[2]
EVAL_DIR = Path(__file__).resolve().parent / "fixes_eval"
FLOORS = EVAL_DIR / "floors.toml"
SEED_DIR = ROOT / "seeds"
TYPO_CLEAN_DIR = ROOT / "benchmarks" / "accuracy" / "typos_eval" / "clean"


@dataclass
class Result:
    cases: int = 0
    fixed: int = 0
    false_changes: int = 0

    @property
    def fix_rate(self) -> float:
        return self.fixed / self.cases if self.cases else 1.0


def evaluate_seeds() -> Result:
    """Known errors fixed; any FixSpacing edit away from a known error is false."""
    result = Result()
    for entry in load_toml(EVAL_DIR / "seed_spacing.toml")["fix"]:
        text = (SEED_DIR / entry["seed"]).read_text("utf-8")
        tables_done = Pipeline([NormalizeTables()]).clean(text)
        doc = FixSpacing()(Document(tables_done, explain=True))
        for before, after in entry["pairs"]:
            result.cases += 1
            result.fixed += after in doc.text and before not in doc.text
        expected = [before for before, _ in entry["pairs"]]
        for edit in doc.edits:  # positions are offsets in `tables_done`
            context = tables_done[max(0, edit.position - 30) : edit.position + 30]
            result.false_changes += not any(before in context for before in expected)
    return result


def correct_lines() -> list[str]:
    lines = []
    for name in ("000_3b066982956dc9e0.txt", "001_8b6371cf00e97324.txt"):
        for line in (SEED_DIR / name).read_text("utf-8").splitlines():
            if len(line.split()) >= 20:
                lines.append(line)
    return lines


def evaluate_injected(seed: int = 20261122) -> Result:
    rng = random.Random(seed)
    fixer = FixSpacing()
    result = Result()
    for line in correct_lines():
        untouched = fixer(Document(line, explain=True))
        result.false_changes += len(untouched.edits)
        for _, pattern, corruption in CORRUPTIONS:
            spots = list(regex.finditer(pattern, line))
            if not spots:
                continue
            spot = rng.choice(spots)
            dirty = line[: spot.start()] + corruption + line[spot.end() :]
            out = fixer(Document(dirty)).text
            result.cases += 1
            result.fixed += out == line
            result.false_changes += out not in (line, dirty)
    return result


def evaluate_seed_casing() -> Result:
    """Known casing errors fixed; any other FixCasing edit is false."""
    result = Result()
    for entry in load_toml(EVAL_DIR / "seed_casing.toml")["fix"]:
        text = (SEED_DIR / entry["seed"]).read_text("utf-8")
        doc = default_pipeline(explain=True)(Document(text))
        for before, after in entry["pairs"]:
            result.cases += 1
            result.fixed += after in doc.text and before not in doc.text
        expected = [after for _, after in entry["pairs"]]
        for edit in doc.edits:
            if edit.cleaner != "FixCasing":
                continue
            result.false_changes += not any(edit.after in after for after in expected)
    return result


_CASING_SPOTS = regex.compile(
    r"(?<=[.!?] )\p{Lu}\p{Ll}+|(?<=\p{Ll} )(?:Trump|Putin|Russia|Ukraine|Kremlin)\b"
)


def evaluate_injected_casing(seed: int = 20261122, per_document: int = 25) -> Result:
    rng = random.Random(seed)
    fixer = FixCasing()
    result = Result()
    before_casing = Pipeline(
        [c for c in default_pipeline().cleaners if not isinstance(c, FixCasing)]
    )
    for name in ("000_3b066982956dc9e0.txt", "001_8b6371cf00e97324.txt"):
        text = before_casing.clean((SEED_DIR / name).read_text("utf-8"))
        result.false_changes += len(fixer(Document(text, explain=True)).edits)
        spots = list(_CASING_SPOTS.finditer(text))
        for spot in rng.sample(spots, min(per_document, len(spots))):
            dirty = text[: spot.start()] + spot.group().lower() + text[spot.end() :]
            out = fixer(Document(dirty)).text
            result.cases += 1
            result.fixed += out == text
            result.false_changes += out not in (text, dirty)
    return result


_MID_SENTENCE_TITLE = regex.compile(r"(?<=\p{Ll}[,;]? )\p{Lu}\p{Ll}{2,}\b(?!['’-])")


def _project_documents() -> list[str]:
    """The seeds and the typo benchmark's clean texts, as FixCasing receives them."""
    before_casing = Pipeline(
        [c for c in default_pipeline().cleaners if not isinstance(c, FixCasing)]
    )
    paths = sorted(SEED_DIR.glob("*.txt")) + sorted(TYPO_CLEAN_DIR.glob("*.txt"))
    return [before_casing.clean(path.read_text("utf-8")) for path in paths]


def evaluate_names_written_once(
    documents: list[str], per_document: int = 10, seed: int = 20261202
) -> Result:
    """Names unknown to the lexicon (Zelenskyy, Oyelaran), written capitalised
    mid-sentence at least twice in a document: one use at a time (up to
    `per_document` per document) put in lowercase, the only lowercase one. The
    reference is FixCasing's own output on the document (its other fixes made);
    fixed when the dirty document comes back as that reference, false when it
    comes back as anything but the reference or the dirty text."""
    lexicon = default_lexicon()
    rng = random.Random(seed)
    fixer = FixCasing()
    result = Result()
    for text in documents:
        reference = fixer(Document(text)).text
        spots = list(_MID_SENTENCE_TITLE.finditer(reference))
        uses = Counter(spot.group() for spot in spots)
        spots = [
            spot
            for spot in spots
            if uses[spot.group()] >= 2 and not lexicon.is_known(spot.group().lower())
        ]
        for spot in rng.sample(spots, min(per_document, len(spots))):
            dirty = (
                reference[: spot.start()]
                + spot.group().lower()
                + reference[spot.end() :]
            )
            out = fixer(Document(dirty)).text
            result.cases += 1
            result.fixed += out == reference
            result.false_changes += out not in (reference, dirty)
    return result


def _webtrain_gold_documents(pages: int = 300) -> list[str]:
    """The gold texts of the first `pages` webtrain dev pages, when the data is
    there (real prose with real names, not tuned on); else none."""
    from itertools import islice

    from benchmarks.data import webtrain

    if not webtrain.available():
        return []
    return [page.gold for page in islice(webtrain.pages("dev"), pages)]


def below_floors(name: str, result: Result) -> list[str]:
    """Floors from `fixes_eval/floors.toml` that `result` does not reach."""
    measured = {"fix_rate": result.fix_rate, "false_changes": result.false_changes}
    return unmet_floors(FLOORS, name, measured)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 below the floors")
    args = parser.parse_args()
    failures = []
    print("| set | cases | fixed | fix rate | false changes |")
    print("| --- | ---: | ---: | ---: | ---: |")
    sets = (
        ("seeds", evaluate_seeds()),
        ("injected", evaluate_injected()),
        ("casing-seeds", evaluate_seed_casing()),
        ("casing-injected", evaluate_injected_casing()),
        ("casing-names-once", evaluate_names_written_once(_project_documents())),
    )
    gold = _webtrain_gold_documents()
    if gold:
        sets += (("casing-names-once-webtrain", evaluate_names_written_once(gold)),)
    for name, result in sets:
        print(
            f"| {name} | {result.cases} | {result.fixed} | {result.fix_rate:.3f} | "
            f"{result.false_changes} |"
        )
        failures += below_floors(name, result)
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if args.check and failures else 0


if __name__ == "__main__":
    sys.exit(main())
