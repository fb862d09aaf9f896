"""benchmarks/floors.py: the floor check every accuracy evaluation shares."""

from benchmarks.floors import unmet_floors


def test_minimums_and_ceilings(tmp_path):
    floors = tmp_path / "floors.toml"
    floors.write_text("[set]\nrecall = 0.9\nmax_false_changes = 0\n")
    assert unmet_floors(floors, "set", {"recall": 0.95, "false_changes": 0}) == []
    assert unmet_floors(floors, "set", {"recall": 0.5, "false_changes": 3}) == [
        "set: recall = 0.5 < floor 0.9",
        "set: false_changes = 3 > ceiling 0",
    ]
    assert unmet_floors(floors, "other set", {}) == []
