"""Login for citizens (ID-porten) and municipal staff over OpenID Connect, server-side
sessions, logout (front- and back-channel) and the guards in portal.auth.access.
"""

from __future__ import annotations

from flask import Blueprint, Flask

from portal.auth.access import current_user

bp = Blueprint("auth", __name__)

from portal.auth import clients, flow, routes, sessions  # noqa: E402  (routes attach to bp)


def _allow_logout_redirect() -> None:
    """Pages for a logged-in person carry a logout form that ends in a redirect to the IdP."""
    user = current_user()
    if user is not None:
        clients.note_idp_origins(user.kind, fetch=True)


def init_app(app: Flask) -> None:
    """Register the clients, the session loader, the blueprints and the template helper."""
    from portal.auth.ratelimit import RateLimiter
    from portal.extensions import csrf
    from portal.staff import bp as staff_bp

    app.extensions[flow.LIMITER_KEY] = RateLimiter()
    clients.init_app(app)
    sessions.init_app(app)
    csrf.exempt(routes.backchannel_logout)  # the IdP posts here server to server
    app.register_blueprint(bp)
    app.register_blueprint(staff_bp)  # staff pages; their own blueprint grows with the queue
    app.before_request(_allow_logout_redirect)
    app.context_processor(
        lambda: {"current_user": current_user(), "session_seconds_left": sessions.seconds_left}
    )
