"""The economy steps «inntekt», «formue» and «gjeld»: happy paths, every field's messages
in nb, nn and en, the questions that depend on the kind of income, and the skip logic."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from wizard_helpers import (
    COUPLE_APPLICANTS,
    client_as,
    field_errors,
    post_page,
    saved_entry,
    saved_values,
    start_application,
)

AsPerson = Callable[[tuple[str, str]], FlaskClient]
ASSETS = {"bank": "85 000 kr", "property_value": "", "other_amount": "", "has_debts": "no"}
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


# -- inntekt ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", MESSAGE_LANGUAGES)
def test_income_messages_for_every_field(as_person: AsPerson, lang: str) -> None:
    client = client_as(as_person, lang)
    url = start_application(client) + "/inntekt/ny"
    assert set(field_errors(post_page(client, url, {}))) == {"kind", "gross_annual"}
    errors = field_errors(post_page(client, url, {"kind": "wage", "gross_annual": "0"}))
    assert set(errors) == {"gross_annual", "employer", "years_employed", "employment"}
    errors = field_errors(post_page(client, url, {"kind": "pension", "gross_annual": "abc"}))
    assert set(errors) == {"gross_annual", "duration"}
    if lang == "en":
        assert field_errors(post_page(client, url, {"kind": "wage"}))["gross_annual"] == (
            "Write the gross yearly income"
        )
        assert errors == {
            "gross_annual": "Write the amount with digits only, for example 250 000",
            "duration": "Choose whether the pension or benefit is permanent or temporary",
        }


def test_income_of_the_co_applicant_and_other_adults(app: Flask, as_person: AsPerson) -> None:
    client = client_as(as_person)
    overview = start_application(client)
    post_page(client, overview + "/sokere", {**COUPLE_APPLICANTS, "action": "next"})
    adult = {"role": "other_adult", "name": "Kari", "birth_date": "01.05.1960", "sex": "F"}
    post_page(client, overview + "/husstandsmedlemmer/ny", adult)
    (kari,) = saved_entry(app, overview + "/", "husstandsmedlemmer")["items"]
    page = client.get(overview + "/inntekt/ny").get_data(as_text=True)
    choices = BeautifulSoup(page, "html.parser").select('input[name="member_ref"]')
    assert [c["value"] for c in choices] == ["applicant", "co_applicant", kari["id"]]
    assert "Emma Lie" in page and "Kari" in page

    pension = {"member_ref": kari["id"], "kind": "pension", "gross_annual": "240000"}
    post_page(client, overview + "/inntekt/ny", {**pension, "duration": "permanent"})
    post_page(
        client,
        overview + "/inntekt/ny",
        {
            "member_ref": "co_applicant",
            "kind": "child_benefit",
            "gross_annual": "21 432",
            "employer": "ignored",
        },
    )
    first, second = saved_values(app, overview + "/", "inntekt")
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
    client = client_as(as_person)
    url = start_application(client) + "/inntekt"
    wage = {"kind": "wage", "gross_annual": "420 000", "employer": "Bergen kommune"}
    response = post_page(
        client, url + "/ny", {**wage, "years_employed": "2", "employment": "temporary"}
    )
    assert response.status_code == 303
    (saved,) = saved_values(app, url, "inntekt")
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
    client = client_as(as_person)
    overview = start_application(client)
    response = post_page(
        client, overview + "/formue", {**ASSETS, "has_debts": has_debts, "action": "next"}
    )
    assert response.status_code == 303
    assert ("/gjeld" in response.headers["Location"]) is (has_debts == "yes")  # else /bolig
    assert saved_values(app, overview + "/", "formue") == {
        "bank": 85000, "property_value": 0, "other_amount": 0, "other_description": "",
        "has_debts": has_debts,
    }  # fmt: skip
    debt_page = client.get(overview + "/gjeld")
    assert debt_page.status_code == (200 if has_debts == "yes" else 404)
    in_task_list = 'id="task-gjeld"' in client.get(overview).get_data(as_text=True)
    assert in_task_list is (has_debts == "yes")


@pytest.mark.parametrize("lang", MESSAGE_LANGUAGES)
def test_assets_messages(as_person: AsPerson, lang: str) -> None:
    client = client_as(as_person, lang)
    url = start_application(client) + "/formue"
    errors = field_errors(post_page(client, url, {"other_amount": "12 000", "property_value": "x"}))
    assert set(errors) == {"bank", "property_value", "other_description", "has_debts"}
    if lang == "en":
        assert errors["other_description"] == "Describe what the other assets are"
        assert errors["has_debts"] == "Choose whether anyone in the household has debt"


def test_debts_without_refinancing_are_not_refinanced(app: Flask, as_person: AsPerson) -> None:
    client = client_as(as_person)
    overview = start_application(client)
    post_page(client, overview + "/formue", {**ASSETS, "has_debts": "yes", "action": "next"})
    page = client.get(overview + "/gjeld/ny").get_data(as_text=True)
    assert 'name="refinance"' not in page
    response = post_page(client, overview + "/gjeld/ny", DEBT)
    assert response.status_code == 303
    assert saved_values(app, overview + "/", "gjeld") == [
        {
            "kind": "consumer", "creditor": "Santander", "loan_number": "",
            "original_amount": 50000, "balance": 62000, "monthly_payment": 2400,
            "secured": False, "refinance": False,
        }
    ]  # fmt: skip
    assert "Consumer loan – Santander" in client.get(overview + "/gjeld").get_data(as_text=True)


def test_refinancing_asks_which_debts_to_refinance(app: Flask, as_person: AsPerson) -> None:
    client = client_as(as_person)
    overview = start_application(client, purpose="refinance")
    assert client.get(overview + "/gjeld").status_code == 200  # without has_debts
    url = overview + "/gjeld/ny"
    assert field_errors(post_page(client, url, DEBT)) == {
        "refinance": "Choose whether this debt should be refinanced with the startlån"
    }
    post_page(client, url, {**DEBT, "refinance": "yes", "loan_number": "1234.56.78901"})
    (saved,) = saved_values(app, overview + "/", "gjeld")
    assert (saved["refinance"], saved["loan_number"]) == (True, "1234.56.78901")


@pytest.mark.parametrize("lang", MESSAGE_LANGUAGES)
def test_debt_messages(as_person: AsPerson, lang: str) -> None:
    client = client_as(as_person, lang)
    url = start_application(client, purpose="refinance") + "/gjeld/ny"
    errors = field_errors(post_page(client, url, {"creditor": "  ", "monthly_payment": "2,5"}))
    assert set(errors) == {
        "kind", "creditor", "original_amount", "balance", "monthly_payment", "secured", "refinance",
    }  # fmt: skip
    if lang == "en":
        assert errors["creditor"] == "Write the name of the lender or creditor"
        assert errors["monthly_payment"] == "Write whole kroner, without øre"


def test_debt_list_next_completes_the_step_and_moves_on(app: Flask, as_person: AsPerson) -> None:
    client = client_as(as_person)
    overview = start_application(client, purpose="refinance")
    post_page(client, overview + "/gjeld/ny", {**DEBT, "refinance": "yes"})
    response = post_page(client, overview + "/gjeld", {"action": "next"})
    assert response.status_code == 303 and "/gjeld" not in response.headers["Location"]
    assert saved_entry(app, overview + "/", "gjeld")["complete"] is True
