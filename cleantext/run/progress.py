"""A progress line for long runs on stderr, and a one-line summary when they end.

When the size of the input is known (files, not stdin), the line counts input
bytes against that total, so it shows a percentage and the time left; otherwise it
counts documents. Either way the postfix shows the other measure.
"""

from __future__ import annotations

import time
from typing import TextIO

from tqdm import tqdm

_REFRESH_SECONDS = 0.5


class Progress:
    """Counts cleaned documents and their input bytes; draws nothing when disabled."""

    def __init__(
        self, stream: TextIO, enabled: bool, total_bytes: int | None = None
    ) -> None:
        self.documents = 0
        self.bytes = 0
        self._by_bytes = total_bytes is not None
        self._started = time.perf_counter()
        self._shown_at = 0.0
        self._bar = tqdm(
            total=total_bytes,
            unit="B" if self._by_bytes else " docs",
            unit_scale=self._by_bytes,
            unit_divisor=1000,
            file=stream,
            disable=not enabled,
            leave=False,
            dynamic_ncols=True,
            mininterval=_REFRESH_SECONDS,
        )

    def add(self, size: int, documents: int = 1) -> None:
        """Count `documents` (0 for input that made none, such as a skipped JSONL
        line) read from `size` bytes of input."""
        if self._bar.disable:
            return
        self.documents += documents
        self.bytes += size
        now = time.perf_counter()
        if now - self._shown_at >= _REFRESH_SECONDS:
            self._shown_at = now
            seconds = max(now - self._started, 1e-9)
            if self._by_bytes:
                postfix = (
                    f"{self.documents} docs, {self.documents / seconds:.0f} docs/s"
                )
            else:
                postfix = f"{self.bytes / 1e6 / seconds:.2f} MB/s"
            self._bar.set_postfix_str(postfix, refresh=False)
        self._bar.update(size if self._by_bytes else documents)

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
