"""Real pages under the real Content-Security-Policy raise no violation in Chromium: no inline
script or style slipped into a template. A control proves the listener sees a violation."""

import pytest
from django.urls import reverse

from tests.browser.conftest import assert_accessible, login
from tests.conftest import WACHTWOORD, maak_dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Collects every `securitypolicyviolation` event of the document (an init script is added by
#: the DevTools protocol, so the policy does not block it).
LUISTERAAR = """
window.__cspSchendingen = [];
document.addEventListener('securitypolicyviolation', (e) => {
  const waar = `${e.sourceFile}:${e.lineNumber}`;
  window.__cspSchendingen.push(`${e.violatedDirective} ${e.blockedURI} ${waar}`);
});
"""


@pytest.fixture
def schendingen(page):
    """CSP violations of the page: from the console and from the DOM event."""
    console = []
    page.on(
        "console",
        lambda bericht: (
            console.append(bericht.text) if "Content Security Policy" in bericht.text else None
        ),
    )
    page.add_init_script(LUISTERAAR)

    def lees() -> list[str]:
        return console + page.evaluate("() => window.__cspSchendingen || []")

    return lees


def test_pages_raise_no_csp_violation(page, schendingen, consulent_a, teamleider_a, gemeente_a):
    dossier = maak_dossier(gemeente_a, consulent=consulent_a, geslachtsnaam="Csp")
    page.goto(reverse("accounts:login"))
    assert schendingen() == []
    login(page, consulent_a.username, WACHTWOORD)
    page.get_by_role("heading", name="Caseload").wait_for()
    for url in (
        reverse("dossiers:caseload"),
        reverse("dossiers:dossier", args=[dossier.uuid]),
        reverse("dossiers:nieuw"),
        reverse("accounts:wachtwoord_wijzigen"),
    ):
        antwoord = page.goto(url)
        assert antwoord.status == 200, url
        assert "default-src 'self'" in antwoord.headers["content-security-policy"]
        assert schendingen() == [], url
    # The dossier page's own script (a static file) still runs: the step form hides fields.
    page.goto(reverse("dossiers:dossier", args=[dossier.uuid]))
    veld = page.locator("[data-gebeurtenis-form] [name=reden]")
    assert veld.evaluate("e => e.closest('.utrecht-form-field').hidden")
    assert_accessible(page)  # axe-core still runs under the policy
    assert schendingen() == []


def test_the_listener_does_see_a_violation(page, schendingen):
    page.goto(reverse("accounts:login"))
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1';"
        " document.head.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.x") is None
    assert any("script-src" in s for s in schendingen())


def test_monitoring_raises_no_csp_violation(page, schendingen, teamleider_a):
    login(page, teamleider_a.username, WACHTWOORD)
    antwoord = page.goto("/monitoring/")
    assert antwoord.status == 200
    assert schendingen() == []
