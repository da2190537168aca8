"""What people type into amount and date fields is understood, or refused with a reason."""

from datetime import date

import pytest

from forms.parsing import parse_date, parse_kroner


@pytest.mark.parametrize(
    "text",
    [
        "1 234 567",
        "1234567",
        "1 234 567 kr",
        "1.234.567",
        "kr 1 234 567",
        "1\u00a0234\u00a0567",
        "1 234 567,-",
        "NOK 1234567",
        " 1234567 ",
        "1,234,567",
    ],
)
def test_amount_forms_people_type(text: str) -> None:
    assert parse_kroner(text) == 1_234_567


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("kr", "empty"),
        ("abc", "not_a_number"),
        ("12a", "not_a_number"),
        ("1 23 456", "not_a_number"),
        ("-500", "negative"),
        ("1234,50", "decimals"),
        ("99999999999", "too_large"),
    ],
)
def test_amounts_refused_with_reason(text: str, code: str) -> None:
    with pytest.raises(ValueError, match=code):
        parse_kroner(text)


@pytest.mark.parametrize(
    "text",
    ["14.03.1992", "14.3.1992", "14/03/1992", "14-03-1992", "14 03 1992", "14031992", "1992-03-14"],
)
def test_dates_as_people_type_them(text: str) -> None:
    assert parse_date(text) == date(1992, 3, 14)


@pytest.mark.parametrize(
    ("text", "code"), [("", "empty"), ("31.02.2020", "no_such_date"), ("14.03.92", "format")]
)
def test_dates_refused_with_reason(text: str, code: str) -> None:
    with pytest.raises(ValueError, match=code):
        parse_date(text)
