"""Quarterly delivery file for the CBS Statistiek Wet Inburgering (Wi art. 39), per gemeente.

The official CBS SWI record layout is NOT in our reference material: the layout below is this
product's own (docs/cbs.md) and must be mapped to CBS's layout once that is obtained. The same
holds for the person key: an HMAC-SHA256 of the BSN with a key derived from settings.SECRET_KEY
stands in for CBS's own pseudonymisation procedure and must be replaced by it.

One row per dossier active in the quarter: it has at least one event on or before the last day
of the quarter and was not closed before its first day. Dates and codes are as the event log
knew them on the last day of the quarter (the same fold rules as the dashboard, `indicatoren`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from inburgering import exports

from . import extractie as ex
from . import projectie

#: Key salt of the HMAC; the key is derived from this salt and settings.SECRET_KEY.
SLEUTEL_ZOUT = "inburgering.monitoring.cbs.persoonssleutel"


def persoonssleutel(bsn: str) -> str:
    """Pseudonymised person key: HMAC-SHA256 of the BSN (hex, 64 characters). Never the BSN."""
    return salted_hmac(SLEUTEL_ZOUT, bsn, algorithm="sha256").hexdigest()


@dataclass(frozen=True)
class Kwartaal:
    jaar: int
    nummer: int

    def __post_init__(self):
        if self.nummer not in (1, 2, 3, 4):
            raise ValueError("kwartaal 1 tot en met 4")

    @property
    def start(self) -> dt.date:
        return dt.date(self.jaar, 3 * self.nummer - 2, 1)

    @property
    def einde(self) -> dt.date:
        volgende = dt.date(self.jaar + self.nummer // 4, 3 * self.nummer % 12 + 1, 1)
        return volgende - dt.timedelta(days=1)

    def __str__(self) -> str:
        return f"{self.jaar}K{self.nummer}"


@dataclass
class Rij:
    """One dossier in the delivery: the CBS-facing values plus the dossier's uuid (not
    delivered; for the completeness report) and its milestones."""

    uuid: str
    waarden: dict[str, str]
    mijlpalen: ex.Mijlpalen


def _altijd(m: ex.Mijlpalen) -> bool:
    return True


def _met_pip(m: ex.Mijlpalen) -> bool:
    return m.pip is not None


def _lbt_nodig(m: ex.Mijlpalen) -> bool:
    return m.pip is not None and m.lbt_ontheffing is None


def _gesloten(m: ex.Mijlpalen) -> bool:
    return m.afgesloten is not None


#: (column, description, mandatory when). The conditions are ours, see docs/cbs.md.
KOLOMMEN: list[tuple[str, str, Callable[[ex.Mijlpalen], bool] | None]] = [
    ("gemeentecode", _("CBS-code van de gemeente"), _altijd),
    ("kwartaal", _("Verslagkwartaal (JJJJKn)"), _altijd),
    ("persoonssleutel", _("Gepseudonimiseerde persoonssleutel"), _altijd),
    ("doelgroep", _("Doelgroep"), _altijd),
    ("regime", _("Regime"), _altijd),
    (
        "datum_kennisgeving",
        _("Datum kennisgeving DUO (niet bij vestiging na verhuizing)"),
        lambda m: m.vestiging is None,
    ),
    ("datum_start_brede_intake", _("Start brede intake (verplicht na PIP)"), _met_pip),
    ("datum_einde_brede_intake", _("Einde brede intake (verplicht na PIP)"), _met_pip),
    ("datum_lbt", _("Datum leerbaarheidstoets (na PIP, tenzij ontheffing)"), _lbt_nodig),
    ("score_lbt", _("Score leerbaarheidstoets (na PIP, tenzij ontheffing)"), _lbt_nodig),
    (
        "datum_pip",
        _("Dagtekening eerste PIP (verplicht als de leerroute gestart is)"),
        lambda m: m.route_start is not None,
    ),
    ("leerroute", _("Leerroute (verplicht na PIP)"), _met_pip),
    ("datum_start_leerroute", _("Start leerroute"), None),
    ("datum_einde_termijn", _("Einde inburgeringstermijn (verplicht na PIP)"), _met_pip),
    ("bron_einde_termijn", _("Bron einde termijn: duo of berekend"), _met_pip),
    ("afsluitreden", _("Reden afsluiten (verplicht als afgesloten)"), _gesloten),
    ("datum_afsluiting", _("Datum afsluiten (verplicht als afgesloten)"), _gesloten),
]


def _d(datum: dt.date | None) -> str:
    return datum.isoformat() if datum else ""


def levering(dossiers, gemeente, kwartaal: Kwartaal) -> list[Rij]:
    """Rows for `gemeente` in `kwartaal`. `dossiers` is the user's scope
    (`dossiers_voor(user)`); only dossiers in it are delivered."""
    personen = {
        pk: (str(uuid), bsn, regime)
        for pk, uuid, bsn, regime in dossiers.filter(gemeente=gemeente).values_list(
            "pk", "uuid", "inburgeraar__bsn", "regime"
        )
    }
    rijen = []
    for m in projectie.mijlpalen(ex.Selectie((gemeente.pk,), kwartaal.einde)):
        if m.dossier_id not in personen:
            continue
        if m.afgesloten and m.afgesloten < kwartaal.start:
            continue
        uuid, bsn, regime = personen[m.dossier_id]
        einde, bron = m.termijn_einde
        waarden = {
            "gemeentecode": gemeente.cbs_code,
            "kwartaal": str(kwartaal),
            "persoonssleutel": persoonssleutel(bsn),
            "doelgroep": m.doelgroep,
            "regime": regime,
            "datum_kennisgeving": _d(m.kennisgeving),
            "datum_start_brede_intake": _d(m.intake),
            "datum_einde_brede_intake": _d(m.intake_afgerond),
            "datum_lbt": _d(m.lbt),
            "score_lbt": "" if m.lbt_score is None else str(m.lbt_score),
            "datum_pip": _d(m.pip),
            "leerroute": m.leerroute,
            "datum_start_leerroute": _d(m.route_start),
            "datum_einde_termijn": _d(einde),
            "bron_einde_termijn": bron,
            "afsluitreden": m.afsluitreden if m.afgesloten else "",
            "datum_afsluiting": _d(m.afgesloten),
        }
        rijen.append(Rij(uuid, waarden, m))
    rijen.sort(key=lambda r: r.waarden["persoonssleutel"])
    return rijen


@dataclass
class Ontbrekend:
    kolom: str
    omschrijving: str
    verplicht: int
    uuids: list[str]


def volledigheid(rijen: list[Rij]) -> list[Ontbrekend]:
    """Per mandatory column: how many rows must have it, and the dossiers (uuids) missing it."""
    resultaat = []
    for kolom, omschrijving, verplicht in KOLOMMEN:
        if verplicht is None:
            continue
        nodig = [r for r in rijen if verplicht(r.mijlpalen)]
        resultaat.append(
            Ontbrekend(
                kolom,
                str(omschrijving),
                len(nodig),
                [r.uuid for r in nodig if not r.waarden[kolom]],
            )
        )
    return resultaat


def als_csv(rijen: list[Rij]) -> bytes:
    """`;`-separated, UTF-8 without BOM, CRLF, header row with the column names, ISO dates;
    text cells neutralised against formulas (`inburgering.exports`)."""
    kolommen = [k for k, _o, _v in KOLOMMEN]
    return exports.als_csv(kolommen, ([rij.waarden[k] for k in kolommen] for rij in rijen))
