"""Built-in cleaners, one module per family. Importing this package registers them."""

from cleantext.cleaners.boilerplate import DropBoilerplate
from cleantext.cleaners.casing import FixCasing
from cleantext.cleaners.duplicates import DropDuplicates
from cleantext.cleaners.layout import NormalizeLayout
from cleantext.cleaners.links import FlattenLinks
from cleantext.cleaners.site_repeats import DropRepeatedLines
from cleantext.cleaners.spacing import FixSpacing
from cleantext.cleaners.tables import NormalizeTables
from cleantext.cleaners.typos import FixTypos
from cleantext.cleaners.unicode import FixUnicode
from cleantext.cleaners.whitespace import NormalizeWhitespace

__all__ = [
    "DropBoilerplate",
    "DropDuplicates",
    "DropRepeatedLines",
    "FixCasing",
    "FixSpacing",
    "FixTypos",
    "FixUnicode",
    "FlattenLinks",
    "NormalizeLayout",
    "NormalizeTables",
    "NormalizeWhitespace",
]
