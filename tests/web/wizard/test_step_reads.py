"""A form step is shown and checked from a row read without the ORM; only a save uses it.

Every step page and every repeated post reads the application, and an ORM session with an
ORM instance cost a seventh of the page (bench/README.md). These tests keep it that way, and
check that the row says what the ORM's application says.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, select
from sqlalchemy.orm import Session
from wizard_helpers import COUPLE_APPLICANTS, SINGLE_PARENT, csrf, start_application, version

from portal.extensions import db
from portal.models import Application
from portal.services import applications

AsPerson = Callable[[tuple[str, str]], FlaskClient]


@contextmanager
def orm_transactions() -> Iterator[list[object]]:
    """Every ORM session transaction begun meanwhile (each one a connection for the ORM)."""
    begun: list[object] = []

    def record(session: Session, transaction: Any, connection: Any) -> None:
        begun.append(transaction)

    event.listen(Session, "after_begin", record)
    try:
        yield begun
    finally:
        event.remove(Session, "after_begin", record)


def _applicants_page(client: FlaskClient) -> tuple[str, dict[str, str]]:
    url = start_application(client) + "/sokere"
    page = client.get(url).get_data(as_text=True)
    return url, {"csrf_token": csrf(page), "version": version(page), **COUPLE_APPLICANTS}


def test_a_step_is_shown_and_a_repeated_post_checked_without_the_orm(
    as_person: AsPerson,
) -> None:
    client = as_person(SINGLE_PARENT)
    url, data = _applicants_page(client)
    with orm_transactions() as begun:
        saved = client.post(url, data={**data, "action": "next"})
    assert saved.status_code == 303
    assert begun, "a save goes through the ORM (and the hook sees it)"
    with orm_transactions() as begun:
        shown = client.get(url)
        again = client.post(url, data={**data, "action": "next"})  # the same post, repeated
        invalid = client.post(url, data={**data, "email": "not an address", "action": "next"})
    assert (shown.status_code, again.status_code, invalid.status_code) == (200, 303, 200)
    assert again.headers["Location"] == saved.headers["Location"]
    assert "Strandgaten 1" in shown.get_data(as_text=True)
    assert begun == []


def test_the_row_holds_what_the_orm_holds(app: Flask, as_person: AsPerson) -> None:
    client = as_person(SINGLE_PARENT)
    url, data = _applicants_page(client)
    assert client.post(url, data={**data, "action": "next"}).status_code == 303
    public_id = url.split("/soknad/")[1].split("/")[0]
    with app.app_context():
        row = applications.row_for_person(public_id, SINGLE_PARENT[0])
        orm = db.session.scalars(select(Application).filter_by(public_id=public_id)).one()
        assert row is not None
        for name in ("id", "public_id", "status", "municipality_number", "language", "answers"):
            assert getattr(row, name) == getattr(orm, name), name
        parties = [(p.pid, p.role, p.name) for p in orm.parties]
        assert [(p.pid, p.role, p.name) for p in row.parties] == parties
        assert applications.row_for_person(public_id, "30880251291") is None  # not on it


def test_a_draft_deleted_before_its_save_answers_404(
    as_person: AsPerson, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = as_person(SINGLE_PARENT)
    url, data = _applicants_page(client)
    monkeypatch.setattr(applications, "for_saving", lambda row: None)
    assert client.post(url, data={**data, "action": "next"}).status_code == 404
