"""The look-alike's test persons: data in test_persons.toml, read once."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

STAFF_ROLES = ("caseworker", "decider", "admin")


@dataclass(frozen=True)
class TestPerson:
    """A synthetic person the picker offers; staff persons carry a role and a municipality."""

    __test__ = False  # not a pytest test class, despite the name

    pid: str
    name: str
    description: MappingProxyType[str, str]
    staff_role: str = ""
    municipality: str = ""

    def describe(self, language: str) -> str:
        """The short description in nb, nn or en (bokmål if missing)."""
        return self.description.get(language) or self.description.get("nb", "")


def _person(row: dict[str, Any]) -> TestPerson:
    role = row.get("staff_role", "")
    if role and role not in STAFF_ROLES:
        raise ValueError(f"test person {row['name']}: unknown staff_role {role!r}")
    return TestPerson(
        pid=str(row["pid"]),
        name=str(row["name"]),
        description=MappingProxyType(dict(row.get("description", {}))),
        staff_role=role,
        municipality=str(row.get("municipality", "")),
    )


@cache
def all_persons() -> tuple[TestPerson, ...]:
    """Every test person, in file order."""
    text = resources.files("portal.idporten_mock").joinpath("test_persons.toml").read_text("utf-8")
    return tuple(_person(row) for row in tomllib.loads(text)["person"])


def citizen_persons() -> list[TestPerson]:
    """The test persons without a staff role."""
    return [person for person in all_persons() if not person.staff_role]


def staff_persons() -> list[TestPerson]:
    """The test persons with a staff role (caseworker, decider, admin)."""
    return [person for person in all_persons() if person.staff_role]


def find_person(pid: str) -> TestPerson | None:
    """The test person with this pid, or None."""
    return next((person for person in all_persons() if person.pid == pid), None)
