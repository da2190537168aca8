"""Unit tests of portal.domain: pure functions only — no app, no database, no network.

Facts are built from a small valid base (``base_facts``) and changed per test; ``codes``
assesses them and returns the hint codes.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from portal.domain.assess import Result, assess
from portal.domain.validate import parse_facts

BASE: dict[str, Any] = {
    "as_of": "2026-11-22",
    "municipality": "0301",
    "applying_for": ["startlan"],
    "purpose": "purchase",
    "pre_approval": False,
    "household": {
        "marital_status": "single",
        "members": [{"role": "applicant", "birth_date": "1990-04-01", "sex": "F"}],
        "years_in_municipality": 5,
        "housing_now": "rent_private",
        "special_needs": [],
        "car": "none",
        "risk_of_losing_home": False,
    },
    "income": [{"member": 0, "kind": "wage", "gross_annual": 420000, "permanent": True}],
    "net_monthly_income": 30000,
    "assets": {"bank": 0, "other": 0},
    "debts": [],
    "home": {
        "price": 2000000,
        "market_value": 2000000,
        "shared_debt": 0,
        "ownership": "freehold",
        "monthly_costs": 3000,
    },
    "financing": {
        "startlan": 1500000,
        "bank_loan": 0,
        "grant": 0,
        "equity": 0,
        "other": 0,
        "term_years": 30,
        "repayment": "annuity",
    },
    "expenses_monthly": {"childcare": 0, "child_support_paid": 0, "extra_transport": 0, "other": 0},
    "assumptions": {
        "living_costs_monthly": 15000,
        "interest_rate": 0.0515,
        "stress_rate": 0.065,
        "fee_per_term": 0,
    },
}


@pytest.fixture
def facts() -> dict[str, Any]:
    """A fresh copy of the valid base facts to change in a test."""
    return copy.deepcopy(BASE)


def run_assess(data: dict[str, Any], **kwargs: Any) -> Result:
    """Parse and assess facts given as a dict."""
    return assess(parse_facts(data), **kwargs)


@pytest.fixture
def result() -> Callable[..., Result]:
    """Assess a facts dict and return the Result."""
    return run_assess


@pytest.fixture
def codes() -> Callable[..., set[str]]:
    """Assess a facts dict and return the set of hint codes."""

    def run(data: dict[str, Any], **kwargs: Any) -> set[str]:
        return set(run_assess(data, **kwargs).codes)

    return run
