"""Thin views: start a draft, show its task list, and serve every step through one view."""

from __future__ import annotations

from typing import Any

from flask import abort, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from portal.auth.access import citizen_required
from portal.domain import wizard
from portal.i18n import current_language
from portal.services import applications
from portal.services.applications import ApplicationData, ApplicationRow
from portal.wizard import bp
from portal.wizard.common import (
    jsonable,
    load,
    raw_answers,
    read,
    render_step,
    return_to_summary,
    user,
)
from portal.wizard.lists import list_page
from portal.wizard.registry import (
    FORM_STEPS,
    GROUPS,
    LIST_STEPS,
    TITLES,
    StepView,
    about_form,
    has_view,
    step_url,
)


def _entry(form: Any, *, complete: bool) -> dict[str, Any]:
    values = jsonable(form.answers()) if complete else {}
    return {"raw": raw_answers(request.form), "values": values, "complete": complete}


@bp.route("/ny", methods=["GET", "POST"])
@citizen_required
def start() -> Response | str:
    form = about_form(None, user(), None)
    if form.validate_on_submit():
        person = user()
        application = applications.start(
            person.subject,
            person.name,
            form.municipality.data,
            _entry(form, complete=True),
            current_language(),
        )
        return redirect(url_for(".overview", app_id=application.public_id), 303)
    return render_template("wizard/start.html", form=form)


@bp.get("/<app_id>")
@citizen_required
def overview(app_id: str) -> Response | str:
    application = load(app_id)
    if application.status != "draft":
        return redirect(url_for(".summary", app_id=application.public_id), 303)
    answers = application.answers
    steps = [(step, wizard.status(step, answers)) for step in wizard.applicable(answers)]
    return render_template(
        "wizard/overview.html",
        application=application,
        steps=steps,
        groups=GROUPS,
        titles=TITLES,
        blocking=wizard.blocking(answers),
        has_view=has_view,
        step_url=step_url,
    )


@bp.route("/<app_id>/<slug>", methods=["GET", "POST"])
@citizen_required
def step(app_id: str, slug: str) -> Response | tuple[str, int] | str:
    view = FORM_STEPS.get(slug)
    if view is None:  # a list step: its views change the application through the ORM
        if slug not in LIST_STEPS:
            abort(404)
        application = load(app_id)
        closed = _closed(application, slug)
        return closed if closed is not None else list_page(application, slug)
    # A form step is shown and checked from a row read without the ORM (bench/README.md).
    row = read(app_id)
    if (closed := _closed(row, slug)) is not None:
        return closed
    if request.method == "GET":
        return _render_stored(row, slug, view)
    return _post_step(row, slug, view)


def _closed(application: ApplicationData, slug: str) -> Response | tuple[str, int] | None:
    """404 for a step that does not apply; a sent application is read, never changed."""
    known = wizard.BY_SLUG.get(slug)
    if known is None or not known.applies(application.answers):
        abort(404)
    if application.status == "draft":
        return None
    if request.method == "POST":
        return _locked(application)
    return redirect(url_for(".summary", app_id=application.public_id), 303)


def _post_step(row: ApplicationRow, slug: str, view: StepView) -> Response | tuple[str, int] | str:
    form = view.form(row, user(), request.form)
    # "Save and continue later" keeps what was typed, valid or not (CSRF is checked app-wide).
    later = request.form.get("action") == "later"
    acceptable = form.may_save_unchecked() if later else form.validate()
    if not acceptable:
        return render_step(view.template, row, slug, form)
    entry, posted = _entry(form, complete=not later), form.posted_version()
    application: ApplicationData = row
    result = applications.check_step(row, slug, entry, posted)
    if result is None:  # built from the stored answers: save through the ORM
        saving = applications.for_saving(row)
        if saving is None:
            abort(404)
        application = saving
        result = applications.save_step(saving, slug, entry, posted)
    if result.outcome == "conflict":
        return _render_stored(application, slug, view, conflict=True), 409
    if not later and (summary := return_to_summary(application)):
        return redirect(summary, 303)
    following = None if later else wizard.next_slug(slug, application.answers)
    return redirect(step_url(application, following, saved=later), 303)


def _render_stored(application: ApplicationData, slug: str, view: StepView, **extra: Any) -> str:
    """The step with its saved answers (after a conflict: the newer ones)."""
    stored = (application.answers.get(slug) or {}).get("raw") or {}
    form = view.form(application, user(), MultiDict(stored))
    form.version.data = str(applications.step_version(application, slug))
    return render_step(view.template, application, slug, form, **extra)


def _locked(application: ApplicationData) -> tuple[str, int]:
    page = render_template("wizard/submitted_locked.html", application=application)
    return page, 409
