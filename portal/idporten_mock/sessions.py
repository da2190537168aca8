"""IdP sessions of the look-alike: single sign-on, the clients in each, and ending them.

The browser holds a random token in its own cookie (path /idporten-mock); the database holds
its hash and the session id (`sid`) that goes into ID tokens. Ending a session sends an
OpenID Connect Back-Channel Logout 1.0 logout token to the clients that got tokens in it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import requests
from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from portal.extensions import db
from portal.idporten_mock import keys
from portal.idporten_mock.clients import find_client
from portal.idporten_mock.store import Subject, digest
from portal.models.base import utcnow
from portal.models.idporten_mock import IdportenMockSession, IdportenMockSessionClient

COOKIE = "idporten_mock_session"
BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout"
BACKCHANNEL_TIMEOUT = 3  # seconds: one slow client must not hold up the person's logout


@dataclass(frozen=True)
class Delivery:
    """The outcome of one back-channel logout request."""

    client_id: str
    ok: bool
    detail: str


def start(
    pid: str, name: str, acr: str, previous: IdportenMockSession | None
) -> tuple[IdportenMockSession, str]:
    """A fresh login: the session and a new cookie token. The same person keeps their sid."""
    token = secrets.token_urlsafe(32)
    if previous is not None and previous.pid == pid:
        previous.acr, previous.auth_time, previous.name = acr, utcnow(), name
        previous.cookie_hash = digest(token)  # a new cookie at every login: no fixation
        db.session.commit()
        return previous, token
    if previous is not None:
        end_session(previous.sid)  # someone else logs in on this browser: log the first out
    session = IdportenMockSession(
        sid=secrets.token_urlsafe(24), cookie_hash=digest(token), pid=pid, name=name, acr=acr
    )
    db.session.add(session)
    db.session.commit()
    return session, token


def from_cookie(token: str | None) -> IdportenMockSession | None:
    """The IdP session this browser's cookie points at, or None."""
    if not token:
        return None
    query = select(IdportenMockSession).where(IdportenMockSession.cookie_hash == digest(token))
    return db.session.scalar(query)


def subject(session: IdportenMockSession, locale: str) -> Subject:
    """The person of an existing IdP session, for a single sign-on login."""
    return Subject(session.pid, session.name, session.sid, session.acr, session.auth_time, locale)


def add_client(sid: str, client_id: str) -> None:
    """Note that a client got tokens in the session (once; a session ended meanwhile is skipped)."""
    if db.session.get(IdportenMockSession, sid) is None:
        return
    query = select(IdportenMockSessionClient).where(
        IdportenMockSessionClient.sid == sid, IdportenMockSessionClient.client_id == client_id
    )
    if db.session.scalar(query) is None:
        db.session.add(IdportenMockSessionClient(sid=sid, client_id=client_id))
        try:
            db.session.commit()
        except IntegrityError:  # another worker recorded the same client just now
            db.session.rollback()


def clients_of(sid: str) -> list[str]:
    """The client ids that got tokens in the session."""
    query = select(IdportenMockSessionClient.client_id).where(IdportenMockSessionClient.sid == sid)
    return list(db.session.scalars(query.order_by(IdportenMockSessionClient.id)))


def active_sessions() -> list[tuple[IdportenMockSession, list[str]]]:
    """Every IdP session with its clients, newest first."""
    query = select(IdportenMockSession).order_by(IdportenMockSession.auth_time.desc())
    return [(session, clients_of(session.sid)) for session in db.session.scalars(query)]


def end_session(sid: str, initiator: str | None = None) -> list[Delivery] | None:
    """End an IdP session and send back-channel logout to its clients except the initiator.

    None if there was no such session. The rows go first and are committed before any
    request is sent: a client handling the logout may well query this same database.
    """
    session = db.session.get(IdportenMockSession, sid)
    if session is None:
        return None
    pid, client_ids = session.pid, clients_of(sid)
    db.session.execute(
        delete(IdportenMockSessionClient).where(IdportenMockSessionClient.sid == sid)
    )
    db.session.delete(session)
    db.session.commit()
    deliveries = []
    for client_id in client_ids:
        client = find_client(client_id)
        if client is None or client_id == initiator or not client.backchannel_logout_uri:
            continue
        deliveries.append(_send_logout(client_id, client.backchannel_logout_uri, sid, pid))
    return deliveries


def logout_token(client_id: str, sid: str, pid: str) -> str:
    """A Back-Channel Logout 1.0 logout token for one client: signed, with sid and sub, no nonce."""
    issued = keys.now()
    claims = {
        "iss": keys.issuer(),
        "aud": client_id,
        "iat": issued,
        "exp": issued + 120,
        "jti": keys.jwt_id(),
        "sub": keys.pairwise_sub(client_id, pid),
        "sid": sid,
        "events": {BACKCHANNEL_EVENT: {}},
    }
    return keys.sign(claims, typ="logout+jwt")


def _send_logout(client_id: str, uri: str, sid: str, pid: str) -> Delivery:
    token = logout_token(client_id, sid, pid)
    try:
        response = requests.post(uri, data={"logout_token": token}, timeout=BACKCHANNEL_TIMEOUT)
    except requests.RequestException as error:
        current_app.logger.warning("back-channel logout to %s failed: %s", client_id, error)
        return Delivery(client_id, False, type(error).__name__)
    ok = 200 <= response.status_code < 300  # the spec says 200; some answer 204
    log = current_app.logger.info if ok else current_app.logger.warning
    log("back-channel logout to %s: HTTP %s", client_id, response.status_code)
    return Delivery(client_id, ok, f"HTTP {response.status_code}")
