"""Pipeline: cleaners in order over a document, with statistics, a budget per
document, and TOML configs. It names no cleaner (the recipes do) and starts no
process (`cleantext.run.pool` runs a pipeline in workers)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, overload

from cleantext.cleaners.base import Cleaner
from cleantext.document import Document
from cleantext.errors import ConfigError
from cleantext.pipeline.budget import (
    DEFAULT_MAX_CHARS,
    OverBudget,
    Snapshot,
    checked_limit,
    interrupt_after,
)
from cleantext.pipeline.registry import build_cleaner
from cleantext.pipeline.stats import CleanerStats, flat_rule_counts, stats_table
from cleantext.resources.tomlio import (
    TOMLDecodeError,
    dumps_toml,
    load_toml,
    loads_toml,
)


class Pipeline(Cleaner):
    """Run cleaners in order on a `str` (returns `str`) or a `Document` (returns it).

    With `explain=True` every edit is kept on the document as an `Edit`; without it
    cleaners only count their edits. A pipeline is itself a cleaner, so pipelines nest.

    The budget: a document longer than `max_chars` characters, or (when set) one
    whose cleaning takes more than `max_seconds`, is passed through unchanged, with
    the reason in `Document.skipped`; `passed_through` counts them. `max_seconds` is
    off by default because it makes the output depend on the machine's speed; the
    character limit is deterministic, and with every cleaner linear it bounds the
    time too.
    """

    def __init__(
        self,
        cleaners: Iterable[Callable[[Document], Document]],
        *,
        explain: bool = False,
        max_chars: int | None = DEFAULT_MAX_CHARS,
        max_seconds: float | None = None,
    ) -> None:
        self.cleaners = list(cleaners)
        for cleaner in self.cleaners:
            if not callable(cleaner):
                raise TypeError(f"pipeline steps must be callable, got {cleaner!r}")
        if not isinstance(explain, bool):
            raise ConfigError(
                f"Pipeline: 'explain' must be true or false, got {explain!r}"
            )
        self.explain = explain
        self.max_chars = checked_limit("max_chars", max_chars, int)
        self.max_seconds = checked_limit("max_seconds", max_seconds, float)
        self.stats = [CleanerStats(_name_of(cleaner)) for cleaner in self.cleaners]
        self.passed_through = 0

    @overload
    def __call__(self, item: str) -> str: ...

    @overload
    def __call__(self, item: Document) -> Document: ...

    def __call__(self, item: str | Document) -> str | Document:
        if isinstance(item, str):
            return self.run(Document(item)).text
        if isinstance(item, Document):
            return self.run(item)
        raise TypeError(
            f"Pipeline expects a str or a Document, got {type(item).__name__}"
        )

    def clean(self, text: str) -> str:
        """Clean one string."""
        return self.run(Document(text)).text

    def run(self, doc: Document) -> Document:
        """Run every cleaner on `doc`, updating the statistics; a document over
        the budget comes back as it came, with `skipped` saying why."""
        doc.explain = doc.explain or self.explain
        if self.max_chars is not None and len(doc.text) > self.max_chars:
            return self._pass_through(
                doc,
                f"{len(doc.text):,} characters, over max_chars={self.max_chars:,}",
            )
        if self.max_seconds is None:
            return self._run_cleaners(doc)
        return self._run_timed(doc, self.max_seconds)

    def _run_timed(self, doc: Document, limit: float) -> Document:
        """`_run_cleaners`, undone when it takes more than `limit` seconds: a
        cleaner is interrupted when it runs over (see `budget`), else the time
        is checked after each cleaner."""
        self.prepare()  # loading dictionaries is not the document's time
        saved = Snapshot.of(doc)
        deadline = time.perf_counter() + limit
        try:
            with interrupt_after(limit):
                doc = self._run_cleaners(doc, deadline)
        except OverBudget:
            pass
        if time.perf_counter() <= deadline:
            return doc
        saved.restore(doc)
        return self._pass_through(doc, f"cleaning took over max_seconds={limit:g}")

    def _pass_through(self, doc: Document, reason: str) -> Document:
        doc.skipped = reason
        self.passed_through += 1
        return doc

    def _run_cleaners(self, doc: Document, deadline: float | None = None) -> Document:
        counted = flat_rule_counts(doc.rule_counts)  # before each cleaner in turn
        for cleaner, stats in zip(self.cleaners, self.stats, strict=True):
            if deadline is not None and time.perf_counter() > deadline:
                break
            chars_in = len(doc.text)
            started = time.perf_counter()
            result = cleaner(doc)
            stats.seconds += time.perf_counter() - started
            if not isinstance(result, Document):
                raise TypeError(
                    f"cleaner {stats.name} returned {type(result).__name__}, "
                    "not the Document"
                )
            doc = result
            stats.documents += 1
            stats.chars_in += chars_in
            stats.chars_out += len(doc.text)
            now = flat_rule_counts(doc.rule_counts)
            stats.count_rules(counted, now)
            counted = now
        return doc

    def prepare(self) -> None:
        """Prepare every cleaner (load dictionaries before forking workers)."""
        for cleaner in self.cleaners:
            prepare = getattr(cleaner, "prepare", None)
            if callable(prepare):
                prepare()

    def add_stats(self, stats: list[CleanerStats], passed_through: int = 0) -> None:
        """Add statistics gathered elsewhere (by a worker's copy of this pipeline)."""
        for mine, theirs in zip(self.stats, stats, strict=True):
            mine.add(theirs)
        self.passed_through += passed_through

    def reset_stats(self) -> None:
        """Start counting afresh."""
        self.stats = [CleanerStats(stats.name) for stats in self.stats]
        self.passed_through = 0

    def stats_table(self) -> str:
        """The statistics as an aligned plain-text table."""
        return stats_table(self.stats, self.passed_through)

    def stats_json(self) -> dict[str, Any]:
        """The statistics as JSON: per cleaner, its counts and edits by rule."""
        return {
            "cleaners": [stats.to_json() for stats in self.stats],
            "passed_through": self.passed_through,
        }

    # --- configuration -------------------------------------------------------------

    def options(self) -> dict[str, Any]:
        configs = []
        for cleaner in self.cleaners:
            if not isinstance(cleaner, Cleaner):
                raise ConfigError(
                    f"{_name_of(cleaner)} is not a cleantext.Cleaner and cannot be "
                    "written to a config"
                )
            configs.append(cleaner.to_config())
        budget = {"max_chars": self.max_chars, "max_seconds": self.max_seconds}
        return {
            **{key: value for key, value in budget.items() if value is not None},
            "cleaners": configs,
        }

    @classmethod
    def from_config(cls, options: dict[str, Any]) -> Pipeline:
        unknown = sorted(set(options) - {"cleaners", *_PIPELINE_KEYS})
        if unknown:
            raise ConfigError(
                f"Pipeline: unknown key(s) {', '.join(unknown)}; expected 'cleaners' "
                f"(and optionally {', '.join(map(repr, _PIPELINE_KEYS))})"
            )
        tables = options.get("cleaners")
        if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
            raise ConfigError(
                "Pipeline: 'cleaners' must be an array of tables ([[cleaners]])"
            )
        cleaners = []
        for number, table in enumerate(tables, start=1):
            try:
                cleaners.append(build_cleaner(table))
            except ConfigError as exc:
                raise ConfigError(f"cleaner #{number}: {exc}") from exc
        settings = {key: options[key] for key in _PIPELINE_KEYS if key in options}
        return cls(cleaners, **settings)

    @classmethod
    def from_toml(cls, path: str | Path) -> Pipeline:
        """Build a pipeline from a TOML file of `[[cleaners]]` tables."""
        try:
            data = load_toml(path)
        except (OSError, TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read pipeline: {exc}") from exc
        try:
            return cls.from_config(data)
        except ConfigError as exc:
            raise ConfigError(f"{path}: {exc}") from exc

    @classmethod
    def from_toml_string(cls, text: str) -> Pipeline:
        """Build a pipeline from TOML text."""
        try:
            return cls.from_config(loads_toml(text))
        except TOMLDecodeError as exc:
            raise ConfigError(f"invalid pipeline TOML: {exc}") from exc

    def to_toml(self) -> str:
        """The TOML text that `from_toml_string` turns back into this pipeline."""
        return dumps_toml(self.options())

    def __repr__(self) -> str:
        return f"Pipeline({self.cleaners!r}, explain={self.explain})"


_PIPELINE_KEYS = ("explain", "max_chars", "max_seconds")


def _name_of(cleaner: Callable[[Document], Document]) -> str:
    return getattr(cleaner, "name", None) or getattr(
        cleaner, "__name__", type(cleaner).__name__
    )
