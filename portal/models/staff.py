"""Municipal staff: their role and municipality come from this table, not from claims."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Model, UTCDateTime, utcnow

ROLES = ("caseworker", "decider", "admin")


class Staff(Model):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The staff IdP's stable subject for the person (ID-porten: pid). Never shown in URLs or logs.
    subject: Mapped[str] = mapped_column(String(255), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    municipality_number: Mapped[str] = mapped_column(ForeignKey("municipality.number"))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
