"""Municipalities (kommuner): number, names, and which rules file applies."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Model


class Municipality(Model):
    __tablename__ = "municipality"

    number: Mapped[str] = mapped_column(String(4), primary_key=True)  # kommunenummer
    name_nb: Mapped[str] = mapped_column(String(100))
    name_nn: Mapped[str] = mapped_column(String(100))
    county: Mapped[str] = mapped_column(String(100), default="")

    def name(self, locale: str) -> str:
        """The name in nynorsk for nn, else bokmål."""
        return self.name_nn if locale == "nn" else self.name_nb
