"""The old Wet inburgering (2013) in the rules: no brede intake, LBT or PIP (Wi 2021 art. 54)."""

from inburgering.wet import IntakeOnderdeel, Regime, brede_intake_en_pip, brede_intake_ontbrekend
from inburgering.wet.grondslag import BI2021, WI2021

VOLLEDIG = {"vve_relevant": False, "gewezen_op_recht_alleen": True, "schriftelijk_vastgelegd": True}
ZONDER_LBT = frozenset(IntakeOnderdeel) - {IntakeOnderdeel.LEERBAARHEIDSTOETS}


def test_brede_intake_en_pip_only_under_the_wi2021():
    nieuw = brede_intake_en_pip(Regime.WI2021)
    assert nieuw.waarde is True
    assert {(g.bwb_id, g.artikel) for g in nieuw.grondslagen} == {(WI2021, "14"), (WI2021, "15")}
    oud = brede_intake_en_pip(Regime.WI2013)
    assert oud.waarde is False
    assert {(g.bwb_id, g.artikel, g.lid) for g in oud.grondslagen} == {
        (WI2021, "54", 1),
        (BI2021, "12.1", None),
    }
    assert "oude Wet inburgering (2013)" in oud.uitleg and "geen PIP" in oud.uitleg


def test_the_intake_asks_an_lbt_of_a_wi2021_dossier_but_not_of_a_wi2013_one():
    nieuw = brede_intake_ontbrekend(onderdelen=ZONDER_LBT, regime=Regime.WI2021, **VOLLEDIG)
    assert nieuw.waarde == ("de leerbaarheidstoets (of ontheffing daarvan)",)
    assert (WI2021, "54") not in {(g.bwb_id, g.artikel) for g in nieuw.grondslagen}
    oud = brede_intake_ontbrekend(onderdelen=ZONDER_LBT, regime=Regime.WI2013, **VOLLEDIG)
    assert oud.waarde == ()
    assert oud.uitleg == "De brede intake is volledig."
    assert (WI2021, "54") in {(g.bwb_id, g.artikel) for g in oud.grondslagen}
    # The default stays the Wi 2021 (every caller before the regime was passed).
    assert brede_intake_ontbrekend(onderdelen=ZONDER_LBT, **VOLLEDIG).waarde == nieuw.waarde
    # The other topics are still asked of a Wi2013 dossier.
    zonder_meer = ZONDER_LBT - {IntakeOnderdeel.TAALNIVEAU}
    oud = brede_intake_ontbrekend(onderdelen=zonder_meer, regime=Regime.WI2013, **VOLLEDIG)
    assert oud.waarde == ("het taalniveau",)
