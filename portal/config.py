"""Configuration classes, chosen by the PORTAL_ENV environment variable.

Everything a deployment may change comes from environment variables with safe defaults.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("nb", "nn", "en")


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def _dev_secret(instance_path: Path) -> str:
    """A secret key generated once and kept under instance/, for development only."""
    path = instance_path / "secret_key"
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


class Base:
    ENV_NAME = "base"
    TESTING = False
    LANGUAGES = LANGUAGES
    BABEL_DEFAULT_LOCALE = "nb"
    BABEL_DEFAULT_TIMEZONE = "Europe/Oslo"
    WTF_CSRF_TIME_LIMIT = None  # a long form on a phone must not fail because it took an hour
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "portal_session"
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024  # a bigger request gets the 413 page
    DOCUMENT_MAX_BYTES = 15 * 1024 * 1024  # per uploaded file
    DOCUMENT_STORAGE_DIR = os.environ.get("DOCUMENT_STORAGE_DIR", "")  # default instance/documents
    # Server-side login sessions
    SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
    SESSION_WARNING_MINUTES = int(os.environ.get("SESSION_WARNING_MINUTES", "5"))
    SESSION_MAX_HOURS = int(os.environ.get("SESSION_MAX_HOURS", "8"))
    LOGIN_RATE_LIMIT = (20, 60)  # callbacks per client address per window of seconds
    # The built-in ID-porten look-alike; never in production.
    IDPORTEN_MOCK = False
    ALLOW_SYNTHETIC_FNR = False
    # OIDC: citizens (ID-porten) and staff (the municipality's IdP)
    OIDC_DISCOVERY_URL = os.environ.get("OIDC_DISCOVERY_URL", "")
    OIDC_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "")
    OIDC_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "")
    OIDC_PRIVATE_KEY_FILE = os.environ.get("OIDC_PRIVATE_KEY_FILE", "")
    OIDC_PRIVATE_KEY_ID = os.environ.get("OIDC_PRIVATE_KEY_ID", "")  # kid for private_key_jwt
    OIDC_ACR = os.environ.get("OIDC_ACR", "idporten-loa-substantial")
    STAFF_OIDC_DISCOVERY_URL = os.environ.get("STAFF_OIDC_DISCOVERY_URL", "")
    STAFF_OIDC_CLIENT_ID = os.environ.get("STAFF_OIDC_CLIENT_ID", "")
    STAFF_OIDC_CLIENT_SECRET = os.environ.get("STAFF_OIDC_CLIENT_SECRET", "")
    STAFF_OIDC_ACR = os.environ.get("STAFF_OIDC_ACR", "")
    # Which claim identifies a staff member in the staff table (ID-porten: pid).
    STAFF_SUBJECT_CLAIM = os.environ.get("STAFF_SUBJECT_CLAIM", "pid")
    HSTS = False
    # The portal's external base URL: redirect URIs and links in letters are built from it.
    PUBLIC_URL = os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000").rstrip("/")

    def __init__(self, instance_path: Path) -> None:
        self.SQLALCHEMY_DATABASE_URI = os.environ.get(
            "DATABASE_URL", f"sqlite:///{instance_path / 'portal.sqlite3'}"
        )
        # Test a pooled connection before use: a database server may have dropped it. A
        # SQLite file cannot, and the test is a query on every request.
        server = not self.SQLALCHEMY_DATABASE_URI.startswith("sqlite")
        self.SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": server}
        self.SECRET_KEY = os.environ.get("SECRET_KEY") or _dev_secret(instance_path)


class Development(Base):
    ENV_NAME = "development"
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", False)
    IDPORTEN_MOCK = True
    ALLOW_SYNTHETIC_FNR = True


class Test(Development):
    ENV_NAME = "test"
    TESTING = True
    LOGIN_RATE_LIMIT = (1000, 60)


class Production(Base):
    ENV_NAME = "production"
    HSTS = True

    def __init__(self, instance_path: Path) -> None:
        secret = os.environ.get("SECRET_KEY", "")
        if len(secret) < 32:
            raise RuntimeError("Production needs SECRET_KEY (at least 32 characters).")
        if _env_bool("IDPORTEN_MOCK", False):
            raise RuntimeError("The ID-porten look-alike cannot run in production.")
        if not os.environ.get("DATABASE_URL"):
            raise RuntimeError("Production needs DATABASE_URL (PostgreSQL).")
        super().__init__(instance_path)


MOCK_PATH = "/idporten-mock"


def finalize(config: dict[str, Any]) -> None:
    """Fill in what follows from other settings (after overrides): the look-alike's clients."""
    if not config["IDPORTEN_MOCK"]:
        return
    discovery = f"{config['PUBLIC_URL']}{MOCK_PATH}/.well-known/openid-configuration"
    defaults = {
        "OIDC_DISCOVERY_URL": discovery,
        "OIDC_CLIENT_ID": "startlanportalen-dev",
        "OIDC_CLIENT_SECRET": "dev-only-citizen-secret",
        "STAFF_OIDC_DISCOVERY_URL": discovery,
        "STAFF_OIDC_CLIENT_ID": "startlanportalen-staff-dev",
        "STAFF_OIDC_CLIENT_SECRET": "dev-only-staff-secret",
        "STAFF_OIDC_ACR": "idporten-loa-substantial",
    }
    for key, value in defaults.items():
        if not config.get(key):
            config[key] = value


CONFIGS: dict[str, type[Base]] = {
    "development": Development,
    "test": Test,
    "production": Production,
}


def load(instance_path: Path, name: str | None = None) -> Base:
    """The configuration named by PORTAL_ENV (default development)."""
    name = name or os.environ.get("PORTAL_ENV", "development")
    if name not in CONFIGS:
        raise RuntimeError(f"PORTAL_ENV must be one of {', '.join(CONFIGS)}")
    return CONFIGS[name](instance_path)
