"""Thin views for logging in and out, for citizens (ID-porten) and municipal staff."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from portal.auth import bp, flow, sessions
from portal.auth.access import current_user, login_required, public
from portal.auth.clients import CITIZEN, STAFF


@bp.get("/logg-inn")
@public
def login() -> Response | flow.Page:
    return flow.begin(CITIZEN)


@bp.get("/auth/callback")
@public
def callback() -> Response | flow.Page:
    return flow.finish(CITIZEN)


@bp.get("/personale/logg-inn")
@public
def staff_login() -> Response | flow.Page:
    return flow.begin(STAFF)


@bp.get("/personale/auth/callback")
@public
def staff_callback() -> Response | flow.Page:
    return flow.finish(STAFF)


@bp.post("/logg-ut")
@public
def logout() -> Response:
    return flow.logout_redirect(sessions.end())


@bp.get("/logget-ut")
@public
def logged_out() -> Response | str:
    flow.forget_logout_state()
    user = current_user()
    if user is not None:  # logged in again (another tab kept the session alive)
        return redirect(url_for(flow.HOMES[user.kind]))
    return render_template("auth/logged_out.html", timed_out="inaktiv" in request.args)


@bp.post("/auth/keepalive")
@login_required
def keepalive() -> tuple[dict[str, object], int]:
    row = sessions.current_row()
    if row is None:
        return {"logged_in": False}, 401
    row = sessions.touch(row, force=True)
    return {"logged_in": True, "expires_in": sessions.seconds_left(row)}, 200


@bp.post("/auth/backchannel-logout")
@public
def backchannel_logout() -> tuple[str, int, dict[str, str]]:
    body, status = flow.backchannel_logout(request.form.get("logout_token", ""))
    return body, status, {"Cache-Control": "no-store"}
