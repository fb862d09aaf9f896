"""DropRepeatedLines: what a site prints on most of its pages goes, with the
count in the explanation; headlines, code, tables and article body stay."""

from __future__ import annotations

import pytest

from cleantext import Document, DropRepeatedLines, Pipeline, RepeatTable
from cleantext.errors import ConfigError
from cleantext.run.pool import map_documents

BODY = "This paragraph is long enough to read as the body of an article, and it ends."


def site(pages: list[str], group: str = "example.com") -> RepeatTable:
    table = RepeatTable()
    for text in pages:
        table.add(text, group)
    return table


def clean(cleaner: DropRepeatedLines, text: str, url: str = "https://example.com/a"):
    return cleaner(Document(text, metadata={"url": url}, explain=True))


def pages(n: int, shared: str) -> list[str]:
    return [f"{shared}\n\n# Headline {i}\n\nOwn line {'z' * i} here." for i in range(n)]


def test_a_line_on_every_page_goes_with_its_count():
    texts = pages(4, "Subscribe to our newsletter")
    doc = clean(DropRepeatedLines.with_table(site(texts)), texts[0])
    assert doc.text == "# Headline 0\n\nOwn line  here."
    assert [e.rule for e in doc.edits] == [
        "site-repeat (in 4 of 4 documents of example.com)"
    ]


def test_below_min_documents_or_min_share_nothing_goes():
    texts = pages(2, "Subscribe to our newsletter")
    assert clean(DropRepeatedLines.with_table(site(texts)), texts[0]).text == texts[0]
    rare = pages(10, "Own line")  # "Own line" itself is on all pages; this is not:
    rare[0] = rare[0].replace("Own line", "Rare aside")
    rare[1] = rare[1].replace("Own line", "Rare aside")
    rare[2] = rare[2].replace("Own line", "Rare aside")
    cleaner = DropRepeatedLines.with_table(site(rare))
    assert "Rare aside" in clean(cleaner, rare[0]).text  # 3 of 10 < min_share 0.5


def test_a_lone_common_heading_inside_the_content_stays():
    texts = [
        f"Menu\n\nSign in\n\nOwn {'q' * i} intro.\n\nSpecifications\n\n"
        f"Own {'q' * i} details.\n\n© 2024 Example"
        for i in range(5)
    ]
    doc = clean(DropRepeatedLines.with_table(site(texts)), texts[1])
    assert doc.text == "Own q intro.\n\nSpecifications\n\nOwn q details."


def test_a_common_label_before_the_pages_own_value_stays():
    texts = [
        f"Menu\n\nGear {'q' * i}\n\nShipping\n\nWeight:\n\n{i} lb" for i in range(5)
    ]
    doc = clean(DropRepeatedLines.with_table(site(texts)), texts[3])
    assert doc.text == "Gear qqq\n\nWeight:\n\n3 lb"  # "Shipping" is in a run


def test_numbers_other_than_years_keep_lines_apart():
    texts = [
        f"Sign in\n\n# Item {i}\n\n({i}) {i} reviews, rated 4.{i}\n\n© 20{10 + i} Shop"
        for i in range(5)
    ]
    doc = clean(DropRepeatedLines.with_table(site(texts)), texts[2])
    assert doc.text == "# Item 2\n\n(2) 2 reviews, rated 4.2"


def test_the_headline_code_and_tables_stay():
    shared = (
        "# Site news\n\n```\npip install thing\n```\n\n"
        "| a | b |\n| --- | --- |\n| 1 | 2 |"
    )
    texts = [f"{shared}\n\nStory {'q' * i}." for i in range(5)]
    doc = clean(DropRepeatedLines.with_table(site(texts)), texts[0])
    assert doc.text == texts[0]


def test_the_title_in_metadata_is_the_headline():
    texts = [f"Daily Report\n\nStory {'q' * i}." for i in range(5)]
    cleaner = DropRepeatedLines.with_table(site(texts))
    metadata = {"url": "http://example.com", "title": "Daily report"}
    doc = cleaner(Document(texts[0], metadata=metadata))
    assert doc.text == texts[0]


def story(i: int) -> str:
    return (
        f"Story {'q' * i} is told here, at great length, "
        "with words enough to count as body."
    )


def test_body_text_needs_overwhelming_evidence():
    texts = [f"{BODY}\n\n{story(i)}" for i in range(10)]
    half = texts[:5] + [story(i) for i in range(5, 10)]
    assert BODY in clean(DropRepeatedLines.with_table(site(half)), half[0]).text
    gone = clean(DropRepeatedLines.with_table(site(texts)), texts[3]).text
    assert BODY not in gone and "Story" in gone


def test_a_copied_document_keeps_its_body():
    texts = [f"Menu\n\n{BODY}" for _ in range(5)]
    doc = clean(DropRepeatedLines.with_table(site(texts)), texts[0])
    assert doc.text == BODY


def test_documents_without_a_group_or_of_small_groups_are_left_alone():
    texts = pages(5, "Subscribe to our newsletter")
    cleaner = DropRepeatedLines.with_table(site(texts))
    assert cleaner(Document(texts[0])).text == texts[0]
    assert clean(cleaner, texts[0], url="https://other.org/x").text == texts[0]


def test_group_by_a_field_or_none():
    texts = pages(4, "Subscribe to our newsletter")
    by_field = DropRepeatedLines.with_table(site(texts, "shop"), group_by="brand")
    doc = by_field(Document(texts[0], metadata={"brand": "shop"}))
    assert "Subscribe" not in doc.text
    everything = DropRepeatedLines.with_table(site(texts, ""), group_by="none")
    assert "Subscribe" not in everything(Document(texts[0])).text


def test_in_a_pipeline_cleaning_twice_equals_once():
    texts = pages(6, "Sign in | Register")
    pipeline = Pipeline([DropRepeatedLines.with_table(site(texts))])
    once = pipeline(Document(texts[1], metadata={"url": "https://example.com/"})).text
    twice = pipeline(Document(once, metadata={"url": "https://example.com/"})).text
    assert once == twice != texts[1]


def test_a_table_file_from_toml(tmp_path):
    texts = pages(4, "Subscribe to our newsletter")
    path = tmp_path / "t.npz"
    with path.open("wb") as handle:
        site(texts).save(handle)
    pipeline = Pipeline.from_toml_string(
        f'[[cleaners]]\nname = "DropRepeatedLines"\ntable = "{path}"\n'
    )
    doc = pipeline(Document(texts[0], metadata={"url": "https://example.com/a"}))
    assert "Subscribe" not in doc.text


@pytest.mark.parametrize(
    "options",
    [{"min_documents": 1}, {"min_share": 0.0}, {"body_share": 1.5}, {"group_by": ""}],
)
def test_bad_options_are_config_errors(options):
    with pytest.raises(ConfigError):
        DropRepeatedLines(**options)


def test_no_table_is_a_clear_error():
    with pytest.raises(ConfigError, match="needs a table"):
        DropRepeatedLines()(Document("x", metadata={"url": "http://a.com"}))


def test_worker_processes_get_the_table_and_clean_alike():
    texts = pages(6, "Subscribe to our newsletter")
    pipeline = Pipeline([DropRepeatedLines.with_table(site(texts))])
    docs = [Document(t, metadata={"url": "https://example.com/"}) for t in texts]
    parallel = [d.text for d in map_documents(pipeline, docs, jobs=2, start_at_chars=0)]
    again = [Document(t, metadata={"url": "https://example.com/"}) for t in texts]
    assert parallel == [pipeline(d).text for d in again]
    assert not any("Subscribe" in text for text in parallel)
