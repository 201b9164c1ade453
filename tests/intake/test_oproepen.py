"""The summons flow for the brede intake, through the service and through the page."""

import datetime as dt

import pytest
from django.urls import reverse

from inburgering.dossiers.models import DossierEvent
from inburgering.dossiers.toestand import OngeldigeGebeurtenis
from inburgering.dossiers.workflow import Fase, Soort
from inburgering.intake import oproepen
from inburgering.intake.models import Brief, BriefSjabloon, Briefsoort
from inburgering.wet import IndividueleBeoordeling
from tests.conftest import maak_dossier

pytestmark = pytest.mark.django_db
D = dt.date.today
VROEG = D() - dt.timedelta(days=120)


def _oproep(dossier, actor, dagen_geleden=30, duur=14):
    verzonden = D() - dt.timedelta(days=dagen_geleden)
    return oproepen.stuur_oproep(
        dossier,
        kanaal="post",
        periode_van=verzonden,
        datum=verzonden,
        periode_tot=verzonden + dt.timedelta(days=duur),
        actor=actor,
    )


def _twee_keer_niet_gekomen(dossier, actor):
    """Two summonses, both missed: the flow now calls for the art. 22 fine."""
    for dagen in (60, 40):
        _oproep(dossier, actor, dagen, duur=5)
        oproepen.registreer_niet_gevolgd(
            dossier, datum=D() - dt.timedelta(days=dagen - 10), reden="niet_verschenen", actor=actor
        )


def _beoordeling(passend=True):
    return IndividueleBeoordeling(D(), "Anna Test", "Geen bijzondere omstandigheden.", passend)


def test_full_path_warning_fine_third_summons_then_intake_without_person(gemeente_a, consulent_a):
    dossier = maak_dossier(
        gemeente_a, consulent=consulent_a, kennisgeving=D() - dt.timedelta(days=120)
    )
    eerste = _oproep(dossier, consulent_a, 100)
    assert eerste.soort == Briefsoort.UITNODIGING_INTAKE
    assert dossier.inburgeraar.naam in eerste.tekst and "€ 250" in eerste.tekst

    vervolg = oproepen.registreer_niet_gevolgd(
        dossier, datum=D() - dt.timedelta(days=80), reden="niet_verschenen", actor=consulent_a
    )
    assert vervolg.waarde.schriftelijke_waarschuwing and not vervolg.waarde.boete_art22
    tweede = _oproep(dossier, consulent_a, 70)
    assert tweede.soort == Briefsoort.WAARSCHUWING
    assert dossier.events.filter(soort=Soort.WAARSCHUWING).count() == 1

    vervolg = oproepen.registreer_niet_gevolgd(
        dossier, datum=D() - dt.timedelta(days=50), reden="niet_meegewerkt", actor=consulent_a
    )
    assert vervolg.waarde.boete_art22 and vervolg.waarde.nieuwe_termijn_max_maanden == 2
    boete = oproepen.stel_boete_voor(
        dossier, datum=D() - dt.timedelta(days=45), actor=consulent_a, beoordeling=_beoordeling()
    )
    assert boete.waarde.bedrag_cents == 25_000
    derde = _oproep(dossier, consulent_a, 40)
    assert derde.soort == Briefsoort.BOETEVOORNEMEN and "€ 250" in derde.tekst

    vervolg = oproepen.registreer_niet_gevolgd(
        dossier, datum=D() - dt.timedelta(days=10), reden="niet_verschenen", actor=consulent_a
    )
    assert vervolg.waarde.voltooien_zonder_persoon
    oproepen.stel_boete_voor(dossier, datum=D(), actor=consulent_a, beoordeling=_beoordeling())
    oproepen.voltooi_zonder_persoon(dossier, datum=D(), kanaal="post", actor=consulent_a)
    dossier.refresh_from_db()
    assert dossier.fase == Fase.PIP_IN_VOORBEREIDING
    assert Brief.objects.filter(dossier=dossier).count() == 4
    assert dossier.events.filter(soort=Soort.BOETE_VOORGESTELD).count() == 2


def test_no_fine_for_an_asylum_status_holder_without_individual_assessment(gemeente_a, consulent_a):
    dossier = maak_dossier(gemeente_a, consulent=consulent_a, kennisgeving=VROEG)
    _twee_keer_niet_gekomen(dossier, consulent_a)
    aantal = DossierEvent.objects.count()
    with pytest.raises(OngeldigeGebeurtenis, match="individuele beoordeling"):
        oproepen.stel_boete_voor(dossier, datum=D(), actor=consulent_a, beoordeling=None)
    with pytest.raises(OngeldigeGebeurtenis):
        oproepen.stel_boete_voor(
            dossier, datum=D(), actor=consulent_a, beoordeling=_beoordeling(passend=False)
        )
    assert DossierEvent.objects.count() == aantal


