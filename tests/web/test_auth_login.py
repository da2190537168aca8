"""Citizen login through the ID-porten look-alike, end to end over HTTP: the happy path and
every way a callback must be refused (state, replay, nonce, PKCE, acr, rate limit).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from bs4 import BeautifulSoup
from flask import Flask
from joserfc.jwk import RSAKey
from sqlalchemy import select
from web_helpers import (
    CITIZEN,
    ENGLISH,
    IdPorten,
    browser,
    csrf_token,
    flask_session,
    set_flask_session,
)

from portal.auth import clients, flow
from portal.extensions import db
from portal.models import LoginSession


def _rows(app: Flask) -> list[LoginSession]:
    with app.app_context():
        return list(db.session.scalars(select(LoginSession)))


def _heading(response: requests.Response) -> str:
    return BeautifulSoup(response.text, "html.parser").h1.get_text(strip=True)


def _assert_logged_out(http: requests.Session, base: str) -> None:
    response = http.get(f"{base}/oversikt", allow_redirects=False)
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/logg-inn"


def test_login_shows_the_person_on_the_overview(app: Flask, idporten: IdPorten, http) -> None:
    page = idporten.login(http, CITIZEN)
    assert page.status_code == 200
    assert urlsplit(page.url).path == "/oversikt"
    assert "Ingrid Solberg" in BeautifulSoup(page.text, "html.parser").header.get_text()
    [row] = _rows(app)
    assert (row.kind, row.subject, row.acr) == ("citizen", CITIZEN, "idporten-loa-substantial")
    assert row.idp_sid and row.id_token


def test_authorization_request_has_pkce_state_nonce_acr_and_language(live_server, http) -> None:
    token = csrf_token(http.get(f"{live_server}/").text)
    http.post(f"{live_server}/sprak", data={"lang": "en", "next": "/", "csrf_token": token})
    response = http.get(f"{live_server}/logg-inn", allow_redirects=False)
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) == 43  # base64url SHA-256
    assert query["state"][0] and query["nonce"][0]
    assert query["acr_values"] == ["idporten-loa-substantial"]
    assert query["ui_locales"] == ["en"]
    assert query["scope"] == ["openid profile"]
    assert query["redirect_uri"] == [f"{live_server}/auth/callback"]


@pytest.mark.parametrize(
    ("next_path", "landing"),
    [
        ("/personvern", "/personvern"),
        ("https://evil.example/", "/oversikt"),
        ("//evil.example/", "/oversikt"),
        ("/\\evil.example", "/oversikt"),
    ],
)
def test_next_is_followed_only_when_it_is_a_local_path(
    idporten: IdPorten, http, next_path: str, landing: str
) -> None:
    page = idporten.login(http, CITIZEN, start=f"/logg-inn?{urlencode({'next': next_path})}")
    assert urlsplit(page.url).netloc == urlsplit(idporten.base).netloc
    assert urlsplit(page.url).path == landing


def test_a_wrong_state_is_refused(app: Flask, idporten: IdPorten, http) -> None:
    callback = idporten.pick(http, idporten.open_picker(http), CITIZEN).headers["Location"]
    parts = urlsplit(callback)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()} | {"state": "forged"}
    response = http.get(f"{idporten.base}{parts.path}?{urlencode(query)}")
    assert response.status_code == 400
    assert _heading(response) == "The login could not be completed"
    assert _rows(app) == []
    _assert_logged_out(http, idporten.base)


def test_a_callback_replayed_in_another_browser_is_refused(app: Flask, idporten: IdPorten) -> None:
    with browser() as victim, browser() as attacker:
        callback = idporten.pick(victim, idporten.open_picker(victim), CITIZEN)
        response = attacker.get(callback.headers["Location"])
        assert response.status_code == 400
        assert _rows(app) == []
        _assert_logged_out(attacker, idporten.base)


def test_a_callback_used_twice_is_refused(app: Flask, idporten: IdPorten, http) -> None:
    callback = idporten.pick(http, idporten.open_picker(http), CITIZEN).headers["Location"]
    assert urlsplit(http.get(callback).url).path == "/oversikt"
    again = http.get(callback)
    assert again.status_code == 400
    assert len(_rows(app)) == 1


def _tamper_state(app: Flask, http: requests.Session, state: str, **changes: str | None) -> None:
    data = flask_session(app, http)
    stored = data[f"_state_citizen_{state}"]["data"]
    for key, value in changes.items():
        if value is None:
            stored.pop(key)
        else:
            stored[key] = value
    set_flask_session(app, http, data)


def _state_of(callback: requests.Response) -> str:
    return parse_qs(urlsplit(callback.headers["Location"]).query)["state"][0]


def test_a_wrong_nonce_is_refused(app: Flask, idporten: IdPorten, http) -> None:
    callback = idporten.pick(http, idporten.open_picker(http), CITIZEN)
    _tamper_state(app, http, _state_of(callback), nonce="not-the-nonce-we-sent")
    response = http.get(callback.headers["Location"])
    assert response.status_code == 400
    assert _heading(response) == "The login could not be verified"
    assert _rows(app) == []


@pytest.mark.parametrize("verifier", ["x" * 64, None], ids=["wrong", "missing"])
def test_a_wrong_or_missing_pkce_verifier_is_refused(
    app: Flask, idporten: IdPorten, http, verifier: str | None
) -> None:
    callback = idporten.pick(http, idporten.open_picker(http), CITIZEN)
    _tamper_state(app, http, _state_of(callback), code_verifier=verifier)
    response = http.get(callback.headers["Location"])
    assert response.status_code == 400
    assert _heading(response) == "The login could not be completed"
    assert _rows(app) == []


def test_a_level_below_substantial_is_refused(app: Flask, idporten: IdPorten, http) -> None:
    response = idporten.login(http, CITIZEN, level="idporten-loa-low")
    assert response.status_code == 403
    assert _heading(response) == "Your login method is not secure enough for this service"
    assert _rows(app) == []
    _assert_logged_out(http, idporten.base)


def test_cancelling_at_the_idp_shows_a_clear_page(app: Flask, idporten: IdPorten, http) -> None:
    picker = idporten.open_picker(http)
    form = BeautifulSoup(picker.text, "html.parser").select_one('form[action*="/authorize"]')
    data = {"csrf_token": csrf_token(str(form)), "cancel": "1"}
    response = http.post(f"{idporten.base}{form['action']}", data=data)
    assert response.status_code == 400
    assert _heading(response) == "The login was cancelled"
    assert _rows(app) == []


def test_callbacks_are_rate_limited_per_address(app: Flask, live_server: str) -> None:
    limiter = app.extensions[flow.LIMITER_KEY]
    limiter.reset()
    app.config["LOGIN_RATE_LIMIT"] = (3, 60)
    try:
        responses = [
            requests.get(f"{live_server}/auth/callback", headers=ENGLISH) for _ in range(4)
        ]
        staff = requests.get(f"{live_server}/personale/auth/callback", headers=ENGLISH).status_code
    finally:
        app.config["LOGIN_RATE_LIMIT"] = (1000, 60)
        limiter.reset()
    assert [response.status_code for response in responses] == [400, 400, 400, 429]
    assert responses[-1].headers["Retry-After"] == "60"
    assert _heading(responses[-1]) == "Too many login attempts"
    assert staff == 429


def test_an_unreachable_idp_gives_a_clear_page(app: Flask) -> None:
    saved = app.config["OIDC_DISCOVERY_URL"], list(app.config["CSP_FORM_ACTION_EXTRA"])
    app.config["OIDC_DISCOVERY_URL"] = "http://127.0.0.1:9/.well-known/openid-configuration"
    try:
        clients.init_app(app)
        response = app.test_client().get("/logg-inn", headers=ENGLISH)
    finally:
        app.config["OIDC_DISCOVERY_URL"], app.config["CSP_FORM_ACTION_EXTRA"] = saved
        clients.init_app(app)
    assert response.status_code == 503
    assert "The login service is not responding" in response.get_data(as_text=True)


def test_private_key_jwt_client_authentication(
    app: Flask, idporten: IdPorten, http, tmp_path: Path
) -> None:
    key_file = tmp_path / "portal-key.pem"
    key_file.write_bytes(RSAKey.generate_key(2048, private=True).as_pem(private=True))
    saved = {k: app.config[k] for k in ("OIDC_PRIVATE_KEY_FILE", "OIDC_CLIENT_SECRET")}
    # No secret at all: the look-alike can only accept the signed client assertion.
    app.config.update(OIDC_PRIVATE_KEY_FILE=str(key_file), OIDC_CLIENT_SECRET="")
    try:
        clients.init_app(app)
        page = idporten.login(http, CITIZEN)
    finally:
        app.config.update(saved)
        clients.init_app(app)
    assert urlsplit(page.url).path == "/oversikt"
    assert len(_rows(app)) == 1
