"""Which group a document's lines are counted in: its site (the registrable
domain of its URL, from the Public Suffix List's ICANN section, so that
news.example.co.uk and www.example.co.uk are example.co.uk, and the blogs of one
host, which share its template, are one site), the value of a field the user
names, or the whole input."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any
from urllib.parse import urlsplit

GROUP_BY_URL = "url"
GROUP_BY_NONE = "none"
WHOLE_INPUT = ""  # the one group of `group_by="none"`


@cache
def _suffixes():
    from publicsuffixlist import PublicSuffixList  # the list ships in the package

    return PublicSuffixList(only_icann=True)


def site_of(url: str) -> str | None:
    """The registrable domain of `url` ("bbc.co.uk" for
    "https://www.bbc.co.uk/news/1"); the host itself for an IP address or a
    host under no known suffix; None when `url` has no host."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:  # a malformed address, such as an unclosed IPv6 bracket
        return None
    if not host:
        return None
    host = host.rstrip(".")
    if host.replace(".", "").isdigit() or ":" in host:
        return host
    return _suffixes().privatesuffix(host) or host


def group_of(fields: Mapping[str, Any], group_by: str) -> str | None:
    """The group of a document with these fields (a record, or a document's
    metadata): the site of its `url` for `group_by="url"`, the value of the
    field `group_by` otherwise, or the whole input for "none". None when the
    document has no such field: it is neither counted nor cleaned."""
    if group_by == GROUP_BY_NONE:
        return WHOLE_INPUT
    value = fields.get(group_by)
    if value is None or value == "":
        return None
    if group_by == GROUP_BY_URL:
        return site_of(str(value))
    return str(value)
