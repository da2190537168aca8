"""Routes of the look-alike. Thin: Authlib's server does the protocol, helpers the rest."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2 import OAuth2Error
from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    session,
)
from werkzeug.wrappers import Response

from portal.auth.access import public
from portal.config import MOCK_PATH
from portal.i18n import SESSION_KEY, current_language
from portal.i18n import gettext as _
from portal.idporten_mock import keys, sessions
from portal.idporten_mock.clients import all_clients
from portal.idporten_mock.forms import PickerForm, level_is_enough, requested_level
from portal.idporten_mock.metadata import UI_LOCALES, discovery_document
from portal.idporten_mock.persons import citizen_persons, staff_persons
from portal.idporten_mock.store import Subject
from portal.models.idporten_mock import IdportenMockSession

bp = Blueprint("idporten_mock", __name__, url_prefix=MOCK_PATH)


def _server() -> AuthorizationServer:
    server: AuthorizationServer = current_app.extensions["idporten_mock"]
    return server


@bp.get("/.well-known/openid-configuration")
@public
def discovery() -> Response:
    return jsonify(discovery_document())


@bp.get("/jwks.json")
@public
def jwks() -> Response:
    return jsonify(keys.public_jwks())


@bp.route("/authorize", methods=["GET", "POST"])
@public
def authorize() -> Response | str:
    idp_session = sessions.from_cookie(request.cookies.get(sessions.COOKIE))
    sso = _sso_subject(idp_session)
    try:
        grant = _server().get_consent_grant(end_user=sso)
    except OAuth2Error as error:
        return _rejected(error)
    if request.method == "GET" and grant.prompt is None and sso is not None:
        return _server().create_authorization_response(grant_user=sso, grant=grant)
    if request.method == "GET" and "ui_locales" in request.args:
        return _apply_ui_locales()
    form = PickerForm(level=requested_level(request.args.get("acr_values")))
    if request.method == "POST" and "cancel" in request.form:
        return _server().create_authorization_response(grant_user=None, grant=grant)
    if form.validate_on_submit():
        return _log_in(form, idp_session, grant)
    return _picker(form, grant.client)


@bp.post("/token")
@public
def token() -> Response:
    return _server().create_token_response()


@bp.route("/userinfo", methods=["GET", "POST"])
@public
def userinfo() -> Response:
    return _server().create_endpoint_response("userinfo")


@bp.route("/endsession", methods=["GET", "POST"])
@public
def end_session() -> Response | str | tuple[str, int]:
    try:
        logout = _server().validate_endpoint_request("end_session")
    except OAuth2Error as error:
        return _rejected(error)
    wanted = request.values.get("post_logout_redirect_uri")
    if wanted and (logout.client is None or wanted not in logout.client.post_logout_redirect_uris):
        return _error_page(_("The address to return to after logout is not registered."))
    if logout.needs_confirmation and request.method == "GET":
        return render_template("idporten_mock/confirm_logout.html")
    browser = sessions.from_cookie(request.cookies.get(sessions.COOKIE))
    sid = (logout.id_token_claims or {}).get("sid") or (browser.sid if browser else "")
    sessions.end_session(sid, initiator=logout.client.client_id if logout.client else None)
    if logout.redirect_uri:
        response = redirect(logout.redirect_uri)
    else:
        response = make_response(render_template("idporten_mock/logged_out.html"))
    if browser is None or browser.sid == sid:
        response.delete_cookie(sessions.COOKIE, path=MOCK_PATH)
    return response


@bp.get("/sessions")
@public
def session_list() -> str:
    browser = sessions.from_cookie(request.cookies.get(sessions.COOKIE))
    return render_template(
        "idporten_mock/sessions.html",
        active=sessions.active_sessions(),
        clients=all_clients(),
        browser_sid=browser.sid if browser else None,
    )


@bp.post("/sessions/end")
@public
def session_end() -> Response:
    deliveries = sessions.end_session(request.form.get("sid", ""))
    if deliveries is None:
        abort(404)
    sent = sum(delivery.ok for delivery in deliveries)
    message = _("The session has ended. %(sent)s of %(total)s services confirmed the logout.")
    flash(message % {"sent": sent, "total": len(deliveries)})
    return redirect(f"{MOCK_PATH}/sessions", 303)


def _sso_subject(idp_session: IdportenMockSession | None) -> Subject | None:
    """The person of this browser's IdP session, if it is at a high enough level."""
    if idp_session is None or not level_is_enough(
        idp_session.acr, request.values.get("acr_values")
    ):
        return None
    return sessions.subject(idp_session, current_language())


def _log_in(form: PickerForm, idp_session: IdportenMockSession | None, grant: Any) -> Response:
    """Start (or renew) the IdP session, send the code to the client and set our cookie."""
    pid, name = form.chosen()
    new_session, cookie = sessions.start(pid, name, form.level.data, idp_session)
    user = sessions.subject(new_session, current_language())
    response: Response = _server().create_authorization_response(grant_user=user, grant=grant)
    secure = current_app.config["SESSION_COOKIE_SECURE"]
    response.set_cookie(
        sessions.COOKIE, cookie, path=MOCK_PATH, httponly=True, samesite="Lax", secure=secure
    )
    return response


def _apply_ui_locales() -> Response:
    """Show the picker in the client's language (se: bokmål), then drop the parameter.

    The language goes into the session, as if chosen with the header's language switch, so that
    switch keeps working on the picker page.
    """
    wanted = [code for code in request.args["ui_locales"].split() if code in UI_LOCALES]
    if wanted:
        session[SESSION_KEY] = "nb" if wanted[0] == "se" else wanted[0]
    args = {key: values for key, values in request.args.lists() if key != "ui_locales"}
    return redirect(f"{request.path}?{urlencode(args, doseq=True)}", 303)


def _picker(form: PickerForm, client: object) -> str:
    return render_template(
        "idporten_mock/picker.html",
        form=form,
        client=client,
        citizens=citizen_persons(),
        staff=staff_persons(),
        language=current_language(),
    )


def _rejected(error: OAuth2Error) -> Response | tuple[str, int]:
    """Send the error back to the client if its redirect URI is known; else show it here."""
    if error.redirect_uri:
        return _server().handle_error_response(None, error)
    return _error_page(f"{error.error}: {error.description or ''}")


def _error_page(detail: str) -> tuple[str, int]:
    return render_template("idporten_mock/error.html", detail=detail), 400
