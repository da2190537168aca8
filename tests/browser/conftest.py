"""Browser-layer fixtures: Playwright (sync API) driving Debian's chromium, with axe-core.

Rules for tests/browser:
- Never download a browser. Chromium is Debian's, at /usr/bin/chromium (`make system-deps`
  installs it); when it is missing every test here FAILS with that instruction — no skips.
- Drive the app over real HTTP (`live_server`) and log in through the real flow: the ID-porten
  look-alike's picker (`login_as`, `staff_login_as`). Never forge cookies or sessions.
- Phone first: pages open at 390×844 unless a test is about another size.
- Every page a test visits is checked with `axe` (zero violations for WCAG 2.0/2.1/2.2 A+AA and
  best-practice) and `labels` (every field has a visible <label>) — again after every htmx
  swap and on every error state.
- Every journey runs with JavaScript on and off (the `js` fixture, parametrized by tests).
- Find elements by role and label (get_by_role, get_by_label), with text from our own
  translation catalogues (`t`), not by CSS class.
- One browser per session, a fresh context (no cookies) per test.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from babel.messages.pofile import read_po
from flask import Flask
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
TIMEOUT_MS = 10_000

THIS_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser test (`-m "not browser"` leaves them out)."""
    for item in items:
        if THIS_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


# ---------------------------------------------------------------------------------------------
# Text in the person's language, from the catalogues the app itself uses.

_catalogues: dict[str, dict[str, str]] = {}


def t(msgid: str, lang: str = "nb") -> str:
    """`msgid` as the app shows it in `lang` (the msgid itself when untranslated)."""
    if lang not in _catalogues:
        with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
            catalog = read_po(po)
        _catalogues[lang] = {
            str(m.id): str(m.string) for m in catalog if m.id and m.string and not m.fuzzy
        }
    return _catalogues[lang].get(msgid, msgid)


# ---------------------------------------------------------------------------------------------
# Browser, contexts and pages.


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing. The browser tests use Debian's chromium: run "
            "`make system-deps` (or `sudo apt-get install -y chromium`). "
            "Never run `playwright install`.",
            pytrace=False,
        )
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


class Pages:
    """Opens pages in fresh contexts and remembers which ones run without JavaScript."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self._contexts: list[BrowserContext] = []
        self._without_js: set[int] = set()
        self._mirror: Page | None = None

    def new(
        self, *, js: bool = True, width: int = PHONE["width"], height: int = PHONE["height"]
    ) -> Page:
        """A page in a new context (no cookies), as a Norwegian phone by default."""
        context = self.browser.new_context(
            base_url=self.base_url,
            viewport={"width": width, "height": height},
            java_script_enabled=js,
            locale="nb-NO",  # Accept-Language: a person in Norway sees bokmål first
        )
        context.set_default_timeout(TIMEOUT_MS)
        self._contexts.append(context)
        page = context.new_page()
        page.console_errors = []  # type: ignore[attr-defined]
        page.on("console", lambda msg: _keep_error(page, msg.type, msg.text))
        page.on("pageerror", lambda error: _keep_error(page, "pageerror", str(error)))
        if not js:
            self._without_js.add(id(page))
        return page

    def has_js(self, page: Page) -> bool:
        return id(page) not in self._without_js

    def mirror(self, page: Page) -> Page:
        """A JavaScript-enabled copy of a no-JS page, for running axe-core on it.

        axe-core needs timers, and a context without JavaScript never fires them. The copy is
        the same DOM (scripts removed, <noscript> content kept as it renders without JS),
        served at the same URL so the stylesheets load, at the same viewport size.
        """
        if self._mirror is None:
            context = self.browser.new_context(base_url=self.base_url, locale="nb-NO")
            context.set_default_timeout(TIMEOUT_MS)
            self._contexts.append(context)
            self._mirror = context.new_page()
        mirror = self._mirror
        size = page.viewport_size or PHONE
        mirror.set_viewport_size(size)
        html = _without_scripts(page.content())
        url = page.url.split("#", 1)[0]
        mirror.unroute_all()
        mirror.route(
            lambda u: u.split("#", 1)[0] == url,
            lambda route: route.fulfill(
                status=200, content_type="text/html; charset=utf-8", body=html
            ),
        )
        mirror.goto(url)
        return mirror

    def close(self) -> None:
        for context in self._contexts:
            context.close()


def _keep_error(page: Page, kind: str, text: str) -> None:
    if kind in ("error", "pageerror"):
        page.console_errors.append(text)  # type: ignore[attr-defined]


def _without_scripts(html: str) -> str:
    html = re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S | re.I)
    return re.sub(r"</?noscript\b[^>]*>", "", html, flags=re.I)


@pytest.fixture
def pages(browser: Browser, live_server: str) -> Iterator[Pages]:
    opened = Pages(browser, live_server)
    yield opened
    opened.close()


@pytest.fixture
def js() -> bool:
    """JavaScript on; journeys parametrize this with [True, False]."""
    return True


@pytest.fixture
def page(pages: Pages, js: bool) -> Page:
    """A phone-sized page (390×844), with or without JavaScript as `js` says."""
    return pages.new(js=js)


# ---------------------------------------------------------------------------------------------
# Accessibility checks.

_axe = Axe()


def _format_violations(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"axe-core found {len(violations)} violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    target {json.dumps(node['target'])}: {summary}")
            lines.append(f"      {node.get('html', '')[:200]}")
    return "\n".join(lines)


def run_axe(pages: Pages, page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (WCAG 2.2 A/AA and best practice)."""
    target = page if pages.has_js(page) else pages.mirror(page)
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    results = _axe.run(target, options=options)
    return list(results.response["violations"])


