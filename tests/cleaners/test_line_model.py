"""DropBoilerplate's line model: the shipped file, its arithmetic, its features, and
what it does to pages (what must go, what must stay, and twice equals once)."""

from __future__ import annotations

import numpy as np
import pytest

from cleantext import ConfigError, Document, DropBoilerplate, Pipeline, default_pipeline
from cleantext.cleaners.boilerplate import model as line_model
from cleantext.cleaners.boilerplate.features import (
    FEATURE_NAMES,
    VERDICT_FEATURE_NAMES,
    block_features,
    own_features,
    verdict_features,
)
from cleantext.cleaners.boilerplate.model import (
    MODEL_FILE,
    LineModel,
    ObliviousTrees,
    expected_f1_cut,
    load_line_model,
)
from cleantext.text.blocks import split_blocks
from cleantext.text.words import COUNTED_WORD

ARTICLE = [
    "The city council approved the new budget on Tuesday after a long debate about "
    "road repairs, school funding and library hours, ending weeks of negotiation.",
    "Opponents argued that the higher parking fees will hurt small businesses in the "
    "town centre, and they promised to raise the issue again at the next meeting.",
    "The mayor said the library would stay open on Sundays from next month, and that "
    "the repairs to the bridge on the high street would start before the winter.",
]
MENU = ["Home", "News", "Sport", "Weather", "Log in", "Subscribe"]
FOOTER = [
    "Privacy Policy",
    "Terms of Use",
    "© 2024 Example Media Ltd. All rights reserved.",
]


def page(*parts: list[str]) -> str:
    return "\n".join(line for part in parts for line in part) + "\n"


def judged(text: str, **options) -> Document:
    return DropBoilerplate(mode="model", **options)(Document(text, explain=True))


# --- the shipped file ------------------------------------------------------------


def test_the_shipped_model_loads_and_matches_the_features():
    model = load_line_model()
    assert MODEL_FILE.stat().st_size < 5_000_000
    assert model.first.feature.max() < len(FEATURE_NAMES)
    assert model.second.feature.max() < len(FEATURE_NAMES) + len(VERDICT_FEATURE_NAMES)
    assert len(model.priors) > 10_000
    assert model.priors["the"] > model.priors["login"]


def test_a_model_for_other_features_is_refused(tmp_path):
    model = load_line_model()
    path = tmp_path / "old.npz"
    model.save(path)
    arrays = dict(np.load(path))
    arrays["meta"] = np.array(str(arrays["meta"]).replace('"chars"', '"length"'))
    np.savez(path, **arrays)
    with pytest.raises(ConfigError, match="trained with other features"):
        LineModel.load(path)
    with pytest.raises(ConfigError, match="cannot read line model"):
        load_line_model(str(tmp_path / "missing.npz"))


def _altered(tmp_path, change) -> str:
    path = tmp_path / "altered.npz"
    load_line_model().save(path)
    arrays = dict(np.load(path))
    change(arrays)
    np.savez(path, **arrays)
    return str(path)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda a: a["second_feature"].__setitem__((0, 0), 10_000), "lacks"),
        (lambda a: a.__setitem__("first_leaves", a["first_leaves"][:, :3]), "shapes"),
        (lambda a: a.pop("priors"), "priors"),
    ],
    ids=["feature-out-of-range", "leaves-missing", "array-missing"],
)
def test_a_damaged_model_file_is_a_configuration_error(tmp_path, change, reason):
    """Issue 34: an out-of-range feature index used to give a traceback."""
    with pytest.raises(ConfigError, match=reason):
        LineModel.load(_altered(tmp_path, change))


def test_a_model_that_unpacks_too_large_is_refused_unread(tmp_path, monkeypatch):
    """A 4.7 MB zip bomb took 4.2 GB; the declared sizes are read first."""
    path = _altered(tmp_path, lambda arrays: None)
    monkeypatch.setattr(line_model, "_MAX_UNPACKED_BYTES", 1_000_000)
    with pytest.raises(ConfigError, match="unpacks to"):
        LineModel.load(path)
    with pytest.raises(ConfigError, match="not a line model"):
        LineModel.load(__file__)  # not a zip at all


