"""Steps «Bolig», «Finansiering», «Budsjett» and «Særlige forhold».

What each step stores in `values` (JSON; amounts in whole kroner; "" or None when not given):

bolig (form; not for a pre-approval)
    {"address", "postcode", "town", "municipality_number": str, "home_type": "detached" |
     "semi_detached" | "terraced" | "flat" | "other", "home_type_other": str,
     "ownership": "freehold" | "cooperative", "cooperative_name", "cooperative_org_number": str,
     "shared_debt": int | None, "gnr", "bnr", "festenr", "seksjonsnr": str,
     "rooms", "area": int, "price", "market_value", "loan_value": int | None,
     "energy_label": "" | "A".."G", "insured": "yes" | "no",
     "common_costs", "municipal_fees", "insurance", "maintenance": int | None}  (per month)
finansiering (form)
    {"startlan", "bank_loan", "grant", "equity", "own_work", "other_financing", "fees": int | None,
     "equity_kind": ["savings" | "gift" | "sale" | "other"], "other_kind": str,
     "term_years": int 1–50, "term_reason": str, "repayment": "annuity" | "serial",
     "document_duty": int (computed by the server), "total_sources": int,
     "total_needed": int | None (price + duty + fees; None for a pre-approval)}
budsjett (form)
    {"applicant_sex", "co_applicant_sex": "F" | "M", <line>: int | None and
     <line>_suggested: str (what the page suggested) for every SIFO line (food, clothing, ...,
     car), housing line (common_costs, municipal_fees, insurance, maintenance) and
     net_monthly_income; childcare, child_support_paid, extra_transport, other: int | None}
saerlige-forhold (form)
    {"needs": ["disability" | "health" | "social"], "details": str, "health_consent": bool}
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import request
from werkzeug.datastructures import MultiDict

from forms.base import StepForm
from forms.budget import LINE_LABELS, SEXES, SUGGESTED_LINES, BudgetForm
from forms.financing import EQUITY_KINDS, REPAYMENTS, FinancingForm, Plan
from forms.home import HOME_TYPES, OWNERSHIP, HomeForm
from forms.household import YES_NO
from forms.special import NEEDS, SpecialForm
from portal.auth.access import CurrentUser
from portal.domain.application_facts import (
    HOUSING_LINES,
    SUGGESTED,
    document_duty,
    kroner,
    lines_of,
)
from portal.domain.application_facts.budget import changed
from portal.domain.application_facts.budget import financing as facts_financing
from portal.domain.application_facts.household import debts
from portal.domain.rules import load_rules
from portal.domain.wizard import COUPLE_STATUSES, value
from portal.i18n import gettext as _
from portal.i18n import lazy_gettext as _l
from portal.services.applications import ApplicationData
from portal.wizard import panel
from portal.wizard.views import ListView, StepView, formdata, saved_answers

HOME_COSTS = HOUSING_LINES


def _stored(data: Any) -> bool:
    """True when the form is built from saved answers (a GET), not from a post."""
    return data is not None and data is not request.form


def home_form(application: ApplicationData | None, user: CurrentUser, data: Any) -> StepForm:
    answers = saved_answers(application)
    if _stored(data) and not data and application is not None:
        data = MultiDict({"municipality_number": application.municipality_number})
    return HomeForm(**formdata(data), purpose=value(answers, "om-soknaden", "purpose"))


def financing_plan(answers: dict[str, Any]) -> Plan:
    """What the financing must cover, from the other steps' answers."""
    purpose = value(answers, "om-soknaden", "purpose")
    wanted = value(answers, "om-soknaden", "applying_for") or []
    price = kroner(value(answers, "bolig", "price"))
    check = value(answers, "om-soknaden", "pre_approval") != "yes"
    if purpose == "refinance":  # what must be financed is the debt to refinance
        price = sum(d["balance"] for d in debts(answers) if d["refinance"]) or None
        check = price is not None
    duty = document_duty(purpose, value(answers, "bolig", "ownership"), price, date.today())
    municipal = load_rules().for_municipality(str(value(answers, "om-soknaden", "municipality")))
    return Plan(
        check=check,
        building=purpose == "build",
        price=price,
        document_duty=duty,
        wants_startlan="startlan" in wanted,
        wants_bank_loan="bank_loan" in wanted,
        max_term=municipal.max_term,
        establishment_fee=municipal.establishment_fee,
    )


