"""The receipt: an archival PDF (PDF/A-3b) of the submitted answers, in the applicant's language."""

from __future__ import annotations

from flask import render_template
from weasyprint import CSS, HTML

from portal import ROOT
from portal.extensions import db
from portal.i18n import force_locale
from portal.models import Application, Municipality
from portal.wizard.summary import sections

STYLESHEET = ROOT / "static" / "letters.css"


def render_pdf(application: Application) -> bytes:
    """The receipt PDF for a submitted application."""
    with force_locale(application.language):
        municipality = db.session.get(Municipality, application.municipality_number)
        html = render_template(
            "letters/receipt.html",
            application=application,
            municipality=municipality.name(application.language) if municipality else "",
            sections=sections(application),
            applicant=next(p for p in application.parties if p.role == "applicant"),
        )
    document = HTML(string=html, base_url=str(ROOT))
    return document.write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))], pdf_variant="pdf/a-3b")
