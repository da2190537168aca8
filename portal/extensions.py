"""Unbound extensions; create_app binds them."""

import sqlite3
from typing import Any

from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import Engine, event

from portal.csrf_tokens import CSRFProtect
from portal.i18n import Babel
from portal.models.base import Model

db = SQLAlchemy(model_class=Model)
migrate = Migrate()
csrf = CSRFProtect()
babel = Babel()


@event.listens_for(Engine, "connect")
def _sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    """SQLite enforces foreign keys, and so ON DELETE CASCADE, only when asked, per connection;
    without it a deleted draft left its document rows (with the files' names) behind."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()
