"""A citizen's and a caseworker's first visit, on a phone, with JavaScript on and off.

Every page on the way is checked with axe-core and for visible labels (`check_page`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

CITIZEN = "Ingrid Solberg"
CASEWORKER = "Marte Berg"  # caseworker in Bergen (4601)
NOT_A_VALID_FNR = "12345678901"

pytestmark = pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])

Check = Callable[[Page], None]
T = Callable[..., str]


def assert_no_console_errors(page: Page) -> None:
    errors = page.console_errors  # type: ignore[attr-defined]
    counted = Counter(errors)
    assert not errors, "the browser console reported errors:\n" + "\n".join(
        f"{count}× {text}" for text, count in counted.items()
    )


def choose_language(page: Page, label: str, code: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.get_by_role("button", name=label, exact=True)).to_have_attribute(
        "aria-current", "true"
    )


def test_language_switch_and_information_pages(
    page: Page, js: bool, check_page: Check, t: T
) -> None:
    page.goto("/")
    assert page.evaluate("() => typeof window.htmx") == ("object" if js else "undefined")
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Apply for startlån", "nb"))
    check_page(page)
    bokmal = page.get_by_role("main").inner_text()

    choose_language(page, "Nynorsk", "nn")
    assert page.url.endswith("/"), "the language switch should return to the same page"
    nynorsk = page.get_by_role("main").inner_text()
    assert nynorsk != bokmal
    expect(page.get_by_role("link", name=t("Log in as municipal staff", "nn"))).to_be_visible()
    check_page(page)

    choose_language(page, "English", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Apply for startlån")
    expect(page.get_by_role("link", name="Log in with ID-porten")).to_be_visible()
    assert page.get_by_role("main").inner_text() not in (bokmal, nynorsk)
    check_page(page)

    choose_language(page, "Bokmål", "nb")
    assert page.get_by_role("main").inner_text() == bokmal

    footer = page.get_by_role("contentinfo")
    footer.get_by_role("link", name=t("Accessibility statement")).click()
    page.wait_for_url("**/tilgjengelighet")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Accessibility statement"))
    check_page(page)

    # The language choice holds on other pages, and the switch returns to the page it was on.
    choose_language(page, "English", "en")
    page.wait_for_url("**/tilgjengelighet")
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement")
    choose_language(page, "Bokmål", "nb")

    footer.get_by_role("link", name=t("Privacy and cookies")).click()
    page.wait_for_url("**/personvern")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Privacy statement"))
    check_page(page)
    if js:
        assert_no_console_errors(page)


def test_citizen_logs_in_sees_overview_and_logs_out(
    page: Page, js: bool, check_page: Check, t: T, pick: Callable[[Page, str], None]
) -> None:
    page.goto("/")
    page.get_by_role("link", name=t("Log in with ID-porten")).click()
    page.wait_for_url("**/idporten-mock/authorize?*")
    expect(page.get_by_label(CITIZEN, exact=True)).to_be_visible()
    check_page(page)

    # Error state: a number that is not a valid fødselsnummer.
    field = page.get_by_label(t("Or type a synthetic fødselsnummer"))
    field.fill(NOT_A_VALID_FNR)
    page.get_by_role("button", name=t("Log in"), exact=True).click()
    summary = page.locator(".ds-error-summary")  # Designsystemet's error summary
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()  # autofocus: a screen reader hears the problem first
    expect(summary.get_by_role("heading")).to_have_count(1)
    links = summary.get_by_role("link")
    expect(links).to_have_count(1)
    field_id = field.get_attribute("id")
    assert links.get_attribute("href") == f"#{field_id}", "the summary must link to the field"
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_value(NOT_A_VALID_FNR)  # what was typed stays, to be corrected
    message = page.locator(f"#{field_id}-error")
    expect(message).to_be_visible()
    assert f"{field_id}-error" in (field.get_attribute("aria-describedby") or "").split(), (
        "the field must point to its error message with aria-describedby"
    )
    expect(links).to_have_text(message.inner_text())
    check_page(page)
    links.click()
    assert page.url.endswith(f"#{field_id}")
    expect(field).to_be_in_viewport()

    pick(page, CITIZEN)
    page.wait_for_url("**/oversikt")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Your overview"))
    expect(page.get_by_role("banner")).to_contain_text(CITIZEN)
    check_page(page)

    page.get_by_role("banner").get_by_role("button", name=t("Log out"), exact=True).click()
    page.wait_for_url("**/logget-ut*")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("You are logged out"))
    expect(page.get_by_role("banner")).not_to_contain_text(CITIZEN)
    check_page(page)

    # The session is gone here and at the look-alike: the dashboard asks for a new login.
    page.goto("/oversikt")
    page.wait_for_url("**/idporten-mock/authorize?*")
    expect(page.get_by_label(CITIZEN, exact=True)).to_be_visible()
    if js:
        assert_no_console_errors(page)


def test_caseworker_logs_in_through_the_staff_link(
    page: Page,
    js: bool,
    check_page: Check,
    t: T,
    pick: Callable[[Page, str], None],
    staff_account: Callable[[str], None],
) -> None:
    staff_account(CASEWORKER)
    page.goto("/")
    page.get_by_role("link", name=t("Log in as municipal staff")).click()
    page.wait_for_url("**/idporten-mock/authorize?*")
    check_page(page)
    pick(page, CASEWORKER)
    page.wait_for_url("**/saksbehandling")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Case handling"))
    expect(page.get_by_role("main")).to_contain_text(CASEWORKER)
    expect(page.get_by_role("main")).to_contain_text("Bergen")
    check_page(page)
    if js:
        assert_no_console_errors(page)
