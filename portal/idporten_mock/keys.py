"""The look-alike's signing key and pairwise secret, generated once under instance/.

Both are files so that every worker process, and the next start, use the same ones: tokens
signed by one gunicorn worker verify against the JWKS served by another.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import tempfile
import time
import uuid
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from flask import current_app
from joserfc import jwt
from joserfc.jwk import RSAKey

from portal.config import MOCK_PATH

KEY_FILE = "idporten_mock_key.pem"
PAIRWISE_FILE = "idporten_mock_pairwise_secret"
ALGORITHM = "RS256"
_cache: dict[Path, bytes] = {}


def _instance_bytes(name: str, make: Callable[[], bytes]) -> bytes:
    """The bytes of a file under instance/, written first if absent; workers racing keep one."""
    path = Path(current_app.instance_path) / name
    if path in _cache:
        return _cache[path]
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent)  # mode 0600: the key is a secret
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(make())
            os.link(tmp, path)  # atomic, and fails if another process got there first
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    _cache[path] = path.read_bytes()
    return _cache[path]


@lru_cache(maxsize=4)
def _key_from_pem(pem: bytes) -> RSAKey:
    kid = RSAKey.import_key(pem).thumbprint()
    return RSAKey.import_key(pem, {"kid": kid, "use": "sig", "alg": ALGORITHM})


def signing_key() -> RSAKey:
    """The RS256 private key, with its `kid` (the RFC 7638 thumbprint)."""
    pem = _instance_bytes(KEY_FILE, lambda: RSAKey.generate_key(2048, private=True).as_pem(True))
    return _key_from_pem(pem)


def public_jwks() -> dict[str, Any]:
    """The JWKS document: the public half of the signing key."""
    return {"keys": [signing_key().as_dict(private=False)]}


def sign(claims: dict[str, Any], typ: str = "JWT") -> str:
    """A compact JWS over the claims, signed RS256 with the look-alike's key and `kid`."""
    key = signing_key()
    header = {"alg": ALGORITHM, "kid": key.kid, "typ": typ}
    return jwt.encode(header, claims, key, [ALGORITHM])


def pairwise_sub(client_id: str, pid: str) -> str:
    """A stable subject per client and person that lets no two clients link the person."""
    secret = _instance_bytes(PAIRWISE_FILE, lambda: secrets.token_hex(32).encode())
    digest = hmac.new(secret, f"{client_id}\n{pid}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def issuer() -> str:
    """The look-alike's issuer identifier: PUBLIC_URL + /idporten-mock."""
    return f"{current_app.config['PUBLIC_URL']}{MOCK_PATH}"


def jwt_id() -> str:
    """A fresh `jti`."""
    return str(uuid.uuid4())


def now() -> int:
    """Seconds since the epoch, for `iat` and `exp`."""
    return int(time.time())
