"""The event types the termijn app owns (registered from `TermijnConfig.ready`).

* `verlenging_aangevraagd`: the extension applied for (or proposed to DUO ex officio), with the
  gemeente's contribution (aanbod not delivered, a circumstance, a non-exempting education);
* `verlenging_besluit`: DUO's decision on the extension, as the consulent recorded it;
* `ontheffingsadvies`: the college's advice on a bijzondere ontheffing, marked for DUO;
* `termijn_eindstand`: what was achieved and still open when the termijn ended (with the
  closing `dossier_afgesloten`, reden `termijn_verstreken`).

All are facts: none changes the phase (`workflow.FEITEN`). No payload key is kept by the
retention purge (`bewaard`): neither the fold nor monitoring reads them.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from inburgering.dossiers.gebeurtenissen import (
    GETAL,
    JANEE,
    LIJST,
    TEKST,
    keuze,
    registreer_soort,
)
from inburgering.dossiers.workflow import Soort

from .keuzes import Advies, Besluituitkomst, Verlengingsgrond


def _maanden(gegevens: Mapping[str, Any]) -> str | None:
    if not gegevens.get("maanden"):
        return None
    return _("%(n)s maanden") % {"n": gegevens["maanden"]}


def _einde(gegevens: Mapping[str, Any]) -> str | None:
    if not gegevens.get("termijn_einde"):
        return None
    return _("termijn tot en met %(d)s") % {"d": gegevens["termijn_einde"]}


def _bijdrage(gegevens: Mapping[str, Any]) -> str | None:
    if gegevens.get("aanbod_niet_geleverd"):
        return _("de gemeente leverde het inburgeringsaanbod niet op tijd")
    return None


def _terug(gegevens: Mapping[str, Any]) -> str | None:
    return _("terug te melden aan DUO") if gegevens.get("terug_naar_duo") else None


def _open(gegevens: Mapping[str, Any]) -> str | None:
    open_ = gegevens.get("open") or []
    if not open_:
        return _("niets meer open")
    return _("open: %(lijst)s") % {"lijst": "; ".join(str(o) for o in open_)}


def registreer() -> None:
    registreer_soort(
        Soort.VERLENGING_AANGEVRAAGD,
        app="termijn",
        velden={
            "grond": TEKST,
            "aanbod_niet_geleverd": JANEE,
            "omstandigheid": JANEE,
            "niet_vrijstellende_opleiding": JANEE,
            "termijn_einde": TEKST,
            "inspanningen_voldaan": JANEE,
        },
        verplicht=["grond", "termijn_einde"],
        woorden=[keuze("grond", Verlengingsgrond), _bijdrage],
    )
    registreer_soort(
        Soort.VERLENGING_BESLUIT,
        app="termijn",
        velden={
            "uitkomst": TEKST,
            "maanden": GETAL,
            "ambtshalve": JANEE,
            "categorie": JANEE,
            "termijn_einde": TEKST,
        },
        verplicht=["uitkomst"],
        woorden=[keuze("uitkomst", Besluituitkomst), _maanden, _einde],
    )
    registreer_soort(
        Soort.ONTHEFFINGSADVIES,
        app="termijn",
        velden={
            "advies": TEKST,
            "signaal": GETAL,
            "uiterlijk": TEKST,
            "terug_naar_duo": JANEE,
        },
        verplicht=["advies", "signaal"],
        woorden=[keuze("advies", Advies), _terug],
    )
    registreer_soort(
        Soort.TERMIJN_EINDSTAND,
        app="termijn",
        velden={
            "termijn_einde": TEKST,
            "open": LIJST,
            "behaalde_onderdelen": LIJST,
            "vrijgestelde_onderdelen": LIJST,
            "uren": GETAL,
            "pvt_afgerond": JANEE,
            "map_afgerond": JANEE,
            "boete_art24": JANEE,
            "boete_art25": JANEE,
            "verlengd": JANEE,
        },
        verplicht=["termijn_einde", "open"],
        woorden=[_einde, _open],
    )
