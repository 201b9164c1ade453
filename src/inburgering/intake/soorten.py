"""The event types the intake app owns: contact, the brede intake and its summons flow (with
warning and fine), waiting, and the leerbaarheidstoets. Registered from `IntakeConfig.ready`;
see `dossiers/gebeurtenissen.py` for what a registration says."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inburgering.dossiers.gebeurtenissen import (
    GETAL,
    JANEE,
    OBJECT,
    TEKST,
    bedrag,
    keuze,
    registreer_soort,
    tekst,
)
from inburgering.dossiers.referentie import NIET_GEVOLGD, Kanaal
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


def registreer() -> None:
    S = Soort
    app = "intake"
    registreer_soort(S.INTAKE_GESTART, app=app, handmatig=True, mijlpalen=[("intake", "min")])
    registreer_soort(S.INTAKE_AFGEROND, app=app, mijlpalen=[("intake_afgerond", "max")])
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
    )
    registreer_soort(
        S.OPROEP_NIET_GEVOLGD,
        app=app,
        velden={"reden": TEKST},
        woorden=[keuze("reden", NIET_GEVOLGD)],
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
    )
    registreer_soort(
        S.WARME_OVERDRACHT,
        app=app,
        velden={"kanaal": TEKST, "deelnemers": TEKST},
        woorden=[tekst("deelnemers"), kanaal],
    )
    registreer_soort(
        S.WACHT_OP, app=app, velden={"op": TEKST}, verplicht=["op"], woorden=[keuze("op", WachtOp)]
    )
    registreer_soort(
        S.WACHTEN_BEEINDIGD, app=app, velden={"op": TEKST}, woorden=[keuze("op", WachtOp)]
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
    )
    registreer_soort(
        S.LBT_ONTHEFFING,
        app=app,
        velden={"beperking": TEKST, "grondslag": TEKST},
        mijlpalen=[("lbt_ontheffing", "max")],
    )
