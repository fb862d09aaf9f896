"""What code and configuration look like in text that has lost its fences.

Scraped pages paste shell sessions, YAML, INI files and logrotate or nginx blocks
as plain lines. `looks_like_code` spots a line only code has; `config_shape` says
what a short line is to a run of configuration, so that `blocks.split_blocks` can
make such a run one code block, which every inline cleaner leaves alone.
"""

from __future__ import annotations

import re

import regex


def _on_stdlib_re(pattern: str) -> re.Pattern:
    """`pattern` compiled by the stdlib `re`, about twice as fast as `regex` on
    patterns without Unicode classes, with whitespace classes (outside brackets)
    read as `regex` reads them: Unicode White_Space, without U+001C..U+001F.
    Word characters are the stdlib's (letters, digits and `_`; `regex` adds
    combining marks and connector punctuation), which code does not tell apart."""
    return re.compile(
        pattern.replace(r"\S", r"[\S\x1c-\x1f]").replace(r"\s", r"[^\S\x1c-\x1f]")
    )


# What only code looks like: a statement's end or a block's brace, operators,
# calls, a keyword that starts a statement, a shell or REPL prompt, a tag. In two
# parts, what a line starts with and what it holds anywhere: together about 4.5
# times faster than one `regex` pattern.
_CODE_START = _on_stdlib_re(
    r"\s*(?:(?:def|class|return|import|from\s+\S+\s+import|function|var|let"
    r"|const|public|private|static|void|int|#include|#define|if\s*\(|for\s*\("
    r"|while\s*\()\b|(?:\$|>>>|\.\.\.|%|#)\s|</?[A-Za-z][\w-]*(?:\s|[>/])"
    r"|\w+\s*=\s*\S|[{}])"
)
# Every branch starts with a fixed character, so that the search skips at C speed
# to the few places one occurs ("(" then looks back for the word before it).
_CODE_ANYWHERE = _on_stdlib_re(
    r"[;{}]\s*$|==|!=|<=|>=|->|=>|::|&&|\|\||\+=|\((?<=\w\()\)"
    r"|\((?<=\w\()[^)]*\)\s*[:;{]?\s*$"
)
# Configuration pasted without fences (YAML, INI, logrotate, nginx directives):
# lines of a lowercase key and a short value, a lowercase directive and its
# arguments, an INI section or a lone bracket. Alone such a line may be prose
# ("home", "views: 5000"); a run of two or more of them is configuration when one
# of its lines has something prose lacks (a code signal, an INI section, an
# identifier with a dot or an underscore: logging.StreamHandler), or when a
# section key ("handlers:") comes with another key line ("console:", "port: 80").
_CONFIG_KEY = r"[a-z_][\w.-]+"
_CONFIG_LINE = regex.compile(
    rf"\s*(?:(?P<key>{_CONFIG_KEY}(?::(?=\s|$)|\s*=)(?P<value>(?:\s*+\S++){{0,3}}))"
    rf"|{_CONFIG_KEY}(?:[ \t]+[a-z0-9_./*:@%,~-][\w./*:@%,~-]*){{0,2}}"
    r"|\[[\w .:-]+\]|[{}\[\]()]+[,;]?)\s*$"
)
# An INI section, a snake_case name, an attribute or call (logging.StreamHandler,
# os.path.join(): not a domain such as example.com).
_CONFIG_EVIDENCE = regex.compile(
    r"^\s*\[[\w .:-]+\]\s*$|(?<!\w)[a-z]\w*_\w|(?<!\w)[a-z]\w*\.(?:[A-Z]|\w+\()"
)
_MARKUP = regex.compile(r"\s*<[!/A-Za-z]")
# Six words in a row make a line prose even when it ends like a statement.
_PROSE_RUN = regex.compile(r"(?<!\p{L})(?:\p{L}++[ ,]++){5}\p{L}")
# Marks prose seldom has and code often does: a sigil ($add), a brace, an angle
# bracket, a backtick, a snake_case name, a scope (a::b), a statement's end, a
# command-line flag (--name), a call (panic(), not item(s)); each branch starts
# with a fixed character, looking back from it where it must. And a JSON key
# ("type":) at the start of the line.
_CODE_MARKS = _on_stdlib_re(
    r"\$\w|[{}<>`]|_(?<=\w_)(?=\w)|::|;\s*$|-(?<!\S-)-[a-z]|\((?<=[a-z]{2}\()(?!s\))"
)
_JSON_KEY = _on_stdlib_re(r"\s*\"[\w-]+\"\s*:")
# What a configuration-shaped line is: not one, a directive or bracket, a key
# line, a section key (a key line without a value), evidence on its own.
NOT_CONFIG, CONFIG_LINE, CONFIG_KEY, CONFIG_SECTION, CONFIG_EVIDENCE = range(5)


def looks_like_code(line: str) -> bool:
    """Whether a line has something only code has (`x = 1;`, `if (a) {`, `$ ls`,
    `def f():`, `<div>`), which prose does not."""
    return (
        _CODE_START.match(line) is not None or _CODE_ANYWHERE.search(line) is not None
    )


def has_code_marks(line: str) -> bool:
    """Whether a line has a mark prose seldom has (`$add`, `{`, `<`, a backtick,
    `max_size`, `a::b`, a final `;`, `--flag`, `"key":`, `f(`): a line whose start
    is not a sentence's."""
    return _CODE_MARKS.search(line) is not None or _JSON_KEY.match(line) is not None


def config_shape(line: str) -> int:
    """What a line is to a run of configuration: `NOT_CONFIG`, `CONFIG_LINE` (a
    directive: "rotate 14"), `CONFIG_KEY` ("port: 80"), `CONFIG_SECTION`
    ("handlers:") or `CONFIG_EVIDENCE` (a code signal, an INI section, a dotted
    or underscored identifier)."""
    if _MARKUP.match(line):
        return NOT_CONFIG  # HTML a scraper left behind is not configuration
    match = _CONFIG_LINE.match(line)
    if match is None:
        # Cheapest test first: most lines are prose, found in their first words.
        if _PROSE_RUN.search(line) or not looks_like_code(line):
            return NOT_CONFIG
        return CONFIG_EVIDENCE
    if looks_like_code(line) or _CONFIG_EVIDENCE.search(line):
        return CONFIG_EVIDENCE
    if match.group("key") is None:
        return CONFIG_LINE
    return CONFIG_KEY if match.group("value").strip() else CONFIG_SECTION
