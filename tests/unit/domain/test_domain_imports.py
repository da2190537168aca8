"""portal.domain stays pure: standard library and portal.domain only; forms import nothing
of the portal but portal.domain (an AST scan)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parents[3] / "portal" / "domain"
FORBIDDEN = {"flask", "sqlalchemy", "werkzeug", "jinja2", "wtforms", "flask_wtf", "flask_babel"}


def imported(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append("portal.domain" if node.level else str(node.module))
    return names


@pytest.mark.parametrize(
    "path", sorted(DOMAIN.rglob("*.py")), ids=lambda p: str(p.relative_to(DOMAIN))
)
def test_domain_imports_only_stdlib_and_itself(path: Path) -> None:
    for name in imported(path):
        top = name.split(".")[0]
        assert top not in FORBIDDEN, (path.name, name)
        if top == "portal":
            assert name == "portal.domain" or name.startswith("portal.domain."), (path.name, name)
        else:
            assert top in sys.stdlib_module_names or top == "__future__", (path.name, name)


def test_scan_sees_imports() -> None:
    assert "portal.domain" in imported(DOMAIN / "calc.py")
    assert "tomllib" in imported(DOMAIN / "figures.py")


ASSESSMENT_MODULES = (
    "assess", "calc", "checks", "facts", "fields", "figures", "hints", "messages", "money",
    "rules", "sifo", "tax", "validate",
)  # fmt: skip


@pytest.mark.parametrize("name", ASSESSMENT_MODULES)
def test_assessment_modules_stay_small(name: str) -> None:
    lines = (DOMAIN / f"{name}.py").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 300


FORMS = DOMAIN.parents[1] / "forms"


@pytest.mark.parametrize(
    "path", sorted(FORMS.glob("*.py")), ids=lambda p: str(p.relative_to(FORMS))
)
def test_forms_import_nothing_of_the_portal_but_its_domain(path: Path) -> None:
    # STYLE.md: forms -> domain only (the portal's blueprints import the forms, not back).
    for name in imported(path):
        if name.split(".")[0] == "portal":
            assert name == "portal.domain" or name.startswith("portal.domain."), (path.name, name)
