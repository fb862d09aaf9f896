"""Words and sentences as the published quality filters count them.

Gopher, C4 and FineWeb thresholds were set on a particular tokenisation; datatrove,
the reference implementation, splits English with spaCy's rule-based tokenizer. This
module follows the same conventions without spaCy: split on whitespace, then peel
prefixes (opening punctuation, quotes, currency) and suffixes (closing punctuation,
quotes, "'s", "n't", units after numbers, a full stop after a lowercase word), then
split infixes (hyphens and slashes between letters, ellipses), keeping URLs,
numbers ("3.5", "1,000") and abbreviations ("U.S.", "e.g.", "Dr.") whole. The
sentence count follows spaCy's sentencizer: a new sentence starts at the first
non-punctuation token after a sentence-final mark.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import regex

_PUNCT = r"…,:;!?¿؟¡()\[\]{}<>_#*&。？！，、；：～·।،۔؛٪"
_QUOTES = r"'\"”“`‘´’‚,„»«「」『』（）〔〕【】《》〈〉⟦⟧"
_CURRENCY = r"$£€¥฿₽﷼₴₠₡₢₣₤₥₦₧₨₩₪₫₭₮₯₰₱₲₳₵₶₷₸₹₺₻₼₾₿"
_ICON = r"\p{So}"
_UNITS = (
    "km|km²|km³|m|m²|m³|dm|dm²|dm³|cm|cm²|cm³|mm|mm²|mm³|ha|µm|nm|yd|in|ft|kg|g|mg|"
    "µg|t|lb|oz|m/s|km/h|kmh|mph|hPa|Pa|mbar|mb|MB|kb|KB|gb|GB|tb|TB|T|G|M|K|%"
)
_HYPHENS = r"---|--|——|-|–|—|~"

_PREFIX = regex.compile(
    rf"^(?:§|%|=|—|–|\+(?![0-9])|\.\.+|…|[{_PUNCT}]|[{_QUOTES}]|US\$|C\$|A\$|"
    rf"[{_CURRENCY}]|{_ICON})",
    regex.V1,
)
_SUFFIX = regex.compile(
    rf"(?:\.\.+|…|[{_PUNCT}]|[{_QUOTES}]|{_ICON}|'s|'S|’s|’S|—|–|(?<=[0-9])\+|"
    rf"(?<=°[FfCcKk])\.|(?<=[0-9])(?:[{_CURRENCY}]|US\$|C\$|A\$)|"
    rf"(?<=[0-9])(?:{_UNITS})|"
    rf"(?<=[0-9\p{{Ll}}%²\-+{_PUNCT}{_QUOTES}])\.|(?<=\p{{Lu}}\p{{Lu}})\.)$",
    regex.V1,
)
_INFIX = regex.compile(
    rf"\.\.+|…|{_ICON}|(?<=[0-9])[+\-*^](?=[0-9-])|"
    rf"(?<=[\p{{Ll}}{_QUOTES}])\.(?=[\p{{Lu}}{_QUOTES}])|(?<=\p{{L}}),(?=\p{{L}})|"
    rf"(?<=[\p{{L}}0-9])(?:{_HYPHENS})(?=\p{{L}})|(?<=[\p{{L}}0-9])[:<>=/](?=\p{{L}})",
    regex.V1,
)
_URL = regex.compile(
    r"^(?:(?:https?|ftp)://|www\.)\S+$|"
    r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$"
)
# spaCy's sentencizer ends a sentence at a token that is one sentence-terminal
# character (its list is this Unicode property as of an older Unicode version: the
# characters added since belong to non-Latin scripts).
_SENTENCE_TERMINAL = regex.compile(r"\p{Sentence_Terminal}")
_LONG_CHUNK = 100
_LONG_CHUNK_PIECES = regex.compile(r"\w+|[^\w\s]")
_PUNCTUATION_TOKEN = regex.compile(r"^[\p{P}]+$")


@lru_cache(maxsize=1)
def _special_cases() -> dict[str, list[str]]:
    """Tokens kept whole ("U.S.", ":)") or split as a table says ("don't" -> "do",
    "n't"), from `rules/token-exceptions.tsv`."""
    text = resources.files("cleantext.rules").joinpath("token-exceptions.tsv")
    cases = {}
    for line in text.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            token, _, pieces = line.partition("\t")
            cases[token] = pieces.split(" ") if pieces else [token]
    return cases


def split_words(text: str) -> list[str]:
    """The word tokens of `text` (punctuation tokens included), as spaCy's English
    tokenizer makes them, whitespace dropped."""
    tokens: list[str] = []
    specials = _special_cases()
    for chunk in text.split():
        if chunk.isalpha() and chunk not in specials:
            tokens.append(chunk)  # most chunks: one plain word, nothing to peel
        else:
            tokens.extend(_chunk_tokens(chunk))
    return tokens


@lru_cache(maxsize=65536)
def _chunk_tokens(chunk: str) -> tuple[str, ...]:
    """The tokens of one whitespace-free chunk (pure, so memoised: web text repeats
    its punctuated chunks, "it's", "U.S.", "2024.", a lot)."""
    if len(chunk) > _LONG_CHUNK and not _URL.match(chunk):
        # spaCy peels affixes one at a time, quadratic on "!!!!..." runs: split
        # such a chunk into words and single symbols in one linear pass instead.
        return tuple(_LONG_CHUNK_PIECES.findall(chunk))
    pieces: list[str] = []
    _split_chunk(chunk, pieces)
    return tuple(_merge_special_cases(pieces) if len(pieces) > 1 else pieces)


def clear_word_cache() -> None:
    """Forget memoised chunk splits (benchmarks start each run cold with it)."""
    _chunk_tokens.cache_clear()


def _merge_special_cases(pieces: list[str]) -> list[str]:
    """Rejoin adjacent tokens that spell a special case ("Dr" "." -> "Dr.",
    ")" ":" -> "):"), as spaCy's special-case matcher does after splitting."""
    merged: list[str] = []
    k = 0
    while k < len(pieces):
        for width in (3, 2):
            joined = "".join(pieces[k : k + width])
            if k + width <= len(pieces) and _special_cases().get(joined) == [joined]:
                merged.append(joined)
                k += width
                break
        else:
            merged.append(pieces[k])
            k += 1
    return merged


