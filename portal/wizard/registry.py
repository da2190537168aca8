"""Which form and template serve each step slug; titles for the task list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from forms.about import AboutForm
from forms.applicants import ApplicantsForm
from forms.base import StepForm
from portal.auth.access import CurrentUser
from portal.extensions import db
from portal.i18n import current_language
from portal.models import Application, Municipality

TITLES = {
    "om-soknaden": _l("About the application"),
    "sokere": _l("Applicants"),
    "husstand": _l("Household and housing today"),
    "husstandsmedlemmer": _l("People in the household"),
    "inntekt": _l("Income and work"),
    "formue": _l("Savings and assets"),
    "gjeld": _l("Debts"),
    "bolig": _l("The home"),
    "finansiering": _l("Financing plan"),
    "budsjett": _l("Future monthly budget"),
    "saerlige-forhold": _l("Special circumstances"),
    "dokumentasjon": _l("Documentation"),
}
GROUPS = {
    "about": _l("About the application"),
    "household": _l("Household"),
    "economy": _l("Income, assets and debts"),
    "home": _l("The home and the financing"),
    "other": _l("Other information and documents"),
}

FormFactory = Callable[[Application | None, CurrentUser, Any], StepForm]


def municipality_choices() -> list[tuple[str, str]]:
    """(number, name) for every municipality, sorted by name in the page's language."""
    lang = current_language()
    rows = db.session.scalars(select(Municipality)).all()
    return sorted(((m.number, m.name(lang)) for m in rows), key=lambda pair: pair[1])


def _formdata(formdata: Any) -> dict[str, Any]:
    """None means "the request's form when posted" (Flask-WTF's default)."""
    return {} if formdata is None else {"formdata": formdata}


def about_form(application: Application | None, user: CurrentUser, formdata: Any) -> StepForm:
    """The first step, also used to start an application."""
    return AboutForm(**_formdata(formdata), municipalities=municipality_choices())


def applicants_form(application: Application | None, user: CurrentUser, formdata: Any) -> StepForm:
    """Contact details and the co-applicant; the person's own number comes from the login."""
    return ApplicantsForm(**_formdata(formdata), own_fnr=user.subject)


def step_url(application: Application, slug: str | None, *, saved: bool = False) -> str:
    """Where a step lives; the task list when there is no next step (or after "later")."""
    if slug is None or saved or (slug not in FORM_STEPS and slug not in LIST_STEPS):
        return url_for("wizard.overview", app_id=application.public_id, saved=1 if saved else None)
    return url_for("wizard.step", app_id=application.public_id, slug=slug)


@dataclass(frozen=True)
class StepView:
    """How a form step is shown."""

    form: FormFactory
    template: str = "wizard/step.html"


@dataclass(frozen=True)
class ListView:
    """How a repeating list is shown: the item form and how an item is summarised."""

    form: FormFactory
    summary: Callable[[dict[str, Any]], list[tuple[Any, str]]]
    add_label: Any
    empty_text: Any
    item_template: str = "wizard/list_item.html"


LIST_STEPS: dict[str, ListView] = {}

FORM_STEPS: dict[str, StepView] = {
    "om-soknaden": StepView(about_form),
    "sokere": StepView(applicants_form, "wizard/applicants.html"),
}
