"""Which language a page is in: the person's choice, kept in the session, else the browser's."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import flask_babel
from babel import Locale, support
from flask import Flask, current_app, g, has_app_context, request, session
from flask_babel import LazyString, get_locale
from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup

SESSION_KEY = "lang"
_CATALOGUE = "_portal_catalogue"  # this request's translations, on flask.g
_LANGUAGE = "_portal_language"  # and its language (force_locale below forgets both)


class Domain(flask_babel.Domain):
    """Flask-Babel's message domain, finding the request's catalogue once per request.

    Flask-Babel finds it again for every string (the context, the locale, its name, the cache
    key): 45 times on a wizard page, a tenth of a millisecond. The language can change within a
    request only through `force_locale` below, which forgets the catalogue on the way in and out.
    """

    def get_translations(self) -> support.NullTranslations:
        if not has_app_context():
            return super().get_translations()
        found = g.get(_CATALOGUE)
        if found is None:
            found = super().get_translations()
            setattr(g, _CATALOGUE, found)
        return found


class Babel(flask_babel.Babel):
    """Flask-Babel with the domain above."""

    @property
    def domain_instance(self) -> Domain:
        return _DOMAIN


_DOMAIN = Domain()


def gettext(string: str, **variables: Any) -> str:
    """flask_babel.gettext, without finding the domain again for every string."""
    return _DOMAIN.gettext(string, **variables)


def lazy_gettext(string: str, **variables: Any) -> LazyString:
    """flask_babel.lazy_gettext, without finding the domain again whenever it is read: a
    form's labels, hints and choices are lazy strings, read some 20 times on a wizard page.
    Import it as ``_l`` (the name `make extract-messages` looks for)."""
    return LazyString(_DOMAIN.gettext, string, **variables)


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
    g.pop(_CATALOGUE, None)
    g.pop(_LANGUAGE, None)


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


def current_language() -> str:
    """The language of the page being rendered, as nb, nn or en (found once per request: a
    page asks some ten times)."""
    if not has_app_context():
        return str(get_locale() or "nb")
    found: str | None = g.get(_LANGUAGE)
    if found is None:
        found = str(get_locale() or "nb")
        setattr(g, _LANGUAGE, found)
    return found


def init_app(app: Flask) -> None:
    """Expose the language helpers to templates."""

    @app.context_processor
    def inject_languages() -> dict[str, object]:
        return {"current_language": current_language, "languages": app.config["LANGUAGES"]}

    # Flask-Babel's Jinja callables look the catalogue up again for every string.
    catalogue = _DOMAIN.get_translations
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
    found: str = _DOMAIN.get_translations().ugettext(string)
    if eval_ctx.autoescape:
        found = Markup(found)  # noqa: S704  (our own catalogue, as Jinja's i18n extension trusts it)
    return found % variables
