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
3. the line model (`model.py`): every prose line no rule decided (a `keep` rule
   decides for content: sign-offs), except the headline and the first article
   paragraph, gets the
   probability that it is content, from its features and its neighbours'; a line
   under the cut goes ("model p=0.04"). The cut is `threshold`, or by default, per
   document, the one that maximises the expected word F1 of what is kept (between
   0.2 and 0.6). The model judges the document again without what it dropped,
   until nothing more goes, so that cleaning twice removes nothing more.
`mode` chooses rules and model together, the rules alone, or the model alone.
Only prose blocks are judged; tables and code are content (they go only inside a
trailer). A document without an article body (a prose line of 20 or more words) has
no yardstick for junk and keeps all its lines; quality filters judge such documents.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np

from cleantext.cleaners.base import Cleaner
from cleantext.cleaners.boilerplate.catalogue import (
    KEEP,
    METADATA,
    METADATA_FIELDS,
    TOC,
    TRAILER,
    JunkCatalogue,
)
from cleantext.cleaners.boilerplate.features import in_document, own_features
from cleantext.cleaners.boilerplate.model import (
    LineModel,
    expected_f1_cut,
    load_line_model,
)
from cleantext.cleaners.boilerplate.score import LineScore, score_line
from cleantext.document import Document
from cleantext.errors import ConfigError
from cleantext.rulesets import RuleSet, builtin_rule_set
from cleantext.text.blocks import (
    LIST_ITEM,
    Block,
    comparison_key,
    join_blocks,
    line_core,
    remove_blocks,
)
from cleantext.text.repeats import repeated_blocks
from cleantext.text.words import COUNTED_WORD

_JUNK, _KEEP, _OTHER = "junk", "keep", "other"
_MAX_HEADLINE_WORDS = 20
_MAX_TOC_ENTRY_WORDS = 20
_MIN_BODY_WORDS = 20  # the article body starts at its first real paragraph
_CUT_RANGE = (0.2, 0.6)  # where a document's own cut may lie
_MAX_MODEL_ROUNDS = 4


@dataclass
class _Line:
    """What DropBoilerplate knows about one prose block."""

    core: str
    score: LineScore
    verdict: str = _OTHER
    rule: str = ""


def _is_body(line: _Line) -> bool:
    return line.score.good and line.score.words >= _MIN_BODY_WORDS


