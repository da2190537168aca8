"""The look-alike's discovery document, shaped like ID-porten's."""

from __future__ import annotations

from typing import Any

from portal.idporten_mock.clients import PRIVATE_KEY_JWT, SCOPES, SECRET_METHODS
from portal.idporten_mock.forms import ACR_VALUES
from portal.idporten_mock.keys import ALGORITHM, issuer

UI_LOCALES = ("nb", "nn", "en", "se")
CLAIMS = (
    *("iss", "aud", "exp", "iat", "jti", "sub", "pid", "acr", "amr"),
    *("auth_time", "nonce", "sid", "locale", "at_hash", "name"),
)


def discovery_document() -> dict[str, Any]:
    """OpenID Provider Metadata; every URL is absolute, under PUBLIC_URL/idporten-mock."""
    base = issuer()
    return {
        "issuer": base,
        "authorization_endpoint": f"{base}/authorize",
        "token_endpoint": f"{base}/token",
        "userinfo_endpoint": f"{base}/userinfo",
        "jwks_uri": f"{base}/jwks.json",
        "end_session_endpoint": f"{base}/endsession",
        "backchannel_logout_supported": True,
        "backchannel_logout_session_supported": True,
        "frontchannel_logout_supported": False,
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code"],
        "subject_types_supported": ["pairwise"],
        "scopes_supported": list(SCOPES),
        "claims_supported": list(CLAIMS),
        "code_challenge_methods_supported": ["S256"],
        "acr_values_supported": list(ACR_VALUES),
        "ui_locales_supported": list(UI_LOCALES),
        "prompt_values_supported": ["login", "none"],
        "id_token_signing_alg_values_supported": [ALGORITHM],
        "token_endpoint_auth_methods_supported": [*SECRET_METHODS, PRIVATE_KEY_JWT],
        "token_endpoint_auth_signing_alg_values_supported": [ALGORITHM],
        "request_parameter_supported": False,
        "request_uri_parameter_supported": False,
    }
