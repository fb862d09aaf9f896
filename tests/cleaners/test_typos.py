"""FixTypos: clear corrections made, everything that is not a clear typo untouched."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext import ConfigError, Document, FixTypos, Pipeline, default_pipeline
from cleantext.cleaners.shared.lexicon import (
    builtin_misspellings,
    default_lexicon,
    parse_misspellings,
)
from cleantext.cleaners.typos.keyboard import default_typing_errors

FIX = FixTypos()


def english(text: str, explain: bool = False) -> Document:
    """A document known to be English (a sentence is too short to identify)."""
    return Document(text, metadata={"language": "en"}, explain=explain)


def fixed(text: str, fixer: FixTypos = FIX) -> str:
    return fixer(english(text)).text


def rules(text: str, fixer: FixTypos = FIX) -> list[tuple[str, str, str]]:
    doc = fixer(english(text, explain=True))
    return [(e.rule, e.before, e.after) for e in doc.edits]


def test_code_blocks_and_tables_are_never_touched():
    text = (
        "Intro line here.\n\n```\nshoudl = wiht()\n```\n\n"
        "| a | b |\n| --- | --- |\n| shoudl | wiht |\n"
    )
    assert fixed(text) == text


def test_rules_are_named_in_explanations():
    assert rules("It is necesary, I definately wolrd.") == [
        ("closest-word", "necesary", "necessary"),
        ("common-misspelling", "definately", "definitely"),
        ("likeliest-word", "wolrd", "world"),
    ]


def test_edit_positions_point_at_the_word():
    text = "First line.\n\nThe goverment shoudl act."
    doc = FIX(Document(text, explain=True))
    for edit in doc.edits:
        assert text[edit.position : edit.position + len(edit.before)] == edit.before


def test_ambiguous_words_stay():
    # "thye" could be "the" or "they"; "paht" could be "path" or "part".
    assert fixed("and thye paht me") == "and thye paht me"


def test_suggest_mode_reports_without_changing():
    fixer = FixTypos(mode="suggest")
    doc = fixer(Document("The goverment shoudl act."))
    assert doc.text == "The goverment shoudl act."
    assert [(e.action, e.before, e.after) for e in doc.edits] == [
        ("suggest", "goverment", "government"),
        ("suggest", "shoudl", "should"),
    ]
    assert doc.edit_counts == {}


def test_allow_list_and_file(tmp_path):
    allow = tmp_path / "allow.txt"
    allow.write_text("# our product names\nrecipie\n", encoding="utf-8")
    assert fixed("a shoudl", FixTypos(allow=("Shoudl",))) == "a shoudl"
    assert fixed("a recipie", FixTypos(allow_file=str(allow))) == "a recipie"


def test_user_misspellings_file(tmp_path):
    extra = tmp_path / "extra.tsv"
    extra.write_text("# ours\nthier\ttheir\nbeween\tbetween\n", encoding="utf-8")
    assert fixed("beween us", FixTypos(misspellings_file=str(extra))) == "between us"


def test_bad_files_raise_config_errors(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        FixTypos(allow_file=str(tmp_path / "missing.txt"))
    bad = tmp_path / "bad.tsv"
    bad.write_text("ok\tfine\nno tab here\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad.tsv:2: expected"):
        FixTypos(misspellings_file=str(bad))


def test_options_round_trip_through_toml():
    pipeline = Pipeline([FixTypos(mode="suggest", allow=("foo",), min_ratio=15.0)])
    again = Pipeline.from_toml_string(pipeline.to_toml())
    assert again.cleaners == pipeline.cleaners


def test_real_word_rules_can_be_switched_off():
    text = "readers who wont to stay"
    assert fixed(text, FixTypos(real_words=False)) == text


def test_default_pipeline_runs_typos_between_spacing_and_casing():
    names = [c.name for c in default_pipeline().cleaners]
    assert (
        names.index("FixSpacing") < names.index("FixTypos") < names.index("FixCasing")
    )


def test_mostly_unknown_paragraph_is_left_alone():
    text = (
        "The report was clear.\n\n"
        "Zorgat blimmer quaxe fendrol wiht trabble snorkin plimet.\n"
    )
    assert fixed(text) == text


# --- data files ---------------------------------------------------------------------


def test_curated_misspellings_are_not_common_words():
    lexicon = default_lexicon()
    common = lexicon.speller.words
    clashes = sorted(w for w in builtin_misspellings() if w in common)
    assert clashes == []
    targets = {
        t for t in builtin_misspellings().values() if " " not in t and "'" not in t
    }
    assert sorted(t for t in targets if not lexicon.is_known(t)) == []


def test_misspellings_parser_skips_comments_and_blank_lines():
    assert parse_misspellings("# c\n\nteh\tthe\n") == {"teh": "the"}


def test_spelling_variants_and_compounds():
    lexicon = default_lexicon()
    for word in (
        "colour",
        "gelatinisation",
        "centre",
        "travelled",
        "analyse",
        "catalogue",
    ):
        assert lexicon.is_known(word), word
    assert lexicon.is_compound("dealmakers") or lexicon.is_known("dealmakers")
    assert not lexicon.is_known("shoudl")


@pytest.mark.parametrize(
    ("intended", "typed", "kind"),
    [
        ("world", "wolrd", "transposition"),
        ("what", "whst", "substitution-neighbour"),
        ("separate", "seperate", "substitution-vowel"),
        ("what", "wzat", "substitution-other"),
        ("meeting", "meetting", "insertion-repeat"),
        ("told", "tolkd", "insertion-neighbour"),
        ("told", "tolqd", "insertion-other"),
        ("occasion", "ocasion", "deletion-repeat"),
        ("started", "strted", "deletion-other"),
    ],
)
def test_typing_error_weights(intended, typed, kind):
    typing = default_typing_errors()
    assert typing.weight(intended, typed) == typing.weights[kind]


def test_typing_errors_without_some_kinds():
    typing = default_typing_errors()
    name_safe = typing.without(frozenset({"insertion-repeat", "substitution-vowel"}))
    assert name_safe.weight("anderson", "andersson") == 0.0
    assert name_safe.weight("natalie", "natelie") == 0.0
    assert name_safe.weight("although", "althoygh") == typing.weight(
        "although", "althoygh"
    )
    with pytest.raises(ValueError, match="no such typing errors"):
        typing.without(frozenset({"insertion-repat"}))


def test_first_letter_slips_weigh_less_except_swaps():
    typing = default_typing_errors()
    assert typing.weight("what", "qhat") < typing.weight("what", "whst")
    assert typing.weight("this", "htis") == typing.weights["transposition"]
    assert typing.weight("this", "those") == 0.0


def test_keyboard_neighbours_are_symmetric():
    neighbours = default_typing_errors().neighbours
    for key, near in neighbours.items():
        for other in near:
            assert key in neighbours[other], (key, other)
    assert neighbours["g"] == frozenset("fhtyvb")
    assert neighbours["q"] == frozenset("wa")


# --- properties ---------------------------------------------------------------------

_typo_text = st.lists(
    st.one_of(
        st.sampled_from(default_lexicon().most_common(3000)),
        st.sampled_from(["shoudl", "wiht", "recieve", "thye", "Recieve", "wolrd"]),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8),
        st.sampled_from([".", ",", "\n", "\n\n", "who wont to", "https://x.io/wiht"]),
    ),
    max_size=40,
).map(" ".join)


@settings(max_examples=300)
@given(_typo_text)
def test_fixing_is_idempotent(text):
    once = fixed(text)
    assert fixed(once) == once


@settings(max_examples=300)
@given(st.text())
def test_never_raises_and_suggest_never_changes_text(text):
    assert isinstance(fixed(text), str)
    assert FixTypos(mode="suggest")(Document(text)).text == text


def test_a_pickled_fixer_works_like_the_original():
    # Worker processes receive cleaners by pickle: rules must compare by value.
    import pickle

    clone = pickle.loads(pickle.dumps(FixTypos()))
    assert fixed("We shoudl go.", clone) == "We should go."


def test_forked_workers_share_the_preloaded_lexicon():
    import multiprocessing

    FixTypos().prepare()
    context = multiprocessing.get_context("fork")
    with context.Pool(1) as pool:
        loaded_before_use = pool.apply(_lexicon_is_loaded)
    assert loaded_before_use


def _lexicon_is_loaded() -> bool:
    from cleantext.cleaners.shared.lexicon import default_lexicon

    return default_lexicon.cache_info().currsize == 1


_WORDS = st.sampled_from(
    [
        *("The", "Receive", "Recieve", "recieve", "Shoudl", "shoudl", "Their"),
        *("THEIR", "their", "Zelenskyy", "zelenskyy", "Wiht", "NASA", "iPhone"),
        *("Colour", "Teh"),
    ]
)


@settings(max_examples=300, deadline=None)
@given(words=st.sets(_WORDS), own_map=st.booleans())
def test_actionable_words_are_those_the_ungated_test_finds(
    words, own_map, tmp_path_factory
):
    """Capitalised words whose lowercase is known are set aside before the
    corrector is asked: the same words stay, with and without a user's map that
    corrects a known word."""
    options = {}
    if own_map:
        path = tmp_path_factory.mktemp("map") / "map.tsv"
        path.write_text("their\tthere\n", "utf-8")
        options["misspellings_file"] = str(path)
    fixer = FixTypos(**options)
    context = fixer._context([Document(" ".join(sorted(words)) + ".").blocks()[0]])
    if context is None:
        return
    ungated = {
        word
        for word in words.difference(fixer.lexicon.known)
        if fixer._corrector.curated(word.lower()) is not None
        or fixer._corrector.is_candidate(word, context)
    }
    assert fixer._actionable(set(words), context) == ungated


@pytest.mark.parametrize(
    "entries",
    [
        "budgte\tbudgte budgte\n",  # the correction holds its own misspelling
        "teh\tthe\nthe\tteh\n",  # a cycle
        "recieve\treceive\nreceive\trecieve\n",  # one back to a built-in entry
    ],
    ids=["self-reference", "cycle", "cycle-through-builtin"],
)
def test_a_misspellings_file_whose_corrections_are_corrected_again_is_refused(
    tmp_path, entries
):
    path = tmp_path / "mine.tsv"
    path.write_text(entries)
    with pytest.raises(ConfigError, match=r"mine\.tsv:\d+: the correction of"):
        FixTypos(misspellings_file=str(path))


def test_a_bad_misspellings_line_is_named_without_echoing_the_file(tmp_path):
    path = tmp_path / "secret.tsv"
    path.write_text("password hunter2 no tab here\n")
    with pytest.raises(ConfigError) as refused:
        FixTypos(misspellings_file=str(path))
    assert "secret.tsv:1" in str(refused.value)
    assert "hunter2" not in str(refused.value)


def test_other_languages_are_left_alone_and_explained():
    text = (
        "El ayuntamiento aprobó ayer el nuevo presupuesto para las escuelas y "
        "las bibliotecas de la ciudad, después de un largo debate sobre las obras."
    )
    doc = FIX(Document(text, explain=True))
    assert doc.text == text
    assert doc.metadata["language"] == "es"
    assert [(e.action, e.rule) for e in doc.edits] == [("note", "language")]
    assert "es (" in doc.edits[0].describe()


def test_a_sentence_too_short_to_identify_is_not_taken_for_english():
    assert FIX(Document("We will recieve the parcel.")).text == (
        "We will recieve the parcel."
    )
    assert fixed("We will recieve the parcel.") == "We will receive the parcel."
