"""`cleantext clean` on Parquet files: one text column cleaned, the rest untouched."""

import datetime
import json

import pytest

from tests.conftest import require_extra

require_extra("parquet", "pyarrow")

import pyarrow as pa
import pyarrow.parquet as pq

from cleantext import default_pipeline

ROWS = 2500  # more than one read batch (cleantext.io.parquet.BATCH_ROWS)


def texts(n: int = ROWS) -> list[str | None]:
    return [
        None if i % 7 == 3 else f"Row {i} says caf\u00c3\u00a9 ,here.\u00a0 "
        for i in range(n)
    ]


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "in.parquet"
    table = pa.table(
        {"id": list(range(ROWS)), "text": texts(), "lang": ["en"] * ROWS},
        schema=pa.schema(
            [("id", pa.int64()), ("text", pa.large_string()), ("lang", pa.string())]
        ),
    )
    pq.write_table(table, path, row_group_size=700)
    return path


def test_the_text_column_is_cleaned_and_the_rest_kept(run_cli, data, tmp_path):
    result = run_cli("clean", data, "-o", tmp_path / "out", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    out = pq.read_table(tmp_path / "out" / "in.parquet")
    assert out.schema == pq.read_schema(data)
    pipeline = default_pipeline()
    expected = [None if t is None else pipeline.clean(t) for t in texts()]
    assert out.column("text").to_pylist() == expected
    assert expected[0] == "Row 0 says café, here."
    assert out.column("id").to_pylist() == list(range(ROWS))
    assert set(out.column("lang").to_pylist()) == {"en"}


def test_jobs_give_the_same_file(run_cli, data, tmp_path):
    for jobs in ("1", "2"):
        result = run_cli("clean", data, "-o", tmp_path / jobs, "--jobs", jobs)
        assert result.returncode == 0, result.stderr
    one, two = (pq.read_table(tmp_path / j / "in.parquet") for j in ("1", "2"))
    assert one.equals(two)


def test_filter_drops_rows_into_the_rejected_file(run_cli, data, tmp_path):
    short = tmp_path / "short.parquet"
    when = datetime.date(2026, 1, 2)
    pq.write_table(
        pa.table(
            {
                "text": ["Too short.", None, "Also short."],
                "url": ["https://e.org/1", "https://e.org/2", None],
                "day": [when] * 3,
            }
        ),
        short,
    )
    rejected = tmp_path / "rejected.jsonl"
    result = run_cli(
        "clean", short, "-o", tmp_path / "out", "--filter", "gopher-quality",
        "--rejected", rejected,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert pq.read_table(tmp_path / "out" / "short.parquet").column(
        "text"
    ).to_pylist() == [None]  # a null row has nothing to judge: kept
    dropped = [json.loads(line) for line in rejected.read_text().splitlines()]
    assert [(d["input"].endswith("short.parquet"), d["line"]) for d in dropped] == [
        (True, 1),
        (True, 3),
    ]
    # whole rows: every column, dates as ISO 8601, nulls as null
    assert [(d["url"], d["day"], d["text"]) for d in dropped] == [
        ("https://e.org/1", "2026-01-02", "Too short."),
        (None, "2026-01-02", "Also short."),
    ]


def test_in_place_rewrites_the_file(run_cli, data):
    result = run_cli("clean", data, "--in-place")
    assert result.returncode == 0, result.stderr
    assert pq.read_table(data).column("text").to_pylist()[0] == (
        "Row 0 says café, here."
    )
    assert not list(data.parent.glob(".*.tmp"))


def test_stdout_is_refused_but_a_review_runs(run_cli, data):
    result = run_cli("clean", data)
    assert result.returncode == 1
    assert b"Parquet output needs -o DIR or --in-place" in result.stderr
    review = run_cli("clean", data, "--diff")
    assert review.returncode == 0, review.stderr
    assert b"+Row 0 says caf\xc3\xa9, here." in review.stdout


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (pa.table({"body": ["x"]}), "no column 'text' (choose one with --field)"),
        (pa.table({"text": [1, 2]}), "column 'text' is int64, not a string"),
    ],
)
def test_bad_columns_are_reported(run_cli, tmp_path, table, message):
    path = tmp_path / "bad.parquet"
    pq.write_table(table, path)
    result = run_cli("clean", path, "-o", tmp_path / "out")
    assert result.returncode == 1
    assert message.encode() in result.stderr
    assert not (tmp_path / "out" / "bad.parquet").exists()


def test_a_broken_file_is_reported_and_the_others_go_on(run_cli, data, tmp_path):
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 this is not parquet")
    result = run_cli("clean", broken, data, "-o", tmp_path / "out")
    assert result.returncode == 1
    assert b"broken.parquet: not a readable Parquet file" in result.stderr
    assert (tmp_path / "out" / "in.parquet").exists()
    assert not (tmp_path / "out" / "broken.parquet").exists()


def test_field_names_another_column(run_cli, tmp_path):
    path = tmp_path / "body.parquet"
    pq.write_table(pa.table({"body": ["a ,b"], "text": ["x ,y"]}), path)
    result = run_cli("clean", path, "--field", "body", "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    out = pq.read_table(tmp_path / "out" / "body.parquet").to_pydict()
    assert out == {"body": ["a, b"], "text": ["x ,y"]}


def test_an_empty_table_gives_a_warning_and_an_empty_file(run_cli, tmp_path):
    path = tmp_path / "empty.parquet"
    pq.write_table(pa.table({"text": pa.array([], pa.string())}), path)
    result = run_cli("clean", path, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert b"empty.parquet: empty file (no rows)" in result.stderr
    assert pq.read_table(tmp_path / "out" / "empty.parquet").num_rows == 0


def test_site_repeats_group_rows_by_their_url_column(run_cli, tmp_path):
    path = tmp_path / "site.parquet"
    urls = [f"https://{'a.com' if i % 2 else 'b.org'}/{i}" for i in range(10)]
    pages = [f"Sign in\n\nPage {i} says hello {'o' * i}." for i in range(10)]
    pq.write_table(pa.table({"url": [*urls, None], "text": [*pages, "Sign in"]}), path)
    result = run_cli("clean", path, "-o", tmp_path / "out", "--repeats", "auto")
    assert result.returncode == 0, result.stderr
    assert b"1 of 11 document(s) have no 'url'" in result.stderr
    out = pq.read_table(tmp_path / "out" / "site.parquet").column("text").to_pylist()
    assert out[:2] == ["Page 0 says hello.", "Page 1 says hello o."]
    assert out[10] == "Sign in"  # no url: no group, left alone
