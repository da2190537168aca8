"""CSRF tokens: Flask-WTF's signed token, signed once per session and masked anew on every page.

Flask-WTF signs the session's CSRF secret again on every request (a serializer, a key, an
HMAC: 1.5 % of a wizard step, bench/README.md). With `WTF_CSRF_TIME_LIMIT = None` the token's
signing time is never checked, so the token signed the first time is as good as any later
one, and the process keeps it per session secret (a few thousand, then it starts over).

A token that is the same on every page of a session could be read out of compressed HTTPS
responses byte by byte (BREACH). So no page shows the signed token itself: each page gets it
XOR-ed with a fresh random pad, the pad in front (as Django does). `CSRFProtect` takes the pad
off again before Flask-WTF checks the token exactly as before: the signature, and that it
holds this session's secret. A token that does not unmask is a missing token (400).
"""

from __future__ import annotations

import base64
import binascii
import os

import flask_wtf.csrf
from flask import Flask, current_app, g, session
from flask_wtf.csrf import generate_csrf

FIELD = "csrf_token"  # Flask-WTF's name in the session, the form and flask.g
KEEP = 4096  # signed tokens remembered; the memory is emptied when it is full
_ON_G = "_portal_csrf_token"  # this request's masked token


def csrf_token() -> str:
    """The CSRF token for this page's forms (the same for every form on it)."""
    token: str | None = g.get(_ON_G)
    if token is None:
        token = mask(_signed())
        setattr(g, _ON_G, token)
    return token


def _signed() -> str:
    """Flask-WTF's signed token for this session's secret, signed once per process."""
    signed_for: dict[str, str] = current_app.extensions["csrf_signed"]
    secret = session.get(FIELD)
    signed = signed_for.get(secret) if isinstance(secret, str) else None
    if signed is None:
        signed = generate_csrf()  # makes the session's secret when there is none yet
        if len(signed_for) >= KEEP:
            signed_for.clear()
        signed_for[session[FIELD]] = signed
    return signed


def mask(token: str) -> str:
    """The token XOR-ed with a fresh random pad, the pad in front, base64 for a URL or form."""
    data = token.encode("ascii")
    pad = os.urandom(len(data))
    return base64.urlsafe_b64encode(pad + _xor(pad, data)).decode("ascii")


def unmask(masked: str | None) -> str | None:
    """The token `mask` was given, or None for anything `mask` cannot have made."""
    try:
        both = base64.urlsafe_b64decode(masked.encode("ascii")) if masked else b""
        half, odd = divmod(len(both), 2)
        if odd or not half:
            return None
        return _xor(both[:half], both[half:]).decode("ascii")
    except (UnicodeError, binascii.Error, ValueError):
        return None


def _xor(pad: bytes, data: bytes) -> bytes:
    return (int.from_bytes(pad, "big") ^ int.from_bytes(data, "big")).to_bytes(len(data), "big")


class CSRFProtect(flask_wtf.csrf.CSRFProtect):
    """Flask-WTF's app-wide CSRF check, on the token the page's mask is taken off; templates
    get `csrf_token()` from here."""

    def init_app(self, app: Flask) -> None:
        super().init_app(app)
        # Flask-WTF hands templates its own csrf_token twice: as a global and from a context
        # processor (which wins). Take both back: an unmasked token must not reach a page.
        processors = app.template_context_processors[None]
        if processors[-1]().get(FIELD) is not generate_csrf:
            raise RuntimeError("Flask-WTF no longer adds csrf_token as this module expects")
        processors.pop()
        app.jinja_env.globals.pop("csrf_meta_tag", None)
        app.jinja_env.globals[FIELD] = csrf_token
        app.extensions["csrf_signed"] = {}

    def _get_csrf_token(self) -> str | None:
        return unmask(super()._get_csrf_token())
