"""Retention and erasure (Besluit inburgering 2021 art. 9.9): what is due when, what the purge
removes and keeps, that the monitoring of past years does not change, and that it is
recorded, idempotent and refused to everyone else."""

import dataclasses
import datetime as dt
import io
import logging
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict
from django.utils import timezone

from inburgering.accounts.models import Gemeente, Inzagelog
from inburgering.accounts.toegang import log_inzage
from inburgering.dossiers import bewaren
from inburgering.dossiers.models import (
    Dossier,
    DossierEvent,
    Gezinsrelatie,
    Inburgeraar,
    Opschoonrun,
    Verwijdering,
)
from inburgering.dossiers.services import Nieuw, herbereken, registreer, registreer_reeks
from inburgering.dossiers.workflow import Afsluitreden, Soort
from inburgering.intake.models import BredeIntake, Brief, Gezondheid, Verslag
from inburgering.koppelingen.models import InkomendBericht
from inburgering.monitoring import extractie as ex
from inburgering.monitoring.models import MijlpalenProjectie
from inburgering.monitoring.tabellen import tabellen
from inburgering.wet import Gegevenscategorie
from tests.conftest import maak_dossier

pytestmark = pytest.mark.django_db

GESLOTEN = dt.date(2020, 3, 10)
VIJF_JAAR = dt.date(2025, 3, 10)  # wet.bewaartermijn: 5 years after GESLOTEN
VIJFTIG_JAAR = dt.date(2070, 3, 10)


def gesloten_dossier(gemeente, *, reden=Afsluitreden.VOLDAAN, gesloten=GESLOTEN, **persoon):
    """A dossier with personal data in every place the purge must reach, closed on `gesloten`."""
    start = gesloten - dt.timedelta(days=900)
    dossier = maak_dossier(
        gemeente,
        kennisgeving=start,
        telefoon="0612345678",
        email="amal@example.org",
        v_nummer="1234567890",
        post_straat="Dorpsstraat 1",
        post_postcode="1234 AB",
        post_plaats="Utrecht",
        **persoon,
    )
    dag = lambda n: start + dt.timedelta(days=n)  # noqa: E731
    registreer_reeks(
        dossier,
        [
            Nieuw(Soort.CONTACT, dag(5), {"kanaal": "telefoon"}, "Zus Fatima belde, wil tolk."),
            Nieuw(Soort.INTAKE_GESTART, dag(20)),
            Nieuw(Soort.LBT_AFGENOMEN, dag(25), {"score": 24}),
            Nieuw(Soort.INTAKE_AFGEROND, dag(40), {}, "Klachten na verblijf in AZC."),
            Nieuw(Soort.PIP_VASTGESTELD, dag(50), {"leerroute": "b1"}),
            Nieuw(Soort.AANGEMELD_LEERROUTE, dag(55), {"cursusinstelling": "Taalschool X"}),
            Nieuw(Soort.LEERROUTE_GESTART, dag(60)),
            Nieuw(Soort.NOTITIE, dag(70), {"onderwerp": "gezondheid"}, "Opname in ziekenhuis."),
            Nieuw(
                Soort.DOSSIER_AFGESLOTEN,
                gesloten,
                {"reden": reden, "vrijstellingen": [{"bsn": dossier.inburgeraar.bsn}]},
                "Laatste gesprek met partner.",
            ),
        ],
    )
    persoon_ = dossier.inburgeraar
    Gezinsrelatie.objects.create(inburgeraar=persoon_, soort="partner", naam="Omar Haddad")
    intake = BredeIntake.objects.create(dossier=dossier)
    Gezondheid.objects.create(intake=intake, tekst="PTSS, in behandeling.")
    Verslag.objects.create(intake=intake, onderwerp="werk", tekst="Was tandarts in Syrië.")
    Brief.objects.create(
        dossier=dossier, soort="uitnodiging", kanaal="post", onderwerp="Uitnodiging", tekst="Beste"
    )
    InkomendBericht.objects.create(
        bericht_id=uuid.uuid4(),
        bron_oin="0" * 20,
        doel_oin="1" * 20,
        gebeurtenis_id="SS101",
        registratie_datumtijd=timezone.now(),
        bsn=persoon_.bsn,
        v_nummer=1234567890,
        inhoud={"bsn": persoon_.bsn, "naam": "Amal"},
        gemeente=gemeente,
        dossier=dossier,
    )
    dossier.refresh_from_db()
    return dossier


