"""benchmarks/accuracy/floors.py: the floor check every accuracy evaluation shares."""

import pytest

from benchmarks.accuracy.floors import stale_data, unmet_floors
from cleantext.resources.tomlio import load_toml
from tests.conftest import ROOT


def test_minimums_and_ceilings(tmp_path):
    floors = tmp_path / "floors.toml"
    floors.write_text("[set]\nrecall = 0.9\nmax_false_changes = 0\n")
    assert unmet_floors(floors, "set", {"recall": 0.95, "false_changes": 0}) == []
    assert unmet_floors(floors, "set", {"recall": 0.5, "false_changes": 3}) == [
        "set: recall = 0.5 < floor 0.9",
        "set: false_changes = 3 > ceiling 0",
    ]
    assert unmet_floors(floors, "other set", {}) == []


def test_changed_data_fails_until_the_digest_is_pinned_again(tmp_path, monkeypatch):
    import benchmarks.accuracy.floors as floors_module

    monkeypatch.setattr(floors_module, "ROOT", tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.txt").write_text("one")
    floors = tmp_path / "floors.toml"
    floors.write_text(
        '[data]\nfiles = ["data/*.txt"]\ndigest = ""\n[set]\nrecall = 0.9\n'
    )
    [stale] = unmet_floors(floors, "set", {"recall": 1.0})
    assert "measured on other data" in stale
    floors_module.pin(floors)
    assert unmet_floors(floors, "set", {"recall": 1.0}) == []
    (tmp_path / "data" / "b.txt").write_text("two")
    floors_module.data_digest.cache_clear()
    assert len(unmet_floors(floors, "set", {"recall": 1.0})) == 1


@pytest.mark.parametrize(
    "floors", sorted((ROOT / "benchmarks" / "accuracy").glob("*/floors.toml")), ids=str
)
def test_every_floors_file_pins_the_data_it_was_measured_on(floors):
    assert "data" in load_toml(floors), f"{floors} pins no [data]"
    assert stale_data(floors) == []
