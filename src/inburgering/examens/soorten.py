"""The event type the exams app owns: a payment of an exam attempt by the gemeente. Registered
from `ExamensConfig.ready`; see `dossiers/gebeurtenissen.py` for what a registration says."""

from inburgering.dossiers.gebeurtenissen import GETAL, TEKST, bedrag, registreer_soort, tekst
from inburgering.dossiers.workflow import Soort


def registreer() -> None:
    registreer_soort(
        Soort.EXAMEN_BETAALD,
        app="examens",
        velden={"onderdeel": TEKST, "bedrag_cents": GETAL, "factuurreferentie": TEKST},
        verplicht=["onderdeel", "bedrag_cents"],
        woorden=[tekst("onderdeel"), bedrag()],
    )
