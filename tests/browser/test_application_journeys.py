"""Two whole applications on a phone (390×844), with JavaScript on and off, from login to the
receipt PDF.

(a) Ingrid Solberg, a single parent, buys a flat in Bergen (4601).
(b) Arne Bakken, a pensioner at risk of a forced sale, refinances his debt in Åsnes (3418).

The journeys run in English (the header's language switch, which persists); the English
catalogue's texts are its msgids, so the strings below are what `t(msgid, "en")` returns.
Every page and every error state on the way is checked with `check_page` (axe-core at zero
violations for WCAG 2.x A/AA and best practice, and a visible <label> for every field); with
JavaScript the live panel on the income page is checked after its htmx swap too.

Screenshots of the task list, the income page with its panel, the documents page and the
receipt go to /tmp/journey-<journey>-<js|no-js>-*.png.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, Route, expect
from pypdf import PdfReader, PdfWriter

pytestmark = pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])

Check = Callable[[Page], None]

NEXT = "Save and go to the next step"
SAVE = "Save"
ERROR_SUMMARY_HEADING = "There is a problem"
PANEL = "What you may afford"
LARGEST_LOAN = re.compile(r"^Largest startlån you can likely pay over \d+ years$")
SHOTS = Path("/tmp")
SPACES = re.compile(r"[\s\u00a0\u202f]+")


# ---------------------------------------------------------------------------------------------
# Small helpers: finding things by role and label, submitting, reading amounts.


def squash(text: str) -> str:
    """Whitespace (non-breaking spaces too) as single spaces."""
    return SPACES.sub(" ", text).strip()


def kroner_in(text: str) -> int:
    """The first amount in a text like '1 234 567 kr'."""
    found = re.search(r"\d{1,3}(?:[\s\u00a0\u202f]\d{3})*", text)
    assert found, f"no amount in {text!r}"
    return int(SPACES.sub("", found.group(0)))


def amount_pattern(amount: int) -> str:
    """A regular expression for an amount as the pages show it ('1 234 567', any spaces)."""
    return r"\s".join(re.findall(r"\d{1,3}(?=(?:\d{3})*$)", str(amount)))


def group(page: Page, legend: str) -> Locator:
    """A fieldset by its legend."""
    return page.get_by_role("group", name=legend, exact=True)


def choose(page: Page, legend: str, option: str) -> None:
    """Tick a radio button or checkbox in the fieldset with this legend."""
    group(page, legend).get_by_label(option, exact=True).check()


def heading_is(page: Page, text: str | re.Pattern[str]) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def click_and_load(page: Page, target: Locator, url: str | re.Pattern[str] | None = None) -> None:
    """Click a link or a submit button and wait for the next page (a plain navigation, also
    with JavaScript: the wizard's forms are never sent by script)."""
    if url is None:
        with page.expect_navigation():
            target.click()
    else:
        with page.expect_navigation(url=url):
            target.click()


def press(page: Page, name: str, url: str | re.Pattern[str] | None = None) -> None:
    click_and_load(page, page.get_by_role("button", name=name, exact=True), url)


def error_summary(page: Page) -> Locator:
    """The error summary (Designsystemet's ds-error-summary, found by its heading)."""
    return page.locator("#error-summary").filter(
        has=page.get_by_role("heading", name=ERROR_SUMMARY_HEADING)
    )


def expect_error(page: Page, message: str | re.Pattern[str]) -> None:
    """An error state: the summary takes focus and links to the message, shown by the field."""
    summary = error_summary(page)
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(message)
    expect(summary).to_be_focused()
    expect(page.get_by_role("main").locator("[data-field=validation]").first).to_be_visible()


def tiny_pdf() -> bytes:
    """A real one-page PDF, made in memory."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return squash(" ".join(page.extract_text() or "" for page in reader.pages))


# ---------------------------------------------------------------------------------------------
# The walk through the wizard: one object per journey, checking every page it lands on.


class Walk:
    def __init__(self, page: Page, js: bool, check_page: Check, journey: str) -> None:
        self.page = page
        self.js = js
        self.check_page = check_page
        self.journey = journey
        self.app_url = ""
        self.problems: list[str] = []

    def problem(self, text: str) -> None:
        """An app bug that does not stop the walk: reported when the journey is done."""
        self.problems.append(f"{self.page.url}: {text}")

    def done(self) -> None:
        """Fail with every problem found on the way (the console's errors too)."""
        if self.js:
            # The error states answer 422 on purpose; the browser logs those as failed loads.
            errors = [
                text
                for text in self.page.console_errors  # type: ignore[attr-defined]
                if "status of 422" not in text
            ]
            if errors:
                counted = Counter(errors)
                self.problems.append(
                    "the browser console reported errors: "
                    + "; ".join(f"{count}× {text}" for text, count in counted.items())
                )
        if self.problems:
            pytest.fail(
                f"the {self.journey} journey ({'JavaScript on' if self.js else 'no JavaScript'}) "
                "got to the receipt, but found app bugs on the way:\n- "
                + "\n- ".join(self.problems),
                pytrace=False,
            )

    # -- checks ---------------------------------------------------------------------------------

    def check(self) -> None:
        """axe-core and visible labels on the page as it is now."""
        self.check_page(self.page)

    def shot(self, name: str) -> Path:
        path = SHOTS / f"journey-{self.journey}-{'js' if self.js else 'no-js'}-{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    # -- getting started ------------------------------------------------------------------------

    def english(self) -> None:
        page = self.page
        page.get_by_role("button", name="English", exact=True).click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        heading_is(page, "Your overview")

    def start(self, municipality: str, purpose: str) -> None:
        page = self.page
        self.english()
        self.check()
        click_and_load(page, page.get_by_role("link", name="Start an application"), "**/soknad/ny")
        heading_is(page, "Start an application")
        self.check()
        page.get_by_label("Which municipality do you apply to?", exact=True).select_option(
            municipality
        )
        choose(page, "What do you apply for?", "Startlån")
        choose(page, "What will the loan or grant be used for?", purpose)
        choose(
            page,
            "Do you know which home it is?",
            "Yes, I have found a home, or I apply for the home I live in",
        )
        press(page, "Start the application", re.compile(r"/soknad/[^/]+$"))
        heading_is(page, "Your application")
        self.app_url = page.url
        self.check()

    def open_task(self, title: str, h1: str | None = None) -> None:
        page = self.page
        click_and_load(page, page.get_by_role("link", name=title, exact=True))
        heading_is(page, h1 or title)
        self.check()

    def next(self, h1: str | re.Pattern[str]) -> None:
        """Save the step and land on the next page (checked)."""
        press(self.page, NEXT)
        heading_is(self.page, h1)
        self.check()

    # -- steps ----------------------------------------------------------------------------------

    def applicants(self, marital_status: str) -> None:
        page = self.page
        self.open_task("Applicants")
        page.get_by_label("Mobile phone number", exact=True).fill("912 34 567")
        page.get_by_label("E-mail address", exact=True).fill("soker@example.no")
        page.get_by_label("Postal address", exact=True).fill("Kalfarveien 3")
        page.get_by_label("Postcode", exact=True).fill("5018")
        page.get_by_label("Town or city", exact=True).fill("Bergen")
        choose(page, "What is your marital status?", marital_status)
        self.next("Household and housing today")

    def household(self, housing: str, years: str, at_risk: str) -> None:
        page = self.page
        choose(page, "How do you live today?", housing)
        page.get_by_label(
            "How many years have you lived in the municipality you apply to?", exact=True
        ).fill(years)
        choose(page, "Does the household have a car?", "No car")
        choose(page, "Is anyone in the household at risk of losing their home?", at_risk)
        self.next("People in the household")

    def add_child(self, name: str, born: str) -> None:
        page = self.page
        click_and_load(page, page.get_by_role("link", name="Add a person"))
        heading_is(page, "Add a person")
        self.check()
        choose(page, "Is this a child or an adult?", "A child (under 18)")
        page.get_by_label("First name", exact=True).fill(name)
        page.get_by_label("Date of birth", exact=True).fill(born)
        choose(page, "Sex", "Female")
        press(page, SAVE)
        heading_is(page, "People in the household")
        expect(page.get_by_role("heading", name=f"Child, born {born} ({name})")).to_be_visible()
        self.check()

    def add_income(
        self,
        kind: str,
        amount: str,
        *,
        employer: str | None = None,
        permanent: str,
        error_first: str,
    ) -> None:
        """One income; `error_first` is what to type in the amount the first time ("" to leave
        it empty), to see the error state."""
        page = self.page
        click_and_load(page, page.get_by_role("link", name="Add an income"))
        heading_is(page, "Add an income")
        self.check()
        choose(page, "What kind of income is it?", kind)
        if employer is not None:
            page.get_by_label("Employer", exact=True).fill(employer)
            page.get_by_label(
                "How many years has the person worked for this employer?", exact=True
            ).fill("4")
            choose(page, "Is the job permanent or temporary?", permanent)
        else:
            choose(page, "Is the pension or benefit permanent or temporary?", permanent)
        amount_field = page.get_by_label("Gross yearly amount", exact=True)
        amount_field.fill(error_first)
        press(page, SAVE)
        expect_error(
            page,
            "Write the gross yearly income"
            if not error_first
            else "Write the amount with digits only, for example 250 000",
        )
        expect(amount_field).to_have_attribute("aria-invalid", "true")
        expect(amount_field).to_have_value(error_first)
        self.check()
        if self.js:
            self.live_panel(amount_field, amount)
        else:
            amount_field.fill(amount)
        self.shot("income")
        press(page, SAVE)
        heading_is(page, "Income and work")
        expect(page.get_by_role("main")).to_contain_text(
            re.compile(amount_pattern(kroner_in(amount)) + r"\skr")
        )
        self.check()

    def live_panel(self, amount_field: Locator, amount: str) -> None:
        """With JavaScript: typing an amount redraws the panel (htmx, no page load), and its
        "largest startlån" figure follows the amount."""
        page = self.page
        panel = page.get_by_role("complementary", name=PANEL)
        expect(panel).to_be_visible()
        body = panel.locator("#eligibility-panel-body")
        before = squash(body.inner_text())
        page.evaluate("() => { window.__samePage = true; }")

        figure = panel.get_by_role("term").filter(has_text=LARGEST_LOAN)
        shown = figure.locator("xpath=following-sibling::dd[1]")

        def settled() -> None:
            """htmx has drawn the answer and wired up the new panel (typing before that is
            lost, see live_panel's last check), as a person pauses between two changes."""
            page.wait_for_function(
                "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
            )

        def type_and_wait(text: str) -> int:
            """Type an amount and wait for htmx to post it, swap the panel and settle."""
            with page.expect_response(lambda r: "/beregning" in r.url) as answer:
                amount_field.fill(text)
            response = answer.value
            assert response.ok, f"the panel's request failed: {response.status} {response.url}"
            assert response.request.headers.get("hx-request") == "true", "not an htmx request"
            sent = re.search(
                r"Largest startlån you can likely pay over \d+ years</dt><dd>([^<]+)</dd>",
                response.text(),
            )
            assert sent, f"the panel sent for {text!r} has no largest startlån:\n{response.text()}"
            expected = kroner_in(sent.group(1))
            expect(shown).to_have_text(re.compile(rf"^{amount_pattern(expected)}\skr$"))
            expect(panel.get_by_role("status")).to_contain_text(
                re.compile(rf"a startlån of about {amount_pattern(expected)}\skr")
            )
            settled()
            return expected

        first = type_and_wait(amount)
        after = squash(body.inner_text())
        assert after != before, f"the panel did not change after typing {amount!r}:\n{before}"
        assert page.evaluate("() => window.__samePage === true"), "the page was reloaded"
        self.check()  # after the htmx swap

        more = type_and_wait("900 000")
        assert more > first, (
            f"a higher income should give a larger startlån: {first} for {amount}, {more} for "
            "900 000"
        )
        again = type_and_wait(amount)
        assert again == first, f"the figure for {amount} changed: {first} then {again}"
        assert page.evaluate("() => window.__samePage === true"), "the page was reloaded"
        self.check()

        # A person types on while the figures are on their way (a slow phone network): the
        # panel must end up with the figures for what the field says.
        held: list[Route] = []
        page.route("**/beregning*", lambda route: held.append(route))
        amount_field.fill("700 000")
        for _ in range(60):  # the request leaves after htmx's 400 ms delay
            if held:
                break
            page.wait_for_timeout(50)
        assert held, "typing 700 000 sent no request to the panel"
        amount_field.fill(amount)  # typed while the answer for 700 000 is held back
        with page.expect_response(lambda r: "/beregning" in r.url):
            for route in held:
                route.continue_()
        page.unroute("**/beregning*")
        settled()  # the answer for 700 000 is drawn; a newer one may follow
        try:
            expect(shown).to_have_text(re.compile(rf"^{amount_pattern(first)}\skr$"), timeout=3_000)
        except AssertionError:
            self.problem(
                f"the live panel went stale: the field says {amount} but the panel shows "
                f"{squash(shown.inner_text())} (the figure for 700 000). A change typed while a "
                "panel request is in flight is lost: the trigger sits on the element that the "
                "answer replaces (hx-swap=outerHTML), so its pending 400 ms timer dies with it"
            )
            assert type_and_wait(amount) == first  # typing again redraws it
        settled()

    def assets(self, bank: str, has_debts: str, h1_after: str) -> None:
        page = self.page
        page.get_by_label("Bank deposits and cash", exact=True).fill(bank)
        choose(page, "Does anyone in the household have debt?", has_debts)
        self.next(h1_after)

    def add_debt(
        self,
        kind: str,
        creditor: str,
        original: str,
        balance: str,
        monthly: str,
        *,
        secured: str,
        letters_first: bool = False,
    ) -> None:
        page = self.page
        click_and_load(page, page.get_by_role("link", name="Add a debt"))
        heading_is(page, "Add a debt")
        self.check()
        choose(page, "What kind of debt is it?", kind)
        page.get_by_label("Lender or creditor", exact=True).fill(creditor)
        page.get_by_label("Original amount", exact=True).fill(original)
        balance_field = page.get_by_label("Balance today", exact=True)
        page.get_by_label("Monthly payment", exact=True).fill(monthly)
        choose(page, "Is the debt secured by a mortgage on your home?", secured)
        choose(page, "Do you want to pay off this debt with the startlån?", "Yes")
        if letters_first:
            balance_field.fill("about a million")
            press(page, SAVE)
            expect_error(page, "Write the amount with digits only, for example 250 000")
            expect(balance_field).to_have_attribute("aria-invalid", "true")
            expect(balance_field).to_have_value("about a million")
            self.check()
        balance_field.fill(balance)
        press(page, SAVE)
        heading_is(page, "Debts")
        expect(
            page.get_by_role("heading", name=re.compile(f"– {re.escape(creditor)}$"))
        ).to_be_visible()
        self.check()

    def financing_error_then_balance(self, startlan: int, h1_after: str) -> int:
        """Apply for `startlan`; when the page says the sums are short, add the shortfall to the
        startlån. Returns the startlån that balances."""
        page = self.page
        field = page.get_by_label("Startlån", exact=True)
        field.fill(f"{startlan:,}".replace(",", " "))
        press(page, NEXT)
        heading_is(page, "Financing plan")
        sums = page.get_by_role("region", name="The sums")
        message = sums.locator("[data-field=validation]")
        expect(message).to_contain_text("short of the price and costs")
        expect(error_summary(page)).to_contain_text("short of the price and costs")
        self.check()
        shortfall = kroner_in(message.inner_text())
        balanced = startlan + shortfall
        field.fill(f"{balanced:,}".replace(",", " "))
        self.next(h1_after)
        return balanced

    def documents(self, upload: list[str], later: list[str]) -> None:
        """Upload a PDF for the first of `upload`; try to go on (error: the others are
        missing); then upload the rest and tick "later" for the others."""
        page = self.page
        pdf = tiny_pdf()
        items = (
            page.get_by_role("main")
            .get_by_role("listitem")
            .filter(has=page.get_by_role("heading", level=2))
        )
        titles = [squash(t) for t in items.get_by_role("heading", level=2).all_inner_texts()]
        assert sorted(titles) == sorted(upload + later), f"the checklist is {titles}"

        def item(title: str) -> Locator:
            return items.filter(has=page.get_by_role("heading", name=title, exact=True))

        def send(title: str, *, file: bool) -> None:
            card = item(title)
            if file:
                name = re.sub(r"\W+", "-", title.lower()).strip("-")[:40] + ".pdf"
                card.get_by_label(
                    re.compile(rf"^Add files\s*: {re.escape(title)}$")
                ).set_input_files({"name": name, "mimeType": "application/pdf", "buffer": pdf})
                said = f"{name} uploaded"
            else:
                card.get_by_label("I will send this later", exact=True).check()
                said = f"Saved: you will send «{title}» later."
            button = card.get_by_role(
                "button", name=re.compile(rf"^Upload and save\s*: {re.escape(title)}$")
            )
            click_and_load(page, button, re.compile(r"/dokumentasjon\?"))
            status = item(title).get_by_role("status")
            expect(status).to_have_text(said)
            expect(status).to_be_focused()
            self.check()

        send(upload[0], file=True)
        press(page, NEXT)
        expect_error(page, re.compile("Upload «.+» or tick «I will send this later»"))
        self.check()
        for title in upload[1:]:
            send(title, file=True)
        for title in later:
            send(title, file=False)
        self.shot("documents")
        press(page, NEXT)
        heading_is(page, "Your application")
        expect(page.get_by_role("main")).to_contain_text("Every section is completed.")
        self.check()
        self.shot("tasklist")

    def summary(self) -> None:
        """From the completed task list to «Check your answers»."""
        page = self.page
        link = page.get_by_role("main").get_by_role("link", name=re.compile("^Check your answers"))
        if link.count():
            click_and_load(page, link.first, "**/oppsummering")
        else:
            self.problem(
                "the task list says every section is completed but has no link to «Check your "
                "answers» (/soknad/<id>/oppsummering), the only page with the declaration and "
                "«Send the application»; nothing in a draft links there, so a person cannot "
                "send (the walk went on by typing the address)"
            )
            page.goto(self.app_url + "/oppsummering")
        heading_is(page, "Check your answers")
        expect(page.get_by_text("Complete these sections before you send")).to_have_count(0)
        self.check()

    def send(self) -> str:
        """The declaration: first without the tick (error), then sent. Returns the reference."""
        page = self.page
        press(page, "Send the application", "**/send")
        expect_error(page, "Confirm that the information is correct before you send")
        confirm = page.get_by_label(
            re.compile("^I confirm that the information in the application is correct")
        )
        expect(confirm).to_have_attribute("aria-invalid", "true")
        self.check()
        confirm.check()
        press(page, "Send the application", "**/kvittering")
        heading_is(page, "The application has been sent")
        text = page.get_by_role("main").inner_text()
        found = re.search(r"Your reference is (SL-\d{4}-[0-9A-Z]+)\.", text)
        assert found, f"no reference on the receipt page:\n{text}"
        self.check()
        self.shot("receipt")
        return found.group(1)

    def receipt_pdf(self, reference: str, *expected: str) -> str:
        page = self.page
        with page.expect_download() as info:
            page.get_by_role("link", name="Download the receipt (PDF)").click()
        download = info.value
        assert download.suggested_filename == f"kvittering-{reference}.pdf"
        data = Path(download.path()).read_bytes()
        assert data.startswith(b"%PDF-"), "the receipt is not a PDF"
        text = pdf_text(data)
        for wanted in (reference, *expected):
            assert squash(wanted) in text, f"{wanted!r} is not in the receipt PDF:\n{text[:3000]}"
        return text


# ---------------------------------------------------------------------------------------------
# The journeys.


def test_purchase_by_a_single_parent(
    page: Page, js: bool, check_page: Check, login_as: Callable[[Page, str], None]
) -> None:
    walk = Walk(page, js, check_page, "purchase")
    login_as(page, "Ingrid Solberg")
    walk.start("4601", "Buy a home")

    walk.applicants("Single")
    walk.household("I rent a home privately", "6", at_risk="No")
    walk.add_child("Emma", "02.09.2017")
    walk.next("Income and work")
    walk.add_income(
        "Wages or salary",
        "520 000",
        employer="Haukeland universitetssjukehus",
        permanent="Permanent (fast tilsett)",
        error_first="",
    )
    walk.next("Savings and assets")
    walk.assets("40 000", "No", "The home")  # no debts: the debt step is skipped

    page.get_by_label("Address of the home", exact=True).fill("Strandgaten 12")
    page.get_by_label("Postcode", exact=True).fill("5013")
    page.get_by_label("Town or city", exact=True).fill("Bergen")
    expect(page.get_by_label("Municipality number (kommunenummer)", exact=True)).to_have_value(
        "4601"
    )
    choose(page, "What kind of home is it?", "Flat (leilighet)")
    page.get_by_label("Number of rooms", exact=True).fill("3")
    page.get_by_label("Usable area (bruksareal, BRA) in square metres", exact=True).fill("62")
    choose(page, "How is the home owned?", "Freehold (selveier)")
    page.get_by_label("Price", exact=True).fill("2 300 000")
    choose(page, "Is the home insured, or will it be?", "Yes")
    page.get_by_label("Common costs (felleskostnader) per month", exact=True).fill("2 800")
    page.get_by_label("Municipal fees (kommunale avgifter) per month", exact=True).fill("900")
    page.get_by_label("Home insurance per month", exact=True).fill("250")
    page.get_by_label("Maintenance per month", exact=True).fill("500")
    walk.next("Financing plan")

    # The document duty is the server's (2.5 % of the price); Bergen's fee comes prefilled.
    expect(page.get_by_role("main")).to_contain_text(
        re.compile(r"Document duty \(dokumentavgift\): 57\s500\skr")
    )
    startlan = walk.financing_error_then_balance(2_300_000, "Future monthly budget")
    assert startlan == 2_300_000 + 57_500 + 3_517, f"the sums balanced at {startlan}"

    choose(page, "For the living-cost estimate: are you a woman or a man?", "Woman")
    walk.next("Special circumstances")
    walk.next("Documentation")
    walk.documents(
        upload=["Tax return (skattemelding) for last year", "A copy of valid ID"],
        later=[
            "Payslips or benefit statements for the last two months",
            "Purchase contract or sales prospectus",
            "Valuation or condition report",
        ],
    )

    walk.summary()
    # Change one answer through its "Change" link and come back to the summary.
    click_and_load(
        page,
        page.get_by_role("link", name="Change – Bank deposits and cash", exact=True),
        "**/formue",
    )
    heading_is(page, "Savings and assets")
    expect(page.get_by_label("Bank deposits and cash", exact=True)).to_have_value("40 000")
    walk.check()
    page.get_by_label("Bank deposits and cash", exact=True).fill("45 000")
    press(page, NEXT, "**/oppsummering")
    heading_is(page, "Check your answers")
    expect(page.get_by_role("main")).to_contain_text(re.compile(r"45\s000\skr"))
    walk.check()

    reference = walk.send()
    text = walk.receipt_pdf(reference, "Strandgaten 12", "2 300 000", "Ingrid Solberg")
    assert "45 000" in text, "the changed answer is not in the receipt"
    walk.done()


def test_refinancing_by_a_pensioner_at_risk(
    page: Page, js: bool, check_page: Check, login_as: Callable[[Page, str], None]
) -> None:
    walk = Walk(page, js, check_page, "refinance")
    login_as(page, "Arne Bakken")
    walk.start("3418", "Refinance debt so I can stay in my home")

    walk.applicants("Widow or widower")
    walk.household(
        "I own my home, or a share in a housing cooperative (borettslag)", "41", at_risk="Yes"
    )
    expect(page.get_by_text("No one added.", exact=False)).to_be_visible()
    walk.next("Income and work")
    walk.add_income(
        "Pension", "330 000", permanent="Permanent (varig)", error_first="three hundred thousand"
    )
    walk.next("Savings and assets")
    walk.assets("15 000", "Yes", "Debts")

    walk.add_debt(
        "Mortgage (boliglån)",
        "Sparebanken Øst",
        "1 400 000",
        "1 180 000",
        "9 200",
        secured="Yes",
        letters_first=True,
    )
    walk.add_debt(
        "Consumer loan (forbrukslån)",
        "Bank Norwegian",
        "150 000",
        "128 000",
        "4 100",
        secured="No",
    )
    walk.add_debt("Credit card", "re:member", "50 000", "42 000", "1 600", secured="No")
    debts = 1_180_000 + 128_000 + 42_000
    walk.next("The home")

    page.get_by_label("Address of the home", exact=True).fill("Kirkevegen 7")
    page.get_by_label("Postcode", exact=True).fill("2270")
    page.get_by_label("Town or city", exact=True).fill("Flisa")
    expect(page.get_by_label("Municipality number (kommunenummer)", exact=True)).to_have_value(
        "3418"
    )
    choose(page, "What kind of home is it?", "Detached house (enebolig)")
    page.get_by_label("Number of rooms", exact=True).fill("4")
    page.get_by_label("Usable area (bruksareal, BRA) in square metres", exact=True).fill("118")
    choose(page, "How is the home owned?", "Freehold (selveier)")
    page.get_by_label("Price when you bought the home", exact=True).fill("900 000")
    page.get_by_label("Market value (verditakst)", exact=True).fill("2 100 000")
    choose(page, "Is the home insured, or will it be?", "Yes")
    page.get_by_label("Municipal fees (kommunale avgifter) per month", exact=True).fill("1 400")
    page.get_by_label("Home insurance per month", exact=True).fill("600")
    page.get_by_label("Maintenance per month", exact=True).fill("1 000")
    walk.next("Financing plan")

    # What must be financed is the debt to refinance (no document duty, no fee in Åsnes).
    expect(page.get_by_role("main")).to_contain_text("No document duty")
    expect(page.get_by_role("region", name="The sums")).to_contain_text(
        re.compile(rf"Price and costs in total\s*{amount_pattern(debts)}\skr")
    )
    page.get_by_label("Startlån", exact=True).fill(f"{debts:,}".replace(",", " "))
    walk.next("Future monthly budget")

    choose(page, "For the living-cost estimate: are you a woman or a man?", "Man")
    walk.next("Special circumstances")
    walk.next("Documentation")
    walk.documents(
        upload=[
            "Tax return (skattemelding) for last year",
            "Documentation of debt other than a mortgage",
        ],
        later=["Payslips or benefit statements for the last two months", "A copy of valid ID"],
    )

    walk.summary()
    reference = walk.send()
    walk.receipt_pdf(
        reference, "Kirkevegen 7", "2 100 000", "Bank Norwegian", "1 350 000", "Arne Bakken"
    )
    walk.done()
