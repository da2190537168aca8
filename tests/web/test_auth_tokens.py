"""ID token and logout token validation with tokens we sign ourselves, published through a
fake JWKS: expired, tampered, wrong audience/issuer/nonce. Authlib's own parsing runs as in
the real callback (same call, same claim rules); only the IdP is replaced.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from authlib.integrations.flask_client import OAuth
from flask import Flask
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import RSAKey

from portal.auth.tokens import (
    BACKCHANNEL_EVENT,
    LogoutTokenError,
    acr_sufficient,
    validate_id_token,
    verify_logout_token,
)

ISSUER = "https://idp.example"
CLIENT_ID = "portal"
NONCE = "the-nonce"
KEY = RSAKey.generate_key(2048, private=True, parameters={"kid": "idp-1"})
OTHER_KEY = RSAKey.generate_key(2048, private=True, parameters={"kid": "idp-1"})


@pytest.fixture(scope="module")
def idp_client() -> Any:
    """An Authlib client whose metadata and JWKS are given inline (no network)."""
    registry = OAuth(Flask("fake-idp"))
    return registry.register(
        "fake",
        client_id=CLIENT_ID,
        client_secret="secret",
        issuer=ISSUER,
        jwks={"keys": [KEY.as_dict(private=False)]},
        id_token_signing_alg_values_supported=["RS256"],
    )


def _sign(claims: dict[str, Any], key: RSAKey = KEY, typ: str = "JWT") -> str:
    return jwt.encode({"alg": "RS256", "kid": key.kid, "typ": typ}, claims, key)


def _id_token(**changes: Any) -> dict[str, str]:
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "aud": CLIENT_ID,
        "sub": "pairwise",
        "pid": "14838812342",
        "iat": now,
        "exp": now + 120,
        "nonce": NONCE,
        "acr": "idporten-loa-substantial",
    }
    claims.update(changes)
    return {"id_token": _sign({k: v for k, v in claims.items() if v is not None})}


def test_a_good_id_token_passes(idp_client: Any) -> None:
    claims = validate_id_token(idp_client, _id_token(), NONCE)
    assert claims["pid"] == "14838812342"


@pytest.mark.parametrize(
    "changes",
    [
        {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 3720},
        {"aud": "someone-else"},
        {"iss": "https://evil.example"},
        {"nonce": "another-nonce"},
        {"nonce": None},
        {"exp": None},
        {"iat": None},
        {"sub": None},
    ],
    ids=["expired", "aud", "iss", "nonce", "no-nonce", "no-exp", "no-iat", "no-sub"],
)
def test_a_bad_id_token_is_refused(idp_client: Any, changes: dict[str, Any]) -> None:
    with pytest.raises(JoseError):
        validate_id_token(idp_client, _id_token(**changes), NONCE)


def test_a_tampered_id_token_signature_is_refused(idp_client: Any) -> None:
    header, _payload, signature = _id_token()["id_token"].split(".")
    forged = _id_token(pid="02869045651")["id_token"].split(".")[1]
    with pytest.raises(JoseError):
        validate_id_token(idp_client, {"id_token": f"{header}.{forged}.{signature}"}, NONCE)
    with pytest.raises(JoseError):
        other = _sign(jwt.decode(_id_token()["id_token"], KEY).claims, OTHER_KEY)
        validate_id_token(idp_client, {"id_token": other}, NONCE)


def test_an_unsigned_id_token_is_refused(idp_client: Any) -> None:
    _header, payload, _signature = _id_token()["id_token"].split(".")
    none_header = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0"  # {"alg":"none","typ":"JWT"}
    with pytest.raises(JoseError):
        validate_id_token(idp_client, {"id_token": f"{none_header}.{payload}."}, NONCE)


@pytest.mark.parametrize(
    ("actual", "required", "ok"),
    [
        ("idporten-loa-high", "idporten-loa-substantial", True),
        ("idporten-loa-substantial", "idporten-loa-substantial", True),
        ("idporten-loa-low", "idporten-loa-substantial", False),
        ("idporten-loa-substantial", "idporten-loa-high", False),
        (None, "idporten-loa-substantial", False),
        ("Level4", "idporten-loa-substantial", False),
        ("anything", "", True),
    ],
)
def test_acr_levels_are_ordered(actual: str | None, required: str, ok: bool) -> None:
    assert acr_sufficient(actual, required) is ok


def _logout_token(key: RSAKey = KEY, **changes: Any) -> str:
    claims = {
        "iss": ISSUER,
        "aud": CLIENT_ID,
        "iat": int(time.time()),
        "jti": "j1",
        "sid": "idp-session",
        "sub": "pairwise",
        "events": {BACKCHANNEL_EVENT: {}},
    }
    claims.update(changes)
    return _sign({k: v for k, v in claims.items() if v is not None}, key, typ="logout+jwt")


def test_a_good_logout_token_passes(idp_client: Any) -> None:
    assert verify_logout_token(idp_client, _logout_token())["sid"] == "idp-session"
    assert verify_logout_token(idp_client, _logout_token(sid=None))["sub"] == "pairwise"


@pytest.mark.parametrize(
    "changes",
    [
        {"nonce": "n"},
        {"events": None},
        {"events": {"http://example.com/other-event": {}}},
        {"iat": int(time.time()) - 3600},
        {"iat": None},
        {"sid": None, "sub": None},
        {"aud": "someone-else"},
        {"iss": "https://evil.example"},
        {"exp": int(time.time()) - 600},
    ],
    ids=["nonce", "no-events", "other-event", "old", "no-iat", "no-sid-sub", "aud", "iss", "exp"],
)
def test_a_bad_logout_token_is_refused(idp_client: Any, changes: dict[str, Any]) -> None:
    with pytest.raises((JoseError, LogoutTokenError)):
        verify_logout_token(idp_client, _logout_token(**changes))


def test_a_logout_token_signed_by_another_key_is_refused(idp_client: Any) -> None:
    with pytest.raises(JoseError):
        verify_logout_token(idp_client, _logout_token(OTHER_KEY))
