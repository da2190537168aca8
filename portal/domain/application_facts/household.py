"""The household and its economy: members, incomes, debts and assets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from portal.domain import fnr
from portal.domain.application_facts.read import day, items, kroner, many, yes
from portal.domain.facts import DEBT_KINDS, HOUSING_NOW, INCOME_KINDS
from portal.domain.wizard import COUPLE_STATUSES, Answers, value

# Until the budget page is answered, the larger adult budget is used so that an estimate is
# never too optimistic (SIFO's lines for men are the larger in every adult age band).
UNKNOWN_SEX = "M"
SEX_SLUG = "budsjett"  # where the applicants' sex is asked (ID-porten does not give it)


@dataclass(frozen=True, slots=True)
class Person:
    """What the login tells about an applicant: the birth date (None: not encoded)."""

    birth_date: date | None
    sex: str | None = None  # F or M when known from elsewhere; the budget page's answer wins


def person_from_fnr(number: str | None) -> Person | None:
    """The person a fødselsnummer or D-number describes (numbers were checked when given)."""
    identity = fnr.parse(number, allow_synthetic=True) if number else None
    return None if identity is None or isinstance(identity, str) else Person(identity.birth_date)


def _member(role: str, born: date | None, sex: str, on: date) -> dict[str, str]:
    # A number that does not tell the birth date (2032 rule): an adult in the main age band.
    birth = born or date(on.year - 30, on.month, 1)
    return {"role": role, "birth_date": birth.isoformat(), "sex": sex}


def _sex(answers: Answers, field: str, person: Person) -> str:
    chosen = value(answers, SEX_SLUG, field)
    return str(chosen) if chosen in ("F", "M") else person.sex or UNKNOWN_SEX


def members(
    answers: Answers, applicant: Person, co_applicant: Person | None, on: date
) -> tuple[list[dict[str, str]], dict[str, int]]:
    """The household's members, and the index of each member_ref (incomes point at them)."""
    sex = _sex(answers, "applicant_sex", applicant)
    rows = [_member("applicant", applicant.birth_date, sex, on)]
    index = {"applicant": 0}
    if co_applicant is not None and value(answers, "sokere", "marital_status") in COUPLE_STATUSES:
        index["co_applicant"] = len(rows)
        sex = _sex(answers, "co_applicant_sex", co_applicant)
        rows.append(_member("co_applicant", co_applicant.birth_date, sex, on))
    for item in items(answers, "husstandsmedlemmer"):
        born = day(item.get("birth_date"))
        if born is not None and born <= on:
            role = "other_adult" if item.get("role") == "other_adult" else "child"
            sex = str(item["sex"]) if item.get("sex") in ("F", "M") else UNKNOWN_SEX
            index[str(item["id"])] = len(rows)
            rows.append(_member(role, born, sex, on))
    return rows, index


def household(
    answers: Answers, applicant: Person, co_applicant: Person | None, on: date
) -> tuple[dict[str, Any], dict[str, int]]:
    """The contract's household block, and the member index for incomes."""
    rows, index = members(answers, applicant, co_applicant, on)
    block: dict[str, Any] = {"members": rows, "special_needs": special_needs(answers)}
    marital = value(answers, "sokere", "marital_status")
    if marital in (*COUPLE_STATUSES, "single", "separated", "widowed"):
        block["marital_status"] = marital
    years = kroner(value(answers, "husstand", "years_in_municipality"))
    if years is not None and years <= 150:
        block["years_in_municipality"] = years
    for key, allowed in (("housing_now", HOUSING_NOW), ("car", ("none", "petrol", "electric"))):
        if value(answers, "husstand", key) in allowed:
            block[key] = value(answers, "husstand", key)
    block["risk_of_losing_home"] = yes(value(answers, "husstand", "risk_of_losing_home"))
    return block, index


def special_needs(answers: Answers) -> list[str]:
    """Needs from «Særlige forhold» (that page stores health needs only with consent)."""
    chosen = many(value(answers, "saerlige-forhold", "needs"))
    return [need for need in ("disability", "health", "social") if need in chosen]


def incomes(answers: Answers, index: Mapping[str, int]) -> list[dict[str, Any]]:
    """Yearly gross incomes of members still in the household."""
    rows = []
    for item in items(answers, "inntekt"):
        member = index.get(str(item.get("member_ref") or ""))
        amount, kind = kroner(item.get("gross_annual")), item.get("kind")
        if member is None or not amount or kind not in INCOME_KINDS:
            continue
        permanent = item.get("permanent")
        if not isinstance(permanent, bool):  # typed, not saved: as the income form decides
            permanent = "permanent" in (item.get("employment"), item.get("duration"))
        rows.append(
            {"member": member, "kind": kind, "gross_annual": amount, "permanent": permanent}
        )
    return rows


def debts(answers: Answers) -> list[dict[str, Any]]:
    """Existing debts (only when the debt step applies: refinancing or «has debts»)."""
    refinancing = value(answers, "om-soknaden", "purpose") == "refinance"
    if not refinancing and value(answers, "formue", "has_debts") != "yes":
        return []
    rows = []
    for item in items(answers, "gjeld"):
        balance, kind = kroner(item.get("balance")), item.get("kind")
        if balance is not None and kind in DEBT_KINDS:
            rows.append(
                {
                    "kind": kind,
                    "balance": balance,
                    "monthly_payment": kroner(item.get("monthly_payment")) or 0,
                    "secured": yes(item.get("secured")),
                    "refinance": refinancing and yes(item.get("refinance")),
                }
            )
    return rows


def assets(answers: Answers) -> dict[str, int]:
    """Money in the bank; other assets are property and other values."""
    other = ("property_value", "other_amount")
    return {
        "bank": kroner(value(answers, "formue", "bank")) or 0,
        "other": sum(kroner(value(answers, "formue", key)) or 0 for key in other),
    }
