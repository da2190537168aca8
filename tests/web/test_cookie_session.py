"""The cookie session checks each distinct cookie's signature once (portal/cookie_session.py),
and must still refuse what Flask refuses: a changed byte, an expired cookie, another key. A
request that changes its session in place must not change what the next request sees.

A bare Flask app with the interface, so the tests need no database.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask, session
from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer

from portal import cookie_session

NAME = "session"


def _app(secret: str = "test-secret-0123456789abcdef0123456789") -> Flask:
    app = Flask(__name__)
    app.secret_key = secret
    app.permanent_session_lifetime = timedelta(hours=1)
    cookie_session.init_app(app)

    @app.post("/set")
    def set_() -> str:
        session["who"] = "14838812342"
        session["nested"] = {"step": 1}
        return "set"

    @app.get("/show")
    def show() -> dict[str, Any]:
        return dict(session)

    @app.get("/scribble")
    def scribble() -> str:  # changes a nested value in place: Flask does not see the change
        session["nested"]["step"] = 99
        session["who"] = "someone else"
        return "scribbled"

    return app


@pytest.fixture
def bare() -> Flask:
    return _app()


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every cookie whose signature was checked."""
    checked: list[str] = []
    original = URLSafeTimedSerializer.loads

    def counting(self: URLSafeTimedSerializer, value: Any, *args: Any, **kwargs: Any) -> Any:
        checked.append(value)
        return original(self, value, *args, **kwargs)

    monkeypatch.setattr(URLSafeTimedSerializer, "loads", counting)
    yield checked


def _cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie(NAME)
    assert cookie is not None
    return cookie.value


def _with_cookie(app: Flask, value: str) -> FlaskClient:
    client = app.test_client()
    client.set_cookie(NAME, value)
    return client


def test_a_cookie_is_checked_once_and_then_read_from_memory(bare: Flask, loads: list[str]) -> None:
    client = bare.test_client()
    client.post("/set")
    for _ in range(3):
        assert client.get("/show").json == {"who": "14838812342", "nested": {"step": 1}}
    assert loads == [_cookie(client)]


def test_a_changed_byte_is_refused_even_after_the_real_cookie_was_remembered(
    bare: Flask, loads: list[str]
) -> None:
    client = bare.test_client()
    client.post("/set")
    real = _cookie(client)
    assert client.get("/show").json
    # (Not the last character: some of its bits are base64 padding, which no decoder reads.)
    for position in (0, len(real) // 2, len(real) - 2):
        forged = real[:position] + ("A" if real[position] != "A" else "B") + real[position + 1 :]
        assert _with_cookie(bare, forged).get("/show").json == {}
    assert _with_cookie(bare, real).get("/show").json  # the real one still works


def test_another_key_does_not_take_the_cookie(bare: Flask) -> None:
    client = bare.test_client()
    client.post("/set")
    other = _app(secret="another-secret-0123456789abcdef0123456789")
    assert _with_cookie(other, _cookie(client)).get("/show").json == {}


def test_an_expired_cookie_is_refused_also_from_memory(
    bare: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = bare.test_client()
    client.post("/set")
    assert client.get("/show").json  # remembered now
    later = cookie_session.time.time() + 2 * 3600
    monkeypatch.setattr(cookie_session.time, "time", lambda: later)
    assert client.get("/show").json == {}


def test_a_change_made_in_place_does_not_reach_the_next_request(bare: Flask) -> None:
    client = bare.test_client()
    client.post("/set")
    cookie = _cookie(client)
    assert _with_cookie(bare, cookie).get("/scribble").status_code == 200
    assert _with_cookie(bare, cookie).get("/show").json == {
        "who": "14838812342",
        "nested": {"step": 1},
    }


def test_the_memory_is_bounded(bare: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cookie_session, "KEEP", 3)
    for _ in range(5):
        client = bare.test_client()
        client.post("/set")
        assert client.get("/show").json
    assert 1 <= len(bare.extensions["verified_cookies"]) <= 3
