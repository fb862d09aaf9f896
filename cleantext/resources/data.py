"""The data files cleantext ships in `cleantext/rules/`: rule files, word lists and
tables, read from the installed package (nothing is downloaded)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from cleantext.resources.tomlio import loads_toml

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


def data_file(name: str) -> Traversable:
    """The packaged file `cleantext/rules/<name>`."""
    return resources.files("cleantext").joinpath("rules").joinpath(name)


@cache
def word_list(filename: str) -> frozenset[str]:
    """A packaged list of words, one per line; '#' starts a comment line."""
    text = data_file(filename).read_text("utf-8")
    return frozenset(
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


def builtin_data(stem: str) -> dict:
    """The parsed packaged file `cleantext/rules/<stem>.toml`."""
    return loads_toml(data_file(f"{stem}.toml").read_text("utf-8"))


def shared_lists() -> dict[str, list[str]]:
    """The word lists every rule file may use (`rules/abbreviations.toml`)."""
    return builtin_data("abbreviations")["lists"]
