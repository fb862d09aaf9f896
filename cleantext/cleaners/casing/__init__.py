"""FixCasing and what it decides with: where sentences and lines start
(`sentences`), the proper-noun vote (`names`), the cleaner (`cleaner`)."""

from cleantext.cleaners.casing.cleaner import FixCasing

__all__ = ["FixCasing"]
