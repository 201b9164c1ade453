"""Population and cohort basis (issue 23, item 1) on hand-built histories: closed, moved in,
moved out, Wi2013, COA before DUO, and COA without DUO yet. Every expectation is worked out by
hand from the histories in `dossiers`; the comments give the reasoning."""

import datetime as dt

import pytest

from inburgering.dossiers.models import Regime
from inburgering.dossiers.services import NieuwDossier, open_dossier, registreer
from inburgering.dossiers.workflow import Afsluitreden, Soort
from inburgering.monitoring import extractie as ex
from inburgering.monitoring import gemeenten as gm
from inburgering.monitoring.definities import STAND, Cohortbasis, Populatie
from inburgering.monitoring.models import Taakstelling
from inburgering.monitoring.relatie import relatie
from inburgering.monitoring.tabellen import tabellen
from tests.conftest import maak_persoon

from .helpers import traject

pytestmark = pytest.mark.django_db
PEIL = dt.date(2025, 6, 30)
S = Soort
D = dt.date


def _open(gemeente, soort, datum, regime=Regime.WI2021, gegevens=None):
    nieuw = NieuwDossier(gemeente, regime, "asielstatushouder", soort, datum, gegevens or {})
    return open_dossier(maak_persoon(), nieuw, actor=None)


def _sluit(dossier, datum, reden):
    registreer(dossier, S.DOSSIER_AFGESLOTEN, datum, gegevens={"reden": reden})


@pytest.fixture
def dossiers(gemeente_a):
    d = {}
    # Open on the peildatum, with a PIP (B1): inburgeringsplichtig.
    d["open"] = traject(gemeente_a, D(2024, 3, 1), pip=30, route="z")
    # Voldaan before the peildatum: not on the peildatum, but in the outcomes.
    d["voldaan"] = traject(gemeente_a, D(2024, 2, 1), pip=30)
    _sluit(d["voldaan"], D(2025, 3, 1), Afsluitreden.VOLDAAN)
    # Closed only after the peildatum: still open on it.
    d["later_dicht"] = traject(gemeente_a, D(2024, 2, 1), pip=30, route="onderwijs")
    _sluit(d["later_dicht"], D(2025, 9, 1), Afsluitreden.VOLDAAN)
    # Moved in from another gemeente (no kennisgeving here): known to DUO, counted.
    d["verhuisd_in"] = _open(gemeente_a, S.VESTIGING_NA_VERHUIZING, D(2024, 5, 1))
    # Moved out before the peildatum: not counted on it.
    d["verhuisd_uit"] = traject(gemeente_a, D(2024, 1, 10))
    _sluit(d["verhuisd_uit"], D(2025, 1, 15), Afsluitreden.VERHUISD)
    # Old law: only in "Wi2013" and "alle dossiers".
    d["wi2013"] = _open(gemeente_a, S.SIGNAAL_ONTVANGEN, D(2021, 6, 1), regime=Regime.WI2013)
    # COA linked in December 2024, DUO's kennisgeving in February 2025: cohort 2025 by
    # kennisgeving, 2024 by first signal.
    d["coa"] = _open(gemeente_a, S.COA_KOPPELING, D(2024, 12, 10))
    registreer(d["coa"], S.SIGNAAL_ONTVANGEN, D(2025, 2, 3))
    # COA linked, DUO has not sent a kennisgeving yet: not (yet) inburgeringsplichtig.
    d["coa_zonder_duo"] = _open(gemeente_a, S.COA_KOPPELING, D(2025, 5, 1))
    return d


def _ids(sel, stand: bool) -> set[int]:
    with relatie(sel) as r:
        if stand:
            r = r.stand()
        return set(r.rijen.values_list("dossier_id", flat=True))


def _namen(dossiers, ids) -> set[str]:
    return {naam for naam, d in dossiers.items() if d.pk in ids}


def test_population_on_the_peildatum_is_open_wi2021_known_to_duo(gemeente_a, dossiers):
    sel = ex.Selectie((gemeente_a.pk,), PEIL, populatie=Populatie.PLICHTIG)
    assert _namen(dossiers, _ids(sel, stand=True)) == {
        "open",
        "later_dicht",
        "verhuisd_in",
        "coa",
    }
    # Tables over time keep the closed dossiers of the same population.
    assert _namen(dossiers, _ids(sel, stand=False)) == {
        "open",
        "voldaan",
        "later_dicht",
        "verhuisd_in",
        "verhuisd_uit",
        "coa",
    }


def test_other_populations(gemeente_a, dossiers):
    alle = ex.Selectie((gemeente_a.pk,), PEIL, populatie=Populatie.ALLE)
    assert _namen(dossiers, _ids(alle, stand=True)) == set(dossiers)
    wi2013 = ex.Selectie((gemeente_a.pk,), PEIL, populatie=Populatie.WI2013)
    assert _namen(dossiers, _ids(wi2013, stand=True)) == {"wi2013"}
    assert _namen(dossiers, _ids(wi2013, stand=False)) == {"wi2013"}


def test_before_duo_the_coa_dossier_is_not_yet_counted(gemeente_a, dossiers):
    # On 31-01-2025 the COA dossier has no kennisgeving yet.
    sel = ex.Selectie((gemeente_a.pk,), D(2025, 1, 31), populatie=Populatie.PLICHTIG)
    namen = _namen(dossiers, _ids(sel, stand=True))
    assert "coa" not in namen
    # "voldaan" was still open then; "verhuisd_uit" had left on 15-01-2025.
    assert namen == {"open", "voldaan", "later_dicht", "verhuisd_in"}


