"""The event types the intake app owns: contact, the brede intake and its summons flow (with
warning and fine), waiting, and the leerbaarheidstoets. Registered from `IntakeConfig.ready`;
see `dossiers/gebeurtenissen.py` for what a registration says."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inburgering.dossiers.gebeurtenissen import (
    GETAL,
    JANEE,
    OBJECT,
    TEKST,
    Bijdrage,
    bedrag,
    datum_iso,
    keuze,
    registreer_soort,
    tekst,
)
from inburgering.dossiers.referentie import NIET_GEVOLGD, Kanaal
from inburgering.dossiers.toestand import DossierToestand
from inburgering.dossiers.workflow import Soort, WachtOp
from inburgering.labels import bekend_label


def kanaal(gegevens: Mapping[str, Any]) -> str | None:
    waarde = gegevens.get("kanaal")
    if not waarde:
        return None
    return bekend_label(Kanaal, waarde) or str(waarde)


def _oproep(gegevens: Mapping[str, Any]) -> str | None:
    if not gegevens.get("volgnummer"):
        return None
    return str(
        _("oproep %(n)s, afspraak maken %(van)s t/m %(tot)s")
        % {
            "n": gegevens["volgnummer"],
            "van": _nl(gegevens.get("periode_van")),
            "tot": _nl(gegevens.get("periode_tot")),
        }
    )


def _score(gegevens: Mapping[str, Any]) -> str | None:
    if gegevens.get("score") is None:
        return None
    return str(_("score %(score)s van 40") % {"score": gegevens["score"]})


def _nl(iso: str | None) -> str:
    return "-".join(reversed(iso.split("-"))) if iso else "?"


# --- contributions to the dossier state (toestand) and the monitoring row (detail) ------------


def _intake_gestart(t: DossierToestand, datum: dt.date, g: Mapping[str, Any]) -> None:
    t.intake_gestart = t.intake_gestart or datum


def _intake_afgerond(t: DossierToestand, datum: dt.date, g: Mapping[str, Any]) -> None:
    t.intake_afgerond = datum


def _lbt(t: DossierToestand, datum: dt.date, g: Mapping[str, Any]) -> None:
    t.lbt_score = g.get("score")
    t.lbt_datum = datum


def _lbt_detail(m: Any, datum: dt.date, w: Mapping[str, str | None]) -> None:
    score = w["score"]
    m.lbt_score = int(score) if score not in (None, "") else None


def _oproep_toestand(t: DossierToestand, datum: dt.date, g: Mapping[str, Any]) -> None:
    t.oproepen += 1
    t.laatste_oproep_tot = datum_iso(g.get("periode_tot")) or t.laatste_oproep_tot


def _niet_gevolgd(t: DossierToestand, datum: dt.date, g: Mapping[str, Any]) -> None:
    t.niet_gevolgde_oproepen += 1


def _zonder_persoon(t: DossierToestand, datum: dt.date, g: Mapping[str, Any]) -> None:
    t.intake_zonder_persoon = True
    t.intake_afgerond = datum


def _wacht_op(t: DossierToestand, datum: dt.date, g: Mapping[str, Any]) -> None:
    t.wacht_op = g.get("op", "")
    t.wacht_op_sinds = datum
    if t.wacht_op == "derde":
        t.wacht_op_derde = True
        t.informatie_derde_ontvangen = None


def _wacht_op_detail(m: Any, datum: dt.date, w: Mapping[str, str | None]) -> None:
    m.wacht_op = w["op"] or ""
    m.wachtredenen.append(m.wacht_op)
    if m.wacht_op == "derde":
        m.wacht_op_derde, m.derde_ontvangen = True, None


def _wachten_beeindigd(t: DossierToestand, datum: dt.date, g: Mapping[str, Any]) -> None:
    if t.wacht_op == "derde":
        t.informatie_derde_ontvangen = datum
    t.wacht_op = ""
    t.wacht_op_sinds = None


def _wachten_beeindigd_detail(m: Any, datum: dt.date, w: Mapping[str, str | None]) -> None:
    if m.wacht_op == "derde":
        m.derde_ontvangen = datum
    m.wacht_op = ""


def _contact(t: DossierToestand, datum: dt.date, g: Mapping[str, Any]) -> None:
    t.laatste_contact = max(filter(None, [t.laatste_contact, datum]))


def registreer() -> None:
    S = Soort
    app = "intake"
    registreer_soort(
        S.INTAKE_GESTART,
        app=app,
        handmatig=True,
        mijlpalen=[("intake", "min")],
        toestand=_intake_gestart,
    )
    registreer_soort(
        S.INTAKE_AFGEROND,
        app=app,
        mijlpalen=[("intake_afgerond", "max")],
        toestand=_intake_afgerond,
    )
    registreer_soort(
        S.BRIEF_VERZONDEN,
        app=app,
        # A letter (`brief`) or the PIP beschikking (`pip_versie`), with its kenmerk.
        velden={
            "brief": GETAL,
            "pip_versie": GETAL,
            "kenmerk": TEKST,
            "kanaal": TEKST,
            "onderwerp": TEKST,
        },
        verplicht=["kenmerk", "kanaal"],
        woorden=[tekst("onderwerp"), tekst("kenmerk", gettext_lazy("kenmerk %(kenmerk)s")), kanaal],
    )
    registreer_soort(
        S.INTAKE_ZONDER_PERSOON,
        app=app,
        velden={"brief": GETAL},
        mijlpalen=[("intake_afgerond", "max")],
        toestand=_zonder_persoon,
    )
    registreer_soort(
        S.OPROEP_INTAKE,
        app=app,
        velden={
            "volgnummer": GETAL,
            "kanaal": TEKST,
            "brief": GETAL,
            "periode_van": TEKST,
            "periode_tot": TEKST,
        },
        woorden=[_oproep, kanaal],
        toestand=_oproep_toestand,
        bewaard=["periode_tot"],
    )
    registreer_soort(
        S.OPROEP_NIET_GEVOLGD,
        app=app,
        velden={"reden": TEKST},
        woorden=[keuze("reden", NIET_GEVOLGD)],
        toestand=_niet_gevolgd,
    )
    registreer_soort(S.WAARSCHUWING, app=app, velden={"brief": GETAL})
    registreer_soort(
        S.BOETE_VOORGESTELD,
        app=app,
        velden={
            "artikel": TEKST,
            "bedrag_cents": GETAL,
            "uitleg": TEKST,
            "grondslag": TEKST,
            "individuele_beoordeling": OBJECT,
        },
        woorden=[bedrag()],
    )
    registreer_soort(
        S.CONTACT,
        app=app,
        velden={"kanaal": TEKST, "tolk": JANEE, "pip": TEKST, "volgnummer_gesprek": GETAL},
        woorden=[kanaal],
        mijlpalen=[("eerste_contact", "min")],
        toestand=_contact,
    )
    registreer_soort(
        S.WARME_OVERDRACHT,
        app=app,
        velden={"kanaal": TEKST, "deelnemers": TEKST},
        woorden=[tekst("deelnemers"), kanaal],
    )
    registreer_soort(
        S.WACHT_OP,
        app=app,
        velden={"op": TEKST},
        verplicht=["op"],
        woorden=[keuze("op", WachtOp)],
        toestand=_wacht_op,
        detail=Bijdrage(("op",), _wacht_op_detail),
    )
    registreer_soort(
        S.WACHTEN_BEEINDIGD,
        app=app,
        velden={"op": TEKST},
        woorden=[keuze("op", WachtOp)],
        toestand=_wachten_beeindigd,
        detail=Bijdrage(("op",), _wachten_beeindigd_detail),
    )
    registreer_soort(
        S.LBT_AFGENOMEN,
        app=app,
        velden={
            "score": GETAL,
            "cesuur": GETAL,
            "haalbaar": JANEE,
            "afname": TEKST,
            "behaalde_score": TEKST,
            "benodigde_score": TEKST,
            "resultaat": TEKST,
        },
        woorden=[_score],
        mijlpalen=[("lbt", "max")],
        toestand=_lbt,
        detail=Bijdrage(("score",), _lbt_detail),
    )
    registreer_soort(
        S.LBT_ONTHEFFING,
        app=app,
        velden={"beperking": TEKST, "grondslag": TEKST},
        mijlpalen=[("lbt_ontheffing", "max")],
    )
