"""Pages for municipal staff. For now only the landing page; the queue comes later."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import gettext as _

from portal.auth.access import current_user, staff_required
from portal.extensions import db
from portal.i18n import current_language
from portal.models import Municipality

bp = Blueprint("staff", __name__)


def role_label(role: str | None) -> str:
    """The staff role in the reader's language."""
    labels = {
        "caseworker": _("Caseworker"),
        "decider": _("Decision maker"),
        "admin": _("Administrator"),
    }
    return labels.get(role or "", role or "")


@bp.get("/saksbehandling")
@staff_required()
def home() -> str:
    user = current_user()
    assert user is not None and user.municipality is not None  # staff_required saw to it
    municipality = db.get_or_404(Municipality, user.municipality)
    return render_template(
        "staff/home.html",
        role=role_label(user.role),
        municipality=municipality.name(current_language()),
    )
