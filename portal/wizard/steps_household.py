"""Steps «Husstand», «Husstandsmedlemmer», «Inntekt», «Formue» and «Gjeld».

What each step stores in `values` (JSON; amounts in whole kroner, dates ISO 8601). The
answers → facts mapping (ASSESSMENT.md) reads these shapes; list steps keep
`{"items": [{"id", "raw", "values"}], "complete"}` and the shapes below are one item's values.

husstand (form)
    {"housing_now": "rent_municipal" | "rent_private" | "own" | "with_family" | "institution"
                    | "prison" | "reception_centre" | "no_fixed_home",
     "years_in_municipality": int 0–120,
     "car": "none" | "petrol" | "electric",
     "risk_of_losing_home": bool}
husstandsmedlemmer (list; everyone besides the applicants, may be empty)
    {"role": "child" | "other_adult", "name": str, "birth_date": "YYYY-MM-DD", "sex": "F" | "M"}
    A child is under 18 and an adult 18 or older on the day it was saved.
inntekt (list; at least one item to complete)
    {"member_ref": "applicant" | "co_applicant" | <the husstandsmedlemmer item id>,
     "member_name": str (display only, as it was when saved; member_ref is what counts),
     "kind": "wage" | "pension" | "benefit" | "social_assistance" | "child_benefit"
             | "child_support" | "housing_allowance" | "other",
     "gross_annual": int > 0,
     "permanent": bool   (wage: permanent job; pension/benefit: varig; other kinds: False),
     "employer": str | None, "years_employed": int | None,
     "employment": "permanent" | "temporary" | None   (these three only for wages),
     "duration": "permanent" | "temporary" | None}     (only for pension and benefit)
    A member_ref may point at a member removed later: the mapping must skip or flag it.
formue (form)
    {"bank": int, "property_value": int, "other_amount": int, "other_description": str,
     "has_debts": "yes" | "no"}
    Contract: assets.bank = bank; assets.other = property_value + other_amount.
gjeld (list; only for refinancing or has_debts == "yes")
    {"kind": "mortgage" | "student" | "car" | "consumer" | "credit_card" | "other",
     "creditor": str, "loan_number": str ("" when not given), "original_amount": int,
     "balance": int, "monthly_payment": int, "secured": bool,
     "refinance": bool (asked only when om-soknaden's purpose is refinance; else False)}
"""

from __future__ import annotations

from datetime import date
from typing import Any

from forms import debts, household, income, members
from forms.assets import AssetsForm
from forms.base import StepForm
from portal.auth.access import CurrentUser
from portal.domain.wizard import COUPLE_STATUSES, value
from portal.i18n import gettext as _
from portal.i18n import lazy_gettext as _l
from portal.services.applications import ApplicationData
from portal.wizard.views import ListView, StepView, formdata, saved_answers

Rows = list[tuple[Any, str]]


def _text(pairs: Any, chosen: Any) -> str:
    return str(dict(pairs).get(chosen, chosen or ""))


def _yes_no(flag: Any) -> str:
    return _("Yes") if flag else _("No")


def kroner(amount: Any) -> str:
    """1234567 → '1 234 567 kr' (non-breaking spaces); '' when there is no amount."""
    if amount is None or amount == "":
        return ""
    return f"{int(amount):,}".replace(",", "\u00a0") + "\u00a0kr"


def _date(iso: Any) -> str:
    try:
        return date.fromisoformat(str(iso)).strftime("%d.%m.%Y")
    except ValueError:
        return str(iso or "")


# -- husstand -------------------------------------------------------------------------------


def household_form(application: ApplicationData | None, user: CurrentUser, data: Any) -> StepForm:
    return household.HouseholdForm(**formdata(data))


def household_summary(values: dict[str, Any]) -> Rows:
    """Rows for "check your answers"."""
    form = household.HouseholdForm
    years = values.get("years_in_municipality")
    return [
        (form.housing_now.args[0], _text(household.HOUSING_NOW, values.get("housing_now"))),
        (form.years_in_municipality.args[0], "" if years is None else str(years)),
        (form.car.args[0], _text(household.CARS, values.get("car"))),
        (form.risk_of_losing_home.args[0], _yes_no(values.get("risk_of_losing_home"))),
    ]


# -- husstandsmedlemmer ---------------------------------------------------------------------


def member_form(application: ApplicationData | None, user: CurrentUser, data: Any) -> StepForm:
    return members.MemberForm(**formdata(data), today=date.today())


def member_summary(values: dict[str, Any]) -> Rows:
    """Rows for one person."""
    form = members.MemberForm
    return [
        (form.name.args[0], values.get("name") or ""),
        (form.role.args[0], _text(members.ROLES, values.get("role"))),
        (form.birth_date.args[0], _date(values.get("birth_date"))),
        (form.sex.args[0], _text(members.SEXES, values.get("sex"))),
    ]


def member_title(values: dict[str, Any]) -> str:
    """'Child, born 02.09.2017 (Emma)': unique enough for buttons' accessible names."""
    born, name = _date(values.get("birth_date")), values.get("name") or ""
    if values.get("role") == "child":
        return _("Child, born %(date)s (%(name)s)", date=born, name=name)
    return _("Adult, born %(date)s (%(name)s)", date=born, name=name)


# -- inntekt --------------------------------------------------------------------------------


def _party_name(application: ApplicationData, role: str) -> tuple[str, str | None]:
    party = next((p for p in application.parties if p.role == role), None)
    return (party.name, party.pid) if party else ("", None)


