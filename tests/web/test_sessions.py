"""Server-side sessions over real HTTP: rotation at login, idle and absolute timeouts, the
keepalive behind the timeout warning, logout through the IdP, and back-channel logout.
"""

from __future__ import annotations

import hashlib
import time
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from bs4 import BeautifulSoup
from flask import Flask, session
from joserfc import jwt
from joserfc.jwk import RSAKey
from sqlalchemy import select, update
from web_helpers import CITIZEN, ENGLISH, IdPorten, browser, csrf_token, flask_session

from portal.auth import clients
from portal.auth.sessions import TOKEN_KEY, Identity, start
from portal.extensions import db
from portal.models import LoginSession, utcnow


def _rows(app: Flask) -> list[LoginSession]:
    with app.app_context():
        return list(db.session.scalars(select(LoginSession)))


def _age(app: Flask, **fields: timedelta) -> None:
    """Move the session's timestamps back by the given amounts."""
    with app.app_context():
        now = utcnow()
        db.session.execute(update(LoginSession).values({k: now - v for k, v in fields.items()}))
        db.session.commit()


def _goes_to_login(http: requests.Session, base: str, path: str = "/oversikt") -> bool:
    response = http.get(f"{base}{path}", allow_redirects=False)
    return response.status_code == 302 and "logg-inn" in response.headers["Location"]


def _cookie(app: Flask, http: requests.Session) -> str:
    return str(http.cookies[app.config["SESSION_COOKIE_NAME"]])


def test_the_cookie_holds_only_a_token_whose_hash_is_the_row_id(
    app: Flask, idporten: IdPorten, http
) -> None:
    idporten.login(http)
    data = flask_session(app, http)
    assert set(data) <= {TOKEN_KEY, "csrf_token", "lang"}
    assert CITIZEN not in _cookie(app, http)
    [row] = _rows(app)
    assert row.id == hashlib.sha256(data[TOKEN_KEY].encode()).hexdigest()


def test_login_rotates_the_session_and_old_cookies_are_worthless(
    app: Flask, idporten: IdPorten, http
) -> None:
    page = http.get(f"{idporten.base}/")
    token = csrf_token(page.text)
    http.post(f"{idporten.base}/sprak", data={"lang": "en", "next": "/", "csrf_token": token})
    callback = idporten.pick(http, idporten.open_picker(http), CITIZEN)
    pre_login = _cookie(app, http)
    page = http.get(callback.headers["Location"])
    logged_in = _cookie(app, http)
    assert logged_in != pre_login
    assert flask_session(app, http)["lang"] == "en"  # the language choice survives rotation
    with browser() as attacker:  # e.g. a cookie planted before the login
        attacker.cookies.set(app.config["SESSION_COOKIE_NAME"], pre_login)
        assert _goes_to_login(attacker, idporten.base)
    http.post(f"{idporten.base}/logg-ut", data={"csrf_token": csrf_token(page.text)})
    with browser() as thief:  # a copy of the logged-in cookie, replayed after logout
        thief.cookies.set(app.config["SESSION_COOKIE_NAME"], logged_in)
        assert _goes_to_login(thief, idporten.base)


def test_a_new_login_drops_the_previous_session_row(app: Flask) -> None:
    identity = Identity("citizen", CITIZEN, "Ingrid Solberg", "sid-1", "", "idporten-loa-high")
    with app.test_request_context():
        start(identity)
        first = session[TOKEN_KEY]
        start(identity)
        assert session[TOKEN_KEY] != first
        assert [row.id for row in db.session.scalars(select(LoginSession))] == [
            hashlib.sha256(session[TOKEN_KEY].encode()).hexdigest()
        ]


def test_an_idle_session_ends(app: Flask, idporten: IdPorten, http) -> None:
    idporten.login(http)
    idle = app.config["SESSION_IDLE_MINUTES"]
    _age(app, last_seen_at=timedelta(minutes=idle - 1))
    assert not _goes_to_login(http, idporten.base)
    _age(app, last_seen_at=timedelta(minutes=idle, seconds=1))
    assert _goes_to_login(http, idporten.base)
    assert _rows(app) == []


