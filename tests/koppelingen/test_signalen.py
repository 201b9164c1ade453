"""Every notification the Notificatie spec allows is kept: unknown ids for the beheerder, DUO's
attention signals and its decisions on requests as facts on the dossier, SS130 resuming a plicht
closed by a tijdelijke vrijstelling, and an exam result after the closing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from inburgering.dossiers.gebeurtenissen import beschrijf
from inburgering.dossiers.models import Dossier
from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Afsluitreden, Fase, Soort
from inburgering.koppelingen.duo import dezelfde_feiten, handlers
from inburgering.koppelingen.models import InkomendBericht, Status

from .conftest import OIN_A, post_notificatie


def test_onbekende_gebeurtenis_wordt_bewaard_en_getoond(scenarios, stuur, client, beheerder):
    n = scenarios.notificatie("XY42", "999990019", OIN_A)  # the spec's pattern allows it
    assert post_notificatie(client, n.headers, n.body).status_code == 201
    stuur([], verwerk=True)
    bericht = InkomendBericht.objects.get()
    assert bericht.status == Status.ONBEKEND and bericht.resultaat == handlers.ONBEKEND
    assert not Dossier.objects.exists()
    client.force_login(beheerder)
    html = client.get(reverse("koppelingen:berichten")).content.decode()
    assert "Notificaties met een onbekende gebeurtenis" in html
    assert "XY42" in html and n.headers["berichtId"] in html


def test_een_id_buiten_het_patroon_blijft_geweigerd(scenarios, client):
    n = scenarios.notificatie("SS-101", "999990019", OIN_A)
    antwoord = post_notificatie(client, n.headers, n.body)
    assert antwoord.status_code == 400 and "gebeurtenisId" in antwoord.json()["fouttekst"]
    assert not InkomendBericht.objects.exists()


@pytest.mark.parametrize("gebeurtenis", ["SS122", "SS126", "SS140", "SS142"])
def test_attentiesignaal_wordt_een_feit_op_het_dossier(scenarios, stuur, gebeurtenis):
    n = scenarios.nieuwe_statushouder(OIN_A)
    stuur(n)
    stuur(scenarios.notificatie(gebeurtenis, n.body["bsn"], OIN_A))
    dossier = Dossier.objects.get()
    event = dossier.events.get(soort=Soort.DUO_ATTENTIESIGNAAL)
    omschrijving = handlers.ATTENTIESIGNALEN[gebeurtenis]
    assert event.gegevens == {"gebeurtenis": gebeurtenis, "omschrijving": omschrijving}
    assert beschrijf(event.soort, event.gegevens) == f"{gebeurtenis}: {omschrijving}"
    assert dossier.fase == Fase.GESIGNALEERD  # a fact: the phase stays
    bericht = InkomendBericht.objects.get(gebeurtenis_id=gebeurtenis)
    assert bericht.status == Status.VERWERKT and bericht.dossier == dossier


def test_alle_twaalf_attentiesignalen_worden_aangenomen(scenarios, stuur):
    n = scenarios.nieuwe_statushouder(OIN_A)
    stuur(n)
    ids = ["SS112", "SS122", "SS123", "SS126", "SS127", "SS132", "SS133", "SS135", "SS136",
           "SS140", "SS141", "SS142"]  # fmt: skip
    stuur([scenarios.notificatie(i, n.body["bsn"], OIN_A) for i in ids])
    events = Dossier.objects.get().events.filter(soort=Soort.DUO_ATTENTIESIGNAAL)
    assert sorted(e.gegevens["gebeurtenis"] for e in events) == ids
    assert set(dezelfde_feiten.SIGNALEN) == set(handlers.ATTENTIESIGNALEN) == set(ids)
    assert set(dezelfde_feiten.BESLUITEN) == set(handlers.BESLUITEN)


def test_hetzelfde_signaal_tweemaal_geeft_een_event(scenarios, stuur):
    n = scenarios.nieuwe_statushouder(OIN_A)
    stuur(n)
    stuur([scenarios.notificatie("SS127", n.body["bsn"], OIN_A) for _ in range(2)])
    dossier = Dossier.objects.get()
    assert dossier.events.filter(soort=Soort.DUO_ATTENTIESIGNAAL).count() == 1
    resultaten = InkomendBericht.objects.filter(gebeurtenis_id="SS127").values_list(
        "resultaat", flat=True
    )
    assert dezelfde_feiten.AL_BEKEND in resultaten


def test_signaal_zonder_dossier_wordt_alleen_bewaard(scenarios, stuur):
    stuur(scenarios.notificatie("SS140", "999990019", OIN_A))
    bericht = InkomendBericht.objects.get()
    assert bericht.status == Status.VERWERKT and bericht.resultaat == handlers.GEEN_DOSSIER
    assert not Dossier.objects.exists()


@pytest.mark.parametrize("gebeurtenis", ["SS113", "SS114", "SS117", "SS119"])
def test_besluit_op_verzoek_staat_in_de_tijdlijn(scenarios, stuur, gebeurtenis):
    n = scenarios.nieuwe_statushouder(OIN_A)
    stuur(n)
    stuur(scenarios.notificatie(gebeurtenis, n.body["bsn"], OIN_A))
    event = Dossier.objects.get().events.get(soort=Soort.DUO_BESLUIT)
    assert event.gegevens["omschrijving"] == handlers.BESLUITEN[gebeurtenis]
    assert handlers.BESLUITEN[gebeurtenis] in beschrijf(event.soort, event.gegevens)
    assert InkomendBericht.objects.get(gebeurtenis_id=gebeurtenis).status == Status.VERWERKT


def _tijdelijk_vrijgesteld(scenarios, stuur, sim):
    n = scenarios.nieuwe_statushouder(OIN_A)
    stuur(n)
    bsn = n.body["bsn"]
    dossier = Dossier.objects.get()
    registreer(dossier, Soort.HUISVESTING, timezone.localdate())
    with sim.opslag.transactie() as staat:
        staat["personen"][bsn]["inburgeringsplicht"].update(
            indicatorInburgeringsplicht=False, einddatum=timezone.localdate().isoformat()
        )
    stuur(scenarios.notificatie("SS109", bsn, OIN_A))
    dossier.refresh_from_db()
    assert dossier.fase == Fase.AFGEROND
    assert dossier.afsluitreden == Afsluitreden.TIJDELIJKE_VRIJSTELLING
    return dossier, bsn


def test_ss130_heropent_het_dossier_na_tijdelijke_vrijstelling(scenarios, stuur, sim):
    dossier, bsn = _tijdelijk_vrijgesteld(scenarios, stuur, sim)
    stuur(scenarios.notificatie("SS130", bsn, OIN_A))
    dossier.refresh_from_db()
    assert dossier.fase == Fase.GEHUISVEST and not dossier.afsluitreden
    assert dossier.events.filter(soort=Soort.INTREKKING).count() == 1
    besluit = dossier.events.get(soort=Soort.DUO_BESLUIT)
    assert besluit.gegevens["gebeurtenis"] == "SS130"
    assert Dossier.objects.count() == 1
    bericht = InkomendBericht.objects.get(gebeurtenis_id="SS130")
    assert bericht.status == Status.VERWERKT and "heropend" in bericht.resultaat
    # The same SS130 again: the dossier runs, the decision is already known.
    stuur(scenarios.notificatie("SS130", bsn, OIN_A))
    assert dossier.events.filter(soort=Soort.DUO_BESLUIT).count() == 1
    assert dossier.events.filter(soort=Soort.INTREKKING).count() == 1


def test_ss130_heropent_geen_dossier_dat_om_een_andere_reden_sloot(scenarios, stuur):
    n = scenarios.nieuwe_statushouder(OIN_A)
    stuur(n)
    stuur(scenarios.plicht_voldaan(n.body["bsn"], OIN_A))
    stuur(scenarios.notificatie("SS130", n.body["bsn"], OIN_A))
    dossier = Dossier.objects.get()
    assert dossier.fase == Fase.AFGEROND and dossier.afsluitreden == Afsluitreden.VOLDAAN
    assert dossier.events.filter(soort=Soort.DUO_BESLUIT).count() == 1


def test_examenresultaat_na_voldaan_wordt_vastgelegd(scenarios, stuur):
    n = scenarios.nieuwe_statushouder(OIN_A)
    stuur(n)
    stuur(scenarios.plicht_voldaan(n.body["bsn"], OIN_A))
    stuur(scenarios.examenresultaat(n.body["bsn"], OIN_A))
    dossier = Dossier.objects.get()
    assert dossier.fase == Fase.AFGEROND
    assert dossier.events.filter(soort=Soort.EXAMENRESULTAAT).count() == 1
    bericht = InkomendBericht.objects.get(gebeurtenis_id="SS199")
    assert bericht.status == Status.VERWERKT and bericht.dossier == dossier


def _alleen_v_nummer(scenarios, gebeurtenis: str, v_nummer: int):
    n = scenarios.notificatie(gebeurtenis, "", OIN_A)
    del n.body["bsn"]
    n.body["vNummer"] = v_nummer
    return n


def test_alleen_v_nummer_van_een_bekende_persoon_wordt_gewoon_verwerkt(scenarios, stuur):
    n = scenarios.nieuwe_statushouder(OIN_A)
    n.body["vNummer"] = 42  # DUO sends both once: the vNummer is kept with the person
    stuur(n)
    dossier = Dossier.objects.get()
    assert dossier.inburgeraar.v_nummer == "0000000042"
    stuur(_alleen_v_nummer(scenarios, "SS122", 42))
    bericht = InkomendBericht.objects.get(gebeurtenis_id="SS122")
    assert bericht.status == Status.VERWERKT and bericht.bsn == n.body["bsn"]
    assert dossier.events.filter(soort=Soort.DUO_ATTENTIESIGNAAL).count() == 1


def test_alleen_een_onbekend_v_nummer_wacht_zichtbaar_op_koppeling(
    scenarios, stuur, client, beheerder
):
    n = scenarios.nieuwe_statushouder(OIN_A)
    stuur(n)
    stuur(_alleen_v_nummer(scenarios, "SS122", 7_654_321_098))
    bericht = InkomendBericht.objects.get(gebeurtenis_id="SS122")
    assert bericht.status == Status.KOPPELEN and bericht.pogingen == 0
    stuur([], verwerk=True)  # the worker leaves it: no DUO API takes a vNummer
    bericht.refresh_from_db()
    assert bericht.status == Status.KOPPELEN

    client.force_login(beheerder)
    html = client.get(reverse("koppelingen:berichten")).content.decode()
    assert "Notificaties met alleen een V-nummer" in html and "******098" in html
    assert "7654321098" not in html

    url = reverse("koppelingen:koppel-bsn", args=[bericht.pk])
    antwoord = client.post(url, {"bsn": "123456789"}, follow=True)
    assert "elfproef" in antwoord.content.decode()
    bericht.refresh_from_db()
    assert bericht.status == Status.KOPPELEN and bericht.bsn == ""

    client.post(url, {"bsn": n.body["bsn"]})
    stuur([], verwerk=True)
    bericht.refresh_from_db()
    assert bericht.status == Status.VERWERKT
    dossier = Dossier.objects.get()
    assert dossier.events.filter(soort=Soort.DUO_ATTENTIESIGNAAL).count() == 1
    assert dossier.inburgeraar.v_nummer == "7654321098"  # the next one resolves by itself
