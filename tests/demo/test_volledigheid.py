"""Issue 14 item 1: every fact in a demo timeline has the record behind it.

A demo load (a subset of the `demo` profile: the full 500 dossiers take minutes, and a subset
draws every phase and every kind of event) is walked dossier by dossier. For each, the tabs its
timeline implies are opened with the test client, logged in as a consulent of that gemeente,
and the records they show are compared with the events: intake conversations and reports, the
LBT with its conditions, the route decision, every PIP version, the held voortgangsgesprekken,
the letters of the summons flow and the intake appointments, the fine cases with their
letters. Old-law (Wi2013) dossiers have none of the Wi 2021 steps (no brede intake, LBT or PIP:
Wi 2021 art. 54 lid 1) but the old law's records: DUO's termijn, the exam results, and for
asylum status holders maatschappelijke begeleiding.
"""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from inburgering.accounts.models import Gebruiker, Rol
from inburgering.dossiers.models import Dossier, DossierEvent, Regime
from inburgering.dossiers.workflow import Soort
from inburgering.intake.models import Afspraak, BredeIntake, Routebesluit
from inburgering.koppelingen.duo.afstemming import afstemmen
from inburgering.pip.models import PipVersie, Status

from .factories import erbij


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """One load for the module (the walk only reads)."""
    with django_db_blocker.unblock():
        uit = io.StringIO()
        call_command("demo_data", "--profiel", "demo", "--dossiers", "80", "--seed", "12",
                     stdout=uit)  # fmt: skip
        yield uit.getvalue()
        call_command("demo_data", "--alleen-reset", stdout=io.StringIO())


def _clients():
    clients = {}

    def voor(gemeente) -> Client:
        if gemeente.pk not in clients:
            consulent = Gebruiker.objects.filter(gemeenten=gemeente, rol=Rol.CONSULENT).first()
            client = Client()
            client.force_login(consulent)
            clients[gemeente.pk] = client
        return clients[gemeente.pk]

    return voor


def _soorten(events) -> list[str]:
    return [e.soort for e in events]


def _pagina(client, naam, dossier):
    response = client.get(reverse(naam, kwargs={"uuid": dossier.uuid}))
    assert response.status_code == 200, (naam, dossier.pk)
    return response.context


@pytest.mark.django_db
def test_no_service_refused_a_planned_event(demo):
    assert "Geweigerd" not in demo, demo


