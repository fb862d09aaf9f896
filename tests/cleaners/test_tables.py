import json

from cleantext import Document, NormalizeTables, default_pipeline
from cleantext.cleaners.tables import parse_table

SEED_STYLE = (
    "Intro.\nStrategy | Description |\n---|---|\n"
    "Multilateral dialogues | Engage with other nations,ensuring balance. |\n"
    "Economic collaboration | Foster trade. |\nNext.\n"
)


def normalize(text: str, **options) -> str:
    return NormalizeTables(**options)(Document(text)).text


def test_seed_style_table_becomes_markdown_with_spacing_fixed():
    assert normalize(SEED_STYLE) == (
        "Intro.\n| Strategy | Description |\n| --- | --- |\n"
        "| Multilateral dialogues | Engage with other nations, ensuring balance. |\n"
        "| Economic collaboration | Foster trade. |\nNext.\n"
    )


def test_output_formats():
    table = "a | b\n---|---\nx, y | 1\n"
    assert normalize(table, output="csv") == '```csv\na,b\n"x, y",1\n```\n'
    assert normalize(table, output="tsv") == "a\tb\nx, y\t1\n"
    assert normalize(table, output="json") == (
        '```json\n[{"a": "x, y", "b": "1"}]\n```\n'
    )
    assert normalize(table, output="text") == "a: x, y; b: 1\n"
    html = normalize("a | b\n---|---\n<x> | &\n", output="html")
    assert "<td>&lt;x&gt;</td><td>&amp;</td>" in html and html.startswith("```html\n")


def test_every_format_is_stable_under_the_default_pipeline():

    for output in ("markdown", "csv", "tsv", "html", "json", "text"):
        pipeline = default_pipeline()
        pipeline.cleaners[
            pipeline.cleaners.index(
                next(c for c in pipeline.cleaners if isinstance(c, NormalizeTables))
            )
        ] = NormalizeTables(output=output)
        once = pipeline(SEED_STYLE)
        assert pipeline(once) == once, output


def test_records_name_empty_headers():
    table = parse_table("| | b |\n| --- | --- |\n| 1 | 2 |")
    assert table.records == [{"column 1": "1", "b": "2"}]
    assert json.loads(json.dumps(table.records))


def test_edit_is_recorded_with_the_format():
    doc = NormalizeTables()(Document(SEED_STYLE, explain=True))
    assert [e.rule for e in doc.edits] == ["table-markdown"]


def test_padding_that_makes_mojibake_is_repaired_at_once():
    # Found by hypothesis: "Â" at the end of a cell, padded to "Â |", reads to
    # ftfy as a broken no-break space, so a second cleaning changed the table.
    import cleantext

    for text in ("0|0\r\x9c|Â\r0|0", "0|0\r\x9c|ÎÂ\r0|0"):
        once = cleantext.clean(text)
        assert cleantext.clean(once) == once