def momentopname(dossier) -> dict:
    """Everything the purge may touch of one dossier, to compare before and after."""
    dossier.refresh_from_db()
    persoon = Inburgeraar.objects.get(pk=dossier.inburgeraar_id)
    return {
        "dossier": model_to_dict(dossier),
        "persoon": model_to_dict(persoon),
        "gezin": list(Gezinsrelatie.objects.filter(inburgeraar=persoon).values()),
        "events": list(dossier.events.order_by("id").values()),
        "brieven": list(Brief.objects.filter(dossier=dossier).values()),
        "gezondheid": list(Gezondheid.objects.filter(intake__dossier=dossier).values()),
        "verslagen": list(Verslag.objects.filter(intake__dossier=dossier).values()),
        "berichten": list(InkomendBericht.objects.filter(dossier=dossier).values()),
    }


def ids(plan) -> set[int]:
    return {item.dossier_id for item in plan}


def test_due_from_the_day_the_rule_gives_not_the_day_before(gemeente_a):
    dossier = gesloten_dossier(gemeente_a)
    assert bewaren.te_verwijderen(VIJF_JAAR - dt.timedelta(days=1)) == []
    for dag in (VIJF_JAAR, VIJF_JAAR + dt.timedelta(days=1)):
        (item,) = bewaren.te_verwijderen(dag)
        assert item.dossier_id == dossier.pk
        (termijn,) = item.termijnen
        assert termijn.categorie is Gegevenscategorie.DOSSIER
        assert termijn.verwijderen_uiterlijk == VIJF_JAAR
        assert "BWBR0045555 art. 9.9 lid 1" in termijn.grondslag
        assert "10-03-2025, 5 jaar na het einde" in termijn.uitleg
    (item,) = bewaren.te_verwijderen(VIJFTIG_JAAR)
    assert [t.categorie for t in item.termijnen] == list(bewaren.CATEGORIEEN)
    assert bewaren.te_verwijderen(VIJFTIG_JAAR - dt.timedelta(days=1))[0].termijnen[
        0
    ].categorie == (Gegevenscategorie.DOSSIER)


def test_open_moved_and_temporarily_exempted_dossiers_are_not_due(gemeente_a, gemeente_b):
    maak_dossier(gemeente_a, kennisgeving=dt.date(2019, 1, 1))
    tijdelijk = gesloten_dossier(gemeente_a, reden=Afsluitreden.TIJDELIJKE_VRIJSTELLING)
    verhuisd = gesloten_dossier(gemeente_a, reden=Afsluitreden.VERHUISD)
    ver = dt.date(2100, 1, 1)
    assert ids(bewaren.te_verwijderen(ver)) == set()

    # The plicht of the person who moved ends in the new gemeente: from then on both go.
    later = Dossier.objects.create(
        inburgeraar=verhuisd.inburgeraar,
        gemeente=gemeente_b,
        regime="wi2021",
        doelgroep=verhuisd.doelgroep,
    )
    registreer_reeks(
        later,
        [
            Nieuw(Soort.VESTIGING_NA_VERHUIZING, GESLOTEN),
            Nieuw(Soort.DOSSIER_AFGESLOTEN, dt.date(2021, 6, 1), {"reden": "voldaan"}),
        ],
    )
    plan = bewaren.te_verwijderen(dt.date(2026, 6, 1))
    assert ids(plan) == {verhuisd.pk, later.pk}
    assert all(item.persoon == {Gegevenscategorie.DOSSIER} for item in plan)
    assert ids(bewaren.te_verwijderen(dt.date(2026, 5, 31))) == set()
    assert tijdelijk.pk not in ids(bewaren.te_verwijderen(ver))


