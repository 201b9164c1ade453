"""The demo's gemeenten: Utrecht, Deventer and the BUCH gemeenten (Zaffier), with their share
of the dossiers. All gemeenten with CBS code and (indicative) population are in
`accounts.gemeentecodes`."""

from __future__ import annotations

from inburgering.accounts.gemeentecodes import GEMEENTEN, PER_CODE, GemeenteInfo

__all__ = ["GEMEENTEN", "PER_CODE", "GemeenteInfo"]

UTRECHT = "0344"
DEVENTER = "0150"
#: The BUCH gemeenten served by Zaffier: Bergen (NH.), Uitgeest, Castricum, Heiloo.
BUCH = ("0373", "0450", "0383", "0399")
ZAFFIER = "Zaffier"
#: Zaffier's team is registered under Heiloo (a team belongs to one gemeente in our model).
ZAFFIER_TEAM_GEMEENTE = "0399"
#: Gemeenten of the demo profile with their share of the dossiers.
DEMO_AANDEEL = {
    UTRECHT: 0.52, DEVENTER: 0.28, "0373": 0.06, "0450": 0.025, "0383": 0.07, "0399": 0.045,
}  # fmt: skip
