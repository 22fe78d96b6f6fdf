import pytest

from index.answertype import COUNT, DATE, DECISION, DOCUMENT, PERSON, PLACE, asked, given


@pytest.mark.parametrize(
    "question, lang, kinds",
    [
        ("How many SMTAs were reported?", "en", {COUNT}),
        ("how much did Norway contribute?", "en", {COUNT}),
        ("¿Cuántas variedades conserva el banco?", "es", {COUNT}),
        ("Combien de Parties contractantes ?", "fr", {COUNT}),
        ("Сколько образцов хранится?", "ru", {COUNT}),
        ("كم عدد الأطراف المتعاقدة؟", "ar", {COUNT}),
        ("缔约方总数是多少", "zh", {COUNT}),
        ("When did Barbados join?", "en", {DATE}),
        ("¿Cuándo se reunió el Comité?", "es", {DATE}),
        ("Quand s'est tenue la réunion ?", "fr", {DATE}),
        ("Когда состоялось совещание?", "ru", {DATE}),
        ("متى عقد الاجتماع؟", "ar", {DATE}),
        ("吉尔吉斯斯坦是哪一年加入条约的？", "zh", {DATE}),
        ("In which document is the financial report?", "en", {DOCUMENT}),
        ("¿En qué documento se resume el debate?", "es", {DOCUMENT}),
        ("Dans quel document figure le résumé ?", "fr", {DOCUMENT}),
        ("В каком документе представлен отчёт?", "ru", {DOCUMENT}),
        ("في أي وثيقة يرد الملخص؟", "ar", {DOCUMENT}),
        ("财务报告在哪份文件里", "zh", {DOCUMENT}),
        ("《全球行动计划》的审查是以哪份报告为基础的", "zh", {DOCUMENT}),
        ("Who chairs the Compliance Committee?", "en", {PERSON}),
        ("¿Quién fue elegida presidenta de la Mesa?", "es", {PERSON}),
        ("Qui est le président du Comité ?", "fr", {PERSON}),
        ("Как зовут председателя Бюро?", "ru", {PERSON}),
        ("من هو رئيس اللجنة؟", "ar", {PERSON}),
        ("履约委员会主席是谁", "zh", {PERSON}),
        ("What action is required of the Governing Body?", "en", {DECISION}),
        ("¿Qué debe decidir el Órgano Rector?", "es", {DECISION}),
        ("Que demande-t-on à l'Organe directeur ?", "fr", {DECISION}),
        ("Что предлагается Руководящему органу?", "ru", {DECISION}),
        ("ما المطلوب من الهيئة الرئاسية؟", "ar", {DECISION}),
        ("需要管理机构做出什么决定", "zh", {DECISION}),
        ("What is the Governing Body invited to decide on this?", "en", {DECISION}),
        ("ما المطلوب من الجهاز الرئاسي؟", "ar", {DECISION}),
        ("ماذا يُطلب من جهاز الإدارة في هذا البند؟", "ar", {DECISION}),
        ("What did the Governing Body request the Secretariat to do?", "en", set()),
        ("Which resolution of the Governing Body requested the Secretary to act?", "en", set()),
        ("What decision is expected on the Multilateral System?", "en", set()),
        ("Who approved the Action Plan?", "en", set()),
        ("¿Quién es la Secretaría del Tratado?", "es", set()),  # the Secretariat is not a person
        ("Кто является секретариатом Договора?", "ru", set()),
        ("培训研讨会是哪几家一起办的？", "zh", set()),  # which ones, not how many
        ("报告是在第几项议程下提交的？", "zh", set()),  # which item, not how many
        ("Where was ACSU-10 held?", "en", {PLACE}),
        ("¿En qué ciudad se celebró la reunión?", "es", {PLACE}),
        ("Où s'est tenue la sixième réunion ?", "fr", {PLACE}),
        ("Где прошло совещание Комитета?", "ru", {PLACE}),
        ("أين عقد الاجتماع السادس؟", "ar", {PLACE}),
        ("第十二次会议在哪个城市举行？", "zh", {PLACE}),
        ("工作组会议在什么地方开的", "zh", {PLACE}),
        ("В какой стране прошёл семинар?", "ru", {PLACE}),
        ("What was the deadline for national reports?", "en", {DATE}),
        ("Quelle est la date de la prochaine réunion ?", "fr", {DATE}),
        ("¿Cuál es la fecha límite para los informes?", "es", {DATE}),
        ("В какой день откроется сессия?", "ru", {DATE}),
        ("ما هو موعد الاجتماع القادم؟", "ar", {DATE}),
        ("国家报告截止日期是几号", "zh", {DATE}),
        ("What is the date of the next session?", "en", {DATE}),
        ("¿Cuál es la fecha de la reunión?", "es", {DATE}),
        ("date limite des rapports nationaux", "fr", {DATE}),
        ("крайний срок подачи докладов", "ru", {DATE}),
        ("الموعد النهائي لتقديم التقارير", "ar", {DATE}),
        ("提交报告的最后期限", "zh", {DATE}),
        ("研讨会在哪个地方办的", "zh", {PLACE}),
        ("会议何处举行", "zh", {PLACE}),
        ("Where can I read more about the Secretary's activities?", "en", set()),  # a document
        ("¿Dónde puedo encontrar el informe financiero?", "es", set()),
        ("在哪里可以查阅财务报告", "zh", set()),
        ("What did the Secretariat do on Farmers' Rights?", "en", set()),
    ],
)
def test_what_a_question_asks_for(question, lang, kinds):
    assert asked(question, lang) == kinds


