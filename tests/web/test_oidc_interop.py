"""Interop: an independent OIDC client (pyoidc's `oic`) logs in using only the discovery document.

If the look-alike drifted from the specs in a way our own Authlib-based client tolerates, a
second, unrelated implementation is likely to notice.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest
from oic.oic import Client
from oic.oic.message import AccessTokenResponse, AuthorizationResponse, RegistrationResponse
from oic.utils.authn.client import CLIENT_AUTHN_METHOD
from web_helpers import IDP_OIC_RP_ID, IDP_RP_SECRET, NOWHERE

from portal.idporten_mock.persons import citizen_persons

pytestmark = pytest.mark.usefixtures("idp_extra_clients")
REDIRECT_URI = f"{NOWHERE}/oic/callback"


def test_pyoidc_client_logs_in_with_pkce_and_verifies_the_id_token(
    live_server: str, picker: Any
) -> None:
    person = citizen_persons()[1]
    client = Client(client_authn_method=CLIENT_AUTHN_METHOD)
    client.provider_config(f"{live_server}/idporten-mock")  # discovery + JWKS, nothing else
    client.store_registration_info(
        RegistrationResponse(
            client_id=IDP_OIC_RP_ID, client_secret=IDP_RP_SECRET, redirect_uris=[REDIRECT_URI]
        )
    )
    pkce, verifier = client.add_code_challenge()  # S256 by default
    request_args = {
        "response_type": "code",
        "scope": ["openid"],
        "state": "oic-state",
        "nonce": "oic-nonce",
        "redirect_uri": REDIRECT_URI,
        "acr_values": "idporten-loa-high",
        **pkce,
    }
    assert pkce["code_challenge_method"] == "S256"
    url = client.construct_AuthorizationRequest(request_args=request_args).request(
        client.authorization_endpoint
    )
    browser = picker()
    location = browser.login(url, person=person.pid, level="idporten-loa-high")
    assert location.startswith(REDIRECT_URI)

    answer = client.parse_response(
        AuthorizationResponse, info=urlparse(location).query, sformat="urlencoded"
    )
    tokens = client.do_access_token_request(
        state=answer["state"],
        request_args={"code": answer["code"], "code_verifier": verifier},
        authn_method="client_secret_basic",
    )
    assert isinstance(tokens, AccessTokenResponse)
    # oic has verified the ID token's signature against the JWKS it fetched, and iss/aud/exp.
    id_token = tokens["id_token"]
    assert id_token.jws_header["alg"] == "RS256"
    assert id_token["iss"] == client.provider_info["issuer"]
    assert id_token["aud"] == [IDP_OIC_RP_ID]
    assert id_token["nonce"] == "oic-nonce" and id_token["pid"] == person.pid
    assert id_token["acr"] == "idporten-loa-high"

    # As ID-porten, the look-alike takes the access token only in the Authorization header.
    info = client.do_user_info_request(method="GET", state="oic-state")
    assert info["sub"] == id_token["sub"] and info["pid"] == person.pid
