"""Helpers for wizard tests: log in, read CSRF tokens and versions, start a draft."""

from __future__ import annotations

import re

from flask import Flask, session
from flask.testing import FlaskClient

from portal.auth import sessions

SINGLE_PARENT = ("14838812342", "Ingrid Solberg")
PENSIONER = ("09815123465", "Arne Bakken")
OTHER_PERSON = ("30880251291", "Emma Lie")


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
