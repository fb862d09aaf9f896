"""FixTypos: correct misspelled words in prose, only where the correction is clear.

A word is a candidate only when it is plain lowercase ASCII letters, or such a word
capitalised at a sentence start that goes on as prose ("Wiht the"); all-capital,
mixed-case and accented words, words with digits, hyphenated compounds and anything
inside a URL, e-mail address, path, code or number are never touched. Three-letter
and capitalised words are weak evidence (abbreviations such as npm, names such as
Etsy): they are corrected only by a likely slip from one of the commonest words
(`cleantext.cleaners.typos.weak`). A candidate must also be unknown to the
lexicon (`cleantext.cleaners.shared.lexicon`), not allowed by the user, not
written capitalised anywhere in the document (a name: "zelenskyy" when
"Zelenskyy" appears) and not repeated (a word used three times is the
document's vocabulary). Rules:
- common-misspelling: an entry of `rules/misspellings.tsv` ("recieve" -> "receive");
  capitalised entries too ("Recieve" -> "Receive");
- closest-word: the only dictionary word one edit away (a swap of two adjacent
  letters counts as one edit), if common enough;
- likeliest-word: of several, the one whose frequency times the likelihood of the
  typing slip (`cleantext.typing_errors`: swaps and neighbouring keys are likely)
  is `min_ratio` times the next one's;
- bigram-context: the candidate whose pairs with the neighbouring words (symspellpy's
  bigram counts) times the likelihood of the slip is `min_ratio` times the next's;
- real-word rules from `rules/real-word-errors.toml` ("who wont to" -> "who want to").
A word inside a foreign phrase ("au lait") or a binomial ("(Gavia arctica)") is
never corrected (`cleantext.cleaners.typos.foreign`), nor is a word alone on its
line (a user name, a command), a word marked as code (`*args`, `<stdin>`,
`func(`: the protect rule `keep-code-word`), or a prefixed or regularly inflected
form of a known word ("reclone", "homeschooled": `rules/spelling-variants.toml`).
When in doubt the word stays. So does every document that is not English
(`Cleaner.languages`), and every document (or paragraph) in which too many words
are unknown: it is probably not English, or not prose.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import regex

from cleantext.cleaners.base import Cleaner
from cleantext.cleaners.shared.lexicon import (
    Lexicon,
    builtin_misspellings,
    default_lexicon,
    parse_misspellings,
)
from cleantext.cleaners.shared.protect import PROTECTED
from cleantext.cleaners.typos.correct import (
    CANDIDATE,
    Corrector,
    WordContext,
    words_broken_by_wraps,
)
from cleantext.document import Document
from cleantext.errors import ConfigError
from cleantext.rulesets import (
    Rule,
    RuleSet,
    builtin_rule_set,
    may_contain_any,
    next_run_end,
    run_start,
)
from cleantext.text.blocks import Block, rewrite_blocks
from cleantext.text.words import LETTER_RUN, SPELLING_WORD_PATTERN

_WORD_RULE = Rule("word", SPELLING_WORD_PATTERN, keep=True)
REAL_WORD_RULES = builtin_rule_set("real-word-errors")

_MAX_UNKNOWN_SHARE = 0.10  # of a document's lowercase words, else not English prose
_MAX_BLOCK_UNKNOWN = 3  # unknown words a paragraph may have before its share counts
_MAX_BLOCK_UNKNOWN_SHARE = 0.30


_Change = tuple[str, regex.Match, str]  # rule name, the match, its replacement
_MAX_WINDOW = 200  # characters either side of a word scanned to tokenise it locally
_MAX_ROUNDS = 8  # correction rounds per paragraph: each makes unknown words known


@dataclass
class FixTypos(Cleaner):
    """Correct misspellings ("shoudl" -> "should") and protect everything else.

    `mode="suggest"` records the corrections as edits with action "suggest" (always,
    whether or not the document explains) and leaves the text unchanged. `allow`
    and `allow_file` (one word per line) name words that are never corrected;
    `misspellings_file` adds `misspelling<TAB>correction` lines to the curated map.
    """

    languages = frozenset({"en"})  # the lexicon and the rules are English

    mode: Literal["fix", "suggest"] = "fix"
    allow: tuple[str, ...] = ()
    allow_file: str = ""
    misspellings_file: str = ""
    min_ratio: float = 10.0
    real_words: bool = True
    _corrector: Corrector = field(init=False, repr=False, compare=False)
    _scanner: RuleSet = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        super().__post_init__()
        allowed = {word.lower() for word in self.allow}
        if self.allow_file:
            allowed |= {
                line.strip().lower()
                for line in _read(self.allow_file).splitlines()
                if line.strip() and not line.lstrip().startswith("#")
            }
        extra_misspellings = (
            parse_misspellings(
                _read(self.misspellings_file),
                self.misspellings_file,
                beside=builtin_misspellings(),
            )
            if self.misspellings_file
            else {}
        )
        self._corrector = Corrector(
            frozenset(allowed), extra_misspellings, self.min_ratio
        )
        protected = list(PROTECTED.rules)
        real_words = list(REAL_WORD_RULES.rules) if self.real_words else []
        self._scanner = RuleSet([*protected, *real_words, _WORD_RULE])

    def prepare(self) -> None:
        """Load the lexicon now (about 1.4 s and 170 MB, once per process)."""
        default_lexicon()

    @property
    def lexicon(self) -> Lexicon:
        """The shared default lexicon (loaded on first use, once per process)."""
        return default_lexicon()

    def __call__(self, doc: Document) -> Document:
        if self.leaves_alone(doc):
            return doc
        blocks = doc.blocks()
        context = self._context(blocks)
        if context is None:
            return doc

        def fix(_: int, block: Block, offset: int) -> str | None:
            """Correct until nothing changes: a fixed word can settle a neighbour's
            bigram context, and cleaning twice must equal cleaning once. Each round
            turns unknown words into known ones, so the loop ends (and it is
            bounded all the same)."""
            if not block.is_prose or not self._may_hold_fixes(block.text, context):
                return None
            text, changed = block.text, False
            for _ in range(_MAX_ROUNDS):
                words = set(LETTER_RUN.findall(text))  # every word token, and more
                # The document's own words were judged once; a correction is new.
                actionable = (words & context.actionable) | self._actionable(
                    words.difference(context.words), context
                )
                if not (actionable or self._real_word_rule_may_apply(text)):
                    break
                fixed = self._fix_block(text, words, actionable, context, doc, offset)
                if fixed is None:
                    break
                text, changed = fixed, True
            return text if changed else None

        text = rewrite_blocks(blocks, fix)
        if text is not None and self.mode == "fix":
            doc.set_blocks(blocks, text)
        return doc

    # --- document and block checks ------------------------------------------------

    def _context(self, blocks: list[Block]) -> WordContext | None:
        """Word counts and names of the document's prose; None when too many of its
        lowercase words are unknown for it to be English prose."""
        prose = "\n".join(block.text for block in blocks if block.is_prose)
        counts = Counter(LETTER_RUN.findall(prose))
        lowercase = [word for word in counts if word.islower()]
        total = sum(counts[word] for word in lowercase)
        unknown_count = sum(counts[word] for word in self._unknown(lowercase))
        if unknown_count > max(_MAX_BLOCK_UNKNOWN, _MAX_UNKNOWN_SHARE * total):
            return None
        names = frozenset(word.lower() for word in counts if not word.islower())
        context = WordContext(
            counts, names, broken=words_broken_by_wraps(self.lexicon, prose)
        )
        context.actionable = frozenset(self._actionable(set(counts), context))
        return context

    def _unknown(self, words) -> list[str]:
        """The lowercase ASCII words among `words` that the lexicon knows neither
        as words nor as common misspellings."""
        lexicon = self.lexicon
        return [
            word
            for word in set(words).difference(lexicon.known)
            if CANDIDATE.fullmatch(word)
            and self._corrector.curated(word) is None
            and not lexicon.is_known(word)
            and not lexicon.is_compound(word)
        ]

    def _may_hold_fixes(self, text: str, context: WordContext) -> bool:
        """Cheapest test first, for a block as the document gave it (its words are
        among the document's): may a real-word rule apply, or does it contain one
        of the document's words to correct?"""
        return self._real_word_rule_may_apply(text) or may_contain_any(
            text, context.actionable
        )

    def _real_word_rule_may_apply(self, text: str) -> bool:
        return self.real_words and REAL_WORD_RULES.could_apply(text)

    def _actionable(self, words: set[str], context: WordContext) -> set[str]:
        """Those of `words` that the curated map or the dictionary may correct;
        known words (most of them) are set aside by one set difference, and
        capitalised ones whose lowercase is known by one look-up each (only the
        user's own map corrects a known word)."""
        known, own_map = self.lexicon.known, self._corrector.extra_misspellings
        return {
            word
            for word in words.difference(known)
            if ((lower := word.lower()) not in known or lower in own_map)
            and (
                self._corrector.curated(lower) is not None
                or self._corrector.is_candidate(word, context)
            )
        }

    # --- corrections --------------------------------------------------------------

    def _fix_block(
        self,
        text: str,
        words: set[str],
        actionable: set[str],
        context: WordContext,
        doc: Document,
        offset: int,
    ) -> str | None:
        """`text` with its changes made and reported, or None if it has none;
        `words` are its letter runs, `actionable` those a rule may correct."""
        changes = self._local_changes(text, words, actionable, context)
        if changes is None:
            changes = self._changes(text, context)
        if not changes:
            return None
        pieces, last = [], 0
        for rule_name, match, after in changes:
            self._report(doc, rule_name, match.group(), after, offset + match.start())
            pieces += [text[last : match.start()], after]
            last = match.end()
        pieces.append(text[last:])
        return "".join(pieces)

    def _changes(self, text: str, context: WordContext) -> list[_Change]:
        """Every change to make in `text`, in order, from a scan of all of it."""
        tokens = list(self._scanner.matches(text))
        words = [match for rule, match in tokens if rule.name == _WORD_RULE.name]
        lowercase = [m.group() for m in words if m.group().islower()]
        unknown = self._unknown(lowercase)
        if len(unknown) > _MAX_BLOCK_UNKNOWN and (
            len(unknown) > _MAX_BLOCK_UNKNOWN_SHARE * len(lowercase)
        ):
            return []  # a foreign quotation, a list of names, code in prose
        actionable = self._actionable({m.group() for m in words}, context)
        changes = []
        index = -1  # of the current word in `words`
        for rule, match in tokens:
            if rule.name == _WORD_RULE.name:
                index += 1
                if match.group() in actionable:
                    change = self._word_change(text, words, index, context)
                    if change is not None:
                        changes.append(change)
            elif not rule.keep:
                changes.append((rule.name, match, rule.replacement))
        return changes

    def _local_changes(
        self, text: str, words: set[str], actionable: set[str], context: WordContext
    ) -> list[_Change] | None:
        """The changes `_changes` would find, from scans of the few words around
        each word that may change; None when the block needs the full scan (a
        real-word rule may apply, a code span may hold spaces, or enough words
        are unknown that the block's guard may reject it).

        The protected spans are FixSpacing's keep rules, and where those are local
        (no match crosses whitespace) words are too, so the runs around a word
        tokenise as they do in the whole text.
        """
        if not PROTECTED.is_local_in(text) or self._real_word_rule_may_apply(text):
            return None
        if len(self._unknown(filter(str.islower, words))) > _MAX_BLOCK_UNKNOWN:
            return None
        changes = {}
        for word in actionable:
            start = text.find(word)
            while start != -1:
                window = _window(text, start, start + len(word))
                if window is None:
                    return None  # a huge token: scanned once, in full
                change = self._change_at(text, window, word, start, context)
                if change is not None:
                    changes[start] = change
                start = text.find(word, start + 1)
        return [changes[start] for start in sorted(changes)]

    def _change_at(
        self,
        text: str,
        window: tuple[int, int],
        word: str,
        start: int,
        context: WordContext,
    ) -> _Change | None:
        """The change for `word` at `start`, if it is a whole word token there;
        the tokens come from a scan of `window` only."""
        words = [
            match
            for rule, match in self._scanner.matches(text, *window)
            if rule.name == _WORD_RULE.name
        ]
        for index, match in enumerate(words):
            if match.start() == start and match.group() == word:
                return self._word_change(text, words, index, context)
        return None  # inside a URL, a path, a longer word

    def _report(
        self, doc: Document, rule: str, before: str, after: str, position: int
    ) -> None:
        if self.mode == "suggest":
            doc.suggest(self.name, rule, before, after, position)
        else:
            doc.record(self.name, rule, before, after, position)

    def _word_change(
        self, text: str, words: list[regex.Match], index: int, context: WordContext
    ) -> _Change | None:
        decision = self._corrector.word_change(text, words, index, context)
        return None if decision is None else (decision[0], words[index], decision[1])


def _window(text: str, start: int, end: int) -> tuple[int, int] | None:
    """From the run of non-whitespace before the word at `start`..`end` to the one
    after it: where its neighbours and any span protecting it lie. None when that
    is longer than `_MAX_WINDOW` either side, so that a huge token is scanned
    once, in the full scan, rather than once per word in it."""
    floor = max(0, start - _MAX_WINDOW)
    begin = run_start(text, start, floor)
    for _ in range(2):  # back over the spaces and the run before them
        if begin > floor:
            begin = run_start(text, begin - 1, floor)
    limit = end + _MAX_WINDOW
    finish = next_run_end(text, next_run_end(text, end, limit), limit)
    if (begin == floor > 0) or (finish == limit < len(text)):
        return None
    return begin, finish


def _read(path: str) -> str:
    try:
        return Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"FixTypos: cannot read {path}: {exc}") from exc
