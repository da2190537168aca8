"""Public pages, the dashboard, language choice and the health check."""

from flask import Blueprint

bp = Blueprint("main", __name__)

from portal.main import routes  # noqa: E402,F401  (routes attach to bp)