def _split_chunk(chunk: str, tokens: list[str]) -> None:
    """spaCy's affix loop: peel a prefix and/or a suffix per round until the rest
    is a special case, a URL, or has no affix left; then split its infixes."""
    prefixes: list[str] = []
    suffixes: list[str] = []
    rest = chunk
    while rest and not _is_whole(rest):
        size = len(rest)
        prefix = _PREFIX.match(rest)
        pre_len = prefix.end() if prefix else 0
        if pre_len and rest[pre_len:] in _special_cases():
            prefixes.append(rest[:pre_len])
            rest = rest[pre_len:]
            break
        suffix = _SUFFIX.search(rest, pre_len)
        suf_len = len(rest) - suffix.start() if suffix else 0
        if suf_len and rest[: len(rest) - suf_len] in _special_cases():
            suffixes.append(rest[len(rest) - suf_len :])
            rest = rest[: len(rest) - suf_len]
            break
        if pre_len and suf_len and pre_len + suf_len <= len(rest):
            prefixes.append(rest[:pre_len])
            suffixes.append(rest[len(rest) - suf_len :])
            rest = rest[pre_len : len(rest) - suf_len]
        elif pre_len:
            prefixes.append(rest[:pre_len])
            rest = rest[pre_len:]
        elif suf_len:
            suffixes.append(rest[len(rest) - suf_len :])
            rest = rest[: len(rest) - suf_len]
        if len(rest) == size:
            break
    tokens.extend(prefixes)
    if rest:
        special = _special_cases().get(rest)
        if special is not None:
            tokens.extend(special)
        elif _URL.match(rest):
            tokens.append(rest)
        else:
            _split_infixes(rest, tokens)
    tokens.extend(reversed(suffixes))


def _is_whole(text: str) -> bool:
    """A special case or a URL: never split further."""
    return text in _special_cases() or _URL.match(text) is not None


def _split_infixes(chunk: str, tokens: list[str]) -> None:
    start = 0
    for match in _INFIX.finditer(chunk):
        if match.start() == 0 and not match.group():
            continue
        if match.start() > start:
            tokens.append(chunk[start : match.start()])
        if match.group():
            tokens.append(match.group())
        start = match.end()
    if start < len(chunk):
        tokens.append(chunk[start:])


def count_sentences(text: str) -> int:
    """Sentences in `text` as spaCy's sentencizer counts them (0 for no tokens)."""
    tokens = split_words(text)
    if not tokens:
        return 0
    sentences, seen_final = 1, False
    finals = _sentence_finals()
    for token in tokens:
        is_final = token in finals
        if seen_final and not is_final and not _PUNCTUATION_TOKEN.match(token):
            sentences += 1
            seen_final = False
        elif is_final:
            seen_final = True
    return sentences


@lru_cache(maxsize=1)
def _sentence_finals() -> frozenset[str]:
    """The tokens that end a sentence: each sentence-terminal character alone (a
    set look-up per token instead of a regular-expression match). Unicode has
    punctuation only in its first two planes (the others hold ideographs, tags
    and private use)."""
    first_two_planes = "".join(map(chr, range(0x20000)))
    return frozenset(_SENTENCE_TERMINAL.findall(first_two_planes))
