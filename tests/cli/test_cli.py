"""The `cleantext` command on real files: in this process (`run_cli`), or as a
subprocess where a process of its own matters (`run_cli_process`)."""

from __future__ import annotations

import json
import os

import pytest

from tests.conftest import SEEDS, messages, outputs

DIRTY = "caf\u00c3\u00a9 &amp; bar\u00a0 \r\n\r\n\r\n\r\nnext line\n".encode()
CLEANED = "café & bar\n\nnext line\n".encode()


def lines(data: bytes) -> list[str]:
    return data.decode().splitlines()


def test_version_and_help(run_cli):
    version = run_cli("--version").stdout.decode()
    assert version.startswith("cleantext ")
    assert "compiled kernel" in version or "pure-Python kernel: " in version
    help_text = run_cli("clean", "--help").stdout.decode()
    assert "examples:" in help_text and "--in-place" in help_text


def test_stdin_to_stdout(run_cli):
    result = run_cli("clean", stdin=DIRTY)
    assert result.returncode == 0, result.stderr
    assert result.stdout == CLEANED
    assert run_cli("clean", "-", stdin=DIRTY).stdout == CLEANED


def test_file_to_stdout_leaves_the_file_alone(run_cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(DIRTY)
    result = run_cli("clean", path)
    assert result.stdout == CLEANED and path.read_bytes() == DIRTY


def test_folder_mirrored_into_output_dir(run_cli, tmp_path):
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_bytes(DIRTY)
    (src / "sub" / "b.md").write_bytes(DIRTY)
    (src / "skip.bin").write_bytes(b"\x00\x01")
    (src / ".hidden.txt").write_bytes(DIRTY)
    out = tmp_path / "out"
    result = run_cli("clean", src, "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""  # not a terminal: no bar, only the summary line
    assert result.stderr.decode().startswith("cleantext: 2 docs, ")
    assert len(result.stderr.splitlines()) == 1
    assert (out / "a.txt").read_bytes() == CLEANED
    assert (out / "sub" / "b.md").read_bytes() == CLEANED
    assert outputs(out) == ["a.txt", "sub/b.md"]
    assert not list(out.rglob(".*.tmp"))


def test_glob_selects_files_in_folders(run_cli, tmp_path):
    (tmp_path / "a.txt").write_bytes(DIRTY)
    (tmp_path / "b.md").write_bytes(DIRTY)
    out = tmp_path / "out"
    run_cli("clean", tmp_path, "--glob", "*.md", "-o", out)
    assert outputs(out) == ["b.md"]


def test_output_dir_inside_input_folder_is_not_reread(run_cli, tmp_path):
    (tmp_path / "a.txt").write_bytes(DIRTY)
    for _ in range(2):
        result = run_cli("clean", tmp_path, "-o", tmp_path / "out", "--overwrite")
        assert result.returncode == 0, result.stderr
    assert not (tmp_path / "out" / "out").exists()


def test_in_place_only_when_asked(run_cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(DIRTY)
    os.chmod(path, 0o640)
    result = run_cli("clean", path, "--in-place")
    assert result.returncode == 0, result.stderr
    assert path.read_bytes() == CLEANED
    assert os.stat(path).st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_refuses_to_overwrite_an_input_through_output_dir(run_cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(DIRTY)
    result = run_cli("clean", path, "-o", tmp_path)
    assert result.returncode == 1
    assert b"would overwrite an input; use --in-place" in result.stderr
    assert path.read_bytes() == DIRTY


def test_two_inputs_with_one_output_name(run_cli, tmp_path):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_bytes(DIRTY)
    out = tmp_path / "out"
    result = run_cli(
        "clean", tmp_path / "x" / "a.txt", tmp_path / "y" / "a.txt", "-o", out
    )
    assert result.returncode == 1
    assert b"is also the output of" in result.stderr
    assert (out / "a.txt").read_bytes() == CLEANED


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--in-place"], b"stdin cannot be written in place"),
        (["x.txt", "--in-place", "-o", "out"], b"exclude each other"),
        (["-", "-"], b"read only once"),
        (["--pipeline", "missing.toml", "x"], b"cannot read pipeline"),
    ],
)
def test_usage_errors_exit_2(run_cli, tmp_path, args, message):
    result = run_cli("clean", *args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr


def test_bad_inputs_are_reported_and_the_rest_is_processed(run_cli, tmp_path):
    good = tmp_path / "good.txt"
    good.write_bytes(DIRTY)
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(b"line one\ncaf\xe9\n")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out"
    result = run_cli(
        "clean", binary, latin1, tmp_path / "missing.txt", empty, good, "-o", out
    )
    err = result.stderr.decode()
    assert result.returncode == 1
    assert f"{binary}: binary file (NUL byte at offset 8); skipped" in err
    assert f"{latin1}: invalid UTF-8 at byte 12 (line 2, column 4)" in err
    assert f"{tmp_path / 'missing.txt'}: no such file or directory" in err
    assert f"warning: {empty}: empty file" in err
    assert "3 problem(s)" in err
    assert (out / "good.txt").read_bytes() == CLEANED
    assert (out / "empty.txt").read_bytes() == b""
    assert not (out / "image.txt").exists() and not (out / "latin1.txt").exists()


def test_encoding_errors_replace(run_cli, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"caf\xe9\n")
    result = run_cli("clean", path, "--encoding-errors", "replace")
    assert result.returncode == 0
    assert result.stdout == "caf\ufffd\n".encode()


def test_huge_single_line(run_cli, tmp_path):
    path = tmp_path / "huge.txt"
    line = ("word\u00a0" * 400_000).encode()  # 2.8 MB, one line
    path.write_bytes(line)
    result = run_cli("clean", path)
    assert result.returncode == 0
    # FixCasing capitalises the first word; the rest of the line is untouched.
    assert result.stdout == ("Word " + "word " * 399_999).rstrip().encode()


def test_jsonl_keeps_other_fields_and_line_count(run_cli, tmp_path):
    path = tmp_path / "data.jsonl"
    records = [
        {"id": "a", "text": "x&amp;y  \n\n\n\nz", "lang": "en", "n": [1, 2]},
        {"text": "caf\u00c3\u00a9", "url": "https://example.com/é"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    result = run_cli("clean", path)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in lines(result.stdout)]
    assert out == [
        {"id": "a", "text": "x&y\n\nz", "lang": "en", "n": [1, 2]},
        {"text": "café", "url": "https://example.com/é"},
    ]


def test_jsonl_custom_field_and_malformed_lines(run_cli, tmp_path):
    path = tmp_path / "data.jsonl"
    path.write_bytes(
        b'{"body": "a&amp;b"}\n'
        b'{"body": "unterminated\n'
        b"[1, 2]\n"
        b'{"title": "no body"}\n'
        b'{"body": null}\n'
        b"\n"
        b'{"body": "caf\xe9"}\n'
        b'{"body": "last&amp;"}'
    )
    out = tmp_path / "out"
    result = run_cli("clean", path, "--field", "body", "-o", out)
    err = result.stderr.decode()
    assert result.returncode == 1
    assert f"{path}:2: malformed JSON: " in err
    assert f"{path}:3: expected a JSON object, got list" in err
    assert f"{path}:7: invalid UTF-8" in err
    # Null and missing fields are common in real data: kept, counted, not errors.
    assert (
        f"warning: {path}: 2 record(s) with a null or missing 'body' passed through "
        "unchanged (lines 4, 5)"
    ) in err
    assert "3 problem(s)" in err
    written = (out / "data.jsonl").read_bytes().split(b"\n")
    assert len(written) == 8  # 7 lines, each ending in a newline: line 7 is not text
    assert json.loads(written[0]) == {"body": "a&b"}
    assert written[1] == b'{"body": "unterminated'  # passed through untouched
    assert written[3:5] == [b'{"title": "no body"}', b'{"body": null}']
    assert b"caf\xe9" not in b"".join(written)
    assert json.loads(written[6]) == {"body": "last&"}


def test_jsonl_null_and_missing_fields_are_warnings_not_errors(run_cli, tmp_path):
    data = b'{"text": null}\n{"id": 2}\n{"text": "a ,b"}\n'
    result = run_cli("clean", "--format", "jsonl", stdin=data)
    assert result.returncode == 0
    assert result.stdout == b'{"text": null}\n{"id": 2}\n{"text": "a, b"}\n'
    assert messages(result.stderr) == [
        "cleantext: warning: <stdin>: 2 record(s) with a null or missing 'text' "
        "passed through unchanged (lines 1, 2)"
    ]


@pytest.mark.parametrize(
    ("line", "column"),
    [
        (b'{"text": "ok"\n', 14),  # at the end of the line, not on the next
        (b'{"text": "\xc3\xa9", bad}\n', 15),  # characters, not bytes
        (b'   {"text": x}\r\n', 13),
    ],
)
def test_malformed_json_names_the_right_column(run_cli, line, column):
    err = run_cli("clean", "--format", "jsonl", stdin=line).stderr.decode()
    assert f"(column {column})" in err


def test_jsonl_from_stdin_with_format(run_cli):
    result = run_cli("clean", "--format", "jsonl", stdin=b'{"text": "a&amp;b"}\n')
    assert json.loads(result.stdout) == {"text": "a&b"}


HTML = b"""<html><head><title>Page title</title>
<meta name="author" content="Jane Doe"></head><body>
<nav>Home | News | Politics</nav>
<article><h1>Big news today</h1>
<p>The council approved the new budget on Tuesday after a long debate about
road repairs, schools and the library, which will stay open on Sundays.</p>
<p>Residents who spoke at the meeting welcomed the decision &amp; the extra hours.</p>
</article><footer>Privacy Policy | Terms of Use</footer></body></html>"""


def test_html_main_text_is_extracted_then_cleaned(run_cli, tmp_path):
    (tmp_path / "page.html").write_bytes(HTML)
    out = tmp_path / "out"
    report = tmp_path / "report.jsonl"
    result = run_cli("clean", tmp_path / "page.html", "-o", out, "--report", report)
    assert result.returncode == 0, result.stderr
    text = (out / "page.txt").read_text()
    assert "The council approved the new budget" in text
    assert "welcomed the decision & the extra hours" in text
    assert "Privacy Policy" not in text
    [entry] = [json.loads(line) for line in report.read_text().splitlines()]
    assert entry["metadata"]["author"] == "Jane Doe"


def test_html_without_main_text_and_html_in_place(run_cli, tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"<html><head><title>t</title></head><body></body></html>")
    page = tmp_path / "page.html"
    page.write_bytes(HTML)
    result = run_cli("clean", empty, page, "-o", tmp_path / "out")
    assert result.returncode == 1
    assert f"{empty}: no main text found in the HTML page" in result.stderr.decode()
    assert "The council approved" in (tmp_path / "out" / "page.txt").read_text()
    result = run_cli("clean", page, "--in-place")
    assert result.returncode == 1
    assert (
        f"{page}: cannot rewrite HTML in place as text; use -o DIR"
        in result.stderr.decode()
    )
    assert page.read_bytes() == HTML


def test_diff_and_explain_review_without_writing(run_cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(DIRTY)
    result = run_cli("clean", path, "--diff", "--explain", "--color", "never")
    out = result.stdout.decode()
    assert result.returncode == 0
    assert f"--- {path}\n" in out and f"+++ {path} (cleaned)\n" in out
    assert "-caf\u00c3\u00a9 &amp; bar\u00a0 " in out and "+café & bar" in out
    assert f"== {path}" in out
    assert "FixUnicode/ftfy unescape_html+" in out
    assert "NormalizeWhitespace/line-ending @" in out
    assert "NormalizeWhitespace/blank-lines @" in out
    assert "\x1b[" not in out
    assert path.read_bytes() == DIRTY


def test_diff_colour_always(run_cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(DIRTY)
    out = run_cli("clean", path, "--diff", "--color", "always").stdout.decode()
    assert "\x1b[31m-" in out and "\x1b[32m+" in out


def test_report_has_one_line_per_document(run_cli, tmp_path):
    (tmp_path / "a.txt").write_bytes(DIRTY)
    (tmp_path / "b.jsonl").write_text('{"id": 7, "text": "x"}\n{"text": "y&amp;"}\n')
    report = tmp_path / "r.jsonl"
    result = run_cli(
        "clean",
        tmp_path / "a.txt",
        tmp_path / "b.jsonl",
        "--report",
        report,
        "-o",
        tmp_path / "out",
    )
    assert result.returncode == 0, result.stderr
    entries = [json.loads(line) for line in report.read_text().splitlines()]
    assert [e["id"] for e in entries] == [
        str(tmp_path / "a.txt"),
        7,  # the record's own id, as it was
        f"{tmp_path / 'b.jsonl'}:2",
    ]
    first = entries[0]
    assert first["chars_in"] == len(DIRTY.decode()) and first["chars_out"] == len(
        CLEANED.decode()
    )
    assert first["edits"] == {"FixUnicode": 1, "NormalizeWhitespace": 6}
    assert entries[2]["line"] == 2 and entries[2]["edits"] == {"FixUnicode": 1}


def test_pipeline_toml_is_used(run_cli, tmp_path):
    config = tmp_path / "p.toml"
    config.write_text(
        '[[cleaners]]\nname = "NormalizeWhitespace"\nmax_blank_lines = 0\n'
    )
    result = run_cli("clean", "--pipeline", config, stdin=b"a&amp;\n\n\nb\n")
    assert result.stdout == b"a&amp;\nb\n"
    bad = tmp_path / "bad.toml"
    bad.write_text('[[cleaners]]\nname = "NormalizeWhitespace"\nmax = 0\n')
    result = run_cli("clean", "--pipeline", bad, stdin=b"x")
    assert result.returncode == 2
    assert b"unknown option(s) max" in result.stderr


def test_stats_and_pipeline_and_cleaners_commands(run_cli, tmp_path):
    result = run_cli("clean", "--stats", stdin=DIRTY)
    assert b"NormalizeWhitespace" in result.stderr and b"chars in" in result.stderr
    toml = run_cli("pipeline").stdout.decode()
    assert '[[cleaners]]\nname = "FixUnicode"' in toml
    config = tmp_path / "p.toml"
    config.write_text(toml)
    assert run_cli("pipeline", config).stdout.decode() == toml
    listing = run_cli("cleaners").stdout.decode()
    assert "NormalizeWhitespace:" in listing and "max_blank_lines = 1" in listing
    summaries = [line for line in listing.splitlines() if not line.startswith(" ")]
    assert summaries and all(line.endswith((".", ")")) for line in summaries)
    for command in ("pipeline", "cleaners", "repeats show"):
        help_text = run_cli(*command.split(), "--help").stdout.decode()
        assert "usage:" in help_text and help_text.count("\n") > 4


def test_statistics_count_every_rule_and_reason_whether_or_not_explained(
    run_cli, tmp_path
):
    data = _article_and_short_note(tmp_path)
    runs = []
    for explain in ([], ["--explain"]):
        stats = tmp_path / f"stats{len(explain)}.json"
        result = run_cli(
            "clean",
            data,
            *explain,
            "--filter",
            "gopher-quality",
            "--rejected",
            tmp_path / f"rejected{len(explain)}.jsonl",
            "--stats",
            "--stats-json",
            stats,
            "--jobs",
            "2",
        )
        assert result.returncode == 0, result.stderr
        runs.append(json.loads(stats.read_text()))
    quiet, loud = runs
    for run in runs:
        for cleaner in run["cleaners"]:
            cleaner.pop("seconds")
    assert quiet == loud
    assert quiet["documents"] == 2 and quiet["dropped"] == 1
    assert quiet["dropped_by_reason"]["gopher-quality/gopher_short_doc"] == 1
    rules = {rule for c in quiet["cleaners"] for rule in c["rules"]}
    assert all(rule.count("/") == 1 and " " not in rule for rule in rules)
    assert "dropped  gopher-quality/gopher_short_doc  1" in result.stderr.decode()


def test_seeds_review_command_from_the_readme(run_cli):
    result = run_cli("clean", SEEDS, "--diff", "--explain")
    assert result.returncode == 0, result.stderr


def test_errors_per_input_are_capped_but_all_counted(run_cli, tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_bytes(b"not json\n" * 30 + b'{"text": "ok"}\n')
    result = run_cli("clean", path)
    err = result.stderr.decode().splitlines()
    assert result.returncode == 1
    assert sum("malformed JSON" in line for line in err) == 20
    assert f"cleantext: error: {path}: further errors not shown" in err
    assert err[-1] == "cleantext: 30 problem(s) reported above"
    assert result.stdout.decode().splitlines()[-1] == '{"text": "ok"}'


def test_binary_jsonl_lines_are_named_as_lines(run_cli, tmp_path):
    path = tmp_path / "data.jsonl"
    path.write_bytes(b'{"text": "a"}\n\x00\x01\x02\n')
    err = run_cli("clean", path).stderr.decode()
    assert f"{path}:2: binary data (NUL byte at offset 0); skipped" in err


# --- quality: score and --filter ---------------------------------------------------

ARTICLE_TEXT = (
    "The council met on Tuesday to discuss the plan for the town centre. Residents "
    "said that the noise had become worse with the new road, and they asked the "
    "council to act before the summer. The chairman agreed to review the scheme and "
    "to report back to the meeting in the autumn, when the results of the survey "
    "will be known to all of the members of the committee and the public.\n"
)


def _article_and_short_note(folder):
    """A JSONL file with a keepable article ("a") and a too short note ("b")."""
    data = folder / "docs.jsonl"
    records = [{"id": "a", "text": ARTICLE_TEXT}, {"id": "b", "text": "Too short."}]
    data.write_text("".join(json.dumps(r) + "\n" for r in records))
    return data


def test_score_writes_signals_and_decisions_per_document(run_cli, tmp_path):
    data = _article_and_short_note(tmp_path)
    result = run_cli("score", data, "--preset", "gopher-quality")
    assert result.returncode == 0, result.stderr
    entries = [json.loads(line) for line in result.stdout.splitlines()]
    assert [e["id"] for e in entries] == ["a", "b"]
    assert entries[0]["decisions"] == {"gopher-quality": {"keep": True, "reasons": []}}
    assert entries[1]["decisions"]["gopher-quality"]["reasons"][0] == (
        "gopher_short_doc"
    )
    assert entries[0]["signals"]["word_count"] > 50
    assert entries[1]["line"] == 2


def test_score_with_clean_reports_cleaning_signals(run_cli, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(ARTICLE_TEXT + "We shoudl go.\n")
    result = run_cli("score", page, "--clean", "-o", tmp_path / "s.jsonl")
    assert result.returncode == 0, result.stderr
    entry = json.loads((tmp_path / "s.jsonl").read_text())
    assert entry["signals"]["typo_rate"] > 0
    assert set(entry["decisions"]) == {
        "gopher-quality",
        "gopher-repetition",
        "c4",
        "fineweb",
        "cleantext",
    }


def test_filter_drops_documents_into_the_rejected_file(run_cli, tmp_path):
    data = _article_and_short_note(tmp_path)
    rejected = tmp_path / "rejected.jsonl"
    result = run_cli(
        "clean",
        data,
        "-o",
        tmp_path / "out",
        "--filter",
        "gopher-quality",
        "--rejected",
        rejected,
    )
    assert result.returncode == 0, result.stderr
    assert "1 document(s) dropped" in result.stderr.decode()
    kept = [json.loads(line) for line in (tmp_path / "out" / "docs.jsonl").open()]
    assert [k["id"] for k in kept] == ["a"]
    dropped = [json.loads(line) for line in rejected.open()]
    assert dropped[0]["id"] == "b"
    assert dropped[0]["reasons"][0] == "gopher-quality/gopher_short_doc"
    assert dropped[0]["text"] == "Too short." and dropped[0]["keep"] is False


def test_rejected_and_report_lines_keep_the_whole_input_record(run_cli, tmp_path):
    data = tmp_path / "docs.jsonl"
    records = [
        {"id": "a", "url": "https://e.org/a", "body": ARTICLE_TEXT, "dataset": "x"},
        {"id": "b", "url": "https://e.org/b", "body": "Too short ,really.", "n": 2},
    ]
    data.write_text("".join(json.dumps(r) + "\n" for r in records))
    rejected, report = tmp_path / "rejected.jsonl", tmp_path / "report.jsonl"
    result = run_cli(
        "clean", data, "--field", "body", "-o", tmp_path / "out",
        "--filter", "gopher-quality", "--rejected", rejected, "--report", report,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    [dropped] = [json.loads(line) for line in rejected.open()]
    assert dropped == {
        "id": "b",
        "url": "https://e.org/b",
        "n": 2,
        "input": str(data),
        "line": 2,
        "body": "Too short, really.",
        "keep": False,
        "reasons": dropped["reasons"],
    }
    assert dropped["reasons"][0] == "gopher-quality/gopher_short_doc"
    lines = [json.loads(line) for line in report.open()]
    assert [(r["id"], r["url"], r["keep"]) for r in lines] == [
        ("a", "https://e.org/a", True),
        ("b", "https://e.org/b", False),
    ]
    assert lines[0]["dataset"] == "x" and "body" not in lines[0]
    assert lines[1]["reasons"] == dropped["reasons"]
    assert lines[1]["rules"] == {
        "FixSpacing/space-after-comma": 1,
        "FixSpacing/space-before-comma": 1,
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--filter", "c4"], "--filter needs --rejected"),
        (["--rejected", "r.jsonl"], "--rejected needs at least one --filter"),
        (["--filter", "c4", "--rejected", "r.jsonl", "--in-place"], "--in-place"),
    ],
)
def test_filter_option_errors(run_cli, tmp_path, args, message):
    page = tmp_path / "p.txt"
    page.write_text(ARTICLE_TEXT)
    result = run_cli("clean", page, *args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr.decode()


def test_unknown_preset_is_a_usage_error(run_cli, tmp_path):
    result = run_cli("score", "--preset", "nope", tmp_path)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr.decode()


def test_jobs_clean_jsonl_records_in_workers_in_order(run_cli, tmp_path):
    records = [{"id": i, "text": f"Record {i} ,here.\r\n"} for i in range(40)]
    lines = [json.dumps(r) for r in records]
    lines.insert(7, "{not json")  # a bad line keeps its place and is reported
    data = tmp_path / "d.jsonl"
    data.write_text("\n".join(lines) + "\n")
    outputs = {}
    for jobs in ("1", "2"):
        result = run_cli("clean", data, "--jobs", jobs, "--report", tmp_path / "r")
        assert result.returncode == 1  # the bad line
        assert b"d.jsonl:8" in result.stderr
        outputs[jobs] = result.stdout
    assert outputs["1"] == outputs["2"]
    out_lines = outputs["2"].decode().splitlines()
    assert out_lines[7] == "{not json"
    assert json.loads(out_lines[8])["id"] == 7
    assert len(out_lines) == 41


def test_jobs_must_be_positive(run_cli, tmp_path):
    result = run_cli("clean", "--jobs", "0", tmp_path)
    assert result.returncode == 2
    assert b"must be at least 1" in result.stderr


def test_jobs_share_many_files_between_workers(run_cli, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for n in range(30):
        (src / f"{n:02}.txt").write_bytes(
            f"File {n} is here ,and fine.\r\n".encode() + DIRTY
        )
    (src / "15.txt").write_bytes(b"\xff broken")  # reported, the others go on
    trees = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = run_cli("clean", src, "-o", out, "--jobs", jobs)
        assert result.returncode == 1
        assert b"15.txt: invalid UTF-8" in result.stderr
        trees[jobs] = {name: (out / name).read_bytes() for name in outputs(out)}
    assert trees["1"] == trees["2"]
    assert len(trees["2"]) == 29
    assert trees["2"]["03.txt"].startswith(b"File 3 is here, and fine.\n")


@pytest.mark.parametrize("command", ["clean", "score"])
def test_progress_shows_docs_and_megabytes_per_second(run_cli, tmp_path, command):
    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps({"text": f"Doc {i}."}) + "\n" for i in range(5)))
    shown = run_cli(command, data, "--progress", "always").stderr.decode()
    assert "docs/s" in shown and "MB/s" in shown
    assert shown.splitlines()[-1].startswith("cleantext: 5 docs, 0.00 MB in ")
    assert run_cli(command, data, "--progress", "never").stderr == b""
    # auto, stderr not a terminal (nohup, Slurm, CI): the summary, no bar
    logged = run_cli(command, data).stderr.decode()
    assert logged.startswith("cleantext: 5 docs, 0.00 MB in ") and "\r" not in logged


def test_the_command_line_runs_without_pytest(tmp_path):
    """The README's first command installs cleantext alone: no test extras."""
    import subprocess
    import sys

    seed = tmp_path / "a.txt"
    seed.write_text("Some text ,with a spacing error.\n", "utf-8")
    blocked = (
        "import sys; sys.modules['pytest'] = None; "
        "from cleantext.cli import main; sys.exit(main(['clean', sys.argv[1]]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", blocked, str(seed)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "Some text, with a spacing error." in result.stdout


def test_output_to_one_jsonl_file_takes_every_document(run_cli, tmp_path):
    text, records = tmp_path / "a.txt", tmp_path / "b.jsonl"
    text.write_bytes(DIRTY)
    records.write_text(json.dumps({"id": 7, "text": "x ,y"}) + "\n")
    output = tmp_path / "all.jsonl"
    result = run_cli("clean", text, records, "-o", output)
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    first, second = map(json.loads, output.read_text().splitlines())
    assert first.pop("metadata")["language"] == "und"  # too short to tell
    assert [first, second] == [
        {"id": str(text), "text": CLEANED.decode()},
        {"id": 7, "text": "x, y"},
    ]
    refused = run_cli("clean", records, "-o", records)
    assert refused.returncode == 2 and records.read_text().startswith('{"id": 7')
    assert "is also an input" in refused.stderr.decode()


def test_a_second_run_does_not_silently_replace_an_earlier_output(run_cli, tmp_path):
    """`raw.jsonl.gz` and `raw.warc.wet.gz` both go to `out/raw.jsonl.gz`: the
    second run refuses that input, keeps the first output, and cleans the rest."""
    (tmp_path / "raw.jsonl").write_text('{"text": "First run ,here."}\n')
    (tmp_path / "other.txt").write_bytes(DIRTY)
    out = tmp_path / "out"
    assert run_cli("clean", tmp_path / "raw.jsonl", "-o", out).returncode == 0
    first = (out / "raw.jsonl").read_bytes()
    (tmp_path / "raw.jsonl").write_text('{"text": "Second run ,here."}\n')
    again = run_cli("clean", tmp_path / "raw.jsonl", tmp_path / "other.txt", "-o", out)
    assert again.returncode == 1
    assert b"already exists" in again.stderr and b"--overwrite" in again.stderr
    assert (out / "raw.jsonl").read_bytes() == first
    assert (out / "other.txt").exists()
    replaced = run_cli("clean", tmp_path / "raw.jsonl", "-o", out, "--overwrite")
    assert replaced.returncode == 0, replaced.stderr
    assert b"Second run, here." in (out / "raw.jsonl").read_bytes()


def test_a_rerun_skips_completed_outputs_and_finishes_the_rest(run_cli, tmp_path):
    """A stopped run (here: one output and its marker gone, as when a run is
    killed before that input) is finished by running the same command again:
    completed inputs are skipped, and the rejected and report files come out as
    an uninterrupted run writes them."""
    records = [
        {"id": i, "text": ARTICLE_TEXT if i % 2 else "Short ,one."} for i in range(4)
    ]
    for name in ("a", "b"):
        (tmp_path / f"{name}.jsonl").write_text(
            "".join(json.dumps(r) + "\n" for r in records)
        )
    (tmp_path / "c.txt").write_bytes(DIRTY)
    out, rejected, report = tmp_path / "out", tmp_path / "r.jsonl", tmp_path / "p.jsonl"
    command = (
        "clean", tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.txt",
        "-o", out, "--filter", "gopher-quality", "--rejected", rejected,
        "--report", report,
    )  # fmt: skip
    assert run_cli(*command).returncode == 0
    whole = {path: path.read_bytes() for path in (rejected, report, out / "b.jsonl")}
    assert whole[rejected].count(b"\n") == 5 and whole[report].count(b"\n") == 9
    markers = out / ".cleantext"
    (out / "b.jsonl").unlink()
    (markers / "b.jsonl.done.json").unlink()
    a_before = (out / "a.jsonl").stat().st_mtime_ns

    again = run_cli(*command)
    assert again.returncode == 0, again.stderr
    assert b"1 input(s) completed by an earlier run" in again.stderr  # c: dropped
    assert b"5 document(s) dropped" in again.stderr  # those of a.jsonl included
    assert (out / "a.jsonl").stat().st_mtime_ns == a_before  # not written again
    assert {path: path.read_bytes() for path in whole} == whole
    assert outputs(out) == ["a.jsonl", "b.jsonl"]

    # another command (other filters) or a changed input: refused, not skipped
    other = run_cli("clean", tmp_path / "a.jsonl", "-o", out)
    assert other.returncode == 1 and b"not completed by this command" in other.stderr
    with (tmp_path / "a.jsonl").open("a") as more:
        more.write(json.dumps({"id": 9, "text": "More ,text."}) + "\n")
    changed = run_cli(*command)
    assert changed.returncode == 1 and b"a.jsonl" in changed.stderr
    redone = run_cli(*command, "--overwrite")
    assert redone.returncode == 0 and b"earlier run" not in redone.stderr
    assert b"More, text." in rejected.read_bytes()  # too short: rejected
