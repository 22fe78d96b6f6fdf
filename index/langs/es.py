"""Spanish: the working translation's words, and the words of Spanish questions.

Stemmer: a light plural stripper (``reuniones`` -> ``reunion``, ``ANTM`` kept), kept against
Snowball's Spanish stemmer (PyStemmer "spanish"). Both measured with ``bench/tune.py`` refitted
on each tokenizer, held out by author (8 groups, 1,021 questions), commit b92c688:

| stemmer | answerable top-1 | answerable abstained | unanswerable abstained | es questions |
|---|---:|---:|---:|---|
| light (kept) | 0.920 | 21/723 | 100/298 | 0.933, 6/119, 16/52 |
| Snowball | 0.918 | 21/723 | 98/298 | 0.916, 5/119, 15/52 |
"""

from __future__ import annotations

import re

from index.langs.language import (
    COUNT,
    DATE,
    DECISION,
    DOCUMENT,
    PERSON,
    PLACE,
    Language,
    patterns,
)
from index.script import fold_accents


def plural_stem(word: str) -> str:
    """Spanish and French plurals: -es off a long word, else a final -s or -x."""
    if word.endswith("es") and len(word) > 5:
        return word[:-2]
    if word[-1] in "sx":
        return word[:-1]
    return word


_GB = r"(?:órgano rector|gb)"

LANGUAGE = Language(
    code="es",
    name="Spanish",
    stopwords=frozenset(
        "el la lo los las un una unos unas de del al y e o u a en por para con sin sobre "
        "que qué quien quién quienes quiénes cual cuál cuales cuáles cuando cuándo donde "
        "dónde como cómo cuanto cuánto cuantos cuántos cuantas cuántas se su sus es son fue "
        "fueron ha han hay este esta estos estas ese esa eso le les me mi ya muy más pero "
        "ni".split()
    ),
    stem=plural_stem,
    fold=fold_accents,
    common_words=frozenset(
        "el la los las de del y en que qué se por para con un una es fue fueron cuál cuáles "
        "quién quiénes cuándo dónde cómo cuántos cuántas al lo su sus sobre este esta ya "
        "también hay".split()
    ),
    accents=frozenset("ñáíóúü¿¡"),
    paragraph_words=("párrafos?", "parrafos?", "párrs?", "parrs?", "parágrafos?"),
    paragraph_patterns=(),
    list_words=("y", "e"),
    range_words=(),
    ordinals=(
        ("primera", "primer", "primero"),
        ("segunda", "segundo"),
        ("tercera", "tercer", "tercero"),
        ("cuarta", "cuarto"),
        ("quinta", "quinto"),
        ("sexta", "sexto"),
        ("septima", "septimo"),
        ("octava", "octavo"),
        ("novena", "noveno"),
        ("decima", "decimo"),
        ("undecima", "undecimo", "decimoprimera"),
        ("duodecima", "duodecimo", "decimosegunda"),
        ("decimotercera", "decimotercero"),
        ("decimocuarta", "decimocuarto"),
        ("decimoquinta", "decimoquinto"),
        ("decimosexta", "decimosexto"),
        ("decimoseptima", "decimoseptimo"),
        ("decimoctava", "decimoctavo"),
        ("decimonovena", "decimonoveno"),
        ("vigesima", "vigesimo"),
    ),
    meeting_names={
        "owg": "reunión del Grupo de Trabajo",
        "acsu": "reunión del Comité Técnico Especial sobre Conservación y Utilización Sostenible",
        "sfc": "reunión del Comité de Financiación",
        "cc": "reunión del Comité de Cumplimiento",
        "gb": "reunión del Órgano Rector",
        "cop": "reunión de la Conferencia de las Partes",
        "sac": "reunión del Comité Asesor Científico sobre el Sistema Mundial de Información",
        "tegfr": "reunión del Grupo de Expertos sobre los Derechos del Agricultor",
    },
    answer_types=patterns(
        **{
            COUNT: r"\bcu[aá]nt[oa]s?\b|\bqu[eé] (?:cantidad|monto|n[uú]mero)\b",
            DATE: r"\bcu[aá]ndo\b|\bcu[aá]l (?:es|fue|ser[aá]) la fecha\b|\bfecha l[ií]mite\b"
            r"|\bqu[eé] (?:fecha|a[nñ]o|mes|d[ií]a)\b",
            DOCUMENT: r"\bqu[eé] (?:documento|informe)\b",
            PLACE: r"\bd[oó]nde\b|\ben qu[eé] (?:ciudad|pa[ií]s|lugar)\b"
            r"|\bqu[eé] (?:ciudad|pa[ií]s) (?:acogi|fue sede)|\bsede\b",
            PERSON: r"\bqui[eé]n(?:es)? (?:es|son|era|fue|fueron) (?:el|la|los|las) "
            r"(?:actual(?:es)? )?(?:co-?)?(?:president|secretari[oa]\b|director|jef|copresident)"
            r"|\bqui[eé]n(?:es)? (?:fue|fueron|ha sido|han sido) (?:elegid|nombrad|designad)"
            r"|\bqui[eé]n(?:es)? (?:preside|presidi[oó]|copreside|copresidi[oó])\b"
            r"|\b(?:c[oó]mo se llama|nombre del?) (?:la |el )?(?:actual )?"
            r"(?:secretari[oa]\b|president|director)",
            DECISION: rf"\bse (?:le )?(?:pide|invita|solicita) al {_GB}"
            rf"|\bqu[eé] (?:debe|deber[aá]) (?:hacer|decidir) el {_GB}"
            r"|\borientaci[oó]n (?:que )?se solicita",
        }
    ),
    where_to_read=re.compile(r"\b(?:leer|encontrar|consultar|ver)\b", re.IGNORECASE),
)
