"""Train DropBoilerplate's line model on the webtrain pages, deterministically.

    python -m benchmarks.training.line_model --data ../shared/webtrain

writes `cleantext/rules/line-model.npz` (two stages of trees and the word priors)
from the train split only. The steps:

1. Each page's two shipped renderings (plain-text scrape and Markdown), one more
   made by another tool (`benchmarks.data.renderings`, one per page in turn), and
   its gold text as a document with no junk at all, are normalised as the default
   pipeline does before DropBoilerplate (FixUnicode, NormalizeWhitespace) and
   split into blocks; each prose block is labelled by PROVENANCE.md's rule. The
   renderers not in `ROTATED` (html-text, markdownify) are never trained on:
   their dev scores estimate how the model does on a scraper it has not seen.
2. Word priors (smoothed log-odds of a word in content vs boilerplate blocks) are
   counted on train pages, kept for words seen on at least `MIN_SITES` sites. The
   blocks the trees learn from get priors counted without their own site's fold
   (five folds by site), so that the trees do not learn to trust priors that saw
   their labels.
3. Stage one (CatBoost oblivious trees, the `train` extra; inference needs only
   numpy) learns from both renderings, each block weighted by its words (the score
   is a word score). Its verdicts on the train blocks come from five models that
   did not see the block's site; stage two learns from the features and those
   verdicts around each block (`features.verdict_features`).
The word priors are English: renderings of pages in other languages, and a share
of the others (`NO_PRIOR_SHARE`), are trained on without them, as DropBoilerplate
judges a page in another language.
Seeded, with a fixed thread count: the same data gives the same file.

Requires the `train` extra: pip install -e '.[train]'.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import multiprocessing
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmarks.data import webtrain
from cleantext import FixUnicode, NormalizeWhitespace, Pipeline
from cleantext.cleaners.boilerplate.features import (
    FEATURE_NAMES,
    block_features,
    prior_tokens,
    verdict_features,
)
from cleantext.cleaners.boilerplate.model import (
    MODEL_FILE,
    LineModel,
    ObliviousTrees,
    priors_speak,
)
from cleantext.text.blocks import Block, split_blocks
from cleantext.text.language import identify_language

FOLDS = 5
MIN_SITES = 5  # a word's prior is kept only when it occurs on this many sites
MIN_COUNT = 10
MAX_WORDS = 40_000
SEED = 20261201
TREES = {"iterations": 600, "depth": 6, "learning_rate": 0.1, "border_count": 128}
THREADS = 2  # part of the recipe: CatBoost's result depends on the thread count

_PREPARE = Pipeline([FixUnicode(), NormalizeWhitespace()], max_chars=None)


@dataclass
class Rendering:
    """One rendering of one page, ready for features: its blocks and labels."""

    dataset: str
    key: str
    site: str
    split: str
    rendering: str
    gold: str
    text: str
    blocks: list[Block]
    labels: list[int]  # per block: 1 content, 0 boilerplate, -1 no words
    language: str

    @property
    def fold(self) -> int:
        return int(hashlib.sha1(self.site.encode()).hexdigest(), 16) % FOLDS

    @property
    def in_prior_language(self) -> bool:
        """Whether the priors speak its language (an undetermined one counts)."""
        return priors_speak(PRIOR_LANGUAGES, self.language)

    @property
    def with_priors(self) -> bool:
        """Whether its blocks are trained on with word priors: pages in the priors'
        language, but for a fixed share trained as if in another."""
        draw = _draw(f"{self.key}/{self.rendering}/priors")
        return self.in_prior_language and draw >= NO_PRIOR_SHARE


def _draw(name: str) -> float:
    """A fixed number in [0, 1) for `name`: the seeded choices of training."""
    return int(hashlib.sha1(f"{SEED}/{name}".encode()).hexdigest(), 16) % 10_000 / 1e4


def prepared(page: webtrain.Page, rendering: str) -> Rendering | None:
    """A rendering normalised as the pipeline leaves it before DropBoilerplate,
    split into blocks, each labelled against the gold text; None when its
    renderer failed on the page."""
    raw = page.rendering(rendering)
    if raw is None:
        return None
    text = _PREPARE.clean(raw)
    blocks = split_blocks(text)
    spans, offset = [], 0
    for block in blocks:
        spans.append((offset, offset + len(block.text)))
        offset += len(block.text) + len(block.sep)
    labels = webtrain.span_labels(text, page.gold, spans)
    return Rendering(
        page.dataset,
        page.key,
        page.site,
        page.split,
        rendering,
        page.gold,
        text,
        blocks,
        labels,
        identify_language(text).language,
    )


# The gold text is trained on as a rendering too, every block of it content: a
# document with no junk must come out whole (clean prose fed in is kept, at 99.5%
# of its words or more), and pages alone never show the model one.
TRAINING_RENDERINGS = (*webtrain.RENDERINGS, "gold")
# Renderings by other tools: each page is trained on in one of them, in turn.
ROTATED = ("html2text", "soup", "resiliparse", "trafilatura")
PRIOR_LANGUAGES = ("en",)  # the languages of the train pages the priors count
NO_PRIOR_SHARE = 0.15
# Its blocks weigh this much more than a scraped page's: clean text is where a
# wrong drop costs most (dev gold texts, mean kept: weight 1 with two renderings
# 90.7% of the tokens; weight 3, 99.14%; with a third rendering, weight 3 98.90%
# and weight 6 98.94%).
GOLD_WEIGHT = 6.0


def chosen_renderings(page: webtrain.Page) -> tuple[str, ...]:
    """The renderings a page is trained in: the shipped two, its gold text, and
    one of `ROTATED`, chosen by its key."""
    turn = int(_draw(f"{page.key}/rotated") * len(ROTATED))
    return (*TRAINING_RENDERINGS, ROTATED[turn])


def _prepare_page(page: webtrain.Page) -> list[Rendering]:
    found = (prepared(page, name) for name in chosen_renderings(page))
    return [rendering for rendering in found if rendering is not None]


def renderings(split: str, data: Path, jobs: int = 2) -> list[Rendering]:
    """The training renderings of the split's pages, in the data's fixed order."""
    pages = list(webtrain.pages(split, path=data, others=ROTATED))
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return [r for found in pool.map(_prepare_page, pages, 8) for r in found]


def trainable(rendering: Rendering) -> Iterator[tuple[int, int]]:
    """(block index, label) of the blocks a model judges: labelled prose."""
    for i, (block, label) in enumerate(
        zip(rendering.blocks, rendering.labels, strict=True)
    ):
        if block.is_prose and label >= 0:
            yield i, label


@dataclass
class PriorCounts:
    """Per word: content blocks, boilerplate blocks and sites it occurs in."""

    content: Counter
    boilerplate: Counter
    sites: dict[str, set[str]]
    blocks: Counter  # label -> number of blocks

    @classmethod
    def of(cls, items: list[Rendering]) -> PriorCounts:
        counts = cls(Counter(), Counter(), {}, Counter())
        for rendering in items:
            if not rendering.in_prior_language:
                continue
            for i, label in trainable(rendering):
                counts.blocks[label] += 1
                words = set(prior_tokens(rendering.blocks[i].text))
                (counts.content if label else counts.boilerplate).update(words)
                for word in words:
                    counts.sites.setdefault(word, set()).add(rendering.site)
        return counts

    def priors(self) -> dict[str, float]:
        """Smoothed log-odds of content for the words frequent and widespread
        enough, the `MAX_WORDS` most frequent of them."""
        total = self.content + self.boilerplate
        words = [
            word
            for word, count in total.most_common()
            if count >= MIN_COUNT and len(self.sites.get(word, ())) >= MIN_SITES
        ][:MAX_WORDS]
        base = math.log((self.blocks[1] + 1) / (self.blocks[0] + 1))
        return {
            word: round(
                math.log((self.content[word] + 1) / (self.boilerplate[word] + 1))
                - base,
                3,
            )
            for word in sorted(words)
        }


@dataclass
class Rows:
    """The trainable blocks of many renderings: features, labels, word weights,
    and which rendering and block each row is."""

    features: np.ndarray
    labels: np.ndarray
    owners: np.ndarray
    blocks: np.ndarray
    clean: np.ndarray  # rows from a gold text

    @property
    def weights(self) -> np.ndarray:
        """Rows weighted by their words, as the word score weighs them, and gold
        texts' rows by `GOLD_WEIGHT` more."""
        words = np.expm1(self.features[:, FEATURE_NAMES.index("words")])  # log1p
        return np.maximum(words, 1.0) * np.where(self.clean, GOLD_WEIGHT, 1.0)


