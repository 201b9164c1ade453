from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inburgering.wet import (
    Beleidskeuzes,
    Bron,
    Doelgroep,
    DuoBoete,
    EerdereOvertreding,
    IndividueleBeoordeling,
    OntbrekendeDag,
    Verhogingsmethode,
    Verwijtbaarheid,
    boete_art22,
    boete_art23,
    boete_duo_maximum,
    boeteplafond,
    duo_boete_verwachting,
)
from inburgering.wet.boetes import euro

ASIEL, GEZIN = Doelgroep.ASIELSTATUSHOUDER, Doelgroep.GEZINSMIGRANT_OVERIG
C = date(2024, 6, 1)
PASSEND = IndividueleBeoordeling(date(2024, 5, 30), "J. Jansen", "uitzonderlijk geval: ...", True)
NIET_PASSEND = IndividueleBeoordeling(date(2024, 5, 30), "J. Jansen", "geen boete", False)


def eerder(*dagen: date, onherroepelijk: bool = True) -> tuple[EerdereOvertreding, ...]:
    return tuple(EerdereOvertreding(d, onherroepelijk) for d in dagen)


def art23(**kwargs):
    kwargs.setdefault("constatering", C)
    kwargs.setdefault("verwijtbaarheid", Verwijtbaarheid.OPZET)
    kwargs.setdefault("doelgroep", GEZIN)
    return boete_art23(**kwargs).waarde


def test_euro_notatie():
    assert euro(25_000) == "€ 250"
    assert euro(240_000) == "€ 2.400"
    assert euro(1_250) == "€ 12,50"


def test_art22_250_euro():
    u = boete_art22(doelgroep=GEZIN)
    assert u.waarde.toegestaan and u.waarde.bedrag_cents == 25_000
    assert "BWBR0045555 art. 7.1 lid 1" in [str(g) for g in u.grondslagen]
    assert "€ 250" in u.uitleg


def test_asielstatushouder_nooit_zonder_individuele_beoordeling():
    zonder = boete_art22(doelgroep=ASIEL)
    assert not zonder.waarde.toegestaan and zonder.waarde.bedrag_cents == 0
    assert zonder.waarde.individuele_beoordeling_vereist
    assert "individuele beoordeling" in zonder.uitleg
    assert zonder.bron is Bron.WET_EN_PRAKTIJK
    assert not boete_art22(doelgroep=ASIEL, individuele_beoordeling=NIET_PASSEND).waarde.toegestaan
    met = boete_art22(doelgroep=ASIEL, individuele_beoordeling=PASSEND)
    assert met.waarde.toegestaan and met.waarde.bedrag_cents == 25_000
    assert not art23(doelgroep=ASIEL).toegestaan
    assert art23(doelgroep=ASIEL, individuele_beoordeling=PASSEND).bedrag_cents == 5_000


def test_individuele_beoordeling_vraagt_motivering():
    with pytest.raises(ValueError):
        IndividueleBeoordeling(date(2024, 1, 1), "J. Jansen", "  ", True)
    with pytest.raises(ValueError):
        IndividueleBeoordeling(date(2024, 1, 1), "", "reden", True)


def test_geen_boete_als_bijstand_al_verlaagd():
    u = boete_art22(doelgroep=GEZIN, bijstand_verlaagd=True)
    assert not u.waarde.toegestaan and u.waarde.bedrag_cents == 0
    assert "BWBR0044770 art. 27" in [str(g) for g in u.grondslagen]
    assert not art23(bijstand_verlaagd=True).toegestaan


@pytest.mark.parametrize(
    ("verwijtbaarheid", "cents"),
    [
        (Verwijtbaarheid.OPZET, 5_000),
        (Verwijtbaarheid.GROVE_SCHULD, 3_750),
        (Verwijtbaarheid.GEEN_OPZET_OF_GROVE_SCHULD, 2_500),
        (Verwijtbaarheid.VERMINDERD, 1_250),
    ],
)
def test_art23_verwijtbaarheid(verwijtbaarheid, cents):
    assert art23(verwijtbaarheid=verwijtbaarheid).bedrag_cents == cents


@pytest.mark.parametrize(
    ("aantal", "basis"),
    [(0, 5_000), (1, 10_000), (2, 20_000), (3, 40_000), (4, 80_000), (5, 80_000), (9, 80_000)],
)
def test_art23_verdubbeling_tot_800(aantal, basis):
    eerdere = eerder(*(C - timedelta(days=10 * (i + 1)) for i in range(aantal)))
    w = art23(eerdere_overtredingen=eerdere)
    assert w.basisbedrag_cents == basis
    assert w.bedrag_cents == basis


def test_art23_verhoging_vereist_onherroepelijke_boete():
    assert (
        art23(
            eerdere_overtredingen=eerder(C - timedelta(days=30), onherroepelijk=False)
        ).basisbedrag_cents
        == 5_000
    )


