"""Junk removal on the webtrain dev split: pages of sites the model never saw.

    python -m benchmarks.accuracy.evaluate_webtrain [--data DIR] [--sample N]
        [--model FILE] [--quick | --shipped-only] [--renderings all] [--write]

For each rendering (by default the two shipped with the data, plain-text scrape
and Markdown; `--renderings all` adds those of `benchmarks.data.renderings`,
two of them never trained on) and source, the word precision,
recall and F1 of the kept text against the gold text (lower-cased `\\w+` tokens as
multisets, mean over pages) for: the text as it is; DropBoilerplate with the rules
alone; the model alone and rules with the model, at the shipped per-document cut
and at three fixed thresholds. Each runs the default pipeline's junk stage:
FixUnicode, NormalizeWhitespace, DropBoilerplate, DropDuplicates, FlattenLinks and
NormalizeLayout (the layout left is reported beside the F1). Then content
protection: the share of tokens kept when clean prose goes in (the project's clean
texts, and the dev pages' gold texts as they are), over all tokens and as a mean over
pages, with the pages that lose most. A summary table gives the shipped setting's F1
per rendering, per WCXB page type and for English and other pages. `--model`
evaluates a retrained model file before it replaces the shipped one. The full run
exits 1 below the floors of `webtrain_eval/floors.toml`;
tests/benchmarks/test_webtrain_eval.py checks the fixed sample's floors.

`--write` writes `webtrain_eval/RESULTS.md` beside this (numbers only: the pages
are third-party data and stay outside the repository).
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

import regex

from benchmarks.accuracy.floors import unmet_floors
from benchmarks.data import webtrain
from benchmarks.data.renderings import ALL, FAMILIES
from benchmarks.data.renderings import available as renderings_available
from cleantext import (
    Document,
    DropBoilerplate,
    DropDuplicates,
    FixUnicode,
    FlattenLinks,
    NormalizeLayout,
    NormalizeWhitespace,
    Pipeline,
)
from cleantext.cleaners.boilerplate.model import load_line_model
from cleantext.text.language import identify_language

ROOT = Path(__file__).resolve().parent
RESULTS = ROOT / "webtrain_eval" / "RESULTS.md"
FLOORS = ROOT / "webtrain_eval" / "floors.toml"
THRESHOLDS = (0.3, 0.5, 0.7)
SHIPPED = "rules+model"
PREPARE_STEPS = 2  # a setting's pipeline starts with FixUnicode, NormalizeWhitespace


@dataclass(frozen=True)
class Setting:
    """A way to remove junk: a name and the DropBoilerplate it uses (None: none)."""

    name: str
    mode: str | None = None
    threshold: float | None = None
    model_file: str = ""

    def pipeline(self) -> Pipeline:
        steps = [FixUnicode(), NormalizeWhitespace()]  # the first PREPARE_STEPS
        if self.mode is not None:
            steps += [
                DropBoilerplate(
                    mode=self.mode, threshold=self.threshold, model_file=self.model_file
                ),
                DropDuplicates(),
                FlattenLinks(),
                NormalizeLayout(),
            ]
        return Pipeline(steps, max_chars=None)


SHIPPED_NAME = f"{SHIPPED}, per-document cut"


def settings(
    full: bool = True, model_file: str = "", shipped_only: bool = False
) -> list[Setting]:
    """The text as it is, the rules alone, and the model with and without rules
    at the per-document cut (and, when `full`, at the fixed thresholds); or, when
    `shipped_only`, the text as it is and the shipped setting."""
    if shipped_only:
        return [Setting("as scraped"), Setting(SHIPPED_NAME, SHIPPED, None, model_file)]
    chosen = [Setting("as scraped"), Setting("rules", "rules")]
    for mode in ("model", "rules+model"):
        chosen.append(Setting(f"{mode}, per-document cut", mode, None, model_file))
        if full:
            chosen += [
                Setting(f"{mode}, t={t}", mode, t, model_file) for t in THRESHOLDS
            ]
    return chosen


def sample_keys(pages: Iterable[webtrain.Page], per_source: int) -> set[str]:
    """A fixed sample: the `per_source` pages of each source whose keys hash
    lowest (the same pages on every machine, whatever the data's order)."""
    by_source: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        by_source[page.dataset].append(page.key)
    chosen: set[str] = set()
    for keys in by_source.values():
        keys.sort(key=lambda k: hashlib.sha1(k.encode()).hexdigest())
        chosen.update(keys[:per_source])
    return chosen


@cache
def pipeline_of(setting: Setting) -> Pipeline:
    """The setting's pipeline, built once per process."""
    return setting.pipeline()


def _preload(chosen: Iterable[Setting]) -> None:
    """Load the settings' line models before forking: the workers share them."""
    for setting in chosen:
        if setting.mode not in (None, "rules"):
            load_line_model(setting.model_file)


def groups_of(page: webtrain.Page) -> tuple[str, ...]:
    """The groups a page's scores are reported in: all pages, its source, its
    WCXB page type, and English or not (its gold text's language)."""
    language = identify_language(page.gold).language
    kind = (f"type:{page.page_type}",) if page.page_type else ()
    return (
        "all",
        f"source:{page.dataset}",
        *kind,
        "language:" + ("english" if language == "en" else "other"),
    )


def _score_page(
    chosen: tuple[Setting, ...], renderings: tuple[str, ...], page: webtrain.Page
) -> tuple[tuple[str, ...], list[tuple[str, str | None, tuple]]]:
    """The page's groups, and (rendering, setting, (P, R, F1)) of the page in
    every setting; `(rendering, None, ())` for a rendering without a word, which
    no cleaner can score on (html2text rendered 33 L3S-GN1 pages empty: their
    `<head>` is never closed; PROVENANCE.md), or that its renderer failed on."""
    scores: list[tuple[str, str | None, tuple]] = []
    for rendering in renderings:
        text = page.rendering(rendering)
        if not text or not webtrain.tokens(text):
            scores.append((rendering, None, ()))
            continue
        for setting in chosen:
            kept = pipeline_of(setting).clean(text)
            scores.append(
                (
                    rendering,
                    setting.name,
                    (*webtrain.word_scores(kept, page.gold), *layout_left(kept)),
                )
            )
    return groups_of(page), scores


_LINE_INDENT = regex.compile(r"(?m)^ +(?=\S)")


def layout_left(text: str) -> tuple[float, float]:
    """The share of a text's non-blank lines indented by 4 spaces or more, and
    the share of its characters that are such indentation."""
    indents = [len(m.group()) for m in _LINE_INDENT.finditer(text)]
    lines = sum(1 for line in text.split("\n") if line.strip()) or 1
    padding = sum(width for width in indents if width >= 4)
    return sum(width >= 4 for width in indents) / lines, padding / (len(text) or 1)


def _retention(setting: Setting, text: str) -> tuple[int, int, int]:
    """Tokens that reach the junk stage (after FixUnicode and NormalizeWhitespace,
    so that a mis-decoded text counts its words, not its letters), how many it
    keeps in the text, and how many in the text or `Document.metadata` (where a
    byline's author and a dateline's date go)."""
    prepared = pipeline_of(Setting("as scraped")).clean(text)
    junk_stage = pipeline_of(setting).cleaners[PREPARE_STEPS:]
    doc = Pipeline(junk_stage, max_chars=None).run(Document(prepared))
    total = len(webtrain.tokens(prepared))
    in_text = len(webtrain.tokens(doc.text))
    moved = sum(
        len(webtrain.tokens(value))
        for value in doc.metadata.values()
        if isinstance(value, str)
    )
    return total, in_text, min(total, in_text + moved)


def evaluate(
    pages: list[webtrain.Page],
    chosen: list[Setting],
    renderings: tuple[str, ...] = webtrain.RENDERINGS,
    jobs: int = 2,
) -> tuple[dict[tuple[str, str, str], list[tuple]], Counter]:
    """Scores by (rendering, setting, group) (see `groups_of`), and the number
    of renderings left out of the scores (no words) by rendering."""
    _preload(chosen)
    score_page = partial(_score_page, tuple(chosen), renderings)
    scores: dict[tuple[str, str, str], list[tuple]] = defaultdict(list)
    empty: Counter = Counter()
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for groups, page_scores in pool.imap(score_page, pages, chunksize=4):
            for rendering, name, score in page_scores:
                if name is None:
                    empty[rendering] += 1
                    continue
                for group in groups:
                    scores[(rendering, name, group)].append(score)
    return scores, empty


@dataclass(frozen=True)
class Retention:
    """How much of clean texts a junk stage keeps: over all their tokens, as a
    mean over texts, and each text's share (in the order given); counting the
    tokens kept in the text alone, or in the text and its metadata."""

    tokens: float
    mean: float
    shares: list[float]
    mean_in_text: float

    def worst(self, names: list[str], count: int = 5) -> str:
        ranked = sorted(zip(self.shares, names, strict=True))[:count]
        return ", ".join(f"{name} {share:.3f}" for share, name in ranked)


def retention(
    texts: list[str], setting: Setting | None = None, jobs: int = 2
) -> Retention:
    """The share of tokens of clean texts that `setting` (by default the shipped
    junk stage) keeps."""
    setting = setting or Setting(SHIPPED, SHIPPED)
    _preload([setting])
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        counts = pool.map(partial(_retention, setting), texts, chunksize=8)
    shares = [kept / total if total else 1.0 for total, _, kept in counts]
    in_text = [kept / total if total else 1.0 for total, kept, _ in counts]
    return Retention(
        sum(k for _, _, k in counts) / max(sum(t for t, _, _ in counts), 1),
        sum(shares) / max(len(shares), 1),
        shares,
        sum(in_text) / max(len(in_text), 1),
    )


def clean_texts() -> list[str]:
    """The project's own clean prose: the typo benchmark's texts."""
    folder = ROOT / "typos_eval" / "clean"
    return [path.read_text("utf-8") for path in sorted(folder.glob("*.txt"))]


def mean(values: list[tuple], index: int) -> float:
    return sum(v[index] for v in values) / len(values) if values else 0.0


def overall(scores, rendering: str, name: str) -> list[tuple]:
    return scores.get((rendering, name, "all"), [])


def table(
    scores, chosen: list[Setting], sources: list[str], renderings: tuple[str, ...]
) -> str:
    """A Markdown table per rendering: P/R/F1 overall, F1 per source."""
    out = []
    for rendering in renderings:
        out += [
            f"### {rendering} rendering",
            "",
            "| setting | P | R | F1 | " + " | ".join(sources) + " |",
            "| --- | ---: | ---: | ---: | "
            + " | ".join("---:" for _ in sources)
            + " |",
        ]
        for setting in chosen:
            every = overall(scores, rendering, setting.name)
            per = [
                f"{mean(scores[(rendering, setting.name, f'source:{s}')], 2):.3f}"
                for s in sources
            ]
            out.append(
                f"| {setting.name} | {mean(every, 0):.3f} | {mean(every, 1):.3f} | "
                f"**{mean(every, 2):.3f}** | " + " | ".join(per) + " |"
            )
        out.append("")
    return "\n".join(out)


def summary(scores, renderings: tuple[str, ...]) -> str:
    """One row per rendering: the text as scraped and the shipped junk stage,
    the share of its output lines still indented by 4 spaces or more (and of its
    characters that indentation is), then the shipped F1 per WCXB page type and
    for English and other pages."""
    groups = sorted({g for (_, _, g) in scores if g.startswith("type:")})
    groups += ["language:english", "language:other"]
    head = ["rendering", "family", "pages", "as scraped", "shipped", "indented"]
    head += [g.split(":", 1)[1] for g in groups]
    out = [
        "| " + " | ".join(head) + " |",
        "| --- | --- | " + " | ".join("---:" for _ in head[2:]) + " |",
    ]
    for rendering in renderings:
        shipped = overall(scores, rendering, SHIPPED_NAME)
        cells = [
            rendering,
            FAMILIES[rendering],
            str(len(shipped)),
            f"{mean(overall(scores, rendering, 'as scraped'), 2):.3f}",
            f"**{mean(shipped, 2):.3f}**",
            f"{mean(shipped, 3):.1%} ({mean(shipped, 4):.1%})",
        ]
        for group in groups:
            values = scores.get((rendering, SHIPPED_NAME, group), [])
            cells.append(f"{mean(values, 2):.3f} ({len(values)})")
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


SAMPLE_PER_SOURCE = 15  # the fixed sample the fast test checks


def measured(
    scores, gold: Retention, own: Retention, renderings: tuple[str, ...]
) -> dict[str, float]:
    """The numbers `floors.toml` pins, as it names them."""
    values = {
        f"f1_{rendering}": mean(overall(scores, rendering, SHIPPED_NAME), 2)
        for rendering in renderings
    }
    values["gold_retention_mean"] = gold.mean
    values["gold_retention_in_text"] = gold.mean_in_text
    values["clean_text_retention"] = own.tokens
    return values


def below_floors(
    values: dict[str, float], group: str, path: Path = FLOORS
) -> list[str]:
    """What does not reach its floor in table `group` of `path`
    (`webtrain_eval/floors.toml`), or the data they were measured on changed."""
    return unmet_floors(path, group, values)


def run(
    data: Path,
    sample: int | None = None,
    chosen: list[Setting] | None = None,
    jobs: int = 2,
    renderings: tuple[str, ...] = webtrain.RENDERINGS,
) -> tuple[str, dict[str, float]]:
    """Evaluate `chosen` settings (by default all; they must include the shipped
    one) on the dev split or its fixed sample, in `renderings`: the report, in
    Markdown, and the numbers the floors pin."""
    others = [r for r in renderings if r not in webtrain.RENDERINGS]
    pages = list(webtrain.pages("dev", path=data, others=others))
    if sample:
        keys = sample_keys(pages, sample)
        pages = [page for page in pages if page.key in keys]
    chosen = chosen or settings()
    shipped = next(s for s in chosen if s.name == SHIPPED_NAME)
    started = time.perf_counter()
    scores, empty = evaluate(pages, chosen, renderings, jobs)
    gold = retention([page.gold for page in pages], shipped, jobs)
    own = retention(clean_texts(), shipped, jobs)
    sources = sorted({page.dataset for page in pages})
    report = "\n".join(
        [
            f"Dev split: {len(pages)} pages ({', '.join(sources)}), "
            f"{time.perf_counter() - started:.0f} s.",
            "",
            "Shipped junk stage per rendering, WCXB page type and language "
            "(mean word F1, pages in brackets):",
            "",
            summary(scores, renderings),
            table(scores, chosen, sources, renderings),
            _empty_note(scores, empty),
            "Content protection (tokens kept by the shipped junk stage, "
            f"{SHIPPED_NAME}, in the text or in `Document.metadata`): the dev "
            f"pages' gold texts {gold.tokens:.4f} of all tokens, {gold.mean:.4f} "
            f"as a mean over pages ({gold.mean_in_text:.4f} in the text alone; "
            f"least kept: {gold.worst([page.key for page in pages])}); the "
            f"project's clean texts {own.tokens:.4f}.",
            "",
        ]
    )
    return report, measured(scores, gold, own, renderings)


def _empty_note(scores, empty: Counter) -> str:
    """What the scores leave out: renderings without a word (no cleaner can score
    on them), and the shipped F1 were they counted as 0."""
    if not empty:
        return "Every rendering of every page has words.\n"
    # html2text renders an L3S-GN1 page whose `<head>` is never closed empty
    # (PROVENANCE.md); a renderer that failed or ran out of time gives nothing.
    notes = []
    for rendering, count in sorted(empty.items()):
        every = overall(scores, rendering, SHIPPED_NAME)
        with_empty = mean(every, 2) * len(every) / (len(every) + count)
        notes.append(
            f"{rendering}: {count} page(s) left out (F1 of the shipped setting "
            f"were they counted as 0: {with_empty:.3f})"
        )
    return (
        "Renderings without a word are left out of the scores above: no cleaner "
        "can score on them. " + "; ".join(notes) + ".\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=webtrain.data_dir())
    parser.add_argument("--sample", type=int, metavar="N", help="N pages per source")
    parser.add_argument("--model", default="", help="a model file to evaluate")
    parser.add_argument("--quick", action="store_true", help="no fixed thresholds")
    parser.add_argument(
        "--shipped-only", action="store_true", help="the shipped setting alone"
    )
    parser.add_argument(
        "--renderings",
        default=",".join(webtrain.RENDERINGS),
        help="comma-separated, or 'all' (`benchmarks.data.renderings` made first)",
    )
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    if not webtrain.available(args.data):
        parser.error(f"no webtrain data in {args.data} (see its PROVENANCE.md)")
    wanted = ALL if args.renderings == "all" else tuple(args.renderings.split(","))
    if unknown := [r for r in wanted if r not in ALL]:
        parser.error(f"unknown renderings {unknown}; known: {', '.join(ALL)}")
    if set(wanted) - set(webtrain.RENDERINGS) and not renderings_available():
        parser.error("render the pages first: python -m benchmarks.data.renderings")
    chosen = settings(not args.quick, args.model, args.shipped_only)
    report, values = run(args.data, args.sample, chosen, args.jobs, wanted)
    print(report)
    if args.write:
        RESULTS.write_text(report, "utf-8")
    problems = [
        f"below floor ({group}): {problem}"
        for group in floor_groups(args.sample, wanted)
        for problem in below_floors(values, group)
    ]
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def floor_groups(sample: int | None, renderings: tuple[str, ...]) -> list[str]:
    """The tables of `floors.toml` a run checks: the whole dev split's or the
    fixed sample's (with both shipped renderings), and the other renderings'
    (the whole dev split in all of them)."""
    if sample and sample != SAMPLE_PER_SOURCE:
        return []
    groups = []
    if set(webtrain.RENDERINGS) <= set(renderings):
        groups.append("sample" if sample else "dev")
    if set(ALL) <= set(renderings) and not sample:
        groups.append("dev-renderings")
    return groups


if __name__ == "__main__":
    sys.exit(main())
