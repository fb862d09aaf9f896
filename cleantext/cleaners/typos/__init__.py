"""FixTypos and what it corrects with: the lexicon of known words and correction
candidates (`lexicon`), the keyboard-slip model (`keyboard`), the cleaner."""

from cleantext.cleaners.typos.cleaner import FixTypos

__all__ = ["FixTypos"]
