"""A citizen sees only their own dossier and no staff page: every URL pattern outside the
portal, requested with a citizen session, goes to the staff login (or is public anyway);
another person's appointment or letter is a 404, the same as one that does not exist."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from inburgering.intake.afspraken import plan_afspraak
from inburgering.intake.brieven import kenmerk_van, maak_brief
from inburgering.intake.models import Briefsoort, Kanaal
from inburgering.portaal.services import PORTAALACCOUNT
from tests.accounts.test_toegangsmatrix import PATRONEN, VERWACHT, _url
from tests.conftest import maak_dossier

from .conftest import log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def ander(gemeente_a, consulent_a):
    """Another person in the same gemeente, with an appointment and a sent letter."""
    dossier = maak_dossier(gemeente_a, consulent=consulent_a, actor=consulent_a)
    afspraak = plan_afspraak(
        dossier,
        medewerker=consulent_a,
        soort="voortgang",
        vorm="telefoon",
        begin=timezone.now() + dt.timedelta(days=2),
    )
    brief = maak_brief(
        dossier, Briefsoort.HERINNERING_AFSPRAAK, kanaal=Kanaal.EMAIL, actor=consulent_a
    )
    from inburgering.intake.brieven import markeer_verzonden

    markeer_verzonden(brief, kanaal=Kanaal.EMAIL, datum=timezone.localdate(), actor=consulent_a)
    return {"dossier": dossier, "afspraak": afspraak, "brief": brief}


def _waarde(parameter: str, dossier, afspraak):
    return {"uuid": dossier.uuid, "pk": afspraak.pk, "nummer": 1}.get(parameter, "1")


def _url_of_niets(naam, route, kwargs) -> str | None:
    """The URL, or None when our sample values do not fit the pattern's converters."""
    try:
        return _url(naam, route, kwargs)
    except NoReverseMatch:
        return None


def test_geen_enkele_stafpagina_vanuit_een_burgersessie(portaal_aan, burgerdossier, client):
    log_in(client, portaal_aan, burgerdossier.inburgeraar.bsn)
    afspraak = burgerdossier.afspraken.first()
    geopend, gevraagd = [], 0
    for naam, route, parameters in PATRONEN:
        if naam.startswith("portaal:"):
            continue
        regel = VERWACHT.get(naam)
        if regel is not None and regel.publiek is not None:
            continue  # public for everyone (login pages, probes, language switch)
        kwargs = {p: _waarde(p, burgerdossier, afspraak) for p in parameters}
        url = _url_of_niets(naam, route, kwargs)
        if url is None:
            continue
        antwoord = client.get(url)
        gevraagd += 1
        if antwoord.status_code not in (302, 404):
            geopend.append((url, antwoord.status_code))
        elif antwoord.status_code == 302:
            doel = antwoord["Location"]
            if not (doel.startswith(reverse("accounts:login")) or doel.startswith("/beheer/login")):
                geopend.append((url, doel))
    assert not geopend
    assert gevraagd > 100  # the staff app's pages, the admin's included
    # And the citizen's session is still there: the portal keeps working.
    assert client.get(reverse("portaal:overzicht")).status_code == 200


def test_afspraak_of_brief_van_een_ander_is_404(portaal_aan, burgerdossier, ander, client):
    log_in(client, portaal_aan, burgerdossier.inburgeraar.bsn)
    pk_afspraak, pk_brief = ander["afspraak"].pk, kenmerk_van(ander["brief"])
    assert client.get(reverse("portaal:afspraak_ics", args=[pk_afspraak])).status_code == 404
    assert client.get(reverse("portaal:brief_pdf", args=[pk_brief])).status_code == 404
    assert client.post(reverse("portaal:bevestigen", args=[pk_afspraak])).status_code == 404
    assert client.post(reverse("portaal:verzetten", args=[pk_afspraak])).status_code == 404
    assert client.get(reverse("portaal:afspraak_ics", args=[10**9])).status_code == 404
    assert not ander["dossier"].events.filter(bron="inburgeraar").exists()
    # Nothing of the other person on any portal page.
    for naam in ("overzicht", "afspraken", "plan", "route", "brieven", "gegevens"):
        tekst = client.get(reverse(f"portaal:{naam}")).content.decode()
        assert ander["dossier"].inburgeraar.geslachtsnaam not in tekst
        assert ander["brief"].onderwerp not in tekst or naam != "brieven"


def test_elke_portaalpagina_staat_in_het_inzagelog(portaal_aan, burgerdossier, client):
    from inburgering.accounts.models import Inzagelog

    log_in(client, portaal_aan, burgerdossier.inburgeraar.bsn)
    afspraak = burgerdossier.afspraken.first()
    for naam in ("overzicht", "afspraken", "plan", "route", "brieven", "gegevens"):
        assert client.get(reverse(f"portaal:{naam}")).status_code == 200
    assert client.get(reverse("portaal:afspraak_ics", args=[afspraak.pk])).status_code == 200
    doelen = set(
        Inzagelog.objects.filter(
            dossier=burgerdossier, gebruiker__username=PORTAALACCOUNT
        ).values_list("doel", flat=True)
    )
    assert doelen == {
        "portaal: overzicht",
        "portaal: afspraken",
        "portaal: plan",
        "portaal: route",
        "portaal: brieven",
        "portaal: gegevens",
        "portaal: afspraak in agenda",
    }


def test_het_portaalaccount_kan_niet_inloggen(portaal_aan, burgerdossier, client):
    log_in(client, portaal_aan, burgerdossier.inburgeraar.bsn)
    client.get(reverse("portaal:overzicht"))
    from inburgering.accounts.models import Gebruiker

    account = Gebruiker.objects.get(username=PORTAALACCOUNT)
    assert not account.is_active and not account.has_usable_password()


def test_portaalpaginas_zonder_burgersessie_gaan_naar_het_begin(client, burgerdossier, consulent_a):
    client.force_login(consulent_a)  # a staff session is no citizen session
    for naam in ("overzicht", "afspraken", "plan", "route", "brieven", "gegevens"):
        antwoord = client.get(reverse(f"portaal:{naam}"))
        assert antwoord.status_code == 302 and antwoord["Location"] == reverse("portaal:start")
