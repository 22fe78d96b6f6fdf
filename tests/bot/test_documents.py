"""Several documents in the bot: the report (primary) and a second, small document (``tests/data/
second/``, IT/GB-99/25/6, paragraphs 1-4, all numbers the report also has). Every renderer names
and cites a hit's own document; references, deep links and buttons stay within a document."""

import io
import json
from dataclasses import replace

import pytest

from bot import cards
from bot.addresses import payload, read_para_args, read_payload
from bot.ask import ask_lines
from bot.i18n import t
from bot.json_result import result_json
from bot.terminal import STARS, paragraph_lines, render_answer
from bot.view import answer_view, citation, quote_view
from tests.bot.conftest import REPORT, SECRETARY

SYMBOL = "IT/GB-99/25/6"
URL = "https://example.org/gb99-6.pdf"


def buttons(call):
    return [b for row in call.params["reply_markup"]["inline_keyboard"] for b in row]


def view_of(searcher, doc, number, lang):
    library = searcher.library
    return quote_view(library.versions(number, doc), library.document(doc), lang)


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("en", "IT/GB-11/25/18, para. 26"),
        ("es", "IT/GB-11/25/18, párr. 26"),
        ("fr", "IT/GB-11/25/18, par. 26"),
        ("zh", "IT/GB-11/25/18，第26段"),
        ("ru", "IT/GB-11/25/18, п. 26"),
        ("ar", "IT/GB-11/25/18، الفقرة 26"),
    ],
)
def test_citation_forms_in_six_languages(searcher, lang, expected):
    report = searcher.library.primary
    assert citation(replace(report, symbol="IT/GB-11/25/18"), lang, "zh", 26) == expected
    # Without a symbol, the title in the reader's language takes its place.
    assert citation(replace(report, symbol=""), lang, "zh", 26) == expected.replace(
        "IT/GB-11/25/18", report.title_in(lang)
    )


def test_json_results_carry_their_document(two_searcher):
    out = result_json(two_searcher.search("The Secretary convened the Bureau in Lima"))
    first = out["results"][0]
    assert (first["doc"], first["paragraph"]) == (SECRETARY, 2)
    assert first["document"] == "Report of the Secretary" and first["url"] == URL
    assert first["citation"] == f"{SYMBOL}, para. 2"
    report = next(r for r in out["results"] if r["doc"] == REPORT)
    assert report["document"].startswith("Report on the Implementation") and report["url"] == ""
    assert report["citation"] == f"IT/GB-11/25/18, para. {report['paragraph']}"
    french = result_json(two_searcher.search("Le Secrétaire a réuni le Bureau à Lima"))
    assert french["results"][0]["document"] == "Rapport du Secrétaire"
    assert french["results"][0]["citation"] == f"{SYMBOL}, par. 2"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_card_and_terminal_name_link_and_cite_the_hits_document(two_searcher, lang):
    view = view_of(two_searcher, SECRETARY, 2, lang)
    title = {"en": "Report of the Secretary", "fr": "Rapport du Secrétaire"}[lang]
    card = "\n".join(cards.paragraph_card(view, cards.PRIVATE, "treaty_test_bot"))
    assert f'<a href="{URL}">{title}</a>' in card
    assert f"<code>{t(lang, 'cite', name=SYMBOL, number=2)}</code>" in card
    assert "?start=gb99-secretary-p2" in card
    text = "\n".join(paragraph_lines(view, STARS, 100))
    assert f"{t(lang, 'document')}: {title} <{URL}>" in text
    assert text.endswith(t(lang, "cite", name=SYMBOL, number=2))
    # The report has no link of its own: it is named, never linked to an invented URL.
    report = view_of(two_searcher, REPORT, 26, lang)
    card = "\n".join(cards.paragraph_card(report, cards.PRIVATE, "treaty_test_bot"))
    assert f"{t(lang, 'document')}: {report.title}\n" in card and 'href=""' not in card
    text = "\n".join(paragraph_lines(report, STARS, 200))
    assert f"{t(lang, 'document')}: {report.title}\n" in text


