"""The line model's judgement of a page: rounds of probabilities over the lines
no rule decided, each cut at the expected-F1 optimum, until a second cleaning
would drop nothing more."""

from __future__ import annotations

import numpy as np

from cleantext.cleaners.boilerplate.features import in_document, own_features
from cleantext.cleaners.boilerplate.model import LineModel, expected_f1_cut
from cleantext.cleaners.boilerplate.page import JUNK, OTHER, Page
from cleantext.text.repeats import repeated_blocks

CUT_RANGE = (0.2, 0.6)  # where a document's own cut may lie
MAX_MODEL_ROUNDS = 4


def judge_with_model(
    page: Page,
    model: LineModel,
    threshold: float | None,
    trailer: int | None,
    language: str = "und",
) -> None:
    """Mark the prose lines the model judges junk, among those no rule decided
    (and before any trailer), except the headline and the first article paragraph
    (the yardstick of the rules' head zone: were it to go, a second cleaning would
    see a longer head and judge its lines again).

    The first round sees the whole document, as the model was trained (a line
    next to a menu the rules took is still next to a menu); later rounds judge
    what a second cleaning would see (what is kept, without the repeats
    DropDuplicates takes out) until nothing more goes: what stays is a fixed
    point, so a second cleaning drops nothing more. The word priors are those
    for the document's `language` (`LineModel.priors_for`).
    """
    end = len(page.blocks) if trailer is None else trailer
    shown = list(range(len(page.blocks)))
    headline = page.headline()
    own = own_features(page.blocks, model.priors_for(language), page.tokens)
    for _ in range(MAX_MODEL_ROUNDS):
        blocks = [page.blocks[i] for i in shown]
        prose = np.array([block.is_prose for block in blocks], bool)
        if not prose.any():
            return
        open_ = np.array(
            [
                i < end
                and i not in (headline, page.body_start)
                and blocks[k].is_prose
                and page.verdict(i) == OTHER
                for k, i in enumerate(shown)
            ],
            bool,
        )
        if not open_.any():
            return
        judged = np.flatnonzero(open_)
        content = model.probabilities(in_document(blocks, own[shown]), prose, judged)
        cut = threshold
        if cut is None:
            words = np.array([page.words(i) for i in shown], float)
            kept = np.array([page.verdict(i) != JUNK for i in shown], bool)
            fixed = float(words[kept & ~open_].sum())  # tables, code, kept lines
            cut = expected_f1_cut(content, words[open_], fixed)
            cut = min(max(cut, CUT_RANGE[0]), CUT_RANGE[1])
        dropped = False
        for k, probability in zip(judged.tolist(), content.tolist(), strict=True):
            if probability < cut:
                line = page.lines[shown[k]]
                line.verdict, line.rule = JUNK, f"model p={probability:.2f}"
                dropped = True
        left = _as_it_will_be(page, shown)
        if not dropped and left == shown:
            return
        shown = left


def _as_it_will_be(page: Page, shown: list[int]) -> list[int]:
    """The blocks of `shown` a second cleaning would see: those not judged junk,
    without the repeats DropDuplicates takes out after this cleaner."""
    kept = [i for i in shown if page.verdict(i) != JUNK]
    repeats = repeated_blocks(
        [page.blocks[i] for i in kept], keys=[page.key(i) for i in kept]
    )
    return [i for k, i in enumerate(kept) if k not in repeats]
