"""Drafting, approving and setting the PIP; later versions; objections; progress conversations.

Legal content comes from the rules package (`inburgering.wet`): what a PIP must contain
(`pip_inhoud_ontbrekend`), DUO's rules (`valideer_pip`), the PIP deadline and the termijn,
`map_verplicht`, `schakelen_toegestaan`, `afschalen_toegestaan`. Every action appends an event
to the dossier's log (`dossiers.services.registreer`), so the timeline shows it. Drafts carry a
`versie` counter: a save based on an older version is refused, nothing is overwritten.

One module per part, in the order a PIP goes through them: `basis` (errors, constants, the
gemeente's configuration, reading), `opstellen` (drafting, approval), `controle` (checks before
vaststelling, preview), `vaststelling`, `versies` (later versions), `bezwaar`, `gesprekken`
(progress conversations). Callers import this package (`from inburgering.pip import services`).
"""

from .basis import (
    AWB_BESLISTERMIJN,
    AWB_BEZWAAR,
    BEZWAARTERMIJN_WEKEN,
    CONCEPT_STATUSSEN,
    STANDAARD_TEKSTEN,
    VOORTGANGSBRONNEN,
    PipFout,
    Voortgang,
    Wijzigingsconflict,
    concept_van,
    geregistreerde_voortgang,
    notitie,
    pip_van,
    sjabloon,
    toestand_van,
    vastgestelde_versie,
    vier_ogen,
    wet_doelgroep,
    wet_leerroute,
)
from .bezwaar import (
    Bezwaardata,
    beslis_bezwaar,
    bezwaardata,
    registreer_bezwaar,
)
from .controle import (
    Controle,
    Melding,
    Voorvertoning,
    afschaalregel,
    controleer,
    map_verplicht,
    pip_bericht,
    pip_context,
    pip_inhoud,
    schakelregel,
    voorvertoning,
)
from .gesprekken import (
    leg_gesprek_vast,
    plan_gesprekken,
)
from .opstellen import (
    BEWAARBARE_VELDEN,
    bewaar,
    bied_aan,
    keur_goed,
    stel_op,
    vergrendel,
    zet_status,
)
from .vaststelling import (
    Vaststelling,
    stel_vast,
)
from .versies import (
    nieuwe_versie,
)

__all__ = [
    "AWB_BESLISTERMIJN",
    "AWB_BEZWAAR",
    "BEWAARBARE_VELDEN",
    "BEZWAARTERMIJN_WEKEN",
    "CONCEPT_STATUSSEN",
    "STANDAARD_TEKSTEN",
    "VOORTGANGSBRONNEN",
    "Bezwaardata",
    "Controle",
    "Melding",
    "PipFout",
    "Vaststelling",
    "Voortgang",
    "Voorvertoning",
    "Wijzigingsconflict",
    "afschaalregel",
    "beslis_bezwaar",
    "bewaar",
    "bezwaardata",
    "bied_aan",
    "concept_van",
    "controleer",
    "geregistreerde_voortgang",
    "keur_goed",
    "leg_gesprek_vast",
    "map_verplicht",
    "nieuwe_versie",
    "notitie",
    "pip_bericht",
    "pip_context",
    "pip_inhoud",
    "pip_van",
    "plan_gesprekken",
    "registreer_bezwaar",
    "schakelregel",
    "sjabloon",
    "stel_op",
    "stel_vast",
    "toestand_van",
    "vastgestelde_versie",
    "vergrendel",
    "vier_ogen",
    "voorvertoning",
    "wet_doelgroep",
    "wet_leerroute",
    "zet_status",
]
