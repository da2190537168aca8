"""Receipt PDFs: rendered once at submission and kept in document storage."""

from __future__ import annotations

from portal.models import Application
from portal.storage import current


def store(pdf: bytes) -> str:
    """Keep a receipt PDF; returns its storage key."""
    return current().put(pdf)


def load(application: Application) -> bytes:
    """The stored receipt PDF of a submitted application."""
    snapshot = application.snapshot or {}
    with current().open(snapshot["receipt_key"]) as stream:
        return stream.read()
