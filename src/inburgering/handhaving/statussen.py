"""The fine case's statuses as one table (see `inburgering.statusmachine`).

signaal → (individuele beoordeling) → voornemen → (zienswijze) → beschikking or geen boete →
(bezwaar/beroep) → overgedragen voor invordering → betaald or kwijtgescholden. A signal can
end without a fine at once (Wi art. 27: bijstand already reduced; no grounds). Whether the
individual assessment is required is a rule (`wet.individuele_beoordeling_vereist`), checked
by the service, not by this table."""

from inburgering.statusmachine import Statusmachine

from .models import ZaakStatus

S = ZaakStatus

ZAAK_STATUS = Statusmachine.uit_paren(
    ZaakStatus,
    [
        (None, S.SIGNAAL),
        (S.SIGNAAL, S.BEOORDEELD),
        (S.SIGNAAL, S.VOORNEMEN),  # no individual assessment required
        (S.SIGNAAL, S.GEEN_BOETE),
        (S.BEOORDEELD, S.VOORNEMEN),
        (S.BEOORDEELD, S.GEEN_BOETE),
        (S.VOORNEMEN, S.ZIENSWIJZE),
        (S.VOORNEMEN, S.BESCHIKT),  # after the zienswijze term without a zienswijze
        (S.VOORNEMEN, S.GEEN_BOETE),
        (S.ZIENSWIJZE, S.BESCHIKT),
        (S.ZIENSWIJZE, S.GEEN_BOETE),
        (S.BESCHIKT, S.HEROVERWOGEN),  # bezwaar or beroep (deels) ongegrond
        (S.BESCHIKT, S.GEEN_BOETE),  # bezwaar or beroep gegrond
        (S.HEROVERWOGEN, S.HEROVERWOGEN),  # beroep after the decision on bezwaar
        (S.HEROVERWOGEN, S.GEEN_BOETE),
        (S.BESCHIKT, S.OVERGEDRAGEN),
        (S.HEROVERWOGEN, S.OVERGEDRAGEN),
        (S.BESCHIKT, S.BETAALD),  # paid before the transfer
        (S.HEROVERWOGEN, S.BETAALD),
        (S.OVERGEDRAGEN, S.BETAALD),
        (S.OVERGEDRAGEN, S.KWIJTGESCHOLDEN),
    ],
)
