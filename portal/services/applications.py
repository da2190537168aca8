"""Drafts: start, find (only for the people on them), save steps without overwriting newer data."""

from __future__ import annotations

import copy
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any, Protocol, TypeVar

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm.exc import StaleDataError

from portal.extensions import db
from portal.models import Application, ApplicationParty, utcnow
from portal.services.hot_read import HotRead

S = TypeVar("S", bound=Select[Any])
DRAFT_LIFETIME = timedelta(days=30)
DRAFT_WARNING = timedelta(days=23)


@dataclass(frozen=True)
class SaveResult:
    """What happened to a save: saved, unchanged (a repeated post) or conflict (newer data)."""

    outcome: str
    version: int


class PartyData(Protocol):
    """A person on an application, as the wizard reads them."""

    @property
    def pid(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def name(self) -> str: ...


class ApplicationData(Protocol):
    """What showing and checking a step reads of an application: an `ApplicationRow`, or the
    ORM's `Application` where a view loaded one to change it."""

    @property
    def id(self) -> int: ...
    @property
    def public_id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def municipality_number(self) -> str: ...
    @property
    def language(self) -> str: ...
    @property
    def answers(self) -> dict[str, Any]: ...
    @property
    def parties(self) -> Sequence[PartyData]: ...


@dataclass(frozen=True)
class PartyRow:
    """A person on an application, read without the ORM."""

    pid: str
    role: str
    name: str


@dataclass(frozen=True)
class ApplicationRow:
    """An application read for showing or checking a step, without the ORM: one select (a
    `HotRead`) and no ORM session, where the ORM's session and instance took a seventh of a
    step page's time (bench/README.md). Saving goes through the ORM's `Application`
    (`save_step`), whose version column guards against lost updates."""

    id: int
    public_id: str
    status: str
    municipality_number: str
    language: str
    answers: dict[str, Any]

    @cached_property
    def parties(self) -> tuple[PartyRow, ...]:
        """The people on it, read when first asked for (few pages need them)."""
        with db.engine.connect() as connection:
            found = connection.execute(_PARTIES, {"application_id": self.id})
            return tuple(PartyRow(*party) for party in found)


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


def _of_person(statement: S) -> S:
    """`statement` narrowed to the application with this public id, if the person is on it."""
    return (
        statement.join(ApplicationParty)
        .where(
            Application.public_id == bindparam("public_id"),
            ApplicationParty.pid == bindparam("pid"),
        )
        .limit(1)
    )


# Built once: every wizard request runs one, and building and keying a select each time cost
# about as much as running it (bench/README.md).
_FOR_PERSON = _of_person(select(Application))
_ROW_FOR_PERSON = HotRead(
    _of_person(
        select(
            Application.id,
            Application.public_id,
            Application.status,
            Application.municipality_number,
            Application.language,
            Application.answers,
        )
    ),
    ApplicationRow,
)
_PARTIES = (
    select(ApplicationParty.pid, ApplicationParty.role, ApplicationParty.name)
    .where(ApplicationParty.application_id == bindparam("application_id"))
    .order_by(ApplicationParty.id)
)


def for_person(public_id: str, pid: str) -> Application | None:
    """The application if the person is a party to it; else None (the view answers 404)."""
    return db.session.scalars(_FOR_PERSON, {"public_id": public_id, "pid": pid}).first()


def row_for_person(public_id: str, pid: str) -> ApplicationRow | None:
    """The same as `for_person`, read without the ORM, for showing or checking a step."""
    return _ROW_FOR_PERSON.first(public_id=public_id, pid=pid)


def for_saving(row: ApplicationRow) -> Application | None:
    """The ORM's application behind a row, to change it (None when it was deleted since)."""
    return db.session.get(Application, row.id)


def step_version(application: ApplicationData, slug: str) -> int:
    """The version of a step's saved answers (0 when never saved)."""
    return int((application.answers.get(slug) or {}).get("version", 0))


def check_step(
    application: ApplicationData, slug: str, entry: dict[str, Any], posted_version: int
) -> SaveResult | None:
    """None when the page was built from the stored version of the step, so its answers may be
    saved; else "unchanged" (the stored answers are the posted ones: a double submit) or
    "conflict" (newer answers were saved since the page was loaded)."""
    if application.status != "draft":
        raise PermissionError("submitted applications cannot change")
    if posted_version == step_version(application, slug):
        return None
    current = application.answers.get(slug) or {}
    same = {k: current.get(k) for k in entry} == entry
    return SaveResult("unchanged" if same else "conflict", step_version(application, slug))


def save_step(
    application: Application, slug: str, entry: dict[str, Any], posted_version: int
) -> SaveResult:
    """Save a step's answers unless newer answers were saved since the page was loaded."""
    refused = check_step(application, slug, entry, posted_version)
    if refused is not None:
        return refused
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
