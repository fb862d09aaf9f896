"""DropBoilerplate: remove scraper junk lines, trailers and tables of contents.

Decisions, in order, each with the name of what made it:
1. rules (`rules/boilerplate.toml` plus users' files) mark single lines as junk, as
   metadata (date, author, source: kept in `Document.metadata`), as the start of a
   trailer, or as a table-of-contents heading;
2. section logic (`rules.py`): a trailer heading after the article body has
   started drops itself and everything after it (unless as many body paragraphs
   follow it as precede it: then only the heading goes); a table of contents is
   dropped with the entries that repeat lines found elsewhere in the document;
   standalone lines naming the document's source or author go;
3. the line model (`judge.py` over `model.py`): every prose line no rule decided
   (a `keep` rule decides for content: sign-offs), except the headline and the
   first article paragraph, gets the probability that it is content, from its
   features and its neighbours'; a line under the cut goes ("model p=0.04"). The
   cut is `threshold`, or by default, per document, the one that maximises the
   expected word F1 of what is kept (between 0.2 and 0.6). The model judges the
   document again without what it dropped, until nothing more goes, so that
   cleaning twice removes nothing more. Its word priors are English: on a page
   in another language it judges without them, as it was trained to.
`mode` chooses rules and model together, the rules alone, or the model alone.
The page under judgement is `page.py`, with each hard-wrapped paragraph joined
into one block (`cleantext/text/wrapping.py`); what is dropped goes through the
shared `drop_blocks`, which also applies the inline junk rules to kept prose.
Only prose blocks are judged; tables and code are content (they go only inside a
trailer). A document without an article body (a paragraph of 20 or more words) has
no yardstick for junk and keeps all its lines; quality filters judge such documents.
One whose body is found only once its wrapped lines are joined goes to the model
only when a rule found junk in it (hard-wrapped clean text stays whole).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from cleantext.cleaners.base import Cleaner
from cleantext.cleaners.boilerplate.catalogue import JunkCatalogue
from cleantext.cleaners.boilerplate.judge import judge_with_model
from cleantext.cleaners.boilerplate.model import LineModel, load_line_model
from cleantext.cleaners.boilerplate.page import JUNK, Page, has_body_line
from cleantext.cleaners.boilerplate.rules import apply_rules, drop_repeats_of_metadata
from cleantext.cleaners.shared.drop import drop_blocks
from cleantext.document import Document
from cleantext.errors import ConfigError
from cleantext.rulesets import RuleSet, builtin_rule_set
from cleantext.text.wrapping import join_wrapped


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

    def _model_may_judge(self, page: Page, blocks: list) -> bool:
        """Whether the line model judges this page. A page whose article body is
        found only once its hard-wrapped lines are joined (no single line of it
        is a paragraph) is judged only when a rule found junk in it: a wrapped
        scrape (html2text's default output) has menus and buttons the rules know,
        while hard-wrapped clean text (mail, books, corpora's gold texts) stays
        whole, as it did before lines were joined."""
        if len(page.blocks) == len(blocks) or has_body_line(page, blocks):
            return True
        metadata = self._catalogue.metadata_rules
        return any(
            line.verdict == JUNK and line.rule not in metadata
            for line in page.lines.values()
        )

    def __call__(self, doc: Document) -> Document:
        blocks = doc.blocks()
        page = Page.of(join_wrapped(blocks))
        trailer = None
        if page.body_start is not None:  # no article, no yardstick: leave lines alone
            if self.mode != "model":
                trailer = apply_rules(page, self._catalogue, doc.metadata)
                drop_repeats_of_metadata(page.lines, doc.metadata)
            if self.mode != "rules" and self._model_may_judge(page, blocks):
                judge_with_model(
                    page,
                    self._model(),
                    self.threshold,
                    trailer,
                    doc.language().language,
                )
        drop_blocks(
            doc,
            self.name,
            page.blocks,
            {i: line.rule for i, line in page.lines.items() if line.verdict == JUNK},
            cut_from=trailer,
            rewrite=self._inline.apply,
        )
        return doc
