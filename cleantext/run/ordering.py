"""Items in, documents cleaned, results out in input order: while documents run
ahead into worker processes, the items that made them (and those that made none)
wait in a queue, so each result meets its item again."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from cleantext.document import Document

Item = TypeVar("Item")


def clean_in_order(
    items: Iterable[Item],
    document: Callable[[Item], Document | None],
    clean: Callable[[Iterator[Document]], Iterator[Document]],
) -> Iterator[tuple[Item, str | None, Document | None]]:
    """Each item with its document's text before `clean` and the cleaned document,
    in input order; an item that makes no document (`document` returns None) comes
    with None twice, in its place. `clean` yields one document per document, in
    order, and may read ahead."""
    waiting: deque[tuple[Item, str | None]] = deque()

    def documents() -> Iterator[Document]:
        for item in items:
            doc = document(item)
            waiting.append((item, None if doc is None else doc.text))
            if doc is not None:
                yield doc

    def without_documents() -> Iterator[tuple[Item, None, None]]:
        while waiting and waiting[0][1] is None:
            yield waiting.popleft()[0], None, None

    for doc in clean(documents()):
        yield from without_documents()
        item, before = waiting.popleft()
        yield item, before, doc
    yield from without_documents()
