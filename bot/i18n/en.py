"""English: the reference table; every other language has exactly these keys and placeholders."""

TEXTS = {
    "language_name": "English",
    "start_hello": "Hello {name}!",
    "start_knows": (
        "I answer questions about the report on the implementation of the Work Programme "
        "2024-2025, prepared for the eleventh session of the Plant Treaty's Governing Body "
        "(GB-11, Lima, agenda item 18)."
    ),
    "start_how": (
        "Ask in any UN language: I quote the paragraph that answers you, verbatim from the "
        "official Chinese text, with its number and sources. Try one of these:"
    ),
    "example_1": "How many SMTAs have been reported so far?",
    "example_2": "Which countries joined the Treaty in 2024-2025?",
    "example_3": "When did the new GLIS portal go live?",
    "help": (
        "Three ways to use me:\n"
        "1. Here in private chat: write your question. /para 26 shows paragraph 26.\n"
        "2. In any chat, type @{bot} and your question, then pick a paragraph to share its "
        "quote. @{bot} alone lists the report's sections.\n"
        "3. In a group: /ask followed by your question, or reply to one of my messages.\n"
        "/lang sets the language of my answers; /privacy says what I store."
    ),
    "para_usage": "Send /para and a paragraph number, for example /para 26.",
    "ask_usage": "Write your question after /ask, for example: /ask {example}",
    "out_of_range": "{document} has paragraphs {first} to {last}; there is no paragraph {number}.",
    "empty": "Please write a question, for example: {example}",
    "no_words": "I found no words in that message. Please ask your question in words.",
    "cut": "Your question was long: I read only its beginning.",
    "abstain": (
        "The report does not seem to answer this. These are the nearest paragraphs, "
        "in case they help:"
    ),
    "closest": "The report may not answer exactly this; the closest paragraph is:",
    "working_translation": (
        "Unofficial working translation ({language}) prepared for this tool; not an official "
        "FAO text."
    ),
    "official_translation": "Official {language} version.",
    "official_text": "Official text ({language})",
    "sources": "Sources",
    "document": "Document",
    "paragraph_link": "Link to this paragraph",
    "citation": "Cite as",
    "more_results": "More results",
    "other_matches": "Other matches:",
    "open_in_bot": "Open in the bot",
    "feedback_thanks": "Thank you, your feedback is recorded.",
    "not_your_card": "Only the delegate who asked can change this answer.",
    "stale_button": "This button is no longer valid. Please ask again.",
    "rate_limited": "You are asking faster than I can answer. Please wait a few seconds.",
    "group_hello": (
        "Hello! I quote the GB-11 report on the Work Programme 2024-2025. "
        "Ask me with /ask and your question, or reply to one of my messages."
    ),
    "unsupported": "I can only read questions written as text.",
    "error": "Sorry, something went wrong. Please try again.",
    "admins_only": "This command is for the bot's administrators only.",
    "stats_title": "Usage since the counts began",
    "stats_questions": "Questions by language",
    "stats_abstained": "Questions the report did not answer",
    "stats_paragraphs": "Most quoted paragraphs",
    "stats_feedback": "Feedback (helpful / not helpful)",
    "stats_unavailable": (
        "The counts are unavailable right now (the bot's database "
        "cannot be read); answers are not affected."
    ),
    "privacy": (
        "What I store: anonymous counts (questions per language, unanswered questions, quoted "
        "paragraphs) and your chosen answer language under a salted hash of your user id. Your "
        "questions are not logged, and each is kept only until its answer has been sent (so "
        "that a restart or an outage cannot lose it), except the question and paragraph of a "
        "👍/👎 you choose to send. Nothing is shared with third parties."
    ),
    "lang_choose": "Choose the language of my answers:",
    "lang_set": "I will answer in English.",
    "reload_done": "Index reloaded: {paragraphs} paragraphs in {languages} languages.",
    "reload_failed": "The index could not be reloaded; I keep serving the previous one.",
    "cmd_start": "Introduction and example questions",
    "cmd_help": "How to use the bot",
    "cmd_ask": "Ask a question (in groups)",
    "cmd_para": "Show a paragraph by its number",
    "cmd_lang": "Language of the answers",
    "cmd_docs": "The documents I quote",
    "cmd_privacy": "What the bot stores",
    "terminal_prompt": "Your question (empty line or Ctrl-D to quit):",
    "terminal_help": (
        "Type a question and press Enter. /para 26 shows paragraph 26; /lang fr answers in "
        "French (codes: {languages}); /help shows this; quit, exit, an empty line or Ctrl-D ends."
    ),
    "terminal_lang_usage": "Type /lang and one of these codes: {languages}.",
    "unknown_document": "I have no document called {name}. /docs lists the documents I quote.",
    "cite": "{name}, para. {number}",
    "docs_title": "Documents I quote:",
    "docs_entry": "paragraphs {first} to {last}: /para {name} {first}",
    "help_docs": (
        "/docs lists the documents I quote and how to name one: /para, then its short name, "
        "then the number."
    ),
}
