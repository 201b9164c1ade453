"""Issue 19 item 6 (ADR 0039): where the gemeente allows it, a parent reads the dossier of a
minor child in the same household; every other id answers like any unknown object."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inburgering.accounts.models import Configuratiewijziging, GemeenteConfiguratie
from inburgering.accounts.services import wijzig_configuratie
from inburgering.dossiers.workflow import Soort
from inburgering.intake.afspraken import plan_afspraak
from inburgering.portaal.gezin import kinddossiers, minderjarig
from inburgering.wet.kalender import plus_jaren
from tests.conftest import maak_dossier

from .conftest import log_in
from .factories import kind_van

pytestmark = pytest.mark.django_db

ADRES = {"post_straat": "Lange Nieuwstraat 7", "post_postcode": "3512 PE", "post_plaats": "Utrecht"}
MEELEZEN = 'data-testid="meelezen"'


def _geboren_jaren_geleden(jaren: int, dagen_erbij: int = 0) -> dt.date:
    """A birth date whose `jaren`-th birthday is today plus `dagen_erbij` days."""
    vandaag = timezone.localdate()
    verjaardag = vandaag + dt.timedelta(days=dagen_erbij)
    try:
        return verjaardag.replace(year=verjaardag.year - jaren)
    except ValueError:  # 29 February
        return verjaardag.replace(year=verjaardag.year - jaren, day=28)


def _kind_van(ouder, gemeente, consulent, *, geboortedatum, adres=ADRES):
    return kind_van(ouder, gemeente, consulent, geboortedatum=geboortedatum, adres=adres)


@pytest.fixture
def ouder(gemeente_a, consulent_a):
    return maak_dossier(
        gemeente_a, consulent=consulent_a, actor=consulent_a, voornamen="Samir", **ADRES
    )


@pytest.fixture
def kind(ouder, gemeente_a, collega_a):
    kind = _kind_van(ouder, gemeente_a, collega_a, geboortedatum=_geboren_jaren_geleden(16))
    plan_afspraak(
        kind,
        medewerker=collega_a,
        soort="intake",
        vorm="op_locatie",
        begin=timezone.now() + dt.timedelta(days=3),
        locatie="Jongerenloket",
    )
    return kind


@pytest.fixture
def aan(beheerder, gemeente_a):
    wijzig_configuratie(beheerder, gemeente_a, {"portaal_kinderen": True})


def _ingelogd(portaal_aan, ouder) -> Client:
    client = Client()
    log_in(client, portaal_aan, ouder.inburgeraar.bsn)
    return client


def _zonder_tokens(html: str) -> str:
    """The page without what differs per request: the CSRF token and the path the language
    form returns to."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'name="volgende" type="hidden" value="[^"]*"', "", html)


def _logrijen(dossier):
    return list(dossier.inzagelog.values_list("doel", flat=True))


def test_standaard_uit(portaal_aan, ouder, kind, gemeente_a):
    assert GemeenteConfiguratie.objects.get(gemeente=gemeente_a).portaal_kinderen is False
    client = _ingelogd(portaal_aan, ouder)
    pagina = client.get(reverse("portaal:overzicht")).content.decode()
    assert 'data-testid="kinderen"' not in pagina and "Lina" not in pagina
    assert client.post(reverse("portaal:kind", args=[kind.pk])).status_code == 404
    assert kinddossiers(ouder) == []


def test_ouder_leest_het_dossier_van_het_kind(portaal_aan, ouder, kind, aan, collega_a):
    client = _ingelogd(portaal_aan, ouder)
    pagina = client.get(reverse("portaal:overzicht")).content.decode()
    assert 'data-testid="kinderen"' in pagina and kind.inburgeraar.naam in pagina
    assert f"portaal ouder {ouder.pk}: keuze kinderen" in _logrijen(kind)

    antwoord = client.post(reverse("portaal:kind", args=[kind.pk]))
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("portaal:overzicht")
    pagina = client.get(reverse("portaal:overzicht")).content.decode()
    assert MEELEZEN in pagina
    assert "Hallo Samir" in pagina  # the parent is still the one logged in
    assert collega_a.get_full_name() in pagina  # the child's contact person
    afspraken = client.get(reverse("portaal:afspraken")).content.decode()
    assert "Jongerenloket" in afspraken
    assert reverse("portaal:bevestigen", args=[kind.afspraken.get().pk]) not in afspraken
    for naam in ("plan", "route", "brieven"):
        assert client.get(reverse(f"portaal:{naam}")).status_code == 200

    # Every page of the child's data: the child's dossier, the parent as viewer.
    rijen = _logrijen(kind)
    for pagina_naam in ("overzicht", "afspraken", "plan", "route", "brieven"):
        assert f"portaal ouder {ouder.pk}: {pagina_naam}" in rijen
    assert "portaal: overzicht" not in rijen
    assert kind.inzagelog.get(doel=f"portaal ouder {ouder.pk}: route").gebruiker.username == (
        "portaal-inburgeraar"
    )

    # Back to their own dossier.
    client.post(reverse("portaal:eigen_dossier"))
    pagina = client.get(reverse("portaal:overzicht")).content.decode()
    assert MEELEZEN not in pagina
    assert "Jongerenloket" not in client.get(reverse("portaal:afspraken")).content.decode()


def test_meelezen_verandert_niets(portaal_aan, ouder, kind, aan):
    client = _ingelogd(portaal_aan, ouder)
    client.post(reverse("portaal:kind", args=[kind.pk]))
    afspraak = kind.afspraken.get()
    client.post(reverse("portaal:bevestigen", args=[afspraak.pk]))
    client.post(reverse("portaal:verzetten", args=[afspraak.pk]), {"wens": "Later"})
    assert not kind.events.filter(
        soort__in=[Soort.AFSPRAAK_BEVESTIGD, Soort.VERZETTEN_GEVRAAGD]
    ).exists()
    antwoord = client.post(
        reverse("portaal:gegevens"), {"telefoon": "0611111111", "email": "", "taal": "nl"}
    )
    assert antwoord.status_code == 302
    kind.inburgeraar.refresh_from_db()
    assert kind.inburgeraar.telefoon != "0611111111"
    assert client.get(reverse("portaal:ervaring")).status_code == 302


def _onbekend_antwoord(client, ouder) -> str:
    """The 404 page of an appointment id that does not exist."""
    antwoord = client.get(reverse("portaal:afspraak_ics", args=[999_999]))
    assert antwoord.status_code == 404
    return _zonder_tokens(antwoord.content.decode())


@pytest.mark.parametrize(
    "geval", ["volwassen", "ander_huishouden", "geen_adres", "uit", "andere_gemeente", "verzonnen"]
)
def test_weigeringen_zoals_elk_onbekend_object(
    geval, portaal_aan, ouder, gemeente_a, gemeente_b, collega_a, consulent_b, beheerder
):
    if geval != "uit":
        wijzig_configuratie(beheerder, gemeente_a, {"portaal_kinderen": True})
    zestien = _geboren_jaren_geleden(16)
    if geval == "volwassen":
        doel = _kind_van(ouder, gemeente_a, collega_a, geboortedatum=_geboren_jaren_geleden(19))
    elif geval == "ander_huishouden":
        anders = {**ADRES, "post_straat": "Oudegracht 1"}
        doel = _kind_van(ouder, gemeente_a, collega_a, geboortedatum=zestien, adres=anders)
    elif geval == "geen_adres":
        doel = _kind_van(ouder, gemeente_a, collega_a, geboortedatum=zestien, adres={})
    elif geval == "andere_gemeente":
        # The model's clean() refuses such a link; the rule must not rely on that alone.
        doel = _kind_van(ouder, gemeente_b, consulent_b, geboortedatum=zestien)
    else:
        doel = _kind_van(ouder, gemeente_a, collega_a, geboortedatum=zestien)
    pk = 987_654 if geval == "verzonnen" else doel.pk

    client = _ingelogd(portaal_aan, ouder)
    onbekend = _onbekend_antwoord(client, ouder)
    antwoord = client.post(reverse("portaal:kind", args=[pk]))
    assert antwoord.status_code == 404
    assert _zonder_tokens(antwoord.content.decode()) == onbekend
    pagina = client.get(reverse("portaal:overzicht")).content.decode()
    assert MEELEZEN not in pagina
    if geval != "verzonnen":
        assert doel.inburgeraar.voornamen not in pagina
        assert _logrijen(doel) == []


def test_achttien_worden(portaal_aan, ouder, gemeente_a, collega_a, aan):
    morgen_achttien = _kind_van(
        ouder, gemeente_a, collega_a, geboortedatum=_geboren_jaren_geleden(18, dagen_erbij=1)
    )
    vandaag = timezone.localdate()
    assert kinddossiers(ouder, vandaag) == [morgen_achttien]
    assert kinddossiers(ouder, vandaag + dt.timedelta(days=1)) == []

    client = _ingelogd(portaal_aan, ouder)
    assert client.post(reverse("portaal:kind", args=[morgen_achttien.pk])).status_code == 302
    assert MEELEZEN in client.get(reverse("portaal:overzicht")).content.decode()

    # The child turns 18 (the record as on their birthday): the next page is the parent's own.
    inburgeraar = morgen_achttien.inburgeraar
    inburgeraar.geboortedatum = _geboren_jaren_geleden(18)
    inburgeraar.save()
    assert MEELEZEN not in client.get(reverse("portaal:overzicht")).content.decode()
    assert client.post(reverse("portaal:kind", args=[morgen_achttien.pk])).status_code == 404


def test_minderjarig_tot_de_achttiende_verjaardag():
    geboren = dt.date(2008, 3, 15)
    assert minderjarig(geboren, dt.date(2026, 3, 14))
    assert not minderjarig(geboren, dt.date(2026, 3, 15))
    assert not minderjarig(None, dt.date(2026, 3, 14))
    schrikkel = dt.date(2008, 2, 29)
    assert plus_jaren(schrikkel, 18) in (dt.date(2026, 2, 28), dt.date(2026, 3, 1))
    assert not minderjarig(schrikkel, plus_jaren(schrikkel, 18))
    assert minderjarig(schrikkel, plus_jaren(schrikkel, 18) - dt.timedelta(days=1))


def test_schakelaar_uit_beeindigt_meelezen(portaal_aan, ouder, kind, aan, beheerder, gemeente_a):
    client = _ingelogd(portaal_aan, ouder)
    client.post(reverse("portaal:kind", args=[kind.pk]))
    assert MEELEZEN in client.get(reverse("portaal:overzicht")).content.decode()
    wijzig_configuratie(beheerder, gemeente_a, {"portaal_kinderen": False})
    assert MEELEZEN not in client.get(reverse("portaal:overzicht")).content.decode()
    wijziging = Configuratiewijziging.objects.filter(gemeente=gemeente_a).first()
    assert wijziging.wijzigingen["portaal_kinderen"] == {"oud": True, "nieuw": False}


KEUZE = 'data-testid="meelezen-keuze"'


def test_kind_zegt_nee_en_later_weer_ja(portaal_aan, ouder, kind, aan):
    """The child itself (own login) can say its parents may not read along: from the next
    request of the parent the child's dossier is gone (404 like any unknown object), the
    choice is a fact on the child's timeline, and it can be undone."""
    ouder_client = _ingelogd(portaal_aan, ouder)
    assert ouder_client.post(reverse("portaal:kind", args=[kind.pk])).status_code == 302
    assert MEELEZEN in ouder_client.get(reverse("portaal:overzicht")).content.decode()

    kind_client = _ingelogd(portaal_aan, kind)
    pagina = kind_client.get(reverse("portaal:gegevens")).content.decode()
    assert KEUZE in pagina and 'value="weigeren"' in pagina
    assert ouder.inburgeraar.voornamen not in pagina  # the choice, not the parent's data
    antwoord = kind_client.post(reverse("portaal:meelezen"), {"keuze": "weigeren"})
    assert antwoord.status_code == 302
    event = kind.events.get(soort=Soort.MEELEZEN_GEWEIGERD)
    assert event.bron == "inburgeraar"
    assert 'value="toestaan"' in kind_client.get(reverse("portaal:gegevens")).content.decode()

    # the parent, mid-way reading along: back to their own dossier, the child is gone
    pagina = ouder_client.get(reverse("portaal:overzicht")).content.decode()
    assert MEELEZEN not in pagina and kind.inburgeraar.voornamen not in pagina
    assert ouder_client.post(reverse("portaal:kind", args=[kind.pk])).status_code == 404
    assert kinddossiers(ouder) == []
    # saying no twice is refused with a message, nothing recorded twice
    kind_client.post(reverse("portaal:meelezen"), {"keuze": "weigeren"})
    assert kind.events.filter(soort=Soort.MEELEZEN_GEWEIGERD).count() == 1

    kind_client.post(reverse("portaal:meelezen"), {"keuze": "toestaan"})
    assert kind.events.filter(soort=Soort.MEELEZEN_TOEGESTAAN).count() == 1
    assert kinddossiers(ouder) == [kind]
    assert ouder_client.post(reverse("portaal:kind", args=[kind.pk])).status_code == 302


def test_keuze_alleen_voor_wie_een_meelezende_ouder_heeft(portaal_aan, ouder, kind, aan):
    # the parent sees no such choice on their own page (no parent of theirs can read along)
    ouder_client = _ingelogd(portaal_aan, ouder)
    assert KEUZE not in ouder_client.get(reverse("portaal:gegevens")).content.decode()
    # nor can a parent reading along say no for the child
    ouder_client.post(reverse("portaal:kind", args=[kind.pk]))
    ouder_client.post(reverse("portaal:meelezen"), {"keuze": "weigeren"})
    assert not kind.events.filter(soort=Soort.MEELEZEN_GEWEIGERD).exists()
    # a made-up choice is refused with a message
    kind_client = _ingelogd(portaal_aan, kind)
    assert kind_client.post(reverse("portaal:meelezen"), {"keuze": "x"}).status_code == 302
    assert not kind.events.filter(
        soort__in=[Soort.MEELEZEN_GEWEIGERD, Soort.MEELEZEN_TOEGESTAAN]
    ).exists()


def test_geen_keuze_als_de_gemeente_meelezen_uit_heeft(portaal_aan, ouder, kind):
    kind_client = _ingelogd(portaal_aan, kind)
    assert KEUZE not in kind_client.get(reverse("portaal:gegevens")).content.decode()
