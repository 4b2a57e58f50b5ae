"""The synthetic sample: realistic cables with the tagger's errors and a known gold answer.

Each cable is built token by token with gold entity mentions that follow the annotation
guidelines (:mod:`.builder`, :mod:`.writer`, :mod:`.frames`, :mod:`.header`); a simulated tagger
then derives the *silver* annotation by injecting the tagger's error types (:mod:`.tagger`).
Both are written in bracket markup over the same text. Everything is driven by one
``random.Random(seed)``, so a seed gives the same corpus every time (:func:`generate_corpus`).
"""
from .cable import generate_corpus, write_cable

__all__ = ["generate_corpus", "write_cable"]
