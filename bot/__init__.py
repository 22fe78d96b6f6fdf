"""treatybot's front ends: the Telegram bot and the command line. Parsing and search live in
``index``; this package only asks it questions and renders the answers."""
