"""Every model, imported so that Alembic and the app see the whole metadata."""

from portal.models import idporten_mock  # noqa: F401  (the look-alike's tables, in the metadata)
from portal.models.application import Application, ApplicationDocument, ApplicationParty
from portal.models.base import Model, utcnow
from portal.models.login_session import LoginSession
from portal.models.municipality import Municipality
from portal.models.staff import ROLES, Staff

__all__ = [
    "ROLES",
    "Application",
    "ApplicationDocument",
    "ApplicationParty",
    "LoginSession",
    "Model",
    "Municipality",
    "Staff",
    "utcnow",
]
