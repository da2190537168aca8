"""Helpers for wizard tests: log in, read CSRF tokens and versions, start a draft."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bs4 import BeautifulSoup
from flask import Flask, session
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.auth import sessions

SINGLE_PARENT = ("14838812342", "Ingrid Solberg")
PENSIONER = ("09815123465", "Arne Bakken")
OTHER_PERSON = ("30880251291", "Emma Lie")
# «Søkere» answered for one applicant, and for a couple (OTHER_PERSON as the co-applicant).
APPLICANTS = {
    "phone": "912 34 567",
    "email": "ingrid@example.no",
    "address": "Strandgaten 1",
    "postcode": "5013",
    "city": "Bergen",
    "marital_status": "single",
}
COUPLE_APPLICANTS = {
    **APPLICANTS,
    "marital_status": "cohabitant",
    "co_applicant_fnr": OTHER_PERSON[0],
    "co_applicant_name": OTHER_PERSON[1],
}


def login(app: Flask, client: FlaskClient, pid: str, name: str) -> None:
    """Give the client a logged-in citizen session for pid."""
    with app.test_request_context():
        sessions.start(sessions.Identity("citizen", pid, name, "test-sid", "", "idporten-loa-high"))
        token = session[sessions.TOKEN_KEY]
    with client.session_transaction() as cookie_session:
        cookie_session[sessions.TOKEN_KEY] = token


def csrf(html: str) -> str:
    """The CSRF token on a page."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "page has no CSRF token"
    return match[1]


def version(html: str) -> str:
    """The step version a page was built from."""
    match = re.search(r'name="version"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="version"', html)
    assert match, "page has no version field"
    return match[1] or match[2]


def start_application(client: FlaskClient, **answers: object) -> str:
    """Start a draft through the start page; returns its overview URL."""
    page = client.get("/soknad/ny").get_data(as_text=True)
    data = {
        "csrf_token": csrf(page),
        "municipality": "4601",
        "applying_for": ["startlan"],
        "purpose": "purchase",
        "pre_approval": "no",
        **answers,
    }
    response = client.post("/soknad/ny", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return response.headers["Location"]


def login_staff(
    app: Flask, client: FlaskClient, subject: str, name: str, municipality: str
) -> None:
    """Give the client a logged-in staff session (the account is created if missing)."""
    from sqlalchemy import select

    from portal.cli import upsert_staff
    from portal.extensions import db
    from portal.models import LoginSession

    with app.app_context():
        upsert_staff(subject, name, "caseworker", municipality)
    login(app, client, subject, name)
    with app.app_context():
        for row in db.session.scalars(select(LoginSession).where(LoginSession.subject == subject)):
            row.kind = "staff"
        db.session.commit()


def client_as(
    as_person: Callable[[tuple[str, str]], FlaskClient],
    lang: str = "en",
    person: tuple[str, str] = SINGLE_PARENT,
) -> FlaskClient:
    """A logged-in client whose pages are in the given language."""
    return in_language(as_person(person), lang)


def in_language(client: FlaskClient, lang: str = "en") -> FlaskClient:
    """The client, with its pages in the given language from now on (as the switch sets it)."""
    with client.session_transaction() as cookie_session:
        cookie_session["lang"] = lang
    return client


def post_page(client: FlaskClient, url: str, data: dict[str, Any], **headers: str) -> Any:
    """Post a step page with its CSRF token and version, as a browser would."""
    page = client.get(url).get_data(as_text=True)
    form = {"csrf_token": csrf(page), "version": version(page), **data}
    return client.post(url, data=form, headers=headers)


def field_errors(response: Any) -> dict[str, str]:
    """{field id: its message} for every message shown next to a field."""
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    found = soup.select(".ds-validation-message[id$='-error']")
    return {str(p["id"]).removesuffix("-error"): p.get_text(strip=True) for p in found}


def saved_entry(app: Flask, url: str, slug: str) -> Any:
    """What a step saved: {"values"...} for a form, {"items": [...]} for a list."""
    from portal.extensions import db
    from portal.models import Application

    public_id = url.split("/soknad/")[1].split("/")[0]
    with app.app_context():
        query = select(Application).where(Application.public_id == public_id)
        return db.session.scalars(query).one().answers[slug]


def saved_values(app: Flask, url: str, slug: str) -> Any:
    """The saved values of a form step, or of each item of a list step."""
    entry = saved_entry(app, url, slug)
    return [item["values"] for item in entry["items"]] if "items" in entry else entry["values"]
