"""The UI in real Chromium (Debian's `chromium`, driven by Playwright) against `sanctio serve`."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Dialog,
    Page,
    Playwright,
    sync_playwright,
)

from .conftest import HOSTILE_ALIAS, HOSTILE_NAME, Server

pytestmark = pytest.mark.browser

DOCS = Path(__file__).resolve().parents[2] / "docs" / "ui"


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError("chromium not found: scripts/setup.sh installs Debian's chromium package")


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    found = playwright.chromium.launch(
        executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu"]
    )
    yield found
    found.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": 1100, "height": 760})
    yield ctx
    ctx.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Screenshots go to docs/ui when SANCTIO_UI_SCREENSHOTS=1 (to refresh the docs)."""
    return DOCS if os.environ.get("SANCTIO_UI_SCREENSHOTS") == "1" else tmp_path


def watch(page: Page, *expected: int) -> list[str]:
    """Console errors (CSP violations show there) and dialogs (an injected alert()); the
    browser's note on a response with an `expected` status (a refused login) is no error."""
    problems: list[str] = []
    allowed = tuple(f"responded with a status of {s} " for s in expected)

    def console(message: ConsoleMessage) -> None:
        if message.type == "error" and not any(a in message.text for a in allowed):
            problems.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda e: problems.append(str(e)))

    def dialog(d: Dialog) -> None:
        problems.append(f"dialog: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    return problems


def log_in(page: Page, server: Server, scope: str) -> None:
    page.goto(f"{server.url}/ui/")
    assert "/ui/login" in page.url
    page.get_by_label("API key").fill(server.store.tokens[scope])
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{server.url}/ui/")


def screen(page: Page, name: str, as_of: str = "") -> None:
    page.get_by_label("Name").fill(name)
    if as_of:
        page.get_by_label("Lists as of").fill(as_of)
    page.get_by_role("button", name="Screen", exact=True).click()
    page.wait_for_url("**/ui/?q=*")
    page.locator("#results p.meta").wait_for()


def test_login_sets_a_secure_session_cookie_and_logout_clears_it(
    context: BrowserContext, server: Server, shots: Path
) -> None:
    page = context.new_page()
    problems = watch(page, 401)
    page.goto(f"{server.url}/ui/lists")
    assert "/ui/login" in page.url
    page.screenshot(path=str(shots / "login.png"))
    page.get_by_label("API key").fill("sk_00000000_not-a-key")
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_role("alert").inner_text() == "Missing or invalid API key."
    page.get_by_label("API key").fill(server.store.tokens["screen"])
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{server.url}/ui/lists")  # back where the visitor was going
    cookie = next(c for c in context.cookies() if c["name"] == "sanctio_session")
    assert cookie["httpOnly"] and cookie["secure"] and cookie["sameSite"] == "Strict"
    assert cookie["expires"] > 0  # expiring, not a browser-session cookie
    assert server.store.tokens["screen"] not in cookie["value"]
    assert page.evaluate("document.cookie") == ""  # HTTP-only: no script can read it
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/ui/login")
    assert not [c for c in context.cookies() if c["name"] == "sanctio_session"]
    page.goto(f"{server.url}/ui/")
    assert "/ui/login" in page.url
    assert problems == []


def test_screen_putin_and_open_his_ofac_entity(
    context: BrowserContext, server: Server, shots: Path
) -> None:
    page = context.new_page()
    problems = watch(page)
    log_in(page, server, "screen")
    screen(page, "Vladimir Putin")
    first = page.locator("li.result").first
    assert "PUTIN, Vladimir Vladimirovich" in first.locator(".caption").inner_text()
    assert first.locator(".flag").inner_text().lower() == "match"
    assert "ofac-sdn@2022-02-26" in first.locator(".facts").inner_text()
    assert "RUSSIA-EO14024" in first.locator(".facts").inner_text()
    # The explanation pairs the query's words with the list's.
    explain = first.locator("table.explain")
    assert explain.get_by_role("rowheader", name="Name").count() == 1
    assert "Vladimir Putin" in explain.inner_text()
    assert page.evaluate("typeof window.htmx") == "object"  # results came by htmx
    page.screenshot(path=str(shots / "screen.png"))
    first.locator(".caption").click()
    page.wait_for_url("**/ui/entities/ofac-sdn:*")
    main = page.locator("main")
    assert page.get_by_role("heading", level=1).inner_text() == "PUTIN, Vladimir Vladimirovich"
    assert "1952-10-07" in main.locator(".facts-list").inner_text()
    assert "ofac-sdn@2022-02-26" in main.inner_text()
    timeline = main.locator("ol.timeline")
    assert timeline.locator("li").count() == 1  # not in 2022-02-23, first seen 2022-02-26
    assert "first seen" in timeline.inner_text().lower()
    assert "listed now" in main.inner_text()
    page.screenshot(path=str(shots / "entity.png"), full_page=True)
    # The lists page has both OFAC versions and the diff between them shows him added.
    page.get_by_role("link", name="Lists").click()
    source = page.locator("section.source", has=page.get_by_role("heading", name="ofac-sdn"))
    assert source.locator("tbody tr").count() == 2
    page.screenshot(path=str(shots / "lists.png"), full_page=True)
    source.get_by_role("link", name="what changed last").click()
    page.get_by_label("Name or id contains").fill("putin")
    page.get_by_role("button", name="Compare").click()
    added = page.locator("section", has=page.get_by_role("heading", name="Added (1)"))
    assert "PUTIN, Vladimir Vladimirovich" in added.inner_text()
    assert problems == []


def test_screen_as_of_before_his_listing_finds_no_putin(
    context: BrowserContext, server: Server
) -> None:
    page = context.new_page()
    problems = watch(page)
    log_in(page, server, "screen")
    screen(page, "Vladimir Putin", as_of="2022-02-23")
    results = page.locator("#results")
    assert "as of 2022-02-23" in results.locator("p.meta").inner_text()
    assert "ofac-sdn@2022-02-23" in results.locator("p.meta").inner_text()
    assert "PUTIN" not in results.inner_text()
    assert problems == []


def test_hostile_names_from_a_list_show_as_text_and_run_nothing(
    context: BrowserContext, server: Server
) -> None:
    page = context.new_page()
    problems = watch(page)
    log_in(page, server, "screen")
    screen(page, "Evil Maker")
    caption = page.locator("li.result .caption").first
    assert caption.inner_text() == HOSTILE_NAME
    caption.click()
    page.wait_for_url("**/ui/entities/ftm:*")
    main = page.locator("main")
    assert page.get_by_role("heading", level=1).inner_text() == HOSTILE_NAME
    assert HOSTILE_ALIAS in main.inner_text()
    assert main.locator("script, img, svg, b").count() == 0
    page.locator("details.raw summary").click()
    main.locator("address, table").first.hover()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert problems == []


def open_putin_alert(page: Page) -> None:
    page.get_by_role("link", name="Alerts").click()
    page.wait_for_url("**/ui/alerts")
    row = page.locator("table.queue tbody tr", has_text="PUTIN, Vladimir Vladimirovich")
    row.get_by_role("link").click()
    page.wait_for_url("**/ui/alerts/*")


def test_a_screen_key_reads_an_alert_but_cannot_decide_it(
    context: BrowserContext, server: Server
) -> None:
    page = context.new_page()
    problems = watch(page, 403)
    log_in(page, server, "screen")
    open_putin_alert(page)
    assert "1952-10-07" in page.locator("table.sides").inner_text()
    assert page.get_by_role("button", name="Record decision").count() == 0
    assert "needs a key with the review scope" in page.locator("#decide").inner_text()
    # Even a hand-made POST with the session's own CSRF token is refused.
    csrf = page.locator("input[name=csrf_token]").first.get_attribute("value")
    response = page.request.post(
        page.url + "/decision",
        form={"csrf_token": csrf or "", "decision": "false-positive", "reason": "not him"},
        max_redirects=0,
    )
    assert response.status == 403
    page.reload()
    assert "open · new" in page.locator("p.meta").first.inner_text()
    assert problems == []


def test_decide_an_alert_and_see_it_in_the_audit_trail(
    context: BrowserContext, server: Server, shots: Path
) -> None:
    page = context.new_page()
    problems = watch(page, 400)
    log_in(page, server, "review")
    open_putin_alert(page)
    page.screenshot(path=str(shots / "alert.png"), full_page=True)
    page.get_by_label("true-match").check()
    # The reason is required: the browser does not send the form without one.
    page.get_by_role("button", name="Record decision").click()
    assert page.get_by_label("Reason (required)").evaluate("e => e.validity.valueMissing")
    page.get_by_label("Reason (required)").fill("Same name, birth date 1952-10-07")
    page.get_by_role("button", name="Record decision").click()
    page.wait_for_load_state()
    decide = page.locator("#decide")
    assert "true-match" in decide.inner_text()
    assert "ui tests (review)" in decide.inner_text()
    audit = page.locator("table.audit").inner_text()
    assert "alert-decided" in audit and "Same name, birth date 1952-10-07" in audit
    page.get_by_role("link", name="Audit", exact=True).click()
    page.wait_for_url("**/ui/audit")
    assert "Audit trail verified" in page.get_by_role("status").inner_text()
    assert "Same name, birth date 1952-10-07" in page.locator("table.audit").inner_text()
    page.screenshot(path=str(shots / "audit.png"))
    assert problems == []


def test_screening_works_by_keyboard_on_a_phone_sized_screen(
    browser: Browser, server: Server, shots: Path
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = context.new_page()
        problems = watch(page)
        log_in(page, server, "screen")
        # The name field takes the focus itself (autofocus, which a browser may apply a
        # moment after the page loads): keys typed before it would go nowhere.
        page.wait_for_function("document.activeElement && document.activeElement.name === 'q'")
        page.keyboard.type("Vladimir Putin")
        page.keyboard.press("Enter")
        page.wait_for_url("**/ui/?q=*")
        page.locator("#results li.result").first.wait_for()
        assert "PUTIN" in page.locator("#results").inner_text()
        # Readable without sideways scrolling.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.screenshot(path=str(shots / "phone.png"))
        assert problems == []
    finally:
        context.close()
