"""Codes, access tokens and client assertions of the look-alike, in the database.

Only hashes are stored. A code is taken with a DELETE whose row count must be one, so two
workers racing with the same code cannot both win; a replayed code finds nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, exists, select

from portal.extensions import db
from portal.idporten_mock.clients import MockClient, find_client
from portal.models.base import utcnow
from portal.models.idporten_mock import (
    IdportenMockAssertion,
    IdportenMockCode,
    IdportenMockToken,
)

CODE_SECONDS = 60
TOKEN_SECONDS = 300


def digest(value: str) -> str:
    """SHA-256 hex of a secret value, as stored."""
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass(frozen=True)
class Subject:
    """The person who logged in, as Authlib's `user`: who, in which IdP session, how."""

    pid: str
    name: str
    sid: str
    acr: str
    auth_time: datetime
    locale: str
    client_id: str = ""


@dataclass(frozen=True)
class IssuedCode:
    """An authorization code row, with the methods Authlib's grant and PKCE check call."""

    row: IdportenMockCode

    def get_redirect_uri(self) -> str:
        return self.row.redirect_uri

    def get_scope(self) -> str:
        return self.row.scope

    @property
    def code_challenge(self) -> str:
        return self.row.code_challenge

    @property
    def code_challenge_method(self) -> str:
        return self.row.code_challenge_method

    def subject(self) -> Subject:
        """The person the code was issued for."""
        return _subject(self.row)


@dataclass(frozen=True)
class IssuedToken:
    """An access token row, with the methods Authlib's resource protector calls."""

    row: IdportenMockToken

    @property
    def scope(self) -> str:
        return self.row.scope

    def get_scope(self) -> str:
        return self.row.scope

    def is_expired(self) -> bool:
        return self.row.expires_at <= utcnow()

    def is_revoked(self) -> bool:
        return False

    def get_client(self) -> MockClient | None:
        return find_client(self.row.client_id)

    def get_user(self) -> Subject:
        return _subject(self.row)


def _subject(row: IdportenMockCode | IdportenMockToken) -> Subject:
    return Subject(row.pid, row.name, row.sid, row.acr, row.auth_time, row.locale, row.client_id)


def save_code(
    code: str, client_id: str, redirect_uri: str, scope: str, params: Any, user: Subject
) -> None:
    """Store a new code with the request's nonce and PKCE challenge."""
    _purge_expired()
    db.session.add(
        IdportenMockCode(
            code_hash=digest(code),
            client_id=client_id,
            redirect_uri=redirect_uri,
            scope=scope,
            nonce=params.get("nonce", ""),
            code_challenge=params.get("code_challenge", ""),
            code_challenge_method=params.get("code_challenge_method", ""),
            sid=user.sid,
            pid=user.pid,
            name=user.name,
            acr=user.acr,
            locale=user.locale,
            auth_time=user.auth_time,
            expires_at=utcnow() + timedelta(seconds=CODE_SECONDS),
        )
    )
    db.session.commit()


def take_code(code: str, client_id: str) -> IssuedCode | None:
    """The unexpired code for this client, removed so it cannot be used again; else None."""
    row = db.session.get(IdportenMockCode, digest(code))
    if row is None or row.client_id != client_id or row.expires_at <= utcnow():
        return None
    taken = db.session.execute(
        delete(IdportenMockCode).where(IdportenMockCode.code_hash == row.code_hash)
    )
    return IssuedCode(row) if taken.rowcount == 1 else None  # type: ignore[attr-defined]


def nonce_in_use(client_id: str, nonce: str) -> bool:
    """Whether an unredeemed code of this client already carries the nonce."""
    query = select(IdportenMockCode).where(
        IdportenMockCode.client_id == client_id, IdportenMockCode.nonce == nonce
    )
    return bool(db.session.scalar(select(exists(query))))


def save_token(access_token: str, expires_in: int, scope: str, user: Subject) -> None:
    """Store an access token for the userinfo endpoint."""
    db.session.add(
        IdportenMockToken(
            token_hash=digest(access_token),
            client_id=user.client_id,
            scope=scope,
            sid=user.sid,
            pid=user.pid,
            name=user.name,
            acr=user.acr,
            locale=user.locale,
            auth_time=user.auth_time,
            expires_at=utcnow() + timedelta(seconds=expires_in),
        )
    )
    db.session.commit()


def find_token(access_token: str) -> IssuedToken | None:
    """The stored access token, expired or not (the validator checks), or None."""
    row = db.session.get(IdportenMockToken, digest(access_token))
    return IssuedToken(row) if row else None


def use_assertion_id(client_id: str, jti: str) -> bool:
    """Record a client assertion's jti; False if it was seen before (a replay)."""
    key = digest(f"{client_id}\n{jti}")
    if db.session.get(IdportenMockAssertion, key) is not None:
        return False
    db.session.add(IdportenMockAssertion(jti_hash=key, expires_at=utcnow() + timedelta(hours=1)))
    db.session.flush()
    return True


def _purge_expired() -> None:
    now = utcnow()
    for model in (IdportenMockCode, IdportenMockToken, IdportenMockAssertion):
        db.session.execute(delete(model).where(model.expires_at < now))
