"""Steps several browser tests share (import them; fixtures live in conftest.py)."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page

T = Callable[..., str]


def start_application(page: Page, t: T, lang: str = "nb") -> str:
    """A new draft through the start page (Bergen, startlån, buying a home already found), the
    page in `lang`; returns the draft's URL (its task list, where the page ends)."""
    page.goto("/soknad/ny")
    page.get_by_label(t("Which municipality do you apply to?", lang), exact=True).select_option(
        "4601"
    )
    for legend, option in (
        ("What do you apply for?", "Startlån"),
        ("What will the loan or grant be used for?", "Buy a home"),
        (
            "Do you know which home it is?",
            "Yes, I have found a home, or I apply for the home I live in",
        ),
    ):
        page.get_by_role("group", name=t(legend, lang), exact=True).get_by_label(
            t(option, lang), exact=True
        ).check()
    with page.expect_navigation(url=re.compile(r"/soknad/[^/]+$")):
        page.get_by_role("button", name=t("Start the application", lang), exact=True).click()
    return page.url