def test_death_removes_everything_at_once(gemeente_a):
    dossier = gesloten_dossier(gemeente_a, reden=Afsluitreden.OVERLEDEN)
    (item,) = bewaren.te_verwijderen(GESLOTEN)
    assert [t.categorie for t in item.termijnen] == list(bewaren.CATEGORIEEN)
    assert {t.grondslag for t in item.termijnen} == {"BWBR0045555 art. 9.9 lid 1 onder b"}
    assert "overleden" in item.termijnen[0].uitleg
    bewaren.opschonen(GESLOTEN)
    persoon = Inburgeraar.objects.get(pk=dossier.inburgeraar_id)
    assert (persoon.voornamen, persoon.geslachtsnaam, persoon.post_straat) == ("", "", "")
    assert persoon.bsn == bewaren.vervangend_bsn(persoon.pk)
    assert not persoon.bsn.isdigit()
    # The statistical remainder: sex and date of birth for the tables by sex and age group.
    assert (persoon.geslacht, persoon.geboortedatum) == ("V", dt.date(1990, 5, 17))
    afsluiting = dossier.events.get(soort=Soort.DOSSIER_AFGESLOTEN)
    assert afsluiting.gegevens == {"reden": "overleden"}


def test_purge_removes_personal_data_and_keeps_what_the_law_and_monitoring_need(
    gemeente_a, gemeente_b, consulent_a
):
    weg = gesloten_dossier(gemeente_a)
    blijft = [
        gesloten_dossier(gemeente_a, gesloten=dt.date(2022, 1, 10)),
        gesloten_dossier(gemeente_b),  # due, but outside the --gemeente selection below
        maak_dossier(gemeente_a, kennisgeving=dt.date(2019, 1, 1), telefoon="0611111111"),
    ]
    voor = {d.pk: momentopname(d) for d in [weg, *blijft]}
    projectie_voor = list(MijlpalenProjectie.objects.order_by("dossier").values())

    run, plan, _ = bewaren.opschonen(dt.date(2026, 1, 1), gemeente_a.cbs_code)

    assert ids(plan) == {weg.pk}
    for dossier in blijft:
        assert momentopname(dossier) == voor[dossier.pk]
    na = momentopname(weg)
    persoon = na["persoon"]
    # Removed: contact data, V-nummer, languages, family, free texts, DUO's copies.
    assert (persoon["telefoon"], persoon["email"], persoon["v_nummer"], persoon["talen"]) == (
        "",
        "",
        "",
        [],
    )
    assert na["gezin"] == []
    assert all(e["toelichting"] == "" for e in na["events"])
    assert [g["tekst"] for g in na["gezondheid"]] == [""]
    assert [v["tekst"] for v in na["verslagen"]] == [""]
    assert [(b["onderwerp"], b["tekst"]) for b in na["brieven"]] == [("", "")]
    assert [(b["bsn"], b["v_nummer"], b["inhoud"]) for b in na["berichten"]] == [("", None, {})]
    # Kept (lid 2): BSN, name, address, date of birth, how and when the plicht ended.
    oud = voor[weg.pk]["persoon"]
    for veld in ("bsn", "voornamen", "geslachtsnaam", "post_straat", "post_plaats"):
        assert persoon[veld] == oud[veld]
    gegevens = {e["soort"]: e["gegevens"] for e in na["events"]}
    assert gegevens[Soort.DOSSIER_AFGESLOTEN]["reden"] == "voldaan"
    assert "vrijstellingen" in gegevens[Soort.DOSSIER_AFGESLOTEN]
    assert gegevens[Soort.CONTACT] == {}
    assert gegevens[Soort.NOTITIE] == {}
    assert gegevens[Soort.LBT_AFGENOMEN] == {"score": 24}
    assert gegevens[Soort.AANGEMELD_LEERROUTE] == {"cursusinstelling": "Taalschool X"}
    # Events keep their type and dates; nothing was deleted.
    velden = ["id", "soort", "datum", "geregistreerd_op", "bron", "actor_id", "corrigeert_id"]
    assert [[e[v] for v in velden] for e in na["events"]] == [
        [e[v] for v in velden] for e in voor[weg.pk]["events"]
    ]
    # The projections: unchanged, and rebuilt from the purged log they come out the same.
    assert list(MijlpalenProjectie.objects.order_by("dossier").values()) == projectie_voor
    herbereken(Dossier.objects.get(pk=weg.pk))
    assert momentopname(weg)["dossier"] == voor[weg.pk]["dossier"]
    assert list(MijlpalenProjectie.objects.order_by("dossier").values()) == projectie_voor

    (verwijdering,) = Verwijdering.objects.all()
    assert (verwijdering.run, verwijdering.dossier_id, verwijdering.categorie) == (
        run,
        weg.pk,
        "dossier",
    )
    assert verwijdering.verwijderen_uiterlijk == VIJF_JAAR
    assert verwijdering.verwijderd["gebeurtenissen"]["gebeurtenissen"] == 4
    assert verwijdering.verwijderd["gezinsleden"] == 1
    assert run.aantallen["dossiers"] == 1 and run.afgerond_op is not None


