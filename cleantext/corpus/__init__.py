"""Evidence from a whole corpus that no single document holds: how many documents
of each site carry each line (`RepeatTable`), counted by `count_lines` and used by
the DropRepeatedLines cleaner."""

from cleantext.corpus.groups import GROUP_BY_NONE, GROUP_BY_URL, group_of, site_of
from cleantext.corpus.keys import countable_lines, line_hash, line_key
from cleantext.corpus.table import DEFAULT_CAPACITY, GroupCounts, RepeatTable

__all__ = [
    "DEFAULT_CAPACITY",
    "GROUP_BY_NONE",
    "GROUP_BY_URL",
    "GroupCounts",
    "RepeatTable",
    "countable_lines",
    "group_of",
    "line_hash",
    "line_key",
    "site_of",
]
