"""``flask figures``: add and list versioned figures (G, rates, ...) without a deploy.

New versions are written to ``<instance>/figures/added.json``; the domain's loader merges that
folder with the shipped figures (``portal.domain.figures.load_figures(extra_dir)``). The domain
never knows about Flask: the app passes the folder in.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from portal.domain.figures import (
    CONFIDENCE,
    FigureDataError,
    FigureVersion,
    add_figure,
    load_figures,
)


def figures_dir(app: Flask) -> Path:
    """The instance folder the app keeps runtime-added figures in."""
    return Path(app.instance_path) / "figures"


def _shown(version: FigureVersion) -> str:
    value = version.value
    if isinstance(value, dict):
        return f"(table {value['year']})" if "year" in value else "(table)"
    return str(value) if isinstance(value, int | Decimal) else repr(value)


def _line(version: FigureVersion, in_force: bool) -> str:
    label = "UNVERIFIED" if version.unverified else version.confidence
    mark = "*" if in_force else " "
    return (
        f"{mark} {version.name:<22} {_shown(version):<14} {version.valid_from.isoformat()}  "
        f"{label:<10}  {version.source}"
    )


def register(app: Flask) -> None:
    """Add the ``figures`` command group (``add``, ``list``) to ``app.cli``."""
    group = AppGroup("figures", help="Versioned figures used by the assessment.")

    @group.command("add")
    @click.argument("name")
    @click.argument("value")
    @click.option("--valid-from", required=True, type=click.DateTime(formats=["%Y-%m-%d"]))
    @click.option("--source", required=True, help="Where the figure comes from.")
    @click.option(
        "--confidence", type=click.Choice(CONFIDENCE), default="UNVERIFIED", show_default=True
    )
    @click.option("--note", default="", help="Anything a caseworker should know.")
    def add(
        name: str, value: str, valid_from: datetime, source: str, confidence: str, note: str
    ) -> None:
        """Add a new version of figure NAME with VALUE (e.g. husbanken_rate 0.0475)."""
        entry = {
            "name": name,
            "value": value,
            "valid_from": valid_from.date().isoformat(),
            "source": source,
            "confidence": confidence,
            "note": note,
        }
        try:
            version = add_figure(figures_dir(app), entry)
        except FigureDataError as error:
            raise click.ClickException(str(error)) from None
        click.echo(_line(version, in_force=False).strip())

    @group.command("list")
    @click.option("--on", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None)
    def list_figures(day: datetime | None) -> None:
        """List every figure version; * marks those in force (today or --on DATE)."""
        store = load_figures(figures_dir(app))
        in_force = store.on(day.date() if day else date.today()).versions
        for version in store.all_versions():
            click.echo(_line(version, in_force.get(version.name) is version))

    app.cli.add_command(group)
