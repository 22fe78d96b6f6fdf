"""What gets embedded for each paragraph version and each of its sentences, and embedding it with
the vectors of a previous build reused: vectors are keyed by the text they embed, so an edited
paragraph, or a document folder added beside the others, is all that gets encoded again."""

from __future__ import annotations

import numpy as np

from index.embed import Encoder
from index.records import Paragraph
from index.sentences import split_sentences

ENCODE_CHUNK = 32


def passage_text(p: Paragraph) -> str:
    """What gets embedded and indexed for a paragraph: its section, its text, its sources' titles.

    Embedding the text alone ranks better by dense evidence alone (top-1 0.86 against 0.81 on
    the dev set's answerable questions) but worse once fused (250 against 253 of 266 tuning and
    dev questions): the headings and titles are evidence the lexical side does not duplicate."""
    extra = [link.title for link in p.links] + list(p.notes)
    return "\n".join([p.section_path, p.text, *extra])


def sentence_spans(paragraphs: list[Paragraph]) -> list[tuple[int, int, int]]:
    """Every sentence of every version: (version position, start, end) in its text."""
    return [(i, a, b) for i, p in enumerate(paragraphs) for a, b in split_sentences(p.text)]


def embed_passages(texts: list[str], encoder: Encoder, reuse: dict[str, np.ndarray]) -> np.ndarray:
    """One vector per text, in order (``dim`` wide when there is none): those in ``reuse`` as they
    are, the others encoded once each however often they occur."""
    missing = list(dict.fromkeys(t for t in texts if t not in reuse))
    fresh: dict[str, np.ndarray] = {}
    for start in range(0, len(missing), ENCODE_CHUNK):
        # The encoder holds a whole call's activations: chunks keep the build's memory flat.
        chunk = missing[start : start + ENCODE_CHUNK]
        fresh.update(zip(chunk, encoder.encode_document(chunk)))
    if not texts:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    return np.stack([reuse[t] if t in reuse else fresh[t] for t in texts]).astype(np.float32)
