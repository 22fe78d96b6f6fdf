"""A built index is a folder: manifest, documents, paragraphs, FAISS vectors, BM25 per language.

``meta.json`` names the format version, the encoder and its prompts, the vector dimension and the
checksum of the knowledge it was built from. Opening checks all of it; a stale, truncated or
corrupt folder is reported in one line and rebuilt, never a traceback.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from index.embed import Encoder
from index.glossary import FILE_NAME as GLOSSARY_FILE
from index.knowledge import knowledge_hash, load_documents
from index.lexical import LexicalIndex, tokenize
from index.records import Document, Link, Paragraph, Version
from index.sentences import split_sentences

log = logging.getLogger(__name__)

FORMAT_VERSION = 9
META = "meta.json"
DOCUMENTS = "documents.json"
PARAGRAPHS = "paragraphs.jsonl"
VECTORS = "dense.faiss"
SENTENCE_VECTORS = "sentences.faiss"
SENTENCES = "sentences.json"
LEXICAL = "bm25"
TOKENS = "tokens.jsonl"
ENCODE_CHUNK = 32
LEFTOVER_AGE = 3600  # seconds: no build takes this long


class IndexUnusable(RuntimeError):
    """The index folder cannot be used as it is; the message says why in one line."""


def passage_text(p: Paragraph) -> str:
    """What gets embedded and indexed for a paragraph: its section, its text, its sources' titles.

    Embedding the text alone ranks better by dense evidence alone (top-1 0.86 against 0.81 on
    the dev set's answerable questions) but worse once fused (250 against 253 of 266 tuning and
    dev questions): the headings and titles are evidence the lexical side does not duplicate."""
    extra = [link.title for link in p.links] + list(p.notes)
    return "\n".join([p.section_path, p.text, *extra])


def build_index(knowledge_dir: Path, out_dir: Path, encoder: Encoder) -> tuple[list[str], float]:
    """Build into a folder beside ``out_dir``, then swap it in; returns refusals and seconds."""
    start = time.perf_counter()
    documents, problems = load_documents(knowledge_dir)
    paragraphs = [p for d in documents for p in d.paragraphs]
    reuse = _previous_vectors(out_dir, encoder)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=out_dir.parent))
    try:
        _write(tmp, knowledge_dir, documents, paragraphs, problems, encoder, reuse)
        if out_dir.exists():
            shutil.rmtree(out_dir)
        os.replace(tmp, out_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return problems, time.perf_counter() - start


def _previous_vectors(index_dir: Path, encoder: Encoder) -> dict[str, np.ndarray]:
    """Vectors of a previous build with the same encoder, by passage text: an edit to the
    knowledge during the session re-embeds only the paragraphs it changed."""
    try:
        meta = read_manifest(index_dir)
        same = {"format_version": FORMAT_VERSION, "model": encoder.model_id}
        if any(meta.get(k) != v for k, v in same.items()) or meta.get("prompts") != asdict(
            encoder.prompts
        ):
            return {}
        loaded = load_folder(index_dir, encoder)
    except IndexUnusable:
        return {}
    reuse = {passage_text(p): v for p, v in zip(loaded.paragraphs, loaded.vectors)}
    for (position, start, end), v in zip(loaded.sentences, loaded.sentence_vectors):
        reuse[loaded.paragraphs[position].text[start:end]] = v
    return reuse


def sentence_spans(paragraphs: list[Paragraph]) -> list[tuple[int, int, int]]:
    """Every sentence of every version: (version position, start, end) in its text."""
    return [(i, a, b) for i, p in enumerate(paragraphs) for a, b in split_sentences(p.text)]


def _write(folder, knowledge_dir, documents, paragraphs, problems, encoder, reuse) -> None:
    import faiss

    texts = [passage_text(p) for p in paragraphs]
    spans = sentence_spans(paragraphs)
    sentences = [paragraphs[i].text[a:b] for i, a, b in spans]
    missing = list(dict.fromkeys(t for t in texts + sentences if t not in reuse))
    fresh: dict[str, np.ndarray] = {}
    for start in range(0, len(missing), ENCODE_CHUNK):
        # The encoder holds a whole call's activations: chunks keep the build's memory flat.
        chunk = missing[start : start + ENCODE_CHUNK]
        fresh.update(zip(chunk, encoder.encode_document(chunk)))
    for name, items in ((VECTORS, texts), (SENTENCE_VECTORS, sentences)):
        dense = faiss.IndexFlatIP(encoder.dim)
        if items:
            dense.add(np.stack([reuse.get(t, fresh.get(t)) for t in items]).astype(np.float32))
        faiss.write_index(dense, str(folder / name))
    (folder / SENTENCES).write_text(json.dumps(spans), "utf-8")
    tokens = [tokenize(passage_text(p), p.lang) for p in paragraphs]
    for lang in dict.fromkeys(p.lang for p in paragraphs):
        own = [t for t, p in zip(tokens, paragraphs) if p.lang == lang]
        LexicalIndex.from_tokens(lang, own).save(folder / LEXICAL / lang)
    with (folder / TOKENS).open("w", encoding="utf-8") as fh:
        for t in tokens:
            fh.write(json.dumps(t, ensure_ascii=False) + "\n")
    with (folder / PARAGRAPHS).open("w", encoding="utf-8") as fh:
        for p in paragraphs:
            fh.write(json.dumps(asdict(p), ensure_ascii=False) + "\n")
    docs = [_document_json(d) for d in documents]
    (folder / DOCUMENTS).write_text(json.dumps(docs, ensure_ascii=False, indent=1), "utf-8")
    glossary = knowledge_dir / GLOSSARY_FILE
    if glossary.exists():
        shutil.copyfile(glossary, folder / GLOSSARY_FILE)
    meta = {
        "format_version": FORMAT_VERSION,
        "model": encoder.model_id,
        "prompts": asdict(encoder.prompts),
        "dim": encoder.dim,
        "knowledge_sha256": knowledge_hash(knowledge_dir),
        "paragraphs": len(paragraphs),
        "langs": sorted({p.lang for p in paragraphs}),
        "refused": problems,
        # Every file's checksum: a damaged vector, BM25 array or glossary means a rebuild, never
        # a crash loop or answers silently worse.
        "files": checksums(folder),
    }
    (folder / META).write_text(json.dumps(meta, ensure_ascii=False, indent=1), "utf-8")


def _document_json(d: Document) -> dict:
    data = asdict(d)
    data.pop("paragraphs")
    return data


def read_manifest(index_dir: Path) -> dict:
    try:
        meta = json.loads((index_dir / META).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise IndexUnusable(f"no index in {index_dir}") from exc
    except (OSError, ValueError) as exc:
        raise IndexUnusable(f"unreadable manifest {index_dir / META}") from exc
    if not isinstance(meta, dict):
        raise IndexUnusable(f"unreadable manifest {index_dir / META}")
    return meta


def checksums(folder: Path) -> dict[str, str]:
    """SHA-256 of every file in the folder but the manifest, by path relative to it."""
    out = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != META):
        out[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def check_files(meta: dict, index_dir: Path) -> None:
    try:
        found = checksums(index_dir)
    except OSError as exc:
        raise IndexUnusable(f"index files in {index_dir} are unreadable") from exc
    expected = meta.get("files")
    if not isinstance(expected, dict) or found != expected:
        names = sorted(set(found.items()) ^ set((expected or {}).items()))
        which = names[0][0] if names else "?"
        raise IndexUnusable(f"index files in {index_dir} do not match their checksums ({which})")


def check_manifest(meta: dict, knowledge_dir: Path | None, encoder: Encoder) -> None:
    expected = {
        "format_version": FORMAT_VERSION,
        "model": encoder.model_id,
        "dim": encoder.dim,
        "prompts": asdict(encoder.prompts),
    }
    if knowledge_dir is not None:
        expected["knowledge_sha256"] = knowledge_hash(knowledge_dir)
    for key, value in expected.items():
        if meta.get(key) != value:
            raise IndexUnusable(f"index is stale: its {key} does not match")


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
    )
    if broken:
        raise IndexUnusable(f"index files in {index_dir} are truncated or corrupt")
    vectors = dense.reconstruct_n(0, dense.ntotal)
    sentence_vectors = sentence_index.reconstruct_n(0, sentence_index.ntotal)
    if not (np.all(np.isfinite(vectors)) and np.all(np.isfinite(sentence_vectors))):
        raise IndexUnusable(f"index files in {index_dir} are truncated or corrupt")
    documents = [
        _with_paragraphs(d, tuple(p for p in paragraphs if p.doc == d.id)) for d in documents
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


def _paragraph_from_json(data: dict) -> Paragraph:
    data["section"] = tuple(data["section"])
    data["links"] = tuple(Link(**link) for link in data["links"])
    data["footnotes"] = tuple(data["footnotes"])
    data["notes"] = tuple(data["notes"])
    return Paragraph(**data)


def _document_from_json(data: dict) -> Document:
    data["versions"] = {lang: Version(**v) for lang, v in data["versions"].items()}
    return Document(**data)


def _with_paragraphs(d: Document, paragraphs: tuple[Paragraph, ...]) -> Document:
    data = {k: getattr(d, k) for k in d.__dataclass_fields__}
    data["paragraphs"] = paragraphs
    return Document(**data)


def open_index(knowledge_dir: Path | None, index_dir: Path, encoder: Encoder, tuning=None):
    """A ``Searcher`` over the index folder, rebuilt first when it is missing, stale or corrupt.

    With ``knowledge_dir=None`` the folder is trusted as it is (an image's prebuilt index whose
    knowledge is not shipped) and a broken folder is an error. A folder that cannot be written
    (a read-only image layer) is rebuilt in a temporary folder instead.
    """
    from index.search import Searcher

    _remove_leftovers(index_dir.parent)
    try:
        meta = read_manifest(index_dir)
        check_manifest(meta, knowledge_dir, encoder)
        check_files(meta, index_dir)
        loaded, glossary = load_folder(index_dir, encoder), _glossary(index_dir)
    except IndexUnusable as exc:
        if knowledge_dir is None:
            raise
        log.warning("%s: rebuilding it", exc)
        index_dir = _rebuild(knowledge_dir, index_dir, encoder)
        loaded, glossary = load_folder(index_dir, encoder), _glossary(index_dir)
    return Searcher(loaded, encoder, glossary, tuning)


def _glossary(index_dir: Path):
    from index.glossary import Glossary

    try:
        return Glossary.load(index_dir)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexUnusable(f"the glossary in {index_dir} is unreadable") from exc


def _remove_leftovers(parent: Path) -> None:
    """Folders a build killed half-way left behind (a finished build renames its folder); only
    old ones, since another process may be building beside this one right now."""
    for leftover in parent.glob(".building-*"):
        try:
            if time.time() - leftover.stat().st_mtime < LEFTOVER_AGE:
                continue
        except OSError:
            continue
        shutil.rmtree(leftover, ignore_errors=True)
        log.warning("removed %s, left by an interrupted index build", leftover.name)


def _rebuild(knowledge_dir: Path, index_dir: Path, encoder: Encoder) -> Path:
    try:
        problems, seconds = build_index(knowledge_dir, index_dir, encoder)
    except OSError as exc:
        # A read-only root (an image run with --read-only) says EROFS, not "permission denied".
        if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise
        index_dir = Path(tempfile.mkdtemp(prefix="treatybot-index-")) / "index"
        log.warning("index folder is read-only: rebuilding in %s", index_dir)
        problems, seconds = build_index(knowledge_dir, index_dir, encoder)
    log.info("index built in %.1f s (%d version(s) refused)", seconds, len(problems))
    return index_dir
