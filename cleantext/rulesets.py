"""Named substitution rules kept as TOML data files, applied in one regex pass: the
engine of every text-level cleaner (the files live in `cleantext/rules/`).

A rule file holds `[[rule]]` tables with `name`, `pattern` (syntax of the `regex`
module, so `\\p{...}` classes work), `replacement` (literal text) and `description`.
A rule with `keep = true` and no replacement protects what it matches: placed first,
it consumes URLs or numbers so that no later rule can match inside them. A `[lists]`
table names word lists that patterns use as `{name}` (an escaped alternation), and a
top-level `gate` pattern, when given, must match wherever any rule could apply: text
it does not match is returned at once. A file whose every match lies inside one run
of whitespace or one run of other characters (or is empty) says `local = true`; its
text is then scanned only around the gate's matches, unless it holds one of the
characters of `local_unless` (the backticks of a code span that holds spaces, say).
A file none of whose matches starts inside a run of whitespace (after the run's
first character) says `starts_outside_space_runs = true`: the scan then passes over
the inside of each run in one cheap test per character instead of trying every
rule there (scrapers pad table layouts with runs of hundreds of spaces).
Every rule is named so that explanations and reports say which one fired. Users extend
a cleaner by passing their own rule files.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from cleantext.document import Document
from cleantext.errors import ConfigError
from cleantext.resources.data import builtin_data, shared_lists
from cleantext.resources.tomlio import TOMLDecodeError, load_toml


@dataclass(frozen=True, slots=True)
class Rule:
    """One named pattern and the literal text that replaces each match."""

    name: str
    pattern: str
    replacement: str = ""
    description: str = ""
    keep: bool = False


class RuleSet:
    """Rules compiled into a single alternation: one scan of the text applies them all.

    Where two rules could match at the same place, the earlier rule wins, as in any
    regex alternation; order rule files accordingly.
    """

    def __init__(
        self,
        rules: list[Rule] | tuple[Rule, ...],
        gate: str | None = None,
        local_unless: str | None = None,
        starts_outside_space_runs: bool = False,
    ) -> None:
        self.rules = tuple(rules)
        self._gate = regex.compile(gate, regex.VERSION1) if gate else None
        if local_unless is not None and self._gate is None:
            raise ConfigError("a local rule set needs a gate")
        self._local_unless = local_unless
        self._by_group = {f"r{index}": rule for index, rule in enumerate(self.rules)}
        alternation = "|".join(
            f"(?P<{group}>{rule.pattern})" for group, rule in self._by_group.items()
        )
        if alternation and starts_outside_space_runs:
            alternation = f"{_OUTSIDE_SPACE_RUNS}(?:{alternation})"
        try:
            self._pattern = regex.compile(alternation or r"(?!)", regex.VERSION1)
        except regex.error as exc:
            raise ConfigError(f"invalid rule pattern: {exc}") from exc

    def could_apply(self, text: str) -> bool:
        """False when the gate says no rule can change `text` (cheap to ask)."""
        return self._gate is None or self._gate.search(text) is not None

    def _replacement(self, match: regex.Match) -> str:
        """What a match becomes: itself for a keep rule, else its rule's text."""
        rule = self._by_group[match.lastgroup]
        return match.group() if rule.keep else rule.replacement

    def matches(
        self, text: str, start: int = 0, end: int | None = None
    ) -> Iterator[tuple[Rule, regex.Match]]:
        """Every match in `text` (between `start` and `end`), left to right, with
        the rule that made it."""
        for match in self._pattern.finditer(text, start, end):
            yield self._by_group[match.lastgroup], match

    def substitute(self, text: str) -> str:
        """Apply the rules without recording anything."""
        if not self.could_apply(text):
            return text
        return self._rewrite(text, self._replacement)

    def apply(self, text: str, doc: Document, cleaner: str, offset: int = 0) -> str:
        """Replace every match, recording one edit per change on `doc`.

        `offset` is added to edit positions when `text` is part of the document.
        """
        if not self.could_apply(text):
            return text

        def replace(match: regex.Match) -> str:
            before, after = match.group(), self._replacement(match)
            if before != after:
                rule = self._by_group[match.lastgroup]
                doc.record(cleaner, rule.name, before, after, offset + match.start())
            return after

        return self._rewrite(text, replace)

    def is_local_in(self, text: str) -> bool:
        """Whether no match of these rules in `text` crosses a boundary between
        whitespace and the rest (the file says `local = true`, and `text` holds
        none of its `local_unless` characters)."""
        return self._local_unless is not None and not any(
            ch in text for ch in self._local_unless
        )

    def _rewrite(self, text: str, replace) -> str:
        """`text` with every match replaced by `replace(match)`, scanning only near
        the gate's matches when the rule set is local."""
        if not self.is_local_in(text):
            return self._pattern.sub(replace, text)
        pieces, last = [], 0
        for match in self._local_matches(text):
            pieces += [text[last : match.start()], replace(match)]
            last = match.end()
        return "".join(pieces) + text[last:] if pieces else text

    def _local_matches(self, text: str) -> Iterator[regex.Match]:
        """The matches a full scan would find, for a local rule set: every change
        holds a gate match, and no match crosses a boundary between whitespace and
        the rest, so scanning from the run that holds a gate match to the end of the
        next run of non-whitespace finds what a scan of the whole text would."""
        position = 0
        while (trigger := self._gate.search(text, position)) is not None:
            start = run_start(text, trigger.start(), position)
            end = next_run_end(text, trigger.end())
            yield from self._pattern.finditer(text, start, end)
            position = end


