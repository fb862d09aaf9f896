"""The renderings of webtrain pages made from their HTML
(benchmarks/data/renderings.py): a cache line per page with every renderer's text,
or null where one failed."""

import gzip
import json

import pytest

from benchmarks.data import renderings, webtrain

HTML = (
    "<html><head><title>Ferry</title><style>p {color: red}</style></head><body>"
    "<nav><a href='/'>Home</a> <a href='/tickets'>Tickets</a></nav>"
    "<article><h1>The ferry returns</h1><p>The harbour town reopened its old pier "
    "this spring after three years of repairs, and the first ferry left at nine."
    "</p></article></body></html>"
)


def test_renderers_have_unique_names_and_a_family_each():
    names = [renderer.name for renderer in renderings.RENDERERS]
    assert len(names) == len(set(names))
    assert set(renderings.ALL) == set(renderings.FAMILIES)
    assert not set(names) & set(webtrain.RENDERINGS)


def test_a_page_is_rendered_by_every_tool_and_a_failure_is_null(monkeypatch):
    for renderer in renderings.RENDERERS:
        pytest.importorskip(renderer.module)
    broken = renderings.Renderer("broken", "broken", lambda html: 1 / 0, "fails", "")
    monkeypatch.setattr(renderings, "RENDERERS", (*renderings.RENDERERS, broken))
    line = renderings._render_record(json.dumps({"key": "k/1", "html": HTML}))
    record = json.loads(line)
    assert record["key"] == "k/1" and record["broken"] is None
    for renderer in renderings.RENDERERS[:-1]:
        words = " ".join(record[renderer.name].split())  # html2text wraps lines
        assert "three years of repairs" in words, renderer.name


def test_cached_renderings_are_read_in_order(tmp_path):
    rows = [{"key": "a/1", "soup": "one"}, {"key": "a/2", "soup": None}]
    with gzip.open(tmp_path / "cleaneval.jsonl.gz", "wt", encoding="utf-8") as f:
        f.writelines(json.dumps(row) + "\n" for row in rows)
    assert list(renderings.read("cleaneval", tmp_path)) == rows
    assert not renderings.available(tmp_path)
