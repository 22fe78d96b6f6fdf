"""Spanish texts; keys and placeholders as in en.py."""

TEXTS = {
    "language_name": "Español",
    "start_hello": "¡Hola, {name}!",
    "start_knows": (
        "Respondo a preguntas acerca del informe sobre la ejecución del Programa de trabajo para "
        "2024-2025, preparado para la 11.ª reunión del Órgano Rector del Tratado sobre los "
        "Recursos Fitogenéticos (GB-11, Lima, tema 18 del programa)."
    ),
    "start_how": (
        "Pregunte en cualquier idioma de las Naciones Unidas: le citaré textualmente el párrafo "
        "que responde a su pregunta, tomado del texto oficial en chino, con su número y sus "
        "fuentes. Pruebe con una de estas preguntas:"
    ),
    "example_1": "¿Cuántos ANTM se han notificado hasta la fecha?",
    "example_2": "¿Qué países se adhirieron al Tratado en 2024-2025?",
    "example_3": "¿Cuándo entró en funcionamiento el nuevo portal del GLIS?",
    "help": (
        "Tres formas de utilizarme:\n"
        "1. Aquí, en el chat privado: escriba su pregunta. /para 26 muestra el párrafo 26.\n"
        "2. En cualquier chat, escriba @{bot} y su pregunta y, a continuación, elija un párrafo "
        "para compartir su cita. Si escribe solo @{bot}, verá las secciones del informe.\n"
        "3. En un grupo: /ask seguido de su pregunta, o responda a uno de mis mensajes.\n"
        "/lang establece el idioma de mis respuestas; /privacy indica qué datos almaceno."
    ),
    "para_usage": "Envíe /para y un número de párrafo, por ejemplo /para 26.",
    "ask_usage": "Escriba su pregunta después de /ask, por ejemplo: /ask {example}",
    "out_of_range": (
        "{document} consta de los párrafos {first} a {last}; no existe el párrafo {number}."
    ),
    "empty": "Escriba una pregunta, por ejemplo: {example}",
    "no_words": "No he encontrado palabras en ese mensaje. Formule su pregunta con palabras.",
    "cut": "Su pregunta era larga: solo he leído el principio.",
    "abstain": (
        "El informe no parece responder a esta pregunta. Estos son los párrafos más próximos, por "
        "si le resultan útiles:"
    ),
    "closest": (
        "Puede que el informe no responda exactamente a esta pregunta; el párrafo más próximo es:"
    ),
    "working_translation": (
        "Traducción de trabajo no oficial ({language}) preparada para esta herramienta; no es un "
        "texto oficial de la FAO."
    ),
    "official_translation": "Versión oficial ({language}).",
    "official_text": "Texto oficial ({language})",
    "sources": "Fuentes",
    "document": "Documento",
    "paragraph_link": "Enlace a este párrafo",
    "citation": "Cítese como",
    "more_results": "Más resultados",
    "other_matches": "Otras coincidencias:",
    "open_in_bot": "Abrir en el bot",
    "feedback_thanks": "Gracias, se han registrado sus comentarios.",
    "not_your_card": "Solo quien formuló la pregunta puede modificar esta respuesta.",
    "stale_button": "Este botón ya no es válido. Vuelva a formular su pregunta.",
    "rate_limited": "Está preguntando más rápido de lo que puedo responder. Espere unos segundos.",
    "group_hello": (
        "¡Hola! Cito el informe del GB-11 sobre el Programa de trabajo para 2024-2025. Pregúnteme "
        "con /ask y su pregunta, o responda a uno de mis mensajes."
    ),
    "unsupported": "Solo puedo leer preguntas escritas como texto.",
    "error": "Lo siento, se ha producido un error. Vuelva a intentarlo.",
    "admins_only": "Este comando está reservado a los administradores del bot.",
    "stats_title": "Uso desde el inicio del recuento",
    "stats_questions": "Preguntas por idioma",
    "stats_abstained": "Preguntas sin respuesta en el informe",
    "stats_paragraphs": "Párrafos más citados",
    "stats_feedback": "Valoraciones (útil / no útil)",
    "stats_unavailable": (
        "Los recuentos no están disponibles en este momento (no se puede leer "
        "la base de datos del bot); las respuestas no se ven afectadas."
    ),
    "privacy": (
        "Qué datos almaceno: recuentos anónimos (preguntas por idioma, preguntas sin "
        "respuesta, párrafos citados) y el idioma de respuesta que usted haya elegido, "
        "asociado a un hash con sal de su identificador de usuario. Sus preguntas no se "
        "registran, y cada una se conserva solo hasta que se haya enviado su respuesta (para "
        "que un reinicio o una interrupción no la pierdan), salvo la pregunta y el párrafo de "
        "una valoración 👍/👎 que usted decida enviar. No se comparte nada con terceros."
    ),
    "lang_choose": "Elija el idioma de mis respuestas:",
    "lang_set": "Responderé en español.",
    "reload_done": "Índice recargado: {paragraphs} párrafos en {languages} idiomas.",
    "reload_failed": "No se ha podido recargar el índice; sigo utilizando el anterior.",
    "cmd_start": "Presentación y preguntas de ejemplo",
    "cmd_help": "Cómo utilizar el bot",
    "cmd_ask": "Hacer una pregunta (en grupos)",
    "cmd_para": "Mostrar un párrafo por su número",
    "cmd_lang": "Idioma de las respuestas",
    "cmd_docs": "Documentos que cito",
    "cmd_privacy": "Qué datos almacena el bot",
    "terminal_prompt": "Su pregunta (línea vacía o Ctrl-D para salir):",
    "terminal_help": (
        "Escriba una pregunta y pulse Intro. /para 26 muestra el párrafo 26; /lang fr responde "
        "en francés (códigos: {languages}); /help muestra esta ayuda; quit, exit, una línea "
        "vacía o Ctrl-D termina."
    ),
    "terminal_lang_usage": "Escriba /lang y uno de estos códigos: {languages}.",
    "unknown_document": (
        "No tengo ningún documento llamado {name}. /docs muestra los documentos que cito."
    ),
    "cite": "{name}, párr. {number}",
    "docs_title": "Documentos que cito:",
    "docs_entry": "párrafos {first} a {last}: /para {name} {first}",
    "help_docs": (
        "/docs muestra los documentos que cito y cómo nombrar uno: /para, su nombre corto y "
        "el número."
    ),
}
