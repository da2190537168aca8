"""Translations for forms and pages: Flask-Babel's message domain, with the request's
catalogue and language found once per request (portal/i18n.py hands this domain to
Flask-Babel, and chooses the language).

It lives in `forms` because the forms are its main users (every label, hint and choice is a
lazy string) and `forms` imports nothing of the portal but its domain package.
"""

from __future__ import annotations

from typing import Any

import flask_babel
from babel import support
from flask import g, has_app_context
from flask_babel import LazyString, get_locale

CATALOGUE = "_portal_catalogue"  # this request's translations, on flask.g
LANGUAGE = "_portal_language"  # and its language (portal.i18n.force_locale forgets both)


class Domain(flask_babel.Domain):
    """Flask-Babel's message domain, finding the request's catalogue once per request.

    Flask-Babel finds it again for every string (the context, the locale, its name, the cache
    key): 45 times on a wizard page, a tenth of a millisecond. The language can change within a
    request only through `portal.i18n.force_locale`, which forgets the catalogue on the way in
    and out.
    """

    def get_translations(self) -> support.NullTranslations:
        if not has_app_context():
            return super().get_translations()
        found = g.get(CATALOGUE)
        if found is None:
            found = super().get_translations()
            setattr(g, CATALOGUE, found)
        return found


DOMAIN = Domain()


def gettext(string: str, **variables: Any) -> str:
    """flask_babel.gettext, without finding the domain again for every string."""
    return DOMAIN.gettext(string, **variables)


def lazy_gettext(string: str, **variables: Any) -> LazyString:
    """flask_babel.lazy_gettext, without finding the domain again whenever it is read: a
    form's labels, hints and choices are lazy strings, read some 20 times on a wizard page.
    Import it as ``_l`` (the name `make extract-messages` looks for)."""
    return LazyString(DOMAIN.gettext, string, **variables)


def current_language() -> str:
    """The language of the page being rendered, as nb, nn or en (found once per request: a
    page asks some ten times)."""
    if not has_app_context():
        return str(get_locale() or "nb")
    found: str | None = g.get(LANGUAGE)
    if found is None:
        found = str(get_locale() or "nb")
        setattr(g, LANGUAGE, found)
    return found
