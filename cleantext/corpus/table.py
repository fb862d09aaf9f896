"""`RepeatTable`: in how many documents of each group each line occurs, as hashes,
in bounded memory, mergeable across shards.

Each document adds every distinct countable line once, under a 64-bit hash of
its group and its line key (`keys.line_key`), so a count is a number of
documents. Counts are kept exactly until the table holds `2 * capacity` entries;
then a Misra-Gries step (the "frequent items" summary, which is mergeable)
subtracts the `(capacity + 1)`-th largest count from every count and forgets the
entries that reach zero. Any count is then short by at most `discount`, the sum
of what was subtracted, and that is at most the number of lines added divided by
`capacity + 1`: a line that is frequent enough is never forgotten, and a table
never says a line is more common than it is. Memory is 20 bytes per entry (at
most `2 * capacity` entries: 80 MB at the default, about twice that while a
buffer of new lines is merged in) plus a few bytes per group, whatever the number
of documents (`benchmarks/speed/repeats_cost.py`: a peak resident size of 235 MB for a
million pages over 1,000 sites, the same after 800,000 pages as after 1,000,000).

For `show`, the table also keeps the first `EXAMPLE_CHARS` characters of the text
of up to `MAX_EXAMPLES` of its most common lines seen in two or more documents.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np

from cleantext.corpus.keys import countable_lines, line_hash
from cleantext.errors import ConfigError
from cleantext.text.blocks import Block, split_blocks

DEFAULT_CAPACITY = 2_000_000
EXAMPLE_CHARS = 100
MAX_EXAMPLES = 50_000
_FLUSH_ENTRIES = 250_000  # lines buffered in Python lists between array merges
_FORMAT = "cleantext-repeat-table"
_VERSION = 1


def group_line_hash(group: str, key: str) -> int:
    """The hash a line key is counted under in `group`."""
    return line_hash(f"{group}\x00{key}")


def document_lines(document: str | Sequence[Block], group: str) -> dict[int, str]:
    """The distinct countable lines of a document (its text or its blocks) as
    `RepeatTable.add` counts them in `group`: hash -> the first
    `EXAMPLE_CHARS` characters of the first line with that hash."""
    blocks = split_blocks(document) if isinstance(document, str) else document
    lines: dict[int, str] = {}
    for i, key in countable_lines(blocks):
        lines.setdefault(group_line_hash(group, key), blocks[i].text[:EXAMPLE_CHARS])
    return lines


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


@dataclass(frozen=True)
class GroupCounts:
    """One line's entry as `RepeatTable.top` reports it."""

    group: str
    documents: int  # documents of the group holding the line (at least this many)
    group_documents: int
    example: str  # the line's text, cut to EXAMPLE_CHARS ("" when not kept)
    key_hash: int


