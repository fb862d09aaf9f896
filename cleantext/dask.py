"""`cleantext.dask`, kept for existing imports: see `cleantext.engines.dask`."""

from cleantext.engines.dask import clean_bag, clean_column

__all__ = ["clean_bag", "clean_column"]
