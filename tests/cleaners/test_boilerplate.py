"""DropBoilerplate's rules beyond the single lines of cases/boilerplate.json:
metadata, section logic, rule files, idempotence and cost. The rules are tested
alone (`mode="rules"`); the line model, and the two together, in
test_line_model.py."""

from __future__ import annotations

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleantext import (
    ConfigError,
    Document,
    DropBoilerplate,
    DropDuplicates,
    Pipeline,
    default_pipeline,
)
from cleantext.cleaners.boilerplate import score
from cleantext.cleaners.boilerplate.catalogue import JunkCatalogue
from cleantext.cleaners.boilerplate.page import Page, has_body_line
from cleantext.text.blocks import split_blocks
from cleantext.text.words import COUNTED_WORD
from cleantext.text.wrapping import join_wrapped
from tests.conftest import ROOT, text_soup

BODY = (
    "The city council approved the new budget on Tuesday after a long debate about "
    "road repairs, school funding and library hours, ending weeks of negotiation."
)
BODY_2 = (
    "Opponents argued that the higher parking fees will hurt small businesses in the "
    "town centre, and they promised to raise the issue again at the next meeting."
)


def drop(text: str, **options) -> Document:
    options.setdefault("mode", "rules")
    return DropBoilerplate(**options)(Document(text, explain=True))


