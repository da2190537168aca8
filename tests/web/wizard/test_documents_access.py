"""Documents: who may download, upload and remove; size limits; submitted applications."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from test_documents import (
    PDF,
    error_text,
    make_application,
    page_url,
    png,
    post_item,
    post_multipart,
    stored,
)
from wizard_helpers import OTHER_PERSON, SINGLE_PARENT, client_as, csrf

AsPerson = Callable[[tuple[str, str]], FlaskClient]
MB = 1024 * 1024


def _with_file(app: Flask, client: FlaskClient, name: str = "Payslip.pdf") -> tuple[str, str]:
    """A draft with one uploaded PDF; returns (application id, document id)."""
    public_id = make_application(app)
    assert (
        post_item(client, public_id, "payslips", [(PDF, name, "application/pdf")]).status_code
        == 303
    )
    return public_id, stored(app, public_id)[0]["public_id"]


def test_owner_downloads_the_bytes_as_an_attachment(app: Flask, as_person: AsPerson) -> None:
    client = as_person(SINGLE_PARENT)
    public_id, doc_id = _with_file(app, client, "Lønnsslipp mars.pdf")
    with client.get(f"{page_url(public_id)}/fil/{doc_id}") as response:
        assert response.status_code == 200
        body = response.get_data()
    assert body == PDF
    assert response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert (
        disposition.startswith("attachment;") and "filename*=UTF-8''L%C3%B8nnsslipp" in disposition
    )
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response.headers["Cache-Control"]
    assert response.headers.getlist("Content-Security-Policy") == ["default-src 'none'; sandbox"]


def test_download_type_comes_from_the_content_not_the_name(app: Flask, as_person: AsPerson) -> None:
    client = as_person(SINGLE_PARENT)
    public_id = make_application(app)
    post_item(client, public_id, "identity", [(png(), "id.pdf", "application/pdf")])
    doc_id = stored(app, public_id)[0]["public_id"]
    with client.get(f"{page_url(public_id)}/fil/{doc_id}") as response:
        assert response.mimetype == "image/png"
    assert response.headers["Content-Disposition"] == "attachment; filename=id.pdf.png"


def test_another_person_gets_404_for_download_upload_and_remove(
    app: Flask, as_person: AsPerson
) -> None:
    public_id, doc_id = _with_file(app, as_person(SINGLE_PARENT))
    other = as_person(OTHER_PERSON)
    own = make_application(app, OTHER_PERSON)  # for a CSRF token of the other's own session
    token = csrf(other.get(page_url(own)).get_data(as_text=True))
    assert other.get(page_url(public_id)).status_code == 404
    assert other.get(f"{page_url(public_id)}/fil/{doc_id}").status_code == 404
    # Nor through their own application with someone else's document id.
    assert other.get(f"{page_url(own)}/fil/{doc_id}").status_code == 404
    removed = other.post(f"{page_url(public_id)}/fil/{doc_id}/fjern", data={"csrf_token": token})
    assert removed.status_code == 404
    upload = {
        "csrf_token": token,
        "payslips-version": "0",
        "payslips-files": [(io.BytesIO(PDF), "x.pdf", "application/pdf")],
    }
    response = post_multipart(other, f"{page_url(public_id)}/payslips", upload)
    assert response.status_code == 404
    assert len(stored(app, public_id)) == 1


def test_not_logged_in_is_sent_to_log_in(app: Flask, as_person: AsPerson) -> None:
    public_id, doc_id = _with_file(app, as_person(SINGLE_PARENT))
    response = app.test_client().get(f"{page_url(public_id)}/fil/{doc_id}")
    assert response.status_code == 302 and "/logg-inn" in response.headers["Location"]


def test_an_item_the_answers_do_not_ask_for_is_404(app: Flask, as_person: AsPerson) -> None:
    client = as_person(SINGLE_PARENT)
    public_id = make_application(app)  # pre-approval: no purchase contract
    files = [(PDF, "contract.pdf", "application/pdf")]
    assert post_item(client, public_id, "payslips", files).status_code == 303
    page = client.get(page_url(public_id)).get_data(as_text=True)
    response = client.post(
        f"{page_url(public_id)}/purchase-contract", data={"csrf_token": csrf(page)}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("size", [16 * MB + 1, 50 * MB])
def test_a_request_over_16_mb_is_413_and_nothing_saved_is_lost(
    app: Flask, as_person: AsPerson, size: int
) -> None:
    client = client_as(as_person)
    public_id, _ = _with_file(app, client)
    post_item(client, public_id, "identity", later=True)
    response = post_item(
        client, public_id, "tax-return", [(b"%PDF-" + bytes(size), "big.pdf", "application/pdf")]
    )
    assert response.status_code == 413
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.html is not None and soup.html["lang"] == "en"
    assert soup.h1 is not None and soup.h1.get_text(strip=True) == "The file is too large"
    assert [row["filename"] for row in stored(app, public_id)] == ["Payslip.pdf"]
    html = client.get(page_url(public_id)).get_data(as_text=True)
    assert "Payslip.pdf" in html and 'name="identity-later"' in html
    assert BeautifulSoup(html, "html.parser").find(id="identity-later").has_attr("checked")


def test_a_file_over_15_mb_is_refused_with_a_message(app: Flask, as_person: AsPerson) -> None:
    from portal.domain.documents import DEFAULT_MAX_BYTES

    assert app.config.get("DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES) == 15 * MB
    client = client_as(as_person)
    public_id = make_application(app)
    big = b"%PDF-" + bytes(15 * MB + 1 - 5)
    response = post_item(client, public_id, "tax-return", [(big, "scan.pdf", "application/pdf")])
    assert response.status_code == 422
    message = error_text(response.get_data(as_text=True), "tax-return")
    assert message.startswith("scan.pdf is larger than 15 MB.")
    assert stored(app, public_id) == []
    exactly = [(big[:-1], "scan.pdf", "application/pdf")]
    assert post_item(client, public_id, "tax-return", exactly).status_code == 303


def test_the_limit_follows_the_config(
    app: Flask, as_person: AsPerson, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "DOCUMENT_MAX_BYTES", 1 * MB)
    client = client_as(as_person)
    public_id = make_application(app)
    files = [(b"%PDF-" + bytes(MB), "scan.pdf", "application/pdf")]
    response = post_item(client, public_id, "tax-return", files)
    assert response.status_code == 422
    assert "larger than 1 MB" in error_text(response.get_data(as_text=True), "tax-return")


def test_a_submitted_application_takes_no_uploads_or_removals(
    app: Flask, as_person: AsPerson
) -> None:
    from sqlalchemy import update

    from portal.extensions import db
    from portal.models import Application

    client = client_as(as_person)
    public_id, doc_id = _with_file(app, client)
    page = client.get(page_url(public_id)).get_data(as_text=True)
    with app.app_context():
        query = update(Application).where(Application.public_id == public_id)
        db.session.execute(query.values(status="submitted"))
        db.session.commit()
    token = {"csrf_token": csrf(page)}
    removed = client.post(f"{page_url(public_id)}/fil/{doc_id}/fjern", data=token)
    assert removed.status_code == 409
    assert "The application has been sent" in removed.get_data(as_text=True)
    upload = post_item(
        client, public_id, "identity", [(PDF, "id.pdf", "application/pdf")], version="1"
    )
    assert upload.status_code == 409
    assert client.post(page_url(public_id), data={**token, "action": "next"}).status_code == 409
    assert len(stored(app, public_id)) == 1
    html = client.get(page_url(public_id)).get_data(as_text=True)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select('input[type="file"]') == [] and "fjern" not in html
    with client.get(f"{page_url(public_id)}/fil/{doc_id}") as download:
        assert download.status_code == 200
