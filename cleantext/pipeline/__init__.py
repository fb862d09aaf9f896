"""Run cleaners over a document: `Pipeline`, its statistics, its budget, cleaners
by name for TOML configs, and the recommended recipes."""

from cleantext.pipeline.budget import DEFAULT_MAX_CHARS
from cleantext.pipeline.core import Pipeline
from cleantext.pipeline.recipes import default_pipeline, with_repeated_lines
from cleantext.pipeline.registry import (
    build_cleaner,
    cleaner_class,
    registered_cleaners,
)
from cleantext.pipeline.stats import CleanerStats, stats_table

__all__ = [
    "DEFAULT_MAX_CHARS",
    "CleanerStats",
    "Pipeline",
    "build_cleaner",
    "cleaner_class",
    "default_pipeline",
    "registered_cleaners",
    "stats_table",
    "with_repeated_lines",
]
