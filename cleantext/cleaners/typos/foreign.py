"""Words inside a foreign phrase or a scientific name, which FixTypos leaves alone:
"au lait" is not "au last", "(Gavia arctica)" is not "(Gavia arctic)", "Zelovia
arctica" is not "Zelovia arctic"."""

from __future__ import annotations

from functools import cache

from cleantext.cleaners.shared.lexicon import default_lexicon
from cleantext.resources.data import word_list


@cache
def foreign_function_words() -> frozenset[str]:
    """Non-English function words (`rules/foreign-function-words.txt`)."""
    return word_list("foreign-function-words.txt")


def in_foreign_phrase(
    text: str, start: int, previous: str | None, following: str | None
) -> bool:
    """Whether the word at `start`, between the space-separated neighbours
    `previous` and `following`, belongs to a foreign phrase: a neighbour is a
    foreign function word or has a letter beyond ASCII ("café"), or the word is
    the species of a binomial: after a capitalised genus the lexicon does not
    know ("Zelovia arctica"), or any right after "(" ("(Gavia arctica)")."""
    function_words = foreign_function_words()
    for neighbour in (previous, following):
        if neighbour and (
            neighbour.lower() in function_words or not neighbour.isascii()
        ):
            return True
    if previous and previous[0].isupper() and previous[1:].islower():
        if not default_lexicon().is_known(previous.lower()):
            return True  # "Zelovia arctica": a genus no dictionary knows
        genus_start = start - 1 - len(previous)
        return genus_start > 0 and text[genus_start - 1] == "("
    return False
