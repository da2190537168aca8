"""The two reads every wizard page makes (the login row, the application row) run on the pool's
DBAPI connection (portal/services/hot_read.py). They must give exactly what SQLAlchemy's
`Connection.execute` gives for the same select, on SQLite and on PostgreSQL, and must leave
the pool as they found it, also when the database fails.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask, session
from sqlalchemy import String, TypeDecorator, bindparam, column, event, select, table

from portal.auth import sessions
from portal.extensions import db
from portal.services import applications
from portal.services.hot_read import HotRead

PERSON = ("14838812342", "Ingrid Solberg")  # synthetic


def _by_core(read: HotRead[Any], **parameters: Any) -> Any:
    with db.engine.connect() as connection:
        found = connection.execute(read.statement, parameters).first()
    return None if found is None else read.make(*found)


def test_the_login_row_is_what_core_reads(app: Flask) -> None:
    with app.test_request_context():
        identity = sessions.Identity("citizen", *PERSON, "sid", "", "idporten-loa-high")
        sessions.start(identity)
        row_id = sessions.token_hash(session[sessions.TOKEN_KEY])
        hot = sessions._ROW.first(row_id=row_id)
        assert hot is not None
        assert hot == _by_core(sessions._ROW, row_id=row_id)
        assert (hot.subject, hot.name, hot.kind) == (*PERSON, "citizen")
        # SQLite keeps a timestamp as text: the dialect's processor makes it a datetime again
        assert hot.created_at.year >= 2024 and hot.last_seen_at >= hot.created_at
        assert sessions._ROW.first(row_id="no-such-row") is None


def test_the_application_row_is_what_core_reads(app: Flask) -> None:
    about = {"purpose": "purchase", "amounts": [1, 2], "note": "æøå «»"}
    with app.app_context():
        draft = applications.start(*PERSON, "4601", about, "nn")
        parameters = {"public_id": draft.public_id, "pid": PERSON[0]}
        hot = applications.row_for_person(**parameters)
        assert hot is not None
        assert hot == _by_core(applications._ROW_FOR_PERSON, **parameters)
        saved = hot.answers["om-soknaden"]  # JSON, decoded
        assert {k: saved[k] for k in about} == about and saved["version"] == 1
        assert (hot.id, hot.language, hot.municipality_number) == (draft.id, "nn", "4601")
        assert applications.row_for_person(draft.public_id, "01818812345") is None


def test_a_read_gives_its_connection_back_to_the_pool(app: Flask) -> None:
    with app.app_context():
        pool: Any = db.engine.pool
        before = pool.checkedout()
        for _ in range(3):
            sessions._ROW.first(row_id="no-such-row")
        assert pool.checkedout() == before


def _x_from(table_name: str, parameter_type: Any) -> HotRead[tuple[Any, ...]]:
    """A read of column x from a table, by a parameter x of the given type."""
    statement = (
        select(column("x"))
        .select_from(table(table_name))
        .where(column("x") == bindparam("x", type_=parameter_type))
    )
    return HotRead(statement, tuple)


def test_a_failing_read_raises_and_throws_its_connection_away(app: Flask) -> None:
    missing = _x_from("no_such_table", String())
    with app.app_context():
        pool: Any = db.engine.pool
        before = pool.checkedout()
        invalidated: list[object] = []

        def record(*args: object) -> None:
            invalidated.append(args)

        event.listen(pool, "invalidate", record)
        try:
            with pytest.raises(Exception, match="no_such_table"):
                missing.first(x="1")
        finally:
            event.remove(pool, "invalidate", record)
        assert invalidated, "the connection that failed was not thrown away"
        assert pool.checkedout() == before
        assert sessions._ROW.first(row_id="no-such-row") is None  # the pool still serves


class _Shouted(TypeDecorator[str]):
    """A type whose parameters need converting before the driver sees them."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Any) -> str | None:
        return None if value is None else value.upper()


def test_a_parameter_the_driver_cannot_take_as_it_is_fails_at_once(app: Flask) -> None:
    shouted = _x_from("application", _Shouted())
    with app.app_context(), pytest.raises(TypeError, match="parameters the driver takes"):
        shouted.first(x="quiet")