def rows_of(items: list[Rendering], priors_of) -> Rows:
    """Features, labels and origins of every trainable block."""
    features, labels, owners, blocks, clean = [], [], [], [], []
    for index, rendering in enumerate(items):
        rows = list(trainable(rendering))
        if not rows:
            continue
        table = block_features(rendering.blocks, priors_of(rendering))
        features.append(table[[i for i, _ in rows]])
        labels.extend(label for _, label in rows)
        owners.extend([index] * len(rows))
        blocks.extend(i for i, _ in rows)
        clean.extend([rendering.rendering == "gold"] * len(rows))
    return Rows(
        np.vstack(features),
        np.array(labels, np.int8),
        np.array(owners, np.int32),
        np.array(blocks, np.int32),
        np.array(clean, bool),
    )


def out_of_fold_priors(items: list[Rendering]):
    """Priors for each rendering counted without its own fold (none for those
    trained without priors)."""
    by_fold = {
        fold: PriorCounts.of([r for r in items if r.fold != fold]).priors()
        for fold in range(FOLDS)
    }
    return lambda rendering: by_fold[rendering.fold] if rendering.with_priors else {}


def fit(features: np.ndarray, labels: np.ndarray, weights: np.ndarray):
    """One stage of trees (CatBoost, seeded, `THREADS` threads)."""
    from catboost import CatBoostClassifier, Pool

    model = CatBoostClassifier(
        **TREES, thread_count=THREADS, random_seed=SEED, verbose=0
    )
    model.fit(Pool(features, labels, weight=weights))
    return model


