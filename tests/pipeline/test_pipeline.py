import signal
import threading
import time
from dataclasses import dataclass

import pytest

import cleantext
from cleantext import (
    Cleaner,
    ConfigError,
    Document,
    DropRepeatedLines,
    FixSpacing,
    FixUnicode,
    NormalizeWhitespace,
    Pipeline,
    RepeatTable,
    default_pipeline,
    with_repeated_lines,
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
    quiet = default_pipeline()(Document(text))
    loud = default_pipeline(explain=True)(Document(text))
    assert quiet.text == loud.text
    changes = [edit for edit in loud.edits if edit.action != "note"]
    assert quiet.edits == [] and len(changes) == sum(loud.edit_counts.values())
    assert quiet.rule_counts == loud.rule_counts


def test_statistics_per_cleaner():
    pipeline = Pipeline([FixUnicode(), NormalizeWhitespace()])
    pipeline("a &amp; b  \n\n\n")
    pipeline("plain")
    unicode_stats, space_stats = pipeline.stats
    assert (unicode_stats.documents, unicode_stats.edits) == (2, 1)
    assert unicode_stats.chars_in == len("a &amp; b  \n\n\n") + 5
    assert space_stats.chars_out == len("a & b\n") + 5
    assert space_stats.edits == 2
    assert unicode_stats.rules == {"FixUnicode/ftfy": 1}
    assert sum(space_stats.rules.values()) == 2
    assert all(s.seconds >= 0 for s in pipeline.stats)
    table = pipeline.stats_table()
    assert "NormalizeWhitespace" in table and "  FixUnicode/ftfy" in table
    report = pipeline.stats_json()
    assert report["cleaners"][0]["rules"] == {"FixUnicode/ftfy": 1}
    assert report["passed_through"] == 0
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
        '[[cleaners]]\nname = "tests.pipeline.test_pipeline:Shout"\ntimes = 3\n'
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


@dataclass
class Slow(Cleaner):
    """Edit the text, then take `seconds` (a test cleaner)."""

    seconds: float = 0.05

    def __call__(self, doc):
        doc.record(self.name, "slow", doc.text, doc.text + "?", 0)
        doc.text += "?"
        doc.metadata["touched"] = True
        time.sleep(self.seconds)
        return doc


def test_a_document_over_max_chars_passes_through_unchanged():
    pipeline = Pipeline([Shout()], max_chars=5, explain=True)
    doc = pipeline(Document("small"))
    assert (doc.text, doc.skipped) == ("SMALL!", None)
    doc = pipeline(Document("larger"))
    assert doc.text == "larger" and doc.edits == [] and doc.edit_counts == {}
    assert doc.skipped == "6 characters, over max_chars=5"
    assert pipeline.passed_through == 1
    assert "1 document(s) over the budget passed through unchanged" in (
        pipeline.stats_table()
    )
    assert pipeline("larger") == "larger"  # strings too


def test_the_default_budget_never_stops_a_normal_document(seed_texts):
    pipeline = default_pipeline()
    assert (pipeline.max_chars, pipeline.max_seconds) == (10_000_000, None)
    assert all(pipeline(Document(t)).skipped is None for t in seed_texts)
    huge = "x" * 10_000_001
    assert pipeline(Document(huge)).skipped.startswith("10,000,001 characters")


def test_a_document_over_max_seconds_is_given_back_as_it_came():
    pipeline = Pipeline([Slow(0.05), Shout()], max_seconds=0.01, explain=True)
    doc = Document("calm", metadata={"id": 1})
    doc = pipeline(doc)
    assert (doc.text, doc.metadata, doc.edits, doc.edit_counts) == (
        "calm",
        {"id": 1},
        [],
        {},
    )
    assert doc.skipped == "cleaning took over max_seconds=0.01"
    assert pipeline.stats[1].documents == 0  # stopped after the slow cleaner
    fast = Pipeline([Slow(0)], max_seconds=60)
    assert fast("calm") == "calm?"


class Spin:
    """A cleaner that works in Python for `seconds` unless interrupted."""

    name = "Spin"

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __call__(self, doc):
        until = time.perf_counter() + self.seconds
        while time.perf_counter() < until:
            doc.text = doc.text.upper()
        return doc


def test_max_seconds_interrupts_a_cleaner_that_runs_over():
    """Issue 34: the limit was checked between cleaners only, so one long cleaner
    (a 2 MB document, max_seconds=2) ran for 73.7 s."""
    pipeline = Pipeline([Spin(30)], max_seconds=0.2)
    started = time.perf_counter()
    doc = pipeline(Document("calm"))
    assert time.perf_counter() - started < 5
    assert doc.text == "calm" and doc.skipped == "cleaning took over max_seconds=0.2"
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # no timer left over
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL


def test_max_seconds_in_a_thread_checks_between_cleaners():
    pipeline = Pipeline([Spin(0.3), Shout()], max_seconds=0.1)
    results = []
    worker = threading.Thread(target=lambda: results.append(pipeline("calm")))
    worker.start()
    worker.join(timeout=30)
    assert results == ["calm"] and pipeline.passed_through == 1


def test_the_budget_is_configured_in_toml_and_checked():
    pipeline = Pipeline.from_toml_string(
        'max_chars = 100\nmax_seconds = 2.5\n[[cleaners]]\nname = "FixUnicode"\n'
    )
    assert (pipeline.max_chars, pipeline.max_seconds) == (100, 2.5)
    assert Pipeline.from_toml_string(pipeline.to_toml()).to_toml() == (
        pipeline.to_toml()
    )
    default = Pipeline.from_toml_string('[[cleaners]]\nname = "FixUnicode"\n')
    assert default.max_chars == 10_000_000
    for bad in ("max_chars = 0", "max_chars = 2.5", 'max_seconds = "1"'):
        with pytest.raises(ConfigError, match="must be a positive"):
            Pipeline.from_toml_string(bad + '\n[[cleaners]]\nname = "FixUnicode"\n')
    with pytest.raises(ConfigError, match="max_seconds"):
        Pipeline([], max_seconds=-1)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: cleantext.FixTypos(mode="sugest"), "must be one of 'fix', 'suggest'"),
        (
            lambda: NormalizeWhitespace(max_blank_lines="1"),
            "'max_blank_lines' must be an integer, got '1'",
        ),
        (lambda: cleantext.FixCasing(proper_nouns=1), "must be true or false"),
        (lambda: cleantext.DropBoilerplate(rule_files="x.toml"), "a list of a str"),
    ],
)
def test_options_are_checked_when_built_in_python_too(build, message):
    with pytest.raises(ConfigError, match=message):
        build()