def test_a_paragraph_asked_for_by_number_is_followed_by_its_neighbours(two_searcher):
    result = two_searcher.search("para 26")
    assert [(h.doc, h.number) for h in result.hits[:3]] == [
        (REPORT, 26),
        (REPORT, 25),
        (REPORT, 27),
    ]
    view = answer_view(result, "en", two_searcher.library)
    assert [v.number for v in view.others] == [25, 27]
    assert "¶25 ·" in render_answer(view) and "¶18 ·" not in render_answer(view)
    last = two_searcher.search(f"{SYMBOL} para 4")
    assert [(h.doc, h.number) for h in last.hits[:2]] == [(SECRETARY, 4), (SECRETARY, 3)]


@pytest.mark.parametrize(
    "question, lang",
    [
        ("paragraphe 77", "fr"),
        ("párrafo 77", "es"),
        ("пункт 77", "ru"),
        ("第77段", "zh"),
        ("الفقرة 77", "ar"),
        ("para 77", "en"),
    ],
)
def test_a_reference_is_answered_in_the_language_of_its_word(searcher, question, lang):
    result = searcher.search(question)
    assert result.lang == lang and result.hits[0].number == 77


def test_deep_link_payloads_and_para_arguments(two_searcher):
    library = two_searcher.library
    assert payload(SECRETARY, 3) == "gb99-secretary-p3"
    assert payload("x" * 70, 3) is None and payload("a.b", 3) is None  # not a start parameter
    assert read_payload("gb99-secretary-p3", library).doc == SECRETARY
    assert read_payload("p26", library).doc == REPORT  # links made before documents were named
    assert read_payload("nothing-p3", library).unknown == "nothing"
    assert read_payload("inline", library) is None
    assert read_para_args(["secretary", "3"], library).doc == SECRETARY
    assert read_para_args([SYMBOL, "3,4"], library).numbers == (3, 4)
    assert read_para_args(["report", "26"], library).doc == REPORT
    assert read_para_args(["26"], library).doc is None
    assert read_para_args(["gb98", "3"], library).unknown == "gb98"


@pytest.mark.asyncio
async def test_para_names_a_document_or_goes_to_the_primary_with_a_button_per_other(
    offline_two,
):
    fake = offline_two.fake
    fake.private_message("/para secretary 3", fake.user(5001))
    fake.private_message(f"/para {SYMBOL} 9", fake.user(5002))
    fake.private_message("/para gb98 3", fake.user(5003))
    fake.private_message("/para 3", fake.user(5004))
    text = (await offline_two.sent(chat_id=5001))[0].params["text"]
    assert text.startswith("<b>¶3</b>") and "memorandum of understanding" in text
    assert f"<code>{SYMBOL}, para. 3</code>" in text
    out = (await offline_two.sent(chat_id=5002))[0].params["text"]
    assert out == f"{SYMBOL} has paragraphs 1 to 4; there is no paragraph 9."
    out = (await offline_two.sent(chat_id=5003))[0].params["text"]
    assert out == t("en", "unknown_document", name="gb98")
    (call,) = await offline_two.sent(chat_id=5004)
    assert "memorandum" not in call.params["text"]  # the primary's paragraph 3
    other = next(b for b in buttons(call) if b["text"] == f"¶3 · {SYMBOL}")
    card = fake.message(call.result["chat"]["id"], call.result["message_id"])
    fake.callback_query(card, other["callback_data"], user=fake.user(5004))
    (edit,) = await offline_two.sent(method="editMessageText")
    assert "memorandum of understanding" in edit.params["text"]


