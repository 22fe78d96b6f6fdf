"""French: the working translation's words, and the words of French questions.

Stemmer: the light plural stripper Spanish uses (``réunions`` -> ``reunion``), kept against
Snowball's French stemmer (PyStemmer "french"). Both measured with ``bench/tune.py`` refitted on
each tokenizer, held out by author (8 groups, 1,021 questions), commit b92c688:

| stemmer | answerable top-1 | answerable abstained | unanswerable abstained | fr questions |
|---|---:|---:|---:|---|
| light (kept) | 0.920 | 21/723 | 100/298 | 0.935, 3/123, 18/49 |
| Snowball | 0.917 | 21/723 | 100/298 | 0.935, 2/123, 18/49 |
"""

from __future__ import annotations

import re

from index.langs.es import plural_stem
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

_GB = r"(?:organe directeur|gb)"

LANGUAGE = Language(
    code="fr",
    name="French",
    stopwords=frozenset(
        "le la les l un une des de du d et ou a à au aux en dans par pour avec sans sur "
        "sous que qu qui quoi quel quelle quels quelles quand où comment combien est sont "
        "été a ont ce cet cette ces se s il elle ils elles on son sa ses leur leurs y ne "
        "pas plus t est-ce".split()
    ),
    stem=plural_stem,
    fold=fold_accents,
    common_words=frozenset(
        "le la les de des du et en que qui quoi est été sont a ont un une pour par avec au "
        "aux sur ce cette quel quelle quels quelles quand où comment combien dans il elle "
        "se s'est qu'est-ce d'".split()
    ),
    accents=frozenset("àâçèêëîïôûùœ"),
    paragraph_words=("paragraphes?",),
    paragraph_patterns=(),
    list_words=("et", "à"),
    range_words=(),
    ordinals=(
        ("premiere", "premier"),
        ("deuxieme", "seconde", "second"),
        *(
            (word,)
            for word in (
                "troisieme quatrieme cinquieme sixieme septieme huitieme neuvieme dixieme "
                "onzieme douzieme treizieme quatorzieme quinzieme seizieme dix-septieme "
                "dix-huitieme dix-neuvieme vingtieme"
            ).split()
        ),
    ),
    meeting_names={
        "owg": "réunion du Groupe de travail",
        "acsu": "réunion du Comité technique spécial sur la conservation et l'utilisation durable",
        "sfc": "réunion du Comité de financement",
        "cc": "réunion du Comité d'application",
        "gb": "session de l'Organe directeur",
        "cop": "réunion de la Conférence des Parties",
        "sac": "réunion du Comité consultatif scientifique sur le Système mondial d'information",
        "tegfr": "réunion du Groupe d'experts sur les droits des agriculteurs",
    },
    answer_types=patterns(
        **{
            COUNT: r"\bcombien\b|\bquel(?:le)? (?:est le |est la |était le )?"
            r"(?:nombre|montant|total)\b",
            DATE: r"\bquand\b|\bquel(?:le)? (?:est|était|sera) la date\b|\bdate limite\b"
            r"|\bquel(?:le)? (?:date|ann[ée]e|mois|jour)\b",
            DOCUMENT: r"\bquel(?:le)? (?:document|rapport)\b",
            PLACE: r"\bo[uù] (?:s'est|se sont|a eu|ont eu|se tien|se déroul|se deroul|a été"
            r"|était)|\bo[uù]\b.{0,20}\btenue?s?\b|\bdans quelle (?:ville|pays)\b"
            r"|\bquel(?:le)? (?:ville|pays) (?:a accueilli|accueill)|\bquel lieu\b",
            PERSON: r"\bqui (?:est|sont|était|étaient) (?:le |la |les |l')"
            r"(?:actuel(?:le)? |nouveau |nouvelle )?"
            r"(?:co-?)?(?:présiden|secrétaire|directeur|directrice|chef|coprésiden)"
            r"|\bqui (?:a été|ont été) (?:élu|nommé|désigné)"
            r"|\bqui (?:préside|présidait|a présidé|copréside|coprésid)"
            r"|\b(?:comment s'appelle|nom du) (?:le |la )?(?:secrétaire|président|directeur)",
            DECISION: rf"\b(?:demande|attend)(?:-t-on)? (?:à|de) l'{_GB}"
            rf"|\bl'{_GB} est (?:invité|prié)"
            rf"|\bque doit (?:faire|décider) l'{_GB}|\bindications demandées",
        }
    ),
    where_to_read=re.compile(r"\b(?:lire|trouver|consulter|voir)\b", re.IGNORECASE),
)