def article(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def rules_fired(doc: Document) -> list[str]:
    return [edit.rule for edit in doc.edits]


def test_byline_with_view_counter_goes_to_metadata():
    doc = drop(
        article("Trump And Putin: A 2025 Meeting?", "by Jhon Lennon 33 views", BODY)
    )
    assert doc.text == article("Trump And Putin: A 2025 Meeting?", BODY)
    assert doc.metadata == {"author": "Jhon Lennon"}


def test_source_glued_to_relative_time_goes_to_metadata():
    doc = drop(
        article("Headline", "Al Jazeeraa day ago", BODY, "  • Al Jazeera", BODY_2)
    )
    assert doc.text == article("Headline", BODY, BODY_2)
    assert doc.metadata == {"source": "Al Jazeera"}
    assert rules_fired(doc) == ["source-ago", "source-line"]


def test_dateline_goes_to_metadata():
    doc = drop(article("2025-02-27 09:02:00", "The Title of the Piece", BODY))
    assert doc.text == article("The Title of the Piece", BODY)
    assert doc.metadata == {"date": "2025-02-27 09:02:00"}


def test_a_verb_before_a_relative_time_is_not_a_source():
    doc = drop(article("Question title?", "Asked 3 years ago", BODY))
    assert doc.text == article("Question title?", BODY)
    assert doc.metadata == {}


def test_related_articles_and_everything_after_them_go():
    other = "US appeals court lifts injunction on Trump effort to slash foreign aid"
    text = article(
        BODY, BODY_2, BODY, "Related Articles", other, other, "Al Jazeera", BODY_2
    )
    doc = drop(text)
    assert doc.text == article(BODY, BODY_2, BODY)
    [edit] = doc.edits
    assert edit.rule == "related-content" and edit.before.startswith("Related Articles")


def test_no_trailer_before_the_article_starts():
    text = article("Related", BODY, BODY_2)
    assert drop(text).text == text  # above the article it could be a kicker


def test_trailer_heading_followed_by_more_article_than_before_only_drops_itself():
    doc = drop(article(BODY, "Add a comment", BODY_2, BODY + " Again."))
    assert doc.text == article(BODY, BODY_2, BODY + " Again.")
    assert rules_fired(doc) == ["comments-section (heading only)"]


def test_table_of_contents_goes_and_real_headings_stay():
    text = article(
        "Table of Contents",
        "- Background",
        "- What Happens Next",
        "Background",
        BODY,
        "What Happens Next",
        BODY_2,
    )
    doc = drop(text)
    assert doc.text == article("Background", BODY, "What Happens Next", BODY_2)
    assert set(rules_fired(doc)) == {"table-of-contents"}


def test_contents_list_that_repeats_nothing_is_kept():
    text = article(BODY, "Contents", "- Flour", "- Sugar", BODY_2)
    assert drop(text).text == text


def test_real_heading_right_after_the_contents_stays():
    text = article(
        BODY,
        "Contents",
        "- Geography",
        "- History",
        "Introduction",
        "Geography",
        BODY_2,
        "History",
        BODY,
    )
    out = drop(text).text
    assert "Introduction\n" in out and "- Geography" not in out


# --- what other sites leave ---


def test_wiki_marks_are_removed_inline():
    doc = drop(article("History[edit]", BODY + "[citation needed]", BODY_2))
    assert doc.text == article("History", BODY, BODY_2)
    assert rules_fired(doc) == ["wiki-edit-mark", "citation-needed"]


def test_citation_marks_only_when_asked():
    text = article(BODY, "It is meaningful [1, 2]. It matters.[3]", BODY_2)
    assert drop(text).text == text
    cleaned = drop(text, drop_citations=True).text
    assert "It is meaningful. It matters." in cleaned


def test_inline_rule_files_combine_with_their_gates(monkeypatch):
    from cleantext import rulesets
    from cleantext.rulesets import builtin_rule_set

    both = builtin_rule_set("inline-junk", "citation-marks")
    assert [rule.name for rule in both.rules] == [
        "wiki-edit-mark",
        "citation-needed",
        "citation-mark",
    ]
    assert not both.could_apply("No brackets here (1, 2).")
    assert both.substitute("Old [edit] and cited.[2]") == "Old and cited."
    # A file without a gate leaves the combination ungated.
    packaged = rulesets.builtin_data
    monkeypatch.setattr(
        rulesets,
        "builtin_data",
        lambda stem: {
            k: v
            for k, v in packaged(stem).items()
            if stem != "inline-junk" or k != "gate"
        },
    )
    uncached = builtin_rule_set.__wrapped__  # built once per process otherwise
    assert uncached("inline-junk", "citation-marks").could_apply("plain")


def test_rules_alone_no_longer_spread_to_lines_between_junk():
    """The context pass that spread a rule's verdict to its neighbours deleted a
    recipe's ingredient list between "Save Recipe" and "ADVERTISEMENT"; context is
    now the model's, through its features."""
    text = article(
        BODY,
        "Advertisement",
        "Sponsored by Acme",
        "Best deals today",
        "Story continues below",
        BODY_2,
    )
    doc = drop(text)
    assert doc.text == article(BODY, "Best deals today", BODY_2)
    assert not [r for r in rules_fired(doc) if r.startswith("context")]


def test_short_sentence_and_heading_next_to_junk_stay():
    text = article(
        "logo",
        "City council approves budget",
        "Advertisement",
        BODY,
        "Advertisement",
        "Others are more sceptical.",
        "Advertisement",
        BODY_2,
    )
    doc = drop(text)
    assert doc.text == article(
        "City council approves budget", BODY, "Others are more sceptical.", BODY_2
    )


JUNK_SEEDS = ROOT / "benchmarks" / "accuracy" / "junk_eval" / "seeds"


def seed_content(name: str) -> str:
    lines = (JUNK_SEEDS / f"{name}.ann").read_text()
    return "".join(
        line[2:] + "\n" for line in lines.splitlines() if line.startswith("K|")
    )


@pytest.mark.parametrize(
    "name",
    [p.stem for p in sorted(JUNK_SEEDS.glob("*.ann"))],
)
def test_every_seed_content_line_survives(name):
    """The seeds with their junk lines removed are clean: nothing more may go."""
    text = seed_content(name)
    pipeline = Pipeline([DropBoilerplate(), DropDuplicates()])
    assert pipeline(text) == text


# --- configuration ---


def test_user_rule_files_and_disabled_rules(tmp_path):
    rules = tmp_path / "mine.toml"
    rules.write_text(
        '[[rule]]\nname = "house-promo"\naction = "drop"\n'
        "pattern = '''try acme pro free'''\n"
    )
    text = article(BODY, "Try Acme Pro free!", "logo", BODY_2)
    doc = drop(text, rule_files=(str(rules),), disable_rules=("image-residue",))
    assert doc.text == article(BODY, "logo", BODY_2)
    assert rules_fired(doc) == ["house-promo"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[[rule]]\nname = "x"\naction = "explode"\npattern = "x"\n', "action must be"),
        ('[[rule]]\nname = "x"\naction = "drop"\npattern = "("\n', "invalid pattern"),
        (
            '[[rule]]\nname = "x"\naction = "drop"\nmatch = "search"\npattern = "x"\n',
            "needs max_words",
        ),
        ('[[rule]]\nname = "x"\naction = "metadata"\npattern = "x"\n', "named group"),
        (
            '[[rule]]\nname = "image-residue"\naction = "drop"\npattern = "x"\n',
            "defined twice",
        ),
        (
            '[[rule]]\nname = "x"\naction = "drop"\npattern = "x"\ncolour = 1\n',
            "unknown field",
        ),
    ],
)
def test_bad_rule_files_say_what_is_wrong(tmp_path, content, message):
    rules = tmp_path / "bad.toml"
    rules.write_text(content)
    with pytest.raises(ConfigError, match=message):
        DropBoilerplate(rule_files=(str(rules),))


def test_disabling_an_unknown_rule_is_an_error():
    with pytest.raises(ConfigError, match="unknown junk rule"):
        DropBoilerplate(disable_rules=("no-such-rule",))


