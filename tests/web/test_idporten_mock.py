"""The ID-porten look-alike as a real OIDC provider, driven over HTTP like a browser and an RP."""

from __future__ import annotations

import secrets
import stat
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from bs4 import BeautifulSoup
from flask import Flask
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from web_helpers import IDP_JWT_RP_ID, IDP_RP_ID, IDP_RP_SECRET, NOWHERE, Picker, pkce_pair

from portal.domain.fnr import Identity, parse
from portal.extensions import db
from portal.idporten_mock.persons import all_persons, citizen_persons, staff_persons
from portal.models.base import utcnow
from portal.models.idporten_mock import IdportenMockCode

pytestmark = pytest.mark.usefixtures("idp_extra_clients")
PERSON = citizen_persons()[0]
BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout"


class RP:
    """What a relying party does: build the request, exchange the code, check the tokens."""

    def __init__(self, browser: Picker, client_id: str, secret: str, redirect_uri: str) -> None:
        self.browser, self.issuer = browser, f"{browser.base}/idporten-mock"
        self.client_id, self.secret, self.redirect_uri = client_id, secret, redirect_uri
        self.verifier, challenge = pkce_pair()
        self.params = dict(client_id=client_id, redirect_uri=redirect_uri, state="st-123")
        self.params |= dict(response_type="code", scope="openid profile", ui_locales="nb")
        self.params |= dict(code_challenge=challenge, code_challenge_method="S256")
        self.params["acr_values"] = "idporten-loa-substantial"

    def start(self, **changes: str | None) -> requests.Response:
        """Open the authorization URL (a fresh nonce each time, as an RP does)."""
        self.params["nonce"] = secrets.token_urlsafe(16)
        params = {k: v for k, v in {**self.params, **changes}.items() if v is not None}
        return self.browser.open(self.browser.authorize_url(**params))

    def exchange(self, location: str, verifier: str | None = None, **extra: str) -> Any:
        query = parse_qs(urlparse(location).query)
        assert location.startswith(self.redirect_uri) and query["state"] == ["st-123"], location
        data = {"grant_type": "authorization_code", "code": query["code"][0], **extra}
        data |= {"redirect_uri": self.redirect_uri, "code_verifier": verifier or self.verifier}
        auth = (self.client_id, self.secret) if self.secret else None
        return requests.post(f"{self.issuer}/token", data=data, auth=auth, timeout=5)

    def verify(self, token: str, typ: str = "JWT", **claims: Any) -> dict[str, Any]:
        """Check a signed token against the published JWKS, iss, aud and the given claims."""
        keys = KeySet.import_key_set(requests.get(f"{self.issuer}/jwks.json", timeout=5).json())
        decoded = jwt.decode(token, keys, algorithms=["RS256"])
        assert decoded.header["kid"] == keys.keys[0].kid and decoded.header["typ"] == typ
        expected = {"iss": self.issuer, "aud": self.client_id, **claims}
        registry = {name: {"essential": True, "value": value} for name, value in expected.items()}
        jwt.JWTClaimsRegistry(iat={"essential": True}, **registry).validate(decoded.claims)
        return dict(decoded.claims)

    def tokens(self, location: str) -> dict[str, Any]:
        response = self.exchange(location)
        assert response.status_code == 200, response.text
        nonce = self.params["nonce"]
        return {**response.json(), "claims": self.verify(response.json()["id_token"], nonce=nonce)}

    def login(self, **fields: str) -> dict[str, Any]:
        """Log in through the picker (or single sign-on); the token response and ID token claims."""
        page = self.start()
        location = page.headers["Location"] if page.status_code == 302 else None
        return self.tokens(location or self.browser.submit(page, **fields).headers["Location"])


@pytest.fixture
def rp(picker: Any) -> RP:
    """The test relying party (client test-rp, with a back-channel receiver) in a fresh browser."""
    return RP(picker(), IDP_RP_ID, IDP_RP_SECRET, f"{NOWHERE}/test-rp/callback")


def _portal(app: Flask, browser: Picker, staff: bool = False) -> RP:
    prefix, path = ("STAFF_", "/personale/auth/callback") if staff else ("", "/auth/callback")
    client_id, secret = (app.config[f"{prefix}OIDC_CLIENT_{key}"] for key in ("ID", "SECRET"))
    return RP(browser, client_id, secret, f"{browser.base}{path}")


def _error(response: requests.Response) -> str:
    return parse_qs(urlparse(response.headers["Location"]).query)["error"][0]


def _real_fnr() -> str:
    """A number that passes every check but is not synthetic (never a known person's)."""
    candidates = (f"010190123{check:02d}" for check in range(100))
    return next(n for n in candidates if isinstance(parse(n, allow_synthetic=False), Identity))


