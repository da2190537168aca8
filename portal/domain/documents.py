"""Which documents an application needs (Husbanken's form, section 8), and which files we take.

Pure functions over the saved answers ({slug: {"values", "raw", "items", ...}}). Items are
identified by stable kebab-case codes (they appear in URLs and in the saved answers); the
titles and the "why we ask" lines are translated in forms/documents.py.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from portal.domain.application_facts.read import items, kroner, many
from portal.domain.wizard import Answers, value

# Must be attached to every application.
ALWAYS = ("tax-return", "payslips", "identity")
# Every code, in the order the page lists them.
CODES = (
    *ALWAYS,
    "equity",
    "other-financing",
    "other-income",
    "other-debt",
    "medical-report",
    "purchase-contract",
    "valuation",
    "ground-lease",
    "improvement-costs",
    "building-drawings",
    "building-offer",
    "building-contract",
    "building-costs",
    "separation-agreement",
    "custody-agreement",
    "ot-statement",
)
BUILD = ("building-drawings", "building-offer", "building-contract", "building-costs")
TAKEOVER = ("separation-agreement", "custody-agreement")
SPECIAL_NEEDS = ("disability", "health", "social")
# Incomes that neither a payslip nor a benefit statement (NAV) documents.
OTHER_INCOME_KINDS = ("child_support", "housing_allowance", "other")

MAX_FILES_PER_ITEM = 20
MB = 1024 * 1024
DEFAULT_MAX_BYTES = 15 * MB


def checklist(answers: Answers) -> list[str]:
    """The codes of the documents this application needs, in page order.

    Reads the shapes documented in portal/wizard/steps_household.py and steps_home.py.
    """
    purpose = value(answers, "om-soknaden", "purpose")
    concrete = value(answers, "om-soknaden", "pre_approval") != "yes"
    needs = many(value(answers, "saerlige-forhold", "needs"))
    festenr = str(value(answers, "bolig", "festenr") or "").strip()  # a ground lease
    needed = {
        "equity": _positive(value(answers, "finansiering", "equity")),
        "other-financing": _positive(value(answers, "finansiering", "other_financing")),
        "other-income": _other_income(answers),
        "other-debt": _other_debt(answers),
        "medical-report": bool(set(needs) & set(SPECIAL_NEEDS)),
        "purchase-contract": purpose == "purchase" and concrete,
        "valuation": purpose == "purchase" and concrete,
        "ground-lease": concrete and bool(festenr),
        "improvement-costs": purpose == "improve",
        **dict.fromkeys(BUILD, purpose == "build"),
        **dict.fromkeys(TAKEOVER, purpose == "takeover"),
        "ot-statement": _ot_statement(answers, needs),
    }
    return [code for code in CODES if code in ALWAYS or needed.get(code)]


def is_complete(codes: Iterable[str], files: Mapping[str, int], later: Mapping[str, bool]) -> bool:
    """Every item has at least one file, or the person will send it later."""
    return not missing(codes, files, later)


def missing(codes: Iterable[str], files: Mapping[str, int], later: Mapping[str, bool]) -> list[str]:
    """The items that have neither a file nor "send later"."""
    return [code for code in codes if not (files.get(code, 0) > 0 or later.get(code, False))]


def _positive(amount: Any) -> bool:
    return (kroner(amount) or 0) > 0


def _other_income(answers: Answers) -> bool:
    return any(item.get("kind") in OTHER_INCOME_KINDS for item in items(answers, "inntekt"))


def _other_debt(answers: Answers) -> bool:
    """Refinancing, or debts other than a mortgage (asked for as "has debts" until listed)."""
    if value(answers, "om-soknaden", "purpose") == "refinance":
        return True
    if value(answers, "formue", "has_debts") != "yes":
        return False  # the debt list does not apply; anything left in it is stale
    debts = items(answers, "gjeld")
    return not debts or any(item.get("kind") != "mortgage" for item in debts)


def _ot_statement(answers: Answers, needs: list[Any]) -> bool:
    """An occupational therapist's statement: for the adaptation grant, or improving for a
    disability."""
    if "tilskudd_tilpasning" in many(value(answers, "om-soknaden", "applying_for")):
        return True
    return value(answers, "om-soknaden", "purpose") == "improve" and "disability" in needs


# --- Files: what we accept is decided by the content, never by the name or the browser.

EXECUTABLE_MAGIC = (
    b"MZ",  # Windows
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce",  # Mach-O
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal, Java class
    b"#!",  # scripts
)
# ISO-BMFF "ftyp" major brands: HEVC-coded images (HEIC) and the general HEIF ones.
HEIC_BRANDS = {
    **dict.fromkeys((b"heic", b"heix", b"hevc", b"heim", b"heis"), "image/heic"),
    **dict.fromkeys((b"mif1", b"msf1"), "image/heif"),
}
EXTENSIONS = {
    "application/pdf": (".pdf",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
    "image/heic": (".heic",),
    "image/heif": (".heif", ".heic"),
}
HEAD_BYTES = 32  # enough of a file's start to tell its type


@dataclass(frozen=True, slots=True)
class Sniffed:
    """What a file's first bytes say it is: a content type, or a problem code."""

    content_type: str | None
    problem: str | None = None  # "empty" | "executable" | "unknown_type"


def sniff(head: bytes) -> Sniffed:
    """The type of a file from its first bytes (PDF, JPEG, PNG, HEIC/HEIF), else a problem."""
    if not head:
        return Sniffed(None, "empty")
    if head.startswith(b"%PDF-"):
        return Sniffed("application/pdf")
    if head.startswith(b"\xff\xd8\xff"):
        return Sniffed("image/jpeg")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed("image/png")
    if head[4:8] == b"ftyp" and head[8:12] in HEIC_BRANDS:
        return Sniffed(HEIC_BRANDS[head[8:12]])
    if head.startswith(EXECUTABLE_MAGIC):
        return Sniffed(None, "executable")
    return Sniffed(None, "unknown_type")


@dataclass(frozen=True, slots=True)
class Upload:
    """A file that passed the checks: its display name, sniffed type and bytes."""

    filename: str
    content_type: str
    data: bytes


MAX_NAME = 120


def display_name(raw: str | None) -> str:
    """A file's name for display only: no folders, control or direction characters, ≤ 120."""
    name = unicodedata.normalize("NFC", raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    # Whitespace becomes a space; other control, format (e.g. right-to-left override) and
    # separator characters go.
    kept = (ch for ch in name if ch.isspace() or unicodedata.category(ch)[0] not in "CZ")
    name = "".join(" " if ch.isspace() else ch for ch in kept)
    name = " ".join(name.split()).strip(" .")
    if len(name) > MAX_NAME:
        stem, dot, ext = name.rpartition(".")
        keep = f"{dot}{ext}" if dot and 0 < len(ext) <= 8 else ""
        name = (stem if keep else name)[: MAX_NAME - len(keep)].rstrip(" .") + keep
    return name or "document"


def download_name(filename: str, content_type: str) -> str:
    """The name to save a download as: the display name, with an extension that fits the type."""
    extensions = EXTENSIONS.get(content_type, ())
    if not extensions or filename.lower().endswith(extensions):
        return filename
    return filename + extensions[0]
