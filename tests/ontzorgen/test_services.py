"""Ontzorgen and MB through the services: start, fixed costs, refusals, batches with the
pain.001 file validated against the ISO 20022 schema, four eyes, signals and the shared status."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from inburgering.dossiers.models import Doelgroep, Dossier
from inburgering.dossiers.workflow import Soort
from inburgering.ontzorgen import bestanden, services
from inburgering.ontzorgen.iban import fout_in_iban
from inburgering.ontzorgen.models import Batchstatus, Betaalbatch, Betaling, Betalingstatus
from inburgering.partners.models import Betrokkenheid, Grond, Organisatiesoort
from inburgering.werkvoorraad.services import signalen
from tests.conftest import maak_dossier
from tests.ontzorgen.factories import GELDIG_IBAN, beleid, gestart, mb_organisatie, met_huur
from tests.partners.factories import maak_organisatie

pytestmark = pytest.mark.django_db
START = dt.date(2026, 1, 1)
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}


@pytest.mark.parametrize(
    ("iban", "geldig"),
    [
        ("NL91ABNA0417164300", True),
        ("nl91 abna 0417 1643 00", True),
        ("NL92ABNA0417164300", False),  # check digits
        ("NL91ABNA041716430", False),  # too short for NL
        ("DE89370400440532013000", True),
        ("1234", False),
    ],
)
def test_iban(iban, geldig):
    assert (fout_in_iban(iban) is None) is geldig


def test_start_en_gebeurtenis(dossier_a, consulent_a):
    ontzorging = gestart(dossier_a, consulent_a)
    assert ontzorging.einde == dt.date(2026, 6, 30)
    assert dossier_a.events.filter(soort=Soort.ONTZORGEN_GESTART).count() == 1


def test_start_geweigerd_voor_regulier_gezinslid(dossier_a, consulent_a):
    with pytest.raises(services.OntzorgenFout, match="asiel voor bepaalde tijd"):
        gestart(dossier_a, consulent_a, verblijfsgrond="regulier_gezin_bij_asielstatushouder")


def test_budgetbeheerder_gekoppeld(dossier_a, consulent_a, gemeente_a):
    org = maak_organisatie(Organisatiesoort.BUDGETBEHEER, gemeente_a)
    ontzorging = gestart(dossier_a, consulent_a, budgetbeheerder=org)
    b = Betrokkenheid.objects.get(dossier=dossier_a)
    assert (b.grond, b.bron) == (Grond.ONTZORGEN, f"ontzorgen:{ontzorging.pk}")


@pytest.mark.parametrize(
    ("velden", "melding"),
    [
        ({"iban": "NL92ABNA0417164300"}, "controlecijfers"),
        ({"bedrag_cents": 0}, "groter zijn dan"),
        ({"vanaf": dt.date(2026, 8, 1)}, "na de zes maanden"),
    ],
)
def test_last_geweigerd(dossier_a, consulent_a, velden, melding):
    ontzorging = gestart(dossier_a, consulent_a)
    with pytest.raises(services.OntzorgenFout, match=melding):
        met_huur(ontzorging, consulent_a, **velden)
    assert not ontzorging.lasten.exists()


def test_last_na_zes_maanden_met_vrijwillige_voortzetting(dossier_a, consulent_a):
    ontzorging = gestart(dossier_a, consulent_a)
    services.leg_vrijwillige_voortzetting_vast(ontzorging, dt.date(2026, 9, 30), consulent_a)
    last = met_huur(ontzorging, consulent_a, vanaf=dt.date(2026, 8, 1))
    assert last.vanaf == dt.date(2026, 8, 1)


def _klaar(gemeente, dossier, consulent):
    beleid(gemeente)
    ontzorging = gestart(dossier, consulent)
    met_huur(ontzorging, consulent)
    return ontzorging


def test_batch_pain001_geldig_en_csv(gemeente_a, dossier_a, consulent_a):
    _klaar(gemeente_a, dossier_a, consulent_a)
    batch = services.maak_batch(gemeente_a, dt.date(2026, 2, 1), actor=consulent_a)
    assert bestanden.valideer_pain001(batch.pain001) == []
    root = ET.fromstring(batch.pain001)  # noqa: S314 (our own file)
    assert root.find(".//p:GrpHdr/p:NbOfTxs", NS).text == "1"
    assert root.find(".//p:GrpHdr/p:CtrlSum", NS).text == "650.00"
    assert root.find(".//p:CdtTrfTxInf/p:CdtrAcct/p:Id/p:IBAN", NS).text == GELDIG_IBAN
    regels = batch.csv.strip().splitlines()
    assert regels[0].startswith("dossier;maand") and "650.00" in regels[1]
    assert Betaling.objects.get().status == Betalingstatus.OPGENOMEN


def test_schema_weigert_kapot_bestand():
    assert bestanden.valideer_pain001(
        "<Document xmlns='urn:iso:std:iso:20022:tech:xsd:pain.001.001.03'/>"
    )


def test_batch_vier_ogen(gemeente_a, dossier_a, consulent_a, collega_a):
    _klaar(gemeente_a, dossier_a, consulent_a)
    batch = services.maak_batch(gemeente_a, dt.date(2026, 2, 1), actor=consulent_a)
    with pytest.raises(services.OntzorgenFout, match="vier-ogenprincipe"):
        services.keur_batch_goed(batch, consulent_a)
    services.keur_batch_goed(batch, collega_a)
    batch.refresh_from_db()
    assert batch.status == Batchstatus.GOEDGEKEURD and batch.goedgekeurd_door == collega_a
    assert Betaling.objects.get().status == Betalingstatus.BETAALD
    with pytest.raises(services.OntzorgenFout, match="al een batch"):
        services.maak_batch(gemeente_a, dt.date(2026, 2, 1), actor=consulent_a)


def test_batch_geweigerd_bij_gewijzigde_begunstigde(gemeente_a, dossier_a, consulent_a, collega_a):
    ontzorging = _klaar(gemeente_a, dossier_a, consulent_a)
    last = ontzorging.lasten.get()
    services.wijzig_last(
        last,
        begunstigde="Nieuwe verhuurder",
        iban="DE89370400440532013000",
        bedrag_cents=last.bedrag_cents,
        kenmerk="X",
        vanaf=last.vanaf,
        tot=None,
        actor=consulent_a,
    )
    with pytest.raises(services.OntzorgenFout, match="wacht nog op goedkeuring"):
        services.maak_batch(gemeente_a, dt.date(2026, 2, 1), actor=consulent_a)
    assert not Betaalbatch.objects.exists() and not Betaling.objects.exists()
    with pytest.raises(services.OntzorgenFout, match="vier-ogenprincipe"):
        services.keur_begunstigde_goed(last, consulent_a)
    services.keur_begunstigde_goed(last, collega_a)
    batch = services.maak_batch(gemeente_a, dt.date(2026, 2, 1), actor=consulent_a)
    assert batch.betalingen.get().begunstigde == "Nieuwe verhuurder"


def test_batch_buiten_periode_niets_te_betalen(gemeente_a, dossier_a, consulent_a):
    _klaar(gemeente_a, dossier_a, consulent_a)
    with pytest.raises(services.OntzorgenFout, match="niets te betalen"):
        services.maak_batch(gemeente_a, dt.date(2026, 7, 1), actor=consulent_a)
    assert not Betaalbatch.objects.exists()


def test_batch_zonder_iban_gemeente(gemeente_a, dossier_a, consulent_a):
    ontzorging = gestart(dossier_a, consulent_a)
    met_huur(ontzorging, consulent_a)
    with pytest.raises(services.OntzorgenFout, match="IBAN van de gemeente"):
        services.maak_batch(gemeente_a, dt.date(2026, 2, 1), actor=consulent_a)


def test_weigering_en_signalen(gemeente_a, dossier_a, consulent_a, collega_a):
    ontzorging = _klaar(gemeente_a, dossier_a, consulent_a)
    batch = services.maak_batch(gemeente_a, dt.date(2026, 2, 1), actor=consulent_a)
    services.keur_batch_goed(batch, collega_a)
    betaling = Betaling.objects.get()
    services.registreer_weigering(betaling, "Rekening opgeheven", consulent_a)
    sleutels = {s.sleutel for s in signalen(consulent_a, dt.date(2026, 6, 1))}
    assert f"ontzorgen_geweigerd:{betaling.pk}" in sleutels
    assert "ontzorgen_afbouw:2026-06-30" in sleutels  # six weeks before the end
    assert "ontzorgen_toeslagen:2026-01-01" in sleutels  # eight weeks without toeslagen
    services.zet_toeslagen_ontvangen(ontzorging, dt.date(2026, 2, 1))
    sleutels = {s.sleutel for s in signalen(consulent_a, dt.date(2026, 5, 1))}
    assert "ontzorgen_toeslagen:2026-01-01" not in sleutels
    assert "ontzorgen_afbouw:2026-06-30" not in sleutels  # more than six weeks ahead


def test_signaal_gewijzigde_begunstigde(gemeente_a, dossier_a, consulent_a):
    ontzorging = _klaar(gemeente_a, dossier_a, consulent_a)
    last = ontzorging.lasten.get()
    services.wijzig_last(
        last,
        begunstigde="Ander",
        iban=GELDIG_IBAN,
        bedrag_cents=100,
        kenmerk="K",
        vanaf=last.vanaf,
        tot=None,
        actor=consulent_a,
    )
    assert f"ontzorgen_begunstigde:{last.pk}:1" in {s.sleutel for s in signalen(consulent_a)}


def test_status_per_partner(gemeente_a, dossier_a, consulent_a, collega_a):
    _klaar(gemeente_a, dossier_a, consulent_a)
    services.keur_batch_goed(
        services.maak_batch(gemeente_a, dt.date(2026, 2, 1), actor=consulent_a), collega_a
    )
    consulent = services.status_voor(dossier_a, None, dt.date(2026, 2, 15))
    begeleider = services.status_voor(dossier_a, Organisatiesoort.BEGELEIDING, dt.date(2026, 2, 15))
    taalschool = services.status_voor(dossier_a, Organisatiesoort.TAALAANBIEDER)
    assert consulent.lasten[0].iban == GELDIG_IBAN and consulent.inhouding_cents == 65000
    assert begeleider.lasten[0].betaald_tot == dt.date(2026, 2, 1)
    assert begeleider.lasten[0].iban == "" and begeleider.inhouding_cents is None
    assert not taalschool.ontzorgen and not taalschool.lasten


def test_begeleiding(gemeente_a, consulent_a):
    dossier = maak_dossier(gemeente_a, consulent=consulent_a, kennisgeving=dt.date(2025, 12, 1))
    Dossier.objects.filter(pk=dossier.pk).update(brp_inschrijving_datum=dt.date(2026, 1, 10))
    dossier.refresh_from_db()
    org = mb_organisatie(gemeente_a)
    mb = services.start_begeleiding(
        dossier, organisatie=org, begeleider="Sara", aanvang=None, pvt=True, actor=consulent_a
    )
    assert mb.aanvang == dt.date(2026, 1, 10)
    b = Betrokkenheid.objects.get(dossier=dossier)
    assert (b.grond, b.bron) == (Grond.BEGELEIDING, f"mb:{mb.pk}")
    services.noteer(
        mb,
        datum=dt.date(2026, 2, 1),
        soort="voortgang",
        tekst="Goed op weg",
        door=consulent_a,
        namens_begeleider=True,
    )
    status = services.status_voor(dossier, Organisatiesoort.BEGELEIDING)
    assert status.begeleiding and status.laatste_notitie == dt.date(2026, 2, 1)
    services.beeindig_begeleiding(mb, dt.date(2026, 12, 31), consulent_a)
    b.refresh_from_db()
    assert b.einde == dt.date(2026, 12, 31)


def test_begeleiding_niet_voor_gezinsmigrant(gemeente_a, consulent_a):
    dossier = maak_dossier(gemeente_a, doelgroep=Doelgroep.GEZINSMIGRANT_OVERIG)
    with pytest.raises(services.OntzorgenFout, match="alleen voor asielstatushouders"):
        services.start_begeleiding(
            dossier,
            organisatie=mb_organisatie(gemeente_a),
            begeleider="",
            aanvang=None,
            actor=consulent_a,
        )


def test_import_alles_of_niets(gemeente_a, dossier_a, consulent_a):
    from inburgering.dossiers.toegang import dossiers_voor

    goed = f"dossier;recht_op_bijstand_vanaf\n{dossier_a.uuid};2026-01-01\n".encode()
    fout = goed + b"onbekend;2026-01-01\n"
    r = services.importeer_csv(
        fout, gemeente_dossiers=dossiers_voor(consulent_a), actor=consulent_a
    )
    assert r.gestart == 0 and len(r.fouten) == 1
    assert not hasattr(Dossier.objects.get(pk=dossier_a.pk), "ontzorging")
    r = services.importeer_csv(
        goed, gemeente_dossiers=dossiers_voor(consulent_a), actor=consulent_a
    )
    assert r.gestart == 1 and not r.fouten


def test_monitoringtabel(gemeente_a, dossier_a, consulent_a, collega_a):
    from inburgering.monitoring.extractie import Selectie
    from inburgering.monitoring.tabellen import tabellen

    _klaar(gemeente_a, dossier_a, consulent_a)
    services.keur_batch_goed(
        services.maak_batch(gemeente_a, dt.date(2026, 1, 1), actor=consulent_a), collega_a
    )
    tabel = next(
        t
        for t in tabellen(Selectie((gemeente_a.pk,), dt.date(2026, 8, 1)))
        if t.sleutel == "ontzorgen"
    )
    waarden = {r[0]: r[1] for r in tabel.rijen}
    assert list(waarden.values()) == [1, 0, 1, 1, 0, 650.0]


def test_batch_niet_goed_te_keuren_na_wijziging_begunstigde(
    gemeente_a, dossier_a, consulent_a, collega_a
):
    ontzorging = _klaar(gemeente_a, dossier_a, consulent_a)
    batch = services.maak_batch(gemeente_a, dt.date(2026, 2, 1), actor=consulent_a)
    last = ontzorging.lasten.get()
    services.wijzig_last(
        last,
        begunstigde="Ander",
        iban="DE89370400440532013000",
        bedrag_cents=100,
        kenmerk="K",
        vanaf=last.vanaf,
        tot=None,
        actor=consulent_a,
    )
    services.keur_begunstigde_goed(last, collega_a)
    with pytest.raises(services.OntzorgenFout, match="trek de batch in"):
        services.keur_batch_goed(batch, collega_a)
    services.trek_batch_in(batch, collega_a)
    assert Betaling.objects.get().status == Betalingstatus.VERVALLEN
    nieuw = services.maak_batch(gemeente_a, dt.date(2026, 2, 1), actor=consulent_a)
    assert nieuw.betalingen.get().iban == "DE89370400440532013000"


def test_status_betaald_tot_blijft_bij_nieuwe_batch(gemeente_a, dossier_a, consulent_a, collega_a):
    _klaar(gemeente_a, dossier_a, consulent_a)
    services.keur_batch_goed(
        services.maak_batch(gemeente_a, dt.date(2026, 2, 1), actor=consulent_a), collega_a
    )
    services.maak_batch(gemeente_a, dt.date(2026, 3, 1), actor=consulent_a)
    regel = services.status_voor(dossier_a, Organisatiesoort.BEGELEIDING).lasten[0]
    assert regel.betaald_tot == dt.date(2026, 2, 1)
    assert regel.laatste_status == "In batch, wacht op goedkeuring"


def test_signaal_afhandelen_via_werkvoorraad(gemeente_a, dossier_a, consulent_a):
    from inburgering.werkvoorraad.services import handel_af

    gestart(dossier_a, consulent_a)
    sleutel = "ontzorgen_toeslagen:2026-01-01"
    signaal = next(s for s in signalen(consulent_a) if s.sleutel == sleutel)
    assert signaal.etiket == "Ontzorgen" and signaal.url.endswith("/ontzorgen/")
    handel_af(consulent_a, dossier_a, sleutel)
    assert sleutel not in {s.sleutel for s in signalen(consulent_a)}
