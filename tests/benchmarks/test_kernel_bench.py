"""benchmarks.speed.kernel runs end to end on a tiny corpus (timings not
checked): each child says which kernel it ran and hashes the same outputs."""

import pytest

from benchmarks.speed import kernel
from cleantext.kernel import COMPILED


def test_a_child_times_every_step_and_hashes_the_outputs():
    result = kernel.child("synthetic", 0.01, repeats=2)
    assert result["compiled"] == COMPILED
    assert set(result["seconds"]) == {
        "line model (both stages)",
        "DropBoilerplate",
        "default pipeline",
    }
    assert all(seconds > 0 for seconds in result["seconds"].values())
    assert len(result["digest"]) == 64


@pytest.mark.slow
@pytest.mark.skipif(not COMPILED, reason="compares with the compiled kernel")
def test_both_kernels_take_turns_and_agree(capsys):
    arguments = "--corpus synthetic --megabytes 0.01 --rounds 1 --repeats 1"
    assert kernel.main(arguments.split()) == 0
    table = capsys.readouterr().out
    assert "outputs equal" in table
    assert "| default pipeline |" in table
