"""clean_in_order: results meet their items again, in input order, while the
cleaning reads ahead."""

from __future__ import annotations

from cleantext.document import Document
from cleantext.run.ordering import clean_in_order


def _upper_reading_ahead(docs):
    """Reads every document before yielding any: the furthest a pool reads ahead."""
    taken = list(docs)
    for doc in taken:
        doc.text = doc.text.upper()
        yield doc


def test_items_without_documents_keep_their_place():
    items = ["a", None, "b", None, None, "c", None]
    out = list(
        clean_in_order(
            items, lambda i: None if i is None else Document(i), _upper_reading_ahead
        )
    )
    assert [item for item, _, _ in out] == items
    assert [(before, doc and doc.text) for _, before, doc in out] == [
        ("a", "A"),
        (None, None),
        ("b", "B"),
        (None, None),
        (None, None),
        ("c", "C"),
        (None, None),
    ]


def test_no_items_no_results():
    assert list(clean_in_order([], Document, _upper_reading_ahead)) == []