# Where a match may start in a rule set that says `starts_outside_space_runs`: not
# between two whitespace characters.
_OUTSIDE_SPACE_RUNS = r"(?:(?<!\s)|(?!\s))"

# Up to this many words, `may_contain_any` searches a text for each of them; past it,
# it answers True without looking, so that its cost does not grow with the list.
MAX_SUBSTRING_TESTS = 16


def may_contain_any(text: str, words: Collection[str]) -> bool:
    """False only when none of `words` is a substring of `text`: a cheap gate before
    tokenising `text` to find them as words."""
    return len(words) > MAX_SUBSTRING_TESTS or any(word in text for word in words)


# Whitespace as patterns see it (`\s`: Unicode White_Space), which is narrower than
# str.isspace() (that also counts U+001C..U+001F).
_WHITESPACE = frozenset(regex.findall(r"\s", "".join(map(chr, range(0x10000)))))


def run_start(text: str, index: int, floor: int) -> int:
    """Where the run (of whitespace, or of other characters) holding `index`
    starts, not before `floor`."""
    space = text[index] in _WHITESPACE
    while index > floor and (text[index - 1] in _WHITESPACE) == space:
        index -= 1
    return index


def next_run_end(text: str, index: int, limit: int | None = None) -> int:
    """The end of the run of non-whitespace at or after `index` (not after
    `limit`)."""
    size = len(text) if limit is None else min(limit, len(text))
    while index < size and text[index] in _WHITESPACE:
        index += 1
    while index < size and text[index] not in _WHITESPACE:
        index += 1
    return index


def parse_rules(data: dict, origin: str) -> list[Rule]:
    """Turn a parsed rule file into `Rule`s, naming `origin` in every error."""
    tables = data.get("rule", [])
    if not isinstance(tables, list):
        raise ConfigError(f"{origin}: 'rule' must be an array of tables ([[rule]])")
    lists = {**shared_lists(), **data.get("lists", {})}
    rules = []
    for index, table in enumerate(tables, start=1):
        keep = table.get("keep", False)
        required = {"name", "pattern"} | (set() if keep else {"replacement"})
        missing = required - set(table)
        if missing:
            raise ConfigError(
                f"{origin}: rule #{index} lacks {', '.join(sorted(missing))}"
            )
        pattern = _expand_lists(table["pattern"], lists, origin, table["name"])
        try:
            regex.compile(pattern, regex.VERSION1)
        except regex.error as exc:
            raise ConfigError(
                f"{origin}: rule {table['name']!r} has an invalid pattern: {exc}"
            ) from exc
        rules.append(
            Rule(
                name=table["name"],
                pattern=pattern,
                replacement=table.get("replacement", ""),
                description=table.get("description", ""),
                keep=keep,
            )
        )
    return rules


