"""The `cleantext` command as a Unix tool: pipes, signals, stray temporary files,
encodings and formats it must recognise, and how it shares work with processes."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

import cleantext.io.writers
import cleantext.run.pool
from cleantext import Cleaner
from tests.conftest import ROOT, messages

DIRTY = "caf\u00c3\u00a9 &amp; bar\u00a0 \r\n\r\n\r\n\r\nnext line\n".encode()
CLEANED = "café & bar\n\nnext line\n".encode()


@dataclass
class Sleepy(Cleaner):
    """Write this process's id to `log` on each document, then sleep (a cleaner
    for tests that need a run to last: signals, killed writers)."""

    log: str = ""
    seconds: float = 0.2

    def __call__(self, doc):
        with open(self.log, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
        time.sleep(self.seconds)
        return doc


def sleepy_pipeline(folder: Path, seconds: float = 0.2) -> Path:
    config = folder / "sleepy.toml"
    config.write_text(
        "[[cleaners]]\n"
        'name = "tests.cli.test_cli_unix:Sleepy"\n'
        f"log = {json.dumps(str(folder / 'pids.log'))}\n"
        f"seconds = {seconds}\n"
    )
    return config


def start_cli(*args, **kwargs) -> subprocess.Popen:
    """`cleantext` in a process of its own, importable test cleaners included."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "cleantext.cli", *map(str, args)],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        **kwargs,
    )


def wait_for(condition, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def logged_pids(folder: Path) -> set[str]:
    log = folder / "pids.log"
    return set(log.read_text().split()) if log.exists() else set()


# --- pipes and signals ----------------------------------------------------------------


def test_a_closed_stdout_ends_the_run_quietly(tmp_path):
    data = tmp_path / "many.jsonl"
    data.write_text(
        "".join(
            json.dumps({"text": f"Line {i} text ,x."}) + "\n" for i in range(20_000)
        )
    )
    process = start_cli("clean", data, "--jobs", "1", stdout=subprocess.PIPE)
    assert process.stdout.readline().startswith(b'{"text": "Line 0 text, x."')
    process.stdout.close()  # as `head -1` does
    assert process.wait(timeout=60) == 0
    assert process.stderr.read() == b""


def test_ctrl_c_with_workers_prints_one_line_and_exits_130(tmp_path):
    data = tmp_path / "d.jsonl"
    text = "A line of text to clean, long enough to share. " * 6000  # 282 kB each
    data.write_text("".join(json.dumps({"text": text}) + "\n" for _ in range(40)))
    config = sleepy_pipeline(tmp_path, seconds=0.5)
    process = start_cli(
        "clean", data, "--jobs", "2", "--pipeline", config, stdout=subprocess.DEVNULL
    )
    wait_for(lambda: len(logged_pids(tmp_path)) >= 2)  # both workers are busy
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=60) == 130
    assert process.stderr.read().decode() == "cleantext: interrupted\n"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie is dead, just not reaped
        return stat.read().split(")")[-1].split()[0] != "Z"


def _busy_run(tmp_path, *extra):
    """A run of `--jobs 2` whose two workers are both cleaning."""
    data = tmp_path / "d.jsonl"
    text = "A line of text to clean, long enough to share. " * 6000  # 282 kB each
    data.write_text("".join(json.dumps({"text": text}) + "\n" for _ in range(40)))
    config = sleepy_pipeline(tmp_path, seconds=0.5)
    process = start_cli(
        "clean",
        data,
        "--jobs",
        "2",
        "--pipeline",
        config,
        *extra,
        stdout=subprocess.DEVNULL,
    )
    wait_for(lambda: len(logged_pids(tmp_path)) >= 2)
    return process, sorted(int(pid) for pid in logged_pids(tmp_path))


@pytest.mark.slow
def test_a_killed_worker_ends_the_run_with_a_clear_error(tmp_path):
    """What the out-of-memory killer does: the run used to wait forever."""
    output = tmp_path / "out.jsonl"
    process, workers = _busy_run(tmp_path, "-o", output)
    os.kill(workers[0], signal.SIGKILL)
    assert process.wait(timeout=60) == 3
    assert b"a worker process died while cleaning documents" in process.stderr.read()
    wait_for(lambda: not any(_alive(pid) for pid in workers), seconds=10)
    assert not output.exists()  # nothing half-written
    assert list(tmp_path.glob(".out.jsonl.cleantext-*.tmp")) == []


@pytest.mark.slow
def test_workers_exit_when_their_parent_is_killed(tmp_path):
    process, workers = _busy_run(tmp_path)
    process.kill()
    process.wait(timeout=30)
    wait_for(lambda: not any(_alive(pid) for pid in workers), seconds=30)


