"""Step «Særlige forhold»: health information is stored only with the separate consent."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from home_helpers import answers, field_error, post_page, soup
from wizard_helpers import OTHER_PERSON, client_as, csrf, start_application

from portal.domain.application_facts import Person, build_facts

AsPerson = Callable[[tuple[str, str]], FlaskClient]
CONSENT_ERROR = (
    "Tick the box to consent to the processing of health information, or remove the health"
    " information"
)


def start(as_person: AsPerson) -> tuple[FlaskClient, str, str]:
    client = client_as(as_person)
    overview = start_application(client)
    return client, overview, overview + "/saerlige-forhold"


def test_health_needs_without_consent_are_refused_and_not_stored(
    app: Flask, as_person: AsPerson
) -> None:
    client, overview, url = start(as_person)
    for action in ("next", "later"):
        data = {"needs": ["health"], "details": "Vi trenger bolig nær skolen.", "action": action}
        response = post_page(client, url, data)
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert field_error(html, "health_consent") == CONSENT_ERROR
        assert soup(html).select_one('.ds-error-summary a[href="#health_consent"]') is not None
        assert "saerlige-forhold" not in answers(app, overview)


def test_text_about_health_needs_consent_too(app: Flask, as_person: AsPerson) -> None:
    client, overview, url = start(as_person)
    data = {
        "details": "Sønnen min bruker rullestol og trenger bolig uten trapper.",
        "action": "later",
    }
    html = post_page(client, url, data).get_data(as_text=True)
    assert field_error(html, "health_consent") == CONSENT_ERROR
    assert "saerlige-forhold" not in answers(app, overview)


def test_with_consent_health_needs_are_stored_and_count(app: Flask, as_person: AsPerson) -> None:
    client, overview, url = start(as_person)
    data = {"needs": ["disability", "social"], "health_consent": "y", "action": "next"}
    response = post_page(client, url, data)
    assert response.status_code == 303
    saved = answers(app, overview)["saerlige-forhold"]["values"]
    assert saved["needs"] == ["disability", "social"] and saved["health_consent"] is True
    facts = build_facts(answers(app, overview), applicant=Person(None))
    assert facts["household"]["special_needs"] == ["disability", "social"]


def test_social_needs_and_other_text_need_no_consent(app: Flask, as_person: AsPerson) -> None:
    client, overview, url = start(as_person)
    data = {
        "needs": ["social"],
        "details": "Vi bor trangt og må flytte innen mars.",
        "action": "next",
    }
    assert post_page(client, url, data).status_code == 303
    assert answers(app, overview)["saerlige-forhold"]["values"]["health_consent"] is False


def test_a_stranger_cannot_post_special_circumstances(as_person: AsPerson) -> None:
    _client, _overview, url = start(as_person)
    stranger = as_person(OTHER_PERSON)
    token = csrf(stranger.get("/soknad/ny").get_data(as_text=True))
    response = stranger.post(url, data={"csrf_token": token, "needs": ["social"], "version": "0"})
    assert response.status_code == 404
