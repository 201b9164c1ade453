"""Real Chromium (Debian's package) driven by Playwright, with axe-core for accessibility."""

import functools
import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the Django ORM calls made by the
# tests themselves are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}; the test command installs Debian's chromium"
        )
    if not AXE.exists():
        pytest.fail(f"axe-core not found at {AXE}; run npm ci")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    if os.environ.get("BROWSER_SCREENSHOTS"):
        page.screenshot(path=os.environ["BROWSER_SCREENSHOTS"], full_page=True)
    context.close()


def axe_violations(page, minimum=("serious", "critical")) -> list[str]:
    """Run axe-core on the current page; return the serious and critical violations, readable.

    axe is evaluated through Playwright (the DevTools protocol), not added as a <script> tag:
    the pages' Content-Security-Policy rightly blocks an injected inline script, and the
    browser context keeps enforcing that policy so the tests see what users get.

    A test that clicks a link waits for the navigation (``page.expect_navigation``); should a
    page still be replaced while axe runs (its document gone mid-run), axe runs once more on
    the page that was loaded, never on nothing."""
    from playwright.sync_api import Error as PlaywrightError

    page.wait_for_load_state("load")
    try:
        result = _axe_run(page)
    except PlaywrightError as fout:
        if "documentElement" not in str(fout) and "context was destroyed" not in str(fout):
            raise
        page.wait_for_load_state("load")
        result = _axe_run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in minimum
    ]


def _axe_run(page) -> dict:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_AXE_BRON())
    return page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', "
        "'wcag21aa', 'best-practice']})"
    )


@functools.cache
def _AXE_BRON() -> str:
    return AXE.read_text(encoding="utf-8") + "\n;window.axe = axe; undefined;"


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"axe violations on {page.url}:\n" + "\n".join(violations)


def login(page, username: str, password: str) -> None:
    page.goto("/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    # Wait for the answer (a redirect, or the form again with its message): a check right
    # after the click would otherwise still see the page it was clicked on.
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
