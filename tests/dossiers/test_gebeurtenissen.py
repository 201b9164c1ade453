"""The event-type registry: every type registered once by its app, the generic step form's
allow-list, payload checks on write, and the timeline's words per type."""

import datetime as dt

import pytest
from django.utils import translation

from inburgering.dossiers import gebeurtenissen
from inburgering.dossiers.forms import GebeurtenisForm
from inburgering.dossiers.gebeurtenissen import (
    DUBBEL,
    REGISTER,
    beschrijf,
    controleer_gegevens,
    ontbrekend,
)
from inburgering.dossiers.services import registreer
from inburgering.dossiers.toestand import OngeldigeGebeurtenis
from inburgering.dossiers.workflow import Fase, Soort, toegestane_events

S = Soort


def test_every_event_type_is_registered_exactly_once():
    assert ontbrekend() == [], "event types without a registration"
    assert DUBBEL == [], "event types registered twice"
    assert set(REGISTER) == set(Soort)


def test_every_type_belongs_to_an_installed_app():
    assert {t.app for t in REGISTER.values()} == {
        "dossiers",
        "intake",
        "pip",
        "koppelingen",
        "examens",
        "werkvoorraad",
        "traject",
        "termijn",
        "handhaving",
        "partners",
        "ontzorgen",
        "verhuizing",
        "portaal",
        "api",
    }


def test_required_keys_are_declared_fields():
    for soort, type_ in REGISTER.items():
        assert set(type_.verplicht) <= set(type_.velden), soort


def test_a_milestone_field_takes_either_the_first_or_the_last_date():
    functies = {}
    for type_ in REGISTER.values():
        for veld, functie in type_.mijlpalen:
            assert functie in ("min", "max")
            assert functies.setdefault(veld, functie) == functie, veld


def test_the_generic_step_form_offers_only_the_allow_listed_types():
    handmatig = {s for s, t in REGISTER.items() if t.handmatig}
    assert handmatig == {
        S.SIGNAAL_ONTVANGEN,
        S.COA_KOPPELING,
        S.HUISVESTING,
        S.INTAKE_GESTART,
        S.AANGEMELD_LEERROUTE,
        S.LEERROUTE_GESTART,
        S.DOSSIER_AFGESLOTEN,
        S.DOELGROEP_VASTGESTELD,
        S.NOTITIE,
    }
    for fase in [None, *Fase]:
        form = GebeurtenisForm(toegestaan=toegestane_events(fase))
        aangeboden = {waarde for waarde, _label in form.fields["soort"].choices}
        assert aangeboden <= {s.value for s in handmatig}


@pytest.mark.parametrize(
    ("soort", "gegevens", "melding"),
    [
        (S.CONTACT, {"kanal": "email"}, "Onbekende gegevens bij 'Contactmoment': kanal."),
        (S.DOELGROEP_VASTGESTELD, {}, "'doelgroep' ontbreekt bij 'Doelgroep vastgesteld'."),
        (S.LBT_AFGENOMEN, {"score": "veel"}, "'score' bij 'Leerbaarheidstoets afgenomen'"),
        (S.LBT_AFGENOMEN, {"score": True}, "heeft een ongeldige waarde"),
        (S.NOTITIE, ["geen", "object"], "hebben een ongeldige vorm"),
    ],
)
def test_a_payload_that_does_not_fit_is_refused_in_dutch(soort, gegevens, melding):
    with translation.override("nl"), pytest.raises(OngeldigeGebeurtenis, match=melding):
        controleer_gegevens(soort, gegevens)


def test_the_payload_check_has_an_english_translation():
    with translation.override("en"), pytest.raises(OngeldigeGebeurtenis) as fout:
        controleer_gegevens(S.CONTACT, {"kanal": "email"})
    assert "Onbekende" not in str(fout.value)


def test_registreer_refuses_an_unknown_key_and_writes_nothing(dossier_a):
    dossier = dossier_a
    voor = dossier.events.count()
    with pytest.raises(OngeldigeGebeurtenis):
        registreer(dossier, S.NOTITIE, dt.date(2024, 3, 1), gegevens={"geheim": "x"})
    assert dossier.events.count() == voor