@pytest.mark.slow
def test_sigterm_stops_the_workers_too(tmp_path):
    process, workers = _busy_run(tmp_path)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 143
    wait_for(lambda: not any(_alive(pid) for pid in workers), seconds=10)


def test_a_killed_in_place_run_leaves_no_temporary_file_for_long(tmp_path):
    data = tmp_path / "d.jsonl"
    records = [json.dumps({"text": f"Record {i} is ,here."}) + "\n" for i in range(200)]
    data.write_text("".join(records))
    config = sleepy_pipeline(tmp_path, seconds=0.05)
    process = start_cli(
        "clean", data, "--in-place", "--jobs", "1", "--pipeline", config
    )
    wait_for(lambda: list(tmp_path.glob(".d.jsonl.cleantext-*.tmp")))
    process.kill()
    process.wait(timeout=30)
    assert list(tmp_path.glob(".d.jsonl.cleantext-*.tmp"))  # what kill -9 leaves
    assert data.read_text() == "".join(records)  # the input is whole
    result = subprocess.run(
        [sys.executable, "-m", "cleantext.cli", "clean", data, "--in-place"],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.glob(".d.jsonl.cleantext-*.tmp")) == []
    assert json.loads(data.read_text().splitlines()[0])["text"] == "Record 0 is, here."


def test_a_running_writers_temporary_file_is_left_alone(run_cli, tmp_path, monkeypatch):
    monkeypatch.setattr(cleantext.io.writers, "_swept", set())
    target = tmp_path / "a.txt"
    target.write_bytes(DIRTY)
    host = cleantext.io.writers.HOST
    dead = tmp_path / f".a.txt.cleantext-999999999@{host}.x1.tmp"
    dead_other_file = tmp_path / f".b.txt.cleantext-999999999@{host}.x3.tmp"
    alive = tmp_path / f".a.txt.cleantext-{os.getpid()}@{host}.x2.tmp"
    other_host = tmp_path / ".a.txt.cleantext-999999999@elsewhere.x4.tmp"
    for path in (dead, dead_other_file, alive, other_host):
        path.write_bytes(b"partial")
    assert run_cli("clean", target, "--in-place").returncode == 0
    assert not dead.exists() and not dead_other_file.exists()
    assert alive.exists() and other_host.exists()
    assert target.read_bytes() == CLEANED


# --- several documents on stdout ------------------------------------------------------


def test_several_text_files_do_not_run_together_on_stdout(run_cli, tmp_path):
    (tmp_path / "a.txt").write_text("First document ends here.")
    (tmp_path / "b.txt").write_text("Second one.")
    result = run_cli("clean", tmp_path / "a.txt", tmp_path / "b.txt")
    assert result.returncode == 2 and result.stdout == b""
    assert b"would run together on stdout" in result.stderr
    result = run_cli("clean", tmp_path, "--output-format", "jsonl")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [record.pop("metadata")["language"] for record in records] == ["en", "und"]
    assert records == [
        {"id": str(tmp_path / "a.txt"), "text": "First document ends here."},
        {"id": str(tmp_path / "b.txt"), "text": "Second one."},
    ]
    # One file, or JSONL files (whose lines stay lines), go to stdout as they are.
    assert run_cli("clean", tmp_path / "a.txt").stdout == b"First document ends here."
    (tmp_path / "c.jsonl").write_text('{"text": "x ,y"}\n')
    (tmp_path / "d.jsonl").write_text('{"text": "z"}\n')
    both = run_cli("clean", tmp_path / "c.jsonl", tmp_path / "d.jsonl")
    assert both.stdout == b'{"text": "x, y"}\n{"text": "z"}\n'


def test_jsonl_output_format_is_for_stdout_only(run_cli, tmp_path):
    (tmp_path / "a.txt").write_text("x")
    result = run_cli(
        "clean", tmp_path / "a.txt", "--output-format", "jsonl", "-o", tmp_path / "o"
    )
    assert result.returncode == 2 and b"is for stdout" in result.stderr


# --- inputs it must recognise ---------------------------------------------------------


