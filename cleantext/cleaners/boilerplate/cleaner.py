"""DropBoilerplate: remove scraper junk lines, trailers and tables of contents.

Decisions, in order, each with the name of what made it:
1. rules (`rules/boilerplate.toml` plus users' files) mark single lines as junk, as
   metadata (date, author, source: kept in `Document.metadata`), as the start of a
   trailer, or as a table-of-contents heading;
2. section logic: a trailer heading after the article body has started drops itself
   and everything after it (unless as many body paragraphs follow it as precede it:
   then only the heading goes); a table of contents is dropped with the entries that
   repeat lines found elsewhere in the document; standalone lines naming the
   document's source or author go;
3. context: a run of lines that are not clearly prose, with junk (or the document's
   edge) on both sides, is junk too, unless it is a short sentence or a heading
   within `heading_distance` characters of a good paragraph.
Only prose blocks are judged; tables and code are content (they go only inside a
trailer). A document without an article body (a prose line of 20 or more words) has
no yardstick for junk and keeps all its lines; quality filters judge such documents.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from cleantext.blocks import (
    LIST_ITEM,
    Block,
    comparison_key,
    join_blocks,
    line_core,
    remove_blocks,
)
from cleantext.cleaners.base import Cleaner
from cleantext.cleaners.boilerplate.catalogue import (
    METADATA,
    METADATA_FIELDS,
    TOC,
    TRAILER,
    JunkCatalogue,
)
from cleantext.cleaners.boilerplate.features import LineScore, score_line
from cleantext.document import Document
from cleantext.rulesets import RuleSet, builtin_rule_set
from cleantext.words import stopwords

_JUNK, _GOOD, _OTHER = "junk", "good", "other"
_MAX_TOC_ENTRY_WORDS = 20
_MIN_BODY_WORDS = 20  # the article body starts at its first real paragraph


@dataclass
class _Line:
    """What DropBoilerplate knows about one prose block."""

    core: str
    score: LineScore
    verdict: str = _OTHER
    rule: str = ""


def _is_body(line: _Line) -> bool:
    return line.score.good and line.score.words >= _MIN_BODY_WORDS


def _title_case(text: str) -> bool:
    """Whether most words other than stop words start with a capital, as titles do."""
    words = [w for w in text.split() if any(ch.isalpha() for ch in w)]
    content = [w for w in words if w.lower().strip(".,:;!?\"'’") not in stopwords()]
    capitalised = [w for w in content if _first_letter(w).isupper()]
    return (
        bool(content)
        and _first_letter(words[0]).isupper()
        and (len(capitalised) >= 0.6 * len(content))
    )


def _first_letter(word: str) -> str:
    return next((ch for ch in word if ch.isalpha()), "")


@dataclass
class _Page:
    """One document under judgement: its blocks, what is known of each prose line,
    and indexes computed once so that every decision stays linear in its length."""

    blocks: list[Block]
    lines: dict[int, _Line]
    body_start: int | None
    bodies_before: list[int]  # body paragraphs before each block index
    _keys: Counter | None = None

    @classmethod
    def of(cls, blocks: list[Block]) -> _Page:
        lines = {
            i: _Line(line_core(b.text), score_line(b.text))
            for i, b in enumerate(blocks)
            if b.is_prose
        }
        bodies_before = [0]
        for i in range(len(blocks)):
            bodies_before.append(
                bodies_before[-1] + (i in lines and _is_body(lines[i]))
            )
        body_start = next(
            (i for i, b in enumerate(blocks) if not b.is_prose or _is_body(lines[i])),
            None,
        )
        return cls(blocks, lines, body_start, bodies_before)

    def outweighs_article(self, heading: int) -> bool:
        """Whether as many body paragraphs follow a trailer heading as precede it.

        Then the heading is not where the article ends (Q&A pages put 'Add a comment'
        under the question and before the answers): cutting there would lose content.
        """
        before = self.bodies_before[heading]
        after = self.bodies_before[-1] - self.bodies_before[heading + 1]
        return after >= before

    def key_count(self, key: str) -> int:
        """How many prose lines not already judged junk have this comparison key
        (counted once, when tables of contents are judged after the line rules)."""
        if self._keys is None:
            self._keys = Counter(
                comparison_key(self.blocks[i].text)
                for i, line in self.lines.items()
                if line.verdict != _JUNK and self.blocks[i].is_prose
            )
        return self._keys[key]


@dataclass
class DropBoilerplate(Cleaner):
    """Drop junk lines, trailers and tables of contents, and say which rule did it."""

    rule_files: tuple[str, ...] = ()
    disable_rules: tuple[str, ...] = ()
    context: bool = True
    heading_distance: int = 200
    drop_citations: bool = False
    _catalogue: JunkCatalogue = field(init=False, repr=False, compare=False)
    _inline: RuleSet = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        super().__post_init__()
        self._catalogue = JunkCatalogue.load(self.rule_files, self.disable_rules)
        citations = ("citation-marks",) if self.drop_citations else ()
        self._inline = builtin_rule_set("inline-junk", *citations)

    def __call__(self, doc: Document) -> Document:
        before = doc.text
        page = _Page.of(doc.blocks())
        trailer = None
        if page.body_start is not None:  # no article, no yardstick: leave lines alone
            trailer = self._apply_rules(page, doc.metadata)
            self._drop_repeats_of_metadata(page.lines, doc.metadata)
            if self.context:
                self._spread_by_context(page)
        doc = self._rebuild(doc, page, trailer)
        doc.count_junk(before, doc.text)
        return doc

    # --- decisions ----------------------------------------------------------------

    def _apply_rules(self, page: _Page, metadata: dict) -> int | None:
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
            found = self._catalogue.first_match(line.core, words, in_head)
            if found is None:
                continue
            rule, match = found
            if rule.action == TRAILER:
                if i <= body_start:
                    continue
                if page.outweighs_article(i):
                    line.verdict, line.rule = _JUNK, f"{rule.name} (heading only)"
                    continue
                for j in range(i, len(page.blocks)):
                    junk = lines.setdefault(j, _Line("", score_line("")))
                    junk.verdict, junk.rule = _JUNK, rule.name
                trailer = i
                break
            if rule.action == TOC:
                contents.append((i, rule.name))
                continue
            if rule.action == METADATA:
                for name in METADATA_FIELDS:
                    value = match.groupdict().get(name)
                    if value and name not in metadata:
                        metadata[name] = value.strip()
            line.verdict, line.rule = _JUNK, rule.name
        for heading, name in contents:
            if lines[heading].verdict != _JUNK:
                self._drop_table_of_contents(page, heading, name)
        return trailer

    def _drop_table_of_contents(self, page: _Page, heading: int, rule: str) -> None:
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
            if line.verdict != _JUNK:  # junk under the heading is neither entry nor end
                if listed is None:
                    listed = blocks[j].kind == LIST_ITEM
                is_entry = (
                    blocks[j].kind == LIST_ITEM if listed else not line.score.good
                )
                if not is_entry or line.score.words > _MAX_TOC_ENTRY_WORDS:
                    break
                entries.append(j)
            j += 1
        keys = {i: comparison_key(blocks[i].text) for i in entries}
        local = Counter(keys.values())
        local[comparison_key(blocks[heading].text)] += 1
        repeated = [i for i in entries if page.key_count(keys[i]) > local[keys[i]]]
        if len(repeated) >= 2 and len(repeated) >= 0.6 * len(entries):
            for i in [heading, *repeated]:
                lines[i].verdict, lines[i].rule = _JUNK, rule

    def _drop_repeats_of_metadata(
        self, lines: dict[int, _Line], metadata: dict
    ) -> None:
        """Lines that only name the document's source or author ('  • Al Jazeera')."""
        names = {
            comparison_key(metadata[key])
            for key in ("source", "author")
            if isinstance(metadata.get(key), str)
        }
        if not names:
            return
        for line in lines.values():
            if line.verdict != _JUNK and comparison_key(line.core) in names:
                line.verdict, line.rule = _JUNK, "source-line"

    def _spread_by_context(self, page: _Page) -> None:
        """Junk on both sides makes the lines between junk, jusText-style."""
        blocks, lines = page.blocks, page.lines
        verdicts = [self._context_class(i, lines) for i in range(len(blocks))]
        i = 0
        while i < len(blocks):
            if verdicts[i] != _OTHER:
                i += 1
                continue
            end = i
            while end < len(blocks) and verdicts[end] == _OTHER:
                end += 1
            left = verdicts[i - 1] if i > 0 else None
            right = verdicts[end] if end < len(blocks) else None
            if left in (_JUNK, None) and right in (_JUNK, None) and (left or right):
                for j in range(i, end):
                    self._judge_in_junk_context(page, verdicts, j)
            i = end

    @staticmethod
    def _context_class(i: int, lines: dict[int, _Line]) -> str:
        line = lines.get(i)
        if line is None:
            return _GOOD  # tables and code are content
        if line.verdict == _JUNK:
            return _JUNK
        return _GOOD if line.score.good else _OTHER

    def _judge_in_junk_context(self, page: _Page, verdicts: list[str], j: int) -> None:
        """Junk, unless a short sentence or a heading close above good prose.

        Above the article any short line may be its title or kicker; inside it, only
        a Title Case line counts as a heading ("The Road Ahead", not "Best deals
        today").
        """
        line = page.lines[j]
        heading_like = j < page.body_start or _title_case(line.core)
        if line.score.sentence_like or (
            heading_like and self._near_good(page.blocks, verdicts, j)
        ):
            return
        line.verdict = _JUNK
        line.rule = f"context (score {line.score.score:.2f})"

    def _near_good(self, blocks: list[Block], verdicts: list[str], j: int) -> bool:
        """A heading within `heading_distance` characters of a good block after it."""
        distance = 0
        for k in range(j + 1, len(blocks)):
            if verdicts[k] == _GOOD:
                return True
            distance += len(blocks[k].text)
            if distance > self.heading_distance:
                return False
        return False

    # --- output -------------------------------------------------------------------

    def _rebuild(self, doc: Document, page: _Page, trailer: int | None) -> Document:
        """Record an edit per dropped line (one for a whole trailer), fix inline junk
        in the kept prose, and join what is left."""
        blocks, lines = page.blocks, page.lines
        drop = {i for i, line in lines.items() if line.verdict == _JUNK}
        offset = 0
        for i, block in enumerate(blocks):
            if i == trailer:
                doc.record(
                    self.name, lines[i].rule, join_blocks(blocks[i:]), "", offset
                )
                break
            if i in drop:
                doc.record(self.name, lines[i].rule, block.text, "", offset)
            elif block.is_prose:
                fixed = self._inline.apply(block.text, doc, self.name, offset)
                blocks[i] = replace(block, text=fixed)
            offset += len(block.text) + len(block.sep)
        doc.text = join_blocks(remove_blocks(blocks, drop))
        return doc