def test_discovery_and_jwks(app: Flask, live_server: str) -> None:
    issuer = f"{live_server}/idporten-mock"
    doc = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=5).json()
    assert doc["issuer"] == issuer
    for key in ("authorization", "token", "userinfo", "end_session"):
        assert doc[f"{key}_endpoint"].startswith(issuer)
    assert doc["backchannel_logout_supported"] is True
    assert doc["code_challenge_methods_supported"] == ["S256"]
    assert doc["acr_values_supported"] == ["idporten-loa-substantial", "idporten-loa-high"]
    assert doc["ui_locales_supported"] == ["nb", "nn", "en", "se"]
    assert doc["id_token_signing_alg_values_supported"] == ["RS256"]
    assert "private_key_jwt" in doc["token_endpoint_auth_methods_supported"]
    assert {"pid", "acr", "amr", "sid", "locale"} <= set(doc["claims_supported"])
    (key,) = requests.get(doc["jwks_uri"], timeout=5).json()["keys"]
    assert key["kty"] == "RSA" and key["alg"] == "RS256" and key["kid"] and "d" not in key
    key_file = Path(app.instance_path) / "idporten_mock_key.pem"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600  # a secret, kept from other users


def test_code_flow_gives_an_id_token_like_id_portens(rp: RP) -> None:
    result = rp.login(person=PERSON.pid)
    claims = result["claims"]
    assert claims["pid"] == PERSON.pid and claims["name"] == PERSON.name
    assert claims["acr"] == "idporten-loa-substantial" and claims["amr"] == ["TestID"]
    assert claims["locale"] == "nb" and claims["sub"] != PERSON.pid
    assert claims["sid"] and claims["auth_time"] <= claims["iat"] < claims["exp"]
    bearer = {"Authorization": f"Bearer {result['access_token']}"}
    info = requests.get(f"{rp.issuer}/userinfo", headers=bearer, timeout=5)
    assert info.json()["pid"] == PERSON.pid and info.json()["sub"] == claims["sub"]
    assert requests.get(f"{rp.issuer}/userinfo", timeout=5).status_code == 401


def test_sso_gives_each_client_its_own_pairwise_sub(app: Flask, rp: RP) -> None:
    first = rp.login(person=PERSON.pid)["claims"]
    staff = _portal(app, rp.browser, staff=True)
    sso = staff.start()
    assert sso.status_code == 302  # no picker: single sign-on
    second = staff.tokens(sso.headers["Location"])["claims"]
    assert second["pid"] == first["pid"] and second["sid"] == first["sid"]
    assert second["sub"] != first["sub"]


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"code_challenge": None, "code_challenge_method": None}, "invalid_request"),
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"code_challenge_method": None}, "invalid_request"),
        ({"nonce": None}, "invalid_request"),
        ({"scope": "profile"}, "invalid_scope"),
        ({"prompt": "none"}, "login_required"),  # no IdP session in this browser
    ],
)
def test_bad_requests_go_back_to_the_client_with_an_error(
    rp: RP, changes: dict[str, str | None], error: str
) -> None:
    response = rp.start(**changes)
    assert response.status_code == 302 and _error(response) == error
    assert parse_qs(urlparse(response.headers["Location"]).query)["state"] == ["st-123"]


def test_unknown_redirect_uri_is_shown_not_followed(rp: RP) -> None:
    response = rp.start(redirect_uri="https://evil.example/cb")
    assert response.status_code == 400 and "Location" not in response.headers


def test_token_endpoint_rejects_wrong_verifier_and_replayed_code(rp: RP) -> None:
    location = rp.browser.submit(rp.start(), person=PERSON.pid).headers["Location"]
    wrong = rp.exchange(location, verifier="x" * 50)
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    assert rp.exchange(location).status_code == 200
    replay = rp.exchange(location)
    assert replay.status_code == 400 and replay.json()["error"] == "invalid_grant"
    rp.secret = "wrong"
    assert rp.exchange(location).status_code == 401


def test_code_expires_after_a_minute(app: Flask, rp: RP) -> None:
    location = rp.browser.submit(rp.start(), person=PERSON.pid).headers["Location"]
    with app.app_context():
        for code in db.session.scalars(db.select(IdportenMockCode)):
            code.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert rp.exchange(location).json()["error"] == "invalid_grant"


def test_prompt_login_shows_the_picker_even_with_a_session(rp: RP) -> None:
    rp.login(person=PERSON.pid)
    assert rp.start().status_code == 302
    page = rp.start(prompt="login")
    assert page.status_code == 200 and 'name="person"' in page.text
    assert rp.start(acr_values="idporten-loa-high").status_code == 200  # session is substantial


def test_level_is_chosen_and_can_be_simulated_too_low(rp: RP) -> None:
    page = rp.start(acr_values="idporten-loa-high")
    soup = BeautifulSoup(page.text, "html.parser")
    assert soup.find("input", attrs={"name": "level", "checked": True})["value"].endswith("high")
    low = rp.browser.submit(page, person=PERSON.pid, level="idporten-loa-low")
    assert rp.tokens(low.headers["Location"])["claims"]["acr"] == "idporten-loa-low"


def test_cancel_sends_access_denied(rp: RP) -> None:
    assert _error(rp.browser.submit(rp.start(), cancel="1")) == "access_denied"


@pytest.mark.parametrize(("ui_locales", "lang"), [("en", "en"), ("nn", "nn"), ("se", "nb")])
def test_ui_locales_sets_the_pickers_language(rp: RP, ui_locales: str, lang: str) -> None:
    page = rp.start(ui_locales=ui_locales)
    assert BeautifulSoup(page.text, "html.parser").html["lang"] == lang


