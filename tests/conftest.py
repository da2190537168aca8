"""Root fixtures, kept small: the app on a migrated database, a client, a live server.

Layers (each has its own conftest with its rules):
- tests/unit/     no app, no database; pure functions.
- tests/web/      Flask test client or HTTP against the live server; database migrated once,
                  emptied after every test.
- tests/browser/  Playwright driving Debian's chromium against the live server, with axe-core.

Set TEST_DATABASE_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test) to run on
PostgreSQL; the default is a fresh SQLite file.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from werkzeug.serving import make_server

from portal import create_app


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fresh_database(tmp: Path) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp / 'test.sqlite3'}"
    engine = create_engine(url)
    with engine.begin() as conn:  # start from nothing, so the migrations run in full
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def live_url() -> str:
    """The base URL the live server will listen on (chosen before the app is built)."""
    return f"http://127.0.0.1:{_free_port()}"


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory, live_url: str) -> Iterator[Flask]:
    """The app in test mode on a freshly migrated database, with municipalities and staff."""
    from flask_migrate import upgrade

    from portal.cli import load_municipalities
    from portal.extensions import db

    tmp = tmp_path_factory.mktemp("app")
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": _fresh_database(tmp), "PUBLIC_URL": live_url},
        env="test",
    )
    app.instance_path = str(tmp / "instance")
    with app.app_context():
        upgrade()
        load_municipalities()
    yield app
    with app.app_context():  # close pooled connections before the interpreter does (psycopg warns)
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _empty_tables(request: pytest.FixtureRequest) -> Iterator[None]:
    """After each test that used the app, delete what it wrote (reference data stays)."""
    yield
    if "app" not in request.fixturenames:
        return
    from portal.extensions import db

    app: Flask = request.getfixturevalue("app")
    with app.app_context():
        keep = {"municipality", "alembic_version"} | set(app.config.get("KEEP_TABLES", ()))
        for table in reversed(db.metadata.sorted_tables):
            if table.name not in keep:
                db.session.execute(table.delete())
        db.session.commit()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client (cookies kept between requests)."""
    return app.test_client()


@pytest.fixture(scope="session")
def live_server(app: Flask, live_url: str) -> Iterator[str]:
    """The app served over real HTTP in a thread (the OIDC flow calls back into it)."""
    port = int(live_url.rsplit(":", 1)[1])
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield live_url
    server.shutdown()
    thread.join(timeout=5)
