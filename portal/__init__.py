"""Startlånportalen: the application factory. Wiring only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from portal import config as config_module

ROOT = config_module.ROOT


def create_app(overrides: dict[str, Any] | None = None, env: str | None = None) -> Flask:
    """Build the app: load config, bind extensions, register blueprints and handlers."""
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_object(config_module.load(Path(app.instance_path), env))
    app.config.update(overrides or {})
    config_module.finalize(app.config)

    from portal import (
        chrome,
        cli,
        cookie_session,
        errors,
        figures_cli,
        i18n,
        logging_setup,
        security,
        templating,
    )
    from portal.extensions import babel, csrf, db, migrate

    logging_setup.init_app(app)
    cookie_session.init_app(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    babel.init_app(
        app,
        locale_selector=i18n.select_locale,
        default_translation_directories=str(ROOT / "translations"),
    )
    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    figures_cli.register(app)

    templating.init_app(app)  # the shared macros and field(): no import needed

    from portal.auth import init_app as init_auth
    from portal.main import bp as main_bp
    from portal.wizard import bp as wizard_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(wizard_bp)
    init_auth(app)
    chrome.init_app(app)
    if app.config["IDPORTEN_MOCK"]:
        from portal.idporten_mock import init_app as init_mock

        init_mock(app)
    return app
