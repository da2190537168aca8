"""Steps «Om søknaden» and «Søkere»."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from forms.about import APPLYING_FOR, PRE_APPROVAL, PURPOSES, AboutForm
from forms.applicants import MARITAL_STATUSES, ApplicantsForm
from forms.base import StepForm
from portal.auth.access import CurrentUser
from portal.extensions import db
from portal.i18n import current_language
from portal.i18n import lazy_gettext as _l
from portal.models import Municipality
from portal.services.applications import ApplicationData
from portal.wizard.views import ListView, StepView, formdata


def municipality_choices() -> list[tuple[str, str]]:
    """(number, name) for every municipality, sorted by name in the page's language."""
    lang = current_language()
    rows = db.session.scalars(select(Municipality)).all()
    return sorted(((m.number, m.name(lang)) for m in rows), key=lambda pair: pair[1])


def about_form(application: ApplicationData | None, user: CurrentUser, data: Any) -> StepForm:
    """The first step, also used to start an application."""
    return AboutForm(**formdata(data), municipalities=municipality_choices())


def applicants_form(application: ApplicationData | None, user: CurrentUser, data: Any) -> StepForm:
    """Contact details and the co-applicant; the person's own number comes from the login."""
    return ApplicantsForm(**formdata(data), own_fnr=user.subject)


def label(choices: tuple[tuple[str, Any], ...], value: Any) -> str:
    """The shown text of a saved choice."""
    return str(dict(choices).get(value, value or ""))


def about_summary(values: dict[str, Any]) -> list[tuple[Any, str]]:
    """Rows for "check your answers"."""
    municipality = db.session.get(Municipality, values.get("municipality") or "")
    wanted = ", ".join(label(APPLYING_FOR, v) for v in values.get("applying_for") or [])
    return [
        (
            AboutForm.municipality.args[0],
            municipality.name(current_language()) if municipality else "",
        ),
        (AboutForm.applying_for.args[0], wanted),
        (AboutForm.purpose.args[0], label(PURPOSES, values.get("purpose"))),
        (AboutForm.pre_approval.args[0], label(PRE_APPROVAL, values.get("pre_approval"))),
    ]


def _address(values: dict[str, Any]) -> str:
    town = f"{values.get('postcode') or ''} {values.get('city') or ''}".strip()
    return ", ".join(part for part in (values.get("address") or "", town) if part)


def applicants_summary(values: dict[str, Any]) -> list[tuple[Any, str]]:
    """Rows for "check your answers" (the co-applicant's number is shown masked)."""
    from portal.domain.fnr import mask

    co_fnr = values.get("co_applicant_fnr")
    return [
        (_l("Mobile phone number"), values.get("phone") or ""),
        (_l("E-mail address"), values.get("email") or ""),
        (
            _l("Postal address"),
            _address(values),
        ),
        (_l("What is your marital status?"), label(MARITAL_STATUSES, values.get("marital_status"))),
        (
            _l("The person you apply with"),
            f"{values.get('co_applicant_name') or ''} {mask(co_fnr) if co_fnr else ''}".strip(),
        ),
    ]


FORM_STEPS: dict[str, StepView] = {
    "om-soknaden": StepView(about_form, about_summary),
    "sokere": StepView(applicants_form, applicants_summary, "wizard/applicants.html"),
}
LIST_STEPS: dict[str, ListView] = {}
