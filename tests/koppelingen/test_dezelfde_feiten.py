"""The same fact from DUO with a new berichtId adds no second event (duo/dezelfde_feiten.py);
the message is stored and marked verwerkt with "Al bekend: geen nieuwe gebeurtenis."."""

from inburgering.dossiers.models import Dossier, DossierEvent
from inburgering.dossiers.workflow import Fase, Soort
from inburgering.koppelingen.duo.dezelfde_feiten import AL_BEKEND
from inburgering.koppelingen.models import InkomendBericht, Status

from .conftest import OIN_A


def _dossier(scenarios, stuur):
    n = scenarios.nieuwe_statushouder(OIN_A)
    stuur(n)
    return Dossier.objects.get(inburgeraar__bsn=n.body["bsn"]), n.body["bsn"]


def _opnieuw(scenarios, stuur, gebeurtenis_id, bsn):
    """DUO sends the same gebeurtenis again, with a new berichtId."""
    n = scenarios.notificatie(gebeurtenis_id, bsn, OIN_A)
    stuur(n)
    bericht = InkomendBericht.objects.get(bericht_id=n.headers["berichtId"])
    assert bericht.status == Status.VERWERKT
    return bericht


def _aantal(dossier, soort):
    return DossierEvent.objects.filter(dossier=dossier, soort=soort).count()


def test_kennisgeving_opnieuw(scenarios, stuur):
    dossier, bsn = _dossier(scenarios, stuur)
    bericht = _opnieuw(scenarios, stuur, "SS101", bsn)
    assert _aantal(dossier, Soort.SIGNAAL_ONTVANGEN) == 1
    assert bericht.resultaat.startswith(AL_BEKEND) and bericht.dossier == dossier


def test_termijn_opnieuw_en_daarna_verlengd(scenarios, stuur, sim):
    dossier, bsn = _dossier(scenarios, stuur)
    stuur(scenarios.termijn_start(bsn, OIN_A))
    bericht = _opnieuw(scenarios, stuur, "SS102", bsn)
    assert _aantal(dossier, Soort.TERMIJN_DUO) == 1
    assert bericht.resultaat == AL_BEKEND
    # a real change (extension: other end, a verlengingsgrond) is a new fact
    with sim.opslag.transactie() as staat:
        staat["personen"][bsn]["termijn"].update(einddatum="2031-01-01", verlengingsgrondcode="VER")
    bericht = _opnieuw(scenarios, stuur, "SS103", bsn)
    assert _aantal(dossier, Soort.TERMIJN_DUO) == 2 and bericht.resultaat != AL_BEKEND
    _opnieuw(scenarios, stuur, "SS103", bsn)
    assert _aantal(dossier, Soort.TERMIJN_DUO) == 2


def test_doelgroep_opnieuw(scenarios, stuur, sim):
    dossier, bsn = _dossier(scenarios, stuur)
    with sim.opslag.transactie() as staat:
        staat["personen"][bsn]["doelgroep"]["indeling"] = "Gezinsmigrant en overige migrant"
    _opnieuw(scenarios, stuur, "SS124", bsn)
    assert _aantal(dossier, Soort.DOELGROEP_VASTGESTELD) == 2
    bericht = _opnieuw(scenarios, stuur, "SS124", bsn)
    assert _aantal(dossier, Soort.DOELGROEP_VASTGESTELD) == 2
    assert bericht.resultaat == AL_BEKEND


def test_lbt_aanmelding_en_resultaat_opnieuw(scenarios, stuur):
    dossier, bsn = _dossier(scenarios, stuur)
    stuur(scenarios.lbt_resultaat(bsn, OIN_A))
    assert _aantal(dossier, Soort.LBT_AFGENOMEN) == 1
    bericht = _opnieuw(scenarios, stuur, "SS131", bsn)
    assert _aantal(dossier, Soort.LBT_AFGENOMEN) == 1 and bericht.resultaat == AL_BEKEND
    # registered again after the result: a new aanmelding, then the same one again
    _opnieuw(scenarios, stuur, "SS137", bsn)
    assert _aantal(dossier, Soort.LBT_AANGEMELD) == 2
    bericht = _opnieuw(scenarios, stuur, "SS137", bsn)
    assert _aantal(dossier, Soort.LBT_AANGEMELD) == 2 and bericht.resultaat == AL_BEKEND


def test_examenresultaat_opnieuw_maar_ander_resultaat_wel(scenarios, stuur, sim):
    dossier, bsn = _dossier(scenarios, stuur)
    stuur(scenarios.examenresultaat(bsn, OIN_A, resultaat="Gezakt"))
    bericht = _opnieuw(scenarios, stuur, "SS199", bsn)
    assert _aantal(dossier, Soort.EXAMENRESULTAAT) == 1 and bericht.resultaat == AL_BEKEND
    # DUO corrects the result of the same exam (same onderdeel and date): a new fact
    with sim.opslag.transactie() as staat:
        staat["personen"][bsn]["examens"][0]["resultaat"] = "Geslaagd"
    bericht = _opnieuw(scenarios, stuur, "SS199", bsn)
    assert _aantal(dossier, Soort.EXAMENRESULTAAT) == 2
    assert bericht.resultaat.startswith("1 nieuw")


def test_afsluiting_opnieuw_zonder_duo_te_vragen(scenarios, stuur, sim):
    dossier, bsn = _dossier(scenarios, stuur)
    stuur(scenarios.plicht_voldaan(bsn, OIN_A))
    dossier.refresh_from_db()
    assert dossier.fase == Fase.AFGEROND
    aanroepen = sim.aanroepen
    bericht = _opnieuw(scenarios, stuur, "SS106", bsn)
    assert bericht.resultaat == AL_BEKEND and bericht.dossier == dossier
    assert _aantal(dossier, Soort.DOSSIER_AFGESLOTEN) == 1
    assert sim.aanroepen == aanroepen  # recognised from our own records
    # another reason is not the same fact: DUO is asked (nothing to close: no running dossier)
    bericht = _opnieuw(scenarios, stuur, "SS111", bsn)
    assert bericht.resultaat != AL_BEKEND
