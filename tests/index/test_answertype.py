import pytest

from index.answertype import COUNT, DATE, DECISION, DOCUMENT, PERSON, PLACE, asked, given


@pytest.mark.parametrize(
    "question, kinds",
    [
        ("How many SMTAs were reported?", {COUNT}),
        ("how much did Norway contribute?", {COUNT}),
        ("¿Cuántas variedades conserva el banco?", {COUNT}),
        ("Combien de Parties contractantes ?", {COUNT}),
        ("Сколько образцов хранится?", {COUNT}),
        ("كم عدد الأطراف المتعاقدة؟", {COUNT}),
        ("缔约方总数是多少", {COUNT}),
        ("When did Barbados join?", {DATE}),
        ("¿Cuándo se reunió el Comité?", {DATE}),
        ("Quand s'est tenue la réunion ?", {DATE}),
        ("Когда состоялось совещание?", {DATE}),
        ("متى عقد الاجتماع؟", {DATE}),
        ("吉尔吉斯斯坦是哪一年加入条约的？", {DATE}),
        ("In which document is the financial report?", {DOCUMENT}),
        ("¿En qué documento se resume el debate?", {DOCUMENT}),
        ("Dans quel document figure le résumé ?", {DOCUMENT}),
        ("В каком документе представлен отчёт?", {DOCUMENT}),
        ("في أي وثيقة يرد الملخص؟", {DOCUMENT}),
        ("财务报告在哪份文件里", {DOCUMENT}),
        ("《全球行动计划》的审查是以哪份报告为基础的", {DOCUMENT}),
        ("Who chairs the Compliance Committee?", {PERSON}),
        ("¿Quién fue elegida presidenta de la Mesa?", {PERSON}),
        ("Qui est le président du Comité ?", {PERSON}),
        ("Как зовут председателя Бюро?", {PERSON}),
        ("من هو رئيس اللجنة؟", {PERSON}),
        ("履约委员会主席是谁", {PERSON}),
        ("What action is required of the Governing Body?", {DECISION}),
        ("¿Qué debe decidir el Órgano Rector?", {DECISION}),
        ("Que demande-t-on à l'Organe directeur ?", {DECISION}),
        ("Что предлагается Руководящему органу?", {DECISION}),
        ("ما المطلوب من الهيئة الرئاسية؟", {DECISION}),
        ("需要管理机构做出什么决定", {DECISION}),
        ("What did the Governing Body request the Secretariat to do?", set()),
        ("Which resolution of the Governing Body requested the Secretary to act?", set()),
        ("What decision is expected on the Multilateral System?", set()),
        ("Who approved the Action Plan?", set()),
        ("¿Quién es la Secretaría del Tratado?", set()),  # the Secretariat is not a person
        ("Кто является секретариатом Договора?", set()),
        ("培训研讨会是哪几家一起办的？", set()),  # which ones, not how many
        ("报告是在第几项议程下提交的？", set()),  # which item, not how many
        ("Where was ACSU-10 held?", {PLACE}),
        ("¿En qué ciudad se celebró la reunión?", {PLACE}),
        ("Où s'est tenue la sixième réunion ?", {PLACE}),
        ("Где прошло совещание Комитета?", {PLACE}),
        ("أين عقد الاجتماع السادس؟", {PLACE}),
        ("第十二次会议在哪个城市举行？", {PLACE}),
        ("Where can I read more about the Secretary's activities?", set()),  # a document
        ("¿Dónde puedo encontrar el informe financiero?", set()),
        ("在哪里可以查阅财务报告", set()),
        ("What did the Secretariat do on Farmers' Rights?", set()),
    ],
)
def test_what_a_question_asks_for(question, kinds):
    assert asked(question) == kinds


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