@pytest.mark.django_db
def test_every_tab_shows_the_records_its_timeline_implies(demo):
    client_voor = _clients()
    soorten_records = ["intake", "lbt", "pip", "gesprek", "brief", "afspraak", "boete", "wi2013",
                       "wi2013_examen", "wi2013_mb"]  # fmt: skip
    gezien = dict.fromkeys(soorten_records, 0)
    dossiers = Dossier.objects.select_related("gemeente").prefetch_related("events")
    # The generated dossiers, the one the demo's completed move opened (verhuizing/demo.py) and
    # the child whose parent reads along in the portal (demo/portaalgezin.py).
    assert dossiers.count() == 80 + erbij()
    for dossier in dossiers:
        events = sorted(dossier.events.all(), key=lambda e: e.pk)
        soorten = _soorten(events)
        client = client_voor(dossier.gemeente)
        # Brede intake: one conversation per start; completed after the last completion.
        starts = [e for e in events if e.soort == Soort.INTAKE_GESTART]
        if starts:
            ctx = _pagina(client, "intake:brede_intake", dossier)
            intake = ctx["intake"]
            assert intake is not None, dossier.pk
            datums = {g.datum for g in intake.gesprekken.all()}
            assert {e.datum for e in starts} <= datums, dossier.pk
            assert any(s["onderwerp"].ingevuld for s in ctx["secties"]), dossier.pk
            klaar = [e for e in events if e.soort == Soort.INTAKE_AFGEROND]
            if klaar and events.index(klaar[-1]) > events.index(starts[-1]):
                assert intake.afgerond_op == klaar[-1].datum, dossier.pk
                assert ctx["volledigheid"].waarde == (), dossier.pk
            # The appointment for the intake, held.
            ctx = _pagina(client, "intake:contact", dossier)
            gehouden = [
                a for a in ctx["afspraken"]
                if a.soort == Afspraak.Soort.INTAKE and a.status == Afspraak.Status.GEHOUDEN
            ]  # fmt: skip
            assert len(gehouden) >= len(starts), dossier.pk
            gezien["intake"] += 1
            gezien["afspraak"] += 1
        # LBT: the latest test with its score and conditions.
        lbts = [e for e in events if e.soort == Soort.LBT_AFGENOMEN]
        if lbts:
            ctx = _pagina(client, "intake:toets_en_route", dossier)
            assert ctx["lbt"] is not None and ctx["lbt"].datum == lbts[-1].datum, dossier.pk
            assert ctx["lbt"].score == lbts[-1].gegevens["score"], dossier.pk
            assert ctx["lbt"].apparaat and ctx["lbt"].invoer, dossier.pk
            assert dossier.lbt.count() == len(lbts), dossier.pk
            gezien["lbt"] += 1
        # PIP: every vastgesteld event is a version; the last one is the one in force.
        pips = [e for e in events if e.soort == Soort.PIP_VASTGESTELD]
        if pips:
            ctx = _pagina(client, "pip:pip", dossier)
            vastgesteld = ctx["vastgesteld"]
            assert vastgesteld is not None, dossier.pk
            assert vastgesteld.dagtekening == pips[-1].datum, dossier.pk
            assert vastgesteld.leerroute == pips[-1].gegevens["leerroute"], dossier.pk
            gezet = [v for v in ctx["versies"] if v.status in (Status.VASTGESTELD,
                                                                 Status.VERVANGEN)]  # fmt: skip
            assert len(gezet) == len(pips), dossier.pk
            assert ctx["routebesluit"] is not None, dossier.pk
            assert ctx["levering"] is not None, dossier.pk
            gezien["pip"] += 1
            # Held voortgangsgesprekken are contact moments in the log, and vice versa.
            gehouden = {g["gesprek"].gehouden_op for g in ctx["gesprekken"]} - {None}
            uit_log = {e.datum for e in events if e.gegevens.get("pip") == "voortgangsgesprek"}
            assert gehouden == uit_log, dossier.pk
            gezien["gesprek"] += bool(gehouden)
        if dossier.regime == Regime.WI2013:
            _oude_wet(client, dossier, events, gezien)
        # Summons: every summons and warning points at its letter, which opens.
        for e in events:
            if e.soort in (Soort.OPROEP_INTAKE, Soort.WAARSCHUWING, Soort.INTAKE_ZONDER_PERSOON):
                pk = e.gegevens["brief"]
                url = reverse("intake:brief", kwargs={"uuid": dossier.uuid, "pk": pk})
                assert client.get(url).status_code == 200, dossier.pk
                gezien["brief"] += 1
        # Fines: every case in the timeline is on the Handhaving tab, in its last step's state.
        zaken = {e.gegevens["zaak"]: e.gegevens["status"] for e in events
                 if e.soort.startswith("handhaving_")}  # fmt: skip
        if zaken:
            ctx = _pagina(client, "handhaving:handhaving", dossier)
            getoond = {k["zaak"].pk: k["zaak"].status for k in ctx["kaarten"]}
            assert getoond == zaken, dossier.pk
            gezien["boete"] += 1
        if Soort.BOETE_VOORGESTELD in soorten:
            ctx = _pagina(client, "intake:oproepen", dossier)
            assert dossier.brieven.filter(soort="boetevoornemen").exists(), dossier.pk
    # The subset covers every kind of record.
    assert all(gezien.values()), gezien


