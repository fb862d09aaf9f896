"""What inline cleaners must never touch: URLs, e-mail addresses, inline code, paths,
dotted identifiers, MAC and IPv6 addresses, numbers.

These are the `keep` rules of `rules/protected.toml`. A rule set built with
`protected_rule_set` tries them first, so they consume such spans whole and no
rule after them can match inside one; a scanner that tokenises prose (FixTypos)
puts `PROTECTED.rules` before its word pattern for the same reason.
"""

from __future__ import annotations

from cleantext.rulesets import RuleSet, builtin_rule_set

PROTECTED: RuleSet = builtin_rule_set("protected")


def protected_rule_set(*stems: str) -> RuleSet:
    """The packaged rule files `stems`, after the protected spans: one set, built
    once per process."""
    return builtin_rule_set("protected", *stems)
