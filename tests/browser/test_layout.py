"""Reflow and focus: no sideways scrolling at 320 px and at 200 % zoom, a visible focus ring.

200 % zoom of a 1280×800 window is a 640×400 CSS-pixel viewport, so the zoom case is that
viewport (the app allows no inline style, and the test does not fake zoom with one either).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from browser_helpers import start_application
from playwright.sync_api import Page, expect

from portal.wizard.registry import TITLES

CITIZEN = "Emma Lie"
SIZES = {"320px": (320, 640), "zoom200": (640, 400)}
LANGUAGES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}
PUBLIC_PAGES = ["/", "/tilgjengelighet", "/personvern", "/logget-ut"]

OVERFLOW = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const culprits = [...document.body.querySelectorAll('*')]
    .filter((el) => el.getBoundingClientRect().right > width + 1)
    .filter((el) => getComputedStyle(el).position !== 'fixed')
    .map((el) => el.outerHTML.slice(0, 120));
  // Hiding the overflow would only cut content off: that is no fix.
  const hidden = [root, document.body].filter(
    (el) => ['hidden', 'clip'].includes(getComputedStyle(el).overflowX));
  return {
    scrollWidth: root.scrollWidth, clientWidth: width, culprits: culprits.slice(0, 5),
    hidden: hidden.map((el) => el.tagName.toLowerCase()),
  };
}"""


def _overflow(page: Page, what: str) -> str | None:
    found = page.evaluate(OVERFLOW)
    if found["hidden"]:
        return f"{what}: overflow-x is hidden on {', '.join(found['hidden'])}"
    if found["scrollWidth"] <= found["clientWidth"]:
        return None
    lines = "\n    ".join(found["culprits"])
    return (
        f"{what}: scrollWidth {found['scrollWidth']} > clientWidth {found['clientWidth']}"
        f"\n    {lines}"
    )


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("size", list(SIZES))
def test_no_sideways_scrolling(
    pages, size: str, lang: str, login_as: Callable[[Page, str], None], t
) -> None:
    width, height = SIZES[size]
    page = pages.new(width=width, height=height)
    page.goto("/")
    if lang != "nb":
        page.get_by_role("button", name=LANGUAGES[lang], exact=True).click()
        expect(page.locator("html")).to_have_attribute("lang", lang)

    problems = []
    for path in PUBLIC_PAGES:
        page.goto(path)
        problems.append(_overflow(page, path))

    page.goto("/logg-inn")
    page.wait_for_url("**/idporten-mock/authorize?*")
    problems.append(_overflow(page, "the ID-porten look-alike's picker"))
    page.get_by_label(t("Or type a synthetic fødselsnummer", lang)).fill("1")
    page.get_by_role("button", name=t("Log in", lang), exact=True).click()
    expect(page.locator("#fnr-error")).to_be_visible()
    problems.append(_overflow(page, "the picker with an error"))

    login_as(page, CITIZEN)
    problems.append(_overflow(page, "/oversikt"))

    problems = [problem for problem in problems if problem]
    assert not problems, f"sideways scrolling at {size} in {lang}:\n" + "\n".join(problems)


FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  return {
    html: el.outerHTML.slice(0, 120),
    inHeader: !!el.closest('header') || el.classList.contains('ds-skip-link'),
    // Designsystemet's skip link shows focus by appearing (outline 0, unclipped, filled).
    revealed: el.classList.contains('ds-skip-link') && style.clip === 'auto'
      && style.position === 'static',
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
    onScreen: rect.width > 1 && rect.height > 1 && rect.bottom > 0 && rect.right > 0
      && rect.left < document.documentElement.clientWidth,
  };
}"""


@pytest.mark.parametrize("logged_in", [False, True], ids=["public", "logged-in"])
def test_focus_is_visible_in_the_header(
    pages, logged_in: bool, login_as: Callable[[Page, str], None], t
) -> None:
    page = pages.new()
    if logged_in:
        login_as(page, CITIZEN)
    else:
        page.goto("/")
    page.locator("body").focus()  # start from the top of the page, as after a page load

    seen: list[str] = []
    problems: list[str] = []
    for _ in range(12):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        if not focused["inHeader"]:
            break
        seen.append(focused["html"])
        if not (focused["outline"] or focused["shadow"] or focused["revealed"]):
            problems.append(f"no outline or box-shadow: {focused['html']}")
        if not focused["onScreen"]:
            problems.append(f"focused but not on screen: {focused['html']}")

    expected = 1 + 1 + len(LANGUAGES) + (1 if logged_in else 0)  # skip link, name, languages
    assert len(seen) == expected, "the header's tab stops were:\n" + "\n".join(seen)
    assert t("Skip to main content") in seen[0]
    assert not problems, "\n".join(problems)


# The task list's rows: where each section's name and its status tag are, and on how many
# lines the tag's text is drawn (a tag whose text wraps has text boxes at several heights).
TASK_ROWS = """() => [...document.querySelectorAll('main li')]
  .filter((row) => row.querySelector('[id^="status-"]'))
  .map((row) => {
    const name = row.querySelector('[id^="task-"]');
    const tag = row.querySelector('[id^="status-"] > *');
    const text = document.createRange();
    text.selectNodeContents(tag);
    const lines = new Set([...text.getClientRects()]
      .filter((box) => box.width > 0).map((box) => Math.round(box.top)));
    const n = name.getBoundingClientRect();
    const g = tag.getBoundingClientRect();
    return {
      name: name.textContent.trim(), tag: tag.textContent.trim(), lines: lines.size,
      nameLeft: n.left, nameRight: n.right, nameBottom: n.bottom,
      tagLeft: g.left, tagRight: g.right, tagTop: g.top,
    };
  })"""
TASK_LIST_SIZES = {**SIZES, "390px": (390, 844)}


def _start_application(page: Page, t, lang: str) -> None:
    """A new draft through the start page, in `lang`; lands on its task list."""
    start_application(page, t, lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Your application", lang))


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_task_list_status_tags_line_up(
    pages, lang: str, login_as: Callable[[Page, str], None], t
) -> None:
    """Every status tag on one line, and every row laid out the same way: either each tag right
    of its name with all tags' right edges at the same x, or each tag under its name, starting
    where the name starts. The name wraps; nothing scrolls sideways."""
    page = pages.new()
    login_as(page, CITIZEN)
    if lang != "nb":
        page.get_by_role("button", name=LANGUAGES[lang], exact=True).click()
        expect(page.locator("html")).to_have_attribute("lang", lang)
    _start_application(page, t, lang)

    problems = []
    for size, (width, height) in TASK_LIST_SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        rows = page.evaluate(TASK_ROWS)
        assert len(rows) >= 10, rows
        assert {row["tag"] for row in rows} >= {
            t("Completed", lang),
            t("Not started", lang),
            t("Cannot start yet", lang),
        }
        for row in rows:
            if row["lines"] != 1:
                problems.append(
                    f"{size}: «{row['tag']}» by «{row['name']}» is on {row['lines']} lines"
                )
        beside = all(row["tagLeft"] >= row["nameRight"] - 1 for row in rows) and (
            max(row["tagRight"] for row in rows) - min(row["tagRight"] for row in rows) <= 1
        )
        under = all(
            row["tagTop"] >= row["nameBottom"] - 1 and abs(row["tagLeft"] - row["nameLeft"]) <= 1
            for row in rows
        )
        if not (beside or under):
            layout = "\n    ".join(
                f"«{row['name']}» {row['nameLeft']:.0f}–{row['nameRight']:.0f}, bottom "
                f"{row['nameBottom']:.0f}; «{row['tag']}» {row['tagLeft']:.0f}–"
                f"{row['tagRight']:.0f}, top {row['tagTop']:.0f}"
                for row in rows
            )
            problems.append(
                f"{size}: the tags are neither all right-aligned beside the names nor all under "
                f"them:\n    {layout}"
            )
        problems.append(_overflow(page, f"{size}: the task list") or "")
    problems = [problem for problem in problems if problem]
    assert not problems, f"the task list in {lang}:\n" + "\n".join(problems)


# The headings in <main> that break onto a new line inside a word, anywhere but after a soft
# hyphen (U+00AD, which the catalogues put between the parts of a long compound) or a hyphen or
# slash that is in the text; each as its text with "|" where its lines break.
WORD_BREAKS = r"""() => {
  const range = document.createRange();
  const found = [];
  for (const heading of document.querySelectorAll('main :is(h1, h2, h3)')) {
    if (!heading.checkVisibility()) continue;
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    let text = '', top = null, previous = ' ', inWord = false;
    for (let node; (node = walker.nextNode());) {
      if (node.parentElement.closest('.ds-sr-only')) continue;
      for (let i = 0; i < node.data.length; i++) {
        const char = node.data[i];
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        // A character that starts a line also has an empty box at the end of the line before.
        const box = [...range.getClientRects()].filter((rect) => rect.width > 0).pop();
        if (box && !/[\s\u00ad]/.test(char)) {
          if (top !== null && box.top > top + 1) {
            text += '|';
            inWord ||= !/[\s\u00ad\-\u2010\u2013\/]/.test(previous);
          }
          top = box.top;
        }
        text += char === '\u00ad' ? '' : char;
        previous = char;
      }
    }
    if (inWord) found.push(`<${heading.localName}> «${text}»`);
  }
  return found;
}"""
WIZARD_PATHS = [
    "",  # the task list
    *(f"/{slug}" for slug in TITLES if slug != "gjeld"),  # debts only with debts: «Gjeld»
    "/husstandsmedlemmer/ny",
    "/inntekt/ny",
    "/oppsummering",
]


# English is left to the browser's hyphenation (hyphens: auto in app.css): its msgstrs are its
# msgids (tests/unit/test_translations.py), so they carry no soft hyphens.
@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_wizard_headings_break_between_words_or_at_soft_hyphens(
    pages, lang: str, login_as: Callable[[Page, str], None], t
) -> None:
    """On a 320 px phone a step's h1 («Framtidig månedsbudsjett», «Finansieringsplan») is too
    wide for one line: it must break between words or where the catalogue put a soft hyphen
    («måneds-/budsjett»), never where the line happens to end («månedsbudsj/ett»), and
    nothing may scroll sideways."""
    page = pages.new(width=320, height=640)
    login_as(page, CITIZEN)
    if lang != "nb":
        page.get_by_role("button", name=LANGUAGES[lang], exact=True).click()
        expect(page.locator("html")).to_have_attribute("lang", lang)
    page.goto("/soknad/ny")
    problems = [f"/soknad/ny: {found}" for found in page.evaluate(WORD_BREAKS)]
    problems.append(_overflow(page, "/soknad/ny") or "")
    _start_application(page, t, lang)
    application = page.url
    for path in WIZARD_PATHS:
        response = page.goto(application + path)
        assert response is not None and response.ok, path
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        problems += [f"{path or '/'}: {found}" for found in page.evaluate(WORD_BREAKS)]
        problems.append(_overflow(page, path or "/") or "")
    problems = [problem for problem in problems if problem]
    assert not problems, f"headings broken inside a word at 320 px in {lang}:\n" + "\n".join(
        problems
    )
