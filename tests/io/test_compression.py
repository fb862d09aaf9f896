"""Compressed inputs and outputs, chosen by extension: read decompressed, written
compressed the same way, damage reported per file while the other files go on."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma

import pytest

from cleantext.io.compression import output_file, read_input
from cleantext.io.sources import discover
from tests.conftest import outputs

DIRTY = "The council met on Tuesday ,the mayor said.\n"
CLEANED = "The council met on Tuesday, the mayor said.\n"
COMPRESS = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress}
DECOMPRESS = {".gz": gzip.decompress, ".bz2": bz2.decompress, ".xz": lzma.decompress}


def jsonl(*texts: str | None) -> bytes:
    lines = (json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))
    return "".join(lines).encode()


@pytest.mark.parametrize("suffix", COMPRESS)
def test_compressed_text_and_jsonl_are_read_by_extension(run_cli, tmp_path, suffix):
    text = tmp_path / f"a.txt{suffix}"
    text.write_bytes(COMPRESS[suffix](DIRTY.encode()))
    result = run_cli("clean", text)
    assert result.returncode == 0, result.stderr
    assert result.stdout == CLEANED.encode()
    records = tmp_path / f"d.jsonl{suffix}"
    records.write_bytes(COMPRESS[suffix](jsonl(DIRTY, None)))
    result = run_cli("clean", records)
    assert result.returncode == 0, result.stderr
    assert result.stdout == jsonl(CLEANED, None)  # the null passes through


@pytest.mark.parametrize("suffix", COMPRESS)
def test_outputs_are_compressed_as_their_inputs(run_cli, tmp_path, suffix):
    records = tmp_path / f"d.jsonl{suffix}"
    records.write_bytes(COMPRESS[suffix](jsonl(DIRTY)))
    out = tmp_path / "out"
    result = run_cli("clean", records, "-o", out)
    assert result.returncode == 0, result.stderr
    assert DECOMPRESS[suffix]((out / records.name).read_bytes()) == jsonl(CLEANED)
    result = run_cli("clean", records, "--in-place")
    assert result.returncode == 0, result.stderr
    assert DECOMPRESS[suffix](records.read_bytes()) == jsonl(CLEANED)


def test_an_html_page_becomes_compressed_text(run_cli, tmp_path):
    page = tmp_path / "page.html.gz"
    body = "<p>" + DIRTY * 3 + "</p>"
    page.write_bytes(gzip.compress(f"<html><body>{body}</body></html>".encode()))
    out = tmp_path / "out"
    result = run_cli("clean", page, "-o", out)
    assert result.returncode == 0, result.stderr
    text = gzip.decompress((out / "page.txt.gz").read_bytes()).decode()
    assert "the mayor said" in text


def test_report_and_rejected_files_are_compressed_by_name(run_cli, tmp_path):
    records = tmp_path / "d.jsonl"
    records.write_bytes(jsonl(DIRTY))
    report, rejected = tmp_path / "report.jsonl.xz", tmp_path / "rejected.jsonl.gz"
    result = run_cli(
        "clean", records, "--report", report, "--filter", "c4", "--rejected", rejected
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(lzma.decompress(report.read_bytes()).splitlines()[0])
    dropped = json.loads(gzip.decompress(rejected.read_bytes()))
    assert dropped["reasons"] == ["c4/too_few_sentences"]


def test_the_same_content_gives_the_same_gzip_bytes(tmp_path):
    written = []
    for name in ("a.txt.gz", "b.txt.gz"):
        with output_file(tmp_path / name) as handle:
            handle.write(CLEANED.encode())
        written.append((tmp_path / name).read_bytes())
    assert written[0] == written[1]  # no time stamp in the header
    assert read_input(tmp_path / "a.txt.gz", "a") == CLEANED.encode()


def test_damage_is_reported_and_the_other_inputs_go_on(run_cli, tmp_path):
    whole = gzip.compress(jsonl(*[DIRTY] * 200))
    truncated = tmp_path / "cut.jsonl.gz"
    truncated.write_bytes(whole[: len(whole) // 2])
    not_gzip = tmp_path / "plain.txt.gz"
    not_gzip.write_bytes(DIRTY.encode())
    good = tmp_path / "good.txt.gz"
    good.write_bytes(gzip.compress(DIRTY.encode()))
    out = tmp_path / "out"
    result = run_cli("clean", truncated, not_gzip, good, "-o", out)
    assert result.returncode == 1
    errors = result.stderr.decode().splitlines()
    damage, *_, whole_file = [e for e in errors if "damaged gzip data" in e]
    assert damage.startswith(f"cleantext: error: {truncated}: damaged gzip data after")
    assert damage.endswith(
        "good bytes: Compressed file ended before the end-of-stream marker was "
        "reached; what came before is kept"
    )
    assert whole_file == (
        f"cleantext: error: {not_gzip}: damaged gzip data: Not a gzipped file "
        "(b'Th'); skipped"
    )
    # The records before the damage are kept, as gunzip keeps them; a document
    # file that cannot be read whole is not written at all.
    assert outputs(out) == ["cut.jsonl.gz", "good.txt.gz"]
    kept = gzip.decompress((out / "cut.jsonl.gz").read_bytes()).splitlines()
    assert 50 < len(kept) < 200
    assert json.loads(kept[0])["text"] == CLEANED
    assert gzip.decompress((out / "good.txt.gz").read_bytes()) == CLEANED.encode()


def test_folders_are_walked_for_compressed_files_too(tmp_path):
    for name in ("a.jsonl.gz", "b.txt.zst", "c.md.bz2", "skip.bin.gz"):
        (tmp_path / name).write_bytes(b"")
    sources, errors = discover([str(tmp_path)])
    assert not errors
    assert [(s.path.name, s.format) for s in sources] == [
        ("a.jsonl.gz", "jsonl"),
        ("b.txt.zst", "text"),
        ("c.md.bz2", "text"),
    ]


def test_a_compressed_parquet_file_is_refused(run_cli, tmp_path):
    data = tmp_path / "t.parquet.gz"
    data.write_bytes(gzip.compress(b"PAR1"))
    result = run_cli("clean", data, "-o", tmp_path / "out")
    assert result.returncode == 1
    assert "a compressed Parquet file" in result.stderr.decode()
