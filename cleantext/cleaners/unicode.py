"""FixUnicode: repair mojibake, HTML entities and control characters with ftfy."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Literal

import ftfy
import regex
from ftfy.badness import is_bad
from ftfy.chardata import CONTROL_CHARS, LIGATURES

from cleantext.cleaner import Cleaner
from cleantext.cleaners.spacing import SPACING_RULES
from cleantext.cleaners.whitespace import normalize_whitespace_characters
from cleantext.document import Document

# Characters some ftfy step changes whatever their context, built from ftfy's own
# tables: control characters (terminal escapes start with one), ligatures, C1
# controls, surrogates, and HTML entities. Text with none of them, that ftfy's
# mojibake detector does not flag and that is already normalised, is a fixed point of
# ftfy with the default options: ftfy is not called for it.
_FTFY_TRIGGER = regex.compile(
    "["
    + regex.escape("".join(map(chr, CONTROL_CHARS)) + "".join(map(chr, LIGATURES)))
    + r"\x80-\x9f\ud800-\udfff]|&#?[0-9A-Za-z]{1,24};"
)
# Lines end at the terminators NormalizeWhitespace turns into "\n" and ftfy keeps, so a
# line is the same unit before and after both run (ftfy's HTML "auto" mode looks for
# "<" per line). Not at U+000B or U+0085: ftfy deletes the first as a control
# character and reads the second as a Windows-1252 "…", which would merge lines.
_LINE = regex.compile(
    r"[^\n\r\u2028\u2029\x0c]*(?:\r\n|[\n\r\u2028\u2029\x0c])|[^\n\r\u2028\u2029\x0c]+"
)
_MAX_ROUNDS = 4


@dataclass
class FixUnicode(Cleaner):
    """Repair broken Unicode with ftfy, line by line, touching only lines that need it.

    Defaults differ from `ftfy.fix_text` on purpose:
    - `uncurl_quotes=False`: curly quotes and apostrophes are typography, not damage.
    - `fix_character_width=False`: full-width forms are correct in CJK text.
    - line breaks are left to NormalizeWhitespace, so each edit is reported by the
      cleaner whose job it is.
    Mojibake repair, HTML entity decoding (on lines without a `<`, which may be a tag),
    Latin ligatures, C1 and other control characters, terminal escapes, surrogates
    and NFC normalisation stay on. Lines that ftfy would return unchanged (no
    character any ftfy step rewrites, no mojibake by ftfy's own detector, already
    normalised) are skipped without calling ftfy.
    """

    uncurl_quotes: bool = False
    fix_character_width: bool = False
    fix_latin_ligatures: bool = True
    unescape_html: bool = True
    normalization: Literal["NFC", "NFD", "NFKC", "NFKD", "none"] = "NFC"
    _config: ftfy.TextFixerConfig = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        super().__post_init__()
        self._config = ftfy.TextFixerConfig(
            uncurl_quotes=self.uncurl_quotes,
            fix_character_width=self.fix_character_width,
            fix_latin_ligatures=self.fix_latin_ligatures,
            unescape_html="auto" if self.unescape_html else False,
            normalization=None if self.normalization == "none" else self.normalization,
            fix_line_breaks=False,
            explain=False,
        )

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        if text.isascii() and not _FTFY_TRIGGER.search(text):
            return doc
        pieces = []
        for match in _LINE.finditer(text):
            line = match.group()
            fixed = self._fix(line) if self._needs_ftfy(line) else line
            if fixed != line:
                rule = self._rule(line) if doc.explain else "ftfy"
                doc.record(self.name, rule, line, fixed, match.start())
            pieces.append(fixed)
        doc.text = "".join(pieces)
        return doc

    def unstable(self, text: str) -> bool:
        """Whether this cleaner would change `text`: other cleaners use it so as not to
        create what looks like mojibake (capitalising "à°" gives "À°")."""
        return any(
            self._needs_ftfy(m.group()) and self._fix(m.group()) != m.group()
            for m in _LINE.finditer(text)
        )

    def _needs_ftfy(self, line: str) -> bool:
        """False only for lines ftfy would return unchanged (a cheap, exact gate)."""
        if self.uncurl_quotes or self.fix_character_width:
            return True  # these change ordinary characters: no cheap gate
        if _FTFY_TRIGGER.search(line):
            return True
        if line.isascii():
            return False
        if self.normalization != "none" and not unicodedata.is_normalized(
            self.normalization, line
        ):
            return True
        return is_bad(line)

    def _fix(self, line: str) -> str:
        """ftfy's fix, carried on until ftfy has nothing more to change.

        ftfy reads no-break spaces, soft hyphens and the spaces after "Â" or "Ã" as
        possible mojibake bytes, so its verdict on a line can change once
        NormalizeWhitespace or FixSpacing has touched them. Where it would, the line
        is fixed in that normalised form; and ftfy is re-run while it keeps changing
        its own output. This keeps `clean` idempotent.
        """
        seen, fixed = line, ftfy.fix_text(line, self._config)
        for _ in range(_MAX_ROUNDS):
            probe = _normalized_downstream(fixed)
            if probe == seen == fixed:  # the common case: one ftfy call
                break
            again = ftfy.fix_text(probe, self._config)
            if again == probe:
                break
            seen, fixed = probe, again
        return fixed

    def _rule(self, line: str) -> str:
        """Name the ftfy steps that changed `line`; computed only when explaining."""
        config = self._config._replace(explain=True)
        steps = ftfy.fix_and_explain(line, config).explanation or []
        names = []
        for action, parameter in steps:
            name = parameter if action in ("apply", "normalize") else "fix_encoding"
            if name not in names:
                names.append(name)
        return "+".join(names) or "ftfy"


def _normalized_downstream(text: str) -> str:
    """`text` as the whitespace and spacing cleaners later in a pipeline leave it."""
    return SPACING_RULES.substitute(normalize_whitespace_characters(text))
