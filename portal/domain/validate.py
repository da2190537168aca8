"""Parse JSON-like facts into ``Facts``: defaults per the contract, every error at once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from portal.domain import facts as f
from portal.domain.fields import (
    INVALID,
    MAX_MEMBERS,
    MAX_ROWS,
    REQUIRED,
    Ctx,
    FactsError,
    FieldError,
    Spec,
    boolean,
    choice,
    count,
    iso_date,
    kroner,
    list_of,
    municipality,
    nullable,
    obj,
    rate,
)

__all__ = ["INVALID", "FactsError", "FieldError", "parse_facts"]


_MEMBER = obj(
    {
        "role": (choice(f.ROLES), REQUIRED),
        "birth_date": (iso_date, REQUIRED),
        "sex": (choice(f.SEXES), REQUIRED),
    },
    f.Member,
)
_HOUSEHOLD = obj(
    {
        "marital_status": (choice(f.MARITAL_STATUSES), "single"),
        "members": (list_of(_MEMBER, 1, MAX_MEMBERS), REQUIRED),
        "years_in_municipality": (count(0, 150), 3),
        "housing_now": (choice(f.HOUSING_NOW), "rent_private"),
        "special_needs": (list_of(choice(f.SPECIAL_NEEDS), 0, 3, unique=True), ()),
        "car": (choice(f.CARS), "none"),
        "risk_of_losing_home": (boolean, False),
    },
    f.Household,
)
_INCOME = obj(
    {
        "member": (count(0, MAX_MEMBERS - 1), REQUIRED),
        "kind": (choice(f.INCOME_KINDS), REQUIRED),
        "gross_annual": (kroner, REQUIRED),
        "permanent": (boolean, True),
    },
    f.Income,
)
_DEBT = obj(
    {
        "kind": (choice(f.DEBT_KINDS), REQUIRED),
        "balance": (kroner, REQUIRED),
        "monthly_payment": (kroner, REQUIRED),
        "secured": (boolean, False),
        "refinance": (boolean, False),
    },
    f.Debt,
)
_HOME = obj(
    {
        "price": (kroner, 0),
        "market_value": (kroner, 0),
        "shared_debt": (kroner, 0),
        "ownership": (choice(f.OWNERSHIPS), "freehold"),
        "monthly_costs": (kroner, 0),
    },
    f.Home,
)
_FINANCING_SPEC: Spec = {
    "startlan": (kroner, 0),
    "bank_loan": (kroner, 0),
    "grant": (kroner, 0),
    "equity": (kroner, 0),
    "other": (kroner, 0),
    "term_years": (count(1, 50), 30),
    "repayment": (choice(f.REPAYMENTS), "annuity"),
}
_EXPENSES_SPEC: Spec = {
    key: (kroner, 0) for key in ("childcare", "child_support_paid", "extra_transport", "other")
}
_ASSUMPTIONS_SPEC: Spec = {
    "living_costs_monthly": (nullable(kroner), None),
    "interest_rate": (nullable(rate), None),
    "stress_rate": (nullable(rate), None),
    "fee_per_term": (nullable(kroner), None),
}
_ASSETS_SPEC: Spec = {"bank": (kroner, 0), "other": (kroner, 0)}


def _defaults(spec: Spec, build: Callable[..., Any]) -> Any:
    return build(**{key: default for key, (_, default) in spec.items()})


# Defaults are the values the contract's example shows (ASSESSMENT.md: "omitted keys take the
# defaults shown") — e.g. municipality "4601", years_in_municipality 3, permanent income —
# except amounts, which default to 0, and lists, which default to empty (home: null).
_TOP: Spec = {
    "as_of": (nullable(iso_date), None),
    "municipality": (municipality, "4601"),
    "applying_for": (list_of(choice(f.APPLYING_FOR), 1, 3, unique=True), ("startlan",)),
    "purpose": (choice(f.PURPOSES), "purchase"),
    "pre_approval": (boolean, False),
    "household": (_HOUSEHOLD, REQUIRED),
    "income": (list_of(_INCOME, 0, MAX_ROWS), ()),
    "net_monthly_income": (nullable(kroner), None),
    "assets": (obj(_ASSETS_SPEC, f.Assets), _defaults(_ASSETS_SPEC, f.Assets)),
    "debts": (list_of(_DEBT, 0, MAX_ROWS), ()),
    "home": (nullable(_HOME), None),
    "financing": (obj(_FINANCING_SPEC, f.Financing), _defaults(_FINANCING_SPEC, f.Financing)),
    "expenses_monthly": (
        obj(_EXPENSES_SPEC, f.Expenses),
        _defaults(_EXPENSES_SPEC, f.Expenses),
    ),
    "assumptions": (
        obj(_ASSUMPTIONS_SPEC, f.Assumptions),
        _defaults(_ASSUMPTIONS_SPEC, f.Assumptions),
    ),
}
_FACTS = obj(_TOP, dict)


def parse_facts(data: object, today: date | None = None) -> f.Facts:
    """Parse and validate JSON-like facts; raise ``FactsError`` listing every problem."""
    ctx = Ctx()
    values = _FACTS(ctx, data, "")
    if values is not INVALID:
        values["as_of"] = values["as_of"] or today or date.today()
        _typed_checks(ctx, values)
    elif isinstance(data, dict):
        _cross_checks(ctx, data, _as_of(data, today))
    if ctx.errors:
        raise FactsError(ctx.errors)
    return f.Facts(**values)


def _typed_checks(ctx: Ctx, values: dict[str, Any]) -> None:
    """Checks across fields when every field parsed (the common case, kept fast)."""
    members: tuple[f.Member, ...] = values["household"].members
    _check_roles(ctx, [m.role for m in members])
    for i, member in enumerate(members):
        if member.birth_date > values["as_of"]:
            ctx.fail(f"household.members[{i}].birth_date", "born_after_as_of")
    for i, row in enumerate(values["income"]):
        if row.member >= len(members):
            ctx.fail(f"income[{i}].member", "member_index", max=len(members) - 1)


def _as_of(data: dict[Any, Any], today: date | None) -> date:
    parsed = nullable(iso_date)(Ctx(), data.get("as_of"), "as_of")
    return parsed if isinstance(parsed, date) else today or date.today()


def _rows(data: object, key: str) -> list[Any]:
    rows = data.get(key) if isinstance(data, dict) else None
    return rows if isinstance(rows, list) else []


def _cross_checks(ctx: Ctx, data: dict[Any, Any], as_of: date) -> None:
    """Checks across fields, on whatever parts of the raw data are well-formed."""
    members = [m if isinstance(m, dict) else {} for m in _rows(data.get("household"), "members")]
    _check_roles(ctx, [m.get("role") for m in members])
    for i, member in enumerate(members):
        born = iso_date(Ctx(), member.get("birth_date"), "")
        if isinstance(born, date) and born > as_of:
            ctx.fail(f"household.members[{i}].birth_date", "born_after_as_of")
    if members:
        _check_income(ctx, _rows(data, "income"), len(members))


def _check_roles(ctx: Ctx, roles: list[object]) -> None:
    if not roles or any(r not in f.ROLES for r in roles):
        return
    if roles.count("applicant") != 1:
        ctx.fail("household.members", "one_applicant")
    if roles.count("co_applicant") > 1:
        ctx.fail("household.members", "one_co_applicant")


def _check_income(ctx: Ctx, rows: list[Any], members: int) -> None:
    for i, row in enumerate(rows):
        index = row.get("member") if isinstance(row, dict) else None
        if (
            isinstance(index, int)
            and not isinstance(index, bool)
            and members <= index < MAX_MEMBERS
        ):
            ctx.fail(f"income[{i}].member", "member_index", max=members - 1)
