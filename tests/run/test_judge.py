"""What a batch writes beside the text: report lines and quality judgements."""

from __future__ import annotations

import io
import json

from cleantext.document import Document
from cleantext.quality import QualityFilter
from cleantext.run.judge import Judge, Report


def _lines(stream: io.BytesIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_report_says_where_sizes_edits_and_metadata():
    stream = io.BytesIO()
    doc = Document("Clean text.", id="doc-1", metadata={"url": "https://e.org/1"})
    doc.count("FixSpacing")
    Report(stream).add(doc, "in.jsonl", 3, chars_in=14)
    assert _lines(stream) == [
        {
            "id": "doc-1",
            "input": "in.jsonl",
            "line": 3,
            "chars_in": 14,
            "chars_out": 11,
            "edits": {"FixSpacing": 1},
            "metadata": {"url": "https://e.org/1"},
        }
    ]


def test_judge_writes_rejected_documents_with_every_reason():
    scores, rejected = io.BytesIO(), io.BytesIO()
    judge = Judge((QualityFilter.preset("gopher-quality"),), scores, rejected)
    assert not judge.keeps(Document("Too short.", id="x"), "in.txt", None)
    [decision] = _lines(scores)
    [dropped] = _lines(rejected)
    assert decision["id"] == "x" and "gopher-quality" in decision["decisions"]
    assert dropped["text"] == "Too short." and dropped["reasons"]["gopher-quality"]
    assert judge.dropped == 1


def test_judge_without_filters_or_scores_keeps_everything_unread():
    assert Judge().keeps(Document("anything"), "in.txt", None)
