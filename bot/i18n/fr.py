"""French texts; keys and placeholders as in en.py."""

TEXTS = {
    "language_name": "Français",
    "start_hello": "Bonjour {name} !",
    "start_knows": (
        "Je réponds aux questions portant sur le rapport sur la mise en œuvre du Programme de "
        "travail 2024-2025, établi pour la onzième session de l'Organe directeur du Traité sur les "
        "ressources phytogénétiques (GB-11, Lima, point 18 de l'ordre du jour)."
    ),
    "start_how": (
        "Posez votre question dans l'une des langues officielles de l'ONU : je cite textuellement "
        "le paragraphe qui y répond, tiré du texte officiel chinois, avec son numéro et ses "
        "sources. Essayez l'une de ces questions :"
    ),
    "example_1": "Combien d'ATTM ont été notifiés à ce jour ?",
    "example_2": "Quels pays ont adhéré au Traité en 2024-2025 ?",
    "example_3": "Quand le nouveau portail du GLIS a-t-il été mis en service ?",
    "help": (
        "Trois façons de m'utiliser :\n"
        "1. Ici, en conversation privée : écrivez votre question. /para 26 affiche le paragraphe "
        "26.\n"
        "2. Dans n'importe quelle conversation, tapez @{bot} suivi de votre question, puis "
        "choisissez un paragraphe pour en partager la citation. @{bot} seul affiche la liste des "
        "sections du rapport.\n"
        "3. Dans un groupe : /ask suivi de votre question, ou répondez à l'un de mes messages.\n"
        "/lang définit la langue de mes réponses ; /privacy indique ce que je conserve."
    ),
    "para_usage": "Envoyez /para suivi d'un numéro de paragraphe, par exemple /para 26.",
    "ask_usage": "Écrivez votre question après /ask, par exemple : /ask {example}",
    "out_of_range": (
        "« {document} » comporte les paragraphes {first} à {last} ; il n'y a pas de "
        "paragraphe {number}."
    ),
    "empty": "Veuillez écrire une question, par exemple : {example}",
    "no_words": (
        "Je n'ai trouvé aucun mot dans ce message. Veuillez formuler votre question avec des mots."
    ),
    "cut": "Votre question était longue : je n'en ai lu que le début.",
    "abstain": (
        "Le rapport ne semble pas répondre à cette question. Voici les paragraphes les plus "
        "proches, au cas où ils vous seraient utiles :"
    ),
    "closest": (
        "Le rapport ne répond peut-être pas exactement à cette question ; le paragraphe le plus "
        "proche est le suivant :"
    ),
    "working_translation": (
        "Traduction de travail non officielle ({language}) établie pour cet outil ; il ne s'agit "
        "pas d'un texte officiel de la FAO."
    ),
    "official_translation": "Version officielle ({language}).",
    "official_text": "Texte officiel ({language})",
    "sources": "Sources",
    "document": "Document",
    "paragraph_link": "Lien vers ce paragraphe",
    "citation": "Référence à citer",
    "more_results": "Plus de résultats",
    "other_matches": "Autres correspondances :",
    "open_in_bot": "Ouvrir dans le bot",
    "feedback_thanks": "Merci, votre avis a été enregistré.",
    "not_your_card": "Seule la personne qui a posé la question peut modifier cette réponse.",
    "stale_button": "Ce bouton n'est plus valide. Veuillez reposer votre question.",
    "rate_limited": (
        "Vous posez vos questions plus vite que je ne peux y répondre. Veuillez patienter quelques "
        "secondes."
    ),
    "group_hello": (
        "Bonjour ! Je cite le rapport de la GB-11 sur le Programme de travail 2024-2025. "
        "Interrogez-moi avec /ask suivi de votre question, ou répondez à l'un de mes messages."
    ),
    "unsupported": "Je ne peux lire que des questions rédigées sous forme de texte.",
    "error": "Désolé, une erreur s'est produite. Veuillez réessayer.",
    "admins_only": "Cette commande est réservée aux administrateurs du bot.",
    "stats_title": "Utilisation depuis le début du décompte",
    "stats_questions": "Questions par langue",
    "stats_abstained": "Questions restées sans réponse dans le rapport",
    "stats_paragraphs": "Paragraphes les plus cités",
    "stats_feedback": "Avis (utile / pas utile)",
    "stats_unavailable": (
        "Les statistiques sont indisponibles pour le moment (la base de données "
        "du bot est illisible) ; les réponses n'en sont pas affectées."
    ),
    "privacy": (
        "Ce que je conserve : des décomptes anonymes (questions par langue, questions sans "
        "réponse, paragraphes cités) et la langue de réponse que vous avez choisie, associée à "
        "un hachage salé de votre identifiant d'utilisateur. Vos questions ne sont pas "
        "journalisées, et chacune n'est conservée que jusqu'à l'envoi de sa réponse (afin "
        "qu'un redémarrage ou une panne ne la fasse pas perdre), à l'exception de la question "
        "et du paragraphe d'un avis 👍/👎 que vous choisissez d'envoyer. Rien n'est communiqué à "
        "des tiers."
    ),
    "lang_choose": "Choisissez la langue de mes réponses :",
    "lang_set": "Je répondrai en français.",
    "reload_done": "Index rechargé : {paragraphs} paragraphes en {languages} langues.",
    "reload_failed": "L'index n'a pas pu être rechargé ; je continue d'utiliser le précédent.",
    "cmd_start": "Présentation et exemples de questions",
    "cmd_help": "Comment utiliser le bot",
    "cmd_ask": "Poser une question (dans les groupes)",
    "cmd_para": "Afficher un paragraphe d'après son numéro",
    "cmd_lang": "Langue des réponses",
    "cmd_docs": "Documents que je cite",
    "cmd_privacy": "Ce que le bot conserve",
    "terminal_prompt": "Votre question (ligne vide ou Ctrl-D pour quitter) :",
    "terminal_help": (
        "Tapez une question puis Entrée. /para 26 affiche le paragraphe 26 ; /lang es répond "
        "en espagnol (codes : {languages}) ; /help affiche cette aide ; quit, exit, une ligne "
        "vide ou Ctrl-D termine."
    ),
    "terminal_lang_usage": "Tapez /lang suivi de l'un de ces codes : {languages}.",
    "unknown_document": (
        "Je n'ai aucun document nommé {name}. /docs affiche la liste des documents que je cite."
    ),
    "cite": "{name}, par. {number}",
    "docs_title": "Documents que je cite :",
    "docs_entry": "paragraphes {first} à {last} : /para {name} {first}",
    "help_docs": (
        "/docs affiche les documents que je cite et comment en désigner un : /para, son nom "
        "court, puis le numéro."
    ),
}
