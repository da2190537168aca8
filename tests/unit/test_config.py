"""Configuration: safe defaults, and production refuses to start unsafe."""

from pathlib import Path

import pytest

from portal import config, create_app


def test_production_refuses_without_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://x@127.0.0.1/x")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(env="production")


def test_production_refuses_weak_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", "short")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://x@127.0.0.1/x")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(env="production")


def test_production_refuses_the_look_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://x@127.0.0.1/x")
    monkeypatch.setenv("IDPORTEN_MOCK", "1")
    with pytest.raises(RuntimeError, match="look-alike"):
        create_app(env="production")


def test_production_has_no_look_alike_and_strict_cookies(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://x@127.0.0.1/x")
    app = create_app(env="production")
    assert app.config["IDPORTEN_MOCK"] is False
    assert app.config["ALLOW_SYNTHETIC_FNR"] is False
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["HSTS"] is True
    assert not any(rule.rule.startswith(config.MOCK_PATH) for rule in app.url_map.iter_rules())


def test_unknown_environment_is_refused() -> None:
    with pytest.raises(RuntimeError, match="PORTAL_ENV"):
        config.load(Path("/tmp"), "staging")


def test_dev_secret_is_generated_once_and_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = config.Development(tmp_path).SECRET_KEY
    assert len(first) >= 64
    assert first == config.Development(tmp_path).SECRET_KEY
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_default_database_is_sqlite_under_instance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert (f"sqlite:///{tmp_path / 'portal.sqlite3'}") == config.Development(
        tmp_path
    ).SQLALCHEMY_DATABASE_URI


def test_look_alike_defaults_follow_public_url() -> None:
    settings = {"IDPORTEN_MOCK": True, "PUBLIC_URL": "http://127.0.0.1:5999"}
    config.finalize(settings)
    assert settings["OIDC_DISCOVERY_URL"] == (
        "http://127.0.0.1:5999/idporten-mock/.well-known/openid-configuration"
    )


@pytest.mark.parametrize(
    ("url", "ping"),
    [("postgresql+psycopg://x@127.0.0.1/x", True), ("sqlite:////tmp/portal.sqlite3", False)],
)
def test_pooled_connections_are_tested_only_on_a_database_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, ping: bool
) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    assert {"pool_pre_ping": ping} == config.Development(tmp_path).SQLALCHEMY_ENGINE_OPTIONS
