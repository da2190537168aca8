"""Thin views for the front page, dashboard, information pages, language and health."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from flask import abort, current_app, redirect, render_template, request, session, url_for
from sqlalchemy import select, text
from werkzeug.wrappers import Response

from portal.auth.access import citizen_required, current_user, public
from portal.extensions import db
from portal.i18n import SESSION_KEY, current_language
from portal.main import bp
from portal.models import Application, Municipality
from portal.services import applications

# When the accessibility and privacy statements were last reviewed; change with their text.
STATEMENTS_DATE = date(2026, 11, 23)


def _municipality_names(items: list[Application]) -> dict[str, str]:
    """Kommunenummer -> name in the page's language, for the municipalities in items."""
    numbers = {item.municipality_number for item in items}
    query = select(Municipality).where(Municipality.number.in_(numbers))
    return {m.number: m.name(current_language()) for m in db.session.scalars(query)}


def _safe_next(target: str | None) -> str:
    """Only a path on this site is followed after a language change (no open redirect).

    Browsers drop tabs and newlines from URLs and read a backslash as a slash, so "/<tab>/evil"
    would become "//evil": any control character or backslash sends the person home instead.
    """
    if target and target.isprintable() and "\\" not in target:
        parts = urlsplit(target)
        local = not parts.scheme and not parts.netloc and target.startswith("/")
        if local and not target.startswith("//"):
            return target
    return url_for("main.index")


@bp.get("/")
@public
def index() -> str:
    return render_template("main/index.html")


@bp.get("/oversikt")
@citizen_required
def dashboard() -> str:
    person = current_user()
    assert person is not None  # citizen_required
    mine = applications.drafts_and_cases(person.subject)
    return render_template(
        "main/dashboard.html",
        applications=mine,
        municipality_names=_municipality_names(mine),
        deletion_date=applications.deletion_date,
    )


@bp.get("/tilgjengelighet")
@public
def accessibility() -> str:
    return render_template("main/accessibility.html", made_on=STATEMENTS_DATE)


@bp.get("/personvern")
@public
def privacy() -> str:
    return render_template(
        "main/privacy.html",
        made_on=STATEMENTS_DATE,
        idle_minutes=current_app.config["SESSION_IDLE_MINUTES"],
    )


@bp.post("/sprak")
@public
def set_language() -> Response:
    lang = request.form.get("lang", "")
    if lang not in current_app.config["LANGUAGES"]:
        abort(400)
    session[SESSION_KEY] = lang
    return redirect(_safe_next(request.form.get("next")), 303)


@bp.get("/healthz")
@public
def healthz() -> tuple[dict[str, str], int]:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:
        current_app.logger.exception("health check: database unreachable")
        return {"status": "error", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}, 200