@pytest.mark.parametrize(
    ("eerdere_datum", "telt"),
    [
        (date(2023, 5, 31), False),  # day before the 12-month window
        (date(2023, 6, 1), True),  # first day of the window
        (date(2023, 6, 2), True),
        (date(2024, 5, 31), True),
        (date(2024, 6, 1), False),  # same day: not "voorafgaand"
        (date(2024, 6, 2), False),
    ],
)
def test_art23_venster_van_twaalf_maanden(eerdere_datum, telt):
    w = art23(eerdere_overtredingen=eerder(eerdere_datum))
    assert w.basisbedrag_cents == (10_000 if telt else 5_000)


def test_art23_venster_29_februari():
    c = date(2024, 2, 29)
    eerdere = eerder(date(2023, 2, 28))
    assert art23(constatering=c, eerdere_overtredingen=eerdere).basisbedrag_cents == 5_000
    afkappen = Beleidskeuzes(ontbrekende_dag=OntbrekendeDag.AFKAPPEN)
    assert (
        art23(constatering=c, eerdere_overtredingen=eerdere, opties=afkappen).basisbedrag_cents
        == 10_000
    )
    assert (
        art23(constatering=c, eerdere_overtredingen=eerder(date(2023, 3, 1))).basisbedrag_cents
        == 10_000
    )


def test_art23_verhogingsmethode_vorige_boete():
    eerdere = (EerdereOvertreding(C - timedelta(days=20), True, 20_000),)
    opties = Beleidskeuzes(boete_verhoging=Verhogingsmethode.VORIGE_BOETE)
    assert art23(eerdere_overtredingen=eerdere, opties=opties).basisbedrag_cents == 40_000
    assert art23(eerdere_overtredingen=eerdere).basisbedrag_cents == 10_000
    max_eerder = (EerdereOvertreding(C - timedelta(days=20), True, 80_000),)
    assert art23(eerdere_overtredingen=max_eerder, opties=opties).basisbedrag_cents == 80_000


def test_plafonds():
    assert boeteplafond().waarde == 240_000
    assert [boeteplafond(nieuwe_termijn_maanden=m).waarde for m in (6, 12, 18, 24)] == [
        40_000,
        80_000,
        120_000,
        160_000,
    ]
    for m in (0, 7, 36):
        with pytest.raises(ValueError):
            boeteplafond(nieuwe_termijn_maanden=m)


def test_plafond_aftopping_en_bereikt():
    eerdere = eerder(C - timedelta(days=30))
    bijna = art23(eerdere_overtredingen=eerdere, reeds_opgelegd_cents=235_000)
    assert bijna.toegestaan and bijna.bedrag_cents == 5_000 and bijna.afgetopt
    precies = art23(reeds_opgelegd_cents=235_000)
    assert precies.bedrag_cents == 5_000 and not precies.afgetopt
    vol = art23(reeds_opgelegd_cents=240_000)
    assert (
        not vol.toegestaan
        and vol.bedrag_cents == 0
        and vol.blokkade == "het boeteplafond is bereikt"
    )
    nieuw = boete_art22(
        doelgroep=GEZIN, reeds_opgelegd_cents=300_000, nieuwe_termijn_maanden=24
    ).waarde
    assert nieuw.bedrag_cents == 0  # cap of €1,600 already exceeded
    nieuw6 = boete_art22(
        doelgroep=GEZIN, reeds_opgelegd_cents=25_000, nieuwe_termijn_maanden=6
    ).waarde
    assert nieuw6.bedrag_cents == 15_000 and nieuw6.afgetopt
    with pytest.raises(ValueError):
        art23(reeds_opgelegd_cents=-1)


@given(
    st.lists(st.tuples(st.integers(-800, 400), st.booleans()), max_size=8),
    st.sampled_from(list(Verwijtbaarheid)),
    st.sampled_from(list(Doelgroep)),
    st.booleans(),
    st.integers(0, 300_000),
    st.sampled_from([None, 6, 12, 18, 24]),
    st.sampled_from(list(Verhogingsmethode)),
)
def test_boete_blijft_binnen_alle_plafonds(
    eerdere, verwijt, groep, beoordeeld, reeds, nieuw, methode
):
    overtredingen = tuple(EerdereOvertreding(C + timedelta(days=d), o) for d, o in eerdere)
    w = boete_art23(
        constatering=C,
        verwijtbaarheid=verwijt,
        doelgroep=groep,
        eerdere_overtredingen=overtredingen,
        individuele_beoordeling=PASSEND if beoordeeld else None,
        reeds_opgelegd_cents=reeds,
        nieuwe_termijn_maanden=nieuw,
        opties=Beleidskeuzes(boete_verhoging=methode),
    ).waarde
    plafond = 240_000 if nieuw is None else {6: 40_000, 12: 80_000, 18: 120_000, 24: 160_000}[nieuw]
    assert 0 <= w.bedrag_cents <= min(80_000, max(0, plafond - reeds))
    assert 5_000 <= w.basisbedrag_cents <= 80_000
    assert w.toegestaan == (w.bedrag_cents > 0)
    if groep is Doelgroep.ASIELSTATUSHOUDER and not beoordeeld:
        assert not w.toegestaan


