"""Readers and outputs, the one place formats are read and written: every input
becomes entries in order, each a document with its record's fields or an item
that is none, and each format's output is built from entries alone."""

from __future__ import annotations

import gzip

from cleantext.document import Document
from cleantext.io.outputs import OutputOptions, column_value, output_chunk, refusal
from cleantext.io.readers import ReadOptions, open_reader
from cleantext.io.sources import Source


def entries(path, fmt, **options):
    reader = open_reader(Source(path, str(path), fmt), ReadOptions(**options))
    return list(reader.entries()), reader.warnings


def test_jsonl_entries_keep_every_field_and_every_line_in_its_place(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        b'{"id": 7, "text": "Hello.", "url": "https://a.example/x", "n": [1]}\n'
        b"\n"
        b"not json\n"
        b'{"text": null, "url": "https://a.example/y"}\n'
        b'{"text": "No id here."}\n'
    )
    found, warnings = entries(path, "jsonl")
    assert [e.number for e in found] == [1, 2, 3, 4, 5]
    first, blank, broken, null, last = found
    assert first.text == "Hello." and first.doc_id == "7"
    assert first.fields == {
        "id": 7,
        "text": "Hello.",
        "url": "https://a.example/x",
        "n": [1],
    }
    assert blank.text is None and blank.error is None and blank.passed == b"\n"
    assert broken.text is None and "malformed JSON" in str(broken.error)
    assert broken.passed == b"not json\n"
    assert null.text is None and null.error is None
    assert last.doc_id == f"{path}:5"
    assert warnings == [
        f"{path}: 1 record(s) with a null or missing 'text' passed through "
        "unchanged (line 4)"
    ]


def test_jsonl_output_is_the_input_line_for_line_with_texts_cleaned(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"body": "a", "url": "u"}\nnot json\n\xff\xfe\n')
    (record, broken, binary), _ = entries(path, "jsonl", field="body")
    options = OutputOptions(field="body")
    cleaned = Document("A.", id="1")
    assert output_chunk(record, cleaned, True, options) == (
        b'{"body": "A.", "url": "u"}\n'
    )
    assert output_chunk(record, cleaned, False, options) is None  # dropped
    assert output_chunk(broken, None, True, options) == b"not json\n"
    assert binary.undecodable
    assert output_chunk(binary, None, True, options) is None
    in_place = OutputOptions(field="body", in_place=True)
    assert output_chunk(binary, None, True, in_place) == b"\xff\xfe\n"


def test_a_damaged_compressed_input_keeps_its_records_before_the_damage(tmp_path):
    path = tmp_path / "in.jsonl.gz"
    lines = [b'{"text": "record %d"}\n' % n for n in range(20_000)]
    whole = gzip.compress(b"".join(lines))
    path.write_bytes(whole[: len(whole) // 2])
    damage = []
    found, _ = entries(path, "jsonl", on_damage=damage.append)
    read = [e.text for e in found if e.text is not None]
    assert 1000 < len(read) < 20_000
    assert read == [f"record {n}" for n in range(len(read))]
    assert len(found) - len(read) <= 1  # at most the line cut in two
    assert len(damage) == 1 and "damaged gzip data" in str(damage[0])


def test_a_whole_file_is_one_entry_and_its_problems_are_entries_too(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>A title</title></head><body><article>"
        + "<p>A paragraph of the article, long enough to be its main text.</p>" * 5
        + "</article></body></html>",
        "utf-8",
    )
    (entry,), warnings = entries(page, "html")
    assert entry.number is None and entry.doc_id == str(page) and not warnings
    assert "A paragraph of the article" in entry.text
    assert entry.metadata.get("title") == "A title"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    (entry,), warnings = entries(empty, "text")
    assert entry.text == "" and warnings == [f"{empty}: empty file"]
    (entry,), _ = entries(tmp_path / "missing.txt", "text")
    assert entry.text is None and "no such file" in str(entry.error)


def test_whole_documents_are_written_as_text_or_as_one_json_line(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# Title\n", "utf-8")
    (entry,), _ = entries(path, "markdown")
    doc = Document("# Title\n", id=str(path), metadata={"author": "A. Writer"})
    assert output_chunk(entry, doc, True, OutputOptions()) == b"# Title\n"
    assert output_chunk(entry, doc, False, OutputOptions()) is None
    line = output_chunk(entry, doc, True, OutputOptions(output_format="jsonl"))
    assert line == (
        b'{"id": "' + str(path).encode() + b'", "text": "# Title\\n", '
        b'"metadata": {"author": "A. Writer"}}\n'
    )


def test_outputs_refuse_what_a_format_cannot_be_written_as():
    assert "in place" in refusal("html", OutputOptions(in_place=True), False)
    assert "needs -o DIR" in refusal("parquet", OutputOptions(), True)
    assert refusal("parquet", OutputOptions(), False) is None  # a review run
    assert refusal("jsonl", OutputOptions(in_place=True), True) is None


def test_a_columnar_output_passes_nulls_through_and_leaves_dropped_rows_out(
    tmp_path,
):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"text": "a"}\n')
    (entry,), _ = entries(path, "jsonl")
    assert column_value(entry, None, True) == (None, True)
    assert column_value(entry, Document("A"), False) == ("A", False)
