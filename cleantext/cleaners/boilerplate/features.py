"""The features of every block of a document, from its text alone, as the line model
sees them: one row per block, one column per name in `FEATURE_NAMES`.

A block's own features (length, words, stop words, closing punctuation, capitals,
digits, symbols, URL and e-mail likeness, list and heading marks, indentation,
emphasis, repeats within the document, and word priors: how much more often its
words occur in content lines than in boilerplate lines of the training pages) are
joined by those of its neighbours within three blocks, by averages over windows of
3, 10 and 30 blocks either side, and by where it stands: its position, its length
against the document's long lines, its distance to the nearest long
sentence-like line (the article body) and to the document's main run of prose,
and what kind of page the whole document is (shares of short and link-like
blocks, its words' priors).
Training (benchmarks/training/line_model.py) and DropBoilerplate compute them
with this one function, so they cannot drift apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from functools import partial
from itertools import repeat
from math import log1p
from operator import is_not, itemgetter

import numpy as np
import regex

from cleantext.text.blocks import CODE, HEADING, LIST_ITEM, TABLE, Block
from cleantext.text.words import COUNTED_WORD, stopwords

_URL = regex.compile(
    r"https?://|www\.|\b[\w-]+\.(?:com|org|net|io|co|uk|de|html?|php)\b"
)
_URL_HINTS = ("://", "www.", ".com", ".org", ".net", ".io", ".co", ".uk", ".de", ".htm")
_EMAIL = regex.compile(r"\S@[\w-]+\.\w")
_SEPARATORS = ("|", "»", "›", "·", "•", "/", ">", "→", " - ", " – ", " — ")
_CLOSERS = "\"'’”»)]*_ \t"
_PUNCTUATION = tuple(".,;:!?'\"’‘“”()[]-")  # the rest of what is not a word: symbols
_SENTENCE_BREAK = regex.compile(r"[.!?][\"'’”)]*\s+[\"'“‘(]*\p{Lu}")
_LONG_WORDS = 15  # a block this long that ends like a sentence is body-like
_SHORT_WORDS = 4  # blocks this short, one after another, are menus and link lists
_NEIGHBOURS = (-3, -2, -1, 1, 2, 3)
_WINDOWS = (3, 10, 30)
_RUN_PENALTY = 0.3  # what a block that is not body-like costs the main run
_IS_NOT_NONE = partial(is_not, None)  # C-level tests for maps over every word
_FIRST = itemgetter(0)

BLOCK_FEATURES = (
    "chars",
    "words",
    "stop_share",
    "terminal",
    "colon_end",
    "comma_end",
    "capital_share",
    "caps_share",
    "digit_share",
    "symbol_share",
    "url",
    "email",
    "separators",
    "list_item",
    "atx_heading",
    "heading",
    "table",
    "code",
    "indent",
    "word_length",
    "emphasis",
    "sentences",
    "copyright",
    "prior_mean",
    "prior_min",
    "prior_max",
    "prior_known",
    "repeats",
    "quote",
    "escapes",
)
_NEIGHBOUR_FEATURES = (
    "words",
    "stop_share",
    "terminal",
    "prior_mean",
    "list_item",
    "heading",
    "capital_share",
)
FEATURE_NAMES = (
    *BLOCK_FEATURES,
    *(f"{name}@{offset:+d}" for offset in _NEIGHBOURS for name in _NEIGHBOUR_FEATURES),
    *(f"{name}~{width}" for width in _WINDOWS for name in ("words", "body", "prior")),
    "short_run",
    "prior_vs_document",
    "words_vs_document",
    "position",
    "position_from_end",
    "relative_length",
    "body_before",
    "body_after",
    "body_distance_before",
    "body_distance_after",
    "document_blocks",
    "document_body_share",
    "document_markup_share",
    "document_short_share",
    "document_link_share",
    "document_prior",
    "document_prior_known",
    "in_main_run",
    "main_run_distance",
    "main_run_share",
)
_COLUMN = {name: i for i, name in enumerate(BLOCK_FEATURES)}
_NEIGHBOUR_COLUMNS = [_COLUMN[name] for name in _NEIGHBOUR_FEATURES]


def prior_tokens(text: str) -> list[str]:
    """The tokens word priors are kept for: lower-cased words (`COUNTED_WORD`)."""
    return [word.lower() for word in COUNTED_WORD.findall(text)]


def block_features(blocks: Sequence[Block], priors: Mapping[str, float]) -> np.ndarray:
    """A float32 matrix: one row per block, the columns of `FEATURE_NAMES`."""
    return in_document(blocks, own_features(blocks, priors))


def own_features(
    blocks: Sequence[Block],
    priors: Mapping[str, float],
    words: Sequence[list[str]] | None = None,
) -> np.ndarray:
    """The columns of `BLOCK_FEATURES` that depend on each block alone (all but
    `repeats`): computed once per document and reused for any selection of its
    blocks. `words` are each block's `COUNTED_WORD` tokens, when the caller has
    found them already."""
    if words is None:
        words = block_words(blocks)
    rows = list(map(_own_features, blocks, words, repeat(priors)))
    return np.array(rows, np.float32).reshape(len(blocks), len(BLOCK_FEATURES))


def block_words(blocks: Sequence[Block]) -> list[list[str]]:
    """Each block's words (`COUNTED_WORD`): what its own features and its line
    score are computed from."""
    return [COUNTED_WORD.findall(block.text) for block in blocks]


def in_document(blocks: Sequence[Block], own: np.ndarray) -> np.ndarray:
    """The full feature matrix of `blocks` as one document, from their rows of
    `own_features`: repeats, neighbours, windows and position added."""
    if not blocks:
        return np.zeros((0, len(FEATURE_NAMES)), np.float32)
    own = own.copy()
    own[:, _COLUMN["repeats"]] = np.log1p(_repeats(blocks))
    return np.hstack([own, _context(own)]).astype(np.float32)


def _own_features(
    block: Block, words: list[str], priors: Mapping[str, float]
) -> list[float]:
    """The block's own columns from its words (`COUNTED_WORD`) and C-level string
    methods (counts, affixes, maps over the words), so that the cost per block
    stays near that of finding its words."""
    text = block.text
    lowered = list(map(str.lower, words))
    count = len(words)
    known = list(filter(_IS_NOT_NONE, map(priors.get, lowered)))
    per_word = count or 1
    letters = sum(map(len, words))
    stripped = text.rstrip()
    last = stripped.rstrip(_CLOSERS)[-1:]
    visible = len(text) - text.count(" ") or 1
    punctuation = sum(map(text.count, _PUNCTUATION))
    indent = len(text) - len(text.lstrip())
    return [
        log1p(len(text)),
        log1p(count),
        sum(map(stopwords().__contains__, lowered)) / per_word,
        last in ".!?…",
        last == ":",
        last in ",;–—-",
        sum(map(str.isupper, map(_FIRST, words))) / per_word,
        sum(map(str.isupper, words)) / per_word,
        sum(map(len, filter(str.isdigit, words))) / visible,
        max(visible - letters - punctuation, 0) / visible,
        any(map(text.__contains__, _URL_HINTS)) and _URL.search(text) is not None,
        "@" in text and _EMAIL.search(text) is not None,
        log1p(sum(map(text.count, _SEPARATORS))),
        block.kind == LIST_ITEM,
        text[indent : indent + 1] == "#",
        block.kind == HEADING,
        block.kind == TABLE,
        block.kind == CODE,
        log1p(indent),
        letters / per_word,
        "**" in text or "__" in text,
        log1p(len(_SENTENCE_BREAK.findall(text))) if ". " in text else 0.0,
        "©" in text or "opyright" in text or "(c)" in text,
        sum(known) / len(known) if known else 0.0,
        min(known, default=0.0),
        max(known, default=0.0),
        len(known) / per_word,
        0.0,  # repeats: filled in for the whole document at once
        text[indent : indent + 1] == ">",
        log1p(text.count("\\")),
    ]


def _repeats(blocks: Sequence[Block]) -> np.ndarray:
    """How many other blocks of the document have the same text, ignoring case
    and spacing."""
    keys = [" ".join(block.text.casefold().split()) for block in blocks]
    counts = Counter(keys)
    return np.array([counts[key] - 1 if key else 0 for key in keys], np.float32)


def _context(own: np.ndarray) -> np.ndarray:
    """The neighbour, window and position columns, computed with array shifts and
    cumulative sums: linear in the number of blocks, a few dozen array operations
    per document."""
    n = len(own)
    reach = max(_NEIGHBOURS)
    padded = np.full((n + 2 * reach, len(_NEIGHBOUR_COLUMNS)), -1.0, np.float32)
    padded[reach : reach + n] = own[:, _NEIGHBOUR_COLUMNS]
    neighbours = [padded[reach + offset : reach + offset + n] for offset in _NEIGHBOURS]
    words = own[:, _COLUMN["words"]]
    prior = own[:, _COLUMN["prior_mean"]]
    body = (words >= np.log1p(_LONG_WORDS)) & (own[:, _COLUMN["terminal"]] > 0)
    body = body.astype(np.float32)
    windowed = _window_means(np.column_stack([words, body, prior]), _WINDOWS)
    index = np.arange(n, dtype=np.float32)
    lengths = own[:, _COLUMN["chars"]]
    total_body = float(body.sum())
    before = np.cumsum(body) - body
    after = total_body - before - body
    span = max(n - 1, 1)
    markup = (
        own[:, _COLUMN["list_item"]]
        + own[:, _COLUMN["atx_heading"]]
        + own[:, _COLUMN["emphasis"]]
    ) > 0
    extra = np.column_stack(
        [
            windowed,
            np.log1p(_run_lengths(words <= np.log1p(_SHORT_WORDS))),
            prior - _median(prior),
            words - _median(words),
            index / span,
            (n - 1 - index) / span,
            lengths - np.sort(lengths)[int(0.9 * (n - 1))],
            before / (total_body or 1.0),
            after / (total_body or 1.0),
            np.log1p(_distance(body, forward=True)),
            np.log1p(_distance(body, forward=False)),
            np.full(n, np.log1p(n)),
            np.full(n, total_body / n),
            np.full(n, float(markup.mean())),
            *_page_kind(own, words),
            *_main_run(body, own[:, _COLUMN["code"]] + own[:, _COLUMN["table"]]),
        ]
    )
    return np.hstack([*neighbours, extra])


def _page_kind(own: np.ndarray, words: np.ndarray) -> list[np.ndarray]:
    """What kind of page the document is, the same for all its blocks: the share
    of short blocks and of link-like ones (listings, collections and product pages
    are made of them), its mean word prior, and how many of its words have a prior
    at all (few: a language the priors were not counted in, or none given)."""
    n = len(own)
    links = (own[:, _COLUMN["url"]] > 0) | (own[:, _COLUMN["separators"]] > 0)
    return [
        np.full(n, float((words <= np.log1p(_SHORT_WORDS)).mean())),
        np.full(n, float(links.mean())),
        np.full(n, float(own[:, _COLUMN["prior_mean"]].mean())),
        np.full(n, float(own[:, _COLUMN["prior_known"]].mean())),
    ]


def _main_run(body: np.ndarray, neutral: np.ndarray) -> list[np.ndarray]:
    """Where the article body most likely is: the run of blocks with the most
    body-like blocks in it, each other prose block counting against it (Kadane's
    maximum-sum subarray; tables and code count neither way). For each block:
    whether it is in that run, how many blocks away from it, and the run's share
    of the document."""
    n = len(body)
    score = np.where(body > 0, 1.0, np.where(neutral > 0, 0.0, -_RUN_PENALTY))
    best, best_start, best_end = 0.0, 0, 0
    total, start = 0.0, 0
    for i, value in enumerate(score.tolist()):
        if total <= 0:
            total, start = 0.0, i
        total += value
        if total > best:
            best, best_start, best_end = total, start, i + 1
    index = np.arange(n)
    inside = (index >= best_start) & (index < best_end) & (best > 0)
    distance = np.where(
        index < best_start, best_start - index, np.maximum(index - best_end + 1, 0)
    )
    return [
        inside.astype(np.float32),
        np.log1p(np.where(best > 0, distance, n)),
        np.full(n, (best_end - best_start) / n if best > 0 else 0.0),
    ]


def _median(values: np.ndarray) -> float:
    ordered = np.sort(values)
    return float(ordered[len(ordered) // 2])


def _window_means(columns: np.ndarray, widths: Sequence[int]) -> np.ndarray:
    """The means of each column over the blocks within each of `widths` of each
    block: one column per (width, column), widths first; all widths at once from
    one cumulative sum."""
    n, width_count = len(columns), len(widths)
    sums = np.vstack([np.zeros((1, columns.shape[1])), np.cumsum(columns, axis=0)])
    index = np.arange(n)[:, None]
    reach = np.asarray(widths)
    low = np.maximum(index - reach, 0)  # (blocks, widths)
    high = np.minimum(index + reach + 1, n)
    means = (sums[high] - sums[low]) / (high - low)[:, :, None]
    return means.reshape(n, width_count * columns.shape[1])


def _run_lengths(flags: np.ndarray) -> np.ndarray:
    """For each block, the length of the run of flagged blocks it is in (0 when
    it is not flagged)."""
    n = len(flags)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], flags.astype(np.int8), [0]])))
    lengths = np.zeros(n, np.float32)
    for start, end in zip(edges[::2], edges[1::2], strict=True):
        lengths[start:end] = end - start
    return lengths


def _distance(flags: np.ndarray, forward: bool) -> np.ndarray:
    """Blocks from each block to the nearest flagged one before it (forward) or
    after it; the document's length when there is none."""
    n = len(flags)
    where = np.flatnonzero(flags)
    index = np.arange(n)
    if not len(where):
        return np.full(n, float(n))
    if forward:
        slot = np.searchsorted(where, index, side="right") - 1
        found = slot >= 0
        nearest = where[np.maximum(slot, 0)]
        return np.where(found, index - nearest, n).astype(np.float32)
    slot = np.searchsorted(where, index, side="left")
    found = slot < len(where)
    nearest = where[np.minimum(slot, len(where) - 1)]
    return np.where(found, nearest - index, n).astype(np.float32)