def _oude_wet(client, dossier, events, gezien) -> None:
    """An old-law dossier: none of the Wi 2021 records, and the old law's records on its tabs."""
    soorten = set(_soorten(events))
    wi2021 = {Soort.INTAKE_GESTART, Soort.INTAKE_AFGEROND, Soort.LBT_AFGENOMEN,
              Soort.PIP_VASTGESTELD, Soort.OPROEP_INTAKE, Soort.PIP_STAP}  # fmt: skip
    assert not soorten & wi2021, (dossier.pk, soorten & wi2021)
    assert not BredeIntake.objects.filter(dossier=dossier).exists(), dossier.pk
    assert not dossier.lbt.exists(), dossier.pk
    assert not Routebesluit.objects.filter(dossier=dossier).exists(), dossier.pk
    assert not PipVersie.objects.filter(pip__dossier=dossier).exists(), dossier.pk
    assert dossier.pip_deadline is None, dossier.pk
    ctx = _pagina(client, "pip:pip", dossier)
    assert ctx["vastgesteld"] is None and ctx["deadline"] is None, dossier.pk
    # DUO's termijn (the old law's), on the Termijn tab.
    termijnen = [e for e in events if e.soort == Soort.TERMIJN_DUO]
    assert termijnen, dossier.pk
    ctx = _pagina(client, "termijn:termijn", dossier)
    einde = dt.date.fromisoformat(termijnen[-1].gegevens["einde"])
    assert ctx["beeld"].einde_duo == einde, dossier.pk
    # DUO's exam results (old inburgeringsexamen, A2 and KNM), on the Route tab without a plan.
    uitslagen = [e for e in events if e.soort == Soort.EXAMENRESULTAAT]
    if uitslagen:
        ctx = _pagina(client, "traject:route", dossier)
        pogingen = ctx["examens"].buiten_plan
        assert len(pogingen) == len(uitslagen), dossier.pk
        assert {p.onderdeel for p in pogingen} == {e.gegevens["onderdeel"] for e in uitslagen}
        gezien["wi2013_examen"] += 1
    # Maatschappelijke begeleiding of an asylum status holder, on the Ontzorgen tab.
    mb = [e for e in events if e.soort == Soort.BEGELEIDING_GESTART]
    if mb:
        ctx = _pagina(client, "ontzorgen:dossier", dossier)
        assert ctx["mb"] is not None and ctx["mb"].aanvang == mb[0].datum, dossier.pk
        eind = [e for e in events if e.soort == Soort.BEGELEIDING_BEEINDIGD]
        assert ctx["mb"].einde == (eind[-1].datum if eind else None), dossier.pk
        gezien["wi2013_mb"] += 1
    gezien["wi2013"] += 1


@pytest.mark.django_db
def test_four_eyes_gemeente_has_pips_waiting_for_an_approver(demo):
    from inburgering.pip.models import PipInstelling, PipVersie

    instelling = PipInstelling.objects.get(vier_ogen=True)
    wachtend = PipVersie.objects.filter(
        status=Status.TER_GOEDKEURING, pip__dossier__gemeente=instelling.gemeente
    )
    assert wachtend.exists()
    keurder = Gebruiker.objects.get(username="teamleider2")
    assert instelling.gemeente in keurder.gemeenten.all()
    # Every PIP set there was approved by someone other than its author.
    gezet = PipVersie.objects.filter(
        pip__dossier__gemeente=instelling.gemeente, status=Status.VASTGESTELD
    )
    assert gezet.exists()
    for versie in gezet:
        assert versie.goedgekeurd_door_id not in (None, versie.opgesteld_door_id)


@pytest.mark.django_db
def test_duo_reconciliation_shows_a_handful_of_real_findings(demo):
    from inburgering.accounts.models import Gemeente

    bevindingen = []
    for gemeente in Gemeente.objects.all():
        bevindingen += afstemmen(gemeente).bevindingen
    onderwerpen = [b.onderwerp for b in bevindingen]
    # The differences made on purpose (demo/duo.py VERSCHILLEN) are found ...
    assert onderwerpen.count("bekend_bij_duo") == 2
    assert {"doelgroep", "pip", "leerroute"} <= set(onderwerpen)
    # ... and little else: no contract errors, every PIP delivered.
    assert "duo_antwoord" not in onderwerpen
    assert "pip_niet_geleverd" not in onderwerpen
    assert len(bevindingen) <= 10, onderwerpen


def test_ontzorgen_households_and_a_batch_to_approve(demo):
    """Ontzorgen demo data through its services: households, approved months, and this
    month's batch waiting for a second user, each a valid pain.001 file."""
    from inburgering.ontzorgen import bestanden
    from inburgering.ontzorgen.models import Batchstatus, Betaalbatch, Ontzorging

    assert Ontzorging.objects.exists()
    te_keuren = Betaalbatch.objects.filter(status=Batchstatus.CONCEPT)
    assert te_keuren.exists()
    for batch in Betaalbatch.objects.all():
        assert bestanden.valideer_pain001(batch.pain001) == []


