"""The eligibility panel's summary above the fields, on a phone (390×844).

On a phone the panel sits below the whole form, far from the field being typed into, so the
pages show its two key figures (left each month for the loan, the largest startlån) after the
h1, with a link down to the panel. With JavaScript the summary follows typing through the
panel's own htmx request (an out-of-band swap: one request per update); without JavaScript it
shows the same figures as the panel on every page load. From 64rem, where the panel is beside
the form, it is hidden. The budget step is the page: its income after tax is the first amount
on it, as the applicant sees it after writing the income (Norwegian, the default language).
On the income list, removing an income with htmx brings the lower figures in the same answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from browser_helpers import start_application
from playwright.sync_api import Locator, Page, Request, expect

Check = Callable[[Page], None]
T = Callable[..., str]
CITIZEN = "Ingrid Solberg"

# The summary's figures and the panel's figures (a <dd> after each <dt>), by position.
SUMMARY_FIGURES = """() => [...document.querySelectorAll('#eligibility-panel-summary strong')]
  .map((strong) => strong.textContent)"""
NOT_ANNOUNCED = """(summary) => [summary, ...summary.querySelectorAll('*')]
  .filter((el) => el.hasAttribute('aria-live')
    || ['status', 'alert', 'log', 'marquee', 'timer'].includes(el.getAttribute('role')))
  .map((el) => el.outerHTML.slice(0, 120))"""
OVERFLOW = """(summary) => ({
  right: summary.getBoundingClientRect().right,
  width: document.documentElement.clientWidth,
  scrollWidth: document.documentElement.scrollWidth,
})"""


def kroner(text: str) -> int:
    """1 234 567 kr (any spaces, or &nbsp; in the HTML htmx receives) as a number."""
    return int(re.sub(r"[^\d-]", "", text))


def amount_pattern(amount: int) -> str:
    """A regular expression for an amount as the pages show it ('1 234 567', any spaces)."""
    return r"\s".join(re.findall(r"\d{1,3}(?=(?:\d{3})*$)", str(amount)))


def start_with_an_income(page: Page, t: T) -> str:
    """A new draft (Bergen, purchase) with one wage saved through its page; returns its URL."""
    application = start_application(page, t)
    add_wage(page, t, application, "520 000", "Haukeland universitetssjukehus")
    return application


def add_wage(page: Page, t: T, application: str, amount: str, employer: str) -> None:
    """Add a permanent wage through its page (JavaScript on or off); ends on the income list."""
    page.goto(application + "/inntekt/ny")
    page.get_by_role("group", name=t("What kind of income is it?"), exact=True).get_by_label(
        t("Wages or salary"), exact=True
    ).check()
    page.get_by_label(t("Gross yearly amount"), exact=True).fill(amount)
    page.get_by_label(t("Employer"), exact=True).fill(employer)
    page.get_by_label(
        t("How many years has the person worked for this employer?"), exact=True
    ).fill("4")
    page.get_by_role(
        "group", name=t("Is the job permanent or temporary?"), exact=True
    ).get_by_label(t("Permanent (fast tilsett)"), exact=True).check()
    with page.expect_navigation(url=application + "/inntekt"):
        page.get_by_role("button", name=t("Save"), exact=True).click()


def panel_figure(page: Page, t: T, term: str | re.Pattern[str]) -> Locator:
    """The panel's figure for a term (its <dd>)."""
    panel = page.get_by_role("complementary", name=t("What you may afford"))
    return panel.get_by_role("term").filter(has_text=term).locator("xpath=following-sibling::dd[1]")


def panel_figures(page: Page, t: T) -> list[int]:
    """The panel's left each month and largest startlån."""
    largest = re.compile(
        "^"
        + re.escape(t("Largest startlån you can likely pay over %(years)s years")).replace(
            re.escape("%(years)s"), r"\d+"
        )
    )
    left = panel_figure(page, t, re.compile("^" + re.escape(t("Left each month for the loan"))))
    return [kroner(left.inner_text()), kroner(panel_figure(page, t, largest).inner_text())]


