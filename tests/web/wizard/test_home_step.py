"""Step «Bolig»: the home applied for (not asked for a pre-approval)."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from home_helpers import HOME, answers, field_error, input_value, post_page, soup
from wizard_helpers import SINGLE_PARENT, client_as, start_application

AsPerson = Callable[[tuple[str, str]], FlaskClient]


def test_the_home_is_saved_and_the_next_step_is_the_financing(
    app: Flask, as_person: AsPerson
) -> None:
    client = as_person(SINGLE_PARENT)
    overview = start_application(client)
    response = post_page(client, overview + "/bolig", {**HOME, "action": "next"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/finansiering")
    saved = answers(app, overview)["bolig"]["values"]
    assert saved["price"] == 2300000 and saved["rooms"] == 3 and saved["ownership"] == "freehold"
    assert saved["common_costs"] == 2000 and saved["energy_label"] == ""
    page = client.get(overview + "/bolig").get_data(as_text=True)
    assert input_value(page, "price").replace("\u00a0", " ") == "2 300 000"


def test_missing_and_wrong_answers_are_explained_next_to_the_field(as_person: AsPerson) -> None:
    client = client_as(as_person)
    overview = start_application(client)
    data = {**HOME, "address": "", "ownership": "cooperative", "cooperative_org_number": "123"}
    html = post_page(client, overview + "/bolig", {**data, "action": "next"}).get_data(as_text=True)
    assert field_error(html, "address") == "Write the address of the home"
    assert field_error(html, "cooperative_name") == "Write the name of the housing cooperative"
    assert field_error(html, "cooperative_org_number").startswith("Check the organisation number")
    assert field_error(html, "shared_debt") == "Write the home's share of the common debt, or 0"
    summary = soup(html).select_one(".ds-error-summary")
    assert summary is not None and summary.select_one('a[href="#address"]')


def test_the_bokmal_page_shows_the_error_next_to_the_right_field(as_person: AsPerson) -> None:
    client = as_person(SINGLE_PARENT)  # the browser's language: bokmål
    overview = start_application(client)
    html = post_page(client, overview + "/bolig", {**HOME, "rooms": "tre", "action": "next"})
    page = soup(html.get_data(as_text=True))
    assert page.html is not None and page.html["lang"] == "nb"
    rooms = page.find("input", attrs={"name": "rooms"})
    assert rooms is not None and rooms["aria-invalid"] == "true"
    assert "rooms-error" in str(rooms["aria-describedby"])
    assert page.find(id="rooms-error") is not None
    assert page.find(id="price-error") is None


def test_the_price_label_and_requirements_follow_the_purpose(as_person: AsPerson) -> None:
    client = client_as(as_person)
    overview = start_application(client, purpose="refinance")
    data = {**HOME, "price": "", "market_value": "", "action": "next"}
    html = post_page(client, overview + "/bolig", data).get_data(as_text=True)
    assert field_error(html, "price") == ""
    assert field_error(html, "market_value") == "Write the market value from the valuation"
    assert soup(html).find("label", attrs={"for": "price"}).get_text() == (
        "Price when you bought the home"
    )


def test_the_municipality_number_is_suggested(as_person: AsPerson) -> None:
    client = as_person(SINGLE_PARENT)
    overview = start_application(client, municipality="3418")
    assert (
        input_value(client.get(overview + "/bolig").get_data(as_text=True), "municipality_number")
        == "3418"
    )


def test_no_home_page_for_a_pre_approval(as_person: AsPerson) -> None:
    client = as_person(SINGLE_PARENT)
    overview = start_application(client, pre_approval="yes")
    assert client.get(overview + "/bolig").status_code == 404
    assert client.get(overview + "/finansiering").status_code == 200
