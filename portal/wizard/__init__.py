"""The applicant's wizard: start, task list, one view for every step."""

from flask import Blueprint

bp = Blueprint("wizard", __name__, url_prefix="/soknad")

from portal.wizard import (  # noqa: E402,F401  (routes attach to bp)
    documents,
    routes,
    submit,
)
