"""Progress for logs: plain lines at an interval and a summary, never a bar."""

from __future__ import annotations

import io

import pytest

from cleantext.run.progress import BAR, LOG, OFF, Progress


def test_log_mode_writes_plain_lines_with_the_share_done_and_a_summary():
    stream = io.StringIO()
    progress = Progress(stream, LOG, total_bytes=4_000_000, log_every=0.0)
    progress.add(1_000_000)
    progress.add(1_000_000, documents=2)
    progress.close()
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("cleantext: 1 docs, 1.0 MB of 4.0 MB (25%, ")
    assert lines[1].startswith("cleantext: 3 docs, 2.0 MB of 4.0 MB (50%, ")
    assert "min left" in lines[1] and "MB/s" in lines[1]
    assert lines[2].startswith("cleantext: 3 docs, 2.00 MB in ")
    assert "\r" not in stream.getvalue()


def test_log_mode_waits_its_interval_between_lines():
    stream = io.StringIO()
    progress = Progress(stream, LOG, log_every=3600.0)
    for _ in range(100):
        progress.add(10)
    assert stream.getvalue() == ""
    progress.close()
    assert stream.getvalue().startswith("cleantext: 100 docs, 0.00 MB in ")


def test_without_a_known_size_a_log_line_counts_documents_and_megabytes():
    stream = io.StringIO()
    Progress(stream, LOG, log_every=0.0).add(2_500_000)
    assert stream.getvalue().startswith("cleantext: 1 docs, 2.5 MB, ")
    assert " of " not in stream.getvalue()


def test_off_writes_nothing_and_a_bar_ends_with_the_summary():
    quiet = io.StringIO()
    progress = Progress(quiet, OFF)
    progress.add(10)
    progress.close()
    assert quiet.getvalue() == ""
    drawn = io.StringIO()
    progress = Progress(drawn, BAR, total_bytes=10)
    progress.add(10)
    progress.close()
    assert drawn.getvalue().splitlines()[-1].startswith("cleantext: 1 docs")


def test_an_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="progress mode"):
        Progress(io.StringIO(), "sometimes")
