"""The webtrain pages (third-party benchmark data, read from a path, never copied
into the repository): loading, the labelling rule, and the bag-of-words score.

The data lives outside the repository (default `../shared/webtrain`, or the
`CLEANTEXT_WEBTRAIN` environment variable). Its PROVENANCE.md describes the files,
the licences, the labelling rule and the train/dev split by site.
"""

from __future__ import annotations

import gzip
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from urllib.parse import urlsplit

import regex

ROOT = Path(__file__).resolve().parents[2]
DATASETS = (
    "cleaneval",
    "cleanportaleval",
    "dragnet",
    "l3s-gn1",
    "readability",
    "scrapinghub",
    "wcxb",
)
RENDERINGS = ("naive", "markdown")
# Sources whose pages carry URLs, so that their dev split holds sites never seen in
# training (the others are split page by page): the test of unseen sites.
URL_SOURCES = ("cleaneval", "cleanportaleval", "scrapinghub", "wcxb")
_TOKEN = regex.compile(r"\w+")


def data_dir() -> Path:
    """Where the webtrain files are: `$CLEANTEXT_WEBTRAIN`, else ../shared/webtrain."""
    return Path(os.environ.get("CLEANTEXT_WEBTRAIN", ROOT.parent / "shared/webtrain"))


def available(path: Path | None = None) -> bool:
    """Whether the webtrain files are there to read."""
    return ((path or data_dir()) / "split.tsv").is_file()


# Labels under a two-letter country domain that make a third label part of the
# registrable domain (bbc.co.uk), as PROVENANCE.md lists them.
_SECOND_LEVEL = ("co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go", "gv")


@dataclass(frozen=True)
class Page:
    """One page: its source, key, site split, URL, gold text, its two renderings,
    its subset (WCXB's page type), and any renderings made since
    (`benchmarks.data.renderings`; None where a renderer failed)."""

    dataset: str
    key: str
    split: str
    url: str
    gold: str
    naive: str
    markdown: str
    subset: str = ""
    others: dict[str, str | None] = field(default_factory=dict, compare=False)

    @property
    def site(self) -> str:
        """The page's site group, by PROVENANCE.md's rule for split.tsv: the
        registrable domain of its URL; a page without a URL is its own group."""
        host = (urlsplit(self.url).hostname or "").lower()
        if not host:
            return f"key:{self.key}"
        parts = host.split(".")
        country_second_level = len(parts) > 2 and len(parts[-1]) == 2
        keep = 3 if country_second_level and parts[-2] in _SECOND_LEVEL else 2
        return "site:" + ".".join(parts[-keep:])

    @property
    def page_type(self) -> str:
        """WCXB's page type (article, forum, product, ...); "" for other sources."""
        return self.subset if self.dataset == "wcxb" else ""

    def rendering(self, name: str) -> str | None:
        """The text of a rendering: "naive", "markdown", "gold" itself, or one of
        `others` (None when its renderer failed on this page)."""
        if name in self.others:
            return self.others[name]
        return {"naive": self.naive, "markdown": self.markdown, "gold": self.gold}[name]


def splits(path: Path | None = None) -> dict[str, str]:
    """Page key -> "train" or "dev" (`split.tsv`)."""
    rows = (path or data_dir()).joinpath("split.tsv").read_text("utf-8").splitlines()
    return {
        key: split
        for _dataset, key, split in (row.split("\t") for row in rows[1:] if row)
    }


