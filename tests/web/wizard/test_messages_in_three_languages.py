"""Every field type's error message appears next to the field in the person's language."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale
from flask_babel import gettext as translate
from home_helpers import field_error, post_page
from wizard_helpers import client_as, start_application

from forms.fields import AMOUNT_MESSAGES, DATE_MESSAGES, FNR_MESSAGES

AsPerson = Callable[[tuple[str, str]], FlaskClient]
LANGUAGES = ("nb", "nn", "en")
CASES = [  # (step path, posted data, field, msgid of the expected message)
    ("/formue", {"bank": "tusen kroner"}, "bank", AMOUNT_MESSAGES["not_a_number"]),
    ("/formue", {"bank": "1234,50"}, "bank", AMOUNT_MESSAGES["decimals"]),
    (
        "/husstandsmedlemmer/ny",
        {"birth_date": "31.02.2020"},
        "birth_date",
        DATE_MESSAGES["no_such_date"],
    ),
    ("/husstandsmedlemmer/ny", {"birth_date": "igår"}, "birth_date", DATE_MESSAGES["format"]),
    (
        "/sokere",
        {"marital_status": "married", "co_applicant_fnr": "14839212345"},
        "co_applicant_fnr",
        FNR_MESSAGES["checksum"],
    ),
    (
        "/sokere",
        {"marital_status": "married", "co_applicant_fnr": "123"},
        "co_applicant_fnr",
        FNR_MESSAGES["format"],
    ),
    ("/sokere", {}, "email", "Write your e-mail address"),
    ("/sokere", {}, "marital_status", "Choose your marital status"),
]


def _expected(app: Flask, lang: str, msgid: object) -> str:
    with app.test_request_context(), force_locale(lang):
        return translate(str(msgid))


@pytest.mark.parametrize(("path", "data", "field", "msgid"), CASES)
def test_message_next_to_the_field_in_each_language(
    app: Flask, as_person: AsPerson, path: str, data: dict[str, str], field: str, msgid: object
) -> None:
    shown = {}
    for lang in LANGUAGES:
        client = client_as(as_person, lang)
        overview = start_application(client)
        response = post_page(client, overview + path, {**data, "action": "next"})
        shown[lang] = field_error(response.get_data(as_text=True), field)
        assert shown[lang] == _expected(app, lang, msgid), (lang, path, field)
    assert shown["nb"] != shown["en"] and shown["nn"] != shown["en"]  # really translated
