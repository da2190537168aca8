"""Every model, imported so that Alembic and the app see the whole metadata."""

from portal.models.base import Model, utcnow
from portal.models.login_session import LoginSession
from portal.models.municipality import Municipality
from portal.models.staff import ROLES, Staff

__all__ = ["ROLES", "LoginSession", "Model", "Municipality", "Staff", "utcnow"]
