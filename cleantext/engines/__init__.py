"""Cleaning where the data already lives: Spark and Dask columns, with the pipeline
shipped once per worker process (`frames`)."""
