"""FlattenLinks: Markdown links become their text, Markdown images go."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from cleantext.cleaners.base import Cleaner
from cleantext.document import Document

# An inline image, `![alt](src "title")`, and an inline link, `[text](href "title")`,
# whose text may hold images (`[![logo](a.svg)](/)`). Scrapers that wrap lines
# (html2text at its defaults) break link texts at a space and addresses after a
# hyphen, so both may go on over single line breaks, never over a blank line. A
# target is one run without spaces or parentheses (but escaped ones, as html2text
# writes `javascript:void\(0\)`), so `[a](b (c))` and reference links (`[a][1]`)
# are left as they are. Every quantifier is possessive: a match never backtracks,
# so the cost stays linear however brackets nest or fail to close.
_ADDRESS = r"(?:[^()\s<>\\-]|\\[^\s]|-\n?+)*+"
_TARGET = rf"\(\s*+<?{_ADDRESS}>?(?:\s++\"(?:[^\"\n]|\n(?!\s*+\n))*+\")?\s*+\)"
_LABEL = r"(?:[^\[\]\n]|\n(?![ \t]*+\n))"
_IMAGE = rf"!\[{_LABEL}*+\]{_TARGET}"
_LINK = rf"\[(?P<text>(?:{_IMAGE}|{_LABEL})*+)\]{_TARGET}"
_MARKUP = regex.compile(rf"(?P<image>[ ]?(?<!\\){_IMAGE})|(?<!\\){_LINK}")
_IMAGE_ONLY = regex.compile(_IMAGE)
_INLINE_CODE = regex.compile(r"`[^`\n]*+`")


@dataclass
class FlattenLinks(Cleaner):
    """Turn Markdown links into their text and remove Markdown images.

    Markdown scrapers (html2text at its defaults, markdownify, most LLM-era
    crawlers) write every link as `[text](https://...)` and every image as
    `![alt](src)`: a reader of the page saw the text, not the address or the
    image's file name. `[text](href)` becomes `text` (`link`), an image goes
    with the space before it (`image`, alt text and all: a reader did not see
    it), and a line left with nothing goes with it. URLs written out in the
    text, reference-style links, inline code, code blocks and tables are never
    touched; text without `](` is left at once.
    """

    def __call__(self, doc: Document) -> Document:
        if "](" not in doc.text:
            return doc
        text = doc.text
        kept = _protected_spans(doc)
        pieces: list[str] = []
        emptied: list[int] = []  # where, in the new text, a line may have emptied
        last = size = 0
        for match in _MARKUP.finditer(text):
            start, end = match.span()
            if any(a < end and start < b for a, b in kept):
                continue
            if match.group("image") is not None:
                rule, after = "image", ""
            else:
                rule, after = "link", _IMAGE_ONLY.sub("", match.group("text"))
            doc.record(self.name, rule, match.group(), after, start)
            pieces += [text[last:start], after]
            size += start - last + len(after)
            emptied.append(size)
            last = end
        if not pieces:
            return doc
        pieces.append(text[last:])
        doc.text = _without_emptied_lines("".join(pieces), emptied, text.endswith("\n"))
        return doc


def _protected_spans(doc: Document) -> list[tuple[int, int]]:
    """Where nothing may change: blocks that are not prose (code, tables), and
    inline code."""
    spans, offset = [], 0
    for block in doc.blocks():
        end = offset + len(block.text)
        if not block.is_prose:
            spans.append((offset, end))
        elif "`" in block.text:
            spans += [(offset + a, offset + b) for a, b in _code_spans(block.text)]
        offset = end + len(block.sep)
    return spans


def _code_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _INLINE_CODE.finditer(text)]


def _without_emptied_lines(text: str, points: list[int], newline_end: bool) -> str:
    """`text` without the lines that hold one of `points` (where markup was taken
    out) and nothing but spaces now, each with its line break; where such a line
    stood between two blank lines, one blank line goes with it; the text still
    ends with a line break when `newline_end`, and without one otherwise."""
    cuts: list[tuple[int, int]] = []
    for point in points:
        start = text.rfind("\n", 0, point) + 1
        end = text.find("\n", point)
        end = len(text) if end < 0 else end + 1
        if text[start:end].strip() or (cuts and cuts[-1][0] == start):
            continue
        if start == 0:  # the first line went: so do the blank lines after it
            end = len(text) - len(text[end:].lstrip("\n"))
        elif text.startswith("\n", end) and text.endswith("\n\n", 0, start):
            end += 1
        cuts.append((start, end))
    if not cuts:
        return text
    pieces, last = [], 0
    for start, end in cuts:
        pieces.append(text[last:start])
        last = end
    result = "".join(pieces) + text[last:]
    if cuts[-1][1] == len(text):  # the last line went: end as the text did
        result = result.rstrip("\n") + ("\n" if newline_end and result else "")
    return result
