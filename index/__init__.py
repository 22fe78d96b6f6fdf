"""treatybot's knowledge index: documents -> paragraphs -> embeddings and BM25 -> ranked hits.

The bot uses only what this module exports; nothing here knows about Telegram.
"""

from index.embed import DEFAULT_MODEL, load_encoder
from index.evaluate import read_questions, summarise
from index.knowledge import KnowledgeError, knowledge_hash, load_documents
from index.lang import LANGS, detect_lang
from index.library import Library
from index.records import Document, Hit, Link, Paragraph, Version
from index.search import Searcher, SearchResult
from index.store import FORMAT_VERSION, IndexUnusable, build_index, open_index
from index.tuning import Tuning, TuningMismatch

__all__ = [
    "DEFAULT_MODEL",
    "FORMAT_VERSION",
    "LANGS",
    "Document",
    "Hit",
    "IndexUnusable",
    "KnowledgeError",
    "Library",
    "Link",
    "Paragraph",
    "SearchResult",
    "Searcher",
    "Tuning",
    "TuningMismatch",
    "Version",
    "build_index",
    "detect_lang",
    "knowledge_hash",
    "load_documents",
    "load_encoder",
    "open_index",
    "read_questions",
    "summarise",
]
