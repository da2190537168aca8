"""Sending: the summary, the declaration, the frozen snapshot, the receipt PDF, and the lock."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from home_helpers import BUDGET_LINES, HOME, answers, input_value, post_page, single_parent, soup
from pypdf import PdfReader
from wizard_helpers import (
    OTHER_PERSON,
    client_as,
    csrf,
    in_language,
    login_staff,
    start_application,
)

from portal.domain.documents import checklist

AsPerson = Callable[[tuple[str, str]], FlaskClient]
FINANCING = {  # 2 300 000 + document duty 57 500 + fees 3 517
    "startlan": "2 321 017",
    "equity": "40 000",
    "equity_kind": ["savings"],
    "fees": "3 517",
    "term_years": "30",
    "repayment": "annuity",
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _ok(response: object) -> None:
    status = response.status_code  # type: ignore[attr-defined]
    assert status == 303, response.get_data(as_text=True)[:2000]  # type: ignore[attr-defined]


def _budget(client: FlaskClient, url: str) -> None:
    page = client.get(url).get_data(as_text=True)
    data = {name: input_value(page, name) for name in BUDGET_LINES}
    data |= {f"{n}_suggested": input_value(page, f"{n}_suggested") for n in BUDGET_LINES}
    _ok(post_page(client, url, {**data, "applicant_sex": "F", "action": "next"}))


def _documents(app: Flask, client: FlaskClient, overview: str) -> None:
    codes = checklist(answers(app, overview))
    for n, code in enumerate(codes):
        page = client.get(overview + "/dokumentasjon").get_data(as_text=True)
        field = f'name="{code}-version" type="hidden" value="'
        step_version = page.split(field, 1)[1].split('"', 1)[0]
        data: dict[str, object] = {"csrf_token": csrf(page), f"{code}-version": step_version}
        if n == 0:
            data[f"{code}-files"] = (io.BytesIO(PDF), "skattemelding.pdf", "application/pdf")
        else:
            data[f"{code}-later"] = "y"
        _ok(client.post(f"{overview}/dokumentasjon/{code}", data=data))
    page = client.get(overview + "/dokumentasjon").get_data(as_text=True)
    _ok(client.post(overview + "/dokumentasjon", data={"csrf_token": csrf(page), "action": "next"}))


def complete_purchase(app: Flask, client: FlaskClient) -> str:
    """A single parent's purchase application, every step completed; returns its overview."""
    overview = start_application(client)
    single_parent(app, overview)
    _ok(post_page(client, overview + "/bolig", {**HOME, "action": "next"}))
    _ok(post_page(client, overview + "/finansiering", {**FINANCING, "action": "next"}))
    _budget(client, overview + "/budsjett")
    _ok(post_page(client, overview + "/saerlige-forhold", {"action": "next"}))
    _documents(app, client, overview)
    return overview


def _send(client: FlaskClient, overview: str, **data: str) -> object:
    page = client.get(overview + "/oppsummering").get_data(as_text=True)
    return client.post(overview + "/send", data={"csrf_token": csrf(page), **data})


def test_send_needs_the_declaration_then_freezes_with_reference_and_receipt(
    app: Flask, as_person: AsPerson
) -> None:
    client = client_as(as_person)
    overview = complete_purchase(app, client)
    refused = _send(client, overview)
    assert refused.status_code == 422  # type: ignore[attr-defined]
    html = refused.get_data(as_text=True)  # type: ignore[attr-defined]
    assert soup(html).select_one('.ds-error-summary a[href="#confirm"]') is not None
    sent = _send(client, overview, confirm="y")
    assert sent.headers["Location"].endswith("/kvittering")  # type: ignore[attr-defined]
    receipt = client.get(overview + "/kvittering").get_data(as_text=True)
    reference = re.search(r"SL-\d{4}-[2-9A-Z]{6}", receipt)
    assert reference is not None
    pdf = client.get(overview + "/kvittering.pdf")
    assert pdf.mimetype == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert reference[0] in text
    assert "Strandgaten 1" in text and "Receipt for your application" in text


