"""Section logic over the rule catalogue's verdicts: junk and metadata lines, a
trailer heading that ends the article, a table of contents with its entries,
and lines that only repeat the document's source or author."""

from __future__ import annotations

from collections import Counter

from cleantext.cleaners.boilerplate.catalogue import (
    KEEP as KEEP_RULE,
)
from cleantext.cleaners.boilerplate.catalogue import (
    METADATA,
    METADATA_FIELDS,
    TOC,
    TRAILER,
    JunkCatalogue,
)
from cleantext.cleaners.boilerplate.page import JUNK, KEEP, Line, Page
from cleantext.cleaners.boilerplate.score import score_line
from cleantext.text.blocks import LIST_ITEM, comparison_key

MAX_TOC_ENTRY_WORDS = 20


def apply_rules(page: Page, catalogue: JunkCatalogue, metadata: dict) -> int | None:
    """Judge lines by the rules; return where a trailer starts, if one does.

    Tables of contents are judged last, once every other line has its verdict,
    so that junk under a contents heading cannot change the decision between a
    first and a second cleaning.
    """
    lines, body_start = page.lines, page.body_start
    contents: list[tuple[int, str]] = []
    trailer = None
    for i, line in list(lines.items()):
        in_head = i < body_start
        words = len(line.core.split())
        found = catalogue.first_match(line.core, words, in_head)
        if found is None:
            continue
        rule, match = found
        if rule.action == TRAILER:
            if i <= body_start:
                continue
            if page.outweighs_article(i):
                line.verdict, line.rule = JUNK, f"{rule.name} (heading only)"
                continue
            for j in range(i, len(page.blocks)):
                junk = lines.setdefault(j, Line("", score_line("")))
                junk.verdict, junk.rule = JUNK, rule.name
            trailer = i
            break
        if rule.action == TOC:
            contents.append((i, rule.name))
            continue
        if rule.action == KEEP_RULE:
            line.verdict, line.rule = KEEP, rule.name
            continue
        if rule.action == METADATA:
            for name in METADATA_FIELDS:
                value = match.groupdict().get(name)
                if value and name not in metadata:
                    metadata[name] = value.strip()
        line.verdict, line.rule = JUNK, rule.name
    for heading, name in contents:
        if lines[heading].verdict != JUNK:
            _drop_table_of_contents(page, heading, name)
    return trailer


def _drop_table_of_contents(page: Page, heading: int, rule: str) -> None:
    """Drop a contents heading and the entries under it that repeat other lines.

    Entries are the list items under the heading (or, when it is not followed by a
    list, the short lines under it); only those repeating a line found elsewhere
    in the document go, so a real heading right after the contents stays.
    """
    blocks, lines = page.blocks, page.lines
    entries: list[int] = []
    listed = None
    j = heading + 1
    while j in lines:
        line = lines[j]
        if line.verdict != JUNK:  # junk under the heading is neither entry nor end
            if listed is None:
                listed = blocks[j].kind == LIST_ITEM
            is_entry = blocks[j].kind == LIST_ITEM if listed else not line.score.good
            if not is_entry or line.score.words > MAX_TOC_ENTRY_WORDS:
                break
            entries.append(j)
        j += 1
    keys = {i: comparison_key(blocks[i].text) for i in entries}
    local = Counter(keys.values())
    local[comparison_key(blocks[heading].text)] += 1
    repeated = [i for i in entries if page.key_count(keys[i]) > local[keys[i]]]
    if len(repeated) >= 2 and len(repeated) >= 0.6 * len(entries):
        for i in [heading, *repeated]:
            lines[i].verdict, lines[i].rule = JUNK, rule


def drop_repeats_of_metadata(lines: dict[int, Line], metadata: dict) -> None:
    """Lines that only name the document's source or author ('  • Al Jazeera')."""
    names = {
        comparison_key(metadata[key])
        for key in ("source", "author")
        if isinstance(metadata.get(key), str)
    }
    if not names:
        return
    for line in lines.values():
        if line.verdict != JUNK and comparison_key(line.core) in names:
            line.verdict, line.rule = JUNK, "source-line"