# --- the arithmetic ------------------------------------------------------------------


def sequential_sums(values: np.ndarray) -> np.ndarray:
    """Each row's values added left to right in float64: the one order both
    kernels add leaf values in."""
    return np.cumsum(values, axis=1, dtype=np.float64)[:, -1]


def test_oblivious_trees_read_their_answers_as_a_leaf_number():
    trees = ObliviousTrees(
        feature=np.array([[0, 1], [1, 1]]),
        border=np.array([[0.5, 2.0], [-1.0, 10.0]], np.float32),
        leaves=np.array([[0.0, 1.0, 2.0, 3.0], [10.0, 20.0, 30.0, 40.0]], np.float32),
        scale=2.0,
        bias=-1.0,
    )
    rows = np.array([[0.0, 0.0], [1.0, 3.0], [1.0, 11.0]], np.float32)
    # row 0: tree 0 leaf 0 (0), tree 1 leaf 1 (20); row 1: leaf 3 (3) and 1 (20);
    # row 2: leaf 3 (3) and leaf 3 (40).
    assert trees.log_odds(rows).tolist() == [39.0, 45.0, 85.0]
    assert trees.log_odds(np.zeros((0, 2), np.float32)).tolist() == []


def test_the_shipped_trees_give_what_asking_every_tree_gives():
    """Questions shared by trees are asked once: the log-odds must equal, bit for
    bit, those of asking each tree its own questions, on the borders too."""
    rng = np.random.default_rng(7)
    for trees in (load_line_model().first, load_line_model().second):
        count, depth = trees.feature.shape
        for rows in (1, 20, 300):
            features = rng.normal(size=(rows, trees.feature.max() + 1))
            features = features.astype(np.float32)
            features[::2, trees.feature[:, 0]] = trees.border[:, 0]  # ties
            answers = features[:, trees.feature.ravel()] > trees.border.ravel()
            leaf = answers.reshape(rows, count, depth) @ (1 << np.arange(depth))
            values = trees.leaves[np.arange(count), leaf]
            expected = sequential_sums(values) * trees.scale + trees.bias
            assert np.array_equal(trees.log_odds(features), expected)


def test_deep_trees_keep_every_bit_of_their_leaf_number():
    """Depth 9 needs leaf numbers past 255: the same reference, on random trees."""
    rng = np.random.default_rng(3)
    count, depth, columns = 40, 9, 5
    trees = ObliviousTrees(
        rng.integers(0, columns, (count, depth)).astype(np.int32),
        rng.normal(size=(count, depth)).astype(np.float32),
        rng.normal(size=(count, 2**depth)).astype(np.float32),
    )
    features = rng.normal(size=(50, columns)).astype(np.float32)
    answers = features[:, trees.feature.ravel()] > trees.border.ravel()
    leaf = answers.reshape(50, count, depth) @ (1 << np.arange(depth))
    expected = sequential_sums(trees.leaves[np.arange(count), leaf])
    assert leaf.max() > 255
    assert np.array_equal(trees.log_odds(features), expected)


def test_judging_some_blocks_gives_what_judging_all_gives_them():
    """Stage two runs only on the blocks DropBoilerplate asks about: each row's
    probability is its own, bit for bit, whichever others are judged."""
    model = load_line_model()
    rng = np.random.default_rng(11)
    for count in (1, 7, 40, 300):
        features = rng.normal(size=(count, len(FEATURE_NAMES))).astype(np.float32)
        prose = rng.random(count) < 0.8
        every = model.probabilities(features, prose)
        for rows in (np.arange(count), np.flatnonzero(prose), np.array([count - 1])):
            assert np.array_equal(
                model.probabilities(features, prose, rows), every[rows]
            )


