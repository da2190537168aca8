"""Step «Dokumentasjon»: the checklist page, uploading, removing, "send later", completion.

Drafts are made through the applications service with exactly the answers a test needs;
the files are small byte strings made here (helpers below are shared with the other
test_documents_* modules).
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import EnvironBuilder, TestResponse
from wizard_helpers import SINGLE_PARENT, client_as, csrf

AsPerson = Callable[[tuple[str, str]], FlaskClient]
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(64)


def png() -> bytes:
    """A real 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def make_application(
    app: Flask,
    person: tuple[str, str] = SINGLE_PARENT,
    *,
    purpose: str = "purchase",
    pre_approval: str = "yes",
    **steps: dict[str, Any],
) -> str:
    """A draft with the given answers (pre-approval: only tax return, payslips and ID)."""
    from portal.services import applications

    about = {"applying_for": ["startlan"], "purpose": purpose, "pre_approval": pre_approval}
    with app.app_context():
        application = applications.start(
            person[0], person[1], "4601", {"values": about, "complete": True}, "en"
        )
        for slug, values in steps.items():
            applications.save_step(application, slug, {"values": values, "complete": True}, 0)
        return application.public_id


def page_url(public_id: str) -> str:
    return f"/soknad/{public_id}/dokumentasjon"


def item_version(html: str, code: str) -> str:
    field = BeautifulSoup(html, "html.parser").find("input", attrs={"name": f"{code}-version"})
    assert field is not None, f"no form for {code}"
    return str(field["value"])


def post_item(
    client: FlaskClient,
    public_id: str,
    code: str,
    files: Iterable[tuple[bytes, str, str]] = (),
    *,
    later: bool = False,
    version: str | None = None,
) -> TestResponse:
    """Post one item's form as a browser would (files as (bytes, name, claimed type))."""
    page = client.get(page_url(public_id)).get_data(as_text=True)
    data: dict[str, Any] = {
        "csrf_token": csrf(page),
        f"{code}-version": version if version is not None else item_version(page, code),
        f"{code}-files": [(io.BytesIO(body), name, kind) for body, name, kind in files],
    }
    if later:
        data[f"{code}-later"] = "y"
    return post_multipart(client, f"{page_url(public_id)}/{code}", data)


def post_multipart(client: FlaskClient, url: str, data: dict[str, Any]) -> TestResponse:
    """A multipart post whose encoded body is closed afterwards (the test client leaves big
    bodies open in a temporary file, which pytest reports as a ResourceWarning)."""
    environ = EnvironBuilder(url, method="POST", data=data).get_environ()
    try:
        return client.open(environ)
    finally:
        environ["wsgi.input"].close()


def stored(app: Flask, public_id: str) -> list[dict[str, Any]]:
    """The application's document rows, as dicts."""
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import Application, ApplicationDocument

    with app.app_context():
        application = db.session.scalars(
            select(Application).where(Application.public_id == public_id)
        ).one()
        rows = db.session.scalars(
            select(ApplicationDocument).where(ApplicationDocument.application_id == application.id)
        )
        return [
            {c.name: getattr(row, c.name) for c in ApplicationDocument.__table__.columns}
            for row in rows
        ]


def answers(app: Flask, public_id: str) -> dict[str, Any]:
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import Application

    with app.app_context():
        query = select(Application).where(Application.public_id == public_id)
        return dict(db.session.scalars(query).one().answers)


def status_text(html: str, code: str) -> str:
    region = BeautifulSoup(html, "html.parser").find(id=f"item-{code}-status")
    assert region is not None and region.get("role") == "status"
    return region.get_text(" ", strip=True)


def error_text(html: str, code: str) -> str:
    found = BeautifulSoup(html, "html.parser").find(id=f"{code}-files-error")
    assert found is not None and found.get("role") == "alert"
    return found.get_text(strip=True)


