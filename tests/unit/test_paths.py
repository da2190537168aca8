"""templates/, static/ and translations/ sit beside portal/; the factory must find them.

This builds the app (no request, no database: nothing connects until a request needs it),
because the paths to check are the ones the factory hands to Flask and Flask-Babel.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from portal import create_app
from portal.config import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def factory_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Flask:
    monkeypatch.setenv("SECRET_KEY", "x" * 32)  # keep instance/secret_key out of it
    return create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'unused.db'}"}, "test")


def test_templates_resolve(factory_app: Flask) -> None:
    folder = Path(factory_app.root_path, factory_app.template_folder or "")
    assert folder == ROOT / "templates"
    assert (folder / "base.html").is_file()


def test_static_resolves(factory_app: Flask) -> None:
    assert factory_app.static_folder is not None
    folder = Path(factory_app.static_folder)
    assert folder == ROOT / "static"
    assert (folder / "app.css").is_file()
    assert (folder / "favicon.svg").is_file()


def test_translations_resolve(factory_app: Flask) -> None:
    directories = [Path(d) for d in factory_app.extensions["babel"].translation_directories]
    assert directories == [ROOT / "translations"]
    for lang in LANGUAGES:
        assert (directories[0] / lang / "LC_MESSAGES" / "messages.po").is_file(), lang