def test_dry_run_changes_nothing_and_a_second_purge_nothing_more(gemeente_a):
    dossier = gesloten_dossier(gemeente_a, reden=Afsluitreden.OVERLEDEN)
    voor = momentopname(dossier)
    run, plan, _ = bewaren.proefdraaien(dt.date(2026, 1, 1))
    assert run.proefdraai and ids(plan) == {dossier.pk}
    assert momentopname(dossier) == voor
    assert not Verwijdering.objects.exists()

    bewaren.opschonen(dt.date(2026, 1, 1))
    na = momentopname(dossier)
    assert Verwijdering.objects.count() == 2
    run, plan, _ = bewaren.opschonen(dt.date(2026, 1, 2))
    assert plan == [] and run.aantallen["dossiers"] == 0
    assert momentopname(dossier) == na
    assert Verwijdering.objects.count() == 2
    assert bewaren.te_verwijderen(dt.date(2200, 1, 1)) == []


def test_a_person_keeps_data_until_every_dossier_is_due(gemeente_a, gemeente_b):
    eerste = gesloten_dossier(gemeente_a, gesloten=dt.date(2019, 6, 1))
    tweede = Dossier.objects.create(
        inburgeraar=eerste.inburgeraar,
        gemeente=gemeente_b,
        regime="wi2021",
        doelgroep="asielstatushouder",
    )
    registreer_reeks(tweede, [Nieuw(Soort.SIGNAAL_ONTVANGEN, dt.date(2021, 1, 1))])
    bewaren.opschonen(dt.date(2025, 1, 1))
    assert Verwijdering.objects.filter(dossier=eerste).exists()
    persoon = Inburgeraar.objects.get(pk=eerste.inburgeraar_id)
    assert persoon.telefoon == "0612345678"  # the second dossier still runs
    assert Gezinsrelatie.objects.filter(inburgeraar=persoon).exists()

    registreer(tweede, Soort.DOSSIER_AFGESLOTEN, dt.date(2021, 3, 1), gegevens={"reden": "voldaan"})
    _, plan, _ = bewaren.opschonen(dt.date(2026, 3, 1))
    assert ids(plan) == {tweede.pk}
    persoon.refresh_from_db()
    assert persoon.telefoon == ""
    assert not Gezinsrelatie.objects.filter(inburgeraar=persoon).exists()


def test_access_log_rows_go_after_their_policy_period(settings, dossier_a, consulent_a):
    settings.INZAGELOG_BEWAARTERMIJN_MAANDEN = 60
    log_inzage(consulent_a, [dossier_a.pk], "dossier")
    vandaag = timezone.localdate()
    grens = bewaren.inzagelog_grens(vandaag + dt.timedelta(days=5 * 365 + 2))
    assert grens > timezone.now()
    assert bewaren.verwijder_inzagelog(vandaag) == 0
    assert Inzagelog.objects.count() == 1
    assert bewaren.verwijder_inzagelog(vandaag + dt.timedelta(days=5 * 365 + 2)) == 1
    assert not Inzagelog.objects.exists()


