"""benchmarks/throughput.py runs end to end on a tiny corpus (timings not checked)."""

import argparse

from tests.conftest import require_extra

require_extra("bench", "matplotlib")

from benchmarks.corpus import sample
from benchmarks.throughput import (
    Rate,
    cleantext_steps,
    markdown,
    peak_memory,
    plot,
    reference_steps,
    scaling,
    time_step,
)


def test_every_step_is_timed_and_reported(tmp_path):
    docs = sample(0.02)
    steps = cleantext_steps() + reference_steps(None)[0]
    names = [step.name for step in steps]
    assert names[0] == "regex word scan (floor)"
    assert {"FixTypos", "default pipeline", "ftfy.fix_text"} <= set(names)
    rates = [
        Rate(step, 1 / time_step(step, docs, 1), 1.0, peak_memory(step, docs[:2]))
        for step in steps
    ]
    scaled = scaling(docs, runs=1, max_jobs=2)
    assert [jobs for jobs, _ in scaled] == [1, 2]
    args = argparse.Namespace(megabytes=0.02, runs=1, memory_docs=2)
    table = markdown(rates, scaled, docs, args, ["clean-text: not measured"])
    assert all(f"| {name} |" in table for name in names)
    assert "| 2 |" in table and "- clean-text: not measured" in table
    plot(rates, scaled, tmp_path / "plot.png")
    assert (tmp_path / "plot.png").read_bytes().startswith(b"\x89PNG")
