"""The benchmark corpus generator: deterministic, varied, sized as asked."""

import itertools
import json

from benchmarks.data.corpus import documents, write_corpus
from cleantext import default_pipeline


def test_same_seed_same_documents_and_no_two_alike():
    first = list(itertools.islice(documents(seed=1), 200))
    again = list(itertools.islice(documents(seed=1), 200))
    other = list(itertools.islice(documents(seed=2), 200))
    assert first == again
    assert first != other
    assert len({d["text"] for d in first}) == 200


def test_written_corpus_reaches_the_size(tmp_path):
    path = tmp_path / "c.jsonl"
    count = write_corpus(path, megabytes=0.2, seed=3)
    lines = path.read_text("utf-8").splitlines()
    assert len(lines) == count
    assert path.stat().st_size >= 200_000
    assert all(json.loads(line)["id"].startswith("doc-") for line in lines)


def test_documents_give_every_cleaner_work():
    pipeline = default_pipeline()
    for doc in itertools.islice(documents(seed=4), 60):
        pipeline.clean(doc["text"])
    assert all(stats.edits > 0 for stats in pipeline.stats), pipeline.stats_table()
