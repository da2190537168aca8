"""Thin views for the front page, dashboard, information pages, language and health."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, session, url_for
from sqlalchemy import text
from werkzeug.wrappers import Response

from portal.auth.access import citizen_required, public
from portal.extensions import db
from portal.i18n import SESSION_KEY
from portal.main import bp


def _safe_next(target: str | None) -> str:
    """Only local paths are followed after a language change (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("main.index")


@bp.get("/")
@public
def index() -> str:
    return render_template("main/index.html")


@bp.get("/oversikt")
@citizen_required
def dashboard() -> str:
    return render_template("main/dashboard.html")


@bp.get("/tilgjengelighet")
@public
def accessibility() -> str:
    return render_template("main/accessibility.html")


@bp.get("/personvern")
@public
def privacy() -> str:
    return render_template("main/privacy.html")


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
