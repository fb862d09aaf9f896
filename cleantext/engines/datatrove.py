"""datatrove: cleantext's cleaning and quality filters as pipeline steps.

>>> from datatrove.executor import LocalPipelineExecutor           # doctest: +SKIP
>>> from datatrove.pipeline.readers import JsonlReader
>>> from datatrove.pipeline.writers import JsonlWriter
>>> from cleantext.engines.datatrove import CleantextCleaner, CleantextFilter
>>> LocalPipelineExecutor(pipeline=[
...     JsonlReader("raw/"),
...     CleantextCleaner(),                # text replaced, edits counted in stats
...     CleantextFilter(["gopher-quality"], exclusion_writer=JsonlWriter("out/")),
...     JsonlWriter("clean/"),
... ], tasks=4).run()

The pipeline is pickled once with the step and rebuilt once per worker process
(`frames.ShippedPipeline`). Needs datatrove (the `parity` extra installs it).
"""

from __future__ import annotations

from collections.abc import Iterable

from datatrove.data import Document as DatatroveDocument
from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.filters.base_filter import BaseFilter
from datatrove.pipeline.writers.disk_base import DiskWriter

from cleantext.document import Document
from cleantext.engines.frames import ShippedPipeline
from cleantext.pipeline import Pipeline
from cleantext.quality import QualityFilter, failing_reasons, score

__all__ = ["CleantextCleaner", "CleantextFilter"]

CARRIED = "cleantext"  # the metadata key where the cleaner step leaves its findings


class CleantextCleaner(PipelineStep):
    """Clean each document's text with `pipeline` (default `default_pipeline()`).

    datatrove's stats count documents changed and unchanged, characters removed,
    and edits per cleaner and rule (`edits_FixTypos`, `edits_FixTypos/typo`);
    a document a cleaner skipped (over the pipeline's budget) passes unchanged
    and is counted as `skipped`. What the cleaning learned (the metadata it took
    out of the text, the junk it removed, its edits by rule) goes to
    `metadata["cleantext"]`, where `CleantextFilter` reads it.
    """

    name = "🧹 cleantext"
    type = "✂️ - FORMAT"

    def __init__(self, pipeline: Pipeline | None = None) -> None:
        super().__init__()
        self.shipped = ShippedPipeline.of(pipeline)

    def run(
        self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1
    ) -> DocumentsPipeline:
        pipeline = self.shipped.pipeline()
        for document in data or ():
            with self.track_time():
                cleaned = pipeline.run(Document(document.text, id=str(document.id)))
            self._count(document.text, cleaned)
            document.text = cleaned.text
            document.metadata[CARRIED] = {
                "metadata": cleaned.metadata,
                "signals": cleaned.signals,
                "rule_counts": cleaned.rule_counts,
            }
            self.update_doc_stats(document)
            yield document

    def _count(self, before: str, cleaned: Document) -> None:
        self.stat_update("total")
        if cleaned.skipped:
            self.stat_update("skipped")
        self.stat_update("changed" if cleaned.text != before else "unchanged")
        self.stat_update(
            "chars_removed", value=len(before) - len(cleaned.text), unit="doc"
        )
        for cleaner, rules in sorted(cleaned.rule_counts.items()):
            self.stat_update(f"edits_{cleaner}", value=sum(rules.values()))
            for rule, count in sorted(rules.items()):
                self.stat_update(f"edits_{cleaner}/{rule}", value=count)


class CleantextFilter(BaseFilter):
    """Drop documents that fail any of cleantext's quality `presets` (default
    `gopher-quality`). A dropped document carries every failing preset's reasons
    in `metadata["cleantext_reasons"]` (the CLI's `--rejected` says the same) and,
    as datatrove's filters do, its first reason in `filter_reason`
    ("gopher-quality/gopher_short_doc") for the exclusion writer and the stats.
    After a `CleantextCleaner` step the signals include what the cleaning did
    (junk removed, typo and spacing rates), so every preset decides as it does
    in the CLI and the other engines; without one they come from the text
    alone, and those read zero."""

    name = "🧹 cleantext quality"

    def __init__(
        self,
        presets: Iterable[str] = ("gopher-quality",),
        exclusion_writer: DiskWriter | None = None,
    ) -> None:
        super().__init__(exclusion_writer)
        self.filters = [QualityFilter.preset(name) for name in presets]
        if not self.filters:
            raise ValueError("CleantextFilter needs at least one preset")

    def filter(self, doc: DatatroveDocument) -> bool | tuple[bool, str]:
        _, decisions = score(_cleaned(doc), self.filters)
        failed = failing_reasons(decisions)
        if not failed:
            return True
        doc.metadata["cleantext_reasons"] = failed
        return False, failed[0]


def _cleaned(doc: DatatroveDocument) -> Document:
    """The cleantext document `CleantextCleaner` made, as far as the quality
    signals read it: the text, and what the cleaning left in the metadata."""
    carried = doc.metadata.get(CARRIED) or {}
    return Document(
        doc.text,
        id=str(doc.id),
        metadata=dict(carried.get("metadata", {})),
        signals=dict(carried.get("signals", {})),
        rule_counts=carried.get("rule_counts", {}),
    )
