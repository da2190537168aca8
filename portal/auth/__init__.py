"""Login for citizens (ID-porten) and staff. BOOTSTRAP — being replaced by the auth work."""

from flask import Blueprint, Flask, abort

from portal.auth.access import current_user, public

bp = Blueprint("auth", __name__)


@bp.get("/logg-inn")
@public
def login() -> str:
    abort(503)


@bp.get("/personale/logg-inn")
@public
def staff_login() -> str:
    abort(503)


@bp.post("/logg-ut")
@public
def logout() -> str:
    abort(503)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.context_processor(lambda: {"current_user": current_user()})
