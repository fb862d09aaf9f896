"""The junk-rule catalogue: named line patterns that say a line is scraper junk (or,
for `keep` rules, that it is content the line model must leave alone).

Rules come from `cleantext/rules/boilerplate.toml` (whose header documents the
fields) and from users' files. A line is matched on its *core*: the text without
surrounding spaces, a leading list bullet or number, or Markdown `#` marks. A full
rule must match the whole core, except trailing `:.!…` punctuation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import regex

from cleantext.errors import ConfigError
from cleantext.resources.data import builtin_data
from cleantext.resources.tomlio import TOMLDecodeError, load_toml
from cleantext.rulesets import refuse_runaway

DROP, TRAILER, METADATA, TOC, KEEP = "drop", "trailer", "metadata", "toc", "keep"
ACTIONS = (DROP, TRAILER, METADATA, TOC, KEEP)
ZONES = ("any", "head")
METADATA_FIELDS = ("date", "author", "source")
_DEFAULT_MAX_WORDS = 12


@dataclass(frozen=True, slots=True)
class JunkRule:
    """One named way of recognising a junk line, and what to do with it."""

    name: str
    action: str
    pattern: regex.Pattern
    zone: str = "any"
    full: bool = True
    max_words: int = _DEFAULT_MAX_WORDS
    description: str = ""

    def match(self, core: str) -> regex.Match | None:
        return (self.pattern.fullmatch if self.full else self.pattern.search)(core)


class JunkCatalogue:
    """Rules in priority order; the first rule that matches a line decides."""

    def __init__(self, rules: Iterable[JunkRule]) -> None:
        self.rules = tuple(rules)
        names = [rule.name for rule in self.rules]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ConfigError(f"junk rules defined twice: {', '.join(duplicates)}")
        self._any_rule = _any_of(self.rules)
        self.metadata_rules = frozenset(
            rule.name for rule in self.rules if rule.action == METADATA
        )

    @classmethod
    def load(
        cls, extra_files: Iterable[str | Path] = (), disabled: Iterable[str] = ()
    ) -> JunkCatalogue:
        """The built-in rules, then users' files, without the `disabled` ones."""
        rules = parse_junk_rules(builtin_data("boilerplate"), "boilerplate.toml")
        for path in extra_files:
            try:
                data = load_toml(path)
            except (OSError, TOMLDecodeError) as exc:
                raise ConfigError(f"{path}: cannot read junk rules: {exc}") from exc
            added = parse_junk_rules(data, str(path))
            for rule in added:
                refuse_runaway(rule.pattern, f"{path}: rule {rule.name!r}")
            rules.extend(added)
        disabled = set(disabled)
        unknown = disabled - {rule.name for rule in rules}
        if unknown:
            raise ConfigError(f"cannot disable unknown junk rule(s): {sorted(unknown)}")
        return cls(rule for rule in rules if rule.name not in disabled)

    def first_match(
        self, core: str, words: int, in_head: bool
    ) -> tuple[JunkRule, regex.Match] | None:
        """The first rule that applies to a line of `words` words, with its match.
        Most lines match none: one search for all the rules says so."""
        full, searched = self._any_rule
        if not (full.fullmatch(core) or searched.search(core)):
            return None
        for rule in self.rules:
            if words > rule.max_words or (rule.zone == "head" and not in_head):
                continue
            found = rule.match(core)
            if found:
                return rule, found
        return None


def _any_of(rules: tuple[JunkRule, ...]) -> tuple[regex.Pattern, regex.Pattern]:
    """Two patterns that between them match a line's core wherever any of `rules`
    does (whatever its zone and word limit): the full-line rules' alternation, to
    match the whole core, and the others', to search it; each rule keeps its case
    flag."""

    def alternation(full: bool) -> regex.Pattern:
        parts = [
            f"(?{'i' if rule.pattern.flags & regex.IGNORECASE else '-i'}:"
            f"{rule.pattern.pattern})"
            for rule in rules
            if rule.full == full
        ]
        return regex.compile("|".join(parts) or r"(?!)", regex.VERSION1)

    return alternation(True), alternation(False)


def parse_junk_rules(data: dict, origin: str) -> list[JunkRule]:
    """Validate and compile the `[[rule]]` tables of a junk-rule file."""
    tables = data.get("rule", [])
    if not isinstance(tables, list):
        raise ConfigError(f"{origin}: 'rule' must be an array of tables ([[rule]])")
    return [_parse_rule(table, origin, n) for n, table in enumerate(tables, start=1)]


def _parse_rule(table: dict, origin: str, number: int) -> JunkRule:
    where = f"{origin}: rule #{number} ({table.get('name', 'unnamed')})"
    known = {
        "name",
        "action",
        "pattern",
        "zone",
        "match",
        "max_words",
        "case_sensitive",
        "description",
    }
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown field(s) {', '.join(unknown)}")
    for required in ("name", "action", "pattern"):
        if not isinstance(table.get(required), str):
            raise ConfigError(f"{where}: needs a string {required!r}")
    action, zone = table["action"], table.get("zone", "any")
    match = table.get("match", "full")
    if action not in ACTIONS:
        raise ConfigError(f"{where}: action must be one of {', '.join(ACTIONS)}")
    if zone not in ZONES:
        raise ConfigError(f"{where}: zone must be one of {', '.join(ZONES)}")
    if match not in ("full", "search"):
        raise ConfigError(f"{where}: match must be 'full' or 'search'")
    if match == "search" and "max_words" not in table:
        raise ConfigError(f"{where}: a search rule needs max_words")
    max_words = table.get("max_words", _DEFAULT_MAX_WORDS)
    if not isinstance(max_words, int) or max_words < 1:
        raise ConfigError(f"{where}: max_words must be a positive integer")
    source = table["pattern"]
    if match == "full":
        source = rf"(?:{source})[\s:.!…]*"
    flags = regex.VERSION1 | (0 if table.get("case_sensitive") else regex.IGNORECASE)
    try:
        pattern = regex.compile(source, flags)
    except regex.error as exc:
        raise ConfigError(f"{where}: invalid pattern: {exc}") from exc
    if action == METADATA and not set(pattern.groupindex) & set(METADATA_FIELDS):
        raise ConfigError(
            f"{where}: a metadata rule needs a named group among "
            f"{', '.join(METADATA_FIELDS)}"
        )
    return JunkRule(
        name=table["name"],
        action=action,
        pattern=pattern,
        zone=zone,
        full=match == "full",
        max_words=max_words,
        description=table.get("description", ""),
    )
