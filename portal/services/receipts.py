"""Receipt PDFs: rendered once at submission and kept in document storage."""

from __future__ import annotations

from portal.models import Application


def store(pdf: bytes) -> str:
    """Keep a receipt PDF; returns its storage key."""
    from portal.storage import get_storage

    return get_storage().save(pdf)


def load(application: Application) -> bytes:
    """The stored receipt PDF of a submitted application."""
    snapshot = application.snapshot or {}
    from portal.storage import get_storage

    return get_storage().load(snapshot["receipt_key"])
