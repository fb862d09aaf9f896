"""What a batch writes beside the text: report lines and quality judgements."""

from __future__ import annotations

import io
import json

from cleantext.document import Document
from cleantext.quality import QualityFilter
from cleantext.run.judge import Judge, Place, Report


def _lines(stream: io.BytesIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_report_says_where_sizes_edits_and_metadata():
    stream = io.BytesIO()
    doc = Document("Clean text.", id="doc-1", metadata={"author": "Ann Lee"})
    doc.record("FixSpacing", "space-after-comma", ",", ", ", 3)
    record = {"id": "doc-1", "url": "https://e.org/1", "text": "Clean text ,raw."}
    Report(stream).add(doc, Place("in.jsonl", 3, record), chars_in=14)
    assert _lines(stream) == [
        {
            "id": "doc-1",
            "url": "https://e.org/1",
            "input": "in.jsonl",
            "line": 3,
            "chars_in": 14,
            "chars_out": 11,
            "edits": {"FixSpacing": 1},
            "rules": {"FixSpacing/space-after-comma": 1},
            "metadata": {"author": "Ann Lee"},
        }
    ]


def test_judge_writes_rejected_documents_whole_with_every_reason():
    scores, rejected = io.BytesIO(), io.BytesIO()
    judge = Judge((QualityFilter.preset("gopher-quality"),), scores, rejected)
    place = Place(
        "in.jsonl", 7, {"id": "x", "body": "Too  short.", "lang": "en"}, "body"
    )
    doc = Document("Too short.", id="x")
    reasons = judge.judge(doc, place)
    assert reasons and reasons[0] == "gopher-quality/gopher_short_doc"
    assert judge.drops(doc, place, reasons)
    [decision] = _lines(scores)
    [dropped] = _lines(rejected)
    assert decision["id"] == "x" and "gopher-quality" in decision["decisions"]
    assert dropped == {
        "id": "x",
        "lang": "en",
        "input": "in.jsonl",
        "line": 7,
        "body": "Too short.",
        "keep": False,
        "reasons": reasons,
    }
    assert judge.dropped == 1 and judge.reasons == dict.fromkeys(reasons, 1)


def test_added_fields_replace_input_fields_of_the_same_name():
    rejected = io.BytesIO()
    judge = Judge((QualityFilter.preset("gopher-quality"),), rejected=rejected)
    record = {"id": "x", "input": "then.jsonl", "keep": True, "reasons": []}
    place = Place("now.jsonl", 1, record)
    doc = Document("Too short.", id="x")
    assert judge.drops(doc, place, judge.judge(doc, place))
    [dropped] = _lines(rejected)
    assert (dropped["input"], dropped["keep"]) == ("now.jsonl", False)
    assert dropped["reasons"] and dropped["text"] == "Too short."


def test_judge_without_filters_or_scores_keeps_everything_unread():
    judge = Judge()
    doc = Document("anything")
    assert judge.judge(doc, Place("in.txt")) is None
    assert not judge.drops(doc, Place("in.txt"), None)
