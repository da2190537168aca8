"""Which language a page is in: the person's choice, kept in the session, else the browser's."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import flask_babel
from babel import Locale
from flask import Flask, current_app, g, request, session
from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup

from forms.i18n import CATALOGUE, DOMAIN, LANGUAGE, Domain
from forms.i18n import current_language as current_language
from forms.i18n import gettext as gettext
from forms.i18n import lazy_gettext as lazy_gettext

SESSION_KEY = "lang"


class Babel(flask_babel.Babel):
    """Flask-Babel with the domain of forms.i18n (the request's catalogue found once)."""

    @property
    def domain_instance(self) -> Domain:
        return DOMAIN


@contextmanager
def force_locale(language: str) -> Iterator[None]:
    """Flask-Babel's force_locale (e.g. a letter in the applicant's language); use this one."""
    _forget()
    try:
        with flask_babel.force_locale(language):
            yield
    finally:
        _forget()


def _forget() -> None:
    g.pop(CATALOGUE, None)
    g.pop(LANGUAGE, None)


def select_locale() -> Locale:
    """The chosen language, else the best match for Accept-Language, else bokmål."""
    languages = current_app.config["LANGUAGES"]
    chosen = session.get(SESSION_KEY)
    if chosen not in languages:
        # Browsers say "no" for Norwegian in general; treat it as bokmål.
        best = request.accept_languages.best_match([*languages, "no"])
        chosen = "nb" if best in (None, "no") else best
    return _locale(str(chosen))


@lru_cache(maxsize=16)
def _locale(language: str) -> Locale:
    """Babel's Locale for a language, parsed once (Flask-Babel parses a string every request)."""
    return Locale.parse(language)


def init_app(app: Flask) -> None:
    """Expose the language helpers to templates."""

    @app.context_processor
    def inject_languages() -> dict[str, object]:
        return {"current_language": current_language, "languages": app.config["LANGUAGES"]}

    # Flask-Babel's Jinja callables look the catalogue up again for every string.
    catalogue = DOMAIN.get_translations
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: catalogue().ugettext(s),
        ngettext=lambda s, p, n: catalogue().ungettext(s, p, n),
        pgettext=lambda c, s: catalogue().upgettext(c, s),
        npgettext=lambda c, s, p, n: catalogue().unpgettext(c, s, p, n),
        newstyle=True,
    )
    # `_()` in a template: the same as the i18n extension's newstyle `_` (which resolves
    # `gettext` from the context and calls it through the context, twice), in one call.
    app.jinja_env.globals["_"] = _template_gettext


@pass_eval_context
def _template_gettext(eval_ctx: EvalContext, string: str, **variables: Any) -> str:
    """Jinja's newstyle gettext: the translation, safe in an autoescaped template, always
    formatted with the (escaped) variables."""
    found: str = DOMAIN.get_translations().ugettext(string)
    if eval_ctx.autoescape:
        found = Markup(found)  # noqa: S704  (our own catalogue, as Jinja's i18n extension trusts it)
    return found % variables
