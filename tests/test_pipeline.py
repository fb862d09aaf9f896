from dataclasses import dataclass

import pytest

import cleantext
from cleantext import (
    Cleaner,
    ConfigError,
    Document,
    FixUnicode,
    NormalizeWhitespace,
    Pipeline,
)


@dataclass
class Shout(Cleaner):
    """Uppercase the text (a test cleaner)."""

    times: int = 1

    def __call__(self, doc):
        if doc.text != doc.text.upper():
            doc.record(self.name, "upper", doc.text, doc.text.upper(), 0)
        doc.text = doc.text.upper() + "!" * self.times
        return doc


def test_clean_uses_the_default_pipeline():
    assert cleantext.clean("cafÃ©\u00a0 \r\n") == "café\n"
    with pytest.raises(TypeError, match="expects a str"):
        cleantext.clean(b"bytes")


def test_str_in_str_out_and_document_in_document_out():
    pipeline = Pipeline([Shout()])
    assert pipeline("hi") == "HI!"
    doc = Document("hi", id="d1")
    assert pipeline(doc) is doc and doc.text == "HI!"
    with pytest.raises(TypeError):
        pipeline(42)


def test_explain_records_edits_and_does_not_change_the_output():
    text = "\n\ncafÃ© &amp;\u00a0bar  \r\n\r\n\r\nnext\n\n"
    quiet = Pipeline.default()(Document(text))
    loud = Pipeline.default(explain=True)(Document(text))
    assert quiet.text == loud.text
    assert quiet.edits == [] and len(loud.edits) == sum(loud.edit_counts.values())
    assert quiet.edit_counts == loud.edit_counts


def test_statistics_per_cleaner():
    pipeline = Pipeline([FixUnicode(), NormalizeWhitespace()])
    pipeline("a &amp; b  \n\n\n")
    pipeline("plain")
    unicode_stats, space_stats = pipeline.stats
    assert (unicode_stats.documents, unicode_stats.edits) == (2, 1)
    assert unicode_stats.chars_in == len("a &amp; b  \n\n\n") + 5
    assert space_stats.chars_out == len("a & b\n") + 5
    assert space_stats.edits == 2
    assert all(s.seconds >= 0 for s in pipeline.stats)
    assert "NormalizeWhitespace" in pipeline.stats_table()
    pipeline.reset_stats()
    assert pipeline.stats[0].documents == 0


def test_pipelines_nest_as_cleaners():
    inner = Pipeline([Shout(times=2)])
    outer = Pipeline([FixUnicode(), inner], explain=True)
    doc = outer(Document("caf&eacute;"))
    assert doc.text == "CAFÉ!!"
    assert [e.cleaner for e in doc.edits] == ["FixUnicode", "Shout"]


def test_a_cleaner_that_forgets_to_return_the_document_is_named():
    pipeline = Pipeline([lambda doc: None])
    with pytest.raises(TypeError, match="returned NoneType"):
        pipeline("x")


def test_toml_round_trip_including_nested_and_custom_cleaners():
    pipeline = Pipeline(
        [
            FixUnicode(uncurl_quotes=True),
            Pipeline([NormalizeWhitespace(max_blank_lines=2)]),
        ]
    )
    text = pipeline.to_toml()
    again = Pipeline.from_toml_string(text)
    assert again.to_toml() == text
    assert again("“a”\n\n\n\n\nb") == '"a"\n\n\nb'
    custom = Pipeline.from_toml_string(
        '[[cleaners]]\nname = "tests.test_pipeline:Shout"\ntimes = 3\n'
    )
    assert custom("x") == "X!!!"


def test_from_toml_file(tmp_path):
    config = tmp_path / "p.toml"
    config.write_text(
        '[[cleaners]]\nname = "NormalizeWhitespace"\nmax_blank_lines = 0\n'
    )
    assert Pipeline.from_toml(config)("a\n\n\nb") == "a\nb"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[[cleaners]]\nname = "Nope"\n', "unknown cleaner 'Nope'; known cleaners:"),
        (
            '[[cleaners]]\nname = "NormalizeWhitespace"\nmax_blanks = 1\n',
            "unknown option(s) max_blanks; valid options: max_blank_lines",
        ),
        (
            '[[cleaners]]\nname = "NormalizeWhitespace"\nmax_blank_lines = "2"\n',
            "option 'max_blank_lines' must be an integer, got '2'",
        ),
        (
            '[[cleaners]]\nname = "FixUnicode"\nnormalization = "NFX"\n',
            "must be one of 'NFC'",
        ),
        ("[[cleaners]]\nmax_blank_lines = 1\n", "needs a string 'name'"),
        ("cleaners = 3\n", "must be an array of tables"),
        ("pipeline = []\n", "unknown key(s) pipeline"),
        ('[[cleaners]]\nname = "no.such.module:X"\n', "cannot import cleaner"),
        ("[[cleaners]\n", "invalid pipeline TOML"),
    ],
)
def test_config_errors_say_what_is_wrong(toml, message):
    with pytest.raises(ConfigError) as info:
        Pipeline.from_toml_string(toml)
    assert message in str(info.value)


def test_from_toml_names_the_file(tmp_path):
    with pytest.raises(ConfigError, match=r"missing\.toml"):
        Pipeline.from_toml(tmp_path / "missing.toml")


def test_non_cleaner_steps_cannot_be_written_to_toml():
    with pytest.raises(ConfigError, match=r"not a cleantext\.Cleaner"):
        Pipeline([lambda doc: doc]).to_toml()


def test_steps_must_be_callable():
    with pytest.raises(TypeError, match="callable"):
        Pipeline(["FixUnicode"])


def test_registry_lists_builtins():
    names = cleantext.registered_cleaners()
    assert {"FixUnicode", "NormalizeWhitespace", "Pipeline"} <= set(names)


def test_a_cleaner_may_choose_its_registered_name():
    @dataclass
    class Polite(Cleaner):
        name = "please-clean"

        def __call__(self, doc):
            return doc

    assert cleantext.registered_cleaners()["please-clean"] is Polite
    assert (
        Pipeline.from_toml_string('[[cleaners]]\nname = "please-clean"\n')("x") == "x"
    )
