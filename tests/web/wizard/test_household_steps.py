"""The household steps «husstand» and «husstandsmedlemmer»: happy paths and every field's
messages in nb, nn and en (list mechanics are in test_lists.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from wizard_helpers import (
    client_as,
    field_errors,
    post_page,
    saved_values,
    start_application,
)

AsPerson = Callable[[tuple[str, str]], FlaskClient]
HOUSEHOLD = {
    "housing_now": "rent_private",
    "years_in_municipality": "3",
    "car": "electric",
    "risk_of_losing_home": "no",
}
MESSAGE_LANGUAGES = ("nb", "nn", "en")


# -- husstand --------------------------------------------------------------------------------


def test_household_saves_the_contract_values_and_moves_on(app: Flask, as_person: AsPerson) -> None:
    client = client_as(as_person)
    url = start_application(client) + "/husstand"
    response = post_page(client, url, {**HOUSEHOLD, "action": "next"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/husstandsmedlemmer")
    assert saved_values(app, url, "husstand") == {
        "housing_now": "rent_private",
        "years_in_municipality": 3,
        "car": "electric",
        "risk_of_losing_home": False,
    }
    again = BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser")
    assert again.select_one('input[name="housing_now"][checked]')["value"] == "rent_private"


def test_household_offers_every_housing_situation_of_the_form(as_person: AsPerson) -> None:
    client = client_as(as_person)
    html = client.get(start_application(client) + "/husstand").get_data(as_text=True)
    options = BeautifulSoup(html, "html.parser").select('input[name="housing_now"]')
    assert [o["value"] for o in options] == [
        "rent_municipal",
        "rent_private",
        "own",
        "with_family",
        "institution",
        "prison",
        "reception_centre",
        "no_fixed_home",
    ]


@pytest.mark.parametrize("lang", MESSAGE_LANGUAGES)
def test_household_every_field_gets_a_message(as_person: AsPerson, lang: str) -> None:
    client = client_as(as_person, lang)
    response = post_page(client, start_application(client) + "/husstand", {"action": "next"})
    html = response.get_data(as_text=True)
    errors = field_errors(response)
    assert response.status_code == 200 and f'<html lang="{lang}"' in html
    assert set(errors) == {"housing_now", "years_in_municipality", "car", "risk_of_losing_home"}
    summary = BeautifulSoup(html, "html.parser").select(".ds-error-summary a")
    assert [a["href"] for a in summary][:2] == ["#housing_now-0", "#years_in_municipality"]
    if lang == "en":
        assert errors["housing_now"] == "Choose how you live today"
        assert errors["years_in_municipality"] == (
            "Write how many years you have lived in the municipality"
        )
        assert errors["car"] == "Choose whether the household has a car"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("tre", "Write the number of years with digits, for example 3"),
        ("121", "Write a number of years between 0 and 120"),
        ("-1", "Write the number of years with digits, for example 3"),
    ],
)
def test_household_years_must_be_whole_years(as_person: AsPerson, typed: str, message: str) -> None:
    client = client_as(as_person)
    url = start_application(client) + "/husstand"
    response = post_page(client, url, {**HOUSEHOLD, "years_in_municipality": typed})
    assert field_errors(response) == {"years_in_municipality": message}
    assert f'value="{typed}"' in response.get_data(as_text=True)


# -- husstandsmedlemmer ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", MESSAGE_LANGUAGES)
def test_member_every_field_gets_a_message(as_person: AsPerson, lang: str) -> None:
    client = client_as(as_person, lang)
    url = start_application(client) + "/husstandsmedlemmer/ny"
    errors = field_errors(post_page(client, url, {}))
    assert set(errors) == {"role", "name", "birth_date", "sex"}
    if lang == "en":
        assert errors["birth_date"] == "Write the person's date of birth"
        assert errors["sex"] == "Choose female or male"


@pytest.mark.parametrize(
    ("role", "born", "message"),
    [
        ("child", "1.1.2999", "The date of birth cannot be in the future"),
        ("child", "14.03.1992", "A child is under 18. Check the date of birth, or choose adult"),
        (
            "other_adult",
            "02.09.2017",
            "An adult is 18 or older. Check the date of birth, or choose child",
        ),
        ("child", "31.02.2017", "That date does not exist. Check the day and month"),
        ("child", "next year", "Write the date as day.month.year, for example 14.03.1992"),
    ],
)
def test_member_birth_date_is_checked(
    as_person: AsPerson, role: str, born: str, message: str
) -> None:
    client = client_as(as_person)
    url = start_application(client) + "/husstandsmedlemmer/ny"
    data = {"role": role, "name": "Emma", "birth_date": born, "sex": "F"}
    assert field_errors(post_page(client, url, data)) == {"birth_date": message}


def test_member_message_in_bokmal_sits_next_to_the_field(as_person: AsPerson) -> None:
    client = client_as(as_person, "nb")
    url = start_application(client) + "/husstandsmedlemmer/ny"
    data = {"role": "child", "name": "Emma", "birth_date": "1.1.2999", "sex": "F"}
    soup = BeautifulSoup(post_page(client, url, data).get_data(as_text=True), "html.parser")
    field = soup.select_one("#birth_date")
    assert "birth_date-error" in field["aria-describedby"] and field["aria-invalid"] == "true"
    assert soup.select_one(".ds-error-summary a")["href"] == "#birth_date"