def pages(
    split: str | None = None,
    datasets: Iterable[str] = DATASETS,
    path: Path | None = None,
    others: Iterable[str] = (),
) -> Iterator[Page]:
    """The pages of `datasets` in their fixed order, those of `split` only when
    given, with the `others` renderings read from their cache
    (`benchmarks.data.renderings`)."""
    from benchmarks.data import renderings

    folder = path or data_dir()
    split_of = splits(folder)
    wanted = tuple(others)
    for dataset in datasets:
        extra = renderings.read(dataset) if wanted else None
        with gzip.open(folder / f"{dataset}.jsonl.gz", "rt", encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                rendered = next(extra) if extra is not None else {}
                if extra is not None and rendered["key"] != record["key"]:
                    raise ValueError(f"renderings out of order at {record['key']}")
                page_split = split_of[record["key"]]
                if split is not None and page_split != split:
                    continue
                yield Page(
                    dataset,
                    record["key"],
                    page_split,
                    record.get("url") or "",
                    record["gold"],
                    record["naive"],
                    record["markdown"] or "",
                    record.get("subset") or "",
                    {name: rendered[name] for name in wanted},
                )


def html(dataset: str, path: Path | None = None) -> Iterator[tuple[str, str]]:
    """(key, decoded HTML) of a dataset's pages, in the data's order
    (`html/<dataset>.jsonl.gz`, PROVENANCE.md)."""
    source = (path or data_dir()) / "html" / f"{dataset}.jsonl.gz"
    with gzip.open(source, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            yield record["key"], record["html"]


def real_sample(
    megabytes: float, split: str = "dev", path: Path | None = None
) -> list[tuple[str, str]]:
    """(text, HTML) of real scraped pages up to `megabytes` of text: the pages of
    `split` taken in turn from every source, each in its plain-text scrape or its
    Markdown, alternately. What the speed benchmark runs on beside its synthetic
    corpus (a scraper's text, with its layout padding and long lines)."""
    by_source = [list(pages(split, (dataset,), path)) for dataset in DATASETS]
    in_turn = (page for row in zip_longest(*by_source) for page in row if page)
    chosen: list[tuple[Page, str]] = []
    size = 0
    for page in in_turn:
        text = page.rendering(RENDERINGS[(len(chosen) + 1) % 2])
        chosen.append((page, text))
        size += len(text.encode("utf-8"))
        if size >= megabytes * 1_000_000:
            break
    keys = {page.key for page, _ in chosen}
    markup = {
        key: text
        for dataset in {page.dataset for page, _ in chosen}
        for key, text in html(dataset, path)
        if key in keys
    }
    return [(text, markup[page.key]) for page, text in chosen]


def tokens(text: str) -> list[str]:
    """Lower-cased `\\w+` tokens: the unit of the labels and of the score."""
    return _TOKEN.findall(text.lower())


def covered_tokens(text: str, gold: str) -> list[tuple[int, bool]]:
    """Each token of `text` (its start offset) and whether some word 3-gram holding
    it also occurs in `gold`: PROVENANCE.md's labelling rule, with the text taken
    as one token stream so that 3-grams cross line breaks."""
    gold_tokens = tokens(gold)
    grams = set(zip(gold_tokens, gold_tokens[1:], gold_tokens[2:], strict=False))
    found = [(m.start(), m.group().lower()) for m in _TOKEN.finditer(text)]
    words = [word for _, word in found]
    covered = [False] * len(words)
    for i in range(len(words) - 2):
        if (words[i], words[i + 1], words[i + 2]) in grams:
            covered[i] = covered[i + 1] = covered[i + 2] = True
    return [(start, flag) for (start, _), flag in zip(found, covered, strict=True)]


def span_labels(text: str, gold: str, spans: Iterable[tuple[int, int]]) -> list[int]:
    """The label of each (start, end) span of `text`: 1 when half or more of its
    tokens are covered by the gold text, 0 when fewer, -1 without tokens."""
    covered = covered_tokens(text, gold)
    labels = []
    k = 0
    for start, end in spans:
        while k < len(covered) and covered[k][0] < start:
            k += 1
        j, hits = k, 0
        while j < len(covered) and covered[j][0] < end:
            hits += covered[j][1]
            j += 1
        count = j - k
        labels.append(-1 if count == 0 else int(hits >= 0.5 * count))
    return labels


def word_scores(kept: str, gold: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of the kept text's tokens against the gold's, as
    multisets."""
    mine, theirs = Counter(tokens(kept)), Counter(tokens(gold))
    overlap = sum((mine & theirs).values())
    precision = overlap / sum(mine.values()) if mine else 0.0
    recall = overlap / sum(theirs.values()) if theirs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return precision, recall, f1
