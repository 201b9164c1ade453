"""Test data builders for the PIP, through `inburgering.pip.services` (draft, save, vaststelling
with its event, voortgangsgesprekken and the DUO delivery in the outbox).

`dossier_klaar` (a dossier whose brede intake is afgerond with a route decision) and
`bij_duo_bekend` live in tests/pip/conftest.py and are re-exported here. Vaststelling writes an
outbox row and never calls DUO; `dossier_klaar` registers the gemeente with the DUO simulator,
so a test needs the in-memory simulator (the autouse fixtures of tests/pip and
tests/koppelingen set it).
"""

from inburgering.dossiers.models import Dossier
from inburgering.pip import services
from inburgering.pip.models import PipVersie
from tests.pip.conftest import bij_duo_bekend, dossier_klaar

__all__ = ["bij_duo_bekend", "concept", "dossier_klaar", "vastgestelde_pip"]


def concept(dossier: Dossier, actor, **gegevens) -> PipVersie:
    """A draft PIP version (from the gemeente's template, the route decision and the intake),
    with `gegevens` saved over it as the PIP form would."""
    versie = services.stel_op(dossier, actor=actor)
    if gegevens:
        versie = services.bewaar(versie, gegevens, gezien_versie=versie.versie, actor=actor)
    return versie


def vastgestelde_pip(dossier: Dossier, actor, **gegevens) -> services.Vaststelling:
    """A draft set straight away (no four-eyes configured): `PIP_VASTGESTELD`, planned
    voortgangsgesprekken and a delivery to DUO in the outbox."""
    versie = concept(dossier, actor, **gegevens)
    vaststelling = services.stel_vast(versie, gezien_versie=versie.versie, actor=actor)
    dossier.refresh_from_db()
    return vaststelling
