"""Documents: removing files, "send later", the step's completion, stale pages, limits."""

from __future__ import annotations

from collections.abc import Callable

from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from test_documents import (
    PDF,
    answers,
    error_text,
    item_version,
    make_application,
    page_url,
    png,
    post_item,
    status_text,
    stored,
)
from wizard_helpers import SINGLE_PARENT, client_as, csrf

AsPerson = Callable[[tuple[str, str]], FlaskClient]


def test_remove_deletes_the_row_and_the_bytes(app: Flask, as_person: AsPerson) -> None:
    from portal.storage import LocalStorage, for_app

    public_id = make_application(app)
    client = client_as(as_person)
    post_item(client, public_id, "payslips", [(PDF, "March.pdf", "application/pdf")])
    (row,) = stored(app, public_id)
    page = client.get(page_url(public_id)).get_data(as_text=True)
    url = f"{page_url(public_id)}/fil/{row['public_id']}/fjern"
    assert f'action="{url}"' in page
    response = client.post(url, data={"csrf_token": csrf(page)})
    assert response.status_code == 303
    assert stored(app, public_id) == []
    storage = for_app(app)
    assert isinstance(storage, LocalStorage) and not storage.path(row["storage_key"]).exists()
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The file was removed" in status_text(html, "payslips")
    again = client.post(url, data={"csrf_token": csrf(page)})  # a double click is harmless
    assert again.status_code == 303


def test_send_later_completes_the_item_and_the_step(app: Flask, as_person: AsPerson) -> None:
    from portal.domain import wizard

    public_id = make_application(app)
    client = client_as(as_person)
    post_item(client, public_id, "tax-return", [(PDF, "skatt.pdf", "application/pdf")])
    post_item(client, public_id, "payslips", [(png(), "slip.png", "image/png")])
    assert answers(app, public_id)["dokumentasjon"]["complete"] is False
    response = post_item(client, public_id, "identity", later=True)
    assert response.status_code == 303
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "you will send «A copy of valid ID» later" in status_text(html, "identity")
    saved = answers(app, public_id)
    assert saved["dokumentasjon"]["items"]["identity"] == {"later": True}
    assert saved["dokumentasjon"]["complete"] is True
    assert wizard.status(wizard.BY_SLUG["dokumentasjon"], saved) == "completed"
    overview = BeautifulSoup(
        client.get(f"/soknad/{public_id}").get_data(as_text=True), "html.parser"
    )
    status = overview.find(id="status-dokumentasjon")
    assert status is not None and status.get_text(strip=True) == "Completed"


def test_next_with_missing_items_says_which(app: Flask, as_person: AsPerson) -> None:
    public_id = make_application(app)
    client = client_as(as_person)
    post_item(client, public_id, "tax-return", later=True)
    page = client.get(page_url(public_id)).get_data(as_text=True)
    response = client.post(page_url(public_id), data={"csrf_token": csrf(page), "action": "next"})
    assert response.status_code == 422
    summary = BeautifulSoup(response.get_data(as_text=True), "html.parser").select_one(
        ".ds-error-summary"
    )
    assert summary is not None
    assert [a["href"] for a in summary.select("a")] == ["#payslips-files", "#identity-files"]
    for code in ("payslips", "identity"):
        post_item(client, public_id, code, later=True)
    page = client.get(page_url(public_id)).get_data(as_text=True)
    done = client.post(page_url(public_id), data={"csrf_token": csrf(page), "action": "next"})
    assert done.status_code == 303


def test_later_from_a_stale_page_is_a_conflict_not_an_overwrite(
    app: Flask, as_person: AsPerson
) -> None:
    public_id = make_application(app)
    client = as_person(SINGLE_PARENT)
    stale = item_version(client.get(page_url(public_id)).get_data(as_text=True), "payslips")
    post_item(client, public_id, "tax-return", later=True)  # another tab saves first
    response = post_item(client, public_id, "payslips", later=True, version=stale)
    assert response.status_code == 409
    assert "payslips" not in answers(app, public_id)["dokumentasjon"]["items"]


def test_at_most_twenty_files_per_item(app: Flask, as_person: AsPerson) -> None:
    public_id = make_application(app)
    client = client_as(as_person)
    files = [(PDF, f"page{n}.pdf", "application/pdf") for n in range(21)]
    response = post_item(client, public_id, "payslips", files)
    assert response.status_code == 422
    assert "at most 20 files" in error_text(response.get_data(as_text=True), "payslips")
    assert stored(app, public_id) == []
    assert post_item(client, public_id, "payslips", files[:20]).status_code == 303