_VERDICT_NEIGHBOURS = (-5, -3, -2, -1, 1, 2, 3, 5)
_VERDICT_WINDOWS = (2, 5, 10, 30)
VERDICT_FEATURE_NAMES = (
    *(f"verdict@{offset:+d}" for offset in _VERDICT_NEIGHBOURS),
    *(f"verdict~{width}" for width in _VERDICT_WINDOWS),
    "content_distance_before",
    "content_distance_after",
    "content_run",
    "content_before",
    "content_after",
    "document_verdict",
    "verdict",
)


def verdict_features(probabilities: np.ndarray, prose: np.ndarray) -> np.ndarray:
    """Columns from a first judgement of every block (the probability that it is
    content; blocks that are not prose count as content): the verdicts on its
    neighbours and around it, how far the nearest likely content is, and its own."""
    n = len(probabilities)
    verdicts = np.where(prose, probabilities, 1.0)
    reach = max(_VERDICT_NEIGHBOURS)
    padded = np.full(n + 2 * reach, -1.0)
    padded[reach : reach + n] = verdicts
    columns = [
        padded[reach + offset : reach + offset + n] for offset in _VERDICT_NEIGHBOURS
    ]
    columns += list(_window_means(verdicts[:, None], _VERDICT_WINDOWS).T)
    likely = verdicts >= 0.5
    total = float(likely.sum())
    before = np.cumsum(likely) - likely
    columns += [
        np.log1p(_distance(likely, forward=True)),
        np.log1p(_distance(likely, forward=False)),
        np.log1p(_run_lengths(likely)),
        before / (total or 1.0),
        (total - before - likely) / (total or 1.0),
        np.full(n, verdicts.mean() if n else 0.0),
        probabilities,
    ]
    return np.column_stack(columns).astype(np.float32)
