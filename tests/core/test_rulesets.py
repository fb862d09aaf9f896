from cleantext.rulesets import MAX_SUBSTRING_TESTS, may_contain_any


def test_may_contain_any_is_false_only_when_no_word_occurs():
    assert not may_contain_any("plain text", {"wiht", "shoudl"})
    assert may_contain_any("plain wihtout text", {"wiht", "shoudl"})
    assert not may_contain_any("anything", set())


def test_may_contain_any_stops_searching_past_its_bound():
    many = {f"word{i}" for i in range(MAX_SUBSTRING_TESTS + 1)}
    assert may_contain_any("", many)
    assert not may_contain_any("", set(list(many)[:MAX_SUBSTRING_TESTS]))
