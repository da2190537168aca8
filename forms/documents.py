"""Step «Dokumentasjon»: the checklist's texts, and the form that adds files to one item.

A file is judged by its content (portal.domain.documents.sniff), never by its name or the
type the browser claims.
"""

from __future__ import annotations

from typing import Any

from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, Field
from wtforms.validators import ValidationError

from forms.base import StepForm
from forms.i18n import lazy_gettext as _l
from portal.domain.documents import HEAD_BYTES, MB, Upload, display_name, sniff

# code -> (title, why we ask); every code of portal.domain.documents.CODES has one.
ITEMS: dict[str, tuple[Any, Any]] = {
    "tax-return": (
        _l("Tax return (skattemelding) for last year"),
        _l("It shows income, assets and debts as the Tax Administration knows them."),
    ),
    "payslips": (
        _l("Payslips or benefit statements for the last two months"),
        _l("They show what you earn now. Send them for everyone who applies."),
    ),
    "identity": (
        _l("A copy of valid ID"),
        _l("A passport, national ID card or driving licence: the page with your photo."),
    ),
    "equity": (
        _l("Proof of your equity"),
        _l("For example a bank statement showing the money you will put into the home."),
    ),
    "other-financing": (
        _l("Confirmation of other financing"),
        _l("For example a loan promise from your bank, for the amount in your financing plan."),
    ),
    "other-income": (
        _l("Documentation of income other than pay or benefits"),
        _l("For example a child support agreement or a statement of other regular income."),
    ),
    "other-debt": (
        _l("Documentation of debt other than a mortgage"),
        _l("For each debt, a statement with the lender, what is left and the monthly payment."),
    ),
    "medical-report": (
        _l("Medical certificate or social report"),
        _l("It helps the municipality understand the special circumstances you told us about."),
    ),
    "purchase-contract": (
        _l("Purchase contract or sales prospectus"),
        _l("It shows which home you are buying and the price."),
    ),
    "valuation": (
        _l("Valuation or condition report"),
        _l("It shows what the home is worth and its condition."),
    ),
    "ground-lease": (
        _l("Ground lease contract (festekontrakt)"),
        _l("The home stands on leased land; the contract shows the terms and the ground rent."),
    ),
    "improvement-costs": (
        _l("Documentation of all costs of the work"),
        _l("For example offers from the tradespeople, so we know what the work will cost."),
    ),
    "building-drawings": (
        _l("Building drawings"),
        _l("They show what will be built."),
    ),
    "building-offer": (
        _l("Binding offer"),
        _l("It shows the price the builder has committed to."),
    ),
    "building-contract": (
        _l("Building contract"),
        _l("It shows what you have agreed with the builder."),
    ),
    "building-costs": (
        _l("Overview of the total costs"),
        _l("It shows everything the project will cost, including the plot and fees."),
    ),
    "separation-agreement": (
        _l("Separation agreement (skifteavtale or fordelingsavtale)"),
        _l("It shows how you and your former partner have divided the home and the debt."),
    ),
    "custody-agreement": (
        _l("Agreement on who has daily care of the children"),
        _l("It shows who the children live with, which matters for the home and the budget."),
    ),
    "ot-statement": (
        _l("Statement from an occupational therapist"),
        _l("It describes which adaptations are needed and why."),
    ),
}
# What the file input accepts; a hint to the phone's picker only, the server decides.
ACCEPT = "application/pdf,image/jpeg,image/png,image/heic,image/heif,.pdf,.jpg,.jpeg,.png,.heic"


def problem_message(problem: str, name: str, max_bytes: int) -> Any:
    """The instruction for a refused file."""
    if problem == "executable":
        return _l(
            "%(name)s is a program, not a document. Choose a PDF or a photo (JPEG, PNG or HEIC).",
            name=name,
        )
    if problem == "empty":
        return _l("%(name)s is empty. Choose another file.", name=name)
    if problem == "too_large":
        return _l(
            "%(name)s is larger than %(mb)d MB. Choose a smaller file, or a photo of each page.",
            name=name,
            mb=max_bytes // MB,
        )
    return _l(
        "%(name)s is not a PDF, JPEG, PNG or HEIC file. Choose a PDF or a photo of the document.",
        name=name,
    )


class DocumentItemForm(StepForm):
    """Add files to one checklist item and say whether the rest comes later.

    The item's code is the fields' prefix, so every item's fields have their own ids.
    The app-wide CSRF check covers the post (one token field for every form on the page).
    """

    class Meta:
        csrf = False

    files = MultipleFileField(_l("Add files"))
    later = BooleanField(_l("I will send this later"))

    def __init__(self, *args: Any, code: str, max_bytes: int, **kwargs: Any) -> None:
        super().__init__(*args, prefix=code, **kwargs)
        self.code = code
        self.max_bytes = max_bytes
        self.uploads: list[Upload] = []

    def validate_files(self, field: Field) -> None:
        uploads = []
        for chosen in field.data or []:
            name = display_name(chosen.filename)
            data = chosen.stream.read(self.max_bytes + 1)
            found = sniff(data[:HEAD_BYTES])
            if len(data) > self.max_bytes:
                raise ValidationError(problem_message("too_large", name, self.max_bytes))
            if found.content_type is None:
                raise ValidationError(problem_message(found.problem or "", name, self.max_bytes))
            uploads.append(Upload(name, found.content_type, data))
        self.uploads = uploads
