"""Issue 34's audit, one reproducer each: nothing lost, nothing hung.

Each test failed before its fix; together with tests/test_complexity.py (every
shape linear) and tests/core/test_cache.py (untrusted snapshots refused) they are
the README's "Reliability" guarantees."""

from __future__ import annotations

import json

import pytest

RECORDS = b'{"text": "good ,text."}\n{"text": "more ,text.", "id": 2}\n'


@pytest.fixture
def records(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_bytes(RECORDS)
    return path


# --- 1. inputs are never overwritten, outputs never collide ---


@pytest.mark.parametrize(
    "options",
    [
        ("--report", "{input}"),
        ("--filter", "c4", "--rejected", "{input}"),
        ("-o", "{input}"),
    ],
    ids=["report", "rejected", "output"],
)
def test_clean_refuses_any_output_that_is_an_input(run_cli, records, options):
    args = [a.format(input=records) for a in options]
    result = run_cli("clean", records, *args)
    assert result.returncode == 2, result.stderr
    assert b"is also an input" in result.stderr
    assert records.read_bytes() == RECORDS


def test_score_refuses_an_output_that_is_an_input(run_cli, records):
    result = run_cli("score", records, "-o", records)
    assert result.returncode == 2 and b"is also an input" in result.stderr
    assert records.read_bytes() == RECORDS


def test_an_input_reached_through_a_symlink_is_still_an_input(run_cli, records):
    link = records.parent / "link.jsonl"
    link.symlink_to(records)
    result = run_cli("clean", records, "--report", link)
    assert result.returncode == 2 and records.read_bytes() == RECORDS


def test_two_outputs_naming_one_file_are_refused(run_cli, records, tmp_path):
    same = tmp_path / "x.jsonl"
    result = run_cli("clean", records, "-o", same, "--report", same)
    assert result.returncode == 2
    assert b"name the same file" in result.stderr
    assert not same.exists()


def test_a_named_output_inside_the_output_folder_cannot_take_an_outputs_place(
    run_cli, records, tmp_path
):
    out = tmp_path / "out"
    result = run_cli("clean", records, "-o", out, "--report", out / "d.jsonl")
    assert result.returncode == 2 and b"name the same file" in result.stderr


def test_in_place_keeps_records_it_cannot_decode_byte_for_byte(run_cli, tmp_path):
    path = tmp_path / "x.jsonl"
    bad = b'{"text":"bad \xff","id":2}\n'
    nul = b'{"text":"nul \x00 here","id":3}\n'
    path.write_bytes(b'{"text":"Good ,one."}\n' + bad + nul + b'{"text":"After."}\n')
    result = run_cli("clean", path, "--in-place")
    assert result.returncode == 1  # the undecodable lines are reported
    lines = path.read_bytes().splitlines(keepends=True)
    assert lines[1:3] == [bad, nul]
    assert json.loads(lines[0])["text"] == "Good, one."
    assert json.loads(lines[3])["text"] == "After."


# --- 6. one bad JSONL line is reported with its place, and the batch goes on ---


@pytest.mark.parametrize(
    "line",
    [b"[" * 100_000 + b"\n", b'{"text": "x", "n": ' + b"9" * 5000 + b"}\n"],
    ids=["deep-nesting", "huge-integer"],
)
def test_a_pathological_json_line_is_one_error_not_a_traceback(run_cli, tmp_path, line):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"text": "First ,line."}\n' + line + b'{"text": "Last."}\n')
    later = tmp_path / "later.jsonl"
    later.write_bytes(b'{"text": "Read ,too."}\n')
    out = tmp_path / "out"
    result = run_cli("clean", path, later, "-o", out)
    assert result.returncode == 1, result.stderr
    assert f"{path}:2".encode() in result.stderr
    assert b"Traceback" not in result.stderr
    written = (out / "bad.jsonl").read_bytes().splitlines()
    assert json.loads(written[0])["text"] == "First, line."
    assert json.loads(written[-1])["text"] == "Last."
    assert json.loads((out / "later.jsonl").read_bytes())["text"] == "Read, too."


# --- 8. lone surrogates (valid JSON) are carried everywhere text is encoded ---

SURROGATE = b'{"text": "Hello \\ud800 world, a test ,of surrogates in text here."}\n'


@pytest.mark.parametrize(
    "options",
    [
        ("score",),
        ("clean", "--pipeline", "{nw}", "--filter", "c4", "--rejected", "{rej}"),
        ("clean", "--pipeline", "{nw}", "--diff"),
        ("clean", "--pipeline", "{nw}", "--explain"),
        ("clean", "--pipeline", "{nw}", "--report", "{rep}"),
        ("clean", "--pipeline", "{nw}", "-o", "{out}"),
        ("clean",),
    ],
    ids=["score", "filter", "diff", "explain", "report", "output-dir", "default"],
)
def test_a_lone_surrogate_never_crashes_a_command(run_cli, tmp_path, options):
    data = tmp_path / "s.jsonl"
    data.write_bytes(SURROGATE)
    nw = tmp_path / "nw.toml"
    nw.write_text('[[cleaners]]\nname = "FixSpacing"\n')
    names = {n: tmp_path / f"{n}.out" for n in ("rej", "rep", "out")}
    args = [a.format(nw=nw, **names) for a in options]
    result = run_cli(args[0], data, *args[1:])
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr


# --- 10. outputs that cannot be written: one line naming them, no traceback ---


@pytest.mark.parametrize(
    "options",
    [("-o", "/proc/x.jsonl"), ("--report", "/proc/r.jsonl"), ("-o", "/proc/out/")],
    ids=["output-file", "report", "output-dir"],
)
def test_an_unwritable_output_is_named_in_one_line(run_cli, records, options):
    result = run_cli("clean", records, *options)
    assert result.returncode == 1
    message = result.stderr.decode()
    assert "Traceback" not in message and "cleantext-" not in message  # no temp name
    assert options[1].rstrip("/") in message


def test_a_gzip_with_trailing_garbage_keeps_its_records(run_cli, tmp_path):
    import gzip

    data = tmp_path / "g.jsonl.gz"
    data.write_bytes(gzip.compress(RECORDS) + b"GARBAGE!!")
    out = tmp_path / "out"
    result = run_cli("clean", data, "-o", out, "--language", "en")
    assert result.returncode == 1 and b"what came before is kept" in result.stderr
    kept = gzip.decompress((out / "g.jsonl.gz").read_bytes()).splitlines()
    assert [json.loads(line)["text"] for line in kept] == ["good, text.", "more, text."]
    assert run_cli("clean", data, "--in-place").returncode == 1  # never cut in place
    assert gzip.decompress(data.read_bytes()[:-9]) == RECORDS
