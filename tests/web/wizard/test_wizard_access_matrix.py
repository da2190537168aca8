"""Every application route, walked from the URL map: only people on the application get in.

A stranger (any test person not on the application) gets 404 for every method on every route
that names an application; anonymous visitors are sent to log in; staff are refused (403).
A new route under /soknad/<app_id> is covered automatically.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from home_helpers import answers, public_id, seed, single_parent
from sqlalchemy import select
from wizard_helpers import OTHER_PERSON, SINGLE_PARENT, csrf, login, start_application

from portal.cli import upsert_staff
from portal.extensions import db
from portal.models import ApplicationDocument, LoginSession

AsPerson = Callable[[tuple[str, str]], FlaskClient]
PDF = b"%PDF-1.4\n%%EOF\n"
CASEWORKER = "08828410181"  # Marte Berg, Bergen


def _urls(app: Flask, overview: str, values: dict[str, str]) -> list[tuple[str, str]]:
    """(method, url) for every route taking an app_id, filled with real values."""
    found = []
    for rule in app.url_map.iter_rules():
        if "app_id" not in rule.arguments:
            continue
        args = {name: values[name] for name in rule.arguments if name != "app_id"}
        args["app_id"] = public_id(overview)
        with app.test_request_context():
            from flask import url_for

            url = url_for(rule.endpoint, **args)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((method, url))
    return found


@pytest.fixture
def owned(app: Flask, as_person: AsPerson) -> tuple[str, dict[str, str]]:
    """A draft with a list item and an uploaded document, and the values to fill routes."""
    owner = as_person(SINGLE_PARENT)
    overview = start_application(owner)
    single_parent(app, overview)
    seed(app, overview, "gjeld", [])
    page = owner.get(overview + "/dokumentasjon").get_data(as_text=True)
    code = "tax-return"
    version = page.split(f'name="{code}-version" type="hidden" value="', 1)[1].split('"')[0]
    owner.post(
        f"{overview}/dokumentasjon/{code}",
        data={
            "csrf_token": csrf(page),
            f"{code}-version": version,
            f"{code}-files": (io.BytesIO(PDF), "a.pdf"),
        },
    )
    with app.app_context():
        document = db.session.scalars(select(ApplicationDocument)).one()
        doc_id = document.public_id
    item = answers(app, overview)["inntekt"]["items"][0]["id"]
    values = {"slug": "inntekt", "item_id": item, "code": code, "doc_id": doc_id}
    return overview, values


def test_a_stranger_gets_404_on_every_application_route(
    app: Flask, as_person: AsPerson, owned: tuple[str, dict[str, str]]
) -> None:
    overview, values = owned
    stranger = as_person(OTHER_PERSON)
    token = csrf(stranger.get("/soknad/ny").get_data(as_text=True))
    before = answers(app, overview)
    routes = _urls(app, overview, values)
    assert len(routes) >= 12  # the walk really found the wizard's routes
    remove = f"{overview}/inntekt/{values['item_id']}/fjern"
    assert {("GET", remove), ("POST", remove)} <= set(routes)  # "Remove …?" and the removal
    for method, url in routes:
        response = stranger.open(url, method=method, data={"csrf_token": token})
        assert response.status_code == 404, (method, url, response.status_code)
    assert answers(app, overview) == before  # and nothing of the owner's was changed


def test_anonymous_is_sent_to_log_in_and_staff_are_refused(
    app: Flask, client: FlaskClient, owned: tuple[str, dict[str, str]]
) -> None:
    overview, values = owned
    staff = app.test_client()
    with app.app_context():
        upsert_staff(CASEWORKER, "Marte Berg", "caseworker", "4601")
    login(app, staff, CASEWORKER, "Marte Berg")
    with app.app_context():  # the same login, as a staff session
        for row in db.session.scalars(
            select(LoginSession).where(LoginSession.subject == CASEWORKER)
        ):
            row.kind = "staff"
        db.session.commit()
    assert staff.get("/saksbehandling").status_code == 200
    for method, url in _urls(app, overview, values):
        if method != "GET":
            continue
        anonymous = client.get(url)
        assert anonymous.status_code in (302, 401), url
        assert staff.get(url).status_code in (401, 403), url