def test_a_family_migrant_can_be_fined_without_assessment_but_not_twice_for_one_miss(
    gemeente_a, consulent_a
):
    dossier = maak_dossier(
        gemeente_a, consulent=consulent_a, doelgroep="gezinsmigrant_overig", kennisgeving=VROEG
    )
    _twee_keer_niet_gekomen(dossier, consulent_a)
    oproepen.stel_boete_voor(dossier, datum=D(), actor=consulent_a, beoordeling=None)
    with pytest.raises(OngeldigeGebeurtenis, match="al een boete"):
        oproepen.stel_boete_voor(dossier, datum=D(), actor=consulent_a, beoordeling=None)


def test_no_fine_when_the_bijstand_was_already_reduced(gemeente_a, consulent_a):
    dossier = maak_dossier(
        gemeente_a, consulent=consulent_a, doelgroep="gezinsmigrant_overig", kennisgeving=VROEG
    )
    _twee_keer_niet_gekomen(dossier, consulent_a)
    with pytest.raises(OngeldigeGebeurtenis):
        oproepen.stel_boete_voor(
            dossier, datum=D(), actor=consulent_a, beoordeling=None, bijstand_verlaagd=True
        )


def test_the_flow_refuses_steps_out_of_order(gemeente_a, consulent_a):
    dossier = maak_dossier(gemeente_a, consulent=consulent_a, kennisgeving=VROEG)
    with pytest.raises(OngeldigeGebeurtenis, match="geen openstaande oproep"):
        oproepen.registreer_niet_gevolgd(
            dossier, datum=D(), reden="niet_verschenen", actor=consulent_a
        )
    _oproep(dossier, consulent_a)
    with pytest.raises(OngeldigeGebeurtenis, match="al een oproep"):
        _oproep(dossier, consulent_a)
    with pytest.raises(OngeldigeGebeurtenis, match="drie gemiste oproepen"):
        oproepen.voltooi_zonder_persoon(dossier, datum=D(), kanaal="post", actor=consulent_a)
    with pytest.raises(OngeldigeGebeurtenis, match="geen boete"):
        oproepen.stel_boete_voor(dossier, datum=D(), actor=consulent_a, beoordeling=None)


def test_after_a_fine_the_new_period_is_at_most_two_months(gemeente_a, consulent_a):
    dossier = maak_dossier(
        gemeente_a, consulent=consulent_a, doelgroep="gezinsmigrant_overig", kennisgeving=VROEG
    )
    _twee_keer_niet_gekomen(dossier, consulent_a)
    with pytest.raises(OngeldigeGebeurtenis, match="ten hoogste 2 maanden"):
        oproepen.stuur_oproep(
            dossier,
            kanaal="post",
            periode_van=D(),
            datum=D(),
            periode_tot=D() + dt.timedelta(days=75),
            actor=consulent_a,
        )


def test_a_gemeente_template_replaces_the_built_in_letter(gemeente_a, consulent_a):
    BriefSjabloon.objects.create(
        gemeente=gemeente_a,
        soort=Briefsoort.UITNODIGING_INTAKE,
        onderwerp="Uitnodiging van Utrecht",
        tekst="Hallo {{ naam }}, kom vóór {{ periode_tot }}.",
    )
    dossier = maak_dossier(gemeente_a, consulent=consulent_a, kennisgeving=VROEG)
    brief = _oproep(dossier, consulent_a, 10, duur=7)
    assert brief.onderwerp == "Uitnodiging van Utrecht"
    assert (
        brief.tekst
        == f"Hallo {dossier.inburgeraar.naam}, kom vóór {(D() - dt.timedelta(days=3)):%d-%m-%Y}."
    )


def test_the_summons_page_walks_the_flow_and_explains_the_next_step(
    client, gemeente_a, consulent_a
):
    dossier = maak_dossier(gemeente_a, consulent=consulent_a, kennisgeving=VROEG)
    client.force_login(consulent_a)
    url = reverse("intake:oproepen", args=[dossier.uuid])
    antwoord = client.post(
        url,
        {
            "actie": "oproep",
            "datum": D() - dt.timedelta(days=20),
            "kanaal": "post",
            "periode_van": D() - dt.timedelta(days=20),
            "periode_tot": D() - dt.timedelta(days=5),
        },
    )
    assert antwoord.status_code == 302
    antwoord = client.post(url, {"actie": "gemist", "datum": D(), "reden": "niet_verschenen"})
    html = client.get(url).content.decode()
    assert "schriftelijke waarschuwing" in html and "Wet inburgering 2021, art. 14 lid 1" in html
    fout = client.post(
        url,
        {
            "actie": "oproep",
            "datum": D(),
            "kanaal": "post",
            "periode_van": D(),
            "periode_tot": D() - dt.timedelta(days=1),
        },
    )
    assert fout.status_code == 400
    assert "De periode eindigt vóór zij begint." in fout.content.decode()
    brief = Brief.objects.get(dossier=dossier)
    assert client.get(reverse("intake:brief", args=[dossier.uuid, brief.pk])).status_code == 200


def test_another_gemeente_cannot_open_the_summons_or_letters(client, consulent_b, dossier_a):
    brief = _oproep(dossier_a, None, 10, duur=5)
    client.force_login(consulent_b)
    assert client.get(reverse("intake:oproepen", args=[dossier_a.uuid])).status_code == 404
    assert client.get(reverse("intake:brief", args=[dossier_a.uuid, brief.pk])).status_code == 404
