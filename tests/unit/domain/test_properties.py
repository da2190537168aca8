"""Properties that must hold for any facts (hypothesis)."""

from __future__ import annotations

import contextlib
import copy
import json
import math
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.domain import money, tax
from portal.domain.assess import assess, run
from portal.domain.figures import figures_on
from portal.domain.validate import FactsError, parse_facts

CASE = Path(__file__).resolve().parents[2] / "data" / "cases" / "p1-single-parent-bergen.json"
BASE: dict[str, Any] = json.loads(CASE.read_text(encoding="utf-8"))["facts"]
FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def money_facts(draw: st.DrawFn) -> dict[str, Any]:
    """Valid facts with the numbers that drive max_loan drawn at random."""
    f = copy.deepcopy(BASE)
    f["net_monthly_income"] = draw(st.integers(0, 150_000))
    f["home"]["monthly_costs"] = draw(st.integers(0, 15_000))
    f["expenses_monthly"]["other"] = draw(st.integers(0, 10_000))
    f["debts"][0]["monthly_payment"] = draw(st.integers(0, 10_000))
    f["debts"][0]["refinance"] = draw(st.booleans())
    fin = f["financing"]
    fin["term_years"] = draw(st.integers(1, 50))
    fin["repayment"] = draw(st.sampled_from(["annuity", "serial"]))
    fin["bank_loan"] = draw(st.integers(0, 3_000_000))
    a = f["assumptions"]
    a["living_costs_monthly"] = draw(st.one_of(st.none(), st.integers(0, 60_000)))
    a["stress_rate"] = draw(st.one_of(st.none(), st.just(0.0), st.floats(0.0001, 0.3)))
    a["interest_rate"] = draw(st.one_of(st.none(), st.floats(0.0, 0.3)))
    a["fee_per_term"] = draw(st.one_of(st.none(), st.integers(0, 500)))
    return f


def numbers(f: dict[str, Any]) -> Any:
    return assess(parse_facts(f)).numbers


@FAST
@given(money_facts(), st.integers(1, 50_000))
def test_more_net_income_never_lowers_max_loan(f: dict[str, Any], more: int) -> None:
    before = numbers(f).max_loan
    f["net_monthly_income"] += more
    assert numbers(f).max_loan >= before


@FAST
@given(money_facts(), st.integers(1, 50_000))
def test_higher_living_costs_never_raise_max_loan(f: dict[str, Any], more: int) -> None:
    before = numbers(f)
    f["assumptions"]["living_costs_monthly"] = before.living_costs_monthly + more
    assert numbers(f).max_loan <= before.max_loan


@FAST
@given(money_facts())
def test_payment_of_max_loan_at_stress_rate_fits_what_is_left(f: dict[str, Any]) -> None:
    result = assess(parse_facts(f))
    n, fin, used = result.numbers, parse_facts(f).financing, result.figures
    stress, fee = used["stress_rate"], used["fee_per_term"]
    assert isinstance(stress, float) and isinstance(fee, int)
    pay = money.payment(n.max_loan, stress, fin.term_years, fin.repayment)
    bank = money.payment(fin.bank_loan, stress, fin.term_years, fin.repayment)
    assert n.max_loan >= 0 and n.max_loan % 1000 == 0
    if n.max_loan:
        assert pay <= n.available_monthly * (1 + 1e-12)
        assert pay + bank + fee <= n.disposable_monthly * (1 + 1e-12)
        assert money.payment(n.max_loan + 1000, stress, fin.term_years, fin.repayment) > (
            n.available_monthly
        )


@FAST
@given(
    st.integers(0, 3_000_000),
    st.integers(1, 500_000),
    st.sampled_from(["wage", "pension", "other"]),
)
def test_more_gross_income_never_lowers_estimated_net(gross: int, more: int, kind: str) -> None:
    table = tax.table_for(figures_on(parse_facts(BASE).as_of).version("tax"))
    low = tax.net_monthly(table, tax.split_income(table, [(0, kind, gross)]))
    high = tax.net_monthly(table, tax.split_income(table, [(0, kind, gross + more)]))
    assert high >= low


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**15), 10**15) | st.floats() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _paths(item, (*prefix, i))
    return found


PATHS = _paths(BASE)


@st.composite
def mutated_facts(draw: st.DrawFn) -> Any:
    """Valid facts with a few fields replaced by garbage, deleted, or unknown keys added."""
    f = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(PATHS))
        parent = f
        for step in path[:-1]:
            if not isinstance(parent, dict | list):
                break
            try:
                parent = parent[step]
            except (KeyError, IndexError, TypeError):
                break
        else:
            action = draw(st.sampled_from(["replace", "delete", "add"]))
            if isinstance(parent, dict) and action == "delete":
                parent.pop(path[-1], None)
            elif isinstance(parent, dict) and action == "add":
                parent[draw(st.text(max_size=6))] = draw(JSON)
            elif isinstance(parent, dict | list):
                with contextlib.suppress(IndexError, TypeError):
                    parent[path[-1]] = draw(JSON)
    return f


def _check_run(data: Any) -> None:
    code, out = run(json.dumps(data))
    if code == 2:
        assert set(out) == {"errors"} and out["errors"]
        for error in out["errors"]:
            assert isinstance(error["field"], str)
            assert isinstance(error["message"], str) and error["message"]
    else:
        assert code == 0 and isinstance(out["max_loan"], int) and out["max_loan"] >= 0
        json.dumps(out, allow_nan=False)


@settings(max_examples=150, deadline=None)
@given(mutated_facts())
def test_garbage_in_facts_gives_the_error_result(data: Any) -> None:
    _check_run(data)
    try:
        parse_facts(data)
    except FactsError as error:
        assert error.errors


@settings(max_examples=80, deadline=None)
@given(JSON)
def test_arbitrary_json_gives_the_error_result(data: Any) -> None:
    _check_run(data)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=60))
def test_arbitrary_text_gives_the_error_result(text: str) -> None:
    code, out = run(text)
    assert code in (0, 2) and (code == 0 or out["errors"])


def test_results_never_hold_nan() -> None:
    f = copy.deepcopy(BASE)
    f["assumptions"].update(stress_rate=0.0, interest_rate=0.0)
    out = assess(parse_facts(f)).to_dict()
    assert not any(isinstance(v, float) and math.isnan(v) for v in out.values())