def test_the_trees_come_from_catboost_json():
    dump = {
        "oblivious_trees": [
            {
                "splits": [
                    {
                        "float_feature_index": 2,
                        "border": 0.5,
                        "split_type": "FloatFeature",
                    }
                ],
                "leaf_values": [-1.0, 1.0],
            }
        ],
        "scale_and_bias": [1.0, [0.25]],
    }
    trees = ObliviousTrees.from_catboost(dump)
    rows = np.array([[0, 0, 0.0], [0, 0, 1.0]], np.float32)
    assert trees.log_odds(rows).tolist() == [-0.75, 1.25]


def test_the_expected_f1_cut_keeps_what_pays():
    probabilities = np.array([0.9, 0.8, 0.1, 0.05])
    words = np.array([100.0, 50.0, 10.0, 10.0])
    assert expected_f1_cut(probabilities, words, 0.0) == 0.8
    # A likely block of few words among certain ones still pays its way.
    assert expected_f1_cut(np.array([0.99, 0.6]), np.array([100.0, 5.0]), 0.0) == 0.6


# --- the features ------------------------------------------------------------------


def test_features_have_a_column_per_name_and_no_gaps():
    blocks = split_blocks(page(MENU, ARTICLE, FOOTER))
    table = block_features(blocks, load_line_model().priors)
    assert table.shape == (len(blocks), len(FEATURE_NAMES))
    assert np.isfinite(table).all()
    assert block_features([], {}).shape == (0, len(FEATURE_NAMES))
    priors = load_line_model().priors
    found = [COUNTED_WORD.findall(block.text) for block in blocks]
    assert np.array_equal(
        own_features(blocks, priors, found), own_features(blocks, priors)
    )
    verdicts = verdict_features(
        np.linspace(0, 1, len(blocks)), np.ones(len(blocks), bool)
    )
    assert verdicts.shape == (len(blocks), len(VERDICT_FEATURE_NAMES))


# --- what it does ------------------------------------------------------------------


def test_menus_and_footers_go_and_the_article_stays():
    doc = judged(page(MENU, ARTICLE, FOOTER))
    kept = doc.text.splitlines()
    assert all(line in kept for line in ARTICLE)
    assert all(e.rule.startswith("model p=0.") for e in doc.edits)
    # On a page this short the model is unsure of a two-word line or two.
    assert len(doc.edits) >= len(MENU + FOOTER) - 2
    assert judged(page(MENU, ARTICLE, FOOTER), threshold=0.7).text == page(ARTICLE)


def test_an_ingredient_list_between_junk_lines_stays():
    recipe = [
        "Red lentil soup",
        "This warming soup takes half an hour and keeps for days in the fridge, so "
        "it is worth making a big pot of it on a Sunday for the week ahead.",
        "Save Recipe",
        "Serves 6",
        "Ingredients",
        "- 250 g red lentils, rinsed",
        "- 1 onion, chopped",
        "- 2 carrots, diced",
        "- 1 litre vegetable stock",
        "ADVERTISEMENT",
        "Fry the onion and carrots in a little oil until soft, then add the lentils "
        "and the stock and simmer for twenty minutes, stirring now and then.",
    ]
    kept = DropBoilerplate()(Document(page(recipe))).text
    for line in recipe[3:9]:
        assert line in kept.splitlines(), line


def test_cleaning_twice_drops_nothing_more():
    from benchmarks.data.corpus import sample

    cleaner = DropBoilerplate()
    for text in sample(0.2):
        once = cleaner(Document(text)).text
        assert cleaner(Document(once)).text == once


def test_the_threshold_is_checked_and_used():
    with pytest.raises(ConfigError, match="between 0 and 1"):
        DropBoilerplate(threshold=1.5)
    text = page(MENU, ARTICLE, FOOTER)
    strict = judged(text, threshold=0.99).text
    lenient = judged(text, threshold=0.01).text
    assert len(strict) <= len(judged(text).text) <= len(lenient)


