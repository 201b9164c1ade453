"""The event types the dossiers app owns: the first signals, phase steps, assignment, closing,
corrections and the outcomes (participation, costs, dual activities). Registered from
`DossiersConfig.ready`; see `gebeurtenissen.py` for what a registration says."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inburgering.labels import label

from .gebeurtenissen import (
    GETAL,
    LIJST,
    TEKST,
    Bijdrage,
    bedrag,
    keuze,
    registreer_soort,
    tekst,
)
from .models import Doelgroep
from .persoonsgegevens import beschrijf_wijzigingen
from .referentie import LEERROUTES
from .toestand import DossierToestand
from .uitkomsten import DualeActiviteit, Kostenpost, Participatiestatus
from .workflow import Afsluitreden, Soort


def leerroute(gegevens: Mapping[str, Any]) -> str | None:
    """The leerroute's name (an unknown code as it is)."""
    route = gegevens.get("leerroute")
    return str(LEERROUTES.get(route, route)) if route else None


def _participatie(gegevens: Mapping[str, Any]) -> str | None:
    status = gegevens.get("status")
    if not isinstance(status, list):
        return None
    return " + ".join(label(Participatiestatus, s) for s in status)


def _dubbel(gegevens: Mapping[str, Any]) -> str | None:
    if not gegevens.get("andere_gemeente"):
        return None
    return str(
        _(
            "ook ingeschreven door gemeente %(g)s: ga na of de persoon is verhuisd en "
            "draag het dossier dan over"
        )
        % {"g": gegevens["andere_gemeente"]}
    )


# --- contributions to the dossier state (toestand) and the monitoring row (detail) ------------


def _kennisgeving(t: DossierToestand, datum: dt.date, g: Mapping[str, Any]) -> None:
    t.kennisgeving_datum = datum


def _koppeling(t: DossierToestand, datum: dt.date, g: Mapping[str, Any]) -> None:
    t.koppeling_datum = datum
    t.azc = g.get("azc", "")


def _huisvesting(t: DossierToestand, datum: dt.date, g: Mapping[str, Any]) -> None:
    t.brp_inschrijving_datum = datum
    t.eerste_brp_inschrijving_datum = t.eerste_brp_inschrijving_datum or datum


def _aangemeld(t: DossierToestand, datum: dt.date, g: Mapping[str, Any]) -> None:
    t.aangemeld_leerroute = datum


def _aangemeld_detail(m: Any, datum: dt.date, w: Mapping[str, str | None]) -> None:
    m.cursusinstelling = w["cursusinstelling"] or ""


def _gestart(t: DossierToestand, datum: dt.date, g: Mapping[str, Any]) -> None:
    t.leerroute_gestart = datum


def _afgesloten(t: DossierToestand, datum: dt.date, g: Mapping[str, Any]) -> None:
    t.afgesloten_op = datum
    t.afsluitreden = g.get("reden", "")


def _afgesloten_detail(m: Any, datum: dt.date, w: Mapping[str, str | None]) -> None:
    m.afsluitreden = w["reden"] or ""


def _doelgroep(t: DossierToestand, datum: dt.date, g: Mapping[str, Any]) -> None:
    t.doelgroep = g["doelgroep"]
    t.doelgroephistorie.append((datum, t.doelgroep))


def _consulent(t: DossierToestand, datum: dt.date, g: Mapping[str, Any]) -> None:
    t.consulent_id = g.get("consulent_id")
    t.consulenthistorie.append((datum, t.consulent_id))


#: DUO's gebeurtenisId that caused the event (koppelingen.duo.handlers).
DUO = {"gebeurtenis": TEKST}
SIGNAAL = ("signaal", "min")