def test_duo_boetes():
    assert boete_duo_maximum(DuoBoete.PVT_MAP_NIET_AFGEROND).waarde == 34_000
    assert boete_duo_maximum(DuoBoete.LEERROUTE_NIET_BEHAALD).waarde == 100_000


# --- DUO's fines: Wi art. 24-25, repeats and the permit case -----------------------------------


EINDE = date(2025, 3, 1)  # last day of the termijn


def duo(soort=DuoBoete.LEERROUTE_NIET_BEHAALD, **kwargs):
    kwargs.setdefault("termijn_einde", EINDE)
    kwargs.setdefault("peildatum", EINDE)
    kwargs.setdefault("afgerond", False)
    return duo_boete_verwachting(soort, **kwargs)


@pytest.mark.parametrize(
    ("peildatum", "verstreken"),
    [(date(2025, 2, 28), False), (date(2025, 3, 1), False), (date(2025, 3, 2), True)],
)
def test_duo_boete_vanaf_de_dag_na_de_termijn(peildatum, verstreken):
    for soort in DuoBoete:
        uitkomst = duo(soort, peildatum=peildatum).waarde
        assert uitkomst.boete is True
        assert uitkomst.verschuldigd_vanaf == date(2025, 3, 2)
        assert uitkomst.verstreken is verstreken


def test_duo_bedragen_en_nieuwe_termijn():
    art24 = duo(DuoBoete.PVT_MAP_NIET_AFGEROND)
    assert (art24.waarde.bedrag_cents, art24.waarde.vast_bedrag) == (34_000, True)
    assert art24.waarde.nieuwe_termijn_max_maanden == 24
    assert {"BWBR0044770 art. 24 lid 1", "BWBR0045555 art. 7.2 lid 1"} <= {
        str(g) for g in art24.grondslagen
    }
    art25 = duo()
    assert (art25.waarde.bedrag_cents, art25.waarde.vast_bedrag) == (100_000, False)
    assert "ten hoogste € 1.000" in art25.uitleg
    assert "BWBR0044770 art. 26 lid 1" in {str(g) for g in art25.grondslagen}


def test_duo_boete_herhaling_lid_3_en_iedere_twee_jaar_lid_4():
    tweede = duo(DuoBoete.PVT_MAP_NIET_AFGEROND, ronde=2)
    assert "BWBR0044770 art. 24 lid 3" in {str(g) for g in tweede.grondslagen}
    assert tweede.waarde.nieuwe_termijn_max_maanden == 24
    derde = duo(DuoBoete.PVT_MAP_NIET_AFGEROND, ronde=3, peildatum=date(2025, 3, 2))
    assert derde.waarde.verschuldigd_vanaf == date(2025, 3, 2)
    assert derde.waarde.nieuwe_termijn_max_maanden is None
    assert "iedere twee jaar" in derde.uitleg
    assert "BWBR0044770 art. 24 lid 4" in {str(g) for g in derde.grondslagen}
    vierde = duo(DuoBoete.PVT_MAP_NIET_AFGEROND, ronde=4, peildatum=date(2027, 3, 1))
    assert vierde.waarde.verschuldigd_vanaf == date(2027, 3, 2)
    assert vierde.waarde.verstreken is False
    # art. 25 lid 2 applies art. 24 lid 2-4 to the leerroute fine as well
    assert duo(ronde=4).waarde.verschuldigd_vanaf == date(2027, 3, 2)
    with pytest.raises(ValueError):
        duo(ronde=0)


def test_duo_geen_boete_als_afgerond_of_vergunning_weg():
    assert duo(afgerond=True).waarde.boete is False
    assert duo(DuoBoete.PVT_MAP_NIET_AFGEROND, afgerond=True).waarde.bedrag_cents == 0
    # art. 25 lid 3: no leerroute fine when the permit is not extended or withdrawn ...
    vergunning = duo(verblijf_niet_verlengd_of_ingetrokken=True)
    assert vergunning.waarde.boete is False
    assert "BWBR0044770 art. 25 lid 3" in {str(g) for g in vergunning.grondslagen}
    # ... but that exception does not cover the PVT/MAP fine of art. 24
    pvt = duo(DuoBoete.PVT_MAP_NIET_AFGEROND, verblijf_niet_verlengd_of_ingetrokken=True)
    assert pvt.waarde.boete is True


def test_duo_boete_asielstatushouder_individuele_beoordeling():
    asiel = duo(doelgroep=ASIEL)
    assert asiel.waarde.individuele_beoordeling_vereist and asiel.bron is Bron.WET_EN_PRAKTIJK
    gezin = duo(doelgroep=GEZIN)
    assert not gezin.waarde.individuele_beoordeling_vereist and gezin.bron is Bron.WET
