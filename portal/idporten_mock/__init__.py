"""The built-in ID-porten look-alike: a real OpenID Connect provider for dev and test.

Registered only when the config says IDPORTEN_MOCK (production refuses to start with it).
"""

from flask import Flask

from portal.extensions import csrf


def init_app(app: Flask) -> None:
    """Mount the look-alike at PUBLIC_URL + /idporten-mock."""
    from portal.idporten_mock import views
    from portal.idporten_mock.server import create_server

    app.extensions["idporten_mock"] = create_server(app)
    app.register_blueprint(views.bp)
    # Called by clients' back ends, or reached by redirects from other sites: no CSRF token.
    for view in (views.token, views.userinfo, views.end_session):
        csrf.exempt(view)
    # A test and demo hook (dev/test only, like the whole look-alike): tests end a session with
    # a plain POST. The worst a forged request can do is log someone out of a mock IdP.
    csrf.exempt(views.session_end)
