"""`cleantext repeats count|show` and `clean --repeats auto|TABLE`."""

from __future__ import annotations

import json

import pytest


def write_site(path, n: int = 5) -> None:
    """A JSONL crawl of one site with a menu and a footer on every page, and a
    record without a url."""
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            text = (
                f"Home | News | Sport\n\nSign in\n\n# Report {i}\n\n"
                f"The story of day {i} is told here.\n\n© {2020 + i} Example Ltd"
            )
            record = {"id": i, "url": f"https://www.example.com/{i}", "text": text}
            handle.write(json.dumps(record) + "\n")
        handle.write(json.dumps({"id": "x", "text": "Sign in"}) + "\n")


def records(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode().splitlines()]


def test_count_show_and_clean_with_a_table(run_cli, tmp_path):
    crawl, table = tmp_path / "crawl.jsonl", tmp_path / "lines.npz"
    write_site(crawl)
    counted = run_cli("repeats", "count", crawl, "-o", table)
    assert counted.returncode == 0, counted.stderr
    assert b"1 of 6 document(s) have no 'url' and were not counted" in counted.stderr
    shown = run_cli("repeats", "show", table, "--top", "3").stdout.decode()
    assert shown.splitlines()[0].startswith("5 documents in 1 group(s)")
    assert "5 of 5" in shown and "example.com" in shown and "Sign in" in shown
    cleaned = run_cli("clean", crawl, "--repeats", table)
    assert cleaned.returncode == 0, cleaned.stderr
    out = records(cleaned.stdout)
    assert out[0]["text"] == "# Report 0\n\nThe story of day 0 is told here."
    assert out[0]["url"] == "https://www.example.com/0"  # the record is kept whole
    assert out[-1]["text"] == "Sign in"  # no url: no group, left alone


def test_auto_counts_then_cleans_the_same(run_cli, tmp_path):
    crawl, table = tmp_path / "crawl.jsonl", tmp_path / "lines.npz"
    write_site(crawl)
    run_cli("repeats", "count", crawl, "-o", table)
    auto = run_cli("clean", crawl, "--repeats", "auto")
    assert auto.returncode == 0, auto.stderr
    assert auto.stderr.count(b"have no 'url'") == 1, auto.stderr
    assert auto.stdout == run_cli("clean", crawl, "--repeats", table).stdout


def test_explain_names_the_count(run_cli, tmp_path):
    crawl = tmp_path / "crawl.jsonl"
    write_site(crawl)
    shown = run_cli("clean", crawl, "--repeats", "auto", "--explain").stdout.decode()
    assert "DropRepeatedLines/site-repeat (in 5 of 5 documents of example.com)" in shown


def test_group_by_none_on_text_files(run_cli, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(4):
        (folder / f"{i}.txt").write_text(
            f"Skip to content\n\nMain menu\n\nPage {i} says hello {'o' * i}.\n"
        )
    out = tmp_path / "out"
    result = run_cli(
        "clean", folder, "-o", out, "--repeats", "auto", "--group-by", "none"
    )
    assert result.returncode == 0, result.stderr
    assert (out / "1.txt").read_text() == "Page 1 says hello o.\n"


def test_shards_merge(run_cli, tmp_path):
    write_site(tmp_path / "a.jsonl", 3)
    write_site(tmp_path / "b.jsonl", 3)
    run_cli("repeats", "count", tmp_path / "a.jsonl", "-o", tmp_path / "a.npz")
    merged = run_cli(
        "repeats",
        "count",
        tmp_path / "b.jsonl",
        "-o",
        tmp_path / "ab.npz",
        "--merge",
        tmp_path / "a.npz",
    )
    assert merged.returncode == 0, merged.stderr
    shown = run_cli("repeats", "show", tmp_path / "ab.npz").stdout.decode()
    assert shown.startswith("6 documents in 1 group(s)")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("clean", "--repeats", "auto"), b"reads files, not stdin"),
        (("clean", "--repeats", "missing.npz"), b"cannot read the repeat table"),
        (("repeats", "show", "missing.npz"), b"cannot read the repeat table"),
    ],
)
def test_usage_errors_are_clear(run_cli, arguments, message):
    result = run_cli(*arguments, stdin=b"text")
    assert result.returncode == 2 and message in result.stderr, result.stderr


def test_text_files_have_no_url_and_the_warning_says_what_to_do(run_cli, tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"Main menu\n\nPage {i}.\n")
    out = tmp_path / "out"
    result = run_cli("clean", tmp_path, "-o", out, "--repeats", "auto")
    assert result.returncode == 0, result.stderr
    assert b"3 of 3 document(s) have no 'url'" in result.stderr
    assert b"'none' counts the whole input" in result.stderr
    assert (out / "1.txt").read_text() == "Main menu\n\nPage 1.\n"


def test_group_by_comes_from_the_pipeline_unless_given(run_cli, tmp_path):
    crawl, config = tmp_path / "crawl.jsonl", tmp_path / "p.toml"
    write_site(crawl)
    config.write_text('[[cleaners]]\nname = "DropRepeatedLines"\ngroup_by = "none"\n')
    by_config = run_cli("clean", crawl, "--repeats", "auto", "--pipeline", config)
    assert records(by_config.stdout)[-1]["text"] == ""  # the record without url too
    by_url = run_cli(
        "clean", crawl, "--repeats", "auto", "--pipeline", config, "--group-by", "url"
    )
    assert records(by_url.stdout)[-1]["text"] == "Sign in"


def test_group_by_without_repeats_is_a_usage_error(run_cli, tmp_path):
    result = run_cli("clean", "--group-by", "url", stdin=b"text")
    assert result.returncode == 2 and b"--group-by needs --repeats" in result.stderr


def test_counting_shows_progress_when_asked(run_cli, tmp_path):
    crawl = tmp_path / "crawl.jsonl"
    write_site(crawl)
    quiet = run_cli(
        "repeats", "count", crawl, "-o", tmp_path / "a.npz", "--progress", "never"
    )
    assert b" docs, " not in quiet.stderr
    shown = run_cli(
        "repeats", "count", crawl, "-o", tmp_path / "b.npz", "--progress", "always"
    )
    assert b"cleantext: 6 docs, " in shown.stderr, shown.stderr
