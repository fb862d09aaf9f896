"""A progress line for long runs: documents, docs/s and MB/s of input, on stderr,
and a one-line summary when the run ends."""

from __future__ import annotations

import time
from typing import TextIO

from tqdm import tqdm

_REFRESH_SECONDS = 0.5


class Progress:
    """Counts cleaned documents and their input bytes; draws nothing when disabled.

    tqdm shows the count and docs/s; the MB/s of input text is its postfix, refreshed
    at most twice a second so drawing never costs more than the cleaning.
    """

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.documents = 0
        self.bytes = 0
        self._started = time.perf_counter()
        self._shown_at = 0.0
        self._bar = tqdm(
            unit=" docs",
            file=stream,
            disable=not enabled,
            leave=False,
            dynamic_ncols=True,
            mininterval=_REFRESH_SECONDS,
        )

    def add(self, text: str) -> None:
        """Count one document whose input was `text` (nothing to do when the
        line is not shown)."""
        if self._bar.disable:
            return
        self.documents += 1
        self.bytes += len(text.encode("utf-8", "surrogatepass"))
        now = time.perf_counter()
        if now - self._shown_at >= _REFRESH_SECONDS:
            self._shown_at = now
            seconds = max(now - self._started, 1e-9)
            self._bar.set_postfix_str(
                f"{self.bytes / 1e6 / seconds:.2f} MB/s", refresh=False
            )
        self._bar.update(1)

    def close(self) -> None:
        """Clear the bar and, when it was shown, leave one summary line."""
        shown = not self._bar.disable
        self._bar.close()
        if shown:
            seconds = max(time.perf_counter() - self._started, 1e-9)
            self._bar.fp.write(
                f"cleantext: {self.documents} docs, {self.bytes / 1e6:.2f} MB in "
                f"{seconds:.1f} s ({self.documents / seconds:.0f} docs/s, "
                f"{self.bytes / 1e6 / seconds:.2f} MB/s)\n"
            )
