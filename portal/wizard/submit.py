"""Check your answers, the declaration, sending, and the receipt."""

from __future__ import annotations

from typing import Any

from flask import Response as FlaskResponse
from flask import redirect, render_template, session, url_for
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from forms.declaration import DeclarationForm
from portal.auth.access import citizen_required
from portal.domain import wizard
from portal.extensions import db
from portal.models import Application
from portal.services import receipts, submission
from portal.wizard import bp
from portal.wizard.common import RETURN_KEY, load
from portal.wizard.receipt import render_pdf
from portal.wizard.registry import TITLES, step_url
from portal.wizard.summary import sections


def _summary_page(application: Application, form: Any, **extra: Any) -> str:
    return render_template(
        "wizard/summary.html",
        application=application,
        sections=sections(application),
        blocking=wizard.blocking(application.answers),
        titles=TITLES,
        step_url=step_url,
        form=form,
        **extra,
    )


@bp.get("/<app_id>/oppsummering")
@citizen_required
def summary(app_id: str) -> str:
    application = load(app_id)
    # A "Change" link from here brings the person back here after saving.
    session[RETURN_KEY] = application.public_id
    return _summary_page(application, DeclarationForm(formdata=None))


@bp.post("/<app_id>/send")
@citizen_required
def send(app_id: str) -> Response | tuple[str, int]:
    application = load(app_id)
    if application.status != "draft":  # a repeated click: already sent
        return redirect(url_for(".receipt", app_id=application.public_id), 303)
    form = DeclarationForm()
    if not form.validate():
        return _summary_page(application, form), 422
    try:
        submission.submit(application, _assessment, _receipt)
    except submission.NotReady:
        return _summary_page(application, form, not_ready=True), 422
    except StaleDataError:  # submitted by a parallel request: that one won
        db.session.rollback()
    session.pop(RETURN_KEY, None)
    return redirect(url_for(".receipt", app_id=application.public_id), 303)


def _receipt(application: Application) -> str:
    return receipts.store(render_pdf(application))


def _assessment(application: Application) -> dict[str, Any]:
    from portal.wizard.panel import assessment_for

    return assessment_for(application)


@bp.get("/<app_id>/kvittering")
@citizen_required
def receipt(app_id: str) -> Response | str:
    application = load(app_id)
    if application.status == "draft":
        return redirect(url_for(".summary", app_id=application.public_id), 303)
    return render_template("wizard/receipt.html", application=application)


@bp.get("/<app_id>/kvittering.pdf")
@citizen_required
def receipt_pdf(app_id: str) -> Response:
    application = load(app_id)
    if application.status == "draft":
        return redirect(url_for(".summary", app_id=application.public_id), 303)
    name = f"kvittering-{application.reference}.pdf"
    return FlaskResponse(
        receipts.load(application),
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
