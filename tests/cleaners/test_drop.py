"""drop_blocks: the one way dropping cleaners remove blocks and explain it."""

from cleantext.cleaners.shared.drop import drop_blocks
from cleantext.document import Document

TEXT = "Title\n\nFirst para.\n\nMenu\n\nSecond para.\n\nComments\n\nA comment.\n"


def _dropped(rules, **options):
    doc = Document(TEXT, explain=True)
    drop_blocks(doc, "Dropper", doc.blocks(), rules, **options)
    return doc


def test_each_dropped_block_is_one_edit_at_its_offset():
    doc = _dropped({2: "menu"})
    assert (
        doc.text == "Title\n\nFirst para.\n\nSecond para.\n\nComments\n\nA comment.\n"
    )
    [edit] = doc.edits
    assert (edit.cleaner, edit.rule, edit.before, edit.after) == (
        "Dropper",
        "menu",
        "Menu",
        "",
    )
    assert TEXT[edit.position :].startswith("Menu")
    assert doc.signals["junk_chars_removed"] == len(TEXT) - len(doc.text)


def test_a_cut_drops_the_rest_as_one_edit():
    doc = _dropped({4: "trailer", 5: "trailer"}, cut_from=4)
    assert doc.text == "Title\n\nFirst para.\n\nMenu\n\nSecond para.\n"
    [edit] = doc.edits
    assert edit.before == "Comments\n\nA comment.\n" and edit.rule == "trailer"


def test_rewrite_touches_kept_prose_before_the_cut_only():
    def shout(text, doc, cleaner, offset):
        assert TEXT[offset:].startswith(text)
        return text.upper()

    doc = _dropped({2: "menu", 4: "trailer", 5: "trailer"}, cut_from=4, rewrite=shout)
    assert doc.text == "TITLE\n\nFIRST PARA.\n\nSECOND PARA.\n"


def test_nothing_named_leaves_the_text_and_counts_nothing():
    doc = _dropped({})
    assert doc.text == TEXT and not doc.edits
    assert "junk_chars_removed" not in doc.signals
