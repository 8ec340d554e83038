"""The old home of the function words, now in the shared lexicon
(:data:`storyweave.lexicon.FUNCTION_WORDS`): these names stay for the modules outside reuse
that still import them from here."""

from __future__ import annotations

from storyweave.lexicon import FUNCTION_WORDS as STOPWORDS
from storyweave.lexicon import is_function_word as is_stopword

__all__ = ["STOPWORDS", "is_stopword"]
