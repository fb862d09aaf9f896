"""Inputs named by URL: file:// as a local path, other protocols through fsspec
(here its in-memory filesystem, as an object store would be read)."""

from __future__ import annotations

import gzip
import json

import pytest

from cleantext.io.remote import is_url, local_path
from tests.conftest import module_available, outputs, require_extra


@pytest.mark.parametrize(
    ("name", "url"),
    [("s3://bucket/key.jsonl", True), ("file:///tmp/a.txt", True),
     ("hf://datasets/x/y", True), ("C:\\data\\a.txt", False), ("a.txt", False),
     ("notes://", True), ("./s3:/x", False)],
)  # fmt: skip
def test_urls_are_told_from_paths(name, url):
    assert is_url(name) is url


def test_a_file_url_reads_the_local_file(run_cli, tmp_path):
    page = tmp_path / "my page.txt"
    page.write_text("Hello ,world.")
    assert local_path(page.as_uri()) == page
    result = run_cli("clean", page.as_uri())
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"Hello, world."


@pytest.fixture
def bucket():
    require_extra("remote", "fsspec")
    import fsspec

    store = fsspec.filesystem("memory")
    records = "".join(
        json.dumps({"id": i, "url": f"https://e.org/{i}", "text": f"Page {i} ,here."})
        + "\n"
        for i in range(3)
    )
    store.pipe("/bucket/crawl/part-0.jsonl.gz", gzip.compress(records.encode()))
    store.pipe("/bucket/crawl/pages/a.txt", b"Some ,text.")
    store.pipe("/bucket/crawl/.hidden.txt", b"not taken")
    store.pipe("/bucket/crawl/notes.bin", b"not taken")
    yield "memory://bucket/crawl"
    store.rm("/bucket", recursive=True)


def test_a_folder_url_is_cleaned_into_a_local_mirror(run_cli, bucket, tmp_path):
    out = tmp_path / "out"
    result = run_cli("clean", bucket, "-o", out)
    assert result.returncode == 0, result.stderr
    assert outputs(out) == ["pages/a.txt", "part-0.jsonl.gz"]
    assert (out / "pages" / "a.txt").read_text() == "Some, text."
    lines = gzip.decompress((out / "part-0.jsonl.gz").read_bytes()).splitlines()
    assert json.loads(lines[2]) == {
        "id": 2,
        "url": "https://e.org/2",
        "text": "Page 2, here.",
    }
    again = run_cli("clean", bucket, "-o", out)  # resumed: markers know URLs too
    assert again.returncode == 0 and b"2 input(s) completed" in again.stderr


def test_a_file_url_and_its_problems_are_named(run_cli, bucket):
    result = run_cli("clean", f"{bucket}/pages/a.txt")
    assert result.returncode == 0 and result.stdout == b"Some, text."
    missing = run_cli("clean", f"{bucket}/nope.txt")
    assert missing.returncode == 1
    assert b"memory://bucket/crawl/nope.txt: no such file" in missing.stderr
    unknown = run_cli("clean", "zzz://host/a.txt")
    assert unknown.returncode == 1 and b"not a URL fsspec knows" in unknown.stderr
    if not module_available("s3fs"):  # the protocol's package is named
        s3 = run_cli("clean", "s3://bucket/part-0.jsonl.gz")
        assert s3.returncode == 1 and b"s3fs" in s3.stderr
    in_place = run_cli("clean", bucket, "--in-place")
    assert in_place.returncode == 2 and b"local files only" in in_place.stderr
