"""Inline mode: @bot question lists quotes; an empty query lists the sections."""

import pytest

from bot.i18n import t
from tests.fake import parse_html

REPORT_TITLE = "Report on the Implementation of the Work Programme 2024-2025"


@pytest.mark.asyncio
async def test_inline_question_lists_up_to_ten_quotes(bot):
    bot.fake.inline_query("banque de germoplasme d'olivier Cordoue", bot.fake.user(8001, "fr"))
    (call,) = await bot.sent(method="answerInlineQuery")
    results = call.params["results"]
    assert 1 <= len(results) <= 10
    first = results[0]
    assert first["title"].startswith("¶33 · II › Système multilatéral")
    content = first["input_message_content"]["message_text"]
    parse_html(content, strict=True)
    assert content.index("Traduction de travail") < content.index("2024年6月")
    assert first["reply_markup"]["inline_keyboard"][0][0]["url"].endswith(
        "?start=gb11-work-programme-p33"
    )
    assert call.params["button"]["start_parameter"] == "inline"


@pytest.mark.asyncio
async def test_empty_inline_query_is_a_table_of_contents(bot):
    bot.fake.inline_query("")
    (call,) = await bot.sent(method="answerInlineQuery")
    titles = [r["title"] for r in call.params["results"]]
    assert titles[0] == REPORT_TITLE  # the documents first (here one), then their sections
    assert titles[1].startswith("¶1 · I. Introduction")
    assert any(t.startswith("¶26 · II › Multilateral System") for t in titles)
    assert len(titles) == len(set(titles)) == 1 + 22  # one per section that holds paragraphs


@pytest.mark.asyncio
async def test_inline_nonsense_lists_nothing_harmful(bot):
    bot.fake.inline_query("🌱🌱")
    (call,) = await bot.sent(method="answerInlineQuery")
    assert call.params["results"] == []


@pytest.mark.asyncio
async def test_inline_closest_hedges_the_first_description_and_marks_the_quote(hedged, bot):
    bot.fake.inline_query("How many SMTAs have been reported so far?", bot.fake.user(8101, "en"))
    (call,) = await bot.sent(method="answerInlineQuery")
    first, *others = call.params["results"]
    assert first["description"].startswith(t("en", "closest") + " ")
    assert others and not any(r["description"].startswith(t("en", "closest")) for r in others)
    content = first["input_message_content"]["message_text"]
    parse_html(content, strict=True)
    assert "<blockquote><b>The Secretariat continued to support" in content
