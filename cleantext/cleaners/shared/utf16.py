"""Text that is UTF-16 read one byte per character: a UTF-16 file opened as
Latin-1 or Windows-1252 gives "ÿþH\\x00i\\x00", a NUL after every Latin letter and
two odd characters for every other one ("\\x19 " for "’").

Deleting the NULs, as control-character repair does, keeps the Latin letters and
loses the rest ("We ll" for "We’ll", a stray "ÿþ" line); decoding the pairs again
restores them. When the bytes are out of step, because the text went through
whitespace clean-up after the misreading (lines stripped, spaces collapsed lose
single bytes), the pairs are read with resynchronisation: a lone NUL is dropped, a
character whose partner was lost is kept as it is.
"""

from __future__ import annotations

import re

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)

_BOMS = {"\xff\xfe": "little", "\xfe\xff": "big"}
READ_BOMS = tuple(_BOMS)  # the byte-order marks, as one byte per character
# Without a byte-order mark, a text is read as UTF-16 only when this share of its
# characters are NULs: mostly-Latin UTF-16 read byte-wise has about half.
MIN_NUL_SHARE = 0.3
# One character of UTF-16 in little-endian order: a Latin-1 character (its high
# byte NUL), a wider one (two non-NUL bytes, unless the next byte is a NUL: then
# the first byte lost its partner), a lone byte, or a lone NUL.
_LITTLE = re.compile(r"([^\x00])\x00|([^\x00][^\x00])(?!\x00)|([^\x00])|\x00", re.S)
# In big-endian order a NUL leads a Latin-1 character, so a NUL after a pair is
# no sign of a lost byte: only the first two readings apply.
_BIG = re.compile(r"\x00([^\x00])|([^\x00][^\x00])|([^\x00])|\x00", re.S)
# Bytes read one pair off: printable ASCII and spaces become characters whose low
# byte is 0 ("H" "e" read as U+6500). Three in a row mean the pairs are out of
# step (no script writes so); then the text is read with resynchronisation.
_MISALIGNED = re.compile(
    "[" + "".join(chr(byte << 8) for byte in (9, 10, 13, *range(0x20, 0x7F))) + "]{3}"
)
# Windows-1252's characters beyond Latin-1, back to the bytes they were read from.
# (ftfy's sloppy codec also reads 0x1A, the SUBSTITUTE control, as U+FFFD.)
_CP1252_BYTES = {
    char: byte
    for byte in range(256)
    if ord(char := bytes([byte]).decode("sloppy-windows-1252")) > 0xFF
}


def utf16_read_as_bytes(text: str) -> str | None:
    """The text `text` was, if it is UTF-16 read one byte per character (it
    starts with a byte-order mark read so, "ÿþ" or "þÿ", or NULs are
    `MIN_NUL_SHARE` of its characters; and every character is a byte of Latin-1
    or Windows-1252); else None."""
    order = _BOMS.get(text[:2])
    if order is not None:
        text = text[2:]
    elif "\x00" not in text or text.count("\x00") < MIN_NUL_SHARE * len(text):
        return None
    else:
        order = "big" if text[0] == "\x00" else "little"
    if any(ord(ch) > 0xFF and ch not in _CP1252_BYTES for ch in set(text)):
        return None
    codec = "utf-16-le" if order == "little" else "utf-16-be"
    data = bytes(map(_byte, text))
    if len(data) % 2 == 0:
        whole = data.decode(codec, "surrogatepass")
        if not _MISALIGNED.search(whole):
            return whole
    pattern = _LITTLE if order == "little" else _BIG
    decoded = pattern.sub(lambda match: _character(match, order), text)
    # Characters beyond the first plane came as two surrogates: join them.
    return decoded.encode("utf-16-le", "surrogatepass").decode(
        "utf-16-le", "surrogatepass"
    )


def _character(match: re.Match, order: str) -> str:
    latin, pair, lone = match.groups()
    if latin is not None:
        return chr(_byte(latin))
    if pair is not None:
        low, high = (_byte(pair[0]), _byte(pair[1]))
        if order == "big":
            low, high = high, low
        return chr(low | high << 8)
    return lone or ""


def _byte(char: str) -> int:
    return ord(char) if ord(char) <= 0xFF else _CP1252_BYTES[char]
