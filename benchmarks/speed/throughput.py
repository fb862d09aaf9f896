"""Time the hot path: every cleaner, the default pipeline, reference tools, processes.

One command, one run, so that every ratio compares numbers taken minutes apart on
the same machine. On a corpus from `benchmarks/data/corpus.py` (realistic dirty
documents, none alike) the steps run single-process over the whole corpus in
turn, `--runs` rounds after a warm-up (A B C ... A B C ...): the median round
gives MB/s (UTF-8 bytes in) and docs/s, and the median of each round's ratio to
the floor measured in that round gives the share of the floor, the figure that
holds when the machine's load changes during the run. Peak memory is the Python
heap's peak (tracemalloc) while the step handles the first `--memory-docs`
documents. Next to cleantext's steps, in the same run:

- a bare `regex` word scan: the practical floor of any Python pass over the text;
- `ftfy.fix_text` with its defaults;
- clean-text's `clean()` with its defaults, if `--clean-text-dir` holds it. The
  PyPI package `clean-text` is also imported as `cleantext`, so it cannot share an
  environment with this project: install it and its dependency aside with
  `pip install --no-deps --target .bench/clean-text clean-text emoji`;
- datatrove's Gopher quality and repetition, C4 and FineWeb filters (a decision per
  document), when datatrove and spaCy are installed (the `parity` extra), against
  cleantext computing every signal and deciding the same four presets.

Then the floor, each cleaner and the default pipeline again on clean text (the
default pipeline's own output of the corpus), where a cleaner costs what its gates
cost; and the default pipeline through `map_documents` with 1 to N worker processes.
Prints the table; `--write` stores it in RESULTS.md and draws throughput.png
(needs matplotlib, the `bench` extra).

`--corpus webtrain` runs on real scraped text instead: the webtrain dev pages
(`webtrain.real_sample`: every source in turn, plain-text scrape and Markdown
alternately; third-party data read from its path), with trafilatura extracting
the same pages from their HTML as one more reference (MB/s counts the text's
bytes for every step). Written to RESULTS-webtrain.md and throughput-webtrain.png.

    python -m benchmarks.speed.throughput [--corpus webtrain] [--megabytes 10]
        [--runs 3] [--write]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

from benchmarks.data import webtrain
from benchmarks.data.corpus import sample
from benchmarks.speed.timing import (
    Step,
    floor_ratio,
    floor_step,
    interleaved_seconds,
    peak_rss_megabytes,
)
from cleantext import DropBoilerplate, FixTypos, Pipeline, default_pipeline
from cleantext.cleaners.shared.lexicon import default_lexicon
from cleantext.kernel import COMPILED, WHY_PURE
from cleantext.quality import QualityFilter, compute_signals
from cleantext.quality.tokens import clear_word_cache
from cleantext.run.pool import map_documents

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
PLOT = HERE / "throughput.png"
QUALITY_PRESETS = ("gopher-quality", "gopher-repetition", "c4", "fineweb")


@dataclass
class Rate:
    step: Step
    megabytes_per_second: float
    docs_per_second: float
    peak_megabytes: float
    share_of_floor: float


def cleantext_steps() -> list[Step]:
    """The floor, each default cleaner alone, pipelines, and quality scoring."""
    default = default_pipeline()
    default.prepare()
    without_typos = Pipeline(
        [c for c in default.cleaners if not isinstance(c, FixTypos)]
    )
    presets = [QualityFilter.preset(name) for name in QUALITY_PRESETS]

    def score(text: str) -> list:
        signals = compute_signals(text)
        return [preset.decide(signals) for preset in presets]

    def cold() -> None:
        """Forget what cleantext remembers between documents (tokenised chunks,
        dictionary look-ups), so that no round gains from the one before it."""
        clear_word_cache()
        default_lexicon().forget_lookups()

    return [
        floor_step(),
        *(
            Step(c.name, "cleaner", Pipeline([c]).clean, reset=cold)
            for c in default.cleaners
        ),
        Step(
            "DropBoilerplate, rules alone",
            "cleaner",
            Pipeline([DropBoilerplate(mode="rules")]).clean,
            reset=cold,
        ),
        Step("default pipeline", "pipeline", default.clean, reset=cold),
        Step(
            "default pipeline without FixTypos",
            "pipeline",
            without_typos.clean,
            reset=cold,
        ),
        Step(
            "default pipeline, explain=True",
            "pipeline",
            Pipeline(default.cleaners, explain=True).clean,
            reset=cold,
        ),
        Step("cleantext: all signals + 4 presets", "quality", score, reset=cold),
    ]


def reference_steps(
    clean_text_dir: Path | None, html_of: dict[str, str] | None = None
) -> tuple[list[Step], list[str]]:
    """Other tools on the same corpus, and a note for each one not installed;
    with `html_of` (each text's page HTML), trafilatura extracting the pages."""
    import ftfy

    steps = [Step("ftfy.fix_text", "reference", ftfy.fix_text)]
    notes = []
    if html_of is not None:
        if importlib.util.find_spec("trafilatura"):
            import trafilatura

            steps.append(
                Step(
                    "trafilatura.extract on the pages' HTML",
                    "reference",
                    lambda text: trafilatura.extract(html_of[text]),
                )
            )
        else:
            notes.append("trafilatura: not measured (not installed)")
    clean_text = _load_clean_text(clean_text_dir)
    if clean_text is None:
        notes.append(
            "clean-text: not measured (install it aside and pass --clean-text-dir)"
        )
    else:
        steps.append(Step("clean-text clean()", "reference", clean_text.clean))
    if all(importlib.util.find_spec(m) for m in ("datatrove", "spacy")):
        from benchmarks.peers.datatrove_filters import (
            datatrove_decision,
            datatrove_filters,
        )

        for name, reference in datatrove_filters().items():
            steps.append(
                Step(
                    f"datatrove: {name} filter",
                    "reference",
                    lambda text, r=reference: datatrove_decision(r, "doc", text),
                )
            )
    else:
        notes.append("datatrove: not measured (needs the parity extra)")
    return steps, notes


def _load_clean_text(folder: Path | None):
    """clean-text's module from `folder` (a `pip install --target`), imported
    under another name so that it does not shadow this project's `cleantext`."""
    if folder is None:
        return None
    init = folder / "cleantext" / "__init__.py"
    if not init.exists():
        raise SystemExit(f"{folder}: no clean-text package (cleantext/__init__.py)")
    # Its dependencies (emoji) are installed into the same folder: found there,
    # after this project's own `cleantext`, which the folder's would shadow.
    if str(folder) not in sys.path:
        sys.path.append(str(folder))
    spec = importlib.util.spec_from_file_location(
        "clean_text_pypi", init, submodule_search_locations=[str(init.parent)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["clean_text_pypi"] = module
    spec.loader.exec_module(module)
    return module


def peak_memory(step: Step, docs: list[str]) -> float:
    """Peak Python heap (MB) above the starting point while `step` runs on `docs`."""
    step.reset()
    tracemalloc.start()
    try:
        base, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        for doc in docs:
            step.run(doc)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return (peak - base) / 1e6


def on_clean_text(
    steps: list[Step], docs: list[str], runs: int
) -> tuple[list[str], list[Rate]]:
    """The floor, every cleaner and the default pipeline again, on the default
    pipeline's own output: text with nothing left to fix, where what a cleaner
    costs is what its gates cost (the benchmark corpus gives every cleaner work
    in every document)."""
    default = next(step for step in steps if step.name == "default pipeline")
    cleaned = [default.run(doc) for doc in docs]
    chosen = [
        step for step in steps if step.group in ("floor", "cleaner") or step is default
    ]
    seconds = interleaved_seconds(chosen, cleaned, runs)
    megabytes = _megabytes(cleaned)
    rates = []
    for step, timings in zip(chosen, seconds, strict=True):
        median = statistics.median(timings)
        share = floor_ratio(timings, seconds[0])
        rates.append(Rate(step, megabytes / median, len(cleaned) / median, 0.0, share))
        print(f"clean text {step.name:40} {share:6.3f} of the floor", flush=True)
    return cleaned, rates


def scaling(docs: list[str], runs: int, max_jobs: int) -> list[tuple[int, float]]:
    """MB/s of the default pipeline through `map_documents` with 1..max_jobs
    processes (median of `runs`, worker start-up included)."""
    megabytes = _megabytes(docs)
    pipeline = default_pipeline()
    pipeline.prepare()
    rates = []
    for jobs in range(1, max_jobs + 1):
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            for _ in map_documents(pipeline, docs, jobs=jobs):
                pass
            timings.append(time.perf_counter() - started)
        rates.append((jobs, megabytes / statistics.median(timings)))
        print(f"scaling    {jobs} process(es)   {rates[-1][1]:7.2f} MB/s", flush=True)
    return rates


def _megabytes(docs: list[str]) -> float:
    return sum(len(d.encode("utf-8")) for d in docs) / 1e6


def _kernel() -> str:
    """Which kernel the run used (`cleantext.kernel`)."""
    return "compiled kernel" if COMPILED else f"pure-Python kernel ({WHY_PURE})"


def markdown(
    rates: list[Rate],
    clean: tuple[list[str], list[Rate]],
    scaled: list[tuple[int, float]],
    docs: list[str],
    args: argparse.Namespace,
    notes: list[str],
) -> str:
    source = {
        "synthetic": "from `benchmarks/data/corpus.py`",
        "webtrain": "of real scraped pages (the webtrain dev split's plain-text "
        "scrapes and Markdown, `webtrain.real_sample`)",
    }[args.corpus]
    option = "" if args.corpus == "synthetic" else f"--corpus {args.corpus} "
    lines = [
        "# Throughput",
        "",
        f"`python -m benchmarks.speed.throughput {option}--megabytes "
        f"{args.megabytes:g} --runs {args.runs} --write`: {len(docs)} documents, "
        f"{_megabytes(docs):.1f} MB {source}; single process, {args.runs} rounds "
        "after a warm-up, the steps taking turns in each round; MB/s is the median "
        "round (UTF-8 input bytes); the share of the floor is the median of the "
        "rounds' ratios to the regex word scan of the same round; peak "
        f"memory is the Python heap's peak over the first {args.memory_docs} "
        f"documents; {os.cpu_count()} cores; {_kernel()}; process peak RSS "
        f"{peak_rss_megabytes():.0f} MB.",
        "",
        "| step | kind | MB/s | docs/s | share of the floor | peak MB |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
        *(
            f"| {r.step.name} | {r.step.group} | {r.megabytes_per_second:.2f} | "
            f"{r.docs_per_second:.0f} | {r.share_of_floor:.3f} | "
            f"{r.peak_megabytes:.1f} |"
            for r in rates
        ),
        "",
        f"The same steps on clean text: the default pipeline's output of the corpus "
        f"({_megabytes(clean[0]):.1f} MB, nothing left to fix), timed the same way:",
        "",
        "| step | MB/s | share of the floor |",
        "| --- | ---: | ---: |",
        *(
            f"| {r.step.name} | {r.megabytes_per_second:.2f} | {r.share_of_floor:.3f} |"
            for r in clean[1]
        ),
        "",
        "Default pipeline through `map_documents` (worker start-up included):",
        "",
        "| processes | MB/s | speed-up |",
        "| ---: | ---: | ---: |",
        *(
            f"| {jobs} | {mbs:.2f} | {mbs / scaled[0][1]:.2f}x |"
            for jobs, mbs in scaled
        ),
    ]
    if notes:
        lines += ["", *(f"- {note}" for note in notes)]
    return "\n".join(lines) + "\n"


def plot(rates: list[Rate], scaled: list[tuple[int, float]], path: Path) -> None:
    """Throughput per step (log scale) and scaling with processes, as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    colours = {
        "floor": "#888888",
        "cleaner": "#1f77b4",
        "pipeline": "#d62728",
        "quality": "#2ca02c",
        "reference": "#ff7f0e",
    }
    figure, (steps_axis, scaling_axis) = plt.subplots(
        1, 2, figsize=(14, 0.32 * len(rates) + 2), width_ratios=(2.2, 1)
    )
    names = [r.step.name for r in rates][::-1]
    values = [r.megabytes_per_second for r in rates][::-1]
    steps_axis.barh(names, values, color=[colours[r.step.group] for r in rates][::-1])
    steps_axis.set_xscale("log")
    steps_axis.set_xlabel("MB/s, one process (log scale)")
    steps_axis.set_title("Throughput per step")
    for y, value in enumerate(values):
        steps_axis.text(value, y, f" {value:.2f}", va="center", fontsize=8)
    jobs = [j for j, _ in scaled]
    scaling_axis.plot(jobs, [m for _, m in scaled], "o-", label="measured")
    scaling_axis.plot(
        jobs, [scaled[0][1] * j for j in jobs], "--", color="#888888", label="linear"
    )
    scaling_axis.set_xticks(jobs)
    scaling_axis.set_xlabel("worker processes")
    scaling_axis.set_ylabel("MB/s")
    scaling_axis.set_title("Default pipeline, map_documents")
    scaling_axis.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", choices=("synthetic", "webtrain"), default="synthetic"
    )
    parser.add_argument("--megabytes", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory-docs", type=int, default=200)
    parser.add_argument("--scaling-megabytes", type=float, default=4.0)
    parser.add_argument("--max-jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--clean-text-dir", type=Path)
    parser.add_argument("--write", action="store_true", help=f"write {RESULTS.name}")
    args = parser.parse_args()

    html_of = None
    if args.corpus == "webtrain":
        if not webtrain.available():
            parser.error("no webtrain data (see benchmarks/data/webtrain.py)")
        html_of = dict(webtrain.real_sample(args.megabytes))
        docs = list(html_of)
        scaling_docs = docs[
            : max(1, round(len(docs) * args.scaling_megabytes / args.megabytes))
        ]
    else:
        docs = sample(args.megabytes)
        scaling_docs = sample(args.scaling_megabytes)
    megabytes = _megabytes(docs)
    references, notes = reference_steps(args.clean_text_dir, html_of)
    steps = cleantext_steps() + references
    seconds = interleaved_seconds(steps, docs, args.runs)
    rates = []
    for step, timings in zip(steps, seconds, strict=True):
        median = statistics.median(timings)
        peak = peak_memory(step, docs[: args.memory_docs])
        share = floor_ratio(timings, seconds[0])
        rates.append(Rate(step, megabytes / median, len(docs) / median, peak, share))
        print(
            f"{step.name:40} {megabytes / median:7.2f} MB/s "
            f"{len(docs) / median:8.0f} docs/s {share:6.3f} of the floor "
            f"{peak:7.1f} MB peak",
            flush=True,
        )
    clean = on_clean_text(steps, docs, args.runs)
    scaled = scaling(scaling_docs, args.runs, max(args.max_jobs, 1))
    table = markdown(rates, clean, scaled, docs, args, notes)
    print(table)
    if args.write:
        results, picture = RESULTS, PLOT
        if args.corpus != "synthetic":
            results = HERE / f"RESULTS-{args.corpus}.md"
            picture = HERE / f"throughput-{args.corpus}.png"
        results.write_text(table, "utf-8")
        plot(rates, scaled, picture)
        print(f"wrote {results} and {picture}")


if __name__ == "__main__":
    main()