def test_a_symlink_loop_is_one_error_with_or_without_output_dir(run_cli, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_bytes(DIRTY)
    os.symlink(src / "loop.txt", src / "loop.txt")
    for extra in (["--output-format", "jsonl"], ["-o", str(tmp_path / "out")]):
        result = run_cli("clean", src, *extra)
        err = result.stderr.decode().splitlines()
        assert result.returncode == 1
        assert any(
            line.startswith(f"cleantext: error: {src / 'loop.txt'}: cannot read")
            for line in err
        ), err
        assert "Traceback" not in result.stderr.decode()
    assert (tmp_path / "out" / "good.txt").read_bytes() == CLEANED


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_decoded(
    run_cli, tmp_path, encoding
):
    text = "café ,ok\n"
    data = text.encode(encoding)
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):  # utf-16-be has no mark
        data = b"\xfe\xff" + data
    (tmp_path / "a.txt").write_bytes(data)
    assert run_cli("clean", tmp_path / "a.txt").stdout == "café, ok\n".encode()
    record = json.dumps({"text": text.strip()}, ensure_ascii=False) + "\n"
    (tmp_path / "a.jsonl").write_bytes(record.encode("utf-16"))
    result = run_cli("clean", tmp_path / "a.jsonl")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"text": "café, ok"}


def test_compressed_data_without_its_extension_never_reaches_the_output(
    run_cli, tmp_path
):
    data = tmp_path / "a.jsonl"
    lines = "".join(json.dumps({"text": f"x{i}"}) + "\n" for i in range(200))
    data.write_bytes(gzip.compress(lines.encode()))
    for args in ([data, "--format", "jsonl"], [data, "--format", "text"], [data]):
        result = run_cli("clean", *args)
        assert result.returncode == 1 and result.stdout == b""
        assert messages(result.stderr) == [
            f"cleantext: error: {data}: gzip-compressed file without its extension; "
            "name it .gz, .zst, .bz2 or .xz to read it decompressed (or pipe it "
            "through zcat)",
            "cleantext: 1 problem(s) reported above",
        ]


HTML = b"""<!DOCTYPE html><html><head><title>T</title></head><body>
<nav>Home | News</nav><article><h1>Big news today</h1>
<p>The council approved the new budget on Tuesday after a long debate about
road repairs, schools and the library, which will stay open on Sundays.</p>
</article></body></html>"""


def test_stdin_is_recognised_as_html_or_jsonl(run_cli):
    page = run_cli("clean", stdin=HTML)
    assert page.returncode == 0, page.stderr
    assert b"The council approved the new budget" in page.stdout
    assert b"<p>" not in page.stdout
    records = run_cli("clean", stdin=b'{"text": "a&amp;b"}\n')
    assert json.loads(records.stdout) == {"text": "a&b"}
    prose = b"{braces} open this note, and it is still a note ,really.\n"
    assert run_cli("clean", stdin=prose).stdout == (
        b"{braces} open this note, and it is still a note, really.\n"
    )
    assert run_cli("clean", "--format", "text", stdin=HTML).stdout.startswith(b"<")


# --- progress and workers -------------------------------------------------------------


def test_progress_has_a_total_when_the_input_size_is_known(run_cli, tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(DIRTY)
    shown = run_cli(
        "clean", tmp_path, "-o", tmp_path / "out", "--progress", "always"
    ).stderr.decode()
    assert f"/{2 * len(DIRTY)}.0" in shown  # bytes done of the total
    assert shown.splitlines()[-1].startswith("cleantext: 2 docs, 0.00 MB in ")


def test_workers_start_only_when_there_is_enough_text(run_cli, tmp_path, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr(cleantext.run.pool.multiprocessing, "get_context", no_pool)
    (tmp_path / "tiny.txt").write_bytes(DIRTY)
    result = run_cli("clean", tmp_path / "tiny.txt", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert result.stdout == CLEANED


# --- the budget -----------------------------------------------------------------------


def test_a_document_over_the_budget_is_warned_about_and_kept(run_cli, tmp_path):
    config = tmp_path / "p.toml"
    config.write_text('max_chars = 20\n[[cleaners]]\nname = "FixSpacing"\n')
    data = tmp_path / "d.jsonl"
    data.write_text('{"text": "short ,one"}\n{"text": "a longer one ,over twenty"}\n')
    report = tmp_path / "r.jsonl"
    result = run_cli("clean", data, "--pipeline", config, "--report", report)
    assert result.returncode == 0
    assert result.stdout.decode().splitlines() == [
        '{"text": "short, one"}',
        '{"text": "a longer one ,over twenty"}',
    ]
    assert messages(result.stderr) == [
        f"cleantext: warning: {data}:2: 25 characters, over max_chars=20; passed "
        "through unchanged"
    ]
    entries = [json.loads(line) for line in report.read_text().splitlines()]
    assert "skipped" not in entries[0]
    assert entries[1]["skipped"] == "25 characters, over max_chars=20"
