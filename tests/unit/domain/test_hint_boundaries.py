"""Each hint code at its boundary: just below, at and just above the limit in the contract."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from portal.domain.assess import Result
from portal.domain.money import payment
from portal.domain.rules import load_rules

Facts = dict[str, Any]
Codes = Callable[..., set[str]]
Assess = Callable[..., Result]


def child(birth: str = "2018-02-01") -> dict[str, str]:
    return {"role": "child", "birth_date": birth, "sex": "M"}


# --- blockers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "present"),
    [("2008-11-23", True), ("2008-11-22", False), ("2008-11-21", False), ("2010-01-01", True)],
)
def test_applicant_under_18(facts: Facts, codes: Codes, birth: str, present: bool) -> None:
    facts["household"]["members"][0]["birth_date"] = birth
    assert ("APPLICANT_UNDER_18" in codes(facts)) is present


def test_co_applicant_under_18(facts: Facts, codes: Codes) -> None:
    co = {"role": "co_applicant", "birth_date": "2008-11-23", "sex": "M"}
    facts["household"]["members"].append(co)
    assert "APPLICANT_UNDER_18" in codes(facts)
    co["birth_date"] = "2008-11-22"
    assert "APPLICANT_UNDER_18" not in codes(facts)


@pytest.mark.parametrize(
    ("status", "with_co", "present"),
    [
        ("married", False, True),
        ("cohabitant", False, True),
        ("partner", False, True),
        ("married", True, False),
        ("single", False, False),
        ("separated", False, False),
        ("widowed", False, False),
    ],
)
def test_co_applicant_required(
    facts: Facts, codes: Codes, status: str, with_co: bool, present: bool
) -> None:
    facts["household"]["marital_status"] = status
    if with_co:
        facts["household"]["members"].append(
            {"role": "co_applicant", "birth_date": "1989-01-01", "sex": "M"}
        )
    assert ("CO_APPLICANT_REQUIRED" in codes(facts)) is present


@pytest.mark.parametrize(
    ("purpose", "housing", "present"),
    [
        ("refinance", "rent_private", True),
        ("refinance", "own", False),
        ("purchase", "rent_private", False),
    ],
)
def test_refinance_not_owner(
    facts: Facts, codes: Codes, purpose: str, housing: str, present: bool
) -> None:
    facts["purpose"], facts["household"]["housing_now"] = purpose, housing
    assert ("REFINANCE_NOT_OWNER" in codes(facts)) is present


@pytest.mark.parametrize(
    ("loans", "present"), [(2_049_999, False), (2_050_000, False), (2_050_001, True)]
)
def test_loan_exceeds_value_freehold_purchase_with_document_duty(
    facts: Facts, codes: Codes, loans: int, present: bool
) -> None:
    facts["financing"]["startlan"], facts["financing"]["bank_loan"] = loans - 50_000, 50_000
    assert ("LOAN_EXCEEDS_VALUE" in codes(facts)) is present


@pytest.mark.parametrize(
    ("ownership", "purpose", "loan", "present"),
    [
        ("cooperative", "purchase", 2_000_000, False),
        ("cooperative", "purchase", 2_000_001, True),
        ("freehold", "takeover", 2_000_001, True),
        ("freehold", "build", 2_000_000, False),
    ],
)
def test_loan_exceeds_value_without_duty(
    facts: Facts, codes: Codes, ownership: str, purpose: str, loan: int, present: bool
) -> None:
    facts["home"]["ownership"], facts["purpose"] = ownership, purpose
    facts["financing"]["startlan"] = loan
    assert ("LOAN_EXCEEDS_VALUE" in codes(facts)) is present


@pytest.mark.parametrize("purpose", ["refinance", "improve"])
@pytest.mark.parametrize(
    ("loan", "present"), [(1_799_999, False), (1_800_000, False), (1_800_001, True)]
)
def test_loan_exceeds_value_uses_market_value(
    facts: Facts, codes: Codes, purpose: str, loan: int, present: bool
) -> None:
    facts["purpose"], facts["household"]["housing_now"] = purpose, "own"
    facts["home"].update(price=5_000_000, market_value=1_800_000)
    facts["financing"]["startlan"] = loan
    assert ("LOAN_EXCEEDS_VALUE" in codes(facts)) is present


def test_loan_exceeds_value_not_for_pre_approval(facts: Facts, codes: Codes) -> None:
    facts["pre_approval"], facts["home"] = True, {"monthly_costs": 3000}
    facts["financing"]["startlan"] = 9_000_000
    assert "LOAN_EXCEEDS_VALUE" not in codes(facts)


# --- warnings -----------------------------------------------------------------------------


def _max_loan(facts: Facts, result: Assess) -> int:
    return result(facts).numbers.max_loan


@pytest.mark.parametrize(("delta", "present"), [(-1, False), (0, False), (1, True)])
def test_cannot_service(
    facts: Facts, codes: Codes, result: Assess, delta: int, present: bool
) -> None:
    facts["financing"]["startlan"] = _max_loan(facts, result) + delta
    assert ("CANNOT_SERVICE" in codes(facts)) is present


@pytest.mark.parametrize(
    ("secured", "refinance", "purpose", "present"),
    [
        (False, False, "refinance", True),
        (False, True, "refinance", False),
        (True, False, "refinance", False),
        (False, False, "purchase", False),
    ],
)
def test_refinance_all_unsecured(
    facts: Facts, codes: Codes, secured: bool, refinance: bool, purpose: str, present: bool
) -> None:
    facts["purpose"], facts["household"]["housing_now"] = purpose, "own"
    facts["debts"] = [
        {"kind": "consumer", "balance": 50_000, "monthly_payment": 1_000,
         "secured": secured, "refinance": refinance},
    ]  # fmt: skip
    assert ("REFINANCE_ALL_UNSECURED" in codes(facts)) is present


def _bank_facts(facts: Facts) -> Facts:
    """Facts where all three bank conditions hold with room to spare."""
    facts["income"][0]["gross_annual"] = 1_000_000
    facts["financing"].update(startlan=500_000, bank_loan=1_300_000, equity=200_000)
    facts["net_monthly_income"] = 60_000
    return facts


def test_bank_first_when_all_three_hold(facts: Facts, codes: Codes) -> None:
    assert "BANK_FIRST" in codes(_bank_facts(facts))


@pytest.mark.parametrize(
    ("other_debt", "present"), [(3_199_999, True), (3_200_000, True), (3_200_001, False)]
)
def test_bank_first_debt_multiple(
    facts: Facts, codes: Codes, other_debt: int, present: bool
) -> None:
    _bank_facts(facts)  # loans 1 800 000; 5 × 1 000 000 − debt must stay ≥ loans
    facts["debts"] = [
        {"kind": "student", "balance": other_debt, "monthly_payment": 0, "secured": False,
         "refinance": False},
        {"kind": "consumer", "balance": 9_000_000, "monthly_payment": 0, "secured": False,
         "refinance": True},
    ]  # fmt: skip
    assert ("BANK_FIRST" in codes(facts)) is present


@pytest.mark.parametrize(
    ("equity", "present"), [(199_999, False), (200_000, True), (200_001, True)]
)
def test_bank_first_equity_share(facts: Facts, codes: Codes, equity: int, present: bool) -> None:
    _bank_facts(facts)["financing"]["equity"] = equity  # 10 % of the price 2 000 000
    assert ("BANK_FIRST" in codes(facts)) is present


@pytest.mark.parametrize(("equity", "present"), [(199_999, False), (200_000, True)])
def test_bank_first_equity_share_pre_approval(
    facts: Facts, codes: Codes, equity: int, present: bool
) -> None:
    # Pre-approval: equity ≥ 10 % of (startlån + bank loan + equity) = 10 % of 1 800 000 + E,
    # which holds from E = 200 000.
    _bank_facts(facts)
    facts["pre_approval"], facts["home"] = True, None
    facts["financing"]["equity"] = equity
    assert ("BANK_FIRST" in codes(facts)) is present


def test_bank_first_payment_at_plus_three_points(facts: Facts, codes: Codes) -> None:
    _bank_facts(facts)
    pay = payment(1_800_000, 0.0515 + 0.03, 30, "annuity")
    # disposable = net − living 15 000 − home 3 000; choose net so disposable brackets pay
    facts["net_monthly_income"] = 18_000 + int(pay) + 1
    assert "BANK_FIRST" in codes(facts)
    facts["net_monthly_income"] = 18_000 + int(pay)
    assert "BANK_FIRST" not in codes(facts)


@pytest.mark.parametrize(
    ("debt", "present"), [(1_999_999, False), (2_000_000, False), (2_000_001, True)]
)
def test_refinance_debt_exceeds_value(facts: Facts, codes: Codes, debt: int, present: bool) -> None:
    facts["purpose"], facts["household"]["housing_now"] = "refinance", "own"
    facts["debts"] = [
        {"kind": "mortgage", "balance": debt - 1, "monthly_payment": 0, "secured": True,
         "refinance": True},
        {"kind": "car", "balance": 1, "monthly_payment": 0, "secured": True, "refinance": False},
    ]  # fmt: skip
    assert ("REFINANCE_DEBT_EXCEEDS_VALUE" in codes(facts)) is present


@pytest.mark.parametrize(
    ("income", "present"),
    [
        ([], True),
        ([("social_assistance", True)], True),
        ([("wage", False), ("social_assistance", True)], True),
        ([("wage", True)], False),
        ([("child_benefit", True)], False),
        ([("social_assistance", False), ("pension", True)], False),
    ],
)
def test_unstable_income(
    facts: Facts, codes: Codes, income: list[tuple[str, bool]], present: bool
) -> None:
    facts["income"] = [
        {"member": 0, "kind": kind, "gross_annual": 100_000, "permanent": permanent}
        for kind, permanent in income
    ]
    assert ("UNSTABLE_INCOME" in codes(facts)) is present


@pytest.mark.parametrize(("extra", "present"), [(-1, False), (0, False), (1, True)])
def test_equity_must_be_used_bergen_one_g(
    facts: Facts, codes: Codes, extra: int, present: bool
) -> None:
    facts["municipality"] = "4601"
    facts["financing"]["equity"] = 50_000
    facts["assets"]["bank"] = 50_000 + 130_160 + extra  # G from 2025-05-01
    assert ("EQUITY_MUST_BE_USED" in codes(facts)) is present


def test_equity_must_be_used_follows_g_by_date(facts: Facts, codes: Codes) -> None:
    facts["municipality"], facts["as_of"] = "4601", "2024-12-01"
    facts["assets"]["bank"] = 124_028 + 1
    assert "EQUITY_MUST_BE_USED" in codes(facts)
    facts["assets"]["bank"] = 124_028
    assert "EQUITY_MUST_BE_USED" not in codes(facts)


def test_equity_rule_is_municipal(facts: Facts, codes: Codes) -> None:
    facts["assets"]["bank"] = 5_000_000
    assert "EQUITY_MUST_BE_USED" not in codes(facts)


@pytest.mark.parametrize(
    ("municipality", "years", "present"),
    [
        ("3418", 1, True),
        ("3418", 2, False),
        ("3418", 3, False),
        ("3418", 0, True),
        ("0301", 0, False),
    ],
)
def test_residence_too_short(
    facts: Facts, codes: Codes, municipality: str, years: int, present: bool
) -> None:
    facts["municipality"] = municipality
    facts["household"]["years_in_municipality"] = years
    assert ("RESIDENCE_TOO_SHORT" in codes(facts)) is present


@pytest.fixture
def limit_rules(tmp_path: Path) -> Path:
    """A rules folder with an income limit for municipality 9999 (none is known in real data)."""
    source = Path(__file__).resolve().parents[3] / "portal" / "data" / "rules" / "national.toml"
    (tmp_path / "national.toml").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "9999.toml").write_text(
        'name = "Test"\nguideline = "Test"\n[income_limits]\nrule = "Test § 1"\n'
        "by_size = [{ size_from = 1, income = 500000 }, { size_from = 2, income = 600000 }]\n",
        encoding="utf-8",
    )
    return tmp_path


@pytest.mark.parametrize(
    ("gross", "adults", "present"),
    [
        (499_999, 1, False),
        (500_000, 1, False),
        (500_001, 1, True),
        (600_000, 2, False),
        (600_001, 2, True),
    ],
)
def test_income_above_limit(
    facts: Facts, codes: Codes, limit_rules: Path, gross: int, adults: int, present: bool
) -> None:
    facts["municipality"] = "9999"
    facts["income"][0]["gross_annual"] = gross
    if adults == 2:
        facts["household"]["members"].append(child())
    assert ("INCOME_ABOVE_LIMIT" in codes(facts, rules=load_rules(limit_rules))) is present


def test_income_limit_not_in_shipped_rules(facts: Facts, codes: Codes) -> None:
    facts["income"][0]["gross_annual"] = 100_000_000
    for municipality in ("4601", "3418", "0301"):
        facts["municipality"] = municipality
        assert "INCOME_ABOVE_LIMIT" not in codes(facts)


@pytest.mark.parametrize(
    ("loan", "present"), [(2_499_999, False), (2_500_000, False), (2_500_001, True)]
)
def test_price_above_cap_loan_bergen(facts: Facts, codes: Codes, loan: int, present: bool) -> None:
    facts["municipality"], facts["pre_approval"], facts["home"] = "4601", True, None
    facts["financing"]["startlan"] = loan
    assert ("PRICE_ABOVE_CAP" in codes(facts)) is present


@pytest.mark.parametrize(
    ("shared", "present"), [(749_999, False), (750_000, False), (750_001, True)]
)
def test_price_above_cap_price_with_common_debt(
    facts: Facts, codes: Codes, shared: int, present: bool
) -> None:
    facts["municipality"] = "4601"
    facts["home"].update(ownership="cooperative", shared_debt=shared)
    assert ("PRICE_ABOVE_CAP" in codes(facts)) is present
    facts["municipality"] = "0301"
    assert "PRICE_ABOVE_CAP" not in codes(facts)


# --- information ----------------------------------------------------------------------------


def test_exception_children(facts: Facts, codes: Codes) -> None:
    assert "EXCEPTION_CHILDREN" not in codes(facts)
    facts["household"]["members"].append(child())
    assert "EXCEPTION_CHILDREN" in codes(facts)


@pytest.mark.parametrize(
    ("needs", "present"), [([], False), (["social"], True), (["health", "disability"], True)]
)
def test_exception_special_needs(
    facts: Facts, codes: Codes, needs: list[str], present: bool
) -> None:
    facts["household"]["special_needs"] = needs
    assert ("EXCEPTION_SPECIAL_NEEDS" in codes(facts)) is present


@pytest.mark.parametrize(
    ("purpose", "risk", "present"),
    [("refinance", True, True), ("refinance", False, False), ("purchase", True, False)],
)
def test_exception_refinance(
    facts: Facts, codes: Codes, purpose: str, risk: bool, present: bool
) -> None:
    facts["purpose"], facts["household"]["housing_now"] = purpose, "own"
    facts["household"]["risk_of_losing_home"] = risk
    assert ("EXCEPTION_REFINANCE" in codes(facts)) is present


def test_term_50_may_apply_boundaries(facts: Facts, codes: Codes, result: Assess) -> None:
    facts["household"]["members"].append(child())
    facts["home"].update(price=9_000_000, market_value=9_000_000)
    numbers = result(facts).numbers
    cases = [
        (numbers.max_loan, False),
        (numbers.max_loan + 1, True),
        (numbers.max_loan_50, True),
        (numbers.max_loan_50 + 1, False),
    ]
    for startlan, present in cases:
        facts["financing"]["startlan"] = startlan
        assert ("TERM_50_MAY_APPLY" in codes(facts)) is present, startlan


@pytest.mark.parametrize(
    ("term", "with_child", "risk", "present"),
    [
        (30, True, False, True),
        (31, True, False, False),
        (20, False, True, True),
        (30, False, False, False),
    ],
)
def test_term_50_may_apply_conditions(
    facts: Facts,
    codes: Codes,
    result: Assess,
    term: int,
    with_child: bool,
    risk: bool,
    present: bool,
) -> None:
    facts["financing"]["term_years"] = term
    if with_child:
        facts["household"]["members"].append(child())
    facts["household"]["risk_of_losing_home"] = risk
    numbers = result(facts).numbers
    facts["financing"]["startlan"] = numbers.max_loan + 1000
    assert ("TERM_50_MAY_APPLY" in codes(facts)) is present


@pytest.mark.parametrize(("gap_delta", "present"), [(-1, True), (0, True), (1, False)])
def test_grant_may_apply(
    facts: Facts, codes: Codes, result: Assess, gap_delta: int, present: bool
) -> None:
    max_loan = result(facts).numbers.max_loan
    price = 4_000_000
    facts["home"].update(price=price, market_value=price)
    facts["financing"]["startlan"] = max_loan + price // 4 + gap_delta
    assert ("GRANT_MAY_APPLY" in codes(facts)) is present


def test_grant_may_apply_needs_some_serviceable_loan(facts: Facts, codes: Codes) -> None:
    facts["net_monthly_income"] = 10_000  # nothing left: max_loan 0
    facts["financing"]["startlan"] = 1000
    assert "GRANT_MAY_APPLY" not in codes(facts)


@pytest.mark.parametrize(("extra", "present"), [(0, True), (1, False)])
def test_grant_may_apply_pre_approval_uses_startlan(
    facts: Facts, codes: Codes, result: Assess, extra: int, present: bool
) -> None:
    # Without a price the gap is measured against the startlån: gap ≤ S/4 ⇔ S ≤ 4/3 × max_loan.
    facts["pre_approval"], facts["home"] = True, None
    max_loan = result(facts).numbers.max_loan
    facts["financing"]["startlan"] = max_loan * 4 // 3 + extra
    assert ("GRANT_MAY_APPLY" in codes(facts)) is present


@pytest.mark.parametrize(
    ("municipality", "with_child", "housing", "present"),
    [
        ("3418", True, "rent_private", True),
        ("3418", False, "rent_municipal", True),
        ("3418", False, "rent_private", False),
        ("4601", True, "rent_municipal", False),
    ],
)
def test_priority_group(
    facts: Facts, codes: Codes, municipality: str, with_child: bool, housing: str, present: bool
) -> None:
    facts["municipality"], facts["household"]["housing_now"] = municipality, housing
    if with_child:
        facts["household"]["members"].append(child())
    assert ("PRIORITY_GROUP" in codes(facts)) is present


@pytest.mark.parametrize(
    ("applying", "purpose", "needs", "present"),
    [
        (["tilskudd_tilpasning"], "purchase", [], True),
        (["startlan"], "improve", ["disability"], True),
        (["startlan"], "improve", ["health"], False),
        (["startlan", "tilskudd_etablering"], "purchase", ["disability"], False),
    ],
)
def test_ot_statement_required(
    facts: Facts, codes: Codes, applying: list[str], purpose: str, needs: list[str], present: bool
) -> None:
    facts["applying_for"], facts["purpose"] = applying, purpose
    facts["household"]["special_needs"] = needs
    assert ("OT_STATEMENT_REQUIRED" in codes(facts)) is present


@pytest.mark.parametrize(("term", "present"), [(29, False), (30, False), (31, True), (50, True)])
def test_term_over_30(facts: Facts, codes: Codes, term: int, present: bool) -> None:
    facts["financing"]["term_years"] = term
    assert ("TERM_OVER_30" in codes(facts)) is present


@pytest.mark.parametrize(
    ("municipality", "amount", "present"),
    [("3418", 1, True), ("3418", 0, False), ("0301", 5000, False)],
)
def test_income_not_counted(
    facts: Facts, codes: Codes, municipality: str, amount: int, present: bool
) -> None:
    facts["municipality"] = municipality
    facts["income"].append(
        {"member": 0, "kind": "social_assistance", "gross_annual": amount, "permanent": False}
    )
    assert ("INCOME_NOT_COUNTED" in codes(facts)) is present