def test_rules_mode_never_loads_the_model(monkeypatch):
    def refuse(path=""):
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(
        "cleantext.cleaners.boilerplate.cleaner.load_line_model", refuse
    )
    cleaner = DropBoilerplate(mode="rules")
    cleaner.prepare()
    kept = cleaner(Document(page(MENU, ARTICLE), explain=True))
    assert kept.text.startswith("Home\nNews\n")  # no rule names these
    assert not [e for e in kept.edits if e.rule.startswith("model")]


def test_a_page_without_an_article_is_left_alone():
    text = page(MENU, FOOTER)
    assert judged(text).text == text


def test_mode_and_threshold_round_trip_through_toml():
    pipeline = Pipeline([DropBoilerplate(mode="model", threshold=0.4)])
    again = Pipeline.from_toml_string(pipeline.to_toml())
    assert (again.cleaners[0].mode, again.cleaners[0].threshold) == ("model", 0.4)
    # The default, a cut per document, has no TOML value: it is left out.
    default = Pipeline.from_toml_string(Pipeline([DropBoilerplate()]).to_toml())
    assert default.cleaners[0].threshold is None
    with pytest.raises(ConfigError, match="one of 'rules\\+model', 'rules', 'model'"):
        Pipeline.from_toml_string(
            '[[cleaners]]\nname = "DropBoilerplate"\nmode = "ml"\n'
        )


def test_the_model_module_names_its_file():
    assert line_model.MODEL_FILE.name == "line-model.npz"


def test_a_sign_off_and_the_headline_are_left_to_the_rules():
    text = page(
        ["Lemon Olive Oil Cake", "Jump to Recipe"],
        ARTICLE,
        ["Best, Maria", "Pin Recipe", "Rate this recipe"],
    )
    doc = DropBoilerplate()(Document(text, explain=True))
    kept = doc.text.splitlines()
    assert kept[0] == "Lemon Olive Oil Cake"
    assert "Best, Maria" in kept
    assert all(line in kept for line in ARTICLE)


def test_keep_rules_never_drop_and_need_a_comma_and_a_name():
    from cleantext.cleaners.boilerplate.catalogue import KEEP, JunkCatalogue

    catalogue = JunkCatalogue.load()

    def kept(line: str) -> bool:
        found = catalogue.first_match(line, len(line.split()), False)
        return found is not None and found[0].action == KEEP

    assert kept("Best, Maria") and kept("Thanks, J.R. Smith") and kept("Love, Mum")
    for junk in ("Best Sellers", "Best deals today", "Regards,", "Thanks for reading"):
        assert not kept(junk), junk


def test_the_first_article_paragraph_stays_so_a_second_cleaning_agrees():
    """Found by hypothesis: the model dropped a repeated first paragraph, the
    byline under it became head, and a second cleaning dropped it."""
    body = (
        "The city council approved the new budget on Tuesday after a long debate "
        "about road repairs, school funding and library hours, ending weeks of "
        "negotiation."
    )
    ad = "Advertisement"
    byline = "by Jhon Lennon 33 views"
    text = "\n".join([body, ad, ad, ad, byline, body, body, body, ad, "- Background"])
    pipeline = default_pipeline()
    once = pipeline(text)
    assert pipeline(once) == once


def test_word_priors_are_used_for_the_languages_they_were_counted_in():
    model = load_line_model()
    assert model.info["prior_languages"] == ["en"]
    assert model.priors_for("en") is model.priors
    assert model.priors_for("und") is model.priors  # too short to tell: as before
    assert model.priors_for("de") == {}


def test_a_page_in_another_language_is_judged_without_english_priors(monkeypatch):
    seen = []
    original = line_model.LineModel.priors_for
    monkeypatch.setattr(
        line_model.LineModel,
        "priors_for",
        lambda self, language: seen.append(language) or original(self, language),
    )
    text = page(MENU, ARTICLE, FOOTER)
    DropBoilerplate()(Document(text, metadata={"language": "pt"}))
    DropBoilerplate()(Document(text))
    assert seen == ["pt", "en"]