@pytest.mark.django_db
def test_fine_cases_replayed_with_the_records_behind_their_timeline(demo):
    """The fines path of the replay (demo/handhaving.py): each case's timeline steps have the
    case's own dates and amounts, and every letter it sent is a sent-letter fact that opens."""
    from inburgering.handhaving.models import Handhavingszaak, ZaakStatus
    from inburgering.handhaving.services import kenmerk_beschikking, kenmerk_voornemen

    assert "Geweigerd" not in demo
    zaken = list(Handhavingszaak.objects.select_related("dossier__gemeente").order_by("pk"))
    # The states of the procedure up to collection are in this subset (paid and remitted come
    # after them in demo/handhaving.TOESTANDEN and need more eligible dossiers per gemeente).
    statussen = {z.status for z in zaken}
    assert set(ZaakStatus.values) - {ZaakStatus.BETAALD, ZaakStatus.KWIJTGESCHOLDEN} <= statussen
    client_voor = _clients()
    for zaak in zaken:
        dossier = zaak.dossier
        stappen = [e for e in dossier.events.order_by("pk") if e.gegevens.get("zaak") == zaak.pk]
        per_soort = {e.soort: e for e in stappen}
        assert stappen[0].soort == Soort.HANDHAVING_SIGNAAL, zaak.pk
        assert stappen[0].datum == zaak.constatering, zaak.pk
        assert stappen[-1].gegevens["status"] == zaak.status, zaak.pk
        verzonden = {
            e.gegevens["kenmerk"]: e
            for e in dossier.events.filter(soort=Soort.BRIEF_VERZONDEN)
        }  # fmt: skip
        client = client_voor(dossier.gemeente)
        if dossier.doelgroep == "asielstatushouder" and zaak.voornemen_op:
            # Wi art. 27 lid 3: no fine proposed to an asielstatushouder without an assessment.
            assert zaak.beoordeeld_op and zaak.boete_passend, zaak.pk
        if zaak.beoordeeld_op:
            assert per_soort[Soort.HANDHAVING_BEOORDELING].datum == zaak.beoordeeld_op, zaak.pk
        if zaak.voornemen_op:
            stap = per_soort[Soort.HANDHAVING_VOORNEMEN]
            assert stap.datum == zaak.voornemen_op, zaak.pk
            assert stap.gegevens["bedrag_cents"] == zaak.voorgesteld_cents > 0, zaak.pk
            brief = verzonden[kenmerk_voornemen(zaak)]
            assert brief.datum == zaak.voornemen_op, zaak.pk
            assert brief.gegevens["kanaal"] == zaak.voornemen_kanaal, zaak.pk
            pdf = client.get(
                reverse("handhaving:voornemen_pdf", kwargs={"uuid": dossier.uuid, "pk": zaak.pk})
            )
            assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF"), zaak.pk
        if zaak.zienswijze_op:
            assert per_soort[Soort.HANDHAVING_ZIENSWIJZE].datum == zaak.zienswijze_op, zaak.pk
        if zaak.beschikt_op:
            stap = per_soort[Soort.HANDHAVING_BESCHIKKING]
            assert stap.datum == zaak.beschikt_op > zaak.zienswijze_tot, zaak.pk
            assert stap.gegevens["bedrag_cents"] == zaak.voorgesteld_cents, zaak.pk
            assert verzonden[kenmerk_beschikking(zaak)].datum == zaak.beschikt_op, zaak.pk
            pdf = client.get(
                reverse("handhaving:beschikking_pdf", kwargs={"uuid": dossier.uuid, "pk": zaak.pk})
            )
            assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF"), zaak.pk
        if zaak.status == ZaakStatus.GEEN_BOETE:
            assert zaak.bijstand_verlaagd and Soort.HANDHAVING_GEEN_BOETE in per_soort, zaak.pk
        if zaak.uitspraak_op:
            stap = per_soort[Soort.HANDHAVING_RECHTSMIDDEL]
            assert stap.datum == zaak.uitspraak_op and zaak.opgelegd_cents, zaak.pk
        if zaak.overgedragen_op:
            assert per_soort[Soort.HANDHAVING_INVORDERING].datum == zaak.overgedragen_op, zaak.pk
        if zaak.afgedaan_op:
            assert per_soort[Soort.HANDHAVING_AFGEDAAN].datum == zaak.afgedaan_op, zaak.pk
    # The art. 22 fines the summons flow proposes (demo/naspelen.py, when the subset draws one):
    # amount in the fact and the letter behind it.
    for e in DossierEvent.objects.filter(soort=Soort.BOETE_VOORGESTELD):
        assert e.gegevens["artikel"] == "22" and e.gegevens["bedrag_cents"] > 0, e.dossier_id
        assert e.dossier.brieven.filter(soort="boetevoornemen").exists(), e.dossier_id