def income_people(
    application: ApplicationData | None, user: CurrentUser
) -> list[tuple[str, Any, str]]:
    """Whose income can be added: (member_ref, label, name) for the applicants and adults."""
    if application is None:
        return []
    answers = saved_answers(application)
    name, pid = _party_name(application, "applicant")
    people: list[tuple[str, Any, str]] = [
        ("applicant", _l("You") if pid == user.subject else name, name)
    ]
    if value(answers, "sokere", "marital_status") in COUPLE_STATUSES:
        co_name = value(answers, "sokere", "co_applicant_name") or ""
        _ignored, co_pid = _party_name(application, "co_applicant")
        label = _l("You") if co_pid == user.subject else co_name
        people.append(("co_applicant", label or _l("The person you apply with"), co_name))
    for item in (answers.get("husstandsmedlemmer") or {}).get("items") or []:
        if item.get("values", {}).get("role") == "other_adult":
            adult = item["values"].get("name") or ""
            people.append((item["id"], adult, adult))
    return people


def income_form(application: ApplicationData | None, user: CurrentUser, data: Any) -> StepForm:
    return income.IncomeForm(**formdata(data), people=income_people(application, user))


def income_summary(values: dict[str, Any]) -> Rows:
    """Rows for one income; the questions only wages or benefits have come when they apply."""
    form = income.IncomeForm
    rows: Rows = [
        (form.member_ref.args[0], values.get("member_name") or ""),
        (form.kind.args[0], _text(income.KINDS, values.get("kind"))),
        (form.gross_annual.args[0], kroner(values.get("gross_annual"))),
    ]
    if values.get("kind") in income.WAGE:
        years = values.get("years_employed")
        rows += [
            (form.employer.args[0], values.get("employer") or ""),
            (form.years_employed.args[0], "" if years is None else str(years)),
            (form.employment.args[0], _text(income.EMPLOYMENT, values.get("employment"))),
        ]
    if values.get("kind") in income.PENSION_OR_BENEFIT:
        rows.append((form.duration.args[0], _text(income.DURATION, values.get("duration"))))
    return rows


def income_title(values: dict[str, Any]) -> str:
    """'Wages – Ingrid Solberg'."""
    kind = income.SHORT_KINDS.get(values.get("kind") or "", _l("Income"))
    return _("%(kind)s – %(who)s", kind=kind, who=values.get("member_name") or "")


# -- formue ---------------------------------------------------------------------------------


def assets_form(application: ApplicationData | None, user: CurrentUser, data: Any) -> StepForm:
    return AssetsForm(**formdata(data))


def assets_summary(values: dict[str, Any]) -> Rows:
    """Rows for "check your answers"."""
    return [
        (AssetsForm.bank.args[0], kroner(values.get("bank"))),
        (AssetsForm.property_value.args[0], kroner(values.get("property_value"))),
        (AssetsForm.other_amount.args[0], kroner(values.get("other_amount"))),
        (AssetsForm.other_description.args[0], values.get("other_description") or ""),
        (AssetsForm.has_debts.args[0], _yes_no(values.get("has_debts") == "yes")),
    ]


# -- gjeld ----------------------------------------------------------------------------------


def debt_form(application: ApplicationData | None, user: CurrentUser, data: Any) -> StepForm:
    refinancing = value(saved_answers(application), "om-soknaden", "purpose") == "refinance"
    return debts.DebtForm(**formdata(data), ask_refinance=refinancing)


def debt_summary(values: dict[str, Any]) -> Rows:
    """Rows for one debt."""
    form = debts.DebtForm
    return [
        (form.kind.args[0], _text(debts.KINDS, values.get("kind"))),
        (form.creditor.args[0], values.get("creditor") or ""),
        (form.loan_number.args[0], values.get("loan_number") or ""),
        (form.original_amount.args[0], kroner(values.get("original_amount"))),
        (form.balance.args[0], kroner(values.get("balance"))),
        (form.monthly_payment.args[0], kroner(values.get("monthly_payment"))),
        (form.secured.args[0], _yes_no(values.get("secured"))),
        (form.refinance.args[0], _yes_no(values.get("refinance"))),
    ]


def debt_title(values: dict[str, Any]) -> str:
    """'Student loan – Lånekassen'."""
    kind = debts.SHORT_KINDS.get(values.get("kind") or "", _l("Debt"))
    return _("%(kind)s – %(who)s", kind=kind, who=values.get("creditor") or "")


FORM_STEPS: dict[str, StepView] = {
    "husstand": StepView(household_form, household_summary),
    "formue": StepView(assets_form, assets_summary),
}
LIST_STEPS: dict[str, ListView] = {
    "husstandsmedlemmer": ListView(
        member_form,
        member_summary,
        add_label=_l("Add a person"),
        empty_text=_l("No one added. If no one else will live with you, go to the next step."),
        item_title=member_title,
        intro=_l(
            "Add everyone who will live in the home besides you and the person you apply "
            "with: children, and other adults."
        ),
    ),
    "inntekt": ListView(
        income_form,
        income_summary,
        add_label=_l("Add an income"),
        empty_text=_l("No income added yet."),
        item_title=income_title,
        intro=_l(
            "Add every income in the household, one at a time: wages, pensions, benefits, "
            "child benefit, child support, housing allowance and other income."
        ),
        min_items=1,
        min_items_message=_l("Add at least one income"),
        item_template="wizard/household_income.html",
    ),
    "gjeld": ListView(
        debt_form,
        debt_summary,
        add_label=_l("Add a debt"),
        empty_text=_l("No debt added."),
        item_title=debt_title,
        intro=_l(
            "Add every debt in the household, one at a time: mortgages, student loans, car "
            "loans, consumer loans and credit cards."
        ),
    ),
}