@pytest.mark.parametrize(
    ("basis", "verwacht"),
    [
        # By kennisgeving: "coa" (03-02-2025) is in 2025; nobody else has a 2025 cohort date
        # ("coa_zonder_duo" falls back to its first signal, 01-05-2025, but is no plichtige).
        (Cohortbasis.KENNISGEVING, {"coa"}),
        # By first signal: "coa" started 10-12-2024, so no one in the plichtige population.
        (Cohortbasis.SIGNAAL, set()),
    ],
)
def test_cohort_basis_selects_the_intake_period(gemeente_a, dossiers, basis, verwacht):
    sel = ex.Selectie(
        (gemeente_a.pk,),
        PEIL,
        van=D(2025, 1, 1),
        tot=D(2025, 6, 30),
        populatie=Populatie.PLICHTIG,
        cohortbasis=basis,
    )
    assert _namen(dossiers, _ids(sel, stand=True)) == verwacht


def test_cohort_basis_with_every_dossier(gemeente_a, dossiers):
    kwargs = {"van": D(2024, 12, 1), "tot": D(2024, 12, 31), "populatie": Populatie.ALLE}
    signaal = ex.Selectie((gemeente_a.pk,), PEIL, cohortbasis=Cohortbasis.SIGNAAL, **kwargs)
    kennis = ex.Selectie((gemeente_a.pk,), PEIL, cohortbasis=Cohortbasis.KENNISGEVING, **kwargs)
    assert _namen(dossiers, _ids(signaal, stand=False)) == {"coa"}
    assert _namen(dossiers, _ids(kennis, stand=False)) == set()


def test_every_table_states_the_definitions_and_counts_the_same_people(gemeente_a, dossiers):
    Taakstelling.objects.create(gemeente=gemeente_a, jaar=2025, halfjaar=1, aantal=3)
    Taakstelling.objects.create(gemeente=gemeente_a, jaar=2025, halfjaar=2, aantal=2)
    registreer(dossiers["coa"], S.HUISVESTING, D(2025, 3, 1))
    registreer(dossiers["voldaan"], S.HUISVESTING, D(2025, 1, 5))  # closed later: counts
    sel = ex.Selectie((gemeente_a.pk,), PEIL, populatie=Populatie.PLICHTIG)
    alle = {t.sleutel: t for t in tabellen(sel)}
    for tabel in alle.values():
        assert tabel.definities, tabel.sleutel
        assert tabel.definities[0] == "Peildatum: 30-06-2025."
    assert alle["trechter"].soort == STAND and alle["plicht_cohort"].soort != STAND
    # Funnel: the four people on the peildatum reached "signaal".
    assert alle["trechter"].rijen[0][1] == 4
    overzicht = alle["gemeente_overzicht"]
    totaal = next(r for r in overzicht.rijen if r[1] == "Totaal")
    # Four plichtigen, two with a PIP: "open" (Z) and "later_dicht" (onderwijs); the route
    # columns are B1, onderwijs, Z. Housed in 2025 (asielstatushouders, also closed
    # dossiers): "coa" and "voldaan" (its start date 2024 does not matter); taakstelling 3 + 2.
    assert totaal[2:] == [4, 2, 0, 1, 1, 2, 5, 40.0]
    # Outcome table over time: "voldaan" (2024 cohort, voldaan) is in it.
    cohort_2024 = next(r for r in alle["plicht_cohort"].rijen if r[0] == "2024")
    assert cohort_2024[1] >= 1


def test_regional_service_has_a_total_block(gemeente_a, gemeente_b):
    traject(gemeente_a, D(2024, 3, 1), pip=30)
    traject(gemeente_b, D(2024, 3, 1))
    sel = ex.Selectie((gemeente_a.pk, gemeente_b.pk), PEIL, populatie=Populatie.PLICHTIG)
    with relatie(sel) as r:
        gehuisvest = gm.gehuisvest(r)
        overzicht = gm.overzicht(r.stand(), {gemeente_a.pk: "A", gemeente_b.pk: "B"}, gehuisvest)
    totalen = {r[0]: r[2:4] for r in overzicht.rijen if r[1] == "Totaal"}
    assert totalen == {"A": [1, 1], "B": [1, 0], "Alle gekozen gemeenten": [2, 1]}


def test_cohort_year_of_the_outcome_table_follows_the_basis(gemeente_a, dossiers):
    from inburgering.monitoring import uitkomsten as uk

    def jaren(basis):
        sel = ex.Selectie((gemeente_a.pk,), PEIL, populatie=Populatie.PLICHTIG, cohortbasis=basis)
        with relatie(sel) as r:
            return {jaar: c.totaal for jaar, c in uk.plicht_per_cohort(r).items()}

    # Wi2021 known to DUO: "open", "voldaan", "later_dicht", "verhuisd_uit" (kennisgeving 2024),
    # "verhuisd_in" (vestiging 2024, its first signal) and "coa" (kennisgeving 2025, COA 2024).
    assert jaren(Cohortbasis.KENNISGEVING) == {2024: 5, 2025: 1}
    assert jaren(Cohortbasis.SIGNAAL) == {2024: 6}
