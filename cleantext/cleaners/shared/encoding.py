"""Text repaired by ftfy, line by line, and an exact, cheap test of whether ftfy
would change a line at all.

FixUnicode repairs with it; FixCasing asks it so as never to make a line that
reads as mojibake (capitalising "à°" gives "À°", which ftfy would then "repair").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

import ftfy
import regex
from ftfy.badness import is_bad
from ftfy.chardata import CONTROL_CHARS, LIGATURES

from cleantext.cleaners.shared.mojibake_gate import may_be_mojibake
from cleantext.cleaners.shared.protect import protected_rule_set
from cleantext.rulesets import builtin_rule_set

# Characters some ftfy step changes whatever their context, built from ftfy's own
# tables: control characters (terminal escapes start with one), ligatures, C1
# controls, surrogates, and HTML entities. Text with none of them, that ftfy's
# mojibake detector does not flag and that is already normalised, is a fixed point of
# ftfy with the default options: ftfy is not called for it.
# The standard library's engine searches this large class about four times faster
# than the `regex` module.
FTFY_TRIGGER = re.compile(
    "["
    + re.escape("".join(map(chr, CONTROL_CHARS)) + "".join(map(chr, LIGATURES)))
    + r"\x80-\x9f\ud800-\udfff]|&#?[0-9A-Za-z]{1,24};"
)
# Lines end at the terminators NormalizeWhitespace turns into "\n" and ftfy keeps, so a
# line is the same unit before and after both run (ftfy's HTML "auto" mode looks for
# "<" per line). Not at U+000B or U+0085: ftfy deletes the first as a control
# character and reads the second as a Windows-1252 "…", which would merge lines.
LINE = regex.compile(
    r"[^\n\r\u2028\u2029\x0c]*(?:\r\n|[\n\r\u2028\u2029\x0c])|[^\n\r\u2028\u2029\x0c]+"
)
_MAX_ROUNDS = 4


@dataclass(frozen=True)
class FtfyRepair:
    """ftfy with cleantext's settings (see FixUnicode for why they differ from
    `ftfy.fix_text`'s): line breaks are left to NormalizeWhitespace."""

    uncurl_quotes: bool = False
    fix_character_width: bool = False
    fix_latin_ligatures: bool = True
    unescape_html: bool = True
    normalization: str = "NFC"

    @cached_property
    def config(self) -> ftfy.TextFixerConfig:
        return ftfy.TextFixerConfig(
            uncurl_quotes=self.uncurl_quotes,
            fix_character_width=self.fix_character_width,
            fix_latin_ligatures=self.fix_latin_ligatures,
            unescape_html="auto" if self.unescape_html else False,
            normalization=None if self.normalization == "none" else self.normalization,
            fix_line_breaks=False,
            explain=False,
        )

    def needs_ftfy(self, line: str) -> bool:
        """False only for lines ftfy would return unchanged (a cheap, exact gate)."""
        return self._may_differ(line, is_bad)

    def may_change(self, text: str) -> bool:
        """False only where `needs_ftfy` is false for every line of `text`: the
        same tests on the whole text at once, at C speed (no line break joins
        two characters into mojibake or into one composed character), without
        ftfy's detector, which judges one line."""
        return self._may_differ(text, lambda _: True)

    def _may_differ(self, text: str, is_mojibake) -> bool:
        """The gate's tests, cheapest first; `is_mojibake` has the last word on
        text the mojibake gate flags."""
        if self.uncurl_quotes or self.fix_character_width:
            return True  # these change ordinary characters: no cheap gate
        if FTFY_TRIGGER.search(text):
            return True
        if text.isascii():
            return False
        if self.normalization != "none" and not unicodedata.is_normalized(
            self.normalization, text
        ):
            return True
        return may_be_mojibake(text) and is_mojibake(text)

    def fix(self, line: str) -> str:
        """ftfy's fix, carried on until ftfy has nothing more to change.

        ftfy reads no-break spaces, soft hyphens and the spaces after "Â" or "Ã" as
        possible mojibake bytes, so its verdict on a line can change once
        NormalizeWhitespace or FixSpacing has touched them. Where it would, the line
        is fixed in that normalised form; and ftfy is re-run while it keeps changing
        its own output. This keeps `clean` idempotent.
        """
        seen, fixed = line, ftfy.fix_text(line, self.config)
        for _ in range(_MAX_ROUNDS):
            probe = _normalized_downstream(fixed)
            if probe == seen == fixed:  # the common case: one ftfy call
                break
            again = ftfy.fix_text(probe, self.config)
            if again == probe:
                break
            seen, fixed = probe, again
        return fixed

    def repaired(self, text: str) -> str:
        """`text` repaired line by line, and its spaces as NormalizeWhitespace's
        rules leave them: what a second cleaning would make of it."""
        fixed = "".join(
            self.fix(m.group()) if self.needs_ftfy(m.group()) else m.group()
            for m in LINE.finditer(text)
        )
        return builtin_rule_set("whitespace").substitute(fixed)

    def would_change(self, text: str) -> bool:
        """Whether repairing `text` line by line would change it."""
        return any(
            self.needs_ftfy(m.group()) and self.fix(m.group()) != m.group()
            for m in LINE.finditer(text)
        )

    def explain(self, line: str) -> str:
        """Name the ftfy steps that change `line` ("fix_encoding+unescape_html")."""
        config = self.config._replace(explain=True)
        steps = ftfy.fix_and_explain(line, config).explanation or []
        names = []
        for action, parameter in steps:
            name = parameter if action in ("apply", "normalize") else "fix_encoding"
            if name not in names:
                names.append(name)
        return "+".join(names) or "ftfy"


DEFAULT_REPAIR = FtfyRepair()


def _normalized_downstream(text: str) -> str:
    """`text` as the whitespace and spacing rules later in a pipeline leave it
    (the rule files, not the cleaners: FixUnicode predicts their effect)."""
    spaced = builtin_rule_set("whitespace").substitute(text)
    return protected_rule_set("spacing").substitute(spaced)
