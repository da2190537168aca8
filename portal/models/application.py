"""Applications: a draft keyed by stable step slugs, then a frozen submitted snapshot."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Model, UTCDateTime, utcnow

PARTY_ROLES = ("applicant", "co_applicant", "helper", "guardian")


class Application(Model):
    __tablename__ = "application"

    id: Mapped[int] = mapped_column(primary_key=True)
    # What URLs carry: random, so ids cannot be guessed or counted.
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    municipality_number: Mapped[str] = mapped_column(ForeignKey("municipality.number"))
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft | submitted
    # {slug: {"raw": {...}, "values": {...}, "complete": bool, "version": int, "seq": int}}
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    seq: Mapped[int] = mapped_column(Integer, default=0)  # bumped on every save
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sweep_warned_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    reference: Mapped[str | None] = mapped_column(String(20), unique=True, nullable=True)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    language: Mapped[str] = mapped_column(String(2), default="nb")

    parties: Mapped[list[ApplicationParty]] = relationship(
        back_populates="application", cascade="all, delete-orphan"
    )

    # Optimistic locking: two saves of the same draft at once cannot both win silently.
    __mapper_args__ = {"version_id_col": seq}  # noqa: RUF012


class ApplicationParty(Model):
    """A person with a part in an application; access rules are built on this table."""

    __tablename__ = "application_party"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True
    )
    pid: Mapped[str] = mapped_column(String(11), index=True)
    role: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200), default="")

    application: Mapped[Application] = relationship(back_populates="parties")


class ApplicationDocument(Model):
    """An uploaded file; the bytes live in document storage under `storage_key`."""

    __tablename__ = "application_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True
    )
    item: Mapped[str] = mapped_column(String(40))  # checklist item code
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    storage_key: Mapped[str] = mapped_column(String(100))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
