"""`cleantext.spark`, kept for existing imports: see `cleantext.engines.spark`."""

from cleantext.engines.spark import clean_column, count_repeats, signals_schema

__all__ = ["clean_column", "count_repeats", "signals_schema"]