@pytest.mark.parametrize(
    ("soort", "gegevens", "woorden"),
    [
        (S.COA_KOPPELING, {"azc": "Budel", "coa_contact": "Piet"}, "azc Budel, contact COA: Piet"),
        (S.DOSSIER_AFGESLOTEN, {"reden": "voldaan"}, "Voldaan aan de inburgeringsplicht"),
        (S.OPROEP_NIET_GEVOLGD, {"reden": "niet_verschenen"}, "niet verschenen"),
        (S.PIP_VASTGESTELD, {"leerroute": "z", "reden": "eerste", "versie": 1}, "Z-route"),
        (S.LBT_AFGENOMEN, {"score": 0, "resultaat": "x"}, "score 0 van 40"),
        (
            S.OPROEP_INTAKE,
            {
                "volgnummer": 2,
                "periode_van": "2024-03-01",
                "periode_tot": "2024-03-15",
                "kanaal": "post",
                "brief": 1,
            },
            "oproep 2, afspraak maken 01-03-2024 t/m 15-03-2024, Post",
        ),
        (S.KOSTEN_GEREGISTREERD, {"bedrag_cents": 125050, "post": "x"}, "€ 1250,50"),
        (S.EXAMENRESULTAAT, {"onderdeel": "KNM", "resultaat": ""}, "KNM"),
        (S.WARME_OVERDRACHT, {"deelnemers": "school", "kanaal": "fax"}, "school, fax"),
        (S.TERMIJN_DUO, {"start": "2024-01-01", "einde": "2027-01-01"}, ""),
        (S.INTAKE_GESTART, {}, ""),
    ],
)
def test_the_timeline_words_per_type(soort, gegevens, woorden):
    with translation.override("nl"):
        assert beschrijf(soort, gegevens) == woorden


def test_an_unknown_type_in_old_data_has_no_words():
    assert gebeurtenissen.beschrijf("bestaat_niet", {"azc": "x"}) == ""


# --- what a type contributes to the fold and to monitoring: its registration -------------------


def test_keys_read_by_a_contribution_are_declared_fields():
    for soort, type_ in REGISTER.items():
        gelezen = set(type_.bewaard) | set(type_.detail.sleutels if type_.detail else ())
        assert gelezen <= set(type_.velden), soort


def test_the_purge_keeps_the_keys_the_fold_and_monitoring_read():
    """The registrations together keep exactly the keys kept before they owned them."""
    from inburgering.dossiers.bewaren import bewaarde_sleutels
    from inburgering.monitoring.uitkomsten import UITKOMST_SLEUTELS

    assert set(UITKOMST_SLEUTELS) <= bewaarde_sleutels()
    assert bewaarde_sleutels() == {
        # the fold
        *("doelgroep", "consulent_id", "leerroute", "reden", "score", "pip_vorige_gemeente"),
        *("start", "einde", "periode_tot", "op"),
        # monitoring's milestones and outcomes
        *("cursusinstelling", "moment", "status", "post", "bedrag_cents", "activiteit"),
        *("resultaat", "onderdeel"),
    }
    assert "azc" not in bewaarde_sleutels()  # read by the fold, but it identifies a place


def test_a_type_registered_with_a_state_contribution_changes_the_fold():
    """Adding a type touches one registration: its `toestand` function is what the fold applies
    (registered here for a type that contributes nothing, then restored)."""
    from inburgering.dossiers.toestand import bereken_toestand

    class Event:
        def __init__(self, id, soort, datum, gegevens=None):
            self.id, self.soort, self.datum = id, soort, datum
            self.gegevens, self.corrigeert_id = gegevens or {}, None
            self.geregistreerd_op = None

    events = [
        Event(1, S.SIGNAAL_ONTVANGEN, dt.date(2026, 1, 5)),
        Event(2, S.NOTITIE, dt.date(2026, 1, 9), {"onderwerp": "x"}),
    ]
    assert bereken_toestand(events).azc == ""
    oud = REGISTER[S.NOTITIE]

    def bijdrage(t, datum, gegevens):
        t.azc = f"{gegevens['onderwerp']} {datum:%d-%m}"

    try:
        gebeurtenissen.registreer_soort(
            S.NOTITIE, app=oud.app, handmatig=oud.handmatig, velden=oud.velden, toestand=bijdrage
        )
        assert bereken_toestand(events).azc == "x 09-01"
    finally:
        REGISTER[S.NOTITIE] = oud
        gebeurtenissen.TOESTAND.pop(S.NOTITIE, None)
        DUBBEL.remove(S.NOTITIE)
    assert bereken_toestand(events).azc == ""
