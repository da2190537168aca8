"""The page chrome is rendered once per language and login state and filled in per request
(portal/chrome.py). It must come out as a fresh render would, and one person's values (name,
CSRF token, the page to come back to) must never reach another person's page.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from wizard_helpers import OTHER_PERSON, SINGLE_PARENT, csrf, in_language, login, login_staff

from portal import chrome

AsPerson = Callable[[tuple[str, str]], FlaskClient]
PARTIALS = ("_assets.html", "_header.html", "_footer.html", "_session_timeout.html")
CASEWORKER = ("08828410181", "Marte Berg")


def _client(app: Flask, who: str, lang: str) -> FlaskClient:
    client = app.test_client()
    if who == "citizen":
        login(app, client, *SINGLE_PARENT)
    elif who == "staff":
        login_staff(app, client, *CASEWORKER, "4601")
    return in_language(client, lang)


@pytest.mark.parametrize("who", ["anonymous", "citizen", "staff"])
@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_kept_chrome_is_what_a_fresh_render_gives(
    app: Flask, who: str, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The seconds left tick while the three renders run; hold them still (seconds_left has
    # tests of its own).
    monkeypatch.setitem(chrome.SLOTS, "expires_in", lambda: 1234)
    client = _client(app, who, lang)
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    assert cookie is not None
    headers = {"Cookie": f"{cookie.key}={cookie.value}"}
    with app.test_request_context("/tilgjengelighet?a=%22b%22", headers=headers):
        app.preprocess_request()
        for partial in PARTIALS:
            first, kept = chrome.chrome(partial), chrome.chrome(partial)
            assert first == kept == chrome.direct(partial), partial
            assert (partial, lang, who != "anonymous") in app.extensions["chrome"]
        assert 'data-expires-in="1234"' in chrome.chrome("_session_timeout.html")


def _header(html: str) -> BeautifulSoup:
    header = BeautifulSoup(html, "html.parser").select_one("header")
    assert header is not None
    return header


def test_each_person_gets_their_own_name_token_and_path(app: Flask, as_person: AsPerson) -> None:
    ingrid, emma = as_person(SINGLE_PARENT), as_person(OTHER_PERSON)
    first = ingrid.get("/oversikt").get_data(as_text=True)
    second = emma.get("/tilgjengelighet").get_data(as_text=True)
    assert "Ingrid Solberg" in _header(first).text and "Emma Lie" not in first
    assert "Emma Lie" in _header(second).text and "Ingrid Solberg" not in second
    assert _header(first).select_one('input[name="next"]')["value"] == "/oversikt"
    assert _header(second).select_one('input[name="next"]')["value"] == "/tilgjengelighet"
    assert csrf(first) != csrf(second)
    # Each token works for its own session only: the language switch in the header.
    switch = {"lang": "en", "next": "/oversikt"}
    assert emma.post("/sprak", data={**switch, "csrf_token": csrf(first)}).status_code == 400
    assert emma.post("/sprak", data={**switch, "csrf_token": csrf(second)}).status_code == 303


def test_per_request_values_are_escaped(app: Flask) -> None:
    client = app.test_client()
    login(app, client, SINGLE_PARENT[0], 'Ola "<b>Nordmann</b>"')
    html = client.get('/tilgjengelighet?x="><script>').get_data(as_text=True)
    assert "<b>Nordmann" not in html and "&lt;b&gt;Nordmann" in html
    assert '"><script>' not in html
    header = _header(html)
    assert header.select_one('input[name="next"]')["value"] == '/tilgjengelighet?x="><script>'


def test_nothing_is_kept_while_templates_reload(app: Flask, as_person: AsPerson) -> None:
    app.extensions["chrome"].clear()
    app.jinja_env.auto_reload = True
    try:
        as_person(SINGLE_PARENT).get("/oversikt")
        assert app.extensions["chrome"] == {}
    finally:
        app.jinja_env.auto_reload = False
    as_person(SINGLE_PARENT).get("/oversikt")
    assert app.extensions["chrome"] != {}
