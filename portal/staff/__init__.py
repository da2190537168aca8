"""Pages for municipal staff. For now only the landing page; the queue comes later."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, current_app, render_template
from sqlalchemy import func, select

from portal.auth.access import current_user, staff_required
from portal.domain.figures import FigureVersion, load_figures
from portal.extensions import db
from portal.figures_cli import figures_dir
from portal.i18n import current_language
from portal.i18n import gettext as _
from portal.models import Application, Municipality

bp = Blueprint("staff", __name__)


def role_label(role: str | None) -> str:
    """The staff role in the reader's language."""
    labels = {
        "caseworker": _("Caseworker"),
        "decider": _("Decision maker"),
        "admin": _("Administrator"),
    }
    return labels.get(role or "", role or "")


def figures_in_force() -> list[FigureVersion]:
    """The figures the assessment uses today (shipped and added with `flask figures add`)."""
    store = load_figures(figures_dir(current_app))
    versions = store.on(date.today()).versions
    # Tables (SIFO, tax) are shown by year elsewhere; here the single numbers.
    return [v for _, v in sorted(versions.items()) if not isinstance(v.value, dict)]


@bp.get("/saksbehandling")
@staff_required()
def home() -> str:
    user = current_user()
    assert user is not None and user.municipality is not None  # staff_required saw to it
    municipality = db.get_or_404(Municipality, user.municipality)
    sent = select(func.count(Application.id)).where(
        Application.municipality_number == municipality.number, Application.status != "draft"
    )
    return render_template(
        "staff/home.html",
        role=role_label(user.role),
        municipality=municipality.name(current_language()),
        submitted=db.session.scalar(sent) or 0,
        figures=figures_in_force(),
    )
