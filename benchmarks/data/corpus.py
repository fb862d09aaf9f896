"""Generate a deterministic JSONL corpus of realistic dirty documents, of any size.

Each document recombines content from the repository (the seeds' paragraphs, the
labelled pages' content lines, the typo benchmark's clean prose, the seeds' tables)
with the junk the labelled pages mark (counters, bylines, app prompts, share rows,
"Related Articles" trailers), a repeated headline now and then, typos and spacing
errors of the kinds the benchmarks inject, and mojibake, entities and odd spaces on
some lines; some are written as a scraper writes a page (Markdown links and images,
or every line indented by the page's layout). No two documents are the same; the
same seed gives the same corpus. Documents stream to the file, so a 1 GB corpus
needs no more memory than 10 MB.

    python -m benchmarks.data.corpus --megabytes 100 -o corpus.jsonl [--seed N]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from benchmarks.data.corruptions import CORRUPTIONS, SINGLE_EDIT_KINDS, make_typo

ROOT = Path(__file__).resolve().parents[2]
ACCURACY = ROOT / "benchmarks" / "accuracy"  # the labelled texts live there
_WORD = regex.compile(r"(?<![\w@/\\.'’-])[a-z]{4,}(?![\w@/\\'’-]|[.:][\w/])")
_TRAILERS = ("Related Articles", "You may also like", "Comments", "More from News")


@dataclass
class Pools:
    """The material documents are assembled from."""

    paragraphs: list[str]
    headlines: list[str]
    junk: list[str]
    tables: list[str]

    @classmethod
    def load(cls) -> Pools:
        paragraphs, headlines, junk = [], [], []
        for path in sorted((ACCURACY / "junk_eval").glob("*/*.ann")):
            for line in path.read_text("utf-8").splitlines():
                label, _, text = line.partition("|")
                if label == "J" and text.strip():
                    junk.append(text)
                elif label == "K" and len(text.split()) >= 12:
                    paragraphs.append(text)
                elif label == "K" and 3 <= len(text.split()) < 12 and "|" not in text:
                    headlines.append(text)
        clean = sorted((ACCURACY / "typos_eval" / "clean").glob("*.txt"))
        for path in [*sorted((ROOT / "seeds" / "golden").glob("*.txt")), *clean]:
            for block in path.read_text("utf-8").split("\n"):
                if len(block.split()) >= 12 and "|" not in block:
                    paragraphs.append(block)
        tables = regex.findall(
            r"(?m)(?:^[^\n|]*\|[^\n]*\n){3,}",
            (ROOT / "seeds" / "003_0ef39dbe34457e6d.txt").read_text("utf-8"),
        )
        return cls(paragraphs, headlines, junk, tables)


def dirty(text: str, rng: random.Random) -> str:
    """A copy of `text` with encoding damage: mojibake, entities, no-break and
    zero-width spaces, trailing spaces, CRLF line ends or runs of blank lines."""
    mojibake = {"’": "â€™", "—": "â€”", "é": "Ã©", "“": "â€œ", "”": "â€\x9d"}
    out = []
    for line in text.split("\n"):
        roll = rng.random()
        if roll < 0.2:
            line = "".join(mojibake.get(ch, ch) for ch in line)
        elif roll < 0.3:
            line = line.replace(" & ", " &amp; ").replace(", ", ",\u00a0", 2)
        elif roll < 0.4:
            line = line.replace(" ", " \u200b", 1) + "   "
        out.append(line)
    separator = "\r\n" if rng.random() < 0.5 else "\n\n\n"
    return separator.join(out)


def sample(megabytes: float, seed: int = 20261122) -> list[str]:
    """The texts of the first documents of `documents(seed)` up to `megabytes`."""
    texts, size = [], 0
    for doc in documents(seed):
        texts.append(doc["text"])
        size += len(doc["text"].encode("utf-8"))
        if size >= megabytes * 1_000_000:
            return texts
    return texts


def documents(seed: int = 20261122) -> Iterator[dict[str, str]]:
    """An endless stream of {"id", "text"} documents."""
    pools = Pools.load()
    rng = random.Random(seed)
    number = 0
    while True:
        yield {"id": f"doc-{number:08d}", "text": _document(pools, rng)}
        number += 1


def _document(pools: Pools, rng: random.Random) -> str:
    headline = rng.choice(pools.headlines)
    lines = [headline]
    lines += rng.sample(pools.junk, rng.randint(0, 3))  # counters, bylines, prompts
    if rng.random() < 0.3:
        lines.append(headline)  # the scraper's second copy
    body = [_damage(p, rng) for p in rng.sample(pools.paragraphs, rng.randint(3, 25))]
    if rng.random() < 0.2:
        body.insert(rng.randrange(len(body) + 1), rng.choice(pools.tables).strip())
    for _ in range(rng.randint(0, 3)):
        body.insert(rng.randrange(len(body) + 1), rng.choice(pools.junk))
    lines += body
    if rng.random() < 0.4:
        lines.append(rng.choice(_TRAILERS))
        lines += rng.sample(pools.paragraphs, rng.randint(1, 4))
        lines += rng.sample(pools.junk, rng.randint(0, 2))
    text = ("\n\n" if rng.random() < 0.5 else "\n").join(lines) + "\n"
    scraper = rng.random()
    if scraper < 0.15:
        text = as_markdown_scrape(text, rng)
    elif scraper < 0.3:
        text = as_layout_scrape(text, rng)
    return dirty(text, rng) if rng.random() < 0.3 else text


def as_markdown_scrape(text: str, rng: random.Random) -> str:
    """`text` as a Markdown scraper writes a page: some words links, a logo image
    first."""

    def link(match: regex.Match) -> str:
        if rng.random() >= 0.05:
            return match.group()
        return f"[{match.group()}](https://example.org/{match.group().lower()}/)"

    return "![logo](https://example.org/logo.png)\n\n" + _WORD.sub(link, text)


def as_layout_scrape(text: str, rng: random.Random) -> str:
    """`text` as a plain-text scraper writes a page laid out in nested boxes:
    every line indented by its box's depth."""
    return "\n".join(
        " " * (2 * rng.randint(2, 8)) + line if line.strip() else line
        for line in text.split("\n")
    )


def _damage(paragraph: str, rng: random.Random) -> str:
    """Typos (one word in about 60) and, now and then, a spacing error."""

    def typo(match: regex.Match) -> str:
        if rng.random() >= 1 / 60:
            return match.group()
        wrong = make_typo(match.group(), rng.choice(SINGLE_EDIT_KINDS), rng)
        return wrong or match.group()

    paragraph = _WORD.sub(typo, paragraph)
    if rng.random() < 0.3:
        _, pattern, corruption = rng.choice(CORRUPTIONS)
        spots = list(regex.finditer(pattern, paragraph))
        if spots:
            spot = rng.choice(spots)
            paragraph = paragraph[: spot.start()] + corruption + paragraph[spot.end() :]
    return paragraph


def write_corpus(path: Path, megabytes: float, seed: int = 20261122) -> int:
    """Write documents to `path` until it holds `megabytes`; return their number."""
    limit, size, count = megabytes * 1_000_000, 0, 0
    with path.open("w", encoding="utf-8") as handle:
        for doc in documents(seed):
            line = json.dumps(doc, ensure_ascii=False) + "\n"
            handle.write(line)
            size += len(line.encode("utf-8"))
            count += 1
            if size >= limit:
                return count
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10.0)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args()
    count = write_corpus(args.output, args.megabytes, args.seed)
    print(f"{args.output}: {count} documents, {args.megabytes} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
