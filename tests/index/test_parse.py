import json
import re

import pytest

from index.parse import parse_report, section_paths
from tests.conftest import REPORT

RAW = (REPORT / "zh.txt").read_text(encoding="utf-8")
OUTLINE = json.loads((REPORT / "outline.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report():
    return parse_report(RAW, OUTLINE)


def paragraphs(report):
    return {int(b.key): b for b in report.blocks if b.kind == "paragraph"}


def test_all_77_paragraphs_in_order(report):
    numbers = [int(b.key) for b in report.blocks if b.kind == "paragraph"]
    assert numbers == list(range(1, 78))


def test_wrapped_lines_join_without_spurious_spaces(report):
    p = paragraphs(report)
    assert p[26].text == (
        "秘书处持续为多边系统正常运行提供支持。截至2025年7月20日，多边系统数据库收录约11.65万份申报的"
        "标准材料转让协定，涉及逾700万份种质材料。记录显示，2007年至今，超过1.91万个接收方通过多边系统"
        "获取材料，同时Easy-SMTA系统用户已达2.8万。"
    )
    assert "\n" not in p[26].text


def test_paragraph_number_printed_with_a_leading_space(report):
    assert paragraphs(report)[9].text.startswith("各方积极响应第17/2023号决议呼吁：德国、意大利")


def test_page_furniture_never_leaks(report):
    for block in paragraphs(report).values():
        assert not re.search(r"(^|\n)C(\n|$)", block.text)
        assert "http" not in block.text


def test_footnote_markers_removed_but_kept_as_references(report):
    p = paragraphs(report)
    assert "已对巴林、哥伦比亚和南非生效" in p[10].text
    assert p[10].footnotes == (2, 3, 4)
    assert p[12].footnotes == (5, 6) and p[12].text.endswith("与其进行接洽。")
    assert p[17].footnotes == (8,) and "工具箱”内容并开展推广" in p[17].text
    assert p[29].footnotes == (20,) and "《用户手册》，同时" in p[29].text
    assert p[73].footnotes == (39, 40) and "“生物多样性国际日”和“国际马铃薯日”等" in p[73].text
    # Figures that look like markers stay: a date, an article, a count.
    assert "2025年7月20日" in p[26].text and "第13.4条" in p[41].text and "97个" in p[55].text


def test_footnote_8_has_two_links(report):
    note = report.footnotes[8]
    assert len(note.urls) == 2
    assert note.titles[1].startswith("手册")


def test_footnote_18_has_three_distinct_links_each_printed_twice(report):
    note = report.footnotes[18]
    assert [u.rsplit("-", 1)[-1] for u in note.urls] == ["oewg11", "oewg12", "oewg13"]
    assert all(title.endswith("国际可持续发展研究所《地球谈判报告》") for title in note.titles)


def test_footnote_38_has_no_link_and_39_40_keep_theirs(report):
    assert report.footnotes[38].urls == ()
    assert report.footnotes[39].urls[0].endswith("international-biodiversity-day/en")
    assert report.footnotes[40].urls[0].endswith("International-Potato-Day-in-Potato-Park/en")


def test_footnote_11_title_without_number(report):
    assert report.footnotes[11].titles == ("《清单》 |《粮食和农业植物遗传资源国际条约》",)
    assert report.footnotes[11].urls[0].endswith("overview-inventory/zh/")
    assert report.footnotes[10].titles == ("农民权利特设技术专家组第六次会议",)


def test_every_url_of_the_raw_text_lands_on_exactly_one_footnote(report):
    raw_urls = set(re.findall(r"https?://\S+", RAW))
    owners = {}
    for note in report.footnotes.values():
        assert len(set(note.urls)) == len(note.urls), "duplicate URLs are dropped"
        for url in note.urls:
            owners.setdefault(url, []).append(note.number)
    assert set(owners) == raw_urls
    assert all(len(numbers) == 1 for numbers in owners.values())


def test_every_cited_footnote_exists_and_each_is_cited_once(report):
    cited = [n for b in report.blocks for n in b.footnotes]
    assert sorted(cited) == sorted(report.footnotes) == list(range(1, 41))


def test_outline_headings_are_found_in_the_raw_text_in_order(report):
    headings = [b.key for b in report.blocks if b.kind == "heading"]
    assert headings == [h["id"] for h in OUTLINE["headings"]]
    squashed = re.sub(r"\s+", "", RAW)
    for h in OUTLINE["headings"]:
        assert re.sub(r"\s+", "", h["text"]) in squashed


def test_section_paths(report):
    paths = section_paths(report.blocks, report.headings)
    assert paths[26] == ["II", "II.mls", "II.mls.operations"]
    assert paths[1] == ["I"]
    assert paths[77] == ["IV"]
    assert paths[22] == ["II", "II.mls", "II.mls.enhancement"]


def test_a_heading_footnote_is_cited_by_the_heading(report):
    heading = next(b for b in report.blocks if b.key == "II.mls.enhancement")
    assert heading.footnotes == (13,) and heading.text == "多边系统加强进程"


def test_text_outside_any_paragraph_is_an_error():
    with pytest.raises(ValueError, match="no numbered paragraph"):
        parse_report("I. 引 言\n\n", OUTLINE)
