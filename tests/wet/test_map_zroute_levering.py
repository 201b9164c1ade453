"""MAP progress (Besluit 3.2), DUO's rules for the Z-route completion and the Z-route
participation hours (issue 15)."""

from datetime import date

import pytest

from inburgering import wet

PEIL = date(2026, 6, 1)


def test_map_afgerond_pas_met_alle_themas_en_eindgesprek():
    alle = frozenset(code for code, _naam in wet.MAP_THEMAS)
    assert len(alle) == 8
    zonder_gesprek = wet.map_voortgang(themas=alle, eindgesprek=False)
    assert not zonder_gesprek.waarde.afgerond and "eindgesprek" in zonder_gesprek.uitleg
    een_open = wet.map_voortgang(themas=alle - {"h"}, eindgesprek=True)
    assert een_open.waarde.open == ("h",) and "werkcultuur" in een_open.uitleg
    assert not een_open.waarde.afgerond
    klaar = wet.map_voortgang(themas=alle, eindgesprek=True)
    assert klaar.waarde.afgerond and klaar.waarde.gevolgd == tuple("abcdefgh")
    assert {g.artikel for g in klaar.grondslagen} == {"3.2"}


def test_map_onbekend_thema_geweigerd():
    with pytest.raises(ValueError, match="onbekende"):
        wet.map_voortgang(themas=frozenset({"z"}), eindgesprek=False)


@pytest.mark.parametrize(
    ("datum", "eigen_pip", "codes"),
    [
        (PEIL, True, []),
        (date(2026, 6, 2), True, ["ZROUTE_IN_TOEKOMST"]),
        (PEIL, False, ["ZROUTE_GEEN_ACTUELE_PIP"]),
        (None, True, []),
    ],
)
def test_valideer_zroute(datum, eigen_pip, codes):
    uitkomst = wet.valideer_zroute(wet.ZrouteBericht(datum), wet.ZrouteContext(PEIL, eigen_pip))
    assert [o.code for o in uitkomst.overtredingen] == codes


@pytest.mark.parametrize(
    ("doelgroep", "uren", "codes"),
    [
        (wet.Doelgroep.ASIELSTATUSHOUDER, 0, []),
        (wet.Doelgroep.ASIELSTATUSHOUDER, 9999, []),
        (wet.Doelgroep.ASIELSTATUSHOUDER, 10000, ["UREN_PARTICIPATIE_BEREIK"]),
        (wet.Doelgroep.GEZINSMIGRANT_OVERIG, 40, ["UREN_PARTICIPATIE_NIET_ASIEL"]),
    ],
)
def test_valideer_participatie_uren(doelgroep, uren, codes):
    uitkomst = wet.valideer_participatie_uren(doelgroep=doelgroep, uren=uren)
    assert [o.code for o in uitkomst.overtredingen] == codes
