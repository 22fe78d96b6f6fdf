"""The sentence that answers: which sentence of a paragraph's versions to mark for a question.

Each version's sentences are scored by the question's dense cosine. Versions with as many
sentences as the official text are taken as aligned with it, sentence by sentence (the working
translations follow the official text's sentences): their scores are summed per sentence and
the best one is marked in all of them, the official text included. A version that does not
align is marked on its own best sentence. A one-sentence paragraph is not marked.
"""

from __future__ import annotations

import numpy as np

from index.records import Paragraph, Span


class SentenceMap:
    """Each version's sentences: their positions among the stored sentences, and their spans."""

    def __init__(self, spans: list[tuple[int, int, int]]) -> None:
        self._of: dict[int, list[tuple[int, Span]]] = {}
        for i, (position, start, end) in enumerate(spans):
            self._of.setdefault(position, []).append((i, (start, end)))

    def marks(
        self, versions: dict[str, tuple[int, Paragraph]], scores: np.ndarray, official: str
    ) -> dict[str, tuple[Span, ...]]:
        """``versions``: language -> (version position, paragraph); ``scores`` per sentence."""
        sentences = {lang: self._of.get(pos, []) for lang, (pos, _) in versions.items()}
        size = len(sentences.get(official, ()))
        aligned = [lang for lang, s in sentences.items() if len(s) == size and lang != official]
        marks: dict[str, tuple[Span, ...]] = {}
        if size > 1 and aligned:
            total = sum(np.array([scores[i] for i, _ in sentences[lang]]) for lang in aligned)
            best = int(np.argmax(total))
            for lang in [official, *aligned]:
                marks[lang] = (sentences[lang][best][1],)
        for lang, own in sentences.items():
            if lang not in marks and len(own) > 1:
                best = max(own, key=lambda item: scores[item[0]])
                marks[lang] = (best[1],)
        return marks