@pytest.mark.parametrize(
    ("number", "message"),
    [("1483881234", "11 digits"), ("14838812343", "check digits"), (_real_fnr(), "synthetic")],
)
def test_typed_number_errors_are_shown_at_the_field(rp: RP, number: str, message: str) -> None:
    response = rp.browser.submit(rp.start(ui_locales="en"), fnr=number)
    soup = BeautifulSoup(response.text, "html.parser")
    assert response.status_code == 200
    assert message in soup.find(id="fnr-error").text
    assert soup.select_one(".ds-error-summary a")["href"] == "#fnr"
    assert soup.find(id="fnr")["aria-invalid"] == "true"
    assert _real_fnr() not in response.text  # a real number is never echoed back


def test_typed_synthetic_number_logs_in(rp: RP) -> None:
    number = "11859316613"  # synthetic, not one of the test persons
    assert rp.login(fnr=number)["claims"]["pid"] == number


def test_private_key_jwt_client(picker: Any, idp_rp_key: RSAKey) -> None:
    rp = RP(picker(), IDP_JWT_RP_ID, "", f"{NOWHERE}/test-rp-jwt/callback")
    now = int(utcnow().timestamp())
    me = rp.client_id
    claims = {"iss": me, "sub": me, "aud": rp.issuer, "iat": now, "exp": now + 60, "jti": "j1"}
    extra = {
        "client_assertion": jwt.encode({"alg": "RS256", "kid": idp_rp_key.kid}, claims, idp_rp_key),
        "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    }
    pages = [rp.browser.submit(rp.start(prompt="login"), person=PERSON.pid) for _ in range(2)]
    answers = [rp.exchange(page.headers["Location"], **extra).json() for page in pages]
    assert "id_token" in answers[0] and answers[1]["error"] == "invalid_client"  # jti replayed


def test_test_persons_file_is_valid() -> None:
    pids = [person.pid for person in all_persons()]
    assert len(pids) == len(set(pids))
    for person in all_persons():
        identity = parse(person.pid, allow_synthetic=True)
        assert isinstance(identity, Identity) and identity.synthetic, person.name
        assert {"nb", "nn", "en"} <= set(person.description), person.name
    roles = {f"{p.staff_role} {p.municipality}" for p in staff_persons()}
    assert {"caseworker 4601", "decider 4601", "caseworker 3418", "decider 3418"} <= roles
    assert any(role.startswith("admin") for role in roles)
    assert len(citizen_persons()) >= 7


def test_end_session_redirects_and_logs_out_the_other_clients(
    app: Flask, rp: RP, idp_receiver: Any
) -> None:
    ours = rp.login(person=PERSON.pid)["claims"]
    portal = _portal(app, rp.browser)
    hint = portal.tokens(portal.start().headers["Location"])["id_token"]
    http, endsession = rp.browser.http, f"{rp.issuer}/endsession"
    params = {"id_token_hint": hint, "state": "bye"}
    bad = {**params, "post_logout_redirect_uri": "https://evil.example/"}
    refused = http.get(endsession, params=bad)
    assert refused.status_code == 400 and not refused.history
    params["post_logout_redirect_uri"] = f"{rp.browser.base}/logget-ut"
    response = http.get(endsession, params=params, allow_redirects=False)
    assert response.headers["Location"] == f"{rp.browser.base}/logget-ut?state=bye"
    token = idp_receiver.next_post()["logout_token"]
    claims = rp.verify(token, "logout+jwt", sid=ours["sid"], sub=ours["sub"])
    assert claims["events"] == {BACKCHANNEL_EVENT: {}} and "nonce" not in claims
    assert claims["jti"] and idp_receiver.posts.empty()  # the portal, which asked, is not told
    assert rp.start().status_code == 200  # no session left: the picker again


def test_end_session_without_hint_asks_first(rp: RP) -> None:
    rp.login(person=PERSON.pid)
    page = rp.browser.http.get(f"{rp.issuer}/endsession")
    assert page.status_code == 200 and "form" in page.text
    assert rp.start().status_code == 302  # still logged in
    assert rp.browser.http.post(f"{rp.issuer}/endsession").status_code == 200
    assert rp.start().status_code == 200


def test_ending_a_session_tells_every_client(rp: RP, idp_receiver: Any) -> None:
    sid = rp.login(person=PERSON.pid)["claims"]["sid"]
    listing = rp.browser.http.get(f"{rp.issuer}/sessions")
    assert sid in listing.text and PERSON.name in listing.text
    ended = requests.post(f"{rp.issuer}/sessions/end", data={"sid": sid}, timeout=10)
    assert ended.status_code == 200 and ended.history[0].status_code == 303
    token = idp_receiver.next_post()["logout_token"]
    assert rp.verify(token, "logout+jwt", sid=sid)["events"] == {BACKCHANNEL_EVENT: {}}
    again = requests.post(f"{rp.issuer}/sessions/end", data={"sid": sid}, timeout=10)
    assert again.status_code == 404
