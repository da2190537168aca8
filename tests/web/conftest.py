"""Web-layer fixtures.

Rules for tests/web: drive the app through the Flask test client, or through real HTTP
against the `live_server` fixture when a flow crosses processes (OIDC). The database is
migrated once and emptied after every test; no mocking of our own code or of Authlib.

Fixtures of the ID-porten look-alike tests: idp_receiver, idp_rp_key, idp_extra_clients,
picker (and the Picker helper). Fixtures of the portal's login tests: idporten (log in through
/logg-inn or /personale/logg-inn and the picker), http (a fresh English-speaking browser),
bergen_caseworker; helpers csrf_token, flask_session, set_flask_session.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests
from flask import Flask
from joserfc.jwk import RSAKey
from web_helpers import (
    CASEWORKER_BERGEN,
    IDP_JWT_RP_ID,
    IDP_OIC_RP_ID,
    IDP_RP_ID,
    IDP_RP_SECRET,
    NOWHERE,
    IdPorten,
    Picker,
    Receiver,
    browser,
)
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response


@pytest.fixture(scope="session")
def idp_receiver() -> Iterator[Receiver]:
    """A back-channel logout receiver on a free port, for the whole session."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    receiver = Receiver(url=f"http://127.0.0.1:{port}/backchannel")

    @Request.application
    def app(request: Request) -> Response:
        receiver.posts.put(request.form.to_dict())
        return Response("", status=200)

    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield receiver
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def idp_rp_key() -> RSAKey:
    """The private key of the private_key_jwt test client."""
    return RSAKey.generate_key(2048, private=True, parameters={"kid": "test-rp-jwt-1"})


@pytest.fixture
def idp_extra_clients(
    app: Flask, idp_receiver: Receiver, idp_rp_key: RSAKey, monkeypatch: pytest.MonkeyPatch
) -> list[dict[str, Any]]:
    """Register the tests' extra clients with the look-alike (it reads the config per request)."""
    idp_receiver.drain()
    clients = [
        {
            "client_id": IDP_RP_ID,
            "client_secret": IDP_RP_SECRET,
            "redirect_uris": [f"{NOWHERE}/test-rp/callback"],
            "post_logout_redirect_uris": [f"{NOWHERE}/test-rp/logged-out"],
            "backchannel_logout_uri": idp_receiver.url,
            "token_endpoint_auth_method": "client_secret_basic",
        },
        {
            "client_id": IDP_JWT_RP_ID,
            "redirect_uris": [f"{NOWHERE}/test-rp-jwt/callback"],
            "token_endpoint_auth_method": "private_key_jwt",
            "jwks": {"keys": [idp_rp_key.as_dict(private=False)]},
        },
        {
            "client_id": IDP_OIC_RP_ID,
            "client_secret": IDP_RP_SECRET,
            "redirect_uris": [f"{NOWHERE}/oic/callback"],
            "token_endpoint_auth_method": "client_secret_basic",
        },
    ]
    monkeypatch.setitem(app.config, "IDPORTEN_MOCK_EXTRA_CLIENTS", clients)
    return clients


@pytest.fixture
def picker(live_server: str) -> Callable[[], Picker]:
    """Make a fresh browser-like session against the live server's look-alike."""
    return lambda: Picker(live_server)


@pytest.fixture
def idporten(live_server: str) -> IdPorten:
    """The portal's login flow against the look-alike, over HTTP."""
    return IdPorten(live_server)


@pytest.fixture
def http() -> Iterator[requests.Session]:
    """A fresh browser for the test."""
    with browser() as session:
        yield session


@pytest.fixture
def bergen_caseworker(app: Flask) -> str:
    """Marte Berg registered as a caseworker in Bergen (4601); returns her pid."""
    from portal.cli import upsert_staff

    with app.app_context():
        upsert_staff(CASEWORKER_BERGEN, "Marte Berg", "caseworker", "4601")
    return CASEWORKER_BERGEN
