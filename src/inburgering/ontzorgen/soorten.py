"""The event types the ontzorgen app owns: start and end of ontzorgen and of maatschappelijke
begeleiding, each change of a fixed cost, and a refused or paid payment. All are facts (they
never move the dossier's phase). Registered from `OntzorgenConfig.ready`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from inburgering.dossiers.gebeurtenissen import GETAL, TEKST, registreer_soort
from inburgering.dossiers.workflow import Soort


def _tekst(*sleutels: str) -> Callable[[Mapping[str, Any]], str | None]:
    def deel(gegevens: Mapping[str, Any]) -> str | None:
        delen = [str(gegevens[s]) for s in sleutels if gegevens.get(s) not in (None, "")]
        return " · ".join(delen) or None

    return deel


def registreer() -> None:
    registreer_soort(
        Soort.ONTZORGEN_GESTART,
        app="ontzorgen",
        velden={"recht_op_bijstand_vanaf": TEKST, "einde": TEKST, "bron": TEKST},
        verplicht=["recht_op_bijstand_vanaf", "einde"],
        woorden=[_tekst("recht_op_bijstand_vanaf", "einde")],
    )
    registreer_soort(
        Soort.ONTZORGEN_VASTE_LAST,
        app="ontzorgen",
        velden={
            "last": GETAL,
            "actie": TEKST,
            "soort": TEKST,
            "begunstigde": TEKST,
            "bedrag_cents": GETAL,
            "vanaf": TEKST,
            "tot": TEKST,
        },
        verplicht=["last", "actie", "soort"],
        woorden=[_tekst("actie", "soort", "begunstigde")],
    )
    registreer_soort(
        Soort.ONTZORGEN_BETALING,
        app="ontzorgen",
        velden={"betaling": GETAL, "status": TEKST, "maand": TEKST, "reden": TEKST},
        verplicht=["betaling", "status"],
        woorden=[_tekst("status", "maand", "reden")],
    )
    registreer_soort(
        Soort.ONTZORGEN_BEEINDIGD,
        app="ontzorgen",
        velden={"reden": TEKST, "vrijwillig_tot": TEKST},
        woorden=[_tekst("reden", "vrijwillig_tot")],
    )
    registreer_soort(
        Soort.BEGELEIDING_GESTART,
        app="ontzorgen",
        velden={"organisatie": TEKST, "begeleider": TEKST},
        verplicht=["organisatie"],
        woorden=[_tekst("organisatie", "begeleider")],
    )
    registreer_soort(
        Soort.BEGELEIDING_BEEINDIGD,
        app="ontzorgen",
        velden={"reden": TEKST},
        woorden=[_tekst("reden")],
    )
