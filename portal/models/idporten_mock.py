"""State of the built-in ID-porten look-alike (dev/test only): IdP sessions, codes, tokens.

It lives in the database, not in process memory, so the look-alike works behind several
gunicorn workers. Codes, access tokens and the browser's session cookie are stored as SHA-256
hashes: a database dump does not let anyone replay them.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Model, UTCDateTime, utcnow


class IdportenMockSession(Model):
    """A person's single sign-on session at the look-alike (ID-porten's `sid`)."""

    __tablename__ = "idporten_mock_session"

    sid: Mapped[str] = mapped_column(String(64), primary_key=True)
    cookie_hash: Mapped[str] = mapped_column(String(64), unique=True)
    pid: Mapped[str] = mapped_column(String(11))
    name: Mapped[str] = mapped_column(String(200), default="")
    acr: Mapped[str] = mapped_column(String(64))
    auth_time: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class IdportenMockSessionClient(Model):
    """A client that received tokens in an IdP session: it gets the back-channel logout."""

    __tablename__ = "idporten_mock_session_client"
    __table_args__ = (UniqueConstraint("sid", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sid: Mapped[str] = mapped_column(
        ForeignKey("idporten_mock_session.sid", ondelete="CASCADE"), index=True
    )
    client_id: Mapped[str] = mapped_column(String(255))


class _LoginClaims:
    """Who logged in, how and until when: what a code and a token both carry into claims."""

    sid: Mapped[str] = mapped_column(String(64))
    pid: Mapped[str] = mapped_column(String(11))
    name: Mapped[str] = mapped_column(String(200), default="")
    acr: Mapped[str] = mapped_column(String(64))
    locale: Mapped[str] = mapped_column(String(8))
    auth_time: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


class IdportenMockCode(_LoginClaims, Model):
    """An authorization code: single use, short-lived, bound to client, redirect and PKCE."""

    __tablename__ = "idporten_mock_code"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(255))
    redirect_uri: Mapped[str] = mapped_column(String(2000))
    scope: Mapped[str] = mapped_column(String(500))
    nonce: Mapped[str] = mapped_column(String(500))
    code_challenge: Mapped[str] = mapped_column(String(128))
    code_challenge_method: Mapped[str] = mapped_column(String(10))


class IdportenMockToken(_LoginClaims, Model):
    """An access token, for the userinfo endpoint."""

    __tablename__ = "idporten_mock_token"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(255))
    scope: Mapped[str] = mapped_column(String(500))


class IdportenMockAssertion(Model):
    """A used private_key_jwt client assertion id (`jti`), so it cannot be replayed."""

    __tablename__ = "idporten_mock_assertion"

    jti_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
