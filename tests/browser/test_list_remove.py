"""Removing an item of a repeating list asks first, on a phone, with JavaScript on and off.

Without JavaScript "Remove" opens the page «Vil du fjerne «…»?»; with htmx the same question
takes the item's place in the list, gets focus and is announced in the list's live region.
"No, keep it" keeps the item, "Yes, remove" removes it. Every state is checked with axe-core.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from browser_helpers import start_application
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])

Check = Callable[[Page], None]
T = Callable[..., str]
CITIZEN = "Ingrid Solberg"


def _start(page: Page, t: T) -> str:
    """A new draft (Bergen, purchase); returns the household list's URL."""
    return start_application(page, t) + "/husstandsmedlemmer"


def _add_child(page: Page, t: T, name: str, born: str) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name=t("Add a person"), exact=True).click()
    page.get_by_role("group", name=t("Is this a child or an adult?"), exact=True).get_by_label(
        t("A child (under 18)"), exact=True
    ).check()
    page.get_by_label(t("First name"), exact=True).fill(name)
    page.get_by_label(t("Date of birth"), exact=True).fill(born)
    page.get_by_role("group", name=t("Sex"), exact=True).get_by_label(
        t("Female"), exact=True
    ).check()
    with page.expect_navigation():
        page.get_by_role("button", name=t("Save"), exact=True).click()


def _title(t: T, name: str, born: str) -> str:
    return t("Child, born %(date)s (%(name)s)") % {"date": born, "name": name}


def _cards(page: Page) -> Locator:
    return page.get_by_role("main").get_by_role("listitem")


def _named(visible: str, title: str) -> re.Pattern[str]:
    """The accessible name of a control whose visible text is followed by ": <title>" for
    screen readers only (the browser may put a space before the colon)."""
    return re.compile(rf"^{re.escape(visible)}\s*: {re.escape(title)}$")


def _remove_link(page: Page, t: T, title: str) -> Locator:
    return page.get_by_role("link", name=_named(t("Remove"), title))


def _click(page: Page, js: bool, target: Locator) -> None:
    """With htmx: click and wait for the swap to settle (no page load); else: a navigation."""
    if js:
        target.click()
        page.wait_for_function(
            "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
        )
    else:
        with page.expect_navigation():
            target.click()


def test_remove_asks_first(
    page: Page, js: bool, check_page: Check, t: T, login_as: Callable[[Page, str], None]
) -> None:
    login_as(page, CITIZEN)
    list_url = _start(page, t)
    page.goto(list_url)
    _add_child(page, t, "Emma", "02.09.2017")
    _add_child(page, t, "Ola", "14.03.2020")
    emma, ola = _title(t, "Emma", "02.09.2017"), _title(t, "Ola", "14.03.2020")
    expect(_cards(page)).to_have_count(2)
    check_page(page)
    page.evaluate("() => { window.__samePage = true; }")
    question = t("Remove «%(item)s»?") % {"item": emma}
    yes = page.get_by_role("button", name=_named(t("Yes, remove"), emma))
    keep = page.get_by_role("link", name=_named(t("No, keep it"), emma))

    # "Remove" asks: a page of its own, or with htmx the question in Emma's card.
    _click(page, js, _remove_link(page, t, emma))
    if js:
        asked = page.get_by_role("heading", level=2, name=question, exact=True)
        expect(asked).to_be_focused()
        expect(page.get_by_role("status")).to_have_text(question)
        expect(_cards(page)).to_have_count(2)
        expect(_cards(page).first).to_contain_text(question)
        expect(_remove_link(page, t, ola)).to_be_visible()
    else:
        assert re.fullmatch(re.escape(list_url) + r"/[0-9a-f]+/fjern", page.url), page.url
        expect(page.get_by_role("heading", level=1)).to_have_text(question)
        expect(page).to_have_title(re.compile("^" + re.escape(question)))
    expect(yes).to_be_visible()
    check_page(page)

    # "No, keep it": the list with both, focus back on Emma's "Remove" with htmx.
    _click(page, js, keep)
    expect(_cards(page)).to_have_count(2)
    expect(page.get_by_role("heading", level=2, name=emma, exact=True)).to_be_visible()
    if js:
        expect(_remove_link(page, t, emma)).to_be_focused()
        expect(page.get_by_role("status")).to_have_text("")
    else:
        assert page.url == list_url
    check_page(page)

    # Ask again and "Yes, remove": Emma is gone, Ola stays, and the page says so.
    _click(page, js, _remove_link(page, t, emma))
    check_page(page)
    _click(page, js, yes)
    expect(_cards(page)).to_have_count(1)
    expect(page.get_by_role("heading", level=2, name=ola, exact=True)).to_be_visible()
    expect(page.get_by_role("status")).to_have_text(t("Removed."))
    check_page(page)
    if js:
        expect(page.get_by_role("link", name=t("Add a person"), exact=True)).to_be_focused()
        assert page.evaluate("() => window.__samePage === true"), "the page was reloaded"
        assert not page.console_errors, page.console_errors  # type: ignore[attr-defined]
    page.reload()
    expect(_cards(page)).to_have_count(1)
