"""Step «Finansiering»: the sources must equal the price plus document duty and fees."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from home_helpers import answers, field_error, post_page, seed, soup
from wizard_helpers import SINGLE_PARENT, client_as, start_application

AsPerson = Callable[[tuple[str, str]], FlaskClient]
HOME_VALUES = {"price": 2300000, "market_value": 2300000, "ownership": "freehold"}
BALANCED = {  # 2 300 000 + duty 57 500 + fees 3 517
    "startlan": "2 321 017",
    "equity": "40 000",
    "equity_kind": ["savings"],
    "fees": "3 517",
    "term_years": "30",
    "repayment": "annuity",
}


def sums_error(html: str) -> str:
    found = soup(html).find(id="financing-sums-error")
    return found.get_text(" ", strip=True) if found else ""


def test_document_duty_is_computed_for_a_freehold_purchase(app: Flask, as_person: AsPerson) -> None:
    client = as_person(SINGLE_PARENT)
    overview = start_application(client)
    seed(app, overview, "bolig", HOME_VALUES)
    page = soup(client.get(overview + "/finansiering").get_data(as_text=True))
    assert "57\u00a0500\u00a0kr" in page.select_one("main").get_text()
    response = post_page(client, overview + "/finansiering", {**BALANCED, "action": "next"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/budsjett")
    saved = answers(app, overview)["finansiering"]["values"]
    assert saved["document_duty"] == 57500
    assert saved["total_sources"] == saved["total_needed"] == 2300000 + 57500 + 3517


def test_no_document_duty_for_a_cooperative(app: Flask, as_person: AsPerson) -> None:
    client = as_person(SINGLE_PARENT)
    overview = start_application(client)
    seed(app, overview, "bolig", {**HOME_VALUES, "ownership": "cooperative"})
    data = {**BALANCED, "startlan": "2 263 517", "action": "next"}
    assert post_page(client, overview + "/finansiering", data).status_code == 303
    assert answers(app, overview)["finansiering"]["values"]["document_duty"] == 0


def test_unbalanced_financing_shows_the_difference_and_the_fix(
    app: Flask, as_person: AsPerson
) -> None:
    client = client_as(as_person)
    overview = start_application(client)
    seed(app, overview, "bolig", HOME_VALUES)
    data = {**BALANCED, "startlan": "2 300 000", "action": "next"}
    response = post_page(client, overview + "/finansiering", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert sums_error(html).startswith("The financing is 21\u00a0017 kr short")
    assert "Increase the startlån" in sums_error(html)
    assert soup(html).select_one(".ds-error-summary") is not None
    too_much = post_page(client, overview + "/finansiering", {**BALANCED, "equity": "61 017"})
    assert "21\u00a0017 kr more than" in sums_error(too_much.get_data(as_text=True))
    assert "finansiering" not in answers(app, overview)


def test_the_home_must_be_filled_in_first(as_person: AsPerson) -> None:
    client = client_as(as_person)
    overview = start_application(client)
    response = post_page(client, overview + "/finansiering", {**BALANCED, "action": "next"})
    assert "Fill in the price" in sums_error(response.get_data(as_text=True))


def test_a_pre_approval_has_no_price_to_balance(app: Flask, as_person: AsPerson) -> None:
    client = as_person(SINGLE_PARENT)
    overview = start_application(client, pre_approval="yes")
    data = {**BALANCED, "startlan": "1 500 000", "action": "next"}
    assert post_page(client, overview + "/finansiering", data).status_code == 303
    assert answers(app, overview)["finansiering"]["values"]["total_needed"] is None


def test_conditional_answers_are_required(app: Flask, as_person: AsPerson) -> None:
    client = client_as(as_person)
    overview = start_application(client, applying_for=["startlan", "bank_loan"])
    seed(app, overview, "bolig", HOME_VALUES)
    data = {**BALANCED, "equity_kind": [], "term_years": "40", "other_financing": "1 000"}
    html = post_page(client, overview + "/finansiering", {**data, "action": "next"})
    html_text = html.get_data(as_text=True)
    assert field_error(html_text, "bank_loan") == "Write the amount of the loan from the bank"
    assert field_error(html_text, "equity_kind") == "Choose where the equity comes from"
    assert field_error(html_text, "other_kind") == "Write what the other financing is"
    assert field_error(html_text, "term_reason") == "Tell us why you need a longer repayment period"
    too_long = post_page(client, overview + "/finansiering", {**BALANCED, "term_years": "51"})
    assert "between 1 and 50" in field_error(too_long.get_data(as_text=True), "term_years")


def test_the_first_visit_suggests_term_repayment_and_the_municipalitys_fee(
    as_person: AsPerson,
) -> None:
    client = as_person(SINGLE_PARENT)
    overview = start_application(client)  # Bergen: establishment fee 3 517 kr
    page = soup(client.get(overview + "/finansiering").get_data(as_text=True))
    assert page.find("input", attrs={"name": "term_years"})["value"] == "30"
    assert page.find("input", attrs={"name": "fees"})["value"] == "3517"
    assert page.find("input", attrs={"name": "repayment", "value": "annuity"}).has_attr("checked")
