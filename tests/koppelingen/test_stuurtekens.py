"""BRP data from DUO enters without a form: a control character in a name is refused there
too (the model's check), the notification is kept with a Dutch reason and no dossier is made."""

from inburgering.dossiers.models import Dossier, Inburgeraar
from inburgering.koppelingen.models import InkomendBericht, Status

from .conftest import OIN_A


def test_a_name_with_a_line_break_from_the_brp_is_refused(scenarios, stuur, sim):
    n = scenarios.nieuwe_statushouder(OIN_A)
    with sim.opslag.transactie() as staat:
        staat["personen"][n.body["bsn"]]["brp"]["voornamen"] = "Amal\nHaddad"
    telling = stuur(n)
    assert telling.verwerkt == 0
    bericht = InkomendBericht.objects.get()
    assert bericht.status != Status.VERWERKT
    assert "ongeldig teken" in bericht.laatste_fout
    assert not Dossier.objects.exists() and not Inburgeraar.objects.exists()
