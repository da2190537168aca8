import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web" / "wizard"))
import pytest
from playwright.sync_api import Page, expect
from test_documents import make_application, PDF, EXE


@pytest.mark.parametrize("js", [True, False])
def test_documents_page(app, page: Page, js, check_page, login_as, tmp_path, t) -> None:
    public_id = make_application(app, pre_approval="no", finansiering={"equity": 100000})
    login_as(page, "Ingrid Solberg")
    page.goto(f"/soknad/{public_id}/dokumentasjon")
    check_page(page)
    good = tmp_path / "Lønnsslipp.pdf"; good.write_bytes(PDF)
    bad = tmp_path / "virus.pdf"; bad.write_bytes(EXE)
    page.locator("#payslips-files").set_input_files(str(good))
    page.get_by_role("button", name=t("Upload and save") + ": " + t("Payslips or benefit statements for the last two months")).click()
    page.wait_for_url("**#item-payslips")
    expect(page.locator("#item-payslips-status")).to_contain_text("Lønnsslipp.pdf")
    expect(page.locator("#item-payslips-status")).to_be_focused()
    check_page(page)
    page.locator("#tax-return-files").set_input_files(str(bad))
    page.get_by_role("button", name=t("Upload and save") + ": " + t("Tax return (skattemelding) for last year")).click()
    expect(page.locator(".ds-error-summary")).to_be_focused()
    check_page(page)
    page.locator("#identity-later").check()
    page.get_by_role("button", name=t("Upload and save") + ": " + t("A copy of valid ID")).click()
    page.wait_for_url("**#item-identity")
    check_page(page)
    page.get_by_role("button", name=t("Save and go to the next step")).click()
    expect(page.locator(".ds-error-summary")).to_be_visible()
    check_page(page)
    page.set_viewport_size({"width": 320, "height": 700})
    assert page.evaluate("document.documentElement.scrollWidth <= 320")
