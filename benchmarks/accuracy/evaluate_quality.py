"""Compare cleantext's quality presets with datatrove's filters, decision by decision,
and time both on the same corpus in one run.

The corpus is `quality_corpus.generate()` (1,200 varied documents). For each of
gopher-quality, gopher-repetition, c4 and fineweb, a document agrees when both keep
it, or both drop it for the same (first) reason. Every disagreement must be listed,
with its explanation, in `quality_parity/known_differences.toml`; the tests check
agreement >= 99% and that no unlisted difference appears.

Speed: docs/s and MB/s of computing all signals once, of each preset's decision on
them, of signals plus the four published presets, and of datatrove's filters alone
and all four in sequence (median of `--runs`, single process, one run).

    python -m benchmarks.accuracy.evaluate_quality [--runs 3] [--check]

Needs datatrove and spaCy (`pip install -e '.[parity]'`).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from benchmarks.data.quality_corpus import generate
from benchmarks.peers.datatrove_filters import datatrove_decision, datatrove_filters
from cleantext.quality import QualityFilter, compute_signals
from cleantext.quality.tokens import clear_word_cache
from cleantext.resources.tomlio import load_toml

KNOWN_DIFFERENCES = (
    Path(__file__).resolve().parent / "quality_parity" / ("known_differences.toml")
)
PRESETS = ("gopher-quality", "gopher-repetition", "c4", "fineweb")
MIN_AGREEMENT = 0.99


def compare(documents: list[tuple[str, str]] | None = None) -> dict[str, list[dict]]:
    """Per preset, every document on which cleantext and datatrove differ."""
    documents = documents if documents is not None else generate()
    references = datatrove_filters()
    filters = {name: QualityFilter.preset(name) for name in PRESETS}
    differences: dict[str, list[dict]] = {name: [] for name in PRESETS}
    for doc_id, text in documents:
        signals = compute_signals(text)
        for name in PRESETS:
            ours = filters[name].decide(signals)
            our_reason = ours.reasons[0] if ours.reasons else ""
            keep, reason = datatrove_decision(references[name], doc_id, text)
            if (ours.keep, our_reason) != (keep, reason):
                differences[name].append(
                    {
                        "id": doc_id,
                        "cleantext": our_reason or "keep",
                        "datatrove": reason or "keep",
                    }
                )
    return differences


def known_differences() -> dict[str, dict[str, str]]:
    """preset -> document id -> explanation, from the known-difference list."""
    table = load_toml(KNOWN_DIFFERENCES)
    return {
        name: {entry["id"]: entry["why"] for entry in table.get(name, [])}
        for name in PRESETS
    }


def timings(documents: list[tuple[str, str]], runs: int) -> list[tuple[str, float]]:
    """(step, seconds for the whole corpus), median of `runs`."""
    signals = [compute_signals(text) for _, text in documents]
    steps = {
        "cleantext: all signals": lambda: [compute_signals(t) for _, t in documents]
    }
    for name in (*PRESETS, "cleantext"):
        preset = QualityFilter.preset(name)
        steps[f"cleantext: {name} decision (signals ready)"] = lambda preset=preset: [
            preset.decide(s) for s in signals
        ]
    every_preset = [QualityFilter.preset(name) for name in PRESETS]

    def signals_and_decisions() -> list:
        decisions = []
        for _, text in documents:
            signals = compute_signals(text)
            decisions.append([f.decide(signals) for f in every_preset])
        return decisions

    steps["cleantext: all signals + the four published presets"] = signals_and_decisions
    references = datatrove_filters()
    for name, reference in references.items():
        steps[f"datatrove: {name}"] = lambda reference=reference: [
            datatrove_decision(reference, i, t) for i, t in documents
        ]
    # In a datatrove pipeline consecutive filters share the word split of a
    # document (split_into_words is cached), so time the four together too.
    steps["datatrove: the four filters, one document at a time"] = lambda: [
        [datatrove_decision(r, i, t) for r in references.values()] for i, t in documents
    ]
    results = []
    for step, run in steps.items():
        run()  # warm-up
        seconds = []
        for _ in range(runs):
            clear_word_cache()  # every run meets the corpus as new text
            start = time.perf_counter()
            run()
            seconds.append(time.perf_counter() - start)
        results.append((step, statistics.median(seconds)))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--check", action="store_true", help="exit 1 on a new difference"
    )
    args = parser.parse_args()
    documents = generate()
    megabytes = sum(len(t.encode("utf-8")) for _, t in documents) / 1e6
    differences = compare(documents)
    known = known_differences()
    failures = []
    print(f"{len(documents)} documents, {megabytes:.2f} MB\n")
    print("| preset | agreement | differences | unexplained |")
    print("| --- | ---: | ---: | ---: |")
    for name in PRESETS:
        found = differences[name]
        unexplained = [d for d in found if d["id"] not in known[name]]
        agreement = 1 - len(found) / len(documents)
        print(f"| {name} | {agreement:.4f} | {len(found)} | {len(unexplained)} |")
        if agreement < MIN_AGREEMENT or unexplained:
            failures.append(f"{name}: {unexplained}")
    print("\n| step | docs/s | MB/s |")
    print("| --- | ---: | ---: |")
    for step, seconds in timings(documents, args.runs):
        print(
            f"| {step} | {len(documents) / seconds:,.0f} | {megabytes / seconds:.2f} |"
        )
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if args.check and failures else 0


if __name__ == "__main__":
    sys.exit(main())
