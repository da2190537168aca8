"""Staff login through the second OIDC client: role and municipality come from the Staff
table (looked up by the pid claim), never from the IdP's claims.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from sqlalchemy import select, update
from web_helpers import CASEWORKER_BERGEN, CITIZEN, IdPorten

from portal.extensions import db
from portal.models import LoginSession, Staff


def _rows(app: Flask) -> list[LoginSession]:
    with app.app_context():
        return list(db.session.scalars(select(LoginSession)))


def _text(html: str) -> str:
    return BeautifulSoup(html, "html.parser").main.get_text(" ", strip=True)


def test_a_bergen_caseworker_lands_on_the_case_page(
    app: Flask, idporten: IdPorten, http, bergen_caseworker: str
) -> None:
    page = idporten.login(http, bergen_caseworker, start="/personale/logg-inn")
    assert page.status_code == 200
    assert page.url.endswith("/saksbehandling")
    text = _text(page.text)
    assert "Marte Berg" in text
    assert "Caseworker" in text
    assert "0 applications have been sent to Bergen." in text
    [row] = _rows(app)
    assert (row.kind, row.subject) == ("staff", CASEWORKER_BERGEN)


def test_the_staff_authorization_request_uses_the_staff_client(live_server: str, http) -> None:
    response = http.get(f"{live_server}/personale/logg-inn", allow_redirects=False)
    location = response.headers["Location"]
    assert f"client_id={'startlanportalen-staff-dev'}" in location
    assert "code_challenge_method=S256" in location


def test_someone_not_registered_as_staff_gets_a_clear_403(
    app: Flask, idporten: IdPorten, http
) -> None:
    page = idporten.login(http, CITIZEN, start="/personale/logg-inn")
    assert page.status_code == 403
    heading = BeautifulSoup(page.text, "html.parser").h1.get_text(strip=True)
    assert heading == "You are not registered as staff for any municipality"
    assert _rows(app) == []


def test_inactive_staff_cannot_log_in(
    app: Flask, idporten: IdPorten, http, bergen_caseworker: str
) -> None:
    with app.app_context():
        db.session.execute(update(Staff).values(active=False))
        db.session.commit()
    page = idporten.login(http, bergen_caseworker, start="/personale/logg-inn")
    assert page.status_code == 403
    assert _rows(app) == []


def test_staff_deactivated_during_a_session_are_out_at_once(
    app: Flask, idporten: IdPorten, http, bergen_caseworker: str
) -> None:
    idporten.login(http, bergen_caseworker, start="/personale/logg-inn")
    with app.app_context():
        db.session.execute(update(Staff).values(active=False))
        db.session.commit()
    response = http.get(f"{idporten.base}/saksbehandling", allow_redirects=False)
    assert response.status_code == 302
    assert "/personale/logg-inn" in response.headers["Location"]
    assert _rows(app) == []


def test_the_subject_claim_is_configurable(
    app: Flask, idporten: IdPorten, http, bergen_caseworker: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With "sub" the pairwise subject is looked up, and the pid-keyed account is not found.
    monkeypatch.setitem(app.config, "STAFF_SUBJECT_CLAIM", "sub")
    page = idporten.login(http, bergen_caseworker, start="/personale/logg-inn")
    assert page.status_code == 403


def test_a_citizen_gets_403_on_the_staff_page(idporten: IdPorten, http) -> None:
    idporten.login(http, CITIZEN)
    assert http.get(f"{idporten.base}/saksbehandling").status_code == 403


def test_staff_get_403_on_the_citizen_overview(
    idporten: IdPorten, http, bergen_caseworker: str
) -> None:
    idporten.login(http, bergen_caseworker, start="/personale/logg-inn")
    assert http.get(f"{idporten.base}/oversikt").status_code == 403


def test_staff_log_out_through_their_idp(
    app: Flask, idporten: IdPorten, http, bergen_caseworker: str
) -> None:
    page = idporten.login(http, bergen_caseworker, start="/personale/logg-inn")
    token = BeautifulSoup(page.text, "html.parser").find("input", attrs={"name": "csrf_token"})
    landing = http.post(f"{idporten.base}/logg-ut", data={"csrf_token": token["value"]})
    assert urlsplit(landing.url).path == "/logget-ut"
    assert "/idporten-mock/endsession" in landing.history[0].headers["Location"]
    assert _rows(app) == []
