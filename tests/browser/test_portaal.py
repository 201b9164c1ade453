"""The inburgeraar's portal in a real browser (docs/adr/0025), in every portal language: log in
through the stand-in broker (OpenID Connect over HTTP), see the contact person, confirm an
appointment, read the plan; axe on every portal page, right to left for Arabic and Farsi."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from django.utils import timezone, translation

from inburgering.intake.afspraken import plan_afspraak
from inburgering.intake.brieven import maak_brief, markeer_verzonden
from inburgering.intake.models import Briefsoort, Kanaal
from inburgering.koppelingen.duo import client as duo_client
from tests.browser.conftest import assert_accessible
from tests.portaal.conftest import (  # noqa: F401 - fixtures
    duo_simulator,
    maak_burger,
    met_alle_brieven,
    portaal_aan,
    standin,
)
from tests.traject.factories import klaar_voor_plaatsing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGINAS = ["overzicht", "afspraken", "plan", "route", "brieven", "gegevens"]


def _t(taal: str, tekst: str) -> str:
    with translation.override(taal):
        return translation.gettext(tekst)


@pytest.fixture
def inburgeraar(settings, gemeente_a, consulent_a, portaal_aan):  # noqa: F811
    settings.DUO_BASE_URL = "simulator://duo/v1"
    settings.DUO_SIMULATOR_STATE = ":memory:"
    duo_client._simulator.cache_clear()
    dossier = klaar_voor_plaatsing(gemeente_a, consulent_a)
    plan_afspraak(
        dossier,
        medewerker=consulent_a,
        soort="voortgang",
        vorm="op_locatie",
        begin=timezone.now() + dt.timedelta(days=3),
        locatie="Stadskantoor, Stadsplateau 1",
    )
    brief = maak_brief(
        dossier, Briefsoort.HERINNERING_AFSPRAAK, kanaal=Kanaal.EMAIL, actor=consulent_a
    )
    markeer_verzonden(brief, kanaal=Kanaal.EMAIL, datum=timezone.localdate(), actor=consulent_a)
    maak_burger(portaal_aan, dossier.inburgeraar.bsn, dossier.inburgeraar.naam)
    yield dossier
    duo_client._simulator.cache_clear()


#: The rendered text of the first heading and the heading's box: where the line starts.
_KOPTEKST = """() => {
    const kop = document.querySelector("main h2, main h1");
    const bereik = document.createRange();
    bereik.selectNodeContents(kop);
    const r = bereik.getBoundingClientRect(), v = kop.getBoundingClientRect();
    return [{left: r.left, right: r.right}, {left: v.left, right: v.right}];
}"""


@pytest.mark.parametrize("taal", ["nl", "ar", "ti", "en", "fa", "uk", "tr", "so"])
def test_inloggen_contactpersoon_afspraak_bevestigen_plan_lezen(
    page, inburgeraar, taal, tmp_path, live_server
):
    page.set_viewport_size({"width": 360, "height": 800})
    # The language is chosen once, on the start page, before logging in.
    page.goto("/portaal/")
    assert_accessible(page)
    page.locator("#portaaltaal").select_option(taal)
    with page.expect_navigation():
        page.locator("form.portaal-taal button").click()
    rtl = taal in ("ar", "fa")
    assert page.locator("html").get_attribute("lang") == taal
    assert page.locator("html").get_attribute("dir") == ("rtl" if rtl else "ltr")
    assert_accessible(page)

    # DigiD through the gemeente's broker (the stand-in): choose the demo person.
    page.locator("a[href='/portaal/inloggen/']").click()
    page.get_by_role("heading", name="Stand-in identity provider (demo)").wait_for()
    with page.expect_navigation(url=re.compile(r"/portaal/overzicht/$")):
        page.get_by_role("button", name=inburgeraar.inburgeraar.naam).click()

    # The contact person, in the chosen language and direction.
    assert page.locator("html").get_attribute("dir") == ("rtl" if rtl else "ltr")
    contact = page.get_by_test_id("contactpersoon")
    assert inburgeraar.consulent.get_full_name() in contact.inner_text()
    page.get_by_role("heading", name=_t(taal, "Uw contactpersoon")).wait_for()
    assert_accessible(page)
    if rtl:
        map_ = Path(os.environ.get("BROWSER_SCREENSHOTS_DIR", tmp_path))
        pad = map_ / f"portaal-{taal}.png"
        page.screenshot(path=str(pad), full_page=True)
        assert pad.stat().st_size > 0
    # What the screenshot shows, measured: the heading's text starts at the right edge of
    # its box in Arabic and Farsi, at the left edge otherwise.
    tekst, vak = page.evaluate(_KOPTEKST)
    if rtl:
        assert vak["right"] - tekst["right"] < 2 < tekst["left"] - vak["left"], (tekst, vak)
    else:
        assert tekst["left"] - vak["left"] < 2 < vak["right"] - tekst["right"], (tekst, vak)
    breedte = page.evaluate("() => document.documentElement.scrollWidth")
    assert breedte <= 360, f"{taal}: the overview is wider than a phone ({breedte}px)"

    # Confirm the appointment.
    with page.expect_navigation():
        page.locator("nav a[href='/portaal/afspraken/']").click()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name=_t(taal, "Ik kom")).click()
    page.get_by_text(_t(taal, "U heeft bevestigd dat u komt.")).wait_for()
    assert page.get_by_text(_t(taal, "Dank u wel. Wij weten nu dat u komt.")).is_visible()
    assert_accessible(page)
    assert inburgeraar.events.filter(soort="afspraak_bevestigd", bron="inburgeraar").exists()

    # Read the plan: the route in plain words, in the chosen language.
    page.locator("nav a[href='/portaal/plan/']").click()
    assert (
        _t(taal, "B1-route: u leert Nederlands tot niveau B1.")
        in page.get_by_test_id("route").inner_text()
    )
    assert_accessible(page)

    # Every other portal page passes axe too.
    for naam in ("route", "brieven", "gegevens", "ervaring"):
        page.goto(f"/portaal/{naam}/")
        assert page.locator("html").get_attribute("lang") == taal
        assert_accessible(page)

    # A refused login and logging out: the pages a citizen sees without a session.
    # Through the broker's end_session endpoint and back (with the logout request's state).
    page.locator("form.portaal-uitloggen button").click()
    page.wait_for_url(re.compile(r"/portaal/uitgelogd/\?state=[\w-]+$"))
    assert_accessible(page)
    page.goto("/portaal/inloggen/terug/?state=vervalst&code=x")
    assert_accessible(page)
    page.goto("/portaal/geen-dossier/")
    assert_accessible(page)
    page.goto(f"/portaal/{PAGINAS[0]}/")
    assert page.url.endswith("/portaal/")  # logged out: back to the start


@pytest.fixture
def opgeroepen(gemeente_a, consulent_a, portaal_aan):  # noqa: F811
    """A new person with a sent invitation to the brede intake (a letter with a period)."""
    from inburgering.intake import oproepen
    from tests.conftest import maak_dossier

    dossier = maak_dossier(gemeente_a, consulent=consulent_a, actor=consulent_a)
    vandaag = timezone.localdate()
    brief = oproepen.stuur_oproep(
        dossier,
        kanaal=Kanaal.EMAIL,
        periode_van=vandaag + dt.timedelta(days=7),
        periode_tot=vandaag + dt.timedelta(days=14),
        datum=vandaag,
        actor=consulent_a,
    )
    markeer_verzonden(brief, kanaal=Kanaal.EMAIL, datum=vandaag, actor=consulent_a)
    maak_burger(portaal_aan, dossier.inburgeraar.bsn, dossier.inburgeraar.naam)
    return dossier, brief


@pytest.mark.parametrize("taal", ["ar", "ti"])
def test_brief_met_uitleg_in_eigen_taal_naast_de_nederlandse_brief(
    page, opgeroepen, taal, live_server
):
    """Issue 19 item 3: next to the Dutch letter an explanation in the person's language,
    labelled that only the Dutch letter is official; right to left for Arabic."""
    dossier, oproep = opgeroepen
    vandaag = timezone.localdate()
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/portaal/")
    page.locator("#portaaltaal").select_option(taal)
    with page.expect_navigation():
        page.locator("form.portaal-taal button").click()
    page.locator("a[href='/portaal/inloggen/']").click()
    with page.expect_navigation(url=re.compile(r"/portaal/overzicht/$")):
        page.get_by_role("button", name=dossier.inburgeraar.naam).click()

    page.locator("nav a[href='/portaal/brieven/']").click()
    assert page.locator("html").get_attribute("dir") == ("rtl" if taal == "ar" else "ltr")
    brief = page.get_by_test_id("brief").filter(has_text=oproep.onderwerp)
    assert brief.locator("bdi[lang='nl']").inner_text() == oproep.onderwerp
    bindend = _t(
        taal,
        "Let op: alleen de Nederlandse brief is officieel. "
        "Deze uitleg helpt u de brief te begrijpen.",
    )
    assert brief.get_by_test_id("bindend").inner_text() == bindend
    brief.get_by_role("heading", name=_t(taal, "Uitleg in uw taal")).wait_for()
    tekst = brief.inner_text()
    with translation.override(taal):
        wat = translation.gettext(
            "Dit is een uitnodiging voor de brede intake: een gesprek over uw inburgering."
        )
    assert wat in tekst and wat.startswith(("هذه", "እዚ"))
    for datum in (vandaag + dt.timedelta(days=7), vandaag + dt.timedelta(days=14)):
        assert f"{datum:%d-%m-%Y}" in tekst
    pdf = brief.get_by_role("link", name=_t(taal, "Lees de Nederlandse brief (PDF)"))
    antwoord = page.request.get(pdf.get_attribute("href"))
    assert antwoord.ok and antwoord.body().startswith(b"%PDF")
    assert_accessible(page)
    breedte = page.evaluate("() => document.documentElement.scrollWidth")
    assert breedte <= 360, f"{taal}: the letters page is wider than a phone ({breedte}px)"


@pytest.fixture
def met_brieven(gemeente_a, consulent_a, portaal_aan, duo_simulator):  # noqa: F811
    """A person with a letter from every app: a reminder, the PIP beschikking, a fine's
    voornemen and beschikking."""
    brieven = met_alle_brieven(gemeente_a, consulent_a)
    persoon = brieven["dossier"].inburgeraar
    maak_burger(portaal_aan, persoon.bsn, persoon.naam)
    return brieven


def test_alle_brieven_van_rechts_naar_links(page, met_brieven, live_server):
    """Issue 19 item 2: every letter the gemeente sent, in Arabic (right to left) on a phone:
    kind and date in the language, the Dutch letter as PDF, axe without findings."""
    from inburgering.handhaving.services import kenmerk_beschikking

    dossier = met_brieven["dossier"]
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/portaal/")
    page.locator("#portaaltaal").select_option("ar")
    with page.expect_navigation():
        page.locator("form.portaal-taal button").click()
    page.locator("a[href='/portaal/inloggen/']").click()
    with page.expect_navigation(url=re.compile(r"/portaal/overzicht/$")):
        page.get_by_role("button", name=dossier.inburgeraar.naam).click()

    page.locator("nav a[href='/portaal/brieven/']").click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    brieven = page.get_by_test_id("brief")
    assert brieven.count() == 4
    soorten = {brieven.nth(i).get_attribute("data-soort") for i in range(4)}
    assert soorten == {
        "herinnering_afspraak",
        "pip_beschikking",
        "handhaving_voornemen",
        "handhaving_beschikking",
    }
    boete = page.locator("[data-soort='handhaving_beschikking']")
    assert boete.get_by_test_id("aard").inner_text() == _t("ar", "Besluit")
    with translation.override("ar"):
        from django.utils.formats import date_format

        datum = date_format(met_brieven["zaak"].beschikt_op, "DATE_FORMAT")
    assert boete.get_by_test_id("datum").inner_text() == datum
    pdf = boete.get_by_role("link", name=_t("ar", "Lees de Nederlandse brief (PDF)"))
    assert kenmerk_beschikking(met_brieven["zaak"]) in pdf.get_attribute("href")
    antwoord = page.request.get(pdf.get_attribute("href"))
    assert antwoord.ok and antwoord.body().startswith(b"%PDF")
    page.locator("[data-soort='pip_beschikking']").get_by_test_id("plan").wait_for()
    assert_accessible(page)
    breedte = page.evaluate("() => document.documentElement.scrollWidth")
    assert breedte <= 360, f"the letters page is wider than a phone ({breedte}px)"


def test_lezen_zonder_javascript(browser, live_server, met_brieven):
    """Issue 19 item 5: reading works without JavaScript: logging in through the broker, the
    home page, the letters with their explanation and the PDF, the plan and the route."""
    dossier = met_brieven["dossier"]
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.set_viewport_size({"width": 360, "height": 800})
        page.goto("/portaal/")
        page.locator("a[href='/portaal/inloggen/']").click()
        with page.expect_navigation(url=re.compile(r"/portaal/overzicht/$")):
            page.get_by_role("button", name=dossier.inburgeraar.naam).click()
        assert (
            dossier.consulent.get_full_name() in page.get_by_test_id("contactpersoon").inner_text()
        )
        page.locator("nav a[href='/portaal/brieven/']").click()
        assert page.get_by_test_id("brief").count() == 4
        assert page.get_by_text("Dit is een besluit: u krijgt een boete.").is_visible()
        href = page.get_by_role("link", name="Lees de Nederlandse brief (PDF)").first.get_attribute(
            "href"
        )
        assert page.request.get(href).body().startswith(b"%PDF")
        with page.expect_navigation():
            page.locator("nav a[href='/portaal/plan/']").click()
        assert "B1-route" in page.get_by_test_id("route").inner_text()
        page.locator("nav a[href='/portaal/route/']").click()
        page.get_by_role("heading", name="Uw examens").wait_for()
    finally:
        context.close()


@pytest.fixture
def ouder_en_kind(gemeente_a, consulent_a, collega_a, beheerder, portaal_aan):  # noqa: F811
    """A parent and their daughter of 16 at the same address, each with a dossier, in a
    gemeente that lets parents read along (ADR 0039)."""
    from inburgering.accounts.services import wijzig_configuratie
    from inburgering.wet.kalender import plus_jaren
    from tests.conftest import maak_dossier
    from tests.portaal.factories import kind_van

    adres = {"post_straat": "Kanaalweg 12", "post_postcode": "3533 HG", "post_plaats": "Utrecht"}
    wijzig_configuratie(beheerder, gemeente_a, {"portaal_kinderen": True})
    ouder = maak_dossier(gemeente_a, consulent=consulent_a, actor=consulent_a, **adres)
    geboren = plus_jaren(timezone.localdate(), -16)
    kind = kind_van(ouder, gemeente_a, collega_a, geboortedatum=geboren, adres=adres)
    plan_afspraak(
        kind,
        medewerker=collega_a,
        soort="intake",
        vorm="op_locatie",
        begin=timezone.now() + dt.timedelta(days=3),
        locatie="Jongerenloket",
    )
    maak_burger(portaal_aan, ouder.inburgeraar.bsn, ouder.inburgeraar.naam)
    return ouder, kind


def test_ouder_leest_mee_in_het_dossier_van_het_kind(page, ouder_en_kind, live_server):
    ouder, kind = ouder_en_kind
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/portaal/")
    page.locator("a[href='/portaal/inloggen/']").click()
    page.get_by_role("heading", name="Stand-in identity provider (demo)").wait_for()
    with page.expect_navigation(url=re.compile(r"/portaal/overzicht/$")):
        page.get_by_role("button", name=ouder.inburgeraar.naam).click()
    page.get_by_test_id("kinderen").wait_for()
    assert_accessible(page)

    with page.expect_navigation(url=re.compile(r"/portaal/overzicht/$")):
        page.get_by_role("button", name=f"Bekijk het dossier van {kind.inburgeraar.naam}").click()
    assert kind.inburgeraar.naam in page.get_by_test_id("meelezen").inner_text()
    assert kind.consulent.get_full_name() in page.get_by_test_id("contactpersoon").inner_text()
    assert_accessible(page)
    page.locator("nav a[href='/portaal/afspraken/']").click()
    page.get_by_text("Jongerenloket").wait_for()
    assert page.get_by_role("button", name="Ik kom").count() == 0  # read-only
    assert_accessible(page)
    breedte = page.evaluate("() => document.documentElement.scrollWidth")
    assert breedte <= 360, f"the child's appointments are wider than a phone ({breedte}px)"
    assert kind.inzagelog.filter(doel=f"portaal ouder {ouder.pk}: afspraken").exists()

    with page.expect_navigation(url=re.compile(r"/portaal/overzicht/$")):
        page.get_by_role("button", name="Terug naar mijn eigen dossier").click()
    assert page.get_by_test_id("meelezen").count() == 0
    assert ouder.consulent.get_full_name() in page.get_by_test_id("contactpersoon").inner_text()


def test_het_kind_kiest_dat_de_ouders_niet_meer_meelezen(
    browser,
    ouder_en_kind,
    portaal_aan,  # noqa: F811
    live_server,
):
    """The child's own choice on "Mijn gegevens" (ADR 0039): axe before and after, and the
    parent, logged in on another device, no longer gets the child's dossier."""
    ouder, kind = ouder_en_kind
    maak_burger(portaal_aan, kind.inburgeraar.bsn, kind.inburgeraar.naam)

    def inloggen(naam):
        context = browser.new_context(base_url=live_server.url, locale="nl-NL")
        page = context.new_page()
        page.goto("/portaal/")
        page.locator("a[href='/portaal/inloggen/']").click()
        page.get_by_role("heading", name="Stand-in identity provider (demo)").wait_for()
        with page.expect_navigation(url=re.compile(r"/portaal/overzicht/$")):
            page.get_by_role("button", name=naam).click()
        return context, page

    context, page = inloggen(kind.inburgeraar.naam)
    page.goto("/portaal/gegevens/")
    keuze = page.get_by_test_id("meelezen-keuze")
    assert "jonger bent dan 18 jaar" in keuze.inner_text()
    assert ouder.inburgeraar.naam not in page.content()  # the page names no parent
    assert_accessible(page)
    with page.expect_navigation(url=re.compile(r"/portaal/gegevens/$")):
        keuze.get_by_role("button", name="Mijn ouders mogen niet meelezen").click()
    page.get_by_text("Uw ouders kunnen uw dossier niet meer lezen.").wait_for()
    assert keuze.get_by_role("button", name="Mijn ouders mogen weer meelezen").is_visible()
    assert_accessible(page)
    context.close()

    context, page = inloggen(ouder.inburgeraar.naam)
    assert page.get_by_test_id("kinderen").count() == 0
    assert (
        page.get_by_role("button", name=f"Bekijk het dossier van {kind.inburgeraar.naam}").count()
        == 0
    )
    context.close()
