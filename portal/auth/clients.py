"""The two OIDC clients, built from configuration alone: discovery URL, client id, and a secret
(client_secret_basic) or a private key (private_key_jwt, as real ID-porten requires).

"citizen" logs people in through ID-porten (OIDC_*); "staff" logs municipal staff in through
the municipality's IdP (STAFF_OIDC_*). In development both point at the built-in look-alike.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from authlib.integrations.flask_client import OAuth
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from flask import Flask, current_app

CITIZEN = "citizen"
STAFF = "staff"
PREFIXES = {CITIZEN: "OIDC_", STAFF: "STAFF_OIDC_"}
CALLBACK_PATHS = {CITIZEN: "/auth/callback", STAFF: "/personale/auth/callback"}
SCOPE = "openid profile"
_EXTENSION = "authlib.integrations.flask_client"


class IssuerAudiencePrivateKeyJWT(PrivateKeyJWT):
    """private_key_jwt whose assertion is addressed to the issuer, as ID-porten asks."""

    def __init__(self, issuer: Callable[[], str], key_id: str = "") -> None:
        super().__init__(headers={"kid": key_id} if key_id else None)
        self._issuer = issuer

    def sign(self, auth: Any, token_endpoint: str) -> Any:
        """Sign the client assertion with aud = the issuer (falling back to the endpoint)."""
        return super().sign(auth, self._issuer() or token_endpoint)


def oauth() -> OAuth:
    """The app's Authlib registry."""
    return current_app.extensions[_EXTENSION]  # type: ignore[no-any-return]


def client(kind: str) -> Any:
    """The Authlib client for "citizen" or "staff"."""
    return oauth().create_client(kind)


def redirect_uri(kind: str) -> str:
    """The callback registered with the IdP, built from PUBLIC_URL."""
    return current_app.config["PUBLIC_URL"] + CALLBACK_PATHS[kind]


def metadata(kind: str) -> dict[str, Any]:
    """The IdP's discovery document (fetched once, then cached by Authlib)."""
    return client(kind).load_server_metadata()  # type: ignore[no-any-return]


def _registration(app: Flask, kind: str) -> dict[str, Any]:
    prefix = PREFIXES[kind]
    config = app.config
    client_kwargs: dict[str, Any] = {"scope": SCOPE, "code_challenge_method": "S256"}
    registration: dict[str, Any] = {
        "client_id": config[f"{prefix}CLIENT_ID"],
        "server_metadata_url": config[f"{prefix}DISCOVERY_URL"],
        "client_kwargs": client_kwargs,
    }
    key_file = config.get(f"{prefix}PRIVATE_KEY_FILE", "")
    if key_file:
        registration["client_secret"] = Path(key_file).read_text("utf-8")
        client_kwargs["token_endpoint_auth_method"] = "private_key_jwt"  # noqa: S105
        registration["client_auth_methods"] = [
            IssuerAudiencePrivateKeyJWT(
                lambda: str(metadata(kind).get("issuer", "")),
                config.get(f"{prefix}PRIVATE_KEY_ID", ""),
            )
        ]
    else:
        registration["client_secret"] = config[f"{prefix}CLIENT_SECRET"]
        client_kwargs["token_endpoint_auth_method"] = "client_secret_basic"  # noqa: S105
    return registration


def origin(url: str) -> str:
    """scheme://host[:port] of a URL, or "" when it has none."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def allow_form_action(app: Flask, *urls: str) -> None:
    """Let pages post forms that end in a redirect to these origins (see portal.security)."""
    extra: list[str] = app.config.setdefault("CSP_FORM_ACTION_EXTRA", [])
    for url in urls:
        value = origin(url)
        if value and value not in extra and value != origin(app.config["PUBLIC_URL"]):
            extra.append(value)


def note_idp_origins(kind: str, fetch: bool = False) -> None:
    """Add the IdP's login and logout origins to form-action once its metadata is known.

    Chrome applies form-action to the redirect after the logout form's POST, and ID-porten's
    end_session_endpoint lives on another host than its discovery document. With `fetch`, a
    worker that has not fetched the metadata yet does so (once) before rendering a page with
    a logout button; the built-in look-alike is on our own origin and needs nothing.
    """
    remote = client(kind)
    if "_loaded_at" not in remote.server_metadata:
        discovery = current_app.config[f"{PREFIXES[kind]}DISCOVERY_URL"]
        if not fetch or origin(discovery) == origin(current_app.config["PUBLIC_URL"]):
            return
        try:
            remote.load_server_metadata()
        except requests.RequestException:
            current_app.logger.warning("%s IdP metadata unreachable; form-action unchanged", kind)
            return
    endpoints = ("authorization_endpoint", "end_session_endpoint")
    data = remote.server_metadata
    allow_form_action(current_app, *(str(data.get(key, "")) for key in endpoints))


def init_app(app: Flask) -> None:
    """Register both clients on a registry of this app's own."""
    registry = OAuth(app)
    for kind in (CITIZEN, STAFF):
        registry.register(kind, **_registration(app, kind))
        allow_form_action(app, app.config[f"{PREFIXES[kind]}DISCOVERY_URL"])
