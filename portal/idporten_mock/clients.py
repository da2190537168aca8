"""The look-alike's registered clients: the portal's two, and any extra ones from config.

Built from the app config on each call (a handful of dicts), so the registry always matches
the running configuration — tests may add a client by setting IDPORTEN_MOCK_EXTRA_CLIENTS.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from authlib.oauth2.rfc6749 import ClientMixin, scope_to_list
from flask import current_app
from joserfc.jwk import RSAKey

SCOPES = ("openid", "profile")
SECRET_METHODS = ("client_secret_basic", "client_secret_post")
PRIVATE_KEY_JWT = "private_key_jwt"


@dataclass(frozen=True)
class MockClient(ClientMixin):
    """A confidential OIDC client registered with the look-alike."""

    client_id: str
    client_secret: str
    client_name: str
    redirect_uris: tuple[str, ...]
    post_logout_redirect_uris: tuple[str, ...] = ()
    backchannel_logout_uri: str = ""
    auth_methods: tuple[str, ...] = SECRET_METHODS
    jwks: dict[str, Any] = field(default_factory=dict)  # public keys for private_key_jwt

    @property
    def client_metadata(self) -> dict[str, Any]:
        """The registration metadata Authlib's endpoints read."""
        return {"post_logout_redirect_uris": list(self.post_logout_redirect_uris)}

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> None:
        return None  # OIDC: the request must name its redirect_uri

    def get_allowed_scope(self, scope: str) -> str:
        return " ".join(s for s in scope_to_list(scope) or [] if s in SCOPES)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        return bool(self.client_secret) and hmac.compare_digest(
            client_secret.encode(), self.client_secret.encode()
        )

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return endpoint == "token" and method in self.auth_methods

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


@lru_cache(maxsize=4)
def _public_jwks(private_key_file: str) -> dict[str, Any]:
    """The public half of the portal's private_key_jwt key, if one is configured and readable."""
    path = Path(private_key_file) if private_key_file else None
    if path is None or not path.is_file():
        return {}
    return {"keys": [RSAKey.import_key(path.read_bytes()).as_dict(private=False)]}


def _portal_clients(config: dict[str, Any]) -> list[MockClient]:
    base = config["PUBLIC_URL"]
    logout = (f"{base}/", f"{base}/logget-ut")
    backchannel = f"{base}/auth/backchannel-logout"
    jwks = _public_jwks(config.get("OIDC_PRIVATE_KEY_FILE", ""))
    citizen_methods = (*SECRET_METHODS, PRIVATE_KEY_JWT) if jwks else SECRET_METHODS
    return [
        MockClient(
            client_id=config["OIDC_CLIENT_ID"],
            client_secret=config["OIDC_CLIENT_SECRET"],
            client_name="Startlånportalen",
            redirect_uris=(f"{base}/auth/callback",),
            post_logout_redirect_uris=logout,
            backchannel_logout_uri=backchannel,
            auth_methods=citizen_methods,
            jwks=jwks,
        ),
        MockClient(
            client_id=config["STAFF_OIDC_CLIENT_ID"],
            client_secret=config["STAFF_OIDC_CLIENT_SECRET"],
            client_name="Startlånportalen – saksbehandling",
            redirect_uris=(f"{base}/personale/auth/callback",),
            post_logout_redirect_uris=logout,
            backchannel_logout_uri=backchannel,
        ),
    ]


def _extra_client(entry: dict[str, Any]) -> MockClient:
    method = entry.get("token_endpoint_auth_method", "client_secret_basic")
    return MockClient(
        client_id=entry["client_id"],
        client_secret=entry.get("client_secret", ""),
        client_name=entry.get("client_name", entry["client_id"]),
        redirect_uris=tuple(entry["redirect_uris"]),
        post_logout_redirect_uris=tuple(entry.get("post_logout_redirect_uris", ())),
        backchannel_logout_uri=entry.get("backchannel_logout_uri", ""),
        auth_methods=(method,) if isinstance(method, str) else tuple(method),
        jwks=entry.get("jwks", {}),
    )


def all_clients() -> dict[str, MockClient]:
    """Every registered client by client_id."""
    config = current_app.config
    extra = [_extra_client(entry) for entry in config.get("IDPORTEN_MOCK_EXTRA_CLIENTS", [])]
    return {client.client_id: client for client in [*_portal_clients(config), *extra]}


def find_client(client_id: str | None) -> MockClient | None:
    """The client with this id, or None."""
    return all_clients().get(client_id or "")
