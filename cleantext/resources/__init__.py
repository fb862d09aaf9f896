"""Data that ships with the package and how it is read: the files in `rules/`
(`data`), TOML in and out (`tomlio`), and snapshots of built data in the user's
cache (`cache`)."""
