"""Server-side login sessions: the Flask cookie holds only a random token; the database row,
keyed by the token's SHA-256, says who is logged in and until when.

A stolen or old cookie is worth nothing once the row is gone (logout, back-channel logout,
timeout, a new login), and every instance sees the same rows.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta

from flask import Flask, current_app, g, request, session
from sqlalchemy import bindparam, delete, select, update

from portal.auth.access import CurrentUser
from portal.extensions import db
from portal.i18n import SESSION_KEY as LANGUAGE_KEY
from portal.models import LoginSession, Staff, utcnow
from portal.services.hot_read import HotRead

TOKEN_KEY = "login_token"  # noqa: S105  (a session key name, not a secret)
TOUCH_EVERY = timedelta(minutes=1)  # write last_seen_at at most this often


@dataclass(frozen=True)
class Identity:
    """Who the IdP vouched for, as the login callback hands it over."""

    kind: str
    subject: str
    name: str
    idp_sid: str
    id_token: str
    acr: str


def token_hash(token: str) -> str:
    """The row id for a cookie token."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def _clear_keeping_language() -> None:
    language = session.get(LANGUAGE_KEY)
    session.clear()
    if language:
        session[LANGUAGE_KEY] = language


def start(identity: Identity) -> None:
    """Log in: drop any old session, clear the Flask session and issue a fresh token."""
    old = session.get(TOKEN_KEY)
    if isinstance(old, str):
        db.session.execute(delete(LoginSession).where(LoginSession.id == token_hash(old)))
    _clear_keeping_language()  # nothing from before the login survives: no fixation
    token = secrets.token_urlsafe(32)
    db.session.add(
        LoginSession(
            id=token_hash(token),
            kind=identity.kind,
            subject=identity.subject,
            name=identity.name,
            idp_sid=identity.idp_sid,
            id_token=identity.id_token,
            acr=identity.acr,
        )
    )
    db.session.commit()
    session[TOKEN_KEY] = token


def end() -> LoginSession | None:
    """Log out here: delete the row and clear the Flask session; returns the deleted row."""
    token = session.get(TOKEN_KEY)
    row = db.session.get(LoginSession, token_hash(token)) if isinstance(token, str) else None
    if row is not None:
        db.session.delete(row)
        db.session.commit()
    _clear_keeping_language()
    return row


def end_by_idp(kind: str, sid: str, sub: str) -> int:
    """End every session of this kind the IdP knows by sid (or, without one, by subject).

    Matching by subject only works where our subject is the IdP's sub (staff IdPs configured
    with STAFF_SUBJECT_CLAIM="sub"); ID-porten always sends sid, which is what we match.
    """
    if sid:
        match = LoginSession.idp_sid == sid
    elif sub:
        match = LoginSession.subject == sub
    else:
        return 0
    result = db.session.execute(delete(LoginSession).where(LoginSession.kind == kind, match))
    db.session.commit()
    return int(getattr(result, "rowcount", 0) or 0)


@dataclass(frozen=True)
class SessionRow:
    """What a request needs of its login session row (read without the ORM: it is read on
    every request, and an ORM instance costs several times the query; bench/README.md)."""

    id: str
    kind: str
    subject: str
    name: str
    created_at: datetime
    last_seen_at: datetime


def expires_at(row: SessionRow) -> datetime:
    """When the row stops being valid: idle timeout or absolute maximum, whichever is first."""
    config = current_app.config
    idle = row.last_seen_at + timedelta(minutes=config["SESSION_IDLE_MINUTES"])
    return min(idle, row.created_at + timedelta(hours=config["SESSION_MAX_HOURS"]))


def seconds_left(row: SessionRow | None = None) -> int:
    """Seconds until this request's session (or `row`) ends; 0 when there is none."""
    ends = expires_at(row) if row is not None else g.get("login_expires_at")
    return max(int((ends - utcnow()).total_seconds()), 0) if ends else 0


def touch(row: SessionRow, force: bool = False) -> SessionRow:
    """Record activity (at most once a minute unless forced); the row as it now stands."""
    now = utcnow()
    if not force and now - row.last_seen_at < TOUCH_EVERY:
        return row
    with db.engine.begin() as connection:
        connection.execute(_TOUCH, {"row_id": row.id, "now": now})
    return replace(row, last_seen_at=now)


def _user(row: SessionRow) -> CurrentUser | None:
    if row.kind != "staff":
        return CurrentUser("citizen", row.subject, row.name, row.id)
    staff = db.session.scalar(select(Staff).where(Staff.subject == row.subject))
    if staff is None or not staff.active:  # deactivated since login: out at once
        return None
    return CurrentUser(
        "staff", row.subject, staff.name, row.id, staff.id, staff.role, staff.municipality_number
    )


# Built once: they run on every request.
_COLUMNS = [getattr(LoginSession, f.name) for f in fields(SessionRow)]
_ROW = HotRead(select(*_COLUMNS).where(LoginSession.id == bindparam("row_id")), SessionRow)
_TOUCH = (
    update(LoginSession)
    .where(LoginSession.id == bindparam("row_id"))
    .values(last_seen_at=bindparam("now"))
)
_DELETE = delete(LoginSession).where(LoginSession.id == bindparam("row_id"))


def current_row() -> SessionRow | None:
    """The valid session row behind this request, or None (expired rows are deleted)."""
    token = session.get(TOKEN_KEY)
    if not isinstance(token, str):
        return None
    row = _ROW.first(row_id=token_hash(token))
    if row is not None and utcnow() >= expires_at(row):
        with db.engine.begin() as connection:
            connection.execute(_DELETE, {"row_id": row.id})
        row = None
    if row is None:
        session.pop(TOKEN_KEY, None)
    return row


def load_user() -> None:
    """before_request: put the logged-in person on g.user, or None."""
    g.user = None
    if request.endpoint == "static":
        return
    row = current_row()
    if row is None:
        return
    g.user = _user(row)
    if g.user is None:
        end()
        return
    g.login_expires_at = expires_at(touch(row))


def init_app(app: Flask) -> None:
    """Load the session row before every request."""
    app.before_request(load_user)