def test_a_session_ends_after_the_absolute_maximum_even_when_active(
    app: Flask, idporten: IdPorten, http
) -> None:
    idporten.login(http)
    _age(app, created_at=timedelta(hours=app.config["SESSION_MAX_HOURS"], seconds=1))
    assert _goes_to_login(http, idporten.base)
    assert _rows(app) == []


def test_activity_is_recorded_at_most_once_a_minute(app: Flask, idporten: IdPorten, http) -> None:
    idporten.login(http)
    _age(app, last_seen_at=timedelta(seconds=30))
    before = _rows(app)[0].last_seen_at
    http.get(f"{idporten.base}/oversikt")
    assert _rows(app)[0].last_seen_at == before
    _age(app, last_seen_at=timedelta(minutes=2))
    http.get(f"{idporten.base}/oversikt")
    assert utcnow() - _rows(app)[0].last_seen_at < timedelta(seconds=5)


def test_keepalive_extends_the_session(app: Flask, idporten: IdPorten, http) -> None:
    page = idporten.login(http)
    idle = app.config["SESSION_IDLE_MINUTES"]
    _age(app, last_seen_at=timedelta(minutes=idle - 1, seconds=30))
    response = http.post(
        f"{idporten.base}/auth/keepalive",
        data={"csrf_token": csrf_token(page.text)},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    assert idle * 60 - 5 <= response.json()["expires_in"] <= idle * 60
    _age(app, last_seen_at=timedelta(minutes=idle - 1))  # would have expired without it
    assert not _goes_to_login(http, idporten.base)


def test_keepalive_needs_csrf_and_a_session(app: Flask, idporten: IdPorten, http) -> None:
    anonymous = requests.post(f"{idporten.base}/auth/keepalive", headers=ENGLISH)
    assert anonymous.status_code == 400  # no CSRF token
    page = http.get(f"{idporten.base}/")
    response = http.post(
        f"{idporten.base}/auth/keepalive", data={"csrf_token": csrf_token(page.text)}
    )
    assert response.status_code == 401
    idporten.login(http)
    assert http.post(f"{idporten.base}/auth/keepalive").status_code == 400


def test_the_timeout_warning_is_on_every_logged_in_page(
    app: Flask, idporten: IdPorten, http
) -> None:
    assert (
        BeautifulSoup(http.get(f"{idporten.base}/").text, "html.parser").find(
            "dialog", id="session-timeout"
        )
        is None
    )
    page = BeautifulSoup(idporten.login(http).text, "html.parser")
    dialog = page.find("dialog", id="session-timeout")
    assert dialog is not None and not dialog.has_attr("open")  # nothing visible without JS
    assert dialog["role"] == "alertdialog"
    assert int(dialog["data-idle-seconds"]) == app.config["SESSION_IDLE_MINUTES"] * 60
    assert int(dialog["data-warning-seconds"]) == app.config["SESSION_WARNING_MINUTES"] * 60
    assert 0 < int(dialog["data-expires-in"]) <= app.config["SESSION_IDLE_MINUTES"] * 60
    forms = {form["action"]: form for form in dialog.find_all("form")}
    assert set(forms) == {"/auth/keepalive", "/logg-ut"}
    assert all(form.find("input", attrs={"name": "csrf_token"}) for form in forms.values())
    assert page.find("script", src="/static/js/session-timeout.js") is not None


def test_logout_ends_the_session_here_and_at_the_idp(app: Flask, idporten: IdPorten, http) -> None:
    page = idporten.login(http)
    id_token = _rows(app)[0].id_token
    response = http.post(
        f"{idporten.base}/logg-ut",
        data={"csrf_token": csrf_token(page.text)},
        allow_redirects=False,
    )
    assert response.status_code == 303
    end_session = urlsplit(response.headers["Location"])
    assert end_session.path == "/idporten-mock/endsession"
    query = parse_qs(end_session.query)
    assert query["id_token_hint"] == [id_token]
    assert query["post_logout_redirect_uri"] == [f"{idporten.base}/logget-ut"]
    assert query["state"][0]
    assert _rows(app) == []
    landing = http.get(response.headers["Location"])
    assert urlsplit(landing.url).path == "/logget-ut"
    assert landing.status_code == 200
    assert BeautifulSoup(landing.text, "html.parser").h1.get_text(strip=True) == (
        "You are logged out"
    )
    assert _goes_to_login(http, idporten.base)
    # The IdP session is gone too: the next login shows the picker again.
    assert "/idporten-mock/authorize" in http.get(f"{idporten.base}/logg-inn").url


def test_logout_without_csrf_token_is_refused(app: Flask, idporten: IdPorten, http) -> None:
    idporten.login(http)
    assert http.post(f"{idporten.base}/logg-ut", allow_redirects=False).status_code == 400
    assert len(_rows(app)) == 1


def test_the_idle_logout_page_explains_itself(live_server: str) -> None:
    page = requests.get(f"{live_server}/logget-ut?inaktiv=1", headers=ENGLISH)
    assert page.status_code == 200
    assert "had not done anything" in page.text


def test_back_channel_logout_from_the_idp_ends_the_session(
    app: Flask, idporten: IdPorten, http
) -> None:
    idporten.login(http)
    [row] = _rows(app)
    # The look-alike's "end session" button: it POSTs a logout_token to our back-channel URL.
    ended = requests.post(
        f"{idporten.base}/idporten-mock/sessions/end", data={"sid": row.idp_sid}, headers=ENGLISH
    )
    assert ended.status_code == 200
    assert "1 of 1" in ended.text  # our endpoint confirmed the logout
    assert _rows(app) == []
    assert _goes_to_login(http, idporten.base)


def _forged(sid: str, client_id: str, issuer: str) -> str:
    key = RSAKey.generate_key(2048, private=True)
    now = int(time.time())
    claims = {
        "iss": issuer,
        "aud": client_id,
        "iat": now,
        "jti": "forged",
        "sid": sid,
        "events": {"http://schemas.openid.net/event/backchannel-logout": {}},
    }
    return jwt.encode({"alg": "RS256", "kid": "forged", "typ": "logout+jwt"}, claims, key)


@pytest.mark.parametrize("kind", ["forged", "garbage", "empty"])
def test_a_forged_logout_token_is_refused(app: Flask, idporten: IdPorten, http, kind: str) -> None:
    idporten.login(http)
    [row] = _rows(app)
    issuer = f"{idporten.base}/idporten-mock"
    token = {
        "forged": _forged(row.idp_sid, app.config["OIDC_CLIENT_ID"], issuer),
        "garbage": "not.a.jwt",
        "empty": "",
    }[kind]
    response = requests.post(
        f"{idporten.base}/auth/backchannel-logout", data={"logout_token": token}
    )
    assert response.status_code == 400
    assert response.headers["Cache-Control"] == "no-store"
    assert len(_rows(app)) == 1
    assert not _goes_to_login(http, idporten.base)


def test_pages_allow_the_logout_redirect_to_a_remote_idp(app: Flask, idporten: IdPorten) -> None:
    # Real ID-porten ends sessions on login.test.idporten.no, not on the origin of its discovery
    # document; a page with a logout button must let its form end up there (CSP form-action).
    with browser() as http:
        idporten.login(http)
        with app.app_context():
            metadata = clients.client("citizen").server_metadata
        saved = metadata["end_session_endpoint"], list(app.config["CSP_FORM_ACTION_EXTRA"])
        metadata["end_session_endpoint"] = "https://login.test.idporten.no/logout"
        try:
            csp = http.get(f"{idporten.base}/oversikt").headers["Content-Security-Policy"]
        finally:
            metadata["end_session_endpoint"] = saved[0]
            app.config["CSP_FORM_ACTION_EXTRA"] = saved[1]
    form_action = next(part for part in csp.split(";") if "form-action" in part)
    assert "https://login.test.idporten.no" in form_action.split()
