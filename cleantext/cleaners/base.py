"""The `Cleaner` base class and the registry configs name cleaners by.

A cleaner is a dataclass whose fields are its options, with `__call__(doc) -> doc`.
Subclasses register themselves under their class name when their module is imported;
a config may also name any cleaner by import path, `"package.module:ClassName"`.
Options are checked against the fields' type hints when a cleaner is built, from
Python as from TOML: `FixTypos(mode="sugest")` is a `ConfigError`, not a cleaner
that silently does nothing.
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

from cleantext.document import Document
from cleantext.options import check_options, to_plain

_REGISTRY: dict[str, type[Cleaner]] = {}


class Cleaner:
    """A named, configurable `Document -> Document` step."""

    name: ClassVar[str] = "Cleaner"
    # The languages (ISO 639 codes) the cleaner acts on; None: every language.
    languages: ClassVar[frozenset[str] | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Register the subclass under its own `name`, by default its class name."""
        super().__init_subclass__(**kwargs)
        if "name" not in cls.__dict__:
            cls.name = cls.__name__
        _REGISTRY[cls.name] = cls

    def __post_init__(self) -> None:
        """Check the options against the fields' type hints, converting where the
        hint says so (a list to a tuple, an integer to a float). A cleaner that
        needs more set-up calls `super().__post_init__()` first."""
        if dataclasses.is_dataclass(self):
            for key, value in check_options(type(self), self.options()).items():
                setattr(self, key, value)

    def __call__(self, doc: Document) -> Document:
        raise NotImplementedError

    def leaves_alone(self, doc: Document) -> bool:
        """Whether `doc` is in a language this cleaner does not act on (an
        undetermined language included). Explaining, the first cleaner to leave
        a document alone for its language says so, once for the document."""
        if self.languages is None:
            return False
        guess = doc.language()
        if guess.language in self.languages:
            return False
        if doc.explain and not any(
            e.action == "note" and e.rule == "language" for e in doc.edits
        ):
            doc.note(
                self.name,
                "language",
                f"{guess.language} ({guess.confidence:.2f}): cleaners for "
                f"{', '.join(sorted(self.languages))} leave it alone",
            )
        return True

    def prepare(self) -> None:
        """Load what this cleaner needs (dictionaries, models) now rather than on
        the first document: called before forking workers so they share it."""

    def options(self) -> dict[str, Any]:
        """The options this cleaner was built with, as TOML-ready values. An
        option left at a default of None is absent: TOML has no null, and absent
        means the default."""
        return {
            f.name: to_plain(getattr(self, f.name))
            for f in dataclasses.fields(self)  # type: ignore[arg-type]
            if f.init and not (getattr(self, f.name) is None and f.default is None)
        }

    @classmethod
    def from_config(cls, options: dict[str, Any]) -> Cleaner:
        """Build from a config table's options, checking names and types first."""
        return cls(**check_options(cls, options))

    def to_config(self) -> dict[str, Any]:
        """`{"name": ..., **options}`: the table that rebuilds this cleaner."""
        return {"name": self.name, **self.options()}


def cleaners_registered_so_far() -> dict[str, type[Cleaner]]:
    """Every cleaner class whose module has been imported, by name (a copy)."""
    return dict(_REGISTRY)
