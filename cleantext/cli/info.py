"""`cleantext pipeline [FILE]` and `cleantext cleaners`: what a pipeline can be
made of, as TOML and as a list of cleaners with their options."""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path

from cleantext.cli.common import EXIT_OK, load_pipeline
from cleantext.pipeline import registered_cleaners


def add_parser(commands: argparse._SubParsersAction) -> None:
    """The `pipeline and cleaners` command and its options."""
    pipeline = commands.add_parser(
        "pipeline",
        help="print a pipeline as TOML (the default one, or a checked FILE)",
        description="Print the default pipeline as TOML, a starting point for "
        "your own (`cleantext pipeline > my.toml`, then `clean --pipeline "
        "my.toml`); with FILE, check it and print it as cleantext reads it.",
    )
    pipeline.add_argument(
        "file",
        nargs="?",
        type=Path,
        metavar="FILE.toml",
        help="a pipeline configuration to check (default: the built-in pipeline)",
    )
    pipeline.set_defaults(handler=run_pipeline)

    cleaners = commands.add_parser(
        "cleaners",
        help="list the cleaners a pipeline can name",
        description="List every cleaner a pipeline file can name: what it does "
        "and its options with their defaults, as TOML values.",
    )
    cleaners.set_defaults(handler=run_cleaners)


def run_pipeline(args: argparse.Namespace) -> int:
    print(load_pipeline(args.file).to_toml(), end="")
    return EXIT_OK


def run_cleaners(args: argparse.Namespace) -> int:
    for name, cls in registered_cleaners().items():
        print(f"{name}: {_summary(cls)}")
        for option, value in _default_options(cls).items():
            print(f"    {option} = {json.dumps(value)}")
    return EXIT_OK


def _summary(cls: type) -> str:
    """The first paragraph of a cleaner's docstring, as one line."""
    paragraph = (cls.__doc__ or "").strip().split("\n\n")[0]
    return " ".join(paragraph.split())


def _default_options(cls: type) -> dict:
    """A cleaner's options with their defaults ("required" where there is none)."""
    if not dataclasses.is_dataclass(cls):
        return {}
    return {
        f.name: f.default if f.default is not dataclasses.MISSING else "required"
        for f in dataclasses.fields(cls)
        if f.init
    }