def test_command_dry_run_lists_with_the_rules_explanation_and_logs_without_bsn(gemeente_a, caplog):
    dossier = gesloten_dossier(gemeente_a)
    uit = io.StringIO()
    with caplog.at_level(logging.INFO, logger="inburgering.dossiers.bewaren"):
        call_command("opschonen", "--dry-run", "--gemeente", gemeente_a.cbs_code, stdout=uit)
    tekst = uit.getvalue()
    assert str(dossier.uuid) in tekst
    assert "5 jaar na het einde van de inburgeringsplicht" in tekst
    assert "BWBR0045555 art. 9.9 lid 1" in tekst
    assert dossier.inburgeraar.bsn not in tekst
    (regel,) = [r.getMessage() for r in caplog.records if "opschonen:" in r.getMessage()]
    assert "proefdraai" in regel and "dossiers=1" in regel
    assert dossier.inburgeraar.bsn not in regel
    assert Opschoonrun.objects.get().proefdraai
    assert momentopname(dossier)["persoon"]["telefoon"] == "0612345678"


def test_command_purges_and_refuses_a_future_peildatum(gemeente_a):
    dossier = gesloten_dossier(gemeente_a)
    with pytest.raises(CommandError):
        call_command("opschonen", "--peildatum", "2999-01-01", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("opschonen", "--gemeente", "9999", stdout=io.StringIO())
    uit = io.StringIO()
    call_command("opschonen", stdout=uit)
    assert "1 dossiers" in uit.getvalue()
    assert Verwijdering.objects.get().dossier_id == dossier.pk
    assert not Opschoonrun.objects.get().proefdraai


def test_the_purge_never_needs_to_delete_a_dossier_and_nobody_can(gemeente_a):
    from django.db.models import ProtectedError

    dossier = gesloten_dossier(gemeente_a)
    bewaren.opschonen(dt.date(2100, 1, 1))
    assert Dossier.objects.filter(pk=dossier.pk).exists()
    with pytest.raises(ProtectedError):
        Dossier.objects.filter(pk=dossier.pk).delete()
    assert DossierEvent.objects.filter(dossier=dossier).count() == 2 + 9


def test_monitoring_of_past_peildata_is_unchanged_by_the_purge():
    """The demo profile, every table, for several peildata, before and after a purge that
    removes everything the law allows (a peildatum far ahead)."""
    call_command("demo_data", "--profiel", "demo", "--dossiers", "120", stdout=io.StringIO())
    gemeenten = tuple(Gemeente.objects.values_list("pk", flat=True))
    vandaag = timezone.localdate()
    selecties = [
        ex.Selectie(gemeenten, vandaag),
        ex.Selectie(gemeenten, vandaag, bekend_op=timezone.now()),
        ex.Selectie(gemeenten, vandaag - dt.timedelta(days=365)),
        ex.Selectie(gemeenten, dt.date(vandaag.year - 1, 12, 31)),
    ]

    def cijfers():
        return [[(t.sleutel, t.rijen) for t in tabellen(sel)] for sel in selecties]

    voor = cijfers()
    projectie_voor = list(MijlpalenProjectie.objects.order_by("dossier").values())
    _, plan, _ = bewaren.opschonen(dt.date(vandaag.year + 60, 1, 1))
    # The closed Wi 2021 dossiers of the load (about 10% of 120; the old-law ones, with their
    # own timeline since issue 14, are left to the old law's retention).
    assert len(plan) >= 8
    assert Verwijdering.objects.filter(categorie="kerngegevens").count() >= len(plan)
    assert (
        not DossierEvent.objects.exclude(toelichting="")
        .filter(dossier__in=[i.dossier_id for i in plan])
        .exists()
    )
    assert cijfers() == voor
    assert list(MijlpalenProjectie.objects.order_by("dossier").values()) == projectie_voor
    call_command("herbereken_dossiers", stdout=io.StringIO())
    assert list(MijlpalenProjectie.objects.order_by("dossier").values()) == projectie_voor
    sel = dataclasses.replace(selecties[0], bekend_op=timezone.now())
    assert cijfers()[0] == [(t.sleutel, t.rijen) for t in tabellen(sel)]


def test_a_purged_dossier_still_opens_without_the_removed_data(client, gemeente_a, teamleider_a):
    from django.urls import reverse

    dossier = gesloten_dossier(gemeente_a, reden=Afsluitreden.OVERLEDEN)
    bewaren.opschonen(GESLOTEN)
    client.force_login(teamleider_a)
    antwoord = client.get(reverse("dossiers:dossier", args=[dossier.uuid]))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    for weg in ("Haddad", "Zus Fatima", "Dorpsstraat", "0612345678"):
        assert weg not in html
