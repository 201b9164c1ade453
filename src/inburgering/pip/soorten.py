"""The event types the PIP app owns: vaststelling of a version, and every other PIP step
(drafts, approval, objections, progress talks) as a fact. Registered from `PipConfig.ready`; see
`dossiers/gebeurtenissen.py` for what a registration says."""

from inburgering.dossiers.gebeurtenissen import GETAL, TEKST, registreer_soort
from inburgering.dossiers.soorten import leerroute
from inburgering.dossiers.workflow import Soort


def registreer() -> None:
    registreer_soort(
        Soort.PIP_VASTGESTELD,
        app="pip",
        velden={"leerroute": TEKST, "versie": GETAL, "reden": TEKST, "niveau": TEKST},
        woorden=[leerroute],
        mijlpalen=[("pip", "min")],
    )
    registreer_soort(
        Soort.PIP_STAP,
        app="pip",
        velden={"pip": TEKST, "versie": GETAL, "ontvangen_op": TEKST},
    )