def test_receipt_is_in_the_applicants_language(app: Flask, as_person: AsPerson) -> None:
    client = client_as(as_person, "nn")
    overview = complete_purchase(app, client)
    _send(client, overview, confirm="y")
    pdf = client.get(overview + "/kvittering.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Kvittering" in text and "Receipt for your application" not in text
    # The step titles' soft hyphens (where a 320 px screen may break them) are not in the text.
    assert "Finansieringsplan" in text and "Framtidig månadsbudsjett" in text
    assert "\u00ad" not in text


def test_the_snapshot_keeps_answers_and_the_assessment(app: Flask, as_person: AsPerson) -> None:
    client = client_as(as_person)
    overview = complete_purchase(app, client)
    _send(client, overview, confirm="y")
    from portal.extensions import db
    from portal.models import Application

    with app.app_context():
        application = db.session.query(Application).one()
        snapshot = application.snapshot or {}
        assert snapshot["answers"]["bolig"]["values"]["address"] == "Strandgaten 1"
        assert snapshot["assessment"]["max_loan"] > 0
        assert snapshot["assessment"]["figures"]["sifo_year"] == 2026


def test_a_sent_application_cannot_be_changed_by_any_route(app: Flask, as_person: AsPerson) -> None:
    client = client_as(as_person)
    overview = complete_purchase(app, client)
    before = answers(app, overview)
    page = client.get(overview + "/oppsummering").get_data(as_text=True)
    _send(client, overview, confirm="y")
    token = csrf(page)
    for slug in ("om-soknaden", "sokere", "husstand", "bolig", "finansiering", "budsjett"):
        response = client.post(f"{overview}/{slug}", data={"csrf_token": token, "action": "next"})
        assert response.status_code == 409, slug
        assert client.get(f"{overview}/{slug}").headers["Location"].endswith("/oppsummering")
    for path in ("/inntekt/ny", "/husstandsmedlemmer/ny", "/dokumentasjon"):
        response = client.post(overview + path, data={"csrf_token": token})
        assert response.status_code == 409, path
    assert answers(app, overview) == before


def test_sending_twice_is_harmless(app: Flask, as_person: AsPerson) -> None:
    client = client_as(as_person)
    overview = complete_purchase(app, client)
    first, second = _send(client, overview, confirm="y"), _send(client, overview, confirm="y")
    assert first.headers["Location"] == second.headers["Location"]  # type: ignore[attr-defined]
    receipt = client.get(overview + "/kvittering").get_data(as_text=True)
    assert len(set(re.findall(r"SL-\d{4}-[2-9A-Z]{6}", receipt))) == 1


def test_an_incomplete_application_cannot_be_sent(app: Flask, as_person: AsPerson) -> None:
    client = client_as(as_person)
    overview = start_application(client)
    response = _send(client, overview, confirm="y")
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert client.get(overview + "/kvittering").headers["Location"].endswith("/oppsummering")


def test_another_person_gets_404_on_summary_send_and_receipt(
    app: Flask, as_person: AsPerson
) -> None:
    owner, stranger = client_as(as_person), as_person(OTHER_PERSON)
    overview = complete_purchase(app, owner)
    _send(owner, overview, confirm="y")
    token = csrf(stranger.get("/soknad/ny").get_data(as_text=True))
    for path in ("/oppsummering", "/kvittering", "/kvittering.pdf"):
        assert stranger.get(overview + path).status_code == 404, path
    assert stranger.post(overview + "/send", data={"csrf_token": token}).status_code == 404


def test_change_link_returns_to_the_summary(app: Flask, as_person: AsPerson) -> None:
    client = client_as(as_person)
    overview = complete_purchase(app, client)
    summary = soup(client.get(overview + "/oppsummering").get_data(as_text=True))
    change = summary.select_one(f'a[href="{overview}/finansiering"]')
    assert change is not None
    response = post_page(client, overview + "/finansiering", {**FINANCING, "action": "next"})
    assert response.headers["Location"].endswith("/oppsummering")


def test_the_municipalitys_staff_see_that_it_was_sent(app: Flask, as_person: AsPerson) -> None:
    client = client_as(as_person)
    overview = complete_purchase(app, client)
    _send(client, overview, confirm="y")
    bergen, asnes = in_language(app.test_client()), in_language(app.test_client())
    login_staff(app, bergen, "08828410181", "Marte Berg", "4601")
    login_staff(app, asnes, "03908233386", "Hilde Moen", "3418")
    assert "1 application has been sent to Bergen." in bergen.get("/saksbehandling").get_data(
        as_text=True
    )
    assert "0 applications have been sent to Åsnes." in asnes.get("/saksbehandling").get_data(
        as_text=True
    )
