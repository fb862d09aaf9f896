"""RepeatTable: documents counted per line per group, exact while it fits,
never over-counting once it forgets, mergeable, and the same bytes every time."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.corpus import RepeatTable, line_key, site_of
from cleantext.errors import ConfigError


def page(i: int, extra: str = "") -> str:
    return (
        f"Home\n\nNews | Sport\n\nStory number {i} tells of thing {'x' * (i % 7)}.\n\n"
        f"© {2000 + i} Example Ltd{extra}"
    )


def test_a_line_is_counted_once_per_document():
    table = RepeatTable()
    table.add("Home\n\nHome\n\nHome", "a.com")
    table.add("Home", "a.com")
    assert table.counts("a.com", ["home"]).tolist() == [2]
    assert table.documents("a.com") == 2


def test_years_case_and_spaces_meet_in_one_key_other_numbers_do_not():
    assert line_key("© 2023  Example LTD") == line_key("© 2024 example ltd")
    assert line_key("Version 3.2") != line_key("version 4.10")  # data, not a template
    assert line_key("32 reviews") != line_key("3 reviews")


def test_groups_are_apart():
    table = RepeatTable()
    table.add("Home", "a.com")
    table.add("Home", "b.org")
    assert table.counts("a.com", ["home", "away"]).tolist() == [1, 0]
    assert table.counts("c.net", ["home"]).tolist() == [0]
    assert table.groups == {"a.com": 1, "b.org": 1}


def test_code_and_tables_are_not_counted():
    table = RepeatTable()
    table.add("| a | b |\n| --- | --- |\n| 1 | 2 |\n\n```\nx = 1\n```", "a.com")
    assert table.entries == 0


def test_save_and_load_round_trip_to_the_same_bytes():
    table = RepeatTable()
    for i in range(20):
        table.add(page(i), "example.com")
    data = table.to_bytes()
    again = RepeatTable.load(io.BytesIO(data))
    assert again.to_bytes() == data
    assert again.top(3) == table.top(3)
    examples = {entry.example for entry in table.top(3)}
    assert examples <= {"Home", "News | Sport", "© 2000 Example Ltd"}


def test_a_file_that_is_not_a_table_is_a_clear_error(tmp_path):
    path = tmp_path / "t.npz"
    path.write_bytes(b"not a table")
    with pytest.raises(ConfigError, match="cannot read the repeat table"):
        RepeatTable.load(path)


def test_merged_shards_equal_one_table():
    whole, left, right = RepeatTable(), RepeatTable(), RepeatTable()
    for i in range(30):
        group = "a.com" if i % 3 else "b.org"
        whole.add(page(i), group)
        (left if i < 13 else right).add(page(i), group)
    merged = RepeatTable().merge(right).merge(left)
    assert merged.groups == whole.groups

    def counts(table: RepeatTable) -> list[tuple]:
        return [(e.group, e.documents, e.key_hash) for e in table.top(50)]

    assert counts(merged) == counts(whole)  # examples may come from other pages


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a.com", "b.org", ""]),
            st.lists(st.sampled_from(["menu", "footer", "x1", "x2", "x3"]), max_size=6),
        ),
        max_size=40,
    ),
    st.integers(0, 39),
)
def test_exact_counts_equal_counting_in_python(documents, split):
    """Counted in one table, or in two merged, or flushed at any point: the
    number of documents of its group holding each line."""
    expected: dict[tuple[str, str], int] = {}
    one, left, right = RepeatTable(), RepeatTable(), RepeatTable()
    for i, (group, words) in enumerate(documents):
        text = "\n\n".join(words)
        one.add(text, group)
        (left if i < split else right).add(text, group)
        if i == split:
            one.entries  # a flush in the middle  # noqa: B018
        for word in set(words):
            expected[(group, word)] = expected.get((group, word), 0) + 1
    merged = left.merge(right)
    for table in (one, merged):
        assert table.exact
        for (group, word), count in expected.items():
            assert table.counts(group, [word]).tolist() == [count]
    assert one.entries == merged.entries == len(expected)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["menu", "footer", *map(str, range(40))]), max_size=8),
        max_size=60,
    ),
    st.integers(1, 6),
)
def test_a_full_table_never_over_counts_and_keeps_the_frequent(documents, capacity):
    """Misra-Gries: count <= true count <= count + discount."""
    table, exact = RepeatTable(capacity), RepeatTable()
    for words in documents:
        text = "\n\n".join(f"line {w}x" if w.isdigit() else w for w in words)
        table.add(text, "s")
        exact.add(text, "s")
    keys = sorted({line_key(e.example) for e in exact.top(1000) if e.example})
    keys += ["menu", "footer"]
    kept = table.counts("s", keys).tolist()
    true = exact.counts("s", keys).tolist()
    assert all(k <= t <= k + table.discount for k, t in zip(kept, true, strict=True))
    assert table.entries <= 2 * capacity or not table.exact


def test_site_of_takes_the_registrable_domain():
    assert site_of("https://www.bbc.co.uk/news/1") == "bbc.co.uk"
    assert site_of("http://news.example.com:8080/a?b") == "example.com"
    assert site_of("https://someone.blogspot.com/post") == "blogspot.com"
    assert site_of("http://192.168.1.7/page") == "192.168.1.7"
    assert site_of("http://[::1]/x") == "::1"
    assert site_of("not a url") is None
    assert site_of("http://[broken/") is None
