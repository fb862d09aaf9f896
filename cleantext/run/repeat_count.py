"""The corpus pass behind `cleantext repeats count` and `clean --repeats auto`:
read every document of the inputs once, in constant memory, and count its lines
in a `RepeatTable` under its group.

A document's group comes from its record's fields (JSONL fields; a web archive
record's url, date and id; an HTML page's metadata): the site of its `url`, a
field the user names, or the whole input. Documents without the field are not
counted, and the warning says how many.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cleantext.corpus import GROUP_BY_NONE, GROUP_BY_URL, RepeatTable, group_of
from cleantext.errors import InputError
from cleantext.io.readers import ReadOptions, open_reader
from cleantext.io.sources import Source
from cleantext.run.progress import Progress


@dataclass
class RepeatCounter:
    """Count the lines of every document of some sources, by group."""

    table: RepeatTable
    field: str = "text"
    group_by: str = GROUP_BY_URL
    encoding_errors: str = "strict"
    on_error: Callable[[InputError], None] = lambda error: None
    on_warning: Callable[[str], None] = lambda message: None
    progress: Progress | None = None
    documents: int = 0  # documents counted
    ungrouped: int = 0  # documents read but not counted: they have no group

    def count(self, sources: list[Source]) -> RepeatTable:
        """Count every source in order; a source's problem is reported and the
        others go on. Documents without a group are counted in one warning."""
        columns = () if self.group_by == GROUP_BY_NONE else (self.group_by,)
        options = ReadOptions(self.field, self.encoding_errors, columns)
        for source in sources:
            try:
                for entry in open_reader(source, options).entries():
                    if entry.error is not None:
                        self.on_error(entry.error)
                    elif entry.text is not None:
                        self._add(
                            entry.text, {**entry.metadata, **(entry.fields or {})}
                        )
            except InputError as exc:
                self.on_error(exc)
        if self.ungrouped:
            self.on_warning(
                f"{self.ungrouped:,} of {self.ungrouped + self.documents:,} "
                f"document(s) have no {self.group_by!r} and were not counted "
                f"(--group-by names the field, or {GROUP_BY_NONE!r} counts the "
                "whole input as one group)"
            )
        return self.table

    def _add(self, text: str, fields: Mapping[str, Any]) -> None:
        if self.progress is not None:
            self.progress.add(len(text.encode("utf-8", "surrogatepass")))
        group = group_of(fields, self.group_by)
        if group is None:
            self.ungrouped += 1
        else:
            self.table.add(text, group)
            self.documents += 1
