"""Small helpers shared by the wizard's views."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, render_template, session, url_for
from werkzeug.datastructures import MultiDict

from portal.auth.access import CurrentUser, current_user
from portal.models import Application
from portal.services import applications
from portal.services.applications import ApplicationData, ApplicationRow

NOT_ANSWERS = {"csrf_token", "version", "action"}
RETURN_KEY = "return_to_summary"


def user() -> CurrentUser:
    """The logged-in citizen (the views are guarded by citizen_required)."""
    found = current_user()
    if found is None:
        abort(401)
    return found


def load(app_id: str) -> Application:
    """The application if the logged-in person is on it; 404 for everyone else."""
    application = applications.for_person(app_id, user().subject)
    if application is None:
        abort(404)
    return application


def read(app_id: str) -> ApplicationRow:
    """The same as `load`, read without the ORM: for showing or checking a step."""
    application = applications.row_for_person(app_id, user().subject)
    if application is None:
        abort(404)
    return application


def jsonable(values: dict[str, Any]) -> dict[str, Any]:
    """Validated answers as JSON-friendly values (dates as ISO strings)."""
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


def raw_answers(form_data: MultiDict[str, str]) -> dict[str, list[str]]:
    """What the person typed, as posted, without the form's own fields."""
    return {k: v for k, v in form_data.to_dict(flat=False).items() if k not in NOT_ANSWERS}


def return_to_summary(application: ApplicationData) -> str | None:
    """After a "Change" link from the summary, the summary's URL (else None)."""
    if session.get(RETURN_KEY) == application.public_id:
        return url_for("wizard.summary", app_id=application.public_id)
    return None


def render_step(
    template: str, application: ApplicationData, slug: str, form: Any, **extra: Any
) -> str:
    """A step's page (form steps, list items, the panel's no-JavaScript redraw)."""
    from portal.wizard.registry import TITLES  # the registry imports the step modules

    return render_template(
        template, application=application, slug=slug, title=TITLES[slug], form=form, **extra
    )
