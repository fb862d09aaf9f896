"""Each cleaner on its cases kept as data (`cases/<family>.json`), as ftfy keeps
its test cases: `fixes` must come out as `output`, `unchanged` byte for byte as
they went in (the negative cases: names, URLs, numbers, code, correct prose).

Every case runs through the cleaner alone, with its default options, so a case
says what that cleaner does, not what the pipeline around it does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleantext import Document
from cleantext.pipeline import registered_cleaners

CASES = Path(__file__).parent / "cases"


def _cases(kind: str) -> list:
    params = []
    for path in sorted(CASES.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        cleaner = registered_cleaners()[data["cleaner"]]
        for number, case in enumerate(data[kind], start=1):
            text, expected = (
                (case["input"], case["output"]) if kind == "fixes" else (case, case)
            )
            params.append(
                pytest.param(cleaner, text, expected, id=f"{path.stem}-{number}")
            )
    return params


@pytest.mark.parametrize(("cleaner", "text", "expected"), _cases("fixes"))
def test_fixes(cleaner, text, expected):
    assert cleaner()(Document(text)).text == expected


@pytest.mark.parametrize(("cleaner", "text", "expected"), _cases("unchanged"))
def test_unchanged(cleaner, text, expected):
    assert cleaner()(Document(text)).text == expected


def test_every_cleaner_family_has_negative_cases():
    families = {json.loads(p.read_text("utf-8"))["cleaner"] for p in CASES.glob("*")}
    assert families == {
        "FixCasing",
        "FixSpacing",
        "FixTypos",
        "FixUnicode",
        "NormalizeTables",
        "NormalizeWhitespace",
    }
    assert all(json.loads(p.read_text("utf-8"))["unchanged"] for p in CASES.glob("*"))
