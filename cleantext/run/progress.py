"""Progress on stderr for long runs, and a one-line summary when they end.

Three modes: a redrawn bar on a terminal (`BAR`); plain lines for a log file, when
stderr is not a terminal (nohup, Slurm, CI): one every `LOG_EVERY_SECONDS` and the
summary (`LOG`); nothing at all (`OFF`). When the size of the input is known
(files, not stdin), progress counts input bytes against that total, so it shows a
percentage and the time left; otherwise it counts documents.
"""

from __future__ import annotations

import time
from typing import TextIO

from tqdm import tqdm

BAR, LOG, OFF = "bar", "log", "off"
LOG_EVERY_SECONDS = 30.0
_REFRESH_SECONDS = 0.5


class Progress:
    """Counts cleaned documents and their input bytes, and shows them as `mode`
    says."""

    def __init__(
        self,
        stream: TextIO,
        mode: str,
        total_bytes: int | None = None,
        log_every: float = LOG_EVERY_SECONDS,
    ) -> None:
        if mode not in (BAR, LOG, OFF):
            raise ValueError(f"progress mode must be {BAR}, {LOG} or {OFF}: {mode!r}")
        self.documents = 0
        self.bytes = 0
        self._mode = mode
        self._stream = stream
        self._total = total_bytes
        self._log_every = log_every
        self._started = time.perf_counter()
        self._shown_at = 0.0  # the bar's postfix, first set on the first document
        self._logged_at = self._started  # a log line, first after `log_every`
        self._bar = tqdm(
            total=total_bytes,
            unit="B" if total_bytes is not None else " docs",
            unit_scale=total_bytes is not None,
            unit_divisor=1000,
            file=stream,
            disable=mode != BAR,
            leave=False,
            dynamic_ncols=True,
            mininterval=_REFRESH_SECONDS,
        )

    def add(self, size: int, documents: int = 1) -> None:
        """Count `documents` (0 for input that made none, such as a skipped JSONL
        line) read from `size` bytes of input."""
        if self._mode == OFF:
            return
        self.documents += documents
        self.bytes += size
        now = time.perf_counter()
        if self._mode == LOG:
            if now - self._logged_at >= self._log_every:
                self._logged_at = now
                self._stream.write(f"cleantext: {self._status(now)}\n")
                self._stream.flush()
            return
        if now - self._shown_at >= _REFRESH_SECONDS:
            self._shown_at = now
            seconds = max(now - self._started, 1e-9)
            if self._total is not None:
                postfix = (
                    f"{self.documents} docs, {self.documents / seconds:.0f} docs/s"
                )
            else:
                postfix = f"{self.bytes / 1e6 / seconds:.2f} MB/s"
            self._bar.set_postfix_str(postfix, refresh=False)
        self._bar.update(size if self._total is not None else documents)

    def _status(self, now: float) -> str:
        """A log line: documents, megabytes (of the total, with the time left,
        when it is known) and MB/s so far."""
        seconds = max(now - self._started, 1e-9)
        rate = self.bytes / seconds
        done = f"{self.documents} docs, {self.bytes / 1e6:.1f} MB"
        if self._total:
            left = max(self._total - self.bytes, 0) / max(rate, 1e-9)
            done += (
                f" of {self._total / 1e6:.1f} MB ({self.bytes / self._total:.0%}, "
                f"{left / 60:.1f} min left)"
            )
        return f"{done}, {rate / 1e6:.2f} MB/s"

    def close(self) -> None:
        """Clear the bar and, unless progress is off, leave one summary line."""
        self._bar.close()
        if self._mode != OFF:
            seconds = max(time.perf_counter() - self._started, 1e-9)
            self._stream.write(
                f"cleantext: {self.documents} docs, {self.bytes / 1e6:.2f} MB in "
                f"{seconds:.1f} s ({self.documents / seconds:.0f} docs/s, "
                f"{self.bytes / 1e6 / seconds:.2f} MB/s)\n"
            )
            self._stream.flush()
