"""The municipality list (portal/data/municipalities.csv, see municipalities.md beside it)."""

from __future__ import annotations

import csv
from collections import Counter
from importlib import resources

from flask import Flask
from sqlalchemy import func, select

from portal.cli import load_municipalities
from portal.extensions import db
from portal.models import Municipality

COUNT = 357  # since the county reform of 1 January 2024
COUNTIES = {
    "03": ("Oslo", 1),
    "11": ("Rogaland", 23),
    "15": ("Møre og Romsdal", 27),
    "18": ("Nordland", 41),
    "31": ("Østfold", 12),
    "32": ("Akershus", 21),
    "33": ("Buskerud", 18),
    "34": ("Innlandet", 46),
    "39": ("Vestfold", 6),
    "40": ("Telemark", 17),
    "42": ("Agder", 25),
    "46": ("Vestland", 43),
    "50": ("Trøndelag", 38),
    "55": ("Troms", 21),
    "56": ("Finnmark", 18),
}


def _rows() -> list[dict[str, str]]:
    text = resources.files("portal.data").joinpath("municipalities.csv").read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def test_the_file_has_every_municipality_once() -> None:
    rows = _rows()
    numbers = [row["number"] for row in rows]
    assert len(rows) == COUNT
    assert len(set(numbers)) == COUNT  # the loader merges, so a duplicate would hide silently
    assert all(len(n) == 4 and n.isdigit() for n in numbers)
    assert all(row["name_nb"] and row["name_nn"] for row in rows)


def test_counties_follow_the_number() -> None:
    rows = _rows()
    assert {row["county"] for row in rows} == {name for name, _ in COUNTIES.values()}
    for row in rows:
        assert row["county"] == COUNTIES[row["number"][:2]][0], row
    per_county = Counter(row["number"][:2] for row in rows)
    assert per_county == {prefix: count for prefix, (_, count) in COUNTIES.items()}


def test_the_2024_reform_is_in() -> None:
    names = {row["number"]: row["name_nb"] for row in _rows()}
    expected = {
        "0301": "Oslo",
        "3418": "Åsnes",
        "4601": "Bergen",
        "3101": "Halden",
        "3103": "Moss",
        "3201": "Bærum",
        "3203": "Asker",
        "3301": "Drammen",
        "3305": "Ringerike",
        "4001": "Porsgrunn",
        "1508": "Ålesund",
        "1580": "Haram",
        "5501": "Tromsø",
        "5601": "Alta",
    }
    for number, name in expected.items():
        assert names[number].startswith(name), number  # Sami names may follow: "Oslo - Oslove"
    gone = {"3001", "3005", "3024", "3025", "3801", "3803", "5401", "5403"}  # Viken, VT, TF
    assert not gone & set(names)


def test_loaded_into_the_database(app: Flask) -> None:
    with app.app_context():
        assert load_municipalities() == COUNT  # idempotent: loading again changes nothing
        assert db.session.scalar(select(func.count()).select_from(Municipality)) == COUNT
        for number in ("0301", "3418", "4601"):
            municipality = db.session.get(Municipality, number)
            assert municipality is not None
            assert municipality.name("nn") == municipality.name_nn
