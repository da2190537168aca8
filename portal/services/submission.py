"""Submitting: freeze the draft as an immutable snapshot with a reference and a receipt PDF."""

from __future__ import annotations

import copy
import secrets
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from portal.domain import wizard
from portal.extensions import db
from portal.models import Application, utcnow
from portal.services import documents

DOCUMENTS = "dokumentasjon"

# No 0/O or 1/I/L: a reference is read aloud on the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


class NotReady(Exception):
    """The application still has steps that are not completed."""

    def __init__(self, blocking: list[tuple[str, str]]) -> None:
        super().__init__("application not complete")
        self.blocking = blocking


def new_reference(year: int) -> str:
    """A reference like SL-2026-7KQ4MX that is not in use."""
    while True:
        code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
        reference = f"SL-{year}-{code}"
        exists = db.session.scalar(select(Application.id).where(Application.reference == reference))
        if exists is None:
            return reference


def submit(
    application: Application,
    assessment: Callable[[Application], dict[str, Any]],
    receipt: Callable[[Application], str],
) -> Application:
    """Freeze the application; a second submit of the same application changes nothing."""
    if application.status != "draft":
        return application
    blocking = wizard.blocking(application.answers)
    if documents.missing(application) and not any(slug == DOCUMENTS for slug, _ in blocking):
        # Answers changed after the documents step was completed: it asks for more now.
        blocking.append((DOCUMENTS, "needs_attention"))
    if blocking:
        raise NotReady(blocking)
    now = utcnow()
    application.status = "submitted"
    application.submitted_at = now
    application.reference = new_reference(now.year)
    application.snapshot = {
        "answers": copy.deepcopy(application.answers),
        "assessment": assessment(application),
        "submitted_at": now.isoformat(),
        "language": application.language,
    }
    application.snapshot = {**application.snapshot, "receipt_key": receipt(application)}
    db.session.commit()
    return application
