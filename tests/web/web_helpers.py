"""Helpers for web tests: the look-alike's test clients, a picker driver, CSRF tokens, sessions.

Imported by tests as `from web_helpers import ...` (a unique module name; `conftest` is not).
"""

from __future__ import annotations

import base64
import hashlib
import queue
import secrets
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urljoin

import requests
from bs4 import BeautifulSoup
from flask import Flask

IDP_RP_ID = "test-rp"  # an extra client of the look-alike, with a back-channel receiver


IDP_JWT_RP_ID = "test-rp-jwt"  # authenticates with private_key_jwt


IDP_OIC_RP_ID = "oic-interop"  # used by the pyoidc (oic) interop test


IDP_RP_SECRET = "test-rp-secret"


NOWHERE = "http://127.0.0.1:9"  # redirect URIs the tests read but never open


@dataclass
class Receiver:
    """A tiny HTTP server that records back-channel logout POSTs."""

    url: str
    posts: queue.Queue[dict[str, str]] = field(default_factory=queue.Queue)

    def next_post(self, timeout: float = 5) -> dict[str, str]:
        """The next recorded POST form, waiting a little for it."""
        return self.posts.get(timeout=timeout)

    def drain(self) -> None:
        """Forget what was recorded so far."""
        while not self.posts.empty():
            self.posts.get_nowait()


def pkce_pair() -> tuple[str, str]:
    """(code_verifier, S256 code_challenge)."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


@dataclass
class Picker:
    """Drives the look-alike's login page over HTTP, as a browser would."""

    base: str
    http: requests.Session = field(default_factory=requests.Session)

    def authorize_url(self, **params: str) -> str:
        """The authorization endpoint with these query parameters."""
        return f"{self.base}/idporten-mock/authorize?{urlencode(params)}"

    def open(self, url: str) -> requests.Response:
        """GET the URL, following only the look-alike's own redirects (never the client's)."""
        response = self.http.get(url, allow_redirects=False)
        while response.status_code == 303:
            url = urljoin(url, response.headers["Location"])
            response = self.http.get(url, allow_redirects=False)
        return response

    def submit(self, page: requests.Response, **fields: str) -> requests.Response:
        """POST the picker form on the page with its CSRF token and these fields."""
        soup = BeautifulSoup(page.text, "html.parser")
        form = soup.find("form", attrs={"action": lambda a: bool(a) and "/idporten-mock/" in a})
        action = str(form["action"])
        token = form.find("input", attrs={"name": "csrf_token"})["value"]
        data = {"csrf_token": token, **fields}
        return self.http.post(urljoin(page.url, action), data=data, allow_redirects=False)

    def login(self, url: str, **fields: str) -> str:
        """Log in through the picker (or single sign-on); the Location sent to the client."""
        page = self.open(url)
        if page.status_code == 302:
            return page.headers["Location"]
        assert page.status_code == 200, page.text
        response = self.submit(page, **fields)
        assert response.status_code == 302, response.text
        return response.headers["Location"]


CASEWORKER_BERGEN = "08828410181"  # Marte Berg in portal/idporten_mock/test_persons.toml


CITIZEN = "14838812342"  # Ingrid Solberg


SUBSTANTIAL = "idporten-loa-substantial"


def csrf_token(html: str) -> str:
    """The first CSRF token on a page."""
    field = BeautifulSoup(html, "html.parser").find("input", attrs={"name": "csrf_token"})
    assert field is not None, "page has no CSRF token"
    return str(field["value"])


@dataclass
class IdPorten:
    """Logs in through the portal's own login links and the look-alike's picker."""

    base: str

    def open_picker(self, http: requests.Session, start: str = "/logg-inn") -> requests.Response:
        """Follow a login link to the look-alike's picker page."""
        response = http.get(self.base + start)
        assert "/idporten-mock/authorize" in response.url, response.url
        assert response.status_code == 200
        return response

    def pick(
        self, http: requests.Session, picker: requests.Response, pid: str, level: str = SUBSTANTIAL
    ) -> requests.Response:
        """Post the picker form; returns the redirect to our callback (not yet followed)."""
        page = BeautifulSoup(picker.text, "html.parser")
        form = page.select_one('form[method="post"][action*="/idporten-mock/authorize"]')
        assert form is not None, "no picker form"
        data = {"csrf_token": csrf_token(str(form)), "person": pid, "level": level}
        url = urljoin(picker.url, str(form["action"]))
        response = http.post(url, data=data, allow_redirects=False)
        assert response.status_code in (302, 303), response.text[:500]
        return response

    def login(
        self, http: requests.Session, pid: str = CITIZEN, start: str = "/logg-inn", **kwargs: str
    ) -> requests.Response:
        """The whole flow: login link, picker, callback; returns the page we end on."""
        callback = self.pick(http, self.open_picker(http, start), pid, **kwargs)
        return http.get(callback.headers["Location"])


ENGLISH = {"Accept-Language": "en"}  # tests read the English msgids


def browser() -> requests.Session:
    """A fresh cookie jar that asks for English pages: one browser."""
    session = requests.Session()
    session.headers.update(ENGLISH)
    return session


def flask_session(app: Flask, http: requests.Session) -> dict[str, Any]:
    """What the browser's signed Flask session cookie holds."""
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    return dict(serializer.loads(http.cookies[app.config["SESSION_COOKIE_NAME"]]))


def set_flask_session(app: Flask, http: requests.Session, data: dict[str, Any]) -> None:
    """Replace the browser's Flask session with `data`, signed with the app's key (tampering)."""
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    name = app.config["SESSION_COOKIE_NAME"]
    cookie = next(c for c in http.cookies if c.name == name)
    http.cookies.set(name, serializer.dumps(data), domain=cookie.domain, path=cookie.path)
