"""The work behind the login views: start and finish a login, log out, back-channel logout."""

from __future__ import annotations

from typing import Any

import requests
from flask import current_app, redirect, render_template, request, session, url_for
from joserfc.errors import JoseError
from sqlalchemy import select
from werkzeug.wrappers import Response

from portal.auth import clients, sessions, tokens
from portal.auth.access import current_user, safe_next
from portal.auth.clients import CITIZEN, STAFF
from portal.auth.ratelimit import RateLimiter
from portal.auth.tokens import LoginError
from portal.extensions import db
from portal.i18n import current_language
from portal.i18n import gettext as _
from portal.models import LoginSession, Staff

NEXT_KEY = "login_next"
LIMITER_KEY = "portal.auth.rate_limiter"
LOGGED_OUT_PATH = "/logget-ut"
Page = tuple[str, int, dict[str, str]]
HOMES = {CITIZEN: "main.dashboard", STAFF: "staff.home"}
LOGINS = {CITIZEN: "auth.login", STAFF: "auth.staff_login"}


def _problems() -> dict[str, tuple[int, str, str]]:
    again = _("Start the login again.")
    unverified = _(
        "We could not verify the answer from the login service, so you have not been logged in."
    )
    weak = _(
        "This service needs a login on security level substantial or high, such as BankID, Buypass or MinID with the app. Log in again and choose one of those."  # noqa: E501
    )
    return {
        "state": (
            400,
            _("The login could not be completed"),
            _("The login took too long, or was started in another window.") + " " + again,
        ),
        "token": (
            400,
            _("The login could not be completed"),
            _("The login service did not confirm your login.") + " " + again,
        ),
        "id_token": (400, _("The login could not be verified"), unverified + " " + again),
        "cancelled": (
            400,
            _("The login was cancelled"),
            _("You have not been logged in. You can start again when you are ready."),
        ),
        "acr": (403, _("Your login method is not secure enough for this service"), weak),
        "not_staff": (
            403,
            _("You are not registered as staff for any municipality"),
            _("Ask the person who manages Startlånportalen in your municipality to register you."),
        ),
        "unavailable": (
            503,
            _("The login service is not responding"),
            _("Nothing has been lost. Try again in a few minutes."),
        ),
        "rate": (429, _("Too many login attempts"), _("Wait a minute and try again.")),
    }


def problem(reason: str, kind: str) -> Page:
    """A clear page for a login that did not go through."""
    status, title, text = _problems()[reason]
    page = render_template(
        "auth/problem.html", title=title, text=text, retry_url=url_for(LOGINS[kind])
    )
    window = current_app.config["LOGIN_RATE_LIMIT"][1]
    return page, status, {"Retry-After": str(window)} if status == 429 else {}


def begin(kind: str) -> Response | Page:
    """Send the person to the IdP: code flow with PKCE S256, state, nonce, acr and language."""
    home = url_for(HOMES[kind])
    user = current_user()
    if user is not None and user.kind == kind:
        return redirect(safe_next(request.args.get("next"), home))
    session[NEXT_KEY] = safe_next(request.args.get("next"), home)
    params = {"ui_locales": current_language()}
    if tokens.required_acr(kind):
        params["acr_values"] = tokens.required_acr(kind)
    try:
        response: Response = clients.client(kind).authorize_redirect(
            clients.redirect_uri(kind), **params
        )
    except requests.RequestException:
        current_app.logger.exception("%s login: the IdP's discovery document is unreachable", kind)
        return problem("unavailable", kind)
    clients.note_idp_origins(kind)
    return response


def _within_rate_limit() -> bool:
    limiter: RateLimiter = current_app.extensions[LIMITER_KEY]
    count, seconds = current_app.config["LOGIN_RATE_LIMIT"]
    return limiter.hit(request.remote_addr or "unknown", int(count), float(seconds))


def _identity(kind: str, claims: dict[str, Any], id_token: str) -> sessions.Identity:
    common = {"idp_sid": str(claims.get("sid") or ""), "id_token": id_token}
    common["acr"] = str(claims.get("acr") or "")
    if kind == CITIZEN:
        if not claims.get("pid"):
            raise LoginError("id_token", "no pid claim")
        name = str(claims.get("name") or "")
        return sessions.Identity(CITIZEN, str(claims["pid"]), name, **common)
    claim = current_app.config["STAFF_SUBJECT_CLAIM"]
    subject = str(claims.get(claim) or claims["sub"])
    staff = db.session.scalar(select(Staff).where(Staff.subject == subject))
    if staff is None or not staff.active:
        raise LoginError("not_staff")
    return sessions.Identity(STAFF, subject, staff.name, **common)


def finish(kind: str) -> Response | Page:
    """The callback: verify everything, then start a fresh session and go where they were."""
    if not _within_rate_limit():
        return problem("rate", kind)
    try:
        claims, id_token = tokens.complete_login(kind)
        identity = _identity(kind, claims, id_token)
    except LoginError as error:
        current_app.logger.warning("%s login refused: %s", kind, error)
        return problem(error.reason, kind)
    target = safe_next(session.get(NEXT_KEY), url_for(HOMES[kind]))
    sessions.start(identity)
    current_app.logger.info("%s logged in", kind)
    return redirect(target)


def logout_redirect(row: LoginSession | None) -> Response:
    """After the row is gone: on to the IdP's end_session_endpoint, or straight to our page."""
    local = redirect(url_for("auth.logged_out"), 303)
    if row is None or not row.id_token:
        return local
    try:
        response: Response = clients.client(row.kind).logout_redirect(
            post_logout_redirect_uri=current_app.config["PUBLIC_URL"] + LOGGED_OUT_PATH,
            id_token_hint=row.id_token,
            ui_locales=current_language(),
        )
    except (RuntimeError, requests.RequestException):  # no end_session_endpoint, or IdP down
        current_app.logger.warning("%s logout: no IdP end-session, logged out locally", row.kind)
        return local
    response.status_code = 303
    return response


def forget_logout_state() -> None:
    """Drop the state Authlib kept for the logout round trip (the page itself is static)."""
    state = request.args.get("state")
    if state:
        for kind in (CITIZEN, STAFF):
            clients.client(kind).framework.clear_state_data(session, state)


def backchannel_logout(logout_token: str) -> tuple[str, int]:
    """Verify a logout token from either IdP client and end the sessions it names."""
    for kind in (CITIZEN, STAFF):
        try:
            claims = tokens.verify_logout_token(clients.client(kind), logout_token)
        except (JoseError, ValueError):
            continue
        except requests.RequestException:
            current_app.logger.exception("back-channel logout: the IdP's keys are unreachable")
            return "", 503
        ended = sessions.end_by_idp(
            kind, str(claims.get("sid") or ""), str(claims.get("sub") or "")
        )
        current_app.logger.info("back-channel logout ended %d %s session(s)", ended, kind)
        return "", 200
    current_app.logger.warning("back-channel logout: invalid logout token refused")
    return "", 400
