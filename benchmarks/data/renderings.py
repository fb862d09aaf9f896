"""More renderings of the webtrain pages: the same HTML turned into text the ways
people scrape it, so that junk removal is trained and measured on more than two.

    python -m benchmarks.data.renderings            # render every page, once

Each renderer is a common tool at its documented defaults (the settings are the
ones a user who does not tune them gets). Renderings are third-party text like
the pages themselves: they are cached outside the repository (default
`../cache/webtrain-renderings`, or `$CLEANTEXT_RENDERINGS`), one gzip JSON Lines
file per dataset, `{"key", <renderer>: text or null}`, and never committed. The
training renderers need the `train` extra's tools (html2text, inscriptis,
beautifulsoup4, resiliparse, html-text, markdownify, trafilatura); reading a cache
needs none of them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks.data import webtrain
from cleantext.pipeline.budget import interrupt_after

TIME_LIMIT = 30  # seconds per page and renderer; a page over it has no rendering


def _html2text(html: str) -> str:
    import html2text

    return html2text.html2text(html)


def _soup(html: str) -> str:
    import warnings

    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

    warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)
    return BeautifulSoup(html, "lxml").get_text("\n")


def _html_text(html: str) -> str:
    import html_text

    return html_text.extract_text(html)


def _resiliparse(html: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    return extract_plain_text(HTMLTree.parse(html))


def _markdownify(html: str) -> str:
    import markdownify

    return markdownify.markdownify(html)


def _trafilatura(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


@dataclass(frozen=True)
class Renderer:
    """A way to turn a page's HTML into text, and the family it belongs to (two
    settings of one tool are one family: a model that saw one has seen both)."""

    name: str
    family: str
    render: Callable[[str], str]
    description: str
    module: str  # what it imports: the package the `train` extra installs


# The two renderings that ship with webtrain ("naive", "markdown") are listed in
# webtrain.RENDERINGS; these are made here from the HTML.
RENDERERS = (
    Renderer(
        "html2text",
        "html2text",
        _html2text,
        "html2text `html2text(html)`: Markdown, links and images kept, wrapped at 78",
        "html2text",
    ),
    Renderer(
        "soup",
        "soup",
        _soup,
        "BeautifulSoup(html, 'lxml').get_text('\\n'): every text node, scripts too",
        "bs4",
    ),
    Renderer(
        "resiliparse",
        "resiliparse",
        _resiliparse,
        "resiliparse `extract_plain_text` at its defaults (whole page)",
        "resiliparse",
    ),
    Renderer(
        "trafilatura",
        "trafilatura",
        _trafilatura,
        "trafilatura `extract(html)`: text a main-content extractor already kept",
        "trafilatura",
    ),
    Renderer(
        "html-text",
        "html-text",
        _html_text,
        "html-text `extract_text(html)` (Scrapy's): text with guessed line breaks",
        "html_text",
    ),
    Renderer(
        "markdownify",
        "markdownify",
        _markdownify,
        "markdownify `markdownify(html)`: Markdown with links and images",
        "markdownify",
    ),
)
BY_NAME = {renderer.name: renderer for renderer in RENDERERS}
FAMILIES = {"naive": "inscriptis", "markdown": "html2text"} | {
    r.name: r.family for r in RENDERERS
}
ALL = (*webtrain.RENDERINGS, *BY_NAME)


def cache_dir() -> Path:
    """Where rendered pages are kept: `$CLEANTEXT_RENDERINGS`, else
    ../cache/webtrain-renderings next to the repository."""
    default = webtrain.ROOT.parent / "cache/webtrain-renderings"
    return Path(os.environ.get("CLEANTEXT_RENDERINGS", default))


def _render_record(line: str) -> str:
    """One cache line for one HTML record: every renderer's text, or null where
    it failed or ran over `TIME_LIMIT`."""
    record = json.loads(line)
    out: dict[str, str | None] = {"key": record["key"]}
    for renderer in RENDERERS:
        try:
            with interrupt_after(TIME_LIMIT):
                out[renderer.name] = renderer.render(record["html"])
        except Exception:  # failed or over time (OverBudget): no rendering of it
            out[renderer.name] = None
    return json.dumps(out, ensure_ascii=False)


def render(data: Path, cache: Path, jobs: int = 2) -> None:
    """Render every page of every dataset into `cache`, skipping datasets done."""
    cache.mkdir(parents=True, exist_ok=True)
    for dataset in webtrain.DATASETS:
        target = cache / f"{dataset}.jsonl.gz"
        if target.exists():
            continue
        partial = target.with_suffix(".partial")
        with (
            gzip.open(
                data / "html" / f"{dataset}.jsonl.gz", "rt", encoding="utf-8"
            ) as f,
            gzip.open(partial, "wt", encoding="utf-8") as out,
            multiprocessing.get_context("fork").Pool(
                jobs, maxtasksperchild=200
            ) as pool,
        ):
            for count, line in enumerate(pool.imap(_render_record, f, 4), 1):
                out.write(line + "\n")
                if count % 200 == 0:
                    print(f"{dataset}: {count} pages", file=sys.stderr)
        partial.replace(target)
        print(f"wrote {target}", file=sys.stderr)


def available(cache: Path | None = None) -> bool:
    """Whether every dataset has been rendered into the cache."""
    folder = cache or cache_dir()
    return all((folder / f"{d}.jsonl.gz").is_file() for d in webtrain.DATASETS)


def read(dataset: str, cache: Path | None = None) -> Iterator[dict[str, str | None]]:
    """The cached renderings of one dataset's pages, in the data's order."""
    path = (cache or cache_dir()) / f"{dataset}.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=webtrain.data_dir())
    parser.add_argument("--cache", type=Path, default=cache_dir())
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if not webtrain.available(args.data):
        parser.error(f"no webtrain data in {args.data} (see its PROVENANCE.md)")
    render(args.data, args.cache, args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
