"""DropBoilerplate and what it decides with: the junk-rule catalogue
(`catalogue`), the features of a line (`features`), the cleaner (`cleaner`)."""

from cleantext.cleaners.boilerplate.cleaner import DropBoilerplate

__all__ = ["DropBoilerplate"]