@dataclass
class _Page:
    """One document under judgement: its blocks, what is known of each prose line,
    and indexes computed once so that every decision stays linear in its length."""

    blocks: list[Block]
    tokens: list[list[str]]  # each block's words (`COUNTED_WORD`), found once
    lines: dict[int, _Line]
    body_start: int | None
    bodies_before: list[int]  # body paragraphs before each block index
    _keys: Counter | None = None
    _key_of: dict[int, str] = field(default_factory=dict)

    @classmethod
    def of(cls, blocks: list[Block]) -> _Page:
        tokens = [COUNTED_WORD.findall(b.text) for b in blocks]
        lines = {
            i: _Line(line_core(b.text), score_line(b.text, tokens[i]))
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
        return cls(blocks, tokens, lines, body_start, bodies_before)

    def verdict(self, i: int) -> str:
        """A block's verdict so far (tables and code have none: "other")."""
        line = self.lines.get(i)
        return _OTHER if line is None else line.verdict

    def headline(self) -> int | None:
        """The document's headline, which the model leaves alone: the last prose
        line above the article body that no rule took and that reads like a title
        (a few words, not ending like a sentence or a label)."""
        if self.body_start is None:
            return None
        for i in range(self.body_start - 1, -1, -1):
            line = self.lines.get(i)
            if line is None or line.verdict == _JUNK:
                continue
            title = 2 <= line.score.words <= _MAX_HEADLINE_WORDS
            return i if title and not line.core.endswith((".", ":", ",")) else None
        return None

    def words(self, i: int) -> int:
        """How many words block `i` has (what the word score weighs it by)."""
        line = self.lines.get(i)
        return (
            line.score.words if line is not None else len(self.blocks[i].text.split())
        )

    def outweighs_article(self, heading: int) -> bool:
        """Whether as many body paragraphs follow a trailer heading as precede it.

        Then the heading is not where the article ends (Q&A pages put 'Add a comment'
        under the question and before the answers): cutting there would lose content.
        """
        before = self.bodies_before[heading]
        after = self.bodies_before[-1] - self.bodies_before[heading + 1]
        return after >= before

    def key(self, i: int) -> str:
        """Block `i`'s comparison key (computed once)."""
        key = self._key_of.get(i)
        if key is None:
            key = self._key_of[i] = comparison_key(self.blocks[i].text)
        return key

    def key_count(self, key: str) -> int:
        """How many prose lines not already judged junk have this comparison key
        (counted once, when tables of contents are judged after the line rules)."""
        if self._keys is None:
            self._keys = Counter(
                self.key(i)
                for i, line in self.lines.items()
                if line.verdict != _JUNK and self.blocks[i].is_prose
            )
        return self._keys[key]


def judge_with_model(
    page: _Page, model: LineModel, threshold: float | None, trailer: int | None
) -> None:
    """Mark the prose lines the model judges junk, among those no rule decided
    (and before any trailer), except the headline and the first article paragraph
    (the yardstick of the rules' head zone: were it to go, a second cleaning would
    see a longer head and judge its lines again).

    The first round sees the whole document, as the model was trained (a line
    next to a menu the rules took is still next to a menu); later rounds judge
    what a second cleaning would see (what is kept, without the repeats
    DropDuplicates takes out) until nothing more goes: what stays is a fixed
    point, so a second cleaning drops nothing more.
    """
    end = len(page.blocks) if trailer is None else trailer
    shown = list(range(len(page.blocks)))
    headline = page.headline()
    own = own_features(page.blocks, model.priors, page.tokens)
    for _ in range(_MAX_MODEL_ROUNDS):
        blocks = [page.blocks[i] for i in shown]
        prose = np.array([block.is_prose for block in blocks], bool)
        if not prose.any():
            return
        open_ = np.array(
            [
                i < end
                and i not in (headline, page.body_start)
                and blocks[k].is_prose
                and page.verdict(i) == _OTHER
                for k, i in enumerate(shown)
            ],
            bool,
        )
        if not open_.any():
            return
        judged = np.flatnonzero(open_)
        content = model.probabilities(in_document(blocks, own[shown]), prose, judged)
        cut = threshold
        if cut is None:
            words = np.array([page.words(i) for i in shown], float)
            kept = np.array([page.verdict(i) != _JUNK for i in shown], bool)
            fixed = float(words[kept & ~open_].sum())  # tables, code, kept lines
            cut = expected_f1_cut(content, words[open_], fixed)
            cut = min(max(cut, _CUT_RANGE[0]), _CUT_RANGE[1])
        dropped = False
        for k, probability in zip(judged.tolist(), content.tolist(), strict=True):
            if probability < cut:
                line = page.lines[shown[k]]
                line.verdict, line.rule = _JUNK, f"model p={probability:.2f}"
                dropped = True
        left = _as_it_will_be(page, shown)
        if not dropped and left == shown:
            return
        shown = left


def _as_it_will_be(page: _Page, shown: list[int]) -> list[int]:
    """The blocks of `shown` a second cleaning would see: those not judged junk,
    without the repeats DropDuplicates takes out after this cleaner."""
    kept = [i for i in shown if page.verdict(i) != _JUNK]
    repeats = repeated_blocks(
        [page.blocks[i] for i in kept], keys=[page.key(i) for i in kept]
    )
    return [i for k, i in enumerate(kept) if k not in repeats]


@dataclass
class DropBoilerplate(Cleaner):
    """Drop junk lines, trailers and tables of contents, and say which rule (or the
    model, with its probability) did it."""

    mode: Literal["rules+model", "rules", "model"] = "rules+model"
    threshold: float | None = None
    rule_files: tuple[str, ...] = ()
    disable_rules: tuple[str, ...] = ()
    drop_citations: bool = False
    model_file: str = ""
    _catalogue: JunkCatalogue = field(init=False, repr=False, compare=False)
    _inline: RuleSet = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.threshold is not None and not 0 < self.threshold < 1:
            raise ConfigError(
                f"DropBoilerplate: threshold must be between 0 and 1, got "
                f"{self.threshold!r}"
            )
        self._catalogue = JunkCatalogue.load(self.rule_files, self.disable_rules)
        citations = ("citation-marks",) if self.drop_citations else ()
        self._inline = builtin_rule_set("inline-junk", *citations)

    def prepare(self) -> None:
        """Load the line model now (before forking workers, which then share it)."""
        if self.mode != "rules":
            self._model()

    def _model(self) -> LineModel:
        return load_line_model(self.model_file)

    def __call__(self, doc: Document) -> Document:
        before = doc.text
        page = _Page.of(doc.blocks())
        trailer = None
        if page.body_start is not None:  # no article, no yardstick: leave lines alone
            if self.mode != "model":
                trailer = self._apply_rules(page, doc.metadata)
                self._drop_repeats_of_metadata(page.lines, doc.metadata)
            if self.mode != "rules":
                judge_with_model(page, self._model(), self.threshold, trailer)
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
            if rule.action == KEEP:
                line.verdict, line.rule = _KEEP, rule.name
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
