"""A Wi2013 dossier (old law, Wi 2021 art. 54 lid 1): no brede intake, LBT, summons or PIP, and
an intake recorded before the rule is complete without an LBT; the refusals speak the reader's
language (issue 14)."""

import datetime as dt

import pytest
from django.utils import translation

from inburgering.dossiers.models import Regime
from inburgering.dossiers.toestand import OngeldigeGebeurtenis
from inburgering.intake import brede_intake as bi
from inburgering.intake import oproepen
from inburgering.intake.models import BredeIntake
from inburgering.pip import services as pip
from inburgering.pip.models import PipVersie
from tests.conftest import maak_dossier

pytestmark = pytest.mark.django_db
D = dt.date.today
NL = (
    "Op deze inburgeringsplichtige blijft de oude Wet inburgering (2013) van toepassing: de "
    "gemeente neemt geen brede intake of leerbaarheidstoets af en stelt geen PIP vast."
)
EN = (
    "The old Civic Integration Act (2013) continues to apply to this person: the municipality "
    "holds no broad intake or learnability test and sets no PIP."
)


@pytest.fixture
def oud(gemeente_a, consulent_a):
    return maak_dossier(
        gemeente_a,
        consulent=consulent_a,
        actor=consulent_a,
        regime=Regime.WI2013,
        kennisgeving=dt.date(2021, 6, 1),
    )


def _gesprek(dossier, actor):
    return bi.voeg_gesprek_toe(dossier, actor=actor, datum=D(), vorm="persoonlijk")


def test_no_intake_lbt_summons_or_pip_for_a_wi2013_dossier(oud, consulent_a):
    with pytest.raises(OngeldigeGebeurtenis) as fout:
        _gesprek(oud, consulent_a)
    assert str(fout.value) == NL
    with pytest.raises(OngeldigeGebeurtenis):
        bi.registreer_lbt(oud, actor=consulent_a, datum=D(), score=30)
    with pytest.raises(OngeldigeGebeurtenis):
        oproepen.stuur_oproep(
            oud,
            kanaal="post",
            periode_van=D(),
            periode_tot=D() + dt.timedelta(days=28),
            datum=D(),
            actor=consulent_a,
        )
    with pytest.raises(OngeldigeGebeurtenis):
        pip.stel_op(oud, actor=consulent_a)
    oud.refresh_from_db()
    soorten = set(oud.events.values_list("soort", flat=True))
    assert soorten == {"signaal_ontvangen", "doelgroep_vastgesteld", "consulent_toegewezen"}
    assert not BredeIntake.objects.filter(dossier=oud).exists() and not oud.lbt.exists()
    # No PIP, so no PIP deadline either (Besluit 5.3 is Wi 2021 law).
    assert oud.pip_deadline is None


def test_a_wi2021_dossier_gets_its_intake_and_deadline(dossier_a, consulent_a):
    _gesprek(dossier_a, consulent_a)
    assert bi.intake_van(dossier_a) is not None
    dossier_a.refresh_from_db()
    assert dossier_a.pip_deadline is not None


def _vul(intake, actor):
    for onderwerp in bi.onderwerpen(intake):
        bi.bewaar_verslag(intake, onderwerp.sleutel, "Besproken.", gezien_versie=0, actor=actor)
    intake.gewezen_op_recht_alleen = D()
    intake.save()


def test_an_earlier_intake_of_a_wi2013_dossier_is_complete_without_an_lbt(
    oud, dossier_a, consulent_a
):
    # An intake recorded for an old-law dossier before the rule (older data): the record only,
    # as the rule now refuses the conversation that would start one.
    intake_oud = BredeIntake.objects.create(dossier=oud)
    _vul(intake_oud, consulent_a)
    assert bi.volledigheid(intake_oud).waarde == ()
    # The same intake of a Wi2021 dossier still lacks the LBT.
    _gesprek(dossier_a, consulent_a)
    intake_nieuw = bi.intake_van(dossier_a)
    _vul(intake_nieuw, consulent_a)
    assert bi.volledigheid(intake_nieuw).waarde == (
        "de leerbaarheidstoets (of ontheffing daarvan)",
    )
    with pytest.raises(OngeldigeGebeurtenis):
        bi.rond_af(intake_nieuw, datum=D(), actor=consulent_a)


def test_a_rule_sentence_in_a_service_error_is_english_in_the_english_interface(oud, consulent_a):
    with pytest.raises(OngeldigeGebeurtenis) as fout:
        pip.stel_op(oud, actor=consulent_a)
    # Shown while the reader's language is English: the rule's sentence through the phrase table.
    with translation.override("en"):
        assert str(fout.value) == EN
    with translation.override("nl"):
        assert str(fout.value) == NL


def test_the_pip_tab_shows_the_refusal_in_the_readers_language(client, oud, consulent_a):
    """A view shows the service's error as it gets it: the rule's sentence follows the UI."""
    from django.urls import reverse

    client.force_login(consulent_a)
    url = reverse("pip:pip", kwargs={"uuid": oud.uuid})
    nederlands = client.post(url, {"actie": "opstellen"}).content.decode()
    assert NL in nederlands
    client.cookies["django_language"] = "en"
    engels = client.post(url, {"actie": "opstellen"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert EN in engels and NL not in engels
    assert not PipVersie.objects.filter(pip__dossier=oud).exists()


def test_the_intake_and_pip_tabs_explain_the_old_law_instead_of_offering_the_steps(
    client, oud, consulent_a
):
    from django.urls import reverse

    client.force_login(consulent_a)
    intake = client.get(reverse("intake:brede_intake", kwargs={"uuid": oud.uuid}))
    pip_tab = client.get(reverse("pip:pip", kwargs={"uuid": oud.uuid}))
    for antwoord in (intake, pip_tab):
        inhoud = antwoord.content.decode()
        assert antwoord.status_code == 200 and NL in inhoud
        assert "Wet inburgering 2021, art. 54 lid 1" in inhoud
    assert 'value="gesprek"' not in intake.content.decode()
    assert 'value="opstellen"' not in pip_tab.content.decode()
