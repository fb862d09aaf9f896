"""benchmarks.speed.throughput runs end to end on a tiny corpus (timings not
checked)."""

import argparse

from tests.conftest import require_extra

require_extra("bench", "matplotlib")

from benchmarks.data.corpus import sample
from benchmarks.speed.throughput import (
    Rate,
    cleantext_steps,
    markdown,
    on_clean_text,
    peak_memory,
    plot,
    reference_steps,
    scaling,
)
from benchmarks.speed.timing import floor_ratio, interleaved_seconds


def test_every_step_is_timed_and_reported(tmp_path):
    docs = sample(0.02)
    steps = cleantext_steps() + reference_steps(None)[0]
    names = [step.name for step in steps]
    assert names[0] == "regex word scan (floor)"
    assert {"FixTypos", "default pipeline", "ftfy.fix_text"} <= set(names)
    seconds = interleaved_seconds(steps, docs, rounds=2)
    assert all(len(timings) == 2 and min(timings) > 0 for timings in seconds)
    assert floor_ratio(seconds[0], seconds[0]) == 1.0
    rates = [
        Rate(step, 1 / timings[0], 1.0, peak_memory(step, docs[:2]), 0.5)
        for step, timings in zip(steps, seconds, strict=True)
    ]
    cleaned, on_clean = on_clean_text(steps, docs, runs=1)
    assert len(cleaned) == len(docs) and cleaned != docs
    assert on_clean[0].step.name == names[0]
    assert {"FixTypos", "default pipeline"} <= {r.step.name for r in on_clean}
    assert "ftfy.fix_text" not in {r.step.name for r in on_clean}
    scaled = scaling(docs, runs=1, max_jobs=2)
    assert [jobs for jobs, _ in scaled] == [1, 2]
    args = argparse.Namespace(corpus="synthetic", megabytes=0.02, runs=1, memory_docs=2)
    table = markdown(
        rates, (cleaned, on_clean), scaled, docs, args, ["clean-text: not measured"]
    )
    assert all(f"| {name} |" in table for name in names)
    assert "on clean text" in table
    assert "| 2 |" in table and "- clean-text: not measured" in table
    plot(rates, scaled, tmp_path / "plot.png")
    assert (tmp_path / "plot.png").read_bytes().startswith(b"\x89PNG")
