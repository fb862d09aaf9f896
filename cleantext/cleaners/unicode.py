"""FixUnicode: repair mojibake, HTML entities and control characters with ftfy."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from cleantext.cleaners.base import Cleaner
from cleantext.cleaners.shared.encoding import LINE, FtfyRepair
from cleantext.cleaners.shared.utf16 import READ_BOMS, utf16_read_as_bytes
from cleantext.document import Document


@dataclass
class FixUnicode(Cleaner):
    """Repair broken Unicode with ftfy, line by line, touching only lines that need it.

    Defaults differ from `ftfy.fix_text` on purpose:
    - `uncurl_quotes=False`: curly quotes and apostrophes are typography, not damage.
    - `fix_character_width=False`: full-width forms are correct in CJK text.
    - line breaks are left to NormalizeWhitespace, so each edit is reported by the
      cleaner whose job it is.
    Text that is UTF-16 read one byte per character (NULs after every Latin
    letter, "ÿþ" in front) is decoded again first (`fix_utf16`; `utf16.py`).
    Mojibake repair, HTML entity decoding (on lines without a `<`, which may be a tag),
    Latin ligatures, C1 and other control characters, terminal escapes, surrogates
    and NFC normalisation stay on. Lines that ftfy would return unchanged (no
    character any ftfy step rewrites, no mojibake by ftfy's own detector, already
    normalised) are skipped without calling ftfy; a document none of whose lines
    could change is passed through after the same tests on its whole text, and
    ftfy's detector runs only where two characters beyond ASCII meet
    (`cleantext.cleaners.shared.mojibake_gate`).
    """

    uncurl_quotes: bool = False
    fix_character_width: bool = False
    fix_latin_ligatures: bool = True
    unescape_html: bool = True
    normalization: Literal["NFC", "NFD", "NFKC", "NFKD", "none"] = "NFC"
    fix_utf16: bool = True
    _repair: FtfyRepair = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        super().__post_init__()
        self._repair = FtfyRepair(
            uncurl_quotes=self.uncurl_quotes,
            fix_character_width=self.fix_character_width,
            fix_latin_ligatures=self.fix_latin_ligatures,
            unescape_html=self.unescape_html,
            normalization=self.normalization,
        )

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        if self.fix_utf16 and ("\x00" in text or text.startswith(READ_BOMS)):
            decoded = utf16_read_as_bytes(text)
            if decoded is not None:
                doc.record(self.name, "utf16-read-as-bytes", text, decoded, 0)
                doc.text = text = decoded
        repair = self._repair
        if not repair.may_change(text):
            return doc
        pieces = []
        for match in LINE.finditer(text):
            line = match.group()
            fixed = repair.fix(line) if repair.needs_ftfy(line) else line
            if fixed != line:
                rule = f"ftfy {repair.explain(line)}" if doc.explain else "ftfy"
                doc.record(self.name, rule, line, fixed, match.start())
            pieces.append(fixed)
        doc.text = "".join(pieces)
        return doc
