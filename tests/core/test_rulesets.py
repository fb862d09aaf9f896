import pytest

from cleantext import ConfigError, Document, DropBoilerplate, FixSpacing
from cleantext.rulesets import MAX_SUBSTRING_TESTS, may_contain_any


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
