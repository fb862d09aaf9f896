"""Web archives (the `warc` extra): WET conversion records and WARC HTML responses
become JSON lines with their url, date, record id and content type; every other
record is counted; damage keeps what came before it."""

from __future__ import annotations

import gzip
import json

from tests.conftest import messages, require_extra

require_extra("warc", "warcio")

ARTICLE = (
    "The council met on Tuesday ,the mayor said. The new budget pays for road "
    "repairs, longer library hours and two new school buses, after a debate that "
    "lasted well into the night.\n"
)
CLEANED_START = "The council met on Tuesday, the mayor said."


def record(kind: str, number: int, body: bytes, content_type: str, **headers) -> bytes:
    """One WARC record, as Common Crawl writes it."""
    lines = [
        "WARC/1.0",
        f"WARC-Type: {kind}",
        f"WARC-Date: 2024-02-21T10:00:{number:02d}Z",
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{number:012d}>",
        *(f"{name.replace('_', '-')}: {value}" for name, value in headers.items()),
        f"Content-Type: {content_type}",
        f"Content-Length: {len(body)}",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body + b"\r\n\r\n"


def http_response(html: str, content_type: str) -> bytes:
    body = html.encode(content_type.partition("charset=")[2] or "utf-8")
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n"
    return (head + f"Content-Length: {len(body)}\r\n\r\n").encode() + body


def members(*records: bytes) -> bytes:
    """Each record its own gzip member, as in Common Crawl's files."""
    return b"".join(gzip.compress(r, mtime=0) for r in records)


INFO = record("warcinfo", 0, b"software: test\r\n", "application/warc-fields")


def wet(*texts: str) -> list[bytes]:
    return [INFO] + [
        record(
            "conversion",
            i,
            text.encode(),
            "text/plain",
            WARC_Target_URI=f"https://example.com/{i}",
        )
        for i, text in enumerate(texts, start=1)
    ]


def test_a_wet_file_becomes_json_lines_with_its_record_fields(run_cli, tmp_path):
    archive = tmp_path / "CC-MAIN-1.warc.wet.gz"
    archive.write_bytes(members(*wet(ARTICLE, ARTICLE.replace("Tuesday", "Monday"))))
    out = tmp_path / "out"
    result = run_cli("clean", archive, "-o", out)
    assert result.returncode == 0, result.stderr
    lines = gzip.decompress((out / "CC-MAIN-1.jsonl.gz").read_bytes()).splitlines()
    first = json.loads(lines[0])
    first_confidence = first.get("metadata", {}).get("language_confidence")
    assert first_confidence > 0.9
    assert first["text"].startswith(CLEANED_START)
    assert {k: v for k, v in first.items() if k != "text"} == {
        "id": "<urn:uuid:00000000-0000-0000-0000-000000000001>",
        "url": "https://example.com/1",
        "date": "2024-02-21T10:00:01Z",
        "record_id": "<urn:uuid:00000000-0000-0000-0000-000000000001>",
        "content_type": "text/plain",
        "metadata": {"language": "en", "language_confidence": first_confidence},
    }
    assert len(lines) == 2
    assert messages(result.stderr) == [
        f"cleantext: warning: {archive}: 1 record(s) without a text document "
        "skipped (1 warcinfo)"
    ]


LATIN_1 = "text/html; charset=iso-8859-1"


def test_a_warc_file_gives_the_main_text_of_its_html_responses(run_cli, tmp_path):
    page = "<html><head><title>Budget</title></head><body><nav>Home | News</nav>"
    page += f"<article><p>{ARTICLE}</p><p>{ARTICLE}</p></article></body></html>"
    records = [
        INFO,
        record(
            "request",
            1,
            b"GET / HTTP/1.1\r\n\r\n",
            "application/http; msgtype=request",
            WARC_Target_URI="https://example.org/budget",
        ),
        record(
            "response",
            2,
            http_response(
                page.replace("mayor", "maire é"), "text/html; charset=iso-8859-1"
            ),
            "application/http; msgtype=response",
            WARC_Target_URI="https://example.org/budget",
        ),
        record(
            "response",
            3,
            http_response("PNG", "image/png"),
            "application/http; msgtype=response",
            WARC_Target_URI="https://example.org/logo.png",
        ),
    ]
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(b"".join(records))
    result = run_cli("clean", archive)
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    document = json.loads(line)
    assert document["url"] == "https://example.org/budget"
    assert document["content_type"] == "text/html"
    assert (
        "the maire é said" in document["text"] and "Home | News" not in document["text"]
    )
    assert messages(result.stderr) == [
        f"cleantext: warning: {archive}: 3 record(s) without a text document "
        "skipped (1 request, 1 response, 1 warcinfo)"
    ]


def test_damage_keeps_the_documents_before_it(run_cli, tmp_path):
    whole = members(*wet(ARTICLE, ARTICLE, ARTICLE))
    archive = tmp_path / "cut.warc.wet.gz"
    archive.write_bytes(whole[:-40])  # the last record's gzip member is cut short
    out = tmp_path / "out"
    result = run_cli("clean", archive, "-o", out)
    assert result.returncode == 1
    (error,) = [line for line in result.stderr.decode().splitlines() if "error" in line]
    assert error.startswith(f"cleantext: error: {archive}: damaged archive at byte ")
    assert "of the decompressed data: damaged gzip data: Compressed file ended" in error
    assert error.endswith("; rest skipped") and "skipped;" not in error
    lines = gzip.decompress((out / "cut.jsonl.gz").read_bytes()).splitlines()
    assert len(lines) == 2


def test_a_filter_rejects_records_with_their_reasons(run_cli, tmp_path):
    archive = tmp_path / "a.wet"
    archive.write_bytes(b"".join(wet("Too short.", ARTICLE * 3)))
    rejected = tmp_path / "rejected.jsonl"
    result = run_cli("clean", archive, "--filter", "c4", "--rejected", rejected)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1
    (dropped,) = map(json.loads, rejected.read_bytes().splitlines())
    assert dropped["line"] == 2  # the record's place in the archive, after warcinfo
    assert dropped["reasons"][0].startswith("c4/") and dropped["url"]


def test_stdin_is_recognised_as_a_web_archive(run_cli):
    result = run_cli("clean", stdin=b"".join(wet(ARTICLE)))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["text"].startswith(CLEANED_START)


def test_a_wet_file_cleans_into_one_compressed_jsonl_file(run_cli, tmp_path):
    archive = tmp_path / "CC-MAIN-2.warc.wet.gz"
    archive.write_bytes(members(*wet(ARTICLE, ARTICLE)))
    output = tmp_path / "out.jsonl.gz"
    result = run_cli("clean", archive, "-o", output)
    assert result.returncode == 0, result.stderr
    lines = gzip.decompress(output.read_bytes()).splitlines()
    assert [json.loads(line)["url"] for line in lines] == [
        "https://example.com/1",
        "https://example.com/2",
    ]


# --- damage in an uncompressed archive (issue 34, finding 7) ---

SECOND = ARTICLE.replace("Tuesday", "Wednesday")


def _texts(result) -> list[str]:
    return [json.loads(line)["text"] for line in result.stdout.splitlines()]


def test_a_wrong_content_length_is_an_error_not_a_document(run_cli, tmp_path):
    first, second = wet(ARTICLE, SECOND)[1:]
    longer = str(len(ARTICLE.encode()) + 40)
    damaged = first.replace(
        f"Content-Length: {len(ARTICLE.encode())}".encode(),
        f"Content-Length: {longer}".encode(),
    )
    archive = tmp_path / "a.warc"
    archive.write_bytes(INFO + damaged + second)
    result = run_cli("clean", archive)
    assert result.returncode == 1
    assert b"record 2: its Content-Length" in result.stderr
    assert not any("WARC" in text for text in _texts(result))  # no headers as text


def test_a_truncated_archive_is_an_error_not_an_empty_document(run_cli, tmp_path):
    data = b"".join(wet(ARTICLE, SECOND))
    archive = tmp_path / "a.warc"
    archive.write_bytes(data[: data.index(b"Wednesday") + 20])
    result = run_cli("clean", archive)
    assert result.returncode == 1
    assert b"record 3: truncated" in result.stderr
    assert _texts(result) == [_texts(run_cli("clean", stdin=b"".join(wet(ARTICLE))))[0]]


def test_a_block_digest_that_does_not_match_is_an_error(run_cli, tmp_path):
    import base64
    import hashlib

    body = ARTICLE.encode()
    digest = base64.b32encode(hashlib.sha1(body).digest()).decode()
    good = record(
        "conversion", 1, body, "text/plain", WARC_Block_Digest=f"sha1:{digest}"
    )
    archive = tmp_path / "a.warc"
    archive.write_bytes(INFO + good.replace(b"library", b"lobrary"))
    result = run_cli("clean", archive)
    assert result.returncode == 1
    assert b"record 2: block digest failed" in result.stderr
    assert _texts(result) == []
    archive.write_bytes(INFO + good)
    assert run_cli("clean", archive).returncode == 0
