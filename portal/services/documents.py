"""Documentation: the checklist's state, adding and removing files, "I will send this later".

The step's answers entry is {"items": {code: {"later": bool}}, "complete": bool}; the files
are ApplicationDocument rows whose bytes live in document storage. "complete" is worked out
again on every change, so the task list always tells the truth.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, BinaryIO

from sqlalchemy import select

from portal.domain import documents as rules
from portal.extensions import db
from portal.models import Application, ApplicationDocument
from portal.services import applications
from portal.storage import Storage, current

SLUG = "dokumentasjon"


class Locked(Exception):
    """A submitted application takes no uploads, removals or changes."""


@dataclass(frozen=True)
class ItemResult:
    """What saving an item did: saved, unchanged, conflict (a newer page) or too_many files."""

    outcome: str
    added: list[ApplicationDocument]
    later_changed: bool = False


@dataclass(frozen=True)
class ItemState:
    """One checklist item as the page shows it."""

    code: str
    files: list[ApplicationDocument]
    later: bool

    @property
    def done(self) -> bool:
        """A file is there, or the person will send it later."""
        return bool(self.files) or self.later


def files(application: Application) -> list[ApplicationDocument]:
    """Every file of the application, oldest first."""
    query = (
        select(ApplicationDocument)
        .where(ApplicationDocument.application_id == application.id)
        .order_by(ApplicationDocument.uploaded_at, ApplicationDocument.id)
    )
    return list(db.session.scalars(query))


def later_flags(application: Application) -> dict[str, bool]:
    """{code: True} for the items the person will send later."""
    items = (application.answers.get(SLUG) or {}).get("items") or {}
    return {code: bool(item.get("later")) for code, item in items.items()}


def checklist(application: Application) -> list[ItemState]:
    """The items this application needs, each with its files and "later" flag."""
    stored, later = files(application), later_flags(application)
    return [
        ItemState(code, [doc for doc in stored if doc.item == code], later.get(code, False))
        for code in rules.checklist(application.answers)
    ]


def others(application: Application) -> list[ApplicationDocument]:
    """Files for items the answers no longer ask for (so they can be seen and removed)."""
    wanted = set(rules.checklist(application.answers))
    return [doc for doc in files(application) if doc.item not in wanted]


def missing(application: Application) -> list[str]:
    """Codes of needed items with neither a file nor "later" (for the step and for submit)."""
    counts = Counter(doc.item for doc in files(application))
    return rules.missing(rules.checklist(application.answers), counts, later_flags(application))


def find(application: Application, public_id: str) -> ApplicationDocument | None:
    """One of this application's files (None for any other application's)."""
    query = select(ApplicationDocument).where(
        ApplicationDocument.application_id == application.id,
        ApplicationDocument.public_id == public_id,
    )
    return db.session.scalars(query).first()


def open_file(document: ApplicationDocument, store: Storage | None = None) -> BinaryIO:
    """The file's bytes (the caller has checked access and closes the file)."""
    return (store or current()).open(document.storage_key)


def save_item(
    application: Application,
    code: str,
    uploads: list[rules.Upload],
    later: bool,
    posted_version: int,
    store: Storage | None = None,
) -> ItemResult:
    """Save one item's form: its "later" flag (unless a newer page was saved), then its files."""
    _check_open(application)
    existing = sum(1 for doc in files(application) if doc.item == code)
    if existing + len(uploads) > rules.MAX_FILES_PER_ITEM:
        return ItemResult("too_many", [])
    outcome = _set_later(application, code, later, posted_version)
    if outcome == "conflict":
        return ItemResult("conflict", [])
    added = _add(application, code, uploads, store or current()) if uploads else []
    changed = outcome == "saved"
    return ItemResult("saved" if added or changed else "unchanged", added, changed)


def _add(
    application: Application, code: str, uploads: list[rules.Upload], store: Storage
) -> list[ApplicationDocument]:
    """Store the files; the rows are committed only once every file's bytes are stored."""
    added: list[ApplicationDocument] = []
    try:
        for upload in uploads:
            added.append(_row(application, code, upload, store.put(upload.data)))
            db.session.add(added[-1])
        db.session.commit()
    except BaseException:
        db.session.rollback()
        for document in added:
            store.delete(document.storage_key)
        raise
    sync(application)
    return added


def remove(
    application: Application, document: ApplicationDocument, store: Storage | None = None
) -> None:
    """Delete a file: the row first, then the bytes (a failure leaves bytes, never a broken row)."""
    _check_open(application)
    key = document.storage_key
    db.session.delete(document)
    db.session.commit()
    (store or current()).delete(key)
    sync(application)


def _set_later(application: Application, code: str, later: bool, posted_version: int) -> str:
    if later_flags(application).get(code, False) == later:
        return "unchanged"
    items = _items(application)
    items[code] = {"later": later}
    return applications.save_step(
        application, SLUG, _entry(application, items), posted_version
    ).outcome


def sync(application: Application, *, seen: bool = False) -> None:
    """Work out "complete" again (saved with the current version) after files changed, or
    when the person has seen the page again after earlier steps changed (`seen`)."""
    entry = _entry(application, _items(application))
    current_entry = application.answers.get(SLUG) or {}
    if not seen and {key: current_entry.get(key) for key in entry} == entry:
        return
    applications.save_step(application, SLUG, entry, applications.step_version(application, SLUG))


def delete_all(application: Application, store: Storage | None = None) -> None:
    """Remove every stored file of an application (call before deleting the application)."""
    store = store or current()
    for document in files(application):
        store.delete(document.storage_key)


def _items(application: Application) -> dict[str, dict[str, Any]]:
    return {code: {"later": flag} for code, flag in later_flags(application).items()}


def _entry(application: Application, items: dict[str, dict[str, Any]]) -> dict[str, Any]:
    counts = Counter(doc.item for doc in files(application))
    later = {code: bool(item.get("later")) for code, item in items.items()}
    complete = rules.is_complete(rules.checklist(application.answers), counts, later)
    return {"items": items, "complete": complete}


def _row(
    application: Application, code: str, upload: rules.Upload, key: str
) -> ApplicationDocument:
    return ApplicationDocument(
        public_id=applications.new_public_id(),
        application_id=application.id,
        item=code,
        filename=upload.filename,
        content_type=upload.content_type,
        size=len(upload.data),
        storage_key=key,
    )


def _check_open(application: Application) -> None:
    if application.status != "draft":
        raise Locked(application.public_id)