def test_options_round_trip_through_toml(tmp_path):
    pipeline = Pipeline([DropBoilerplate(disable_rules=("copyright",), mode="rules")])
    again = Pipeline.from_toml_string(pipeline.to_toml())
    assert again.cleaners[0].disable_rules == ("copyright",)
    assert again.cleaners[0].mode == "rules"


# --- invariants on article-like mixtures ---

_JUNK_LINES = [
    "Advertisement",
    "logo",
    "0",
    "92",
    "Share this article",
    "Comments",
    "Related Articles",
    "Table of Contents",
    "- Background",
    "Reply",
    "Best deals today",
    "Al Jazeeraa day ago",
    "by Jhon Lennon 33 views",
    "2025-02-27 09:02:00",
    "Background",
    "Did You Know?",
    "Pros:",
    "Others are more sceptical.",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from([BODY, BODY_2]), st.sampled_from(_JUNK_LINES)),
        max_size=14,
    ),
    st.sampled_from(["\n", "\n\n"]),
)
# The model once judged this page with the repeated label in it; DropDuplicates then
# took the repeat out, and a second cleaning judged "Comments" junk.
@example(["Comments", BODY, "- Background", "Did You Know?", "Did You Know?"], "\n")
def test_cleaning_article_mixtures_is_idempotent(lines, separator):
    pipeline = default_pipeline()
    once = pipeline(separator.join(lines))
    assert pipeline(once) == once


# --- cost ---


def test_cost_of_many_contents_headings_grows_linearly(monkeypatch):
    """Counted, not timed: comparison keys per document grow linearly with its size.

    Each contents heading once rebuilt the keys of every line (quadratic: 2,000
    headings took 25 s)."""
    import cleantext.cleaners.boilerplate.page as page
    import cleantext.cleaners.boilerplate.rules as rules

    calls = 0
    real = page.comparison_key

    def counting(text):
        nonlocal calls
        calls += 1
        return real(text)

    for module in (page, rules):
        monkeypatch.setattr(module, "comparison_key", counting)
    counts = []
    for n in (200, 400):
        calls = 0
        DropBoilerplate()(
            Document("\n".join([BODY] * 3 + ["Contents", "- a", "- b"] * n))
        )
        counts.append(calls)
    assert counts[1] <= 2.2 * counts[0]


def test_junk_under_a_contents_heading_does_not_change_the_decision():
    # Found by hypothesis: "Advertisement" lines under "Table of Contents" kept it
    # below the threshold in a first pass, and a second pass (without them) dropped it.
    lines = [
        BODY,
        "- Background",
        "Table of Contents",
        "Advertisement",
        "Advertisement",
        "2025-02-27 09:02:00",
        "- Background",
        BODY,
        "2025-02-27 09:02:00",
    ]
    pipeline = default_pipeline()
    once = pipeline("\n".join(lines))
    assert pipeline(once) == once


