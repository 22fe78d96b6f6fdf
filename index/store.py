"""A built index is a folder (``index/folder.py``) vouched for by its manifest, ``meta.json``.

The manifest names the format version, the encoder and its prompts, the vector dimension, the
checksum of the knowledge it was built from and of every file beside it. Opening checks all of
it; a stale, truncated or corrupt folder is reported in one line and rebuilt, never a traceback.
A build reuses the vectors of the folder it replaces, so adding a document folder to the
knowledge encodes that folder's paragraphs and nothing else.
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
from dataclasses import asdict
from pathlib import Path

import numpy as np

from index.embed import Encoder
from index.folder import IndexUnusable, Loaded, load_folder, write_folder
from index.glossary import FILE_NAME as GLOSSARY_FILE
from index.glossary import Glossary
from index.knowledge import knowledge_hash, load_documents
from index.vectors import embed_passages, passage_text, sentence_spans

log = logging.getLogger(__name__)

FORMAT_VERSION = 10
META = "meta.json"
LEFTOVER_AGE = 3600  # seconds: no build takes this long


def build_index(knowledge_dir: Path, out_dir: Path, encoder: Encoder) -> tuple[list[str], float]:
    """Build into a folder beside ``out_dir``, then swap it in; returns refusals and seconds."""
    start = time.perf_counter()
    documents, problems = load_documents(knowledge_dir)
    paragraphs = [p for d in documents for p in d.paragraphs]
    reuse = _previous_vectors(out_dir, encoder)
    texts = [passage_text(p) for p in paragraphs]
    sentences = [paragraphs[i].text[a:b] for i, a, b in sentence_spans(paragraphs)]
    embedded = embed_passages(texts + sentences, encoder, reuse)
    vectors, sentence_vectors = embedded[: len(texts)], embedded[len(texts) :]
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=out_dir.parent))
    try:
        write_folder(
            tmp, documents, paragraphs, vectors, sentence_vectors, knowledge_dir / GLOSSARY_FILE
        )
        manifest = {
            "format_version": FORMAT_VERSION,
            "model": encoder.model_id,
            "prompts": asdict(encoder.prompts),
            "dim": encoder.dim,
            "knowledge_sha256": knowledge_hash(knowledge_dir),
            "documents": [d.id for d in documents],
            "paragraphs": len(paragraphs),
            "langs": sorted({p.lang for p in paragraphs}),
            "refused": problems,
            # Every file's checksum: a damaged vector, BM25 array or glossary means a rebuild,
            # never a crash loop or answers silently worse.
            "files": checksums(tmp),
        }
        (tmp / META).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        os.replace(tmp, out_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return problems, time.perf_counter() - start


def _previous_vectors(index_dir: Path, encoder: Encoder) -> dict[str, np.ndarray]:
    """Vectors of a previous build with the same encoder and format, by the text they embed."""
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


def open_index(knowledge_dir: Path | None, index_dir: Path, encoder: Encoder, tuning=None):
    """A ``Searcher`` over the index folder, rebuilt first when it is missing, stale or corrupt.

    With ``knowledge_dir=None`` the folder is trusted as it is (an image's prebuilt index whose
    knowledge is not shipped) and a broken folder is an error. A folder that cannot be written
    (a read-only image layer) is rebuilt in a temporary folder instead.
    """
    from index.search import Searcher

    _remove_leftovers(index_dir.parent)
    try:
        loaded, glossary = _checked(knowledge_dir, index_dir, encoder)
    except IndexUnusable as exc:
        if knowledge_dir is None:
            raise
        log.warning("%s: rebuilding it", exc)
        index_dir = _rebuild(knowledge_dir, index_dir, encoder)
        loaded, glossary = load_folder(index_dir, encoder), _glossary(index_dir)
    return Searcher(loaded, encoder, glossary, tuning)


def _checked(
    knowledge_dir: Path | None, index_dir: Path, encoder: Encoder
) -> tuple[Loaded, Glossary]:
    meta = read_manifest(index_dir)
    check_manifest(meta, knowledge_dir, encoder)
    check_files(meta, index_dir)
    return load_folder(index_dir, encoder), _glossary(index_dir)


def _glossary(index_dir: Path) -> Glossary:
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
