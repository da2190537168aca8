"""Wizard tests: the Flask test client, logged in as a test person by a real server-side
session row (the OIDC flow itself is tested in tests/web/test_auth*.py).

Rules: every test starts from an empty database (the root conftest empties it); parse HTML,
don't match on whole pages; post forms with the CSRF token scraped from the page. Helpers
live in wizard_helpers.py.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from wizard_helpers import login


@pytest.fixture
def as_person(app: Flask) -> Callable[[tuple[str, str]], FlaskClient]:
    """A factory: a fresh test client logged in as the given (pid, name)."""

    def make(person: tuple[str, str]) -> FlaskClient:
        client = app.test_client()
        login(app, client, *person)
        return client

    return make
