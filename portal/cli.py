"""`flask` commands: demo data, municipalities and staff accounts."""

from __future__ import annotations

import csv
from importlib import resources

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import select

from portal.extensions import db
from portal.models import ROLES, Municipality, Staff

staff_cli = AppGroup("staff", help="Manage municipal staff accounts.")


def load_municipalities() -> int:
    """Insert or update every municipality from portal/data/municipalities.csv."""
    text = resources.files("portal.data").joinpath("municipalities.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    for row in rows:
        db.session.merge(Municipality(**row))
    db.session.commit()
    return len(rows)


def upsert_staff(subject: str, name: str, role: str, municipality: str) -> Staff:
    """Create or change a staff account; the role and municipality live here, not in claims."""
    if role not in ROLES:
        raise click.BadParameter(f"role must be one of {', '.join(ROLES)}")
    if db.session.get(Municipality, municipality) is None:
        raise click.BadParameter(f"unknown municipality {municipality}")
    staff = db.session.scalar(select(Staff).where(Staff.subject == subject)) or Staff(
        subject=subject
    )
    staff.name, staff.role, staff.municipality_number, staff.active = name, role, municipality, True
    db.session.add(staff)
    db.session.commit()
    return staff


@staff_cli.command("add")
@click.option("--subject", required=True, help="The staff IdP's subject (pid) for the person.")
@click.option("--name", required=True)
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--municipality", required=True, help="Kommunenummer, e.g. 4601.")
def staff_add(subject: str, name: str, role: str, municipality: str) -> None:
    """Add a staff account, or change its role and municipality."""
    staff = upsert_staff(subject, name, role, municipality)
    click.echo(f"staff #{staff.id}: {staff.name}, {staff.role}, {staff.municipality_number}")


@staff_cli.command("list")
def staff_list() -> None:
    """List staff accounts (without their subjects)."""
    for staff in db.session.scalars(select(Staff).order_by(Staff.municipality_number, Staff.name)):
        state = "active" if staff.active else "inactive"
        click.echo(f"#{staff.id}\t{staff.municipality_number}\t{staff.role}\t{state}\t{staff.name}")


@staff_cli.command("deactivate")
@click.argument("staff_id", type=int)
def staff_deactivate(staff_id: int) -> None:
    """Deactivate a staff account: it can no longer log in."""
    staff = db.get_or_404(Staff, staff_id)
    staff.active = False
    db.session.commit()
    click.echo(f"staff #{staff.id} deactivated")


def init_app(app: Flask) -> None:
    """Register the commands."""
    app.cli.add_command(staff_cli)

    @app.cli.command("load-municipalities")
    def load_municipalities_command() -> None:
        """Load the municipality list into the database."""
        click.echo(f"{load_municipalities()} municipalities")

    @app.cli.command("sweep-drafts")
    def sweep_drafts() -> None:
        """Warn about drafts untouched for 23 days; delete warned drafts untouched for 30."""
        from portal.models import utcnow
        from portal.services.applications import sweep

        warned, deleted = sweep(utcnow())
        click.echo(f"{warned} drafts warned, {deleted} drafts deleted")

    @app.cli.command("seed-demo")
    def seed_demo() -> None:
        """Municipalities and the demo staff accounts of the test persons."""
        click.echo(f"{load_municipalities()} municipalities")
        if app.config["IDPORTEN_MOCK"]:
            from portal.idporten_mock.persons import staff_persons

            for person in staff_persons():
                upsert_staff(person.pid, person.name, person.staff_role, person.municipality)
                click.echo(f"staff: {person.name} ({person.staff_role}, {person.municipality})")
