import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext import ConfigError, Document, DropBoilerplate, FixSpacing
from cleantext.cleaners.shared.protect import protected_rule_set
from cleantext.resources.data import builtin_data
from cleantext.rulesets import MAX_SUBSTRING_TESTS, RuleSet, may_contain_any


def test_may_contain_any_is_false_only_when_no_word_occurs():
    assert not may_contain_any("plain text", {"wiht", "shoudl"})
    assert may_contain_any("plain wihtout text", {"wiht", "shoudl"})
    assert not may_contain_any("anything", set())


def test_may_contain_any_stops_searching_past_its_bound():
    many = {f"word{i}" for i in range(MAX_SUBSTRING_TESTS + 1)}
    assert may_contain_any("", many)
    assert not may_contain_any("", set(list(many)[:MAX_SUBSTRING_TESTS]))


# --- users' patterns that backtrack without bound (issue 34, finding 10) ---


def test_a_users_runaway_pattern_is_refused_on_load(tmp_path):

    spacing = tmp_path / "spacing.toml"
    spacing.write_text(
        "[[rule]]\nname = 'runaway'\npattern = '''(a|aa)+$'''\nreplacement = ''\n"
    )
    with pytest.raises(ConfigError, match=r"runaway.*backtracks without bound"):
        FixSpacing(rule_file=str(spacing))
    junk = tmp_path / "junk.toml"
    junk.write_text(
        "[[rule]]\nname = 'runaway'\naction = 'drop'\npattern = '''(x+x+)+y'''\n"
    )
    with pytest.raises(ConfigError, match=r"runaway.*backtracks without bound"):
        DropBoilerplate(rule_files=(str(junk),))


def test_a_users_linear_pattern_loads(tmp_path):

    spacing = tmp_path / "spacing.toml"
    spacing.write_text(
        "[[rule]]\nname = 'fine'\npattern = '''a++b'''\nreplacement = 'ab'\n"
    )
    fixed = FixSpacing(rule_file=str(spacing))(Document("aaab and b"))
    assert fixed.text == "ab and b"


# --- `starts_outside_space_runs`: passing over the inside of a run of spaces ---

_FILES_THAT_SKIP_SPACE_RUNS = ("protected", "spacing")
_SHAPES = st.text(alphabet="ab.,;:!?()`'\"-/@1 \t\n", max_size=80)


@pytest.mark.parametrize("stem", _FILES_THAT_SKIP_SPACE_RUNS)
def test_the_files_that_say_so_start_no_match_inside_a_space_run(stem):
    assert builtin_data(stem).get("starts_outside_space_runs") is True


@settings(max_examples=400, deadline=None)
@given(_SHAPES, st.integers(min_value=2, max_value=40))
def test_skipping_space_runs_finds_every_match_a_plain_scan_finds(text, run):
    """The guarded alternation of FixSpacing's rules matches exactly where the
    plain one does, on text padded with runs of spaces as table layouts are."""
    padded = text.replace(" ", " " * run)
    guarded = protected_rule_set("spacing")
    plain = RuleSet(guarded.rules)
    assert [(rule.name, m.span()) for rule, m in guarded.matches(padded)] == [
        (rule.name, m.span()) for rule, m in plain.matches(padded)
    ]
