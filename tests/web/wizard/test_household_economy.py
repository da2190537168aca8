"""The economy steps «inntekt», «formue» and «gjeld»: happy paths, every field's messages
in nb, nn and en, the questions that depend on the kind of income, and the skip logic."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from wizard_helpers import SINGLE_PARENT, csrf, start_application, version

from portal.extensions import db
from portal.models import Application

AsPerson = Callable[[tuple[str, str]], FlaskClient]
ASSETS = {"bank": "85 000 kr", "property_value": "", "other_amount": "", "has_debts": "no"}
APPLICANTS = {
    "phone": "912 34 567",
    "email": "ingrid@example.no",
    "address": "Strandgaten 1",
    "postcode": "5013",
    "city": "Bergen",
    "marital_status": "cohabitant",
    "co_applicant_fnr": "30880251291",
    "co_applicant_name": "Emma Lie",
}
DEBT = {
    "kind": "consumer",
    "creditor": "Santander",
    "loan_number": "",
    "original_amount": "50 000",
    "balance": "62 000",  # more than borrowed: unpaid interest
    "monthly_payment": "2 400",
    "secured": "no",
}
MESSAGE_LANGUAGES = ("nb", "nn", "en")


def _client(as_person: AsPerson, lang: str = "en") -> FlaskClient:
    client = as_person(SINGLE_PARENT)
    with client.session_transaction() as session:
        session["lang"] = lang
    return client


def _submit(client: FlaskClient, url: str, data: dict[str, Any]) -> Any:
    page = client.get(url).get_data(as_text=True)
    return client.post(url, data={"csrf_token": csrf(page), "version": version(page), **data})


def _errors(response: Any) -> dict[str, str]:
    """{field id: its message} for every message shown next to a field."""
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    found = soup.select(".ds-validation-message[id$='-error']")
    return {str(p["id"]).removesuffix("-error"): p.get_text(strip=True) for p in found}


def _entry(app: Flask, url: str, slug: str) -> Any:
    """What a step saved: {"values"...} for a form, {"items": [...]} for a list."""
    public_id = url.split("/soknad/")[1].split("/")[0]
    with app.app_context():
        query = select(Application).where(Application.public_id == public_id)
        return db.session.scalars(query).one().answers[slug]


def _values(app: Flask, url: str, slug: str) -> Any:
    entry = _entry(app, url, slug)
    return [item["values"] for item in entry["items"]] if "items" in entry else entry["values"]


# -- inntekt ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", MESSAGE_LANGUAGES)
def test_income_messages_for_every_field(as_person: AsPerson, lang: str) -> None:
    client = _client(as_person, lang)
    url = start_application(client) + "/inntekt/ny"
    assert set(_errors(_submit(client, url, {}))) == {"kind", "gross_annual"}
    errors = _errors(_submit(client, url, {"kind": "wage", "gross_annual": "0"}))
    assert set(errors) == {"gross_annual", "employer", "years_employed", "employment"}
    errors = _errors(_submit(client, url, {"kind": "pension", "gross_annual": "abc"}))
    assert set(errors) == {"gross_annual", "duration"}
    if lang == "en":
        assert _errors(_submit(client, url, {"kind": "wage"}))["gross_annual"] == (
            "Write the gross yearly income"
        )
        assert errors == {
            "gross_annual": "Write the amount with digits only, for example 250 000",
            "duration": "Choose whether the pension or benefit is permanent or temporary",
        }


def test_income_of_the_co_applicant_and_other_adults(app: Flask, as_person: AsPerson) -> None:
    client = _client(as_person)
    overview = start_application(client)
    _submit(client, overview + "/sokere", {**APPLICANTS, "action": "next"})
    adult = {"role": "other_adult", "name": "Kari", "birth_date": "01.05.1960", "sex": "F"}
    _submit(client, overview + "/husstandsmedlemmer/ny", adult)
    (kari,) = _entry(app, overview + "/", "husstandsmedlemmer")["items"]
    page = client.get(overview + "/inntekt/ny").get_data(as_text=True)
    choices = BeautifulSoup(page, "html.parser").select('input[name="member_ref"]')
    assert [c["value"] for c in choices] == ["applicant", "co_applicant", kari["id"]]
    assert "Emma Lie" in page and "Kari" in page

    pension = {"member_ref": kari["id"], "kind": "pension", "gross_annual": "240000"}
    _submit(client, overview + "/inntekt/ny", {**pension, "duration": "permanent"})
    _submit(
        client,
        overview + "/inntekt/ny",
        {
            "member_ref": "co_applicant",
            "kind": "child_benefit",
            "gross_annual": "21 432",
            "employer": "ignored",
        },
    )
    first, second = _values(app, overview + "/", "inntekt")
    assert first == {
        "member_ref": kari["id"], "member_name": "Kari", "kind": "pension",
        "gross_annual": 240000, "permanent": True, "employer": None, "years_employed": None,
        "employment": None, "duration": "permanent",
    }  # fmt: skip
    assert (second["member_name"], second["permanent"], second["employer"]) == (
        "Emma Lie",
        False,
        None,
    )


def test_wage_income_stores_the_employment(app: Flask, as_person: AsPerson) -> None:
    client = _client(as_person)
    url = start_application(client) + "/inntekt"
    wage = {"kind": "wage", "gross_annual": "420 000", "employer": "Bergen kommune"}
    response = _submit(
        client, url + "/ny", {**wage, "years_employed": "2", "employment": "temporary"}
    )
    assert response.status_code == 303
    (saved,) = _values(app, url, "inntekt")
    assert saved["member_ref"] == "applicant" and saved["member_name"] == "Ingrid Solberg"
    assert (saved["years_employed"], saved["employment"], saved["permanent"]) == (
        2,
        "temporary",
        False,
    )
    assert "Wages – Ingrid Solberg" in client.get(url).get_data(as_text=True)


# -- formue, gjeld and the skip logic --------------------------------------------------------


@pytest.mark.parametrize("has_debts", ["yes", "no"])
def test_assets_save_and_decide_whether_debts_are_asked(
    app: Flask, as_person: AsPerson, has_debts: str
) -> None:
    client = _client(as_person)
    overview = start_application(client)
    response = _submit(
        client, overview + "/formue", {**ASSETS, "has_debts": has_debts, "action": "next"}
    )
    assert response.status_code == 303
    assert ("/gjeld" in response.headers["Location"]) is (has_debts == "yes")  # else /bolig
    assert _values(app, overview + "/", "formue") == {
        "bank": 85000, "property_value": 0, "other_amount": 0, "other_description": "",
        "has_debts": has_debts,
    }  # fmt: skip
    debt_page = client.get(overview + "/gjeld")
    assert debt_page.status_code == (200 if has_debts == "yes" else 404)
    in_task_list = 'id="task-gjeld"' in client.get(overview).get_data(as_text=True)
    assert in_task_list is (has_debts == "yes")


@pytest.mark.parametrize("lang", MESSAGE_LANGUAGES)
def test_assets_messages(as_person: AsPerson, lang: str) -> None:
    client = _client(as_person, lang)
    url = start_application(client) + "/formue"
    errors = _errors(_submit(client, url, {"other_amount": "12 000", "property_value": "x"}))
    assert set(errors) == {"bank", "property_value", "other_description", "has_debts"}
    if lang == "en":
        assert errors["other_description"] == "Describe what the other assets are"
        assert errors["has_debts"] == "Choose whether anyone in the household has debt"


def test_debts_without_refinancing_are_not_refinanced(app: Flask, as_person: AsPerson) -> None:
    client = _client(as_person)
    overview = start_application(client)
    _submit(client, overview + "/formue", {**ASSETS, "has_debts": "yes", "action": "next"})
    page = client.get(overview + "/gjeld/ny").get_data(as_text=True)
    assert 'name="refinance"' not in page
    response = _submit(client, overview + "/gjeld/ny", DEBT)
    assert response.status_code == 303
    assert _values(app, overview + "/", "gjeld") == [
        {
            "kind": "consumer", "creditor": "Santander", "loan_number": "",
            "original_amount": 50000, "balance": 62000, "monthly_payment": 2400,
            "secured": False, "refinance": False,
        }
    ]  # fmt: skip
    assert "Consumer loan – Santander" in client.get(overview + "/gjeld").get_data(as_text=True)


def test_refinancing_asks_which_debts_to_refinance(app: Flask, as_person: AsPerson) -> None:
    client = _client(as_person)
    overview = start_application(client, purpose="refinance")
    assert client.get(overview + "/gjeld").status_code == 200  # without has_debts
    url = overview + "/gjeld/ny"
    assert _errors(_submit(client, url, DEBT)) == {
        "refinance": "Choose whether this debt should be refinanced with the startlån"
    }
    _submit(client, url, {**DEBT, "refinance": "yes", "loan_number": "1234.56.78901"})
    (saved,) = _values(app, overview + "/", "gjeld")
    assert (saved["refinance"], saved["loan_number"]) == (True, "1234.56.78901")


@pytest.mark.parametrize("lang", MESSAGE_LANGUAGES)
def test_debt_messages(as_person: AsPerson, lang: str) -> None:
    client = _client(as_person, lang)
    url = start_application(client, purpose="refinance") + "/gjeld/ny"
    errors = _errors(_submit(client, url, {"creditor": "  ", "monthly_payment": "2,5"}))
    assert set(errors) == {
        "kind", "creditor", "original_amount", "balance", "monthly_payment", "secured", "refinance",
    }  # fmt: skip
    if lang == "en":
        assert errors["creditor"] == "Write the name of the lender or creditor"
        assert errors["monthly_payment"] == "Write whole kroner, without øre"


def test_debt_list_next_completes_the_step_and_moves_on(app: Flask, as_person: AsPerson) -> None:
    client = _client(as_person)
    overview = start_application(client, purpose="refinance")
    _submit(client, overview + "/gjeld/ny", {**DEBT, "refinance": "yes"})
    response = _submit(client, overview + "/gjeld", {"action": "next"})
    assert response.status_code == 303 and "/gjeld" not in response.headers["Location"]
    assert _entry(app, overview + "/", "gjeld")["complete"] is True