def test_checklist_page_lists_the_items_with_why_and_works_without_javascript(
    app: Flask, as_person: AsPerson
) -> None:
    public_id = make_application(app, pre_approval="no", sokere={"marital_status": "single"})
    client = client_as(as_person)
    html = client.get(page_url(public_id)).get_data(as_text=True)
    soup = BeautifulSoup(html, "html.parser")
    titles = [h.get_text(strip=True) for h in soup.select("li.ds-card h2")]
    assert titles[:3] == [
        "Tax return (skattemelding) for last year",
        "Payslips or benefit statements for the last two months",
        "A copy of valid ID",
    ]
    assert "Purchase contract or sales prospectus" in titles
    form = soup.select_one('form[action$="/dokumentasjon/payslips"]')
    assert form is not None and form["enctype"] == "multipart/form-data"
    file_input = form.select_one('input[type="file"]')
    assert file_input is not None and file_input.has_attr("multiple")
    assert not file_input.has_attr("capture")  # the phone lets people pick camera or file
    assert "application/pdf" in file_input["accept"]
    assert soup.select_one(f'label[for="{file_input["id"]}"]') is not None
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    # The task list links here (once the steps it needs are done).
    overview = client.get(f"/soknad/{public_id}").get_data(as_text=True)
    assert f'href="{page_url(public_id)}"' in overview


def test_upload_pdf_jpeg_png_and_heic_are_listed_and_announced(
    app: Flask, as_person: AsPerson
) -> None:
    public_id = make_application(app)
    client = client_as(as_person)
    files = [
        (PDF, "Payslip.pdf", "application/pdf"),
        (JPEG, "IMG_0001.jpg", "image/jpeg"),
        (png(), "scan.png", "image/png"),
        (HEIC, "IMG_0002.HEIC", "image/heic"),
    ]
    response = post_item(client, public_id, "payslips", files)
    assert response.status_code == 303
    location = response.headers["Location"]
    assert "item=payslips" in location and "Payslip" not in location
    html = client.get(location).get_data(as_text=True)
    assert "Payslip.pdf uploaded" in status_text(html, "payslips")
    links = BeautifulSoup(html, "html.parser").select("#item-payslips .task-list a")
    assert [a.get_text() for a in links] == [name for _, name, _ in files]
    rows = stored(app, public_id)
    assert [r["content_type"] for r in rows] == [
        "application/pdf",
        "image/jpeg",
        "image/png",
        "image/heic",
    ]
    assert {r["item"] for r in rows} == {"payslips"}


def test_files_are_stored_outside_static_under_random_names(
    app: Flask, as_person: AsPerson
) -> None:
    from portal.storage import LocalStorage, for_app

    public_id = make_application(app)
    client = as_person(SINGLE_PARENT)
    post_item(client, public_id, "identity", [(PDF, "passport.pdf", "application/pdf")])
    (row,) = stored(app, public_id)
    storage = for_app(app)
    assert isinstance(storage, LocalStorage)
    path = storage.path(row["storage_key"])
    assert path.read_bytes() == PDF
    assert re.fullmatch(r"[0-9a-f]{32}", path.name) and "passport" not in str(path)
    assert Path(app.instance_path) in path.parents
    assert Path(app.static_folder or "") not in path.parents


def test_renamed_executable_is_refused_and_nothing_stored(app: Flask, as_person: AsPerson) -> None:
    public_id = make_application(app)
    client = client_as(as_person)
    response = post_item(client, public_id, "tax-return", [(EXE, "tax.pdf", "application/pdf")])
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert error_text(html, "tax-return") == (
        "tax.pdf is a program, not a document. Choose a PDF or a photo (JPEG, PNG or HEIC)."
    )
    summary = BeautifulSoup(html, "html.parser").select_one(".ds-error-summary")
    assert summary is not None and summary.select_one('a[href="#tax-return-files"]')
    assert stored(app, public_id) == []


def test_text_posted_as_png_is_refused(app: Flask, as_person: AsPerson) -> None:
    public_id = make_application(app)
    client = client_as(as_person)
    text = (b"I am not a picture", "photo.png", "image/png")
    response = post_item(client, public_id, "identity", [text])
    assert response.status_code == 422
    assert error_text(response.get_data(as_text=True), "identity").startswith(
        "photo.png is not a PDF, JPEG, PNG or HEIC file."
    )
    assert stored(app, public_id) == []


def test_one_bad_file_among_good_ones_stores_none(app: Flask, as_person: AsPerson) -> None:
    public_id = make_application(app)
    client = as_person(SINGLE_PARENT)
    files = [(PDF, "a.pdf", "application/pdf"), (EXE, "b.pdf", "application/pdf")]
    assert post_item(client, public_id, "payslips", files).status_code == 422
    assert stored(app, public_id) == []


def test_nothing_chosen_asks_for_a_file_or_later(app: Flask, as_person: AsPerson) -> None:
    public_id = make_application(app)
    client = client_as(as_person)
    response = post_item(client, public_id, "payslips")
    assert response.status_code == 422
    assert "tick «I will send this later»" in error_text(
        response.get_data(as_text=True), "payslips"
    )