@pytest.mark.asyncio
async def test_deep_links_and_previous_next_stay_within_a_document(offline_two):
    fake = offline_two.fake
    fake.private_message("/start gb99-secretary-p4", fake.user(5101))
    fake.private_message("/start p26", fake.user(5102))
    fake.private_message("/start gb98-p3", fake.user(5103))
    (call,) = await offline_two.sent(chat_id=5101)
    assert call.params["text"].startswith("<b>¶4</b>") and "Norway" in call.params["text"]
    moves = [b["text"] for b in buttons(call) if "◀" in b["text"] or "▶" in b["text"]]
    assert moves == ["◀ ¶3"]  # the report's ¶5 is not this document's
    report = (await offline_two.sent(chat_id=5102))[0].params["text"]
    assert report.startswith("<b>¶26</b>") and "?start=gb11-work-programme-p26" in report
    unknown = (await offline_two.sent(chat_id=5103))[0].params["text"]
    assert unknown == t("en", "unknown_document", name="gb98")
    back = next(b for b in buttons(call) if b["text"] == "◀ ¶3")
    card = fake.message(call.result["chat"]["id"], call.result["message_id"])
    fake.callback_query(card, back["callback_data"], user=fake.user(5101))
    (edit,) = await offline_two.sent(method="editMessageText")
    assert edit.params["text"].startswith("<b>¶3</b>") and "memorandum" in edit.params["text"]
    assert [b["text"] for b in buttons(edit) if "▶" in b["text"]] == ["¶4 ▶"]


@pytest.mark.asyncio
async def test_docs_lists_the_documents_with_their_links(offline_two):
    offline_two.fake.private_message("/docs", offline_two.fake.user(5201, "fr"))
    text = (await offline_two.sent(chat_id=5201))[0].params["text"]
    assert text.startswith(f"<b>{t('fr', 'docs_title')}</b>")
    assert text.index("Rapport sur la mise en œuvre") < text.index(f'<a href="{URL}">')
    assert "/para rapport du secrétaire 1" not in text and "/para secretary 1" in text
    assert "/para report 1" in text and f"({SYMBOL})" in text
    menus = offline_two.fake.calls("setMyCommands", ok=True)
    assert all(any(c["command"] == "docs" for c in m.params["commands"]) for m in menus)


@pytest.mark.asyncio
async def test_an_empty_inline_query_lists_the_documents_then_their_sections(offline_two):
    offline_two.fake.inline_query("", offline_two.fake.user(5301))
    (call,) = await offline_two.sent(method="answerInlineQuery")
    results = call.params["results"]
    assert [r["title"] for r in results[:2]] == [
        "Report on the Implementation of the Work Programme 2024-2025",
        "Report of the Secretary",
    ]
    assert results[2]["title"].startswith("¶1 ·")
    assert any(SYMBOL in r.get("description", "") and r["title"].startswith("¶") for r in results)
    assert len({r["id"] for r in results}) == len(results)


@pytest.fixture(scope="module")
def tiny_two(tmp_path_factory, encoder):
    """The tiny report and the second document, where paragraph 4 is the second's alone."""
    from index import open_index
    from tests.index.test_documents import knowledge_of_two

    root = tmp_path_factory.mktemp("tiny-two")
    return open_index(knowledge_of_two(root), root / "index", encoder)


def test_a_batch_with_a_number_only_the_second_document_has(tiny_two, monkeypatch, capsys):
    lines = ["para 4", "olive workshop", "IT/GB-99/25/6 para 9", "IT/GB-99/25/12 para 2", "para 2"]
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("\n".join(lines).encode())))
    assert ask_lines(tiny_two, as_json=True) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(out) == len(lines)
    assert (out[0]["results"][0]["doc"], out[0]["results"][0]["paragraph"]) == (SECRETARY, 4)
    assert out[1]["results"][0]["doc"] == "tiny"
    assert out[2]["reason"] == "out_of_range" and out[3]["reason"] == "unknown_document"
    assert out[4]["results"][0]["doc"] == "tiny"
    assert all(r["doc"] and r["document"] for o in out for r in o["results"])


@pytest.mark.asyncio
async def test_paragraphe_77_is_answered_in_french(offline_bot):
    offline_bot.fake.private_message("paragraphe 77", offline_bot.fake.user(5401, "en"))
    text = (await offline_bot.sent(chat_id=5401))[0].params["text"]
    assert text.startswith("<b>¶77</b>") and t("fr", "citation") in text
    assert t("fr", "cite", name="", number=77).strip(", ") in text  # "par. 77"