def summary_figures(page: Page) -> list[int]:
    return [kroner(text) for text in page.evaluate(SUMMARY_FIGURES)]


def open_budget(page: Page, t: T, application: str) -> tuple[Locator, Locator]:
    """The budget step; returns the summary and the income-after-tax field."""
    page.goto(application + "/budsjett")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    summary = page.get_by_role("main").locator("#eligibility-panel-summary")
    return summary, page.get_by_label(t("Income after tax per month"), exact=True)


def expect_summary_like_panel(page: Page, t: T, summary: Locator) -> list[int]:
    """The summary is visible, between the h1 and the fields, with the panel's figures."""
    expect(summary).to_be_visible()
    expect(
        summary.get_by_role("link", name=t("See the calculation"), exact=True)
    ).to_have_attribute("href", "#eligibility-panel-heading")
    figures = summary_figures(page)
    assert figures == panel_figures(page, t), "the summary and the panel disagree"
    assert summary.evaluate(NOT_ANNOUNCED) == [], "the summary must not be a live region"
    return figures


@pytest.mark.parametrize("js", [True])
def test_the_summary_follows_typing_in_view_of_the_field(
    page: Page, check_page: Check, t: T, login_as: Callable[[Page, str], None]
) -> None:
    login_as(page, CITIZEN)
    application = start_with_an_income(page, t)
    summary, field = open_budget(page, t, application)
    before = expect_summary_like_panel(page, t, summary)
    position = summary.evaluate("(el) => getComputedStyle(el).position")
    assert position == "static", f"the summary is {position}: it could cover the field"
    check_page(page)

    # The person scrolls down to the field (it ends at the bottom of the screen) and types.
    page.evaluate("() => { window.__samePage = true; }")
    field.evaluate("(el) => el.scrollIntoView({block: 'end'})")
    top = field.evaluate("(el) => el.getBoundingClientRect().top")
    sent: list[Request] = []
    page.on("request", lambda request: sent.append(request))
    with page.expect_response(lambda r: "/beregning" in r.url) as answer:
        field.fill("45 000")
    response = answer.value
    assert response.ok and response.request.headers.get("hx-request") == "true"
    sent_summary = response.text().split('id="eligibility-panel-summary"', 1)[1]
    assert sent_summary.startswith(' hx-swap-oob="true"'), "no out-of-band summary in the answer"
    expected = [kroner(text) for text in re.findall(r"<strong>([^<]+)</strong>", sent_summary)]
    strong = summary.locator("strong")
    for n, amount in enumerate(expected):
        expect(strong.nth(n)).to_have_text(re.compile(rf"^{amount_pattern(amount)}\skr$"))
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )
    after = expect_summary_like_panel(page, t, summary)
    assert after == expected, f"the summary shows {after}, the answer had {expected}"
    assert after[0] > before[0] and after[1] > before[1], f"the summary stayed at {before}"
    expect(page.get_by_role("status")).to_contain_text(re.compile(amount_pattern(after[1])))
    expect(summary).to_be_in_viewport(ratio=1)
    expect(field).to_be_in_viewport(ratio=0.99)  # its bottom on the screen's edge, to the pixel
    moved = field.evaluate("(el) => el.getBoundingClientRect().top") - top
    assert abs(moved) < 1, f"the field moved {moved} px when the figures came"
    page.wait_for_timeout(600)  # htmx's delay is 400 ms: no second request follows
    posts = [request.url for request in sent if request.resource_type in ("xhr", "fetch")]
    assert len(posts) == 1 and "/budsjett/beregning" in posts[0], posts
    assert page.evaluate("() => window.__samePage === true"), "the page was reloaded"
    check_page(page)  # after the swap

    # "See the calculation" leads to the panel's heading.
    summary.get_by_role("link", name=t("See the calculation"), exact=True).click()
    heading = page.get_by_role("heading", level=2, name=t("What you may afford"), exact=True)
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()

    # 320 px (and 200 % zoom of 1280×800): in the flow, nothing scrolls sideways.
    for width, height in ((320, 640), (640, 400)):
        page.set_viewport_size({"width": width, "height": height})
        expect(summary).to_be_visible()
        found = summary.evaluate(OVERFLOW)
        assert found["right"] <= found["width"] and found["scrollWidth"] <= found["width"], found

    # Beside the form from 64rem: the panel is in view there, the summary is hidden.
    page.set_viewport_size({"width": 1023, "height": 800})
    expect(summary).to_be_visible()
    page.set_viewport_size({"width": 1024, "height": 800})
    expect(summary).to_be_hidden()
    expect(page.get_by_role("complementary", name=t("What you may afford"))).to_be_visible()
    assert not page.console_errors, page.console_errors  # type: ignore[attr-defined]


