"""Each cleaner on its cases kept as data (`cases/<family>.json`), as ftfy keeps
its test cases: `fixes` must come out as `output` (made by the `rules` listed,
when a case lists them), `unchanged` byte for byte as they went in (the negative
cases: names, URLs, numbers, code, correct prose, content that must stay).

A file names its `cleaner` and may give `options` for it, and the `language`
its cases are written in (given to the cleaner as the document's language, as a
caller who knows it would; a case may set its own, `null` to have it
identified); every case has a
`label` (its test id) and may say `"expect": "fail"` with a `why`: a known
failure, run as a strict xfail, so that fixing it is noticed. Every case runs
through the cleaner alone, so a case says what that cleaner does, not what the
pipeline around it does. DropRepeatedLines needs a corpus and is tested in
test_site_repeats.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cleantext.cleaners
from cleantext import Document
from cleantext.pipeline import registered_cleaners

CASES = Path(__file__).parent / "cases"
FILES = sorted(CASES.glob("*.json"))


def _cases(kind: str) -> list:
    params = []
    for path in FILES:
        data = json.loads(path.read_text("utf-8"))
        cleaner = registered_cleaners()[data["cleaner"]](**data.get("options", {}))
        for case in data[kind]:
            text = case["input"] if kind == "fixes" else case["text"]
            expected = case["output"] if kind == "fixes" else case["text"]
            language = case.get("language", data.get("language"))
            marks = []
            if case.get("expect", "pass") == "fail":
                marks.append(pytest.mark.xfail(reason=case["why"], strict=True))
            params.append(
                pytest.param(
                    cleaner,
                    Document(
                        text,
                        explain=True,
                        metadata={"language": language} if language else {},
                    ),
                    expected,
                    case.get("rules"),
                    id=f"{path.stem}/{case['label']}",
                    marks=marks,
                )
            )
    return params


@pytest.mark.parametrize(("cleaner", "doc", "expected", "rules"), _cases("fixes"))
def test_fixes(cleaner, doc, expected, rules):
    doc = cleaner(doc)
    assert doc.text == expected
    if rules is not None:
        assert [edit.rule for edit in _changes(doc)] == rules


@pytest.mark.parametrize(("cleaner", "doc", "expected", "rules"), _cases("unchanged"))
def test_unchanged(cleaner, doc, expected, rules):
    doc = cleaner(doc)
    assert doc.text == expected
    assert not _changes(doc)


def _changes(doc: Document) -> list:
    """The edits that change text (not the notes of why a cleaner did not)."""
    return [edit for edit in doc.edits if edit.action != "note"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_case_files_are_well_formed(path):
    data = json.loads(path.read_text("utf-8"))
    assert data["cleaner"] in registered_cleaners()
    assert data["unchanged"], "every cleaner family has negative cases"
    labels = [case["label"] for case in data["fixes"] + data["unchanged"]]
    assert len(labels) == len(set(labels)), "labels are unique within a file"
    for case in data["fixes"] + data["unchanged"]:
        assert case.get("expect", "pass") in ("pass", "fail"), case["label"]
        assert case.get("expect", "pass") == "pass" or case.get("why"), case["label"]


def test_every_cleaner_family_has_cases():
    families = {json.loads(p.read_text("utf-8"))["cleaner"] for p in FILES}
    built_in = set(cleantext.cleaners.__all__) - {"DropRepeatedLines"}
    assert families == built_in
