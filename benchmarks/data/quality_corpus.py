"""A deterministic corpus of varied documents for the quality filters.

From the texts in the repository (the seeds raw and cleaned, the typo benchmark's
clean prose, the junk benchmark's labelled pages) and Python's own documentation
(technical text, in every Python), `generate()` cuts runs of lines and bends some
of them towards each published rule's edge: very short documents, bullet lists,
trailing ellipses, hashtags, repeated lines and paragraphs, spammed phrases,
menus of short lines, lorem ipsum, curly brackets, JavaScript and cookie notices,
numbers without words. Same seed, same corpus.
"""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ACCURACY = ROOT / "benchmarks" / "accuracy"  # the labelled texts live there


def source_texts() -> list[str]:
    """Every text the corpus is cut from."""
    import pydoc_data.topics

    paths = [
        *sorted((ROOT / "seeds").glob("*.txt")),
        *sorted((ROOT / "seeds" / "golden").glob("*.txt")),
        *sorted((ACCURACY / "typos_eval" / "clean").glob("*.txt")),
    ]
    texts = [path.read_text("utf-8") for path in paths]
    for path in sorted((ACCURACY / "junk_eval").glob("*/*.ann")):
        lines = path.read_text("utf-8").splitlines()
        texts.append("\n".join(line[2:] for line in lines))
    topics = pydoc_data.topics.topics
    texts += [topics[key] for key in sorted(topics)][:120]
    return texts


def _bullets(lines: list[str], rng: random.Random) -> list[str]:
    mark = rng.choice(["- ", "• ", "* ", "-"])
    share = rng.choice([0.5, 0.85, 0.95, 1.0])
    return [mark + line if rng.random() < share else line for line in lines]


def _ellipses(lines: list[str], rng: random.Random) -> list[str]:
    share = rng.choice([0.2, 0.35, 0.6])
    end = rng.choice(["...", "…", " ..."])
    return [line + end if rng.random() < share else line for line in lines]


def _hashtags(lines: list[str], rng: random.Random) -> list[str]:
    tags = " ".join(
        f"#{rng.choice(['news', 'tbt', 'love', 'ai', 'x'])}"
        for _ in range(rng.randint(1, 40))
    )
    return [*lines, tags]


def _repeat_lines(lines: list[str], rng: random.Random) -> list[str]:
    if not lines:
        return lines
    out = list(lines)
    for _ in range(rng.randint(1, max(1, len(lines)))):
        out.insert(rng.randrange(len(out) + 1), rng.choice(lines))
    return out


def _repeat_paragraphs(lines: list[str], rng: random.Random) -> list[str]:
    text = "\n".join(lines)
    paragraphs = [p for p in text.split("\n\n") if p.strip()] or [text]
    return "\n\n".join(
        paragraphs + rng.sample(paragraphs, min(len(paragraphs), rng.randint(1, 3)))
    ).split("\n")


def _spam(lines: list[str], rng: random.Random) -> list[str]:
    phrase = rng.choice(
        [
            "buy cheap pills online",
            "click here",
            "best price guaranteed today",
            "free shipping",
        ]
    )
    return [*lines, " ".join([phrase] * rng.randint(3, 40)) + "."]


def _menu(lines: list[str], rng: random.Random) -> list[str]:
    items = [
        "Home",
        "About us",
        "Contact",
        "Login",
        "Sign up",
        "Share",
        "Privacy",
        "Next page",
    ]
    return [rng.choice(items) for _ in range(rng.randint(3, 40))] + lines[
        : rng.randint(0, 5)
    ]


def _insert_each(
    lines: list[str], rng: random.Random, new_lines: list[str]
) -> list[str]:
    """`lines` with each of `new_lines` put in at a random place."""
    out = list(lines)
    for line in new_lines:
        out.insert(rng.randrange(len(out) + 1), line)
    return out


def _lorem(lines: list[str], rng: random.Random) -> list[str]:
    lorem = "Lorem ipsum dolor sit amet, consectetur adipiscing elit."
    return _insert_each(lines, rng, [lorem])


def _bracket(lines: list[str], rng: random.Random) -> list[str]:
    code = "Use the settings { debug: true } to see the log output."
    return _insert_each(lines, rng, [code])


def _web_notices(lines: list[str], rng: random.Random) -> list[str]:
    notices = [
        "This site uses cookies to improve your experience.",
        "Please enable JavaScript in your browser to view this page.",
        "By continuing you agree to our Terms of Use and Privacy Policy.",
    ]
    return _insert_each(lines, rng, rng.sample(notices, rng.randint(1, 3)))


def _numbers(lines: list[str], rng: random.Random) -> list[str]:
    rows = [
        " ".join(str(rng.randint(0, 9999)) for _ in range(rng.randint(3, 12)))
        for _ in range(rng.randint(2, 30))
    ]
    return lines[: rng.randint(0, 6)] + rows


def _short(lines: list[str], rng: random.Random) -> list[str]:
    words = " ".join(lines).split()
    start = rng.randrange(max(1, len(words)))
    return [" ".join(words[start : start + rng.randint(1, 70)])]


def _long_words(lines: list[str], rng: random.Random) -> list[str]:
    token = "".join(
        rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(11, 30))
    )
    return [" ".join([token] * rng.randint(20, 80)), *lines[:2]]


MUTATIONS = [
    _bullets,
    _ellipses,
    _hashtags,
    _repeat_lines,
    _repeat_paragraphs,
    _spam,
    _menu,
    _lorem,
    _bracket,
    _web_notices,
    _numbers,
    _short,
    _long_words,
]


def generate(count: int = 1200, seed: int = 20261122) -> list[tuple[str, str]]:
    """`count` documents as (id, text): about a third cut unchanged, the rest with
    one or two mutations."""
    rng = random.Random(seed)
    texts = source_texts()
    documents: list[tuple[str, str]] = []
    seen: set[str] = set()
    while len(documents) < count:
        number = len(documents)
        lines = rng.choice(texts).split("\n")
        start = rng.randrange(len(lines))
        lines = lines[start : start + rng.randint(1, 80)]
        applied = []
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            mutation = rng.choice(MUTATIONS)
            lines = mutation(lines, rng)
            applied.append(mutation.__name__.lstrip("_"))
        text = "\n".join(lines)
        if rng.random() < 0.3:
            text += "\n"
        if text in seen:
            continue  # every document different: "" and "\n" come up often
        seen.add(text)
        documents.append(
            (f"doc-{number:04d}" + "".join(f"-{m}" for m in applied), text)
        )
    return documents
