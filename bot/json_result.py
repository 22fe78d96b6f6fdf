"""``treatybot ask --json``: a search result as one JSON object (its schema is in the README)."""

from __future__ import annotations

from bot.marks import Marks, clean
from bot.notices import verdict
from bot.view import hit_view
from index import Paragraph, SearchResult


def result_json(result: SearchResult) -> dict:
    """The JSON view of a result: every hit, official text first, with its translations and the
    marked sentences' spans in each."""
    results = []
    for hit in result.hits:
        view = hit_view(result, hit, result.lang)
        official = view.official
        others = {lang: p for lang, p in view.versions.items() if lang != official.lang}
        results.append(
            {
                "doc": hit.doc,
                "document": view.title,
                "paragraph": hit.number,
                "score": round(hit.score, 6),
                "section": official.section_path,
                "text": official.text,
                "links": [{"title": link.title, "url": link.url} for link in official.links],
                "url": view.url,
                "citation": view.citation,
                "translations": {lang: p.text for lang, p in others.items()},
                # Where the sentences that answer are, in "text" and in each translation.
                "highlight": {
                    "text": _spans(view.marks, official),
                    "translations": {lang: _spans(view.marks, p) for lang, p in others.items()},
                },
            }
        )
    out = {
        "question": result.question,
        "lang": result.lang,
        "abstained": result.abstained,
        "answer": verdict(result),
        "results": results,
    }
    if result.reason:
        out["reason"] = result.reason
    if result.cut:
        out["cut"] = True
    return out


def _spans(marks: Marks, paragraph: Paragraph) -> list[list[int]]:
    """The marked spans of one version, as the cards mark them: ``text[start:end]`` each."""
    return [list(span) for span in clean(marks.get(paragraph.lang), len(paragraph.text))]