@pytest.mark.parametrize("js", [False])
def test_without_javascript_the_summary_shows_the_figures_on_each_page_load(
    page: Page, check_page: Check, t: T, login_as: Callable[[Page, str], None]
) -> None:
    login_as(page, CITIZEN)
    application = start_with_an_income(page, t)
    summary, field = open_budget(page, t, application)
    before = expect_summary_like_panel(page, t, summary)
    check_page(page)

    field.fill("45 000")
    with page.expect_navigation():
        page.get_by_role("button", name=t("Update the figures without saving"), exact=True).click()
    after = expect_summary_like_panel(page, t, summary)
    assert after[0] > before[0], f"the summary stayed at {before}: {after}"
    check_page(page)


@pytest.mark.parametrize("js", [True])
def test_removing_an_income_with_htmx_lowers_the_summary_and_the_panel(
    page: Page, check_page: Check, t: T, login_as: Callable[[Page, str], None]
) -> None:
    """With htmx, «Yes, remove» swaps the list, and its answer brings the panel's body and the
    summary along out of band: the figures no longer count the removed income, no reload."""
    login_as(page, CITIZEN)
    application = start_with_an_income(page, t)
    add_wage(page, t, application, "240 000", "Bergen kommune")
    summary = page.get_by_role("main").locator("#eligibility-panel-summary")
    cards = page.get_by_role("main").get_by_role("list").first.get_by_role("listitem")
    expect(cards).to_have_count(2)
    before = expect_summary_like_panel(page, t, summary)
    check_page(page)

    page.evaluate("() => { window.__samePage = true; }")
    sent: list[Request] = []
    page.on("request", lambda request: sent.append(request))
    remove = re.compile("^" + re.escape(t("Remove")) + r"\b")
    cards.nth(1).get_by_role("link", name=remove).click()
    yes = page.get_by_role("button", name=re.compile("^" + re.escape(t("Yes, remove"))))
    with page.expect_response(lambda r: r.url.endswith("/fjern")) as answer:
        yes.click()
    assert answer.value.ok
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )
    expect(cards).to_have_count(1)
    panel = page.get_by_role("complementary", name=t("What you may afford"))
    status = panel.get_by_role("status")
    # The figures for the one income left, in the summary and the panel alike, and announced.
    was = re.compile(rf"^{amount_pattern(before[0])}\skr$")
    expect(summary.locator("strong").first).not_to_have_text(was)
    after = expect_summary_like_panel(page, t, summary)
    assert after[0] < before[0] and after[1] < before[1], f"{before} → {after}"
    expect(status).to_contain_text(re.compile(amount_pattern(after[1])))
    expect(page.get_by_role("link", name=t("Add an income"), exact=True)).to_be_focused()
    posts = [request.url for request in sent if request.method == "POST"]
    assert len(posts) == 1 and posts[0].endswith("/fjern"), posts  # one request, no /beregning
    assert page.evaluate("() => window.__samePage === true"), "the page was reloaded"
    check_page(page)  # after the swap
    assert not page.console_errors, page.console_errors  # type: ignore[attr-defined]

    # A fresh page shows the same figures.
    page.reload()
    assert expect_summary_like_panel(page, t, summary) == after
