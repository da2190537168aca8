"""Which view serves each step slug (merged from the steps_* modules); task-list titles."""

from __future__ import annotations

from flask import url_for

from portal.i18n import lazy_gettext as _l
from portal.services.applications import ApplicationData
from portal.wizard import steps_about, steps_home, steps_household, steps_other
from portal.wizard.steps_about import about_form
from portal.wizard.views import ListView, StepView

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
_MODULES = (steps_about, steps_household, steps_home, steps_other)
FORM_STEPS: dict[str, StepView] = {k: v for m in _MODULES for k, v in m.FORM_STEPS.items()}
LIST_STEPS: dict[str, ListView] = {k: v for m in _MODULES for k, v in m.LIST_STEPS.items()}
# Steps with views of their own (the documentation step): slug -> endpoint.
CUSTOM_STEPS: dict[str, str] = {"dokumentasjon": "wizard.documents"}

__all__ = ["FORM_STEPS", "GROUPS", "LIST_STEPS", "TITLES", "about_form", "has_view", "step_url"]


def has_view(slug: str) -> bool:
    """Whether a step can be opened (every step, once the wizard is complete)."""
    return slug in FORM_STEPS or slug in LIST_STEPS or slug in CUSTOM_STEPS


def step_url(application: ApplicationData, slug: str | None, *, saved: bool = False) -> str:
    """Where a step lives; the task list when there is no next step (or after "later")."""
    if slug is None or saved or not has_view(slug):
        return url_for("wizard.overview", app_id=application.public_id, saved=1 if saved else None)
    if slug in CUSTOM_STEPS:
        return url_for(CUSTOM_STEPS[slug], app_id=application.public_id)
    return url_for("wizard.step", app_id=application.public_id, slug=slug)