def trees_of(model) -> ObliviousTrees:
    """A CatBoost model's trees, through its JSON form."""
    import json
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.json"
        model.save_model(str(path), format="json")
        return ObliviousTrees.from_catboost(json.loads(path.read_text("utf-8")))


def verdict_rows(
    items: list[Rendering], rows: Rows, verdicts: np.ndarray
) -> np.ndarray:
    """Stage two's extra columns for every row: the verdict features of its
    rendering, from the first stage's out-of-fold verdicts (0.5 for blocks it
    does not judge). Rows are in rendering order, as `rows_of` makes them."""
    parts = []
    for index in np.unique(rows.owners):
        rendering = items[index]
        mine = rows.owners == index
        probabilities = np.full(len(rendering.blocks), 0.5)
        probabilities[rows.blocks[mine]] = verdicts[mine]
        prose = np.array([block.is_prose for block in rendering.blocks], bool)
        parts.append(verdict_features(probabilities, prose)[rows.blocks[mine]])
    return np.vstack(parts)


def train(data: Path, output: Path) -> LineModel:
    """Train both stages on the train split and write the model file."""
    items = renderings("train", data)
    rows = rows_of(items, out_of_fold_priors(items))
    print(
        f"{len(rows.labels):,} blocks, {rows.labels.mean():.3f} content",
        file=sys.stderr,
    )
    folds = np.array([items[i].fold for i in rows.owners])
    verdicts = np.zeros(len(rows.labels))
    for fold in range(FOLDS):
        seen = folds != fold
        model = fit(rows.features[seen], rows.labels[seen], rows.weights[seen])
        verdicts[~seen] = model.predict_proba(rows.features[~seen])[:, 1]
    first = fit(rows.features, rows.labels, rows.weights)
    both = np.hstack([rows.features, verdict_rows(items, rows, verdicts)])
    second = fit(both, rows.labels, rows.weights)
    model = LineModel(
        trees_of(first),
        trees_of(second),
        PriorCounts.of(items).priors(),
        {
            "trees": TREES,
            "seed": SEED,
            "gold_weight": GOLD_WEIGHT,
            "train_blocks": len(rows.labels),
            "renderings": [*TRAINING_RENDERINGS, *ROTATED],
            "prior_languages": list(PRIOR_LANGUAGES),
            "no_prior_share": NO_PRIOR_SHARE,
        },
    )
    model.save(output)
    return model


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=webtrain.data_dir())
    parser.add_argument("-o", "--output", type=Path, default=MODEL_FILE)
    args = parser.parse_args()
    if not webtrain.available(args.data):
        parser.error(f"no webtrain data in {args.data} (see its PROVENANCE.md)")
    train(args.data, args.output)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
