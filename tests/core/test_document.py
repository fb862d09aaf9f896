from cleantext import Document, Edit


def test_record_counts_always_but_keeps_edits_only_when_explaining():
    quiet = Document("x")
    quiet.record("C", "rule", "a", "b", 3)
    assert quiet.edit_counts == {"C": 1}
    assert quiet.edits == []

    loud = Document("x", explain=True)
    loud.record("C", "rule", "a", "", 3)
    assert loud.edits == [Edit("C", "delete", "a", "", "rule", 3)]


def test_edits_are_counted_by_the_rule_name_without_its_detail():
    doc = Document("x")
    doc.record("DropBoilerplate", "model p=0.04", "menu", "", 0)
    doc.record("DropBoilerplate", "model p=0.31", "more", "", 5)
    doc.record("DropBoilerplate", "related-content (heading only)", "Related", "", 9)
    doc.record("FixTypos", "typo", "teh", "the", 0)
    assert doc.rule_counts == {
        "DropBoilerplate": {"model": 2, "related-content": 1},
        "FixTypos": {"typo": 1},
    }
    assert doc.edit_counts == {"DropBoilerplate": 3, "FixTypos": 1}


def test_edit_actions_and_description():
    doc = Document("x", explain=True)
    doc.record("C", "r", "", "b", 0)
    doc.record("C", "r", "a", "b", 1)
    assert [e.action for e in doc.edits] == ["insert", "replace"]
    assert doc.edits[1].describe() == "C/r @1: replace 'a' -> 'b'"


def test_long_edits_are_shortened_in_descriptions():
    edit = Edit("C", "delete", "y" * 500, "", "r", 0)
    assert len(edit.describe()) < 150