# The line score's shortcuts against the patterns they stand for.
_SYMBOL_AS_WRITTEN = regex.compile(r"[^\p{L}\p{N}\s.,;:!?'\"’‘“”()\[\]-]")
_TERMINAL_FORWARD = regex.compile(r"[.!?…:;][\"'’”»)\]]*\s*$")
_LINE_PIECES = st.lists(
    st.one_of(
        st.sampled_from([*"a1 .!?…:;\"'’”»)]\n\t\x1c\x85\u00a0$%&*+/<=>@^_`|~#-©é"]),
        st.characters(),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(_LINE_PIECES)
def test_line_score_shortcuts_equal_their_patterns(text: str) -> None:
    assert score._symbol_count(text) == len(_SYMBOL_AS_WRITTEN.findall(text))
    assert bool(score._TERMINAL.search(text)) == bool(_TERMINAL_FORWARD.search(text))


def test_line_score_is_the_same_with_the_words_given() -> None:
    for text in (BODY, "Read more »", "© 2024 Example Inc. | Privacy", ""):
        given_words = score.score_line(text, COUNTED_WORD.findall(text))
        assert given_words == score.score_line(text)


def test_a_repeated_contents_heading_is_cleaned_once():
    # Hypothesis found it (issue 34): a table of contents whose second heading
    # DropDuplicates takes out was judged whole only on the second cleaning. The
    # line model retrained for issue 30 drops the date lines on the first pass;
    # the order of the two cleaners is unchanged, so other shapes may still show it.
    date = "2025-02-27 09:02:00"
    lines = [BODY, "Table of Contents", date, date, "Table of Contents", "0", BODY]
    once = default_pipeline()("\n".join([*lines, date]))
    assert default_pipeline()(once) == once


@pytest.mark.xfail(
    strict=True,
    reason="known gap (hypothesis found it): a repeated table-of-contents heading "
    "whose entries repeat too is judged whole only on the second cleaning",
)
def test_a_contents_heading_with_repeated_entries_is_cleaned_once_known_gap():
    lines = [BODY, "Table of Contents", "Background", "Background"]
    lines += ["Table of Contents", "0", BODY, "Background"]
    once = default_pipeline()("\n".join(lines))
    assert default_pipeline()(once) == once


def test_a_post_byline_goes_to_metadata():
    text = (
        "Rules Made Simpler\n\nThe office has finished its review of the rules on "
        "paperwork, and it found that many forms can be shortened or removed.\n\n"
        "Posted by Jane Marlowe on March 3, 2021 at 9:15 AM EST\n\n"
        "Comments on the review are open until the end of the month."
    )
    doc = DropBoilerplate()(Document(text, explain=True))
    assert "Posted by" not in doc.text
    assert doc.metadata["author"] == "Jane Marlowe"
    assert doc.metadata["date"] == "March 3, 2021 at 9:15 AM EST"
    assert [edit.rule for edit in doc.edits] == ["post-byline"]


# --- the catalogue's one search for all its rules ---


def _first_match_rule_by_rule(catalogue, core, words, in_head):
    for rule in catalogue.rules:
        applies = words <= rule.max_words and (rule.zone != "head" or in_head)
        if applies and (found := rule.match(core)):
            return rule, found
    return None


def _cases_lines() -> list[str]:
    seeds = [p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    cases = (ROOT / "tests/cleaners/cases/boilerplate.json").read_text("utf-8")
    return [line for text in [*seeds, cases, *_JUNK_LINES] for line in text.split("\n")]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.sampled_from(_cases_lines()),
        st.text(alphabet="ab1 .:|©@#", max_size=30),
        st.lists(st.sampled_from(_JUNK_LINES), max_size=3).map(" ".join),
    ),
    st.booleans(),
)
def test_the_catalogue_gate_finds_what_the_rules_find_one_by_one(line, in_head):
    catalogue = JunkCatalogue.load()
    core, words = line.strip(), len(line.split())
    expected = _first_match_rule_by_rule(catalogue, core, words, in_head)
    found = catalogue.first_match(core, words, in_head)
    assert (found and (found[0].name, found[1].span())) == (
        expected and (expected[0].name, expected[1].span())
    )


# --- hard-wrapped text (html2text's default output, mail, corpora's gold) ---

_WRAPPED_ARTICLE = (
    "The city council approved the new budget on Tuesday after a\n"
    "long debate about road repairs, school funding and library\n"
    "hours, ending weeks of negotiation between the two parties.\n"
    "\n"
    "Opening hours\n"
    "\n"
    "The main library will open at nine on weekdays from March, and\n"
    "the branch libraries will follow in the summer, the council\n"
    "said in a statement published after the vote.\n"
)


# Hard-wrapped, no line a paragraph by itself, no junk a rule knows: a page of
# this kind was left whole before wrapped lines were joined, and still is (the
# line model alone would take the form's underscores).
_WRAPPED_FORM = (
    "Username:\n____________________\nPIN:\n____________________\n"
    "Sign in to see your orders.\n\n"
    "The association answers the questions its members ask most often\n"
    "about renewals, fees and the annual conference on this page, and\n"
    "updates it every spring when the new season of events begins.\n"
)


def test_hard_wrapped_clean_text_without_junk_stays_whole():
    for text in (_WRAPPED_ARTICLE, _WRAPPED_FORM):
        assert DropBoilerplate()(Document(text)).text == text


def test_a_hard_wrapped_scrape_loses_its_junk_and_keeps_its_paragraphs():
    scrape = (
        "Share on Facebook\n\nLog in\n\n"
        + _WRAPPED_ARTICLE
        + "\n© 2024 Example News. All rights reserved.\n"
    )
    kept = DropBoilerplate()(Document(scrape)).text
    assert "Log in" not in kept and "All rights reserved" not in kept
    for paragraph in _WRAPPED_ARTICLE.split("\n\n"):
        if paragraph.count("\n") > 1:
            assert paragraph.strip() in kept


@settings(max_examples=300, deadline=None)
@given(
    text_soup(
        [
            _WRAPPED_ARTICLE,
            _WRAPPED_FORM,
            "\n",
            "\n\n",
            "| a | b |\n|---|---|\n",
            "A single line that is a paragraph by itself, with many more than twenty "
            "words in it, as plain-text scrapes write them.\n",
            # wrapped, and its first line a paragraph by itself (23 short words)
            "I am a man of the sea and I go to it as I go to my own home at all times"
            " now,\nand the sea is a home to me as it is to all of us who have been to"
            " it before,\nso we go.\n",
        ],
        text_size=20,
    )
)
def test_has_body_line_answers_as_the_unjoined_page_would(text):
    blocks = split_blocks(text)
    joined = Page.of(join_wrapped(blocks))
    assert has_body_line(joined, blocks) == (Page.of(blocks).body_start is not None)