def test_files_for_items_no_longer_asked_for_can_still_be_removed(
    app: Flask, as_person: AsPerson
) -> None:
    from portal.extensions import db
    from portal.models import Application
    from portal.services import applications

    public_id = make_application(app, pre_approval="no")
    client = client_as(as_person)
    post_item(client, public_id, "valuation", [(PDF, "takst.pdf", "application/pdf")])
    with app.app_context():  # the person now asks for a pre-approval instead
        application = db.session.query(Application).filter_by(public_id=public_id).one()
        about = {"applying_for": ["startlan"], "purpose": "purchase", "pre_approval": "yes"}
        version = applications.step_version(application, "om-soknaden")
        applications.save_step(
            application, "om-soknaden", {"values": about, "complete": True}, version
        )
    soup = BeautifulSoup(client.get(page_url(public_id)).get_data(as_text=True), "html.parser")
    assert soup.find(id="item-valuation") is None
    (row,) = stored(app, public_id)
    assert soup.select_one(f'form[action$="/fil/{row["public_id"]}/fjern"]') is not None


def test_seeing_the_page_again_after_the_answers_changed_clears_needs_attention(
    app: Flask, as_person: AsPerson
) -> None:
    from portal.domain import wizard
    from portal.extensions import db
    from portal.models import Application
    from portal.services import applications

    public_id = make_application(app, sokere={"marital_status": "single"})
    client = client_as(as_person)
    for code in ("tax-return", "payslips", "identity"):
        post_item(client, public_id, code, later=True)
    with app.app_context():  # the person then changes the purpose: more may be needed
        application = db.session.query(Application).filter_by(public_id=public_id).one()
        about = {"applying_for": ["startlan"], "purpose": "build", "pre_approval": "yes"}
        version = applications.step_version(application, "om-soknaden")
        applications.save_step(
            application, "om-soknaden", {"values": about, "complete": True}, version
        )
    step = wizard.BY_SLUG["dokumentasjon"]
    assert wizard.status(step, answers(app, public_id)) == "needs_attention"
    page = client.get(page_url(public_id)).get_data(as_text=True)
    response = client.post(page_url(public_id), data={"csrf_token": csrf(page), "action": "next"})
    assert response.status_code == 422  # the building documents are missing now
    assert wizard.status(step, answers(app, public_id)) == "in_progress"


def test_check_your_answers_lists_the_documents(app: Flask, as_person: AsPerson) -> None:
    from portal.wizard.documents import summary_rows

    public_id = make_application(app)
    client = client_as(as_person)
    post_item(client, public_id, "payslips", [(PDF, "jan.pdf", "application/pdf")])
    post_item(client, public_id, "identity", later=True)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        from portal.extensions import db
        from portal.models import Application

        application = db.session.query(Application).filter_by(public_id=public_id).one()
        rows = [(str(key), text) for key, text in summary_rows(application)]
    assert rows == [
        ("Tax return (skattemelding) for last year", "Not sent"),
        ("Payslips or benefit statements for the last two months", "jan.pdf"),
        ("A copy of valid ID", "Will be sent later"),
    ]
    page = client.get(f"/soknad/{public_id}/oppsummering").get_data(as_text=True)
    assert "jan.pdf" in page


def test_delete_all_removes_every_stored_file(app: Flask, as_person: AsPerson) -> None:
    """For the draft sweep: an application's files go with it."""
    from portal.extensions import db
    from portal.models import Application
    from portal.services import documents
    from portal.storage import LocalStorage, for_app

    public_id = make_application(app)
    client = as_person(SINGLE_PARENT)
    post_item(client, public_id, "payslips", [(PDF, "a.pdf", "application/pdf")] * 2)
    storage = for_app(app)
    assert isinstance(storage, LocalStorage)
    paths = [storage.path(row["storage_key"]) for row in stored(app, public_id)]
    assert all(path.exists() for path in paths)
    with app.app_context():
        application = db.session.query(Application).filter_by(public_id=public_id).one()
        documents.delete_all(application)
    assert not any(path.exists() for path in paths)