def financing_sums(answers: dict[str, Any]) -> Any:
    """Whether the financing adds up, in a sentence (the panel on the financing page)."""
    if not answers.get("finansiering"):
        return None  # nothing typed or saved yet
    plan = financing_plan(answers)
    plan_amounts = facts_financing(answers)
    keys = ("startlan", "bank_loan", "grant", "equity", "other")
    sources = sum(plan_amounts.get(key, 0) for key in keys)
    if not plan.check or plan.price is None:
        return _("Your financing in total: %(amount)s.", amount=_kr(sources))
    fees = kroner(value(answers, "finansiering", "fees")) or 0
    difference = sources - (plan.price + plan.document_duty + fees)
    if difference:
        return FinancingForm.balance_message(difference)
    return _("The financing adds up to the price and costs.")


def financing_form(application: ApplicationData | None, user: CurrentUser, data: Any) -> StepForm:
    plan = financing_plan(saved_answers(application))
    if _stored(data) and not data:
        fee = str(plan.establishment_fee) if plan.establishment_fee else ""
        data = MultiDict({"term_years": str(plan.max_term), "repayment": "annuity", "fees": fee})
    return FinancingForm(**formdata(data), plan=plan)


def budget_suggestions(application: ApplicationData) -> dict[str, int | None]:
    """What the budget page suggests: SIFO's lines, the home's costs, the estimated net income."""
    answers = saved_answers(application)
    facts = panel.facts_for(application)
    facts["net_monthly_income"] = None  # the estimate, whatever the applicant wrote
    facts.pop("assumptions", None)
    result = panel.assess_facts(facts)
    found: dict[str, int | None] = dict(lines_of(result.sifo)) if result else {}
    pre = value(answers, "om-soknaden", "pre_approval") == "yes"
    for line in HOUSING_LINES:
        found[line] = 0 if pre else kroner(value(answers, "bolig", line)) or 0
    estimate = result.numbers.net_income_monthly if result and facts["income"] else None
    found["net_monthly_income"] = estimate
    return found


def budget_form(application: ApplicationData | None, user: CurrentUser, data: Any) -> StepForm:
    answers = saved_answers(application)
    couple = value(answers, "sokere", "marital_status") in COUPLE_STATUSES
    if _stored(data) and application is not None:
        data = _prefilled(MultiDict(data), answers, budget_suggestions(application))
    return BudgetForm(**formdata(data), couple=couple)


def _prefilled(
    data: MultiDict[str, Any], answers: dict[str, Any], found: dict[str, int | None]
) -> MultiDict[str, Any]:
    """Unchanged lines show today's suggestion; lines the applicant changed keep their amount."""
    for line in SUGGESTED_LINES:
        now = found.get(line)
        data[line + SUGGESTED] = "" if now is None else str(now)
        if changed(answers, line) is None:
            data[line] = "" if now is None else str(now)
    return data


def special_form(application: ApplicationData | None, user: CurrentUser, data: Any) -> StepForm:
    return SpecialForm(**formdata(data))


# -- "check your answers" -------------------------------------------------------------------

Rows = list[tuple[Any, str]]


def _kr(amount: Any) -> str:
    number = kroner(amount)
    return "" if number is None else f"{number:,}".replace(",", "\u00a0") + "\u00a0kr"


def _label(pairs: Any, chosen: Any) -> str:
    found = dict(pairs)
    return (
        ", ".join(str(found.get(c, c)) for c in chosen)
        if isinstance(chosen, list)
        else str(found.get(chosen, chosen or ""))
    )


