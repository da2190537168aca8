"""Applications: drafts keyed by step slug, the people on them, uploaded documents.

Revision ID: 0010
Revises: 0002
Create Date: 2026-11-23 09:12:35.135009

"""

import sqlalchemy as sa
from alembic import op

from portal.models.base import UTCDateTime

revision = "0010"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "application",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=32), nullable=False),
        sa.Column("municipality_number", sa.String(length=4), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("sweep_warned_at", UTCDateTime(), nullable=True),
        sa.Column("reference", sa.String(length=20), nullable=True),
        sa.Column("submitted_at", UTCDateTime(), nullable=True),
        sa.Column("snapshot", sa.JSON(), nullable=True),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_number"],
            ["municipality.number"],
            name=op.f("fk_application_municipality_number_municipality"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application")),
        sa.UniqueConstraint("public_id", name=op.f("uq_application_public_id")),
        sa.UniqueConstraint("reference", name=op.f("uq_application_reference")),
    )
    op.create_table(
        "application_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=32), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(length=40), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("storage_key", sa.String(length=100), nullable=False),
        sa.Column("uploaded_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_application_document_application_id_application"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_document")),
        sa.UniqueConstraint("public_id", name=op.f("uq_application_document_public_id")),
    )
    with op.batch_alter_table("application_document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_application_document_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "application_party",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("pid", sa.String(length=11), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_application_party_application_id_application"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_party")),
    )
    with op.batch_alter_table("application_party", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_application_party_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_application_party_pid"), ["pid"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("application_party", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_party_pid"))
        batch_op.drop_index(batch_op.f("ix_application_party_application_id"))

    op.drop_table("application_party")
    with op.batch_alter_table("application_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_document_application_id"))

    op.drop_table("application_document")
    op.drop_table("application")