@pytest.fixture
def axe(pages: Pages) -> Callable[[Page], None]:
    """Assert zero axe-core violations on the page as it is now; prints each rule and target."""

    def check(page: Page) -> None:
        violations = run_axe(pages, page)
        if violations:
            report = _format_violations(page.url, violations)
            print(report)
            pytest.fail(report, pytrace=False)

    return check


_UNLABELLED_FIELDS = """() => {
  const hiddenByClip = (el) => {
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.clip === 'rect(0px, 0px, 0px, 0px)' || style.clipPath === 'inset(50%)') {
        return true;
      }
    }
    return false;
  };
  const visible = (el) => {
    const rect = el.getBoundingClientRect();
    return el.checkVisibility({opacityProperty: true, visibilityProperty: true})
      && rect.width > 1 && rect.height > 1
      && rect.right + window.scrollX > 0 && rect.bottom + window.scrollY > 0
      && !hiddenByClip(el) && el.textContent.trim() !== '';
  };
  const skip = new Set(['hidden', 'submit', 'button', 'reset', 'image']);
  return [...document.querySelectorAll('input, select, textarea')]
    .filter((field) => !skip.has((field.getAttribute('type') || '').toLowerCase()))
    .filter((field) => field.checkVisibility())
    .filter((field) => ![...field.labels].some(visible))
    .map((field) => field.outerHTML.slice(0, 200));
}"""


@pytest.fixture
def labels() -> Callable[[Page], None]:
    """Assert every visible input, select and textarea has a visible <label> (stricter than
    axe, which accepts aria-label, title or placeholder)."""

    def check(page: Page) -> None:
        unlabelled = page.evaluate(_UNLABELLED_FIELDS)
        assert not unlabelled, f"fields without a visible <label> on {page.url}:\n" + "\n".join(
            unlabelled
        )

    return check


@pytest.fixture
def check_page(
    axe: Callable[[Page], None], labels: Callable[[Page], None]
) -> Callable[[Page], None]:
    """Both page checks: axe-core at zero and visible labels."""

    def check(page: Page) -> None:
        axe(page)
        labels(page)

    return check


# ---------------------------------------------------------------------------------------------
# Logging in through the ID-porten look-alike.

PICKER_PATH = "/idporten-mock/authorize"


def open_picker(page: Page, start: str = "/logg-inn") -> None:
    """Start a login at `start` and wait for the look-alike's test-person picker."""
    page.goto(start)
    page.wait_for_url(f"**{PICKER_PATH}?*")


def page_language(page: Page) -> str:
    return page.locator("html").get_attribute("lang") or "nb"


def pick(page: Page, person_name: str) -> None:
    """On the picker: choose the person (clearing any typed number) and log in."""
    lang = page_language(page)
    page.get_by_label(t("Or type a synthetic fødselsnummer", lang)).fill("")
    page.get_by_label(person_name, exact=True).check()
    page.get_by_role("button", name=t("Log in", lang), exact=True).click()


def login_as(page: Page, person_name: str) -> None:
    """Log a citizen in through the real flow and land on the dashboard (/oversikt)."""
    open_picker(page)
    pick(page, person_name)
    page.wait_for_url("**/oversikt")


def staff_login_as(page: Page, person_name: str) -> None:
    """Log a staff member in through the staff login and land on the staff page (the person
    needs a staff account: see `staff_account`)."""
    open_picker(page, "/personale/logg-inn")
    pick(page, person_name)
    page.wait_for_url("**/saksbehandling")


@pytest.fixture
def staff_account(app: Flask) -> Callable[[str], None]:
    """`staff_account(name)`: give a look-alike staff test person their staff account (role
    and municipality from test_persons.toml), as `flask seed-demo` does. Tables are emptied
    after each test, so each test registers whom it needs."""
    from portal.cli import upsert_staff
    from portal.idporten_mock.persons import staff_persons

    def register(name: str) -> None:
        [person] = [p for p in staff_persons() if p.name == name]
        with app.app_context():
            upsert_staff(person.pid, person.name, person.staff_role, person.municipality)

    return register


# Test modules get the helpers as fixtures: conftest modules are not importable by name
# (there is one per layer, all called conftest).


@pytest.fixture(name="t")
def t_fixture() -> Callable[[str, str], str]:
    """`t(msgid, lang)`: the text as the app shows it in that language."""
    return t


@pytest.fixture(name="open_picker")
def open_picker_fixture() -> Callable[..., None]:
    return open_picker


@pytest.fixture(name="pick")
def pick_fixture() -> Callable[[Page, str], None]:
    return pick


@pytest.fixture(name="login_as")
def login_as_fixture() -> Callable[[Page, str], None]:
    """`login_as(page, person_name)`: log a citizen in through the look-alike's picker."""
    return login_as


@pytest.fixture(name="staff_login_as")
def staff_login_as_fixture() -> Callable[[Page, str], None]:
    """`staff_login_as(page, person_name)`: log staff in through /personale/logg-inn."""
    return staff_login_as
