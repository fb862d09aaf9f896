"""The main text of an HTML page, and its metadata, extracted with trafilatura."""

from __future__ import annotations

from cleantext.errors import InputError

_HTML_METADATA_FIELDS = (
    "title",
    "author",
    "date",
    "sitename",
    "url",
    "hostname",
    "description",
    "language",
)


def extract_html(html: str, where: str) -> tuple[str, dict[str, str]]:
    """The main text of an HTML page (as Markdown) and its metadata, via trafilatura."""
    import trafilatura  # heavy: imported only when HTML is actually read
    from trafilatura.metadata import extract_metadata

    text = trafilatura.extract(
        html,
        output_format="markdown",
        include_comments=False,
        include_tables=True,
        with_metadata=False,
    )
    if not text:
        raise InputError(where, "no main text found in the HTML page")
    metadata = {}
    found = extract_metadata(html)
    if found is not None:
        for name in _HTML_METADATA_FIELDS:
            value = getattr(found, name, None)
            if isinstance(value, str) and value:
                metadata[name] = value
    return text, metadata