def registreer() -> None:
    S = Soort
    app = "dossiers"
    registreer_soort(
        S.SIGNAAL_ONTVANGEN,
        app=app,
        handmatig=True,
        velden=DUO,
        mijlpalen=[SIGNAAL, ("kennisgeving", "max")],
        toestand=_kennisgeving,
    )
    registreer_soort(
        S.COA_KOPPELING,
        app=app,
        handmatig=True,
        velden={"azc": TEKST, "coa_contact": TEKST},
        woorden=[
            tekst("azc", gettext_lazy("azc %(azc)s")),
            tekst("coa_contact", gettext_lazy("contact COA: %(c)s"), als="c"),
        ],
        mijlpalen=[SIGNAAL, ("koppeling", "max")],
        toestand=_koppeling,
    )
    registreer_soort(
        S.HUISVESTING,
        app=app,
        handmatig=True,
        velden=DUO,
        mijlpalen=[SIGNAAL, ("huisvesting", "max")],
        toestand=_huisvesting,
    )
    registreer_soort(
        S.AANGEMELD_LEERROUTE,
        app=app,
        handmatig=True,
        velden={"cursusinstelling": TEKST},
        mijlpalen=[("aangemeld", "max")],
        toestand=_aangemeld,
        detail=Bijdrage(("cursusinstelling",), _aangemeld_detail),
    )
    registreer_soort(
        S.LEERROUTE_GESTART,
        app=app,
        handmatig=True,
        velden={"cursusinstelling": TEKST},
        mijlpalen=[("route_start", "min")],
        toestand=_gestart,
    )
    registreer_soort(
        S.DOSSIER_AFGESLOTEN,
        app=app,
        handmatig=True,
        velden={
            "reden": TEKST,
            "reden_duo": TEKST,
            "vrijstellingen": LIJST,
            "ontheffingen": LIJST,
            **DUO,
        },
        verplicht=["reden"],
        woorden=[keuze("reden", Afsluitreden)],
        mijlpalen=[("afgesloten", "max")],
        toestand=_afgesloten,
        detail=Bijdrage(("reden",), _afgesloten_detail),
    )
    registreer_soort(
        S.DOELGROEP_VASTGESTELD,
        app=app,
        handmatig=True,
        velden={"doelgroep": TEKST},
        verplicht=["doelgroep"],
        woorden=[keuze("doelgroep", Doelgroep)],
        toestand=_doelgroep,
        bewaard=["doelgroep"],
    )
    registreer_soort(
        S.CONSULENT_TOEGEWEZEN,
        app=app,
        velden={"consulent_id": GETAL, "naam": TEKST},
        woorden=[tekst("naam")],
        toestand=_consulent,
        bewaard=["consulent_id"],
    )
    registreer_soort(S.NOTITIE, app=app, handmatig=True, velden={"onderwerp": TEKST})
    registreer_soort(S.INTREKKING, app=app, velden={"toelichting": TEKST, **DUO})
    registreer_soort(
        S.DUBBELE_INSCHRIJVING,
        app=app,
        velden={"andere_gemeente": TEKST, "andere_gemeente_code": TEKST},
        woorden=[_dubbel],
    )
    registreer_soort(
        S.PARTICIPATIE_GEMETEN,
        app=app,
        velden={"moment": (TEKST, int), "status": LIJST, "uren_werk": GETAL},
        verplicht=["moment", "status"],
        woorden=[tekst("moment", gettext_lazy("na %(n)s maanden"), als="n"), _participatie],
        bewaard=["moment", "status"],
    )
    registreer_soort(
        S.KOSTEN_GEREGISTREERD,
        app=app,
        velden={"bedrag_cents": int, "post": TEKST, "aanbieder": TEKST},
        verplicht=["bedrag_cents", "post"],
        woorden=[bedrag(), keuze("post", Kostenpost), tekst("aanbieder")],
        bewaard=["post", "bedrag_cents"],
    )
    registreer_soort(
        S.DUALE_ACTIVITEIT_GESTART,
        app=app,
        velden={"activiteit": TEKST, "organisatie": TEKST, "uren_per_week": GETAL},
        verplicht=["activiteit"],
        woorden=[keuze("activiteit", DualeActiviteit), tekst("organisatie")],
        bewaard=["activiteit"],
    )
    registreer_soort(
        S.DUALE_ACTIVITEIT_BEEINDIGD,
        app=app,
        velden={"activiteit": TEKST},
        verplicht=["activiteit"],
        woorden=[keuze("activiteit", DualeActiviteit)],
        bewaard=["activiteit"],
    )
    registreer_soort(
        S.PERSOONSGEGEVENS_GEWIJZIGD,
        app=app,
        velden={"wijzigingen": LIJST},
        verplicht=["wijzigingen"],
        woorden=[beschrijf_wijzigingen],
    )
