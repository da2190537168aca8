"""Server-side login sessions: the cookie holds only a random id pointing here.

Keeping sessions in the database lets a back-channel logout (by the IdP's `sid`) end the
session on every instance, and lets idle timeouts be enforced on the server.
"""

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Model, UTCDateTime, utcnow


class LoginSession(Model):
    __tablename__ = "login_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # hash of the cookie token
    kind: Mapped[str] = mapped_column(String(10))  # "citizen" | "staff"
    subject: Mapped[str] = mapped_column(String(255))  # pid (citizen) or staff subject
    name: Mapped[str] = mapped_column(String(200), default="")
    idp_sid: Mapped[str] = mapped_column(String(255), index=True, default="")
    id_token: Mapped[str] = mapped_column(String(8000), default="")  # for id_token_hint at logout
    acr: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
