"""FixUnicode: repair mojibake, HTML entities and control characters with ftfy."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import ftfy
import regex

from cleantext.cleaner import Cleaner
from cleantext.document import Document

# ASCII text can still need ftfy: entities ("&amp;"), control characters and terminal
# escapes are ASCII. Any other pure-ASCII text is already as ftfy would leave it.
_ASCII_NEEDS_FTFY = regex.compile(r"&#?\w+;|[\x00-\x08\x0b\x0e-\x1f\x7f]")
_LINE = regex.compile(r"[^\n]*\n|[^\n]+")


@dataclass
class FixUnicode(Cleaner):
    """Repair broken Unicode with ftfy, line by line, touching only lines that need it.

    Defaults differ from `ftfy.fix_text` on purpose:
    - `uncurl_quotes=False`: curly quotes and apostrophes are typography, not damage.
    - `fix_character_width=False`: full-width forms are correct in CJK text.
    - line breaks are left to NormalizeWhitespace, so each edit is reported by the
      cleaner whose job it is.
    Mojibake repair, HTML entity decoding (only where the text has no `<` tags),
    Latin ligatures, C1 and other control characters, terminal escapes, surrogates
    and NFC normalisation stay on. Lines that are pure ASCII with no `&...;` entity and
    no control character are skipped without calling ftfy.
    """

    uncurl_quotes: bool = False
    fix_character_width: bool = False
    fix_latin_ligatures: bool = True
    unescape_html: bool = True
    normalization: Literal["NFC", "NFD", "NFKC", "NFKD", "none"] = "NFC"
    _config: ftfy.TextFixerConfig = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
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
        if text.isascii() and not _ASCII_NEEDS_FTFY.search(text):
            return doc
        pieces = []
        for match in _LINE.finditer(text):
            line = match.group()
            fixed = line if _is_clean_ascii(line) else self._fix(line)
            if fixed != line:
                rule = self._rule(line) if doc.explain else "ftfy"
                doc.record(self.name, rule, line, fixed, match.start())
            pieces.append(fixed)
        doc.text = "".join(pieces)
        return doc

    def _fix(self, line: str) -> str:
        return ftfy.fix_text(line, self._config)

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


def _is_clean_ascii(line: str) -> bool:
    return line.isascii() and not _ASCII_NEEDS_FTFY.search(line)
