"""Changing contact data, languages and post address after creation (issue 14 item 5)."""

import pytest
from django.urls import reverse
from django.utils import translation

from inburgering.accounts.models import Inzagelog
from inburgering.dossiers.models import DossierEvent, Inburgeraar
from inburgering.dossiers.persoonsgegevens import wijzig_persoonsgegevens
from inburgering.dossiers.workflow import Soort
from tests.conftest import maak_dossier

pytestmark = pytest.mark.django_db

LEEG = {
    "telefoon": "",
    "email": "",
    "whatsapp": "",
    "voorkeurstaal": "",
    "post_straat": "",
    "post_postcode": "",
    "post_plaats": "",
}


@pytest.fixture
def ingelogd(client, consulent_a):
    client.force_login(consulent_a)
    return client


def _url(dossier):
    return reverse("dossiers:persoonsgegevens", kwargs={"uuid": dossier.uuid})


def test_form_shows_current_values_with_language_names(ingelogd, dossier_a):
    html = ingelogd.get(_url(dossier_a)).content.decode()
    assert '<option value="ar" selected>Arabisch</option>' in html
    assert '<option value="ti">Tigrinya</option>' in html
    # A language outside the short list comes from ISO 639 with its Dutch name.
    assert '<option value="sw">Swahili</option>' in html
    assert Inzagelog.objects.filter(dossier_id=dossier_a.pk, doel="persoonsgegevens").exists()


def test_change_is_saved_and_shown_with_old_and_new_value(ingelogd, dossier_a, consulent_a):
    antwoord = ingelogd.post(
        _url(dossier_a),
        {
            **LEEG,
            "telefoon": "06 12345678",
            "email": "amal@example.org",
            "talen": ["ar", "ti"],
            "voorkeurstaal": "ti",
            "tolk_nodig": "on",
            "post_straat": "Kerkstraat 1",
            "post_postcode": "3511ab",
            "post_plaats": "Utrecht",
        },
    )
    assert antwoord.status_code == 302
    persoon = Inburgeraar.objects.get(pk=dossier_a.inburgeraar_id)
    assert persoon.telefoon == "06 12345678"
    assert set(persoon.talen) == {"ar", "ti"} and persoon.voorkeurstaal == "ti"
    assert persoon.tolk_nodig is True
    assert persoon.post_postcode == "3511 AB"
    event = DossierEvent.objects.get(dossier=dossier_a, soort=Soort.PERSOONSGEGEVENS_GEWIJZIGD)
    assert event.actor == consulent_a
    velden = {w["veld"]: (w["oud"], w["nieuw"]) for w in event.gegevens["wijzigingen"]}
    assert velden["voorkeurstaal"] == ("ar", "ti")
    assert velden["tolk_nodig"] == (False, True)
    assert "whatsapp" not in velden  # unchanged fields are not listed
    pagina = ingelogd.get(reverse("dossiers:dossier", kwargs={"uuid": dossier_a.uuid}))
    html = pagina.content.decode()
    assert "Persoonsgegevens gewijzigd" in html
    assert "voorkeurstaal: Arabisch → Tigrinya" in html
    assert "telefoon: — → 06 12345678" in html
    assert "tolk nodig: nee → ja" in html
    assert "Arabisch, Tigrinya (voorkeur: Tigrinya)" in html


def test_timeline_words_follow_the_language(dossier_a, consulent_a):
    event = wijzig_persoonsgegevens(
        dossier_a, {"voorkeurstaal": "ti", "talen": ["ar", "ti"]}, actor=consulent_a
    )
    from inburgering.dossiers.gebeurtenissen import beschrijf

    with translation.override("en"):
        tekst = beschrijf(event.soort, event.gegevens)
    assert "preferred language: Arabic → Tigrinya" in tekst


def test_nothing_changed_records_nothing(ingelogd, dossier_a):
    persoon = dossier_a.inburgeraar
    antwoord = ingelogd.post(
        _url(dossier_a), {**LEEG, "talen": persoon.talen, "voorkeurstaal": persoon.voorkeurstaal}
    )
    assert antwoord.status_code == 302
    assert not DossierEvent.objects.filter(soort=Soort.PERSOONSGEGEVENS_GEWIJZIGD).exists()


@pytest.mark.parametrize(
    ("velden", "veld", "melding"),
    [
        ({"telefoon": "bel me"}, "telefoon", "Vul een telefoonnummer in"),
        ({"whatsapp": "12"}, "whatsapp", "Vul een telefoonnummer in"),
        ({"email": "geen-adres"}, "email", "Voer een geldig e-mailadres in"),
        ({"post_postcode": "12345"}, "post_postcode", "Vul een Nederlandse postcode in"),
        ({"post_straat": "Kerkstraat 1"}, "post_plaats", "Vul het hele postadres in"),
        ({"telefoon": "06\n1234567"}, "telefoon", "ongeldig teken"),
        ({"voorkeurstaal": "xx"}, "voorkeurstaal", "geen beschikbare keuze"),
    ],
)
def test_bad_input_is_refused_at_its_field_and_nothing_saved(
    ingelogd, dossier_a, velden, veld, melding
):
    antwoord = ingelogd.post(_url(dossier_a), {**LEEG, "talen": ["ar"], **velden})
    assert antwoord.status_code == 400
    form = antwoord.context["form"]
    assert melding in " ".join(form.errors[veld])
    assert not DossierEvent.objects.filter(soort=Soort.PERSOONSGEGEVENS_GEWIJZIGD).exists()
    assert Inburgeraar.objects.get(pk=dossier_a.inburgeraar_id).telefoon == ""


def test_creation_uses_the_same_phone_check(ingelogd, gemeente_a):
    antwoord = ingelogd.post(reverse("dossiers:nieuw"), {"telefoon": "bel me"})
    assert "Vul een telefoonnummer in" in " ".join(antwoord.context["form"].errors["telefoon"])


def test_other_gemeente_gets_404_and_changes_only_its_own_record(
    client, consulent_b, gemeente_a, gemeente_b, consulent_a
):
    hier = maak_dossier(gemeente_a, consulent=consulent_a)
    # The same person known in gemeente B is another record (ADR 0002).
    daar = maak_dossier(gemeente_b, consulent=consulent_b, bsn=hier.inburgeraar.bsn)
    client.force_login(consulent_b)
    assert client.get(_url(hier)).status_code == 404
    antwoord = client.post(_url(daar), {**LEEG, "talen": ["ar"], "telefoon": "0612345678"})
    assert antwoord.status_code == 302
    assert Inburgeraar.objects.get(pk=daar.inburgeraar_id).telefoon == "0612345678"
    assert Inburgeraar.objects.get(pk=hier.inburgeraar_id).telefoon == ""
    assert not DossierEvent.objects.filter(
        dossier=hier, soort=Soort.PERSOONSGEGEVENS_GEWIJZIGD
    ).exists()


def test_consulent_choices_show_names_not_login_names(ingelogd, consulent_a):
    consulent_a.first_name, consulent_a.last_name = "Anna", "de Vries"
    consulent_a.save()
    html = ingelogd.get(reverse("dossiers:nieuw")).content.decode()
    assert ">Anna de Vries</option>" in html
    assert ">anna_consulent</option>" not in html
