"""The ID-porten look-alike's state: IdP sessions, their clients, codes, tokens, assertions.

Only the dev/test look-alike writes these tables; in production they stay empty.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

from portal.models.base import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _grant_columns() -> list[sa.Column]:
    """Columns a code and a token share: who logged in, how, for which client."""
    return [
        sa.Column("client_id", sa.String(255), nullable=False),
        sa.Column("scope", sa.String(500), nullable=False),
        sa.Column("sid", sa.String(64), nullable=False),
        sa.Column("pid", sa.String(11), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("acr", sa.String(64), nullable=False),
        sa.Column("locale", sa.String(8), nullable=False),
        sa.Column("auth_time", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "idporten_mock_session",
        sa.Column("sid", sa.String(64), nullable=False),
        sa.Column("cookie_hash", sa.String(64), nullable=False),
        sa.Column("pid", sa.String(11), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("acr", sa.String(64), nullable=False),
        sa.Column("auth_time", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sid", name=op.f("pk_idporten_mock_session")),
        sa.UniqueConstraint("cookie_hash", name=op.f("uq_idporten_mock_session_cookie_hash")),
    )
    op.create_table(
        "idporten_mock_session_client",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sid", sa.String(64), nullable=False),
        sa.Column("client_id", sa.String(255), nullable=False),
        sa.ForeignKeyConstraint(
            ["sid"],
            ["idporten_mock_session.sid"],
            name=op.f("fk_idporten_mock_session_client_sid_idporten_mock_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idporten_mock_session_client")),
        sa.UniqueConstraint("sid", "client_id", name=op.f("uq_idporten_mock_session_client_sid")),
    )
    op.create_index(
        op.f("ix_idporten_mock_session_client_sid"),
        "idporten_mock_session_client",
        ["sid"],
        unique=False,
    )
    op.create_table(
        "idporten_mock_code",
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("redirect_uri", sa.String(2000), nullable=False),
        sa.Column("nonce", sa.String(500), nullable=False),
        sa.Column("code_challenge", sa.String(128), nullable=False),
        sa.Column("code_challenge_method", sa.String(10), nullable=False),
        *_grant_columns(),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_idporten_mock_code")),
    )
    op.create_table(
        "idporten_mock_token",
        sa.Column("token_hash", sa.String(64), nullable=False),
        *_grant_columns(),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_idporten_mock_token")),
    )
    op.create_table(
        "idporten_mock_assertion",
        sa.Column("jti_hash", sa.String(64), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("jti_hash", name=op.f("pk_idporten_mock_assertion")),
    )


def downgrade() -> None:
    op.drop_table("idporten_mock_assertion")
    op.drop_table("idporten_mock_token")
    op.drop_table("idporten_mock_code")
    op.drop_index(
        op.f("ix_idporten_mock_session_client_sid"), table_name="idporten_mock_session_client"
    )
    op.drop_table("idporten_mock_session_client")
    op.drop_table("idporten_mock_session")