_LIST_REFERENCE = regex.compile(r"\{([a-z_]+)\}")


def _expand_lists(pattern: str, lists: dict, origin: str, rule: str) -> str:
    """Replace `{name}` with an alternation of the escaped words of list `name`."""

    def alternation(match: regex.Match) -> str:
        words = lists.get(match.group(1))
        if not isinstance(words, list):
            raise ConfigError(
                f"{origin}: rule {rule!r} uses unknown list {{{match[1]}}}"
            )
        longest_first = sorted(words, key=len, reverse=True)
        return "(?:" + "|".join(regex.escape(word) for word in longest_first) + ")"

    return _LIST_REFERENCE.sub(alternation, pattern)


@cache
def builtin_rule_set(*stems: str) -> RuleSet:
    """The packaged rule files `stems` compiled as one set, in order (built once
    per process). It has a gate when every file has one, and is local when every
    file is, unless the text holds a character any of them names."""
    files = {stem: builtin_data(stem) for stem in stems}
    gates = [data.get("gate") for data in files.values()]
    gate = "|".join(f"(?:{g})" for g in gates) if all(gates) else None
    local = all(data.get("local") for data in files.values())
    outside = all(data.get("starts_outside_space_runs") for data in files.values())
    unless = "".join(data.get("local_unless", "") for data in files.values())
    return RuleSet(
        [rule for stem in stems for rule in _parse_builtin(stem, files[stem])],
        gate=gate,
        local_unless=unless if local else None,
        starts_outside_space_runs=outside,
    )


def builtin_rules(stem: str) -> list[Rule]:
    """Rules from the packaged file `cleantext/rules/<stem>.toml`."""
    return _parse_builtin(stem, builtin_data(stem))


def _parse_builtin(stem: str, data: dict) -> list[Rule]:
    return parse_rules(data, f"cleantext/rules/{stem}.toml")


def rules_from_file(path: str | Path) -> list[Rule]:
    """Rules from a user's TOML file, each checked for runaway backtracking."""
    try:
        data = load_toml(path)
    except (OSError, TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read rule file: {exc}") from exc
    rules = parse_rules(data, str(path))
    for rule in rules:
        refuse_runaway(
            regex.compile(rule.pattern, regex.VERSION1), f"{path}: rule {rule.name!r}"
        )
    return rules


# A user's pattern is tried on runs of this many of each character it names (and
# of a few common ones), each followed by one that ends no match; any search over
# `PROBE_SECONDS` means it backtracks without bound. The built-in patterns are
# timed on many more shapes by the test suite (tests/test_linear_rules.py).
PROBE_CHARS, PROBE_SECONDS = 5_000, 0.25


def refuse_runaway(pattern: regex.Pattern, where: str) -> None:
    """Raise `ConfigError` if `pattern` takes seconds on a short run of one
    character, as `(a|aa)+$` does: such a rule would hang a run on real text."""
    named = {c for c in pattern.pattern if c.isprintable() and not c.isspace()}
    for char in sorted(named | set(" \u00a0a1.,-")):
        probe = char * PROBE_CHARS + "\x00"
        try:
            pattern.search(probe, timeout=PROBE_SECONDS)
        except TimeoutError:
            raise ConfigError(
                f"{where}: its pattern backtracks without bound (over "
                f"{PROBE_SECONDS} s on {PROBE_CHARS:,} of {char!r}); use possessive "
                "quantifiers (a++) or atomic groups ((?>...))"
            ) from None
