"""What becomes of each cleaned document besides its text: shown for review,
judged by the quality filters, reported, and counted in the progress."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from cleantext.document import Document
from cleantext.run.judge import Judge, Place, Report
from cleantext.run.progress import Progress
from cleantext.run.resume import Completions
from cleantext.run.review import Review

if TYPE_CHECKING:
    from cleantext.io.sources import Source
    from cleantext.run.batch import BatchOptions


@dataclass
class Outcomes:
    """Settles each cleaned document: says when it was passed through, shows
    it (`review`), judges it (`judge`), reports it (`report`) and counts it."""

    review: Review
    judge: Judge
    report: Report | None
    progress: Progress
    on_warning: Callable[[str], None]

    @classmethod
    def of(
        cls,
        options: BatchOptions,
        stdout: BinaryIO,
        progress: Progress,
        on_warning: Callable[[str], None],
        report: BinaryIO | None = None,
        rejected: BinaryIO | None = None,
        scores: BinaryIO | None = None,
    ) -> Outcomes:
        """Outcomes as the batch options ask: review on `stdout`, judgement by
        their filters, report, rejected and scores files when given."""
        review = Review(
            stdout,
            diff=options.show_diff,
            edits=options.show_edits,
            colour=options.colour,
        )
        return cls(
            review,
            Judge(options.filters, scores, rejected),
            Report(report) if report is not None else None,
            progress,
            on_warning,
        )

    @property
    def whole_records(self) -> bool:
        """Whether documents are written out with their whole input record (to a
        report or a rejected file)."""
        return self.report is not None or self.judge.rejected is not None

    def settle(self, doc: Document, before: str, place: Place, size: int) -> bool:
        """Settle one document, read from `size` bytes of input as `before`;
        False when a filter drops it (it is then in the rejected file)."""
        label = place.source if place.line is None else f"{place.source}:{place.line}"
        if doc.skipped:
            self.on_warning(f"{label}: {doc.skipped}; passed through unchanged")
        self.review.show(label, before, doc)
        reasons = self.judge.judge(doc, place)
        if self.report is not None:
            self.report.add(doc, place, len(before), reasons)
        self.progress.add(size)
        return not self.judge.drops(doc, place, reasons)

    def _side_streams(self) -> dict[str, BinaryIO | None]:
        report = self.report.stream if self.report is not None else None
        return {"rejected": self.judge.rejected, "report": report}

    def _use(self, streams: dict[str, BinaryIO | None]) -> None:
        self.judge.rejected = streams["rejected"]
        if self.report is not None:
            self.report.stream = streams["report"]

    @contextlib.contextmanager
    def completing(
        self, source: Source, completions: Completions | None
    ) -> Iterator[None]:
        """Around the cleaning of `source`: its side outputs also kept beside
        its completion marker, written at the end (`resume.Completions`)."""
        if completions is None or source.path is None:
            yield
            return
        saved = self._side_streams()
        with completions.completing(source, saved) as teed:
            self._use(teed)
            try:
                yield
            finally:
                self._use(saved)

    def replay(self, source: Source, completions: Completions) -> None:
        """Write again what a `source` completed in an earlier run gave to the
        side outputs, and count the documents it dropped, as if cleaned now."""
        for kind, stream in self._side_streams().items():
            if stream is None:
                continue
            for line in completions.saved_lines(source, kind):
                stream.write(line)
                if kind == "rejected":
                    self.judge.count_drop(json.loads(line)["reasons"])
