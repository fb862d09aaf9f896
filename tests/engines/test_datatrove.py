"""cleantext.engines.datatrove in datatrove's local executor: the text cleaned as
the pipeline cleans it, edits in datatrove's stats, and documents dropped for the
reasons the CLI gives."""

from __future__ import annotations

import gzip
import json

import pytest

from tests.conftest import readme_python_blocks, require_extra, run_as_script

require_extra("parity", "datatrove", "orjson")

from datatrove.data import Document as DatatroveDocument  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from cleantext import default_pipeline  # noqa: E402
from cleantext.engines.datatrove import CleantextCleaner, CleantextFilter  # noqa: E402

ARTICLE = (
    "The council met on Tuesday and approved the budget ,the mayor said. The "
    "plan pays for road repairs, longer library hours and two new school buses. "
    "Opponents argued that the higher parking fees will hurt small businesses, "
    "and they promised to raise the issue again at the next meeting of the board. "
)
TEXTS = [
    ARTICLE * 3,
    "Too short ,really.",
    ARTICLE * 2 + "i shoudl go.",
    ARTICLE.replace(", ", " ,"),  # dropped for what the cleaning fixed
    (ARTICLE.replace(" ,", ", ") * 3).strip(),  # kept by every preset
]


def gunzip(folder):
    """The text of the one file datatrove's JsonlWriter wrote into `folder`."""
    return gzip.decompress((folder / "00000.jsonl.gz").read_bytes()).decode()


def documents():
    return [DatatroveDocument(text, id=str(i)) for i, text in enumerate(TEXTS)]


def test_the_cleaner_step_cleans_as_the_pipeline_does_and_counts_edits():
    step = CleantextCleaner()
    cleaned = list(step.run(documents()))
    pipeline = default_pipeline()
    assert [d.text for d in cleaned] == [pipeline.clean(t) for t in TEXTS]
    stats = {name: stat.total for name, stat in step.stats.stats.items()}
    assert stats["total"] == 5 and stats["changed"] == 4
    assert stats["edits_FixSpacing"] >= 3 and stats["edits_FixTypos"] == 1


def test_the_filter_drops_for_the_reasons_the_cli_gives(run_cli, tmp_path):
    data = tmp_path / "docs.jsonl"
    data.write_text(
        "".join(
            json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(TEXTS)
        )
    )
    rejected = tmp_path / "rejected.jsonl"
    presets = ["gopher-quality", "c4", "cleantext"]
    filters = [arg for name in presets for arg in ("--filter", name)]
    result = run_cli("clean", data, *filters, "--rejected", rejected)
    assert result.returncode == 0, result.stderr
    cli = {r["id"]: r["reasons"] for r in map(json.loads, rejected.open())}

    LocalPipelineExecutor(
        pipeline=[
            documents(),
            CleantextCleaner(),
            CleantextFilter(
                presets, exclusion_writer=JsonlWriter(str(tmp_path / "dropped"))
            ),
            JsonlWriter(str(tmp_path / "kept")),
        ],
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    dropped = [json.loads(line) for line in gunzip(tmp_path / "dropped").splitlines()]
    assert cli and {d["id"]: d["metadata"]["cleantext_reasons"] for d in dropped} == cli
    assert "cleantext/many_spacing_errors" in cli["3"]
    first = {d["id"]: d["metadata"]["filter_reason"] for d in dropped}
    assert first == {key: reasons[0] for key, reasons in cli.items()}
    kept = gunzip(tmp_path / "kept")
    assert len(kept.splitlines()) == len(TEXTS) - len(cli) > 0


def test_a_filter_needs_a_known_preset():
    with pytest.raises(ValueError, match="at least one preset"):
        CleantextFilter([])
    with pytest.raises(Exception, match="unknown quality preset"):
        CleantextFilter(["nope"])


@pytest.mark.slow
def test_readme_datatrove_example_runs_as_a_script(tmp_path):
    (block,) = readme_python_blocks("datatrove")
    result = run_as_script(block, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    kept = gunzip(tmp_path / "clean")
    assert "night, the mayor said" in kept
