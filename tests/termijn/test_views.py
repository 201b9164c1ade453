"""The Termijn tab and the worklist through the browser's requests: access (another gemeente's
dossier is 404), the refusal with the article, the recording, the worklist's filters."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from inburgering.accounts.models import Inzagelog
from inburgering.dossiers.models import DossierEvent
from inburgering.dossiers.workflow import Soort
from inburgering.wet.kalender import plus_maanden
from tests.termijn.factories import besluit_duo, dagtekening_voor_einde, met_pip, signaal_duo

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(gemeente_a, consulent_a):
    einde = plus_maanden(timezone.localdate(), 2)
    return met_pip(gemeente_a, consulent_a, dagtekening_voor_einde(einde))


def test_tab_toont_termijn_en_besluiten(client, consulent_a, dossier):
    besluit_duo(dossier, "SS116", timezone.localdate() - dt.timedelta(days=3))
    client.force_login(consulent_a)
    antwoord = client.get(reverse("termijn:termijn", kwargs={"uuid": dossier.uuid}))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    einde = plus_maanden(timezone.localdate(), 2)
    assert einde.strftime("%d-%m-%Y") in html
    assert "besluit SS116" in html and "afgewezen" in html
    assert 'aria-current="page">Termijn<' in html
    assert Inzagelog.objects.filter(gebruiker=consulent_a, doel="termijn").exists()


def test_andere_gemeente_krijgt_404(client, consulent_b, dossier):
    client.force_login(consulent_b)
    url = reverse("termijn:termijn", kwargs={"uuid": dossier.uuid})
    assert client.get(url).status_code == 404
    assert client.post(url, {"actie": "afsluiten"}).status_code == 404


def test_aanvraag_buiten_venster_geweigerd_met_artikel(client, consulent_a, gemeente_a):
    einde = timezone.localdate() - dt.timedelta(days=2)
    dossier = met_pip(gemeente_a, consulent_a, dagtekening_voor_einde(einde))
    client.force_login(consulent_a)
    antwoord = client.post(
        reverse("termijn:termijn", kwargs={"uuid": dossier.uuid}),
        {
            "actie": "aanvraag",
            "aanvraag-datum": timezone.localdate().isoformat(),
            "aanvraag-grond": "inspanningen",
        },
    )
    assert antwoord.status_code == 400
    assert "te laat" in antwoord.content.decode()
    assert "art. 4.5 lid 1" in antwoord.content.decode()
    assert not DossierEvent.objects.filter(soort=Soort.VERLENGING_AANGEVRAAGD).exists()


def test_aanvraag_en_advies_vastleggen(client, consulent_a, dossier):
    verzoek = signaal_duo(dossier, "SS140", timezone.localdate() - dt.timedelta(days=2))
    client.force_login(consulent_a)
    url = reverse("termijn:termijn", kwargs={"uuid": dossier.uuid})
    vandaag = timezone.localdate().isoformat()
    antwoord = client.post(
        url, {"actie": "aanvraag", "aanvraag-datum": vandaag, "aanvraag-grond": "inspanningen"}
    )
    assert antwoord.status_code == 302
    antwoord = client.post(
        url,
        {
            "actie": "advies",
            "advies-signaal": verzoek.pk,
            "advies-datum": vandaag,
            "advies-advies": "negatief",
            "advies-toelichting": "Geen zeer uitzonderlijke omstandigheden.",
        },
    )
    assert antwoord.status_code == 302
    soorten = set(dossier.events.values_list("soort", flat=True))
    assert {Soort.VERLENGING_AANGEVRAAGD, Soort.ONTHEFFINGSADVIES} <= soorten
    html = client.get(url).content.decode()
    assert "terug te melden aan DUO" in html


def test_werklijst_filtert_en_toont_alleen_eigen_gemeente(
    client, consulent_a, consulent_b, dossier, gemeente_b
):
    ander = met_pip(
        gemeente_b, consulent_b, dagtekening_voor_einde(plus_maanden(timezone.localdate(), 1))
    )
    client.force_login(consulent_a)
    html = client.get(reverse("termijn:werklijst")).content.decode()
    assert str(dossier.uuid) in html and str(ander.uuid) not in html
    assert "€ 1.340" in html
    html = client.get(reverse("termijn:werklijst"), {"binnen": "verstreken"}).content.decode()
    assert str(dossier.uuid) not in html
    assert Inzagelog.objects.filter(gebruiker=consulent_a, doel="termijn_werklijst").exists()
