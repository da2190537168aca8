"""The answers → facts mapping (portal.domain.application_facts): pure, no app, no database.

Answers are written in the shapes the step modules document; every result must pass the
engine's own validation (portal.domain.validate.parse_facts).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from portal.domain.application_facts import (
    Person,
    budget_changes,
    build_facts,
    document_duty,
    person_from_fnr,
    sifo_lines,
)
from portal.domain.assess import assess
from portal.domain.validate import parse_facts

ON = date(2026, 11, 22)
INGRID = Person(date(1988, 3, 14))


def form(values: dict[str, Any]) -> dict[str, Any]:
    return {"values": values, "raw": {}, "complete": True}


def items(*values: dict[str, Any]) -> dict[str, Any]:
    return {"items": [{"id": f"i{n}", "values": v} for n, v in enumerate(values)], "complete": True}


SINGLE_PARENT: dict[str, Any] = {
    "om-soknaden": form(
        {
            "municipality": "4601",
            "applying_for": ["startlan"],
            "purpose": "purchase",
            "pre_approval": "no",
        }
    ),
    "sokere": form({"marital_status": "single"}),
    "husstand": form(
        {
            "housing_now": "rent_private",
            "years_in_municipality": 6,
            "car": "none",
            "risk_of_losing_home": False,
        }
    ),
    "husstandsmedlemmer": items(
        {"role": "child", "name": "Emma", "birth_date": "2017-09-02", "sex": "F"}
    ),
    "inntekt": items(
        {"member_ref": "applicant", "kind": "wage", "gross_annual": 520000, "permanent": True},
        {"member_ref": "i0", "kind": "child_benefit", "gross_annual": 23616, "permanent": True},
    ),
    "formue": form({"bank": 40000, "property_value": 0, "other_amount": 5000, "has_debts": "no"}),
    "bolig": form(
        {
            "price": 2300000,
            "market_value": 2350000,
            "ownership": "freehold",
            "shared_debt": None,
            "common_costs": 2000,
            "municipal_fees": 700,
            "insurance": 300,
            "maintenance": 200,
        }
    ),
    "finansiering": form(
        {
            "startlan": 2300000,
            "bank_loan": None,
            "grant": None,
            "equity": 40000,
            "own_work": None,
            "other_financing": None,
            "fees": 3517,
            "term_years": 30,
            "repayment": "annuity",
        }
    ),
    "budsjett": form({"applicant_sex": "F", "childcare": 1500, "food": None}),
    "saerlige-forhold": form({"needs": ["social"], "details": "", "health_consent": False}),
}


def facts(answers: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    return build_facts(answers, applicant=kwargs.pop("applicant", INGRID), as_of=ON, **kwargs)


def test_single_parent_purchase_gives_valid_facts_the_engine_can_assess() -> None:
    result = facts(SINGLE_PARENT)
    parsed = parse_facts(result)
    assert result["municipality"] == "4601"
    assert result["household"]["members"] == [
        {"role": "applicant", "birth_date": "1988-03-14", "sex": "F"},
        {"role": "child", "birth_date": "2017-09-02", "sex": "F"},
    ]
    assert result["household"]["special_needs"] == ["social"]
    assert [(i["member"], i["kind"]) for i in result["income"]] == [
        (0, "wage"),
        (1, "child_benefit"),
    ]
    assert result["assets"] == {"bank": 40000, "other": 5000}
    assert result["home"] == {
        "price": 2300000,
        "market_value": 2350000,
        "shared_debt": 0,
        "ownership": "freehold",
        "monthly_costs": 3200,
    }
    assert result["financing"] == {
        "startlan": 2300000,
        "equity": 40000,
        "term_years": 30,
        "repayment": "annuity",
    }
    assert result["expenses_monthly"]["childcare"] == 1500
    assert result["net_monthly_income"] is None and "assumptions" not in result
    codes = assess(parsed).codes
    assert "EXCEPTION_CHILDREN" in codes and "EXCEPTION_SPECIAL_NEEDS" in codes


def test_partial_answers_give_valid_partial_facts() -> None:
    about = {"om-soknaden": SINGLE_PARENT["om-soknaden"]}
    result = facts(about)
    parse_facts(result)
    assert result["home"] is None and result["income"] == [] and result["financing"] == {}
    assert result["household"]["members"][0]["sex"] == "M"  # the larger budget until asked


def test_typed_text_from_continue_later_is_read() -> None:
    answers = {
        **SINGLE_PARENT,
        "bolig": {
            "raw": {
                "price": ["2 300 000 kr"],
                "ownership": ["cooperative"],
                "shared_debt": ["150.000"],
            },
            "complete": False,
        },
        "finansiering": {"raw": {"startlan": ["1 900 000"], "term_years": ["x"]}},
    }
    result = facts(answers)
    parse_facts(result)
    assert result["home"]["price"] == 2300000 and result["home"]["shared_debt"] == 150000
    assert result["financing"] == {"startlan": 1900000}


def test_pre_approval_has_only_the_expected_costs_of_a_home() -> None:
    about = form({**SINGLE_PARENT["om-soknaden"]["values"], "pre_approval": "yes"})
    budget = form({"common_costs": 2500, "common_costs_suggested": "0"})
    result = facts({**SINGLE_PARENT, "om-soknaden": about, "budsjett": budget})
    parse_facts(result)
    assert result["pre_approval"] is True
    assert result["home"] == {"monthly_costs": 2500}


def test_bank_loan_choice_is_not_a_contract_value() -> None:
    about = form({**SINGLE_PARENT["om-soknaden"]["values"], "applying_for": ["bank_loan"]})
    result = facts({**SINGLE_PARENT, "om-soknaden": about})
    assert result["applying_for"] == ["startlan"]


def test_changed_budget_lines_replace_sifo_lines_and_are_listed() -> None:
    plain = facts(SINGLE_PARENT)
    lines = sifo_lines(parse_facts(plain))
    budget = form(
        {
            "applicant_sex": "F",
            "food": 9000,
            "food_suggested": str(lines["food"]),
            "clothing": lines["clothing"],
            "clothing_suggested": str(lines["clothing"]),
            "net_monthly_income": 30000,
            "net_monthly_income_suggested": "33000",
        }
    )
    answers = {**SINGLE_PARENT, "budsjett": budget}
    result = facts(answers)
    parse_facts(result)
    expected = sum(lines.values()) - lines["food"] + 9000
    assert result["assumptions"] == {"living_costs_monthly": expected}
    assert result["net_monthly_income"] == 30000
    assert budget_changes(answers) == {
        "food": {"value": 9000, "suggested": lines["food"]},
        "net_monthly_income": {"value": 30000, "suggested": 33000},
    }


def test_changed_home_cost_on_the_budget_page_wins_over_the_home_page() -> None:
    budget = form(
        {
            "common_costs": 2600,
            "common_costs_suggested": "2000",
            "insurance": 300,
            "insurance_suggested": "300",
        }
    )
    result = facts({**SINGLE_PARENT, "budsjett": budget})
    assert result["home"]["monthly_costs"] == 3200 + 600


def test_co_applicant_only_for_couples_and_incomes_follow_members() -> None:
    co = Person(date(1990, 5, 1))
    couple = {**SINGLE_PARENT, "sokere": form({"marital_status": "cohabitant"})}
    income = items(
        {"member_ref": "co_applicant", "kind": "wage", "gross_annual": 300000, "permanent": False},
        {"member_ref": "removed-member", "kind": "wage", "gross_annual": 1, "permanent": True},
    )
    result = facts({**couple, "inntekt": income}, co_applicant=co)
    parse_facts(result)
    assert [m["role"] for m in result["household"]["members"]] == [
        "applicant",
        "co_applicant",
        "child",
    ]
    assert result["income"] == [
        {"member": 1, "kind": "wage", "gross_annual": 300000, "permanent": False}
    ]
    single = facts({**SINGLE_PARENT, "inntekt": income}, co_applicant=co)
    assert len(single["household"]["members"]) == 2 and single["income"] == []


def test_debts_only_when_the_debt_step_applies() -> None:
    debt = items(
        {
            "kind": "consumer",
            "balance": 80000,
            "monthly_payment": 2400,
            "secured": False,
            "refinance": True,
        }
    )
    assert facts({**SINGLE_PARENT, "gjeld": debt})["debts"] == []
    assets = form({**SINGLE_PARENT["formue"]["values"], "has_debts": "yes"})
    found = facts({**SINGLE_PARENT, "gjeld": debt, "formue": assets})["debts"]
    assert found == [
        {
            "kind": "consumer",
            "balance": 80000,
            "monthly_payment": 2400,
            "secured": False,
            "refinance": False,
        }
    ]


@pytest.mark.parametrize(
    ("purpose", "ownership", "duty"),
    [("purchase", "freehold", 57500), ("purchase", "cooperative", 0), ("refinance", "freehold", 0)],
)
def test_document_duty_only_when_buying_a_freehold_home(
    purpose: str, ownership: str, duty: int
) -> None:
    assert document_duty(purpose, ownership, 2300000, ON) == duty


def test_birth_date_comes_from_the_fodselsnummer() -> None:
    person = person_from_fnr("14838812342")  # synthetic test number (month + 80)
    assert person is not None and person.birth_date == date(1988, 3, 14)
    assert person_from_fnr("12345678901") is None and person_from_fnr(None) is None
