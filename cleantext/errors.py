"""The errors cleantext raises on purpose: a configuration it cannot use, an input
it cannot read, a worker process that died. Each names what is wrong and where,
in one line."""

from __future__ import annotations


class ConfigError(ValueError):
    """A pipeline configuration names an unknown cleaner or gives it a bad option."""


class InputError(Exception):
    """An input, or one line of it, that cannot be processed; says where and why."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.message = message
        self.where = source if line is None else f"{source}:{line}"
        super().__init__(f"{self.where}: {message}")


class WorkerDied(RuntimeError):
    """A worker process ended before returning its documents (killed, or out of
    memory); says which documents it held."""
