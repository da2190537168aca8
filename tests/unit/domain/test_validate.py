"""Parsing facts: defaults per the contract, unknown keys, every error at once, nb/nn/en."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from portal.domain.assess import run
from portal.domain.messages import error_catalogue, errors_json
from portal.domain.validate import FactsError, FieldError, parse_facts

MINIMAL = {
    "household": {"members": [{"role": "applicant", "birth_date": "1990-01-01", "sex": "M"}]}
}


def errors(data: object) -> list[tuple[str, str]]:
    with pytest.raises(FactsError) as caught:
        parse_facts(data, date(2026, 11, 22))
    return [(e.field, e.code) for e in caught.value.errors]


def test_defaults_per_contract() -> None:
    facts = parse_facts(MINIMAL, date(2026, 1, 2))
    assert facts.as_of == date(2026, 1, 2)
    assert (facts.municipality, facts.applying_for, facts.purpose) == (
        "4601",
        ("startlan",),
        "purchase",
    )
    assert facts.pre_approval is False and facts.home is None
    assert (facts.household.marital_status, facts.household.housing_now) == (
        "single",
        "rent_private",
    )
    assert (facts.household.car, facts.household.special_needs) == ("none", ())
    assert (facts.income, facts.debts, facts.net_monthly_income) == ((), (), None)
    assert (facts.financing.term_years, facts.financing.repayment) == (30, "annuity")
    assert facts.assumptions.interest_rate is None and facts.expenses_monthly.total() == 0


def test_as_of_defaults_to_today() -> None:
    assert parse_facts(MINIMAL).as_of == date.today()


def test_partial_home_takes_defaults() -> None:
    home = parse_facts({**MINIMAL, "home": {"monthly_costs": 3500}}).home
    assert home is not None
    assert (home.price, home.ownership, home.monthly_costs) == (0, "freehold", 3500)


def test_every_error_at_once_with_paths() -> None:
    data = {
        "as_of": "2026-02-30",
        "municipality": 4601,
        "purpose": "holiday",
        "surprise": True,
        "household": {
            "members": [
                {"role": "applicant", "birth_date": "1990-01-01", "sex": "F"},
                {"role": "child", "birth_date": "01.02.2018", "sex": "M", "shoe_size": 30},
            ],
            "car": "tesla",
        },
        "income": [{"member": 5, "kind": "wage", "gross_annual": -1}],
        "debts": [{"kind": "consumer", "balance": 1.5, "monthly_payment": "100"}],
        "financing": {"term_years": 51},
        "assumptions": {"interest_rate": 5.25},
    }
    assert errors(data) == [
        ("surprise", "unknown_key"),
        ("as_of", "date"),
        ("municipality", "municipality"),
        ("purpose", "choice"),
        ("household.members[1].shoe_size", "unknown_key"),
        ("household.members[1].birth_date", "date"),
        ("household.car", "choice"),
        ("income[0].gross_annual", "not_negative"),
        ("debts[0].balance", "whole_kroner"),
        ("debts[0].monthly_payment", "whole_kroner"),
        ("financing.term_years", "range"),
        ("assumptions.interest_rate", "rate"),
        ("income[0].member", "member_index"),
    ]


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ([], [("household.members", "list_length")]),
        (
            [{"role": "child", "birth_date": "2018-01-01", "sex": "M"}],
            [("household.members", "one_applicant")],
        ),
        (
            [{"role": "applicant", "birth_date": "1990-01-01", "sex": "M"}] * 2,
            [("household.members", "one_applicant")],
        ),
        (
            [{"role": "applicant", "birth_date": "1990-01-01", "sex": "M"}]
            + [{"role": "co_applicant", "birth_date": "1990-01-01", "sex": "F"}] * 2,
            [("household.members", "one_co_applicant")],
        ),
        (
            [{"role": "applicant", "birth_date": "2027-01-01", "sex": "M"}],
            [("household.members[0].birth_date", "born_after_as_of")],
        ),
        (
            [{"role": "applicant", "birth_date": "1990-01-01"}],
            [("household.members[0].sex", "required")],
        ),
    ],
)
def test_household_rules(members: list[dict[str, Any]], expected: list[tuple[str, str]]) -> None:
    assert errors({"household": {"members": members}}) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ([], [("", "object")]),
        ({}, [("household", "required")]),
        ({**MINIMAL, "net_monthly_income": True}, [("net_monthly_income", "whole_kroner")]),
        ({**MINIMAL, "applying_for": []}, [("applying_for", "list_length")]),
        ({**MINIMAL, "applying_for": ["startlan", "startlan"]}, [("applying_for", "duplicates")]),
        ({**MINIMAL, "pre_approval": "yes"}, [("pre_approval", "boolean")]),
        ({**MINIMAL, "home": []}, [("home", "object")]),
        ({**MINIMAL, "income": {}}, [("income", "list")]),
        ({**MINIMAL, "assets": {"bank": 10**12}}, [("assets.bank", "too_large")]),
        ({**MINIMAL, "assumptions": {"stress_rate": 1.0}}, [("assumptions.stress_rate", "rate")]),
    ],
)
def test_type_errors(data: object, expected: list[tuple[str, str]]) -> None:
    assert errors(data) == expected


def test_integral_floats_are_whole_kroner() -> None:
    facts = parse_facts({**MINIMAL, "net_monthly_income": 30000.0})
    assert facts.net_monthly_income == 30000 and isinstance(facts.net_monthly_income, int)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_every_error_code_has_every_language(lang: str) -> None:
    for code, texts in error_catalogue().items():
        assert texts[lang], code
    out = errors_json([FieldError("x", "choice", (("options", "a, b"),))], lang)
    assert "a, b" in out["errors"][0]["message"]


@pytest.mark.parametrize(
    "text",
    ["", "{", "[1, 2", "NaN", '{"a": Infinity}', "[" * 100_000, '"just a string"', "1e999"],
)
def test_malformed_json_is_an_error_result(text: str) -> None:
    code, out = run(text)
    assert code == 2
    assert isinstance(out["errors"], list) and out["errors"]


def test_run_gives_messages_in_the_language_asked() -> None:
    _, nb = run(json.dumps({"household": {}}), "nb")
    _, en = run(json.dumps({"household": {}}), "en")
    assert nb["errors"][0]["message"] == "Fyll ut dette feltet."
    assert en["errors"][0]["message"] == "Fill in this field."
