"""Access is enforced everywhere: every view carries a guard from portal.auth.access, and for
every GET route without URL parameters an anonymous visitor, a citizen and a staff member get
what that guard promises. New routes join these tests automatically.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from flask import Flask
from web_helpers import CITIZEN, IdPorten, browser

from portal.auth.access import GUARD_ATTRIBUTE
from portal.extensions import csrf

GUARDS = {"public", "citizen", "staff", "login"}
LOOK_ALIKE = "idporten_mock."  # the IdP's protocol endpoints, tested with the look-alike
WHO = ("anonymous", "citizen", "staff")

# Public routes that do not simply answer 200, and why.
PUBLIC_EXCEPTIONS: dict[str, dict[str, int | str]] = {
    # Sends you to the IdP, or home when you are already logged in as that kind of user.
    "/logg-inn": {"anonymous": "idp", "citizen": "/oversikt", "staff": "idp"},
    "/personale/logg-inn": {"anonymous": "idp", "citizen": "idp", "staff": "/saksbehandling"},
    # Callbacks without a state from a login we started are refused.
    "/auth/callback": {"anonymous": 400, "citizen": 400, "staff": 400},
    "/personale/auth/callback": {"anonymous": 400, "citizen": 400, "staff": 400},
    # "You are logged out" makes no sense to someone who is logged in.
    "/logget-ut": {"anonymous": 200, "citizen": "/oversikt", "staff": "/saksbehandling"},
}


def _view_rules(app: Flask) -> list[tuple[str, str, str | None]]:
    return [
        (
            rule.rule,
            rule.endpoint,
            getattr(app.view_functions[rule.endpoint], GUARD_ATTRIBUTE, None),
        )
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
    ]


def test_every_view_has_a_guard(app: Flask) -> None:
    unguarded = [
        f"{rule} ({endpoint})" for rule, endpoint, guard in _view_rules(app) if guard not in GUARDS
    ]
    assert unguarded == [], "routes without @public / @citizen_required / @staff_required"


def test_only_the_back_channel_endpoint_skips_csrf(app: Flask) -> None:
    exempt = {view for view in csrf._exempt_views if ".idporten_mock." not in view}
    assert exempt == {"portal.auth.routes.backchannel_logout"}


def test_every_other_post_needs_a_csrf_token(app: Flask) -> None:
    client = app.test_client()
    exempt = csrf._exempt_views
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if (
            "POST" not in rule.methods
            or rule.arguments
            or f"{view.__module__}.{view.__name__}" in exempt
        ):
            continue
        assert client.post(rule.rule).status_code == 400, rule.rule


def _expected(path: str, guard: str, who: str) -> int | str:
    if path in PUBLIC_EXCEPTIONS:
        return PUBLIC_EXCEPTIONS[path][who]
    table: dict[str, dict[str, int | str]] = {
        "public": {"anonymous": 200, "citizen": 200, "staff": 200},
        "citizen": {"anonymous": "/logg-inn", "citizen": 200, "staff": 403},
        "staff": {"anonymous": "/personale/logg-inn", "citizen": 403, "staff": 200},
        "login": {"anonymous": 401, "citizen": 200, "staff": 200},
    }
    return table[guard][who]


def _outcome(http: requests.Session, base: str, path: str) -> int | str:
    """The status, or for a redirect where it goes: our path, or "idp" for the look-alike."""
    response = http.get(f"{base}{path}", allow_redirects=False)
    if response.status_code not in (301, 302, 303):
        return response.status_code
    target = urlsplit(response.headers["Location"])
    if target.path.startswith("/idporten-mock/"):
        return "idp"
    if target.path in ("/logg-inn", "/personale/logg-inn"):
        assert parse_qs(target.query).get("next") == [path]  # back here after login
    return target.path


@pytest.fixture
def browsers(idporten: IdPorten, bergen_caseworker: str) -> Iterator[dict[str, requests.Session]]:
    """An anonymous visitor, a logged-in citizen and a logged-in Bergen caseworker."""
    sessions = {who: browser() for who in WHO}
    idporten.login(sessions["citizen"], CITIZEN)
    idporten.login(sessions["staff"], bergen_caseworker, start="/personale/logg-inn")
    yield sessions
    for http in sessions.values():
        http.close()


def test_every_get_route_answers_each_audience_as_its_guard_says(
    app: Flask, live_server: str, browsers: dict[str, requests.Session]
) -> None:
    routes = [
        (rule.rule, getattr(app.view_functions[rule.endpoint], GUARD_ATTRIBUTE))
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods
        and not rule.arguments
        and rule.endpoint != "static"
        and not rule.endpoint.startswith(LOOK_ALIKE)
    ]
    assert len(routes) >= 10
    wrong = [
        f"{path} as {who}: expected {_expected(path, guard, who)}, got {outcome}"
        for path, guard in sorted(routes)
        for who in WHO
        if (outcome := _outcome(browsers[who], live_server, path)) != _expected(path, guard, who)
    ]
    assert wrong == []