class RepeatTable:
    """Counts of documents per line per group, built with `add` (or `merge`d
    from tables of other shards), saved with `save` and read with `load`."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        if not isinstance(capacity, int) or capacity < 1:
            raise ConfigError(f"RepeatTable: capacity must be >= 1, got {capacity!r}")
        self.capacity = capacity
        self.discount = 0
        self._names: list[str] = []
        self._ids: dict[str, int] = {}
        self._documents: list[int] = []
        self._keys = np.zeros(0, np.uint64)  # sorted
        self._groups = np.zeros(0, np.uint32)
        self._counts = np.zeros(0, np.int64)
        self._pending: list[int] = []
        self._pending_groups: list[int] = []
        self._pending_text: dict[int, str] = {}
        self._examples: dict[int, str] = {}

    # -- counting

    def add(self, document: str | Sequence[Block], group: str = "") -> None:
        """Count one document (its text, or its blocks) in `group`."""
        gid = self._group_id(group)
        self._documents[gid] += 1
        lines = document_lines(document, group)
        for hashed, example in lines.items():
            self._pending_text.setdefault(hashed, example)
        self._pending.extend(lines)
        self._pending_groups.extend([gid] * len(lines))
        if len(self._pending) >= _FLUSH_ENTRIES:
            self._flush()

    @classmethod
    def from_counts(
        cls,
        documents: Mapping[str, int],
        entries: Iterable[tuple[str, int, int, str]],
        capacity: int = DEFAULT_CAPACITY,
    ) -> RepeatTable:
        """A table from counts made elsewhere (a Spark group-by): documents per
        group, and `(group, line hash, documents, example)` entries, one per
        line and group, hashed as `document_lines` hashes them."""
        table = cls(capacity)
        for group, count in documents.items():
            table._documents[table._group_id(group)] += count
        for chunk in _chunks(entries, _FLUSH_ENTRIES):
            groups, hashes, counts, examples = zip(*chunk, strict=True)
            ids = np.array([table._group_id(group) for group in groups], np.uint32)
            table._combine(np.array(hashes, np.uint64), ids, np.array(counts, np.int64))
            table._examples.update(
                (hashed, example)
                for hashed, count, example in zip(hashes, counts, examples, strict=True)
                if count >= 2 and example
            )
            table._reduce()
        return table

    def merge(self, other: RepeatTable) -> RepeatTable:
        """Add `other`'s counts (a table of another shard) to this table, and
        return it. Tables merge in any order to the same counts while neither
        has forgotten lines."""
        self._flush()
        other._flush()
        ids = np.array([self._group_id(name) for name in other._names], np.uint32)
        for name, documents in zip(other._names, other._documents, strict=True):
            self._documents[self._ids[name]] += documents
        self.discount += other.discount
        self._combine(
            other._keys,
            ids[other._groups] if len(ids) else other._groups,
            other._counts,
        )
        for hashed, text in other._examples.items():
            if hashed not in self._examples or text < self._examples[hashed]:
                self._examples[hashed] = text
        self._reduce()
        return self

    # -- reading

    @property
    def groups(self) -> dict[str, int]:
        """Each group's name and its number of documents."""
        return dict(zip(self._names, self._documents, strict=True))

    @property
    def entries(self) -> int:
        """How many (group, line) counts the table holds."""
        self._flush()
        return len(self._keys)

    @property
    def exact(self) -> bool:
        """Whether every count is exact (no line was ever forgotten)."""
        return self.discount == 0

    def documents(self, group: str) -> int:
        """How many documents of `group` were counted."""
        gid = self._ids.get(group)
        return 0 if gid is None else self._documents[gid]

    def counts(self, group: str, keys: Iterable[str]) -> np.ndarray:
        """For each line key, the documents of `group` it was counted in."""
        self._flush()
        wanted = np.array([group_line_hash(group, key) for key in keys], np.uint64)
        if not len(self._keys) or not len(wanted):
            return np.zeros(len(wanted), np.int64)
        slot = np.minimum(np.searchsorted(self._keys, wanted), len(self._keys) - 1)
        return np.where(self._keys[slot] == wanted, self._counts[slot], 0)

    def top(self, n: int = 50, group: str | None = None) -> list[GroupCounts]:
        """The `n` lines in the most documents (of `group`, or of any group),
        most common first; ties in hash order, so the list is deterministic."""
        self._flush()
        chosen = np.arange(len(self._keys))
        if group is not None:
            gid = self._ids.get(group)
            chosen = chosen[self._groups == gid] if gid is not None else chosen[:0]
        order = chosen[np.lexsort((self._keys[chosen], -self._counts[chosen]))][:n]
        return [
            GroupCounts(
                self._names[self._groups[i]],
                int(self._counts[i]),
                self._documents[self._groups[i]],
                self._examples.get(int(self._keys[i]), ""),
                int(self._keys[i]),
            )
            for i in order
        ]

    # -- files

    def save(self, handle: BinaryIO) -> None:
        """Write the table (NumPy's .npz, no pickles); the same table gives the
        same bytes."""
        self._flush()
        examples = sorted(self._examples.items())
        np.savez_compressed(
            handle,
            format=np.array(_FORMAT),
            version=np.array(_VERSION),
            capacity=np.array(self.capacity),
            discount=np.array(self.discount),
            names=np.array(self._names, dtype=str),
            documents=np.array(self._documents, np.int64),
            keys=self._keys,
            groups=self._groups,
            counts=self._counts,
            example_keys=np.array([k for k, _ in examples], np.uint64),
            example_texts=np.array([t for _, t in examples], dtype=str),
        )

    @classmethod
    def load(cls, source: str | Path | BinaryIO) -> RepeatTable:
        """Read a table written by `save`; a `ConfigError` names what is wrong."""
        where = source if isinstance(source, (str, Path)) else "the repeat table"
        try:
            with np.load(source, allow_pickle=False) as data:
                if str(data["format"]) != _FORMAT or int(data["version"]) != _VERSION:
                    raise ConfigError(f"{where}: not a cleantext repeat table (v1)")
                table = cls(int(data["capacity"]))
                table.discount = int(data["discount"])
                table._names = [str(name) for name in data["names"]]
                table._ids = {name: i for i, name in enumerate(table._names)}
                table._documents = [int(d) for d in data["documents"]]
                table._keys = data["keys"].astype(np.uint64)
                table._groups = data["groups"].astype(np.uint32)
                table._counts = data["counts"].astype(np.int64)
                table._examples = dict(
                    zip(
                        map(int, data["example_keys"]),
                        map(str, data["example_texts"]),
                        strict=True,
                    )
                )
        except (OSError, ValueError, KeyError) as exc:
            raise ConfigError(f"{where}: cannot read the repeat table: {exc}") from None
        return table

    def to_bytes(self) -> bytes:
        """The table as `save` writes it (for shipping it to workers)."""
        buffer = io.BytesIO()
        self.save(buffer)
        return buffer.getvalue()

    # -- internals

    def _group_id(self, group: str) -> int:
        gid = self._ids.get(group)
        if gid is None:
            gid = self._ids[group] = len(self._names)
            self._names.append(group)
            self._documents.append(0)
        return gid

    def _flush(self) -> None:
        """Merge the buffered lines into the arrays, keep examples of the lines now
        in two or more documents, and forget the rarest if the table is full."""
        if not self._pending:
            return
        keys = np.array(self._pending, np.uint64)
        groups = np.array(self._pending_groups, np.uint32)
        texts = self._pending_text
        self._pending, self._pending_groups, self._pending_text = [], [], {}
        self._combine(keys, groups, np.ones(len(keys), np.int64))
        slots = np.searchsorted(self._keys, keys)
        for hashed, slot in zip(keys.tolist(), slots.tolist(), strict=True):
            if self._counts[slot] >= 2 and hashed not in self._examples:
                self._examples[hashed] = texts[hashed]
        self._reduce()

    def _combine(
        self, keys: np.ndarray, groups: np.ndarray, counts: np.ndarray
    ) -> None:
        """Add `counts` under `keys` (any order, repeats summed) to the sorted
        arrays: counts of keys already there grow in place, new keys are inserted
        in order, so memory at a flush is about twice the table, not more."""
        if not len(keys):
            return
        order = np.argsort(keys, kind="stable")
        keys, groups, counts = keys[order], groups[order], counts[order]
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
        keys, groups = keys[starts], groups[starts]
        counts = np.add.reduceat(counts, starts)
        slots = np.searchsorted(self._keys, keys)
        there = np.zeros(len(keys), bool)
        inside = slots < len(self._keys)
        there[inside] = self._keys[slots[inside]] == keys[inside]
        self._counts[slots[there]] += counts[there]  # each slot once: keys unique
        new = ~there
        self._keys = np.insert(self._keys, slots[new], keys[new])
        self._groups = np.insert(self._groups, slots[new], groups[new])
        self._counts = np.insert(self._counts, slots[new], counts[new])

    def _reduce(self) -> None:
        """The Misra-Gries step, when the table holds over `2 * capacity` entries;
        then keep the examples of the `MAX_EXAMPLES` most common lines."""
        if len(self._keys) > 2 * self.capacity:
            cut = int(
                np.partition(self._counts, -(self.capacity + 1))[-(self.capacity + 1)]
            )
            keep = self._counts > cut
            self._keys = self._keys[keep]
            self._groups = self._groups[keep]
            self._counts = self._counts[keep] - cut
            self.discount += cut
            kept = set(self._keys.tolist())
            self._examples = {k: t for k, t in self._examples.items() if k in kept}
        if len(self._examples) > 2 * MAX_EXAMPLES:
            hashes = list(self._examples)
            slots = np.searchsorted(self._keys, np.array(hashes, np.uint64))
            order = np.argsort(-self._counts[slots], kind="stable")[:MAX_EXAMPLES]
            self._examples = {hashes[i]: self._examples[hashes[i]] for i in order}
