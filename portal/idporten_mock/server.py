"""Authlib's authorization server, configured to behave like ID-porten.

Authorization code grant only, PKCE S256 required (no "plain", no missing challenge), nonce
required, RS256 ID tokens with ID-porten's claims, client_secret_basic/post and
private_key_jwt at the token endpoint, userinfo, and RP-initiated logout.
"""

from __future__ import annotations

from typing import Any

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.oauth2.rfc6749 import (
    InvalidClientError,
    InvalidRequestError,
    InvalidScopeError,
    OAuth2Request,
)
from authlib.oauth2.rfc6749.grants import AuthorizationCodeGrant
from authlib.oauth2.rfc6750 import BearerTokenValidator
from authlib.oauth2.rfc7523 import JWTBearerClientAssertion
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfoEndpoint
from authlib.oidc.core.grants import OpenIDCode
from authlib.oidc.core.grants.util import is_openid_scope
from authlib.oidc.rpinitiated import EndSessionEndpoint
from flask import Flask
from joserfc.jwk import KeySet, RSAKey

from portal.idporten_mock import keys, store
from portal.idporten_mock.clients import PRIVATE_KEY_JWT, SECRET_METHODS, MockClient, find_client
from portal.idporten_mock.sessions import add_client
from portal.idporten_mock.store import IssuedCode, Subject

AMR = ["TestID"]  # what ID-porten's test environment says for its synthetic test users
ID_TOKEN_SECONDS = 120  # as ID-porten


def person_claims(user: Subject) -> dict[str, Any]:
    """The claims about the person for the client in `user`, in the ID token and userinfo."""
    return {
        "sub": keys.pairwise_sub(user.client_id, user.pid),
        "pid": user.pid,
        "locale": user.locale,
        # Real ID-porten sends no name; the look-alike does, so demos show who is logged in.
        "name": user.name,
    }


class Grant(AuthorizationCodeGrant):
    """The authorization code grant, with codes in the database and `openid` required."""

    TOKEN_ENDPOINT_AUTH_METHODS = [*SECRET_METHODS, PRIVATE_KEY_JWT]  # noqa: RUF012

    def validate_authorization_request(self) -> str:
        redirect_uri: str = super().validate_authorization_request()
        if not is_openid_scope(self.request.payload.scope):
            raise InvalidScopeError("The scope must include 'openid'.", redirect_uri=redirect_uri)
        return redirect_uri

    def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
        store.save_code(
            code,
            request.client.client_id,
            request.payload.redirect_uri,
            request.scope,
            request.payload.data,
            request.user,
        )

    def query_authorization_code(self, code: str, client: MockClient) -> IssuedCode | None:
        return store.take_code(code, client.client_id)

    def delete_authorization_code(self, authorization_code: IssuedCode) -> None:
        pass  # take_code already removed it

    def authenticate_user(self, authorization_code: IssuedCode) -> Subject:
        return authorization_code.subject()


class S256Only(CodeChallenge):
    """PKCE as ID-porten requires it: always, and only S256."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]  # noqa: RUF012

    def validate_code_challenge(self, grant: Grant, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("Missing 'code_challenge': PKCE (S256) is required.")
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("Unsupported 'code_challenge_method': use S256.")
        super().validate_code_challenge(grant, redirect_uri)


class IdportenOpenIDCode(OpenIDCode):
    """ID tokens with ID-porten's claims, signed RS256 with the look-alike's key and kid."""

    def exists_nonce(self, nonce: str, request: OAuth2Request) -> bool:
        return store.nonce_in_use(request.payload.client_id, nonce)

    def resolve_client_private_key(self, client: MockClient) -> RSAKey:
        return keys.signing_key()

    def get_client_algorithm(self, client: MockClient) -> str:
        return keys.ALGORITHM

    def get_encode_header(self, client: MockClient) -> dict[str, str]:
        return {"alg": keys.ALGORITHM, "kid": keys.signing_key().kid or ""}

    def get_client_claims(self, client: MockClient) -> dict[str, Any]:
        issued = keys.now()
        return {
            "iss": keys.issuer(),
            "aud": client.client_id,
            "iat": issued,
            "exp": issued + ID_TOKEN_SECONDS,
            "jti": keys.jwt_id(),
        }

    def get_authorization_code_claims(self, authorization_code: IssuedCode) -> dict[str, Any]:
        row = authorization_code.row
        return {
            "nonce": row.nonce,
            "auth_time": int(row.auth_time.timestamp()),
            "acr": row.acr,
            "amr": AMR,
            "sid": row.sid,
        }

    def generate_user_info(self, user: Subject, scope: str) -> dict[str, Any]:
        return person_claims(user)


class PrivateKeyJWT(JWTBearerClientAssertion):
    """private_key_jwt (RFC 7523) as ID-porten takes it: aud is the issuer or token URL."""

    CLIENT_AUTH_METHOD = PRIVATE_KEY_JWT

    def get_audiences(self) -> list[str]:
        return [keys.issuer(), f"{keys.issuer()}/token"]

    def validate_jti(self, claims: dict[str, Any], jti: str) -> bool:
        return store.use_assertion_id(str(claims["sub"]), jti)

    def resolve_client_public_key(self, client: MockClient) -> KeySet:
        if not client.jwks:
            raise InvalidClientError(description="The client has no registered public key.")
        return KeySet.import_key_set(client.jwks)


class TokenValidator(BearerTokenValidator):
    """Bearer access tokens, looked up by hash."""

    def authenticate_token(self, token_string: str) -> store.IssuedToken | None:
        return store.find_token(token_string)


class UserInfo(UserInfoEndpoint):
    """The userinfo endpoint: the same person claims as the ID token."""

    def generate_user_info(self, user: Subject, scope: str) -> dict[str, Any]:
        return person_claims(user)

    def get_issuer(self) -> str:
        return keys.issuer()


class EndSession(EndSessionEndpoint):
    """Validates id_token_hint and post_logout_redirect_uri; the view ends the session."""

    def get_server_jwks(self) -> KeySet:
        return KeySet([keys.signing_key()])

    def get_algorithms(self) -> list[str]:
        return [keys.ALGORITHM]


def _save_token(token: dict[str, Any], request: OAuth2Request) -> None:
    user: Subject = request.user
    store.save_token(token["access_token"], token["expires_in"], token["scope"], user)
    add_client(user.sid, user.client_id)


def create_server(app: Flask) -> AuthorizationServer:
    """The configured authorization server for this app."""
    app.config.setdefault("OAUTH2_TOKEN_EXPIRES_IN", {"authorization_code": store.TOKEN_SECONDS})
    server = AuthorizationServer(app, query_client=find_client, save_token=_save_token)
    server.register_grant(Grant, [S256Only(), IdportenOpenIDCode(require_nonce=True)])
    server.register_client_auth_method(PRIVATE_KEY_JWT, PrivateKeyJWT())
    protector = ResourceProtector()
    protector.register_token_validator(TokenValidator())
    server.register_endpoint(UserInfo(resource_protector=protector))
    server.register_endpoint(EndSession)
    return server
