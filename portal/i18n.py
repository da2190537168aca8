"""Which language a page is in: the person's choice, kept in the session, else the browser's."""

from __future__ import annotations

from flask import Flask, current_app, request, session
from flask_babel import get_locale

SESSION_KEY = "lang"


def select_locale() -> str:
    """The chosen language, else the best match for Accept-Language, else bokmål."""
    languages = current_app.config["LANGUAGES"]
    chosen = session.get(SESSION_KEY)
    if chosen in languages:
        return str(chosen)
    # Browsers say "no" for Norwegian in general; treat it as bokmål.
    best = request.accept_languages.best_match([*languages, "no"])
    return "nb" if best in (None, "no") else best


def current_language() -> str:
    """The language of the page being rendered, as nb, nn or en."""
    return str(get_locale() or "nb")


def init_app(app: Flask) -> None:
    """Expose the language helpers to templates."""

    @app.context_processor
    def inject_languages() -> dict[str, object]:
        return {"current_language": current_language, "languages": app.config["LANGUAGES"]}
