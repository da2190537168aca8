"""Municipalities, staff accounts and server-side login sessions.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

from portal.models.base import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "municipality",
        sa.Column("number", sa.String(4), nullable=False),
        sa.Column("name_nb", sa.String(100), nullable=False),
        sa.Column("name_nn", sa.String(100), nullable=False),
        sa.Column("county", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_municipality")),
    )
    op.create_table(
        "staff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(255), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("municipality_number", sa.String(4), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_number"],
            ["municipality.number"],
            name=op.f("fk_staff_municipality_number_municipality"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("subject", name=op.f("uq_staff_subject")),
    )
    op.create_table(
        "login_session",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("subject", sa.String(255), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("idp_sid", sa.String(255), nullable=False),
        sa.Column("id_token", sa.String(8000), nullable=False),
        sa.Column("acr", sa.String(64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_seen_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_session")),
    )
    op.create_index(
        op.f("ix_login_session_idp_sid"), "login_session", ["idp_sid"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_login_session_idp_sid"), table_name="login_session")
    op.drop_table("login_session")
    op.drop_table("staff")
    op.drop_table("municipality")
