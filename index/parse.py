"""Raw text of an FAO report (extracted from its PDF) -> numbered paragraphs, sections, footnotes.

The PDF extraction leaves: wrapped lines with blank lines between them, page furniture (a lone
``C``), footnote blocks at each page foot (numbered titles, then their URLs), and footnote
markers inline in the text (``巴林 2、哥伦比亚 3和南非 4生效``). Heading levels are not in the
text, so they come from a reviewed outline file beside the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.records import Footnote, Heading, Link

PARAGRAPH_START = re.compile(r"^\s*(\d+)\.\s+(.*)$")
FOOTNOTE_TITLE = re.compile(r"^\s*(\d+)\s+(\S.*)$")
URL_LINE = re.compile(r"^\s*(https?://\S+)\s*$")
FURNITURE = re.compile(r"^\s*(C|\d+)?\s*$")
# A complete footnote title line ends with two spaces; a wrapped one does not.
TITLE_COMPLETE = re.compile(r"\s{2,}$")
# Digits right after a footnote marker are units of a number, not markers: 2025年, 第5条, 1.8万.
UNIT_AFTER = "年月日条号个次万亿多余名份家位届期周种场项部人款%.．/-－–"
BULLET = "•"


@dataclass(frozen=True)
class Block:
    """A paragraph or heading as it appears in the body, with its footnote markers found."""

    kind: str  # "paragraph" | "heading"
    key: str  # paragraph number or heading id
    text: str
    footnotes: tuple[int, ...]


@dataclass(frozen=True)
class ParsedReport:
    blocks: tuple[Block, ...]
    footnotes: dict[int, Footnote]
    headings: tuple[Heading, ...]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines: no space between CJK or at a hyphen, one space between Latin words."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
        elif line.startswith(BULLET):
            out += "\n" + line
        elif re.search(r"[A-Za-z0-9,;:]$", out) and re.match(r"[A-Za-z]", line):
            out += " " + line
        else:
            out += line
    return out


def _heading_for(line: str, headings: list[dict]) -> dict | None:
    flat = squash(line)
    for h in headings:
        expected = squash((h.get("numeral", "") + "." if h.get("numeral") else "") + h["text"])
        expected += str(h.get("footnote", ""))
        if flat == expected:
            return h
    return None


def _split_footnote_block(lines: list[str], no_link: set[int]) -> list[Footnote]:
    """Titles first (numbered, continued, or unnumbered extra titles), then the URLs in order."""
    titles: list[tuple[int, str]] = []  # (footnote number, title)
    urls: list[str] = []
    open_title = False
    for line in lines:
        url = URL_LINE.match(line)
        if url:
            urls.append(url.group(1))
            continue
        if not line.strip():
            continue
        m = FOOTNOTE_TITLE.match(line)
        expected = titles[-1][0] + 1 if titles else None
        if m and (expected is None or int(m.group(1)) in (expected, expected + 1)):
            titles.append((int(m.group(1)), m.group(2).strip()))
        elif open_title:
            number, text = titles[-1]
            titles[-1] = (number, text + line.strip())
        else:
            titles.append((titles[-1][0], line.strip()))
        open_title = not TITLE_COMPLETE.search(line)
    # An unnumbered title just before a skipped number is that number's own title (footnote 11).
    fixed: list[tuple[int, str]] = []
    for i, (number, text) in enumerate(titles):
        nxt = titles[i + 1][0] if i + 1 < len(titles) else None
        is_extra = i > 0 and titles[i - 1][0] == number
        if is_extra and nxt is not None and nxt == number + 2 and not FOOTNOTE_TITLE.match(text):
            number += 1
        fixed.append((number, re.sub(r"\s{2,}", " ", text).strip()))
    # A URL printed twice in a row is one link.
    deduped = [u for i, u in enumerate(urls) if i == 0 or urls[i - 1] != u]
    queue = list(deduped)
    by_number: dict[int, tuple[list[str], list[str]]] = {}
    for number, text in fixed:
        entry = by_number.setdefault(number, ([], []))
        entry[0].append(text)
        if number not in no_link and queue:
            entry[1].append(queue.pop(0))
    if queue:
        raise ValueError(f"footnote block with {len(queue)} unassigned URL(s): {queue}")
    return [
        Footnote(n, tuple(t), tuple(dict.fromkeys(u))) for n, (t, u) in sorted(by_number.items())
    ]


def _find_markers(
    blocks: list[tuple[str, str, str]], footnote_order: list[tuple[int, int, int]]
) -> list[Block]:
    """Find each footnote's marker, in order, in the block stream; remove it from the text.

    ``footnote_order`` is (footnote number, index of the first block after its footnote block,
    the line that block starts on): a marker must appear before the page foot that explains it.
    """
    texts = [t for _, _, t in blocks]
    cited: list[list[int]] = [[] for _ in blocks]
    cursor = (0, 0)  # (block index, char offset)
    for number, limit, line in footnote_order:
        pattern = re.compile(
            rf"(?:(?<=\0,)|(?<![\d.,/\-A-Za-z])\s?){number}(?![\d{re.escape(UNIT_AFTER)}A-Za-z])"
        )
        found = None
        for bi in range(cursor[0], limit):
            start = cursor[1] if bi == cursor[0] else 0
            m = pattern.search(texts[bi], start)
            if m:
                found = (bi, m)
                break
        if found is None:
            raise ValueError(
                f"line {line}: footnote {number}: no marker in the text before its page foot"
            )
        bi, m = found
        texts[bi] = texts[bi][: m.start()] + "\0" * (m.end() - m.start()) + texts[bi][m.end() :]
        cited[bi].append(number)
        cursor = (bi, m.end())
    out = []
    for (kind, key, _), text, refs in zip(blocks, texts, cited):
        # A marker between two commas (5,6) leaves the comma behind.
        text = re.sub(r"\0+(,\0+)*", "", text)
        out.append(Block(kind, key, text.strip(), tuple(refs)))
    return out


def parse_report(raw: str, outline: dict) -> ParsedReport:
    headings_spec = outline["headings"]
    no_link = set(outline.get("footnotes_without_link", []))
    lines = raw.splitlines()
    started = False
    blocks: list[tuple[str, str, list[str]]] = []
    # (index of the next body block, line number of the block's first line, its lines)
    footnote_blocks: list[tuple[int, int, list[str]]] = []
    expected_para = 1
    expected_note = 1
    i = 0
    while i < len(lines):
        line = lines[i]
        heading = _heading_for(line, headings_spec) if line.strip() else None
        if heading and (started or heading["id"] == headings_spec[0]["id"]):
            started = True
            blocks.append(("heading", heading["id"], [line]))
            i += 1
            continue
        if not started:
            i += 1
            continue
        para = PARAGRAPH_START.match(line)
        if para and int(para.group(1)) == expected_para:
            blocks.append(("paragraph", para.group(1), [para.group(2)]))
            expected_para += 1
            i += 1
            continue
        note = FOOTNOTE_TITLE.match(line)
        if note and int(note.group(1)) == expected_note and not PARAGRAPH_START.match(line):
            # A footnote block runs to its last URL line.
            j = i
            last_url = None
            while j < len(lines):
                nxt = lines[j]
                if URL_LINE.match(nxt):
                    last_url = j
                elif last_url is not None and nxt.strip():
                    break
                j += 1
            end = (last_url if last_url is not None else i) + 1
            footnote_blocks.append((len(blocks), i + 1, lines[i:end]))
            numbers = [int(m.group(1)) for m in map(FOOTNOTE_TITLE.match, lines[i:end]) if m]
            expected_note = max(numbers) + 1
            i = end
            continue
        if FURNITURE.match(line):
            i += 1
            continue
        if not blocks or blocks[-1][0] != "paragraph":
            raise ValueError(f"line {i + 1}: text outside any paragraph: {line.strip()[:40]!r}")
        blocks[-1][2].append(line)
        i += 1
    if not started:
        raise ValueError(f"the outline's first heading ({headings_spec[0]['text']!r}) is not in it")
    if expected_para == 1:
        raise ValueError("no numbered paragraph ('1. ...') after the outline's first heading")

    footnotes: dict[int, Footnote] = {}
    order: list[tuple[int, int, int]] = []
    for next_block, first_line, block_lines in footnote_blocks:
        try:
            notes = _split_footnote_block(block_lines, no_link)
        except ValueError as exc:
            raise ValueError(f"line {first_line}: {exc}") from exc
        for note in notes:
            if note.number in footnotes:
                raise ValueError(f"line {first_line}: footnote {note.number} printed twice")
            footnotes[note.number] = note
            order.append((note.number, next_block, first_line))
    joined = [
        (kind, key, join_lines(ls) if kind == "paragraph" else squash(ls[0]))
        for kind, key, ls in blocks
    ]
    # Headings keep their spec text (letter spacing and marker removed); the marker is searched
    # in the raw heading so the footnote order stays intact.
    parsed = _find_markers(joined, order)
    spec = {h["id"]: h for h in headings_spec}
    final = [
        Block(b.kind, b.key, spec[b.key]["text"], b.footnotes) if b.kind == "heading" else b
        for b in parsed
    ]
    headings = tuple(
        Heading(h["id"], h["level"], h["text"], h.get("numeral", "")) for h in headings_spec
    )
    return ParsedReport(tuple(final), footnotes, headings)


def section_paths(blocks: tuple[Block, ...], headings: tuple[Heading, ...]) -> dict[int, list[str]]:
    """Paragraph number -> ids of its enclosing headings, outermost first."""
    level = {h.id: h.level for h in headings}
    stack: list[str] = []
    out: dict[int, list[str]] = {}
    for b in blocks:
        if b.kind == "heading":
            stack = [s for s in stack if level[s] < level[b.key]] + [b.key]
        else:
            out[int(b.key)] = list(stack)
    return out


def render_section(
    ids: list[str], headings: dict[str, Heading], titles: dict[str, str]
) -> tuple[str, ...]:
    """``II › 获取和惠益分享多边系统 › 运行``: a top-level heading shows as its numeral when
    deeper headings follow, and as ``I. 引言`` when it stands alone."""
    parts = []
    for pos, hid in enumerate(ids):
        h = headings[hid]
        title = titles.get(hid, h.text)
        if h.numeral:
            # A version file may write the numeral itself ("[II] II. Implementation ...").
            title = re.sub(rf"^{re.escape(h.numeral)}\.\s*", "", title)
            parts.append(h.numeral if pos + 1 < len(ids) else f"{h.numeral}. {title}")
        else:
            parts.append(title)
    return tuple(parts)


def paragraph_links(
    cited: tuple[int, ...],
    footnotes: dict[int, Footnote],
    titles: dict[int, tuple[str, ...]] | None = None,
) -> tuple[Link, ...]:
    """The links of the cited footnotes, in order, each URL once; ``titles`` (a version's own
    footnote titles, by footnote) replace the official ones where given."""
    links: list[Link] = []
    for n in cited:
        own = (titles or {}).get(n, ())
        for i, link in enumerate(footnotes[n].links):
            title = own[min(i, len(own) - 1)] if own else link.title
            if link.url not in {x.url for x in links}:
                links.append(Link(title, link.url))
    return tuple(links)
