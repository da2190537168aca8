"""Drafts untouched for 30 days are deleted after a warning; the sweep is a flask command."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from wizard_helpers import SINGLE_PARENT, client_as, csrf, start_application, version

from portal.extensions import db
from portal.models import Application, ApplicationDocument, ApplicationParty, utcnow
from portal.storage import for_app

AsPerson = Callable[[tuple[str, str]], FlaskClient]


def _age(app: Flask, days: int) -> None:
    with app.app_context():
        for application in db.session.scalars(select(Application)):
            application.updated_at = utcnow() - timedelta(days=days)
        db.session.commit()


def _count(app: Flask) -> int:
    with app.app_context():
        return len(db.session.scalars(select(Application)).all())


def test_sweep_warns_first_then_deletes(app: Flask, as_person: AsPerson) -> None:
    client = as_person(SINGLE_PARENT)
    start_application(client)
    runner = app.test_cli_runner()
    _age(app, 31)
    first = runner.invoke(args=["sweep-drafts"])
    assert "1 drafts warned, 0 drafts deleted" in first.output
    assert _count(app) == 1  # never deleted without a warning first
    second = runner.invoke(args=["sweep-drafts"])
    assert "0 drafts warned, 1 drafts deleted" in second.output
    assert _count(app) == 0


def test_recent_drafts_are_left_alone(app: Flask, as_person: AsPerson) -> None:
    start_application(as_person(SINGLE_PARENT))
    _age(app, 10)
    app.test_cli_runner().invoke(args=["sweep-drafts"])
    app.test_cli_runner().invoke(args=["sweep-drafts"])
    assert _count(app) == 1


def test_saving_again_removes_the_warning(app: Flask, as_person: AsPerson) -> None:
    client = as_person(SINGLE_PARENT)
    overview = start_application(client)
    _age(app, 25)
    app.test_cli_runner().invoke(args=["sweep-drafts"])
    page = client.get(overview + "/sokere").get_data(as_text=True)
    client.post(
        overview + "/sokere",
        data={"csrf_token": csrf(page), "version": version(page), "action": "later"},
    )
    with app.app_context():
        application = db.session.scalars(select(Application)).one()
        assert application.sweep_warned_at is None


def test_dashboard_lists_drafts_with_last_saved_time_and_the_warning(
    app: Flask, as_person: AsPerson
) -> None:
    client = client_as(as_person)
    start_application(client)
    start_application(client, municipality="3418")
    page = BeautifulSoup(client.get("/oversikt").get_data(as_text=True), "html.parser")
    cards = page.select(".application-list > li")
    assert len(cards) == 2
    assert all("Last saved" in card.get_text() for card in cards)
    assert not page.select(".application-list .ds-alert")
    _age(app, 25)
    app.test_cli_runner().invoke(args=["sweep-drafts"])
    page = BeautifulSoup(client.get("/oversikt").get_data(as_text=True), "html.parser")
    warnings = page.select('.application-list .ds-alert[data-color="warning"]')
    assert len(warnings) == 2 and "will be deleted on" in warnings[0].get_text()


def test_a_deleted_draft_leaves_no_rows_behind(app: Flask, as_person: AsPerson) -> None:
    # The document rows name the person's files; on SQLite they went only when foreign keys
    # were switched on (the database deletes them, ON DELETE CASCADE, as PostgreSQL does).
    start_application(as_person(SINGLE_PARENT))
    with app.app_context():
        application = db.session.scalars(select(Application)).one()
        db.session.add(
            ApplicationDocument(
                public_id="d" * 20,
                application_id=application.id,
                item="payslips",
                filename="lønnsslipp januar.pdf",
                content_type="application/pdf",
                size=1,
                storage_key=for_app(app).put(b"%PDF-1.7"),
            )
        )
        db.session.commit()
    _age(app, 31)
    for _ in range(2):
        app.test_cli_runner().invoke(args=["sweep-drafts"])
    assert _count(app) == 0
    with app.app_context():
        assert db.session.scalars(select(ApplicationDocument)).all() == []
        assert db.session.scalars(select(ApplicationParty)).all() == []
