"""The page chrome (header, footer, idle-timeout dialog): rendered once, filled in per request.

The chrome is the same on every page for a given language and login state, except for a
handful of per-request values: the CSRF token, the path to come back to after changing
language, the logged-in person's name and the seconds left of the session. Rendering it with
Jinja on every request cost more than half a millisecond, a fifth of a wizard step
(bench/README.md), so `chrome("_header.html")` renders `templates/partials/_header.html` once
per (language, logged in or not) with markers in place of those values, keeps the text between
them, and on each request only joins the pieces with the escaped values.

The partials take those values from `slot` (`{{ slot.csrf_token }}`), never from the request
themselves: whatever else they use must be the same for every request with the same language
and login state (tests/web/wizard/test_page_chrome.py renders them both ways and compares).
With template auto-reload on (flask run --debug) nothing is kept, so an edited partial shows
at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, g, render_template, request
from markupsafe import Markup, escape

from portal.auth.access import current_user
from portal.auth.sessions import seconds_left
from portal.csrf_tokens import csrf_token
from portal.i18n import current_language

_MARK = "\x1f"  # a control character no template or translation contains


def _next_path() -> str:
    return request.full_path if request.query_string else request.path


def _user_name() -> str:
    user = current_user()
    return user.name if user else ""


SLOTS: dict[str, Callable[[], Any]] = {
    "csrf_token": csrf_token,
    "next": _next_path,
    "user_name": _user_name,
    "expires_in": seconds_left,
}
_MARKERS = {name: Markup(f"{_MARK}{name}{_MARK}") for name in SLOTS}
_VALUES = "_portal_chrome"  # this request's slot values, on flask.g


def chrome(partial: str) -> Markup:
    """`templates/partials/<partial>` for this request."""
    values: dict[str, Markup] | None = g.get(_VALUES)  # the slots' values, once per request
    if values is None:
        values = {}
        setattr(g, _VALUES, values)
    key = (partial, current_language(), current_user() is not None)
    cache: dict[tuple[str, str, bool], list[str]] = current_app.extensions["chrome"]
    pieces = cache.get(key)
    if pieces is None:
        pieces = render_template(f"partials/{partial}", slot=_MARKERS).split(_MARK)
        if not current_app.jinja_env.auto_reload:
            cache[key] = pieces
    # pieces alternate: text, slot name, text, slot name, ..., text
    for name in pieces[1::2]:
        if name not in values:
            values[name] = escape(SLOTS[name]())
    return Markup("".join(values[p] if i % 2 else p for i, p in enumerate(pieces)))


def direct(partial: str) -> Markup:
    """The same partial rendered with this request's values, without the cache (for tests)."""
    values = {name: get() for name, get in SLOTS.items()}
    return Markup(render_template(f"partials/{partial}", slot=values))


def init_app(app: Flask) -> None:
    """Give templates `chrome()`; the cache lives as long as the app."""
    app.extensions["chrome"] = {}
    app.add_template_global(chrome, "chrome")
