"""Drafts: start, find (only for the people on them), save steps without overwriting newer data."""

from __future__ import annotations

import copy
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm.exc import StaleDataError

from portal.extensions import db
from portal.models import Application, ApplicationParty, utcnow

DRAFT_LIFETIME = timedelta(days=30)
DRAFT_WARNING = timedelta(days=23)


@dataclass(frozen=True)
class SaveResult:
    """What happened to a save: saved, unchanged (a repeated post) or conflict (newer data)."""

    outcome: str
    version: int


def new_public_id() -> str:
    """A random, URL-safe id that cannot be guessed."""
    return secrets.token_urlsafe(12)


def start(pid: str, name: str, municipality: str, about: dict[str, Any], lang: str) -> Application:
    """A new draft with the first step's entry saved and the person as applicant."""
    application = Application(
        public_id=new_public_id(), municipality_number=municipality, answers={}, language=lang
    )
    application.parties.append(ApplicationParty(pid=pid, role="applicant", name=name))
    db.session.add(application)
    _store(application, "om-soknaden", about)
    db.session.commit()
    return application


def drafts_and_cases(pid: str) -> list[Application]:
    """Every application the person is a party to, newest first."""
    query = (
        select(Application)
        .join(ApplicationParty)
        .where(ApplicationParty.pid == pid)
        .order_by(Application.updated_at.desc())
    )
    return list(db.session.scalars(query).unique())


# Built once: every wizard request runs it, and building and keying a select each time cost
# about as much as running it (bench/README.md).
_FOR_PERSON = (
    select(Application)
    .join(ApplicationParty)
    .where(
        Application.public_id == bindparam("public_id"), ApplicationParty.pid == bindparam("pid")
    )
    .limit(1)
)


def for_person(public_id: str, pid: str) -> Application | None:
    """The application if the person is a party to it; else None (the view answers 404)."""
    return db.session.scalars(_FOR_PERSON, {"public_id": public_id, "pid": pid}).first()


def step_version(application: Application, slug: str) -> int:
    """The version of a step's saved answers (0 when never saved)."""
    return int((application.answers.get(slug) or {}).get("version", 0))


def save_step(
    application: Application, slug: str, entry: dict[str, Any], posted_version: int
) -> SaveResult:
    """Save a step's answers unless newer answers were saved since the page was loaded."""
    if application.status != "draft":
        raise PermissionError("submitted applications cannot change")
    current = application.answers.get(slug) or {}
    if posted_version != step_version(application, slug):
        same = {k: current.get(k) for k in entry} == entry
        return SaveResult("unchanged" if same else "conflict", step_version(application, slug))
    try:
        version = _store(application, slug, entry)
        db.session.commit()
    except StaleDataError:  # another request saved this application in between
        db.session.rollback()
        return SaveResult("conflict", step_version(application, slug))
    return SaveResult("saved", version)


def _store(application: Application, slug: str, entry: dict[str, Any]) -> int:
    answers = copy.deepcopy(application.answers or {})
    version = int((answers.get(slug) or {}).get("version", 0)) + 1
    seq = (application.seq or 0) + 1
    answers[slug] = {**entry, "version": version, "seq": seq, "saved_at": utcnow().isoformat()}
    application.answers = answers
    application.updated_at = utcnow()
    application.sweep_warned_at = None
    return version


def deletion_date(application: Application) -> datetime:
    """When an untouched draft will be deleted."""
    return application.updated_at + DRAFT_LIFETIME


def sweep(now: datetime) -> tuple[int, int]:
    """Warn drafts untouched 23 days; delete warned ones untouched 30. Returns (warned, deleted)."""
    from portal.services import documents  # documents builds on this module

    drafts = select(Application).where(Application.status == "draft")
    warned = deleted = 0
    for application in db.session.scalars(
        drafts.where(Application.updated_at <= now - DRAFT_WARNING)
    ):
        if application.updated_at <= now - DRAFT_LIFETIME and application.sweep_warned_at:
            documents.delete_all(application)  # the files go with the draft
            db.session.delete(application)
            deleted += 1
        elif application.sweep_warned_at is None:
            application.sweep_warned_at = now
            warned += 1
    db.session.commit()
    return warned, deleted