def home_summary(values: dict[str, Any]) -> Rows:
    """Rows for "check your answers"."""
    f = HomeForm
    address = f"{values.get('address', '')}, {values.get('postcode', '')} {values.get('town', '')}"
    kind = _label(HOME_TYPES, values.get("home_type"))
    if values.get("home_type") == "other":
        kind = f"{kind}: {values.get('home_type_other') or ''}"
    rows: Rows = [
        (f.address.args[0], address),
        (f.municipality_number.args[0], values.get("municipality_number") or ""),
        (f.home_type.args[0], kind),
        (f.ownership.args[0], _label(OWNERSHIP, values.get("ownership"))),
    ]
    if values.get("ownership") == "cooperative":
        rows += [
            (f.cooperative_name.args[0], values.get("cooperative_name") or ""),
            (f.cooperative_org_number.args[0], values.get("cooperative_org_number") or ""),
            (f.shared_debt.args[0], _kr(values.get("shared_debt"))),
        ]
    land = ("gnr", "bnr", "festenr", "seksjonsnr")
    rows.append((_l("Land registry numbers"), " / ".join(str(values.get(k) or "–") for k in land)))
    rows += [(getattr(f, k).args[0], str(values.get(k) or "")) for k in ("rooms", "area")]
    money = ("price", "market_value", "loan_value", *HOME_COSTS)
    rows += [(getattr(f, k).args[0], _kr(values.get(k))) for k in money]
    rows += [
        (f.energy_label.args[0], values.get("energy_label") or _("I don't know")),
        (f.insured.args[0], _label(YES_NO, values.get("insured"))),
    ]
    return rows


def financing_summary(values: dict[str, Any]) -> Rows:
    """Rows for "check your answers"."""
    f = FinancingForm
    money = ("startlan", "bank_loan", "grant", "equity", "own_work", "other_financing", "fees")
    rows: Rows = [(getattr(f, k).args[0], _kr(values.get(k))) for k in money if values.get(k)]
    rows += [
        (f.equity_kind.args[0], _label(EQUITY_KINDS, values.get("equity_kind") or [])),
        (f.other_kind.args[0], values.get("other_kind") or ""),
        (_l("Document duty"), _kr(values.get("document_duty") or 0)),
        (_l("Total financing"), _kr(values.get("total_sources"))),
        (f.term_years.args[0], str(values.get("term_years") or "")),
        (f.repayment.args[0], _label(REPAYMENTS, values.get("repayment"))),
    ]
    if values.get("term_reason"):
        rows.append((f.term_reason.args[0], values["term_reason"]))
    return rows


def budget_summary(values: dict[str, Any]) -> Rows:
    """Rows for "check your answers"; a changed line says what was suggested."""
    rows: Rows = [(BudgetForm.applicant_sex.args[0], _label(SEXES, values.get("applicant_sex")))]
    for line, label in LINE_LABELS.items():
        amount, was = kroner(values.get(line)), kroner(values.get(line + SUGGESTED))
        if amount is None or (amount == 0 and not was):
            continue
        text = _kr(amount)
        if line in SUGGESTED_LINES and amount != was:
            text += " " + _("(changed from the suggestion of %(amount)s)", amount=_kr(was or 0))
        rows.append((label, text))
    return rows


def special_summary(values: dict[str, Any]) -> Rows:
    """Rows for "check your answers"."""
    f = SpecialForm
    return [
        (f.needs.args[0], _label(NEEDS, values.get("needs") or [])),
        (f.details.args[0], values.get("details") or ""),
        (f.health_consent.args[0], _("Yes") if values.get("health_consent") else _("No")),
    ]


FORM_STEPS: dict[str, StepView] = {
    "bolig": StepView(home_form, home_summary, "wizard/home.html"),
    "finansiering": StepView(financing_form, financing_summary, "wizard/financing.html"),
    "budsjett": StepView(budget_form, budget_summary, "wizard/budget.html"),
    "saerlige-forhold": StepView(special_form, special_summary, "wizard/special.html"),
}
LIST_STEPS: dict[str, ListView] = {}
