"""Chinese: the official text's words, and the words of Chinese questions.

Stemmer: none; Chinese is segmented by jieba and read as character bigrams too
(``index/lexical.py``), and a word does not inflect. Ordinals are 第 and a numeral (第十三次),
read and written by ``index/ordinals.py``. The script alone tells Chinese from the other
languages, so it has no detection words.
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
    unchanged,
)

LANGUAGE = Language(
    code="zh",
    name="Chinese",
    stopwords=frozenset(
        "的 了 和 与 及 或 在 是 为 对 把 被 也 都 就 而 并 其 之 等 有 吗 呢 "
        "吧 啊 什么 哪 哪些 哪个 怎么 怎样 如何 多少 几 谁 是否 这 那 这个 "
        "那个 这些 那些 一个 个 讲 说 了 去 看 哪里 关于".split()
    ),
    stem=unchanged,
    fold=unchanged,
    common_words=frozenset(),
    accents=frozenset(),
    paragraph_words=(),
    # 第26段 / 第 26 段 / 第二十六段 / 第26、27段 / 26段; Chinese numerals only after 第, since
    # "一段" is also "a stretch (of time)".
    paragraph_patterns=(r"第\s*{numbers}\s*段", r"{digits}\s*段"),
    list_words=("至", "到", "和", "及", "与"),
    range_words=("至", "到"),
    ordinals=(),
    # The measure word first: a Governing Body and a COP meet in sessions (届), the others in
    # meetings (次); ``index/shorthand.py`` builds 工作组第十三次会议 from it.
    meeting_names={
        "owg": "会议 工作组",
        "acsu": "会议 保护和可持续利用特设技术委员会",
        "sfc": "会议 筹资委员会",
        "cc": "会议 履约委员会",
        "gb": "届会议 管理机构",
        "cop": "届会议 缔约方大会",
        "sac": "会议 全球信息系统科学咨询委员会",
        "tegfr": "会议 农民权利特设技术专家组",
    },
    answer_types=patterns(
        **{
            # "哪几家" asks which ones and "第几项" which one, not how many.
            COUNT: r"多少|(?<![哪第])几(?:个|名|份|项|次|人|位|家|年)|数量|总额|总数|人数",
            DATE: r"什么时候|何时|几号|截止日期|最后期限|哪一?年|哪一?天|几月|哪个月|日期|什么时间",
            DOCUMENT: r"哪(?:一|个)?(?:份|个)?(?:文件|报告)|什么文件",
            PLACE: r"哪里|哪儿|什么地方|哪个地方|何处|在哪(?:举行|召开|开|办)"
            r"|哪座城市|哪个城市|哪个国家|何地|地点|举办地",
            PERSON: r"(?:主席|秘书|总干事|主任|负责人|部长)(?:是谁|叫什么|姓名)"
            r"|谁(?:当选|担任|出任|主持)",
            DECISION: r"提请管理机构|征求指导|(?:请|需要|要求)管理机构.{0,8}(?:做|决定|审议|采取)"
            r"|管理机构.{0,6}(?:需要|应该|应当|要)(?:做|决定)",
        }
    ),
    where_to_read=re.compile(r"查阅|查看|看到|找到|读到|了解更多"),
)