def test_figures_that_count_something():
    assert COUNT in given("汇集中亚各国200多名专家")
    assert COUNT in given("数据库收录约11.65万份协定")
    assert COUNT in given("调查问卷在5至7家相关机构中开展")
    assert COUNT in given("一次线上会议和两次罗马线下会议")
    assert COUNT in given("举办三场研讨会")


def test_chinese_numerals_that_count_nothing():
    assert COUNT not in given("第十次会议")  # an ordinal
    assert COUNT not in given("举办一场特别活动")  # "a" side event
    assert COUNT not in given("上一个两年度")  # the previous biennium


def test_digits_that_count_nothing():
    # Resolution and document symbols, the biennium, dates, agenda items and articles.
    text = (
        "根据第17/2023号决议，见IT/GB-11/25/6号文件；2024-2025两年度；"
        "于2025年7月20日；议题16；第9条"
    )
    assert COUNT not in given(text)


def test_what_the_governing_body_is_invited_to_do():
    assert DECISION in given("提请管理机构：认可并感谢捐助方")
    assert DECISION not in given("管理机构第10/2023号决议要求秘书完成《战略》草案")


def test_persons():
    assert PERSON not in given("秘书处协助共同主席与管理机构其他相关附属机构共同主席开展互动")
    assert PERSON in given("由张三先生担任主席")


def test_dates():
    assert DATE in given("于2024年11月在塔什干举行")
    assert DATE in given("2023年以来")
    assert DATE not in given("2024-2025两年度工作计划，第17/2023号决议")


def test_document_symbols():
    assert DOCUMENT in given("概要见IT/GB-11/25/17.2号文件")
    assert DOCUMENT in given("审查工作基于《世界粮食和农业植物遗传资源状况》第三份报告的结论展开")
    assert DOCUMENT in given("详见《农民权利落实情况报告》")
    assert DOCUMENT not in given("秘书处为所有闭会期间委员会编写了文件")


def test_a_place_is_a_known_place_name_or_online():
    assert PLACE in given("第十次会议由卡塔尔国在多哈主办", ("多哈", "卡塔尔"))
    assert PLACE in given("第九次会议于2024年10月1-3日以线上方式举行")
    assert PLACE not in given("秘书处筹备并承办了第六次会议", ("多哈",))


def test_a_question_is_read_with_its_own_language_patterns_only():
    assert asked("¿Cuántas variedades conserva el banco?", "es") == {COUNT}
    assert asked("¿Cuántas variedades conserva el banco?", "en") == set()
    assert asked("When was it held?", "en") == {DATE}
    assert asked("When was it held?", "fr") == set()


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="en, es, fr, zh, ru, ar"):
        asked("How many?", "de")
