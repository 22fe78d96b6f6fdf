"""A built index folder's contents, written and read back: documents, paragraphs, FAISS vectors
of the paragraph versions and of their sentences, BM25 per language, tokens, the glossary.

Plain files (JSON, JSON lines, FAISS, bm25s folders) named here once; the manifest that vouches
for them is ``index/store.py``'s. Reading checks that the files agree with one another.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

from index.embed import Encoder
from index.glossary import FILE_NAME as GLOSSARY_FILE
from index.lexical import LexicalIndex, tokenize
from index.records import Document, Link, Paragraph, Version
from index.vectors import passage_text, sentence_spans

DOCUMENTS = "documents.json"
PARAGRAPHS = "paragraphs.jsonl"
VECTORS = "dense.faiss"
SENTENCE_VECTORS = "sentences.faiss"
SENTENCES = "sentences.json"
LEXICAL = "bm25"
TOKENS = "tokens.jsonl"


class IndexUnusable(RuntimeError):
    """The index folder cannot be used as it is; the message says why in one line."""


@dataclass(frozen=True)
class Loaded:
    """What a built folder holds, checked."""

    documents: list[Document]
    paragraphs: list[Paragraph]
    vectors: np.ndarray
    lexical: dict[str, LexicalIndex]
    tokens: list[list[str]]
    sentences: list[tuple[int, int, int]]
    sentence_vectors: np.ndarray


def write_folder(
    folder: Path,
    documents: list[Document],
    paragraphs: list[Paragraph],
    vectors: np.ndarray,
    sentence_vectors: np.ndarray,
    glossary: Path,
) -> None:
    """Every file but the manifest; ``vectors`` and ``sentence_vectors`` in the order of
    ``paragraphs`` and of ``sentence_spans(paragraphs)``. BM25 is built per language over the
    versions of every document, so its statistics are those of the whole collection."""
    import faiss

    for name, rows in ((VECTORS, vectors), (SENTENCE_VECTORS, sentence_vectors)):
        dense = faiss.IndexFlatIP(vectors.shape[1])
        if len(rows):
            dense.add(np.ascontiguousarray(rows, dtype=np.float32))
        faiss.write_index(dense, str(folder / name))
    (folder / SENTENCES).write_text(json.dumps(sentence_spans(paragraphs)), "utf-8")
    tokens = [tokenize(passage_text(p), p.lang) for p in paragraphs]
    for lang in dict.fromkeys(p.lang for p in paragraphs):
        own = [t for t, p in zip(tokens, paragraphs) if p.lang == lang]
        LexicalIndex.from_tokens(lang, own).save(folder / LEXICAL / lang)
    _write_lines(folder / TOKENS, tokens)
    _write_lines(folder / PARAGRAPHS, [asdict(p) for p in paragraphs])
    docs = [_document_json(d) for d in documents]
    (folder / DOCUMENTS).write_text(json.dumps(docs, ensure_ascii=False, indent=1), "utf-8")
    if glossary.exists():
        shutil.copyfile(glossary, folder / GLOSSARY_FILE)


def _write_lines(path: Path, rows: list) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def load_folder(index_dir: Path, encoder: Encoder) -> Loaded:
    """Documents, paragraphs, vectors and BM25 indexes of a built folder, or ``IndexUnusable``."""
    import faiss

    try:
        documents = [
            _document_from_json(d) for d in json.loads((index_dir / DOCUMENTS).read_text("utf-8"))
        ]
        paragraphs = [
            _paragraph_from_json(json.loads(line))
            for line in (index_dir / PARAGRAPHS).read_text("utf-8").splitlines()
        ]
        dense = faiss.read_index(str(index_dir / VECTORS))
        lexical = {
            lang: LexicalIndex.load(lang, index_dir / LEXICAL / lang)
            for lang in dict.fromkeys(p.lang for p in paragraphs)
        }
        tokens = [json.loads(line) for line in (index_dir / TOKENS).read_text("utf-8").splitlines()]
        sentence_index = faiss.read_index(str(index_dir / SENTENCE_VECTORS))
        sentences = [tuple(s) for s in json.loads((index_dir / SENTENCES).read_text("utf-8"))]
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
        raise IndexUnusable(f"index files in {index_dir} are truncated or corrupt") from exc
    broken = (
        dense.ntotal != len(paragraphs)
        or dense.d != encoder.dim
        or len(tokens) != len(paragraphs)
        or sentence_index.ntotal != len(sentences)
        or sentence_index.d != encoder.dim
        or sentences != sentence_spans(paragraphs)
        or not documents
    )
    if broken:
        raise IndexUnusable(f"index files in {index_dir} are truncated or corrupt")
    vectors = dense.reconstruct_n(0, dense.ntotal)
    sentence_vectors = sentence_index.reconstruct_n(0, sentence_index.ntotal)
    if not (np.all(np.isfinite(vectors)) and np.all(np.isfinite(sentence_vectors))):
        raise IndexUnusable(f"index files in {index_dir} are truncated or corrupt")
    documents = [
        replace(d, paragraphs=tuple(p for p in paragraphs if p.doc == d.id)) for d in documents
    ]
    return Loaded(
        documents,
        paragraphs,
        vectors,
        lexical,
        tokens,
        sentences,
        sentence_vectors.reshape(-1, encoder.dim),
    )


def _document_json(d: Document) -> dict:
    data = asdict(d)
    data.pop("paragraphs")
    return data


def _paragraph_from_json(data: dict) -> Paragraph:
    data["section"] = tuple(data["section"])
    data["links"] = tuple(Link(**link) for link in data["links"])
    data["footnotes"] = tuple(data["footnotes"])
    data["notes"] = tuple(data["notes"])
    return Paragraph(**data)


def _document_from_json(data: dict) -> Document:
    data["versions"] = {lang: Version(**v) for lang, v in data["versions"].items()}
    data["aliases"] = tuple(data.get("aliases", ()))
    return Document(**data)
