"""What the IdP sends back: the ID token (checked by Authlib with our claim rules), the level
of assurance (acr), and back-channel logout tokens.
"""

from __future__ import annotations

import time
from typing import Any

import requests
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from flask import current_app
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet
from joserfc.jws import JWSRegistry

from portal.auth import clients

# ID-porten's levels of assurance, lowest first.
ACR_LEVELS = ("idporten-loa-low", "idporten-loa-substantial", "idporten-loa-high")
BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout"
LEEWAY_SECONDS = 60  # clock skew we tolerate between us and the IdP
LOGOUT_TOKEN_MAX_AGE = 300  # a logout token older than this is refused (replayed or stuck)


class LoginError(Exception):
    """A login that must not go ahead; `reason` chooses the page the person sees."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


class LogoutTokenError(ValueError):
    """A back-channel logout token that fails validation."""


def acr_sufficient(actual: object, required: str) -> bool:
    """True when `actual` is at least `required` on ID-porten's scale; unknown values fail."""
    if not required:
        return True
    if actual not in ACR_LEVELS or required not in ACR_LEVELS:
        return actual == required
    return ACR_LEVELS.index(str(actual)) >= ACR_LEVELS.index(required)


def required_acr(kind: str) -> str:
    """The level of assurance configured for this kind of login ("" = none asked)."""
    return str(current_app.config.get(f"{clients.PREFIXES[kind]}ACR") or "")


def claims_options(client: Any) -> dict[str, Any]:
    """Authlib claim rules: our issuer, our client id as audience, exp and iat present."""
    return {
        "iss": {"essential": True, "values": [client.load_server_metadata()["issuer"]]},
        "aud": {"essential": True, "values": [client.client_id]},
        "sub": {"essential": True},
        "exp": {"essential": True},
        "iat": {"essential": True},
    }


def validate_id_token(client: Any, token: dict[str, Any], nonce: str) -> dict[str, Any]:
    """The ID token's claims after Authlib checks signature, iss, aud, exp, iat and nonce."""
    options = claims_options(client)
    return dict(client.parse_id_token(token, nonce, claims_options=options, leeway=LEEWAY_SECONDS))


def complete_login(kind: str) -> tuple[dict[str, Any], str]:
    """Finish the code flow on the callback: (verified ID token claims, raw ID token)."""
    client = clients.client(kind)
    try:
        token = client.authorize_access_token(
            claims_options=claims_options(client), leeway=LEEWAY_SECONDS
        )
    except MismatchingStateError as error:
        raise LoginError("state") from error
    except OAuthError as error:  # an error from the IdP, or the token endpoint said no
        reason = "cancelled" if error.error == "access_denied" else "token"
        raise LoginError(reason, str(error.error)) from error
    except JoseError as error:  # signature, iss, aud, exp, nonce ...
        raise LoginError("id_token", type(error).__name__) from error
    except requests.RequestException as error:
        raise LoginError("unavailable", type(error).__name__) from error
    claims = token.get("userinfo")
    if not claims or not token.get("id_token"):
        raise LoginError("id_token", "no ID token in the token response")
    if not acr_sufficient(claims.get("acr"), required_acr(kind)):
        raise LoginError("acr", str(claims.get("acr")))
    return dict(claims), str(token["id_token"])


def _decode_signed(client: Any, value: str) -> jwt.Token:
    algorithms = client.load_server_metadata().get("id_token_signing_alg_values_supported")
    registry = JWSRegistry(algorithms=algorithms or ["RS256"], strict_check_header=False)
    try:
        keys = KeySet.import_key_set(client.fetch_jwk_set())
        return jwt.decode(value, keys, registry=registry)
    except InvalidKeyIdError:  # the IdP may have rotated its keys since we cached them
        keys = KeySet.import_key_set(client.fetch_jwk_set(force=True))
        return jwt.decode(value, keys, registry=registry)


def verify_logout_token(client: Any, value: str, now: float | None = None) -> dict[str, Any]:
    """The claims of a valid back-channel logout token; LogoutTokenError (or JoseError) if not.

    OpenID Connect Back-Channel Logout 1.0, section 2.6: signature by the IdP's keys, iss, aud,
    a recent iat, the logout event, a sid or sub, and no nonce.
    """
    now = time.time() if now is None else now
    claims = _decode_signed(client, value).claims
    registry = jwt.JWTClaimsRegistry(
        now=int(now),
        leeway=LEEWAY_SECONDS,
        iss={"essential": True, "value": client.load_server_metadata()["issuer"]},
        aud={"essential": True, "value": client.client_id},
        iat={"essential": True},
    )
    registry.validate(claims)
    if abs(now - float(claims["iat"])) > LOGOUT_TOKEN_MAX_AGE:
        raise LogoutTokenError("iat is not recent")
    events = claims.get("events")
    if not isinstance(events, dict) or BACKCHANNEL_EVENT not in events:
        raise LogoutTokenError("no back-channel logout event")
    if "nonce" in claims:
        raise LogoutTokenError("a logout token must not carry a nonce")
    if not (isinstance(claims.get("sid"), str) and claims["sid"]) and not claims.get("sub"):
        raise LogoutTokenError("neither sid nor sub")
    return dict(claims)