def test_options_given_in_python_are_converted_like_toml_ones():
    cleaner = cleantext.DropBoilerplate(
        rule_files=[], disable_rules=["comments-section"]
    )
    assert cleaner.disable_rules == ("comments-section",)
    assert Shout(times=2).times == 2  # a cleaner without set-up of its own is checked
    with pytest.raises(ConfigError, match="'times' must be an integer"):
        Shout(times="2")


def test_clean_and_explain_returns_the_text_and_its_edits():
    text, edits = cleantext.clean_and_explain(
        "we met at the caf\u00c3\u00a9 ,then left.", language="en"
    )
    assert text == "We met at the café, then left."
    assert [(e.cleaner, e.rule) for e in edits] == [
        ("FixUnicode", "ftfy fix_encoding"),
        ("FixSpacing", "space-before-comma"),
        ("FixSpacing", "space-after-comma"),
        ("FixCasing", "sentence-start"),
    ]
    with pytest.raises(TypeError, match="clean_and_explain"):
        cleantext.clean_and_explain(None)


def test_with_repeated_lines_goes_after_the_junk_stage_and_replaces_one():
    table = RepeatTable()
    pipeline = default_pipeline(explain=True)
    with_table = with_repeated_lines(pipeline, table, min_documents=4)
    names = [cleaner.name for cleaner in with_table.cleaners]
    assert names.index("DropRepeatedLines") == names.index("DropDuplicates") + 1
    assert len(names) == len(pipeline.cleaners) + 1 and with_table.explain
    again = with_repeated_lines(with_table, RepeatTable(), group_by="none")
    repeats = [c for c in again.cleaners if isinstance(c, DropRepeatedLines)]
    assert len(repeats) == 1
    assert (repeats[0].min_documents, repeats[0].group_by) == (4, "none")
    alone = with_repeated_lines(Pipeline([FixSpacing()]), table)
    assert [c.name for c in alone.cleaners] == ["DropRepeatedLines", "FixSpacing"]


def test_the_language_given_is_taken_and_a_short_text_is_not_guessed():
    text = "we met at the caf\u00e9, then left."
    assert cleantext.clean(text) == text  # too short to tell its language
    assert cleantext.clean(text, language="en") == "We met at the café, then left."
    assert cleantext.clean(text, language="de") == text
    with pytest.raises(TypeError, match="language"):
        cleantext.clean(text, language=1)


def test_a_document_in_another_language_is_noted_once():
    text = (
        "Die Stadtwerke haben am Montag angekündigt, die Preise für Fernwärme zum "
        "1. März anzuheben. betroffen sind rund 41.000 Haushalte im Stadtgebiet."
    )
    doc = default_pipeline(explain=True)(Document(text))
    assert doc.text == text
    assert doc.metadata["language"] == "de"
    notes = [edit for edit in doc.edits if edit.action == "note"]
    assert [(n.cleaner, n.rule) for n in notes] == [("FixTypos", "language")]
    assert doc.edit_counts == {}
