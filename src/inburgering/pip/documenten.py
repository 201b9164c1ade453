"""The beschikking (PDF) and the one-page summary for the inburgeraar, generated on request
from a vastgestelde version (which never changes), in plain Dutch (B1)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from inburgering import wet
from inburgering.brieven import services as brieven
from inburgering.brieven.verzonden import PIP_BESCHIKKING, Verzondenbrief
from inburgering.dossiers import deadlines
from inburgering.intake.models import Afwijkingsreden
from inburgering.pdfdocument import pdf_uit_html

from . import services
from .models import PipVersie, Status

#: The legal basis named in the beschikking, per element (Wi = Wet inburgering 2021).
GRONDSLAGEN = [
    ("Wet inburgering 2021, artikel 15", "het college stelt het PIP vast bij beschikking"),
    ("Besluit inburgering 2021, artikel 5.3", "de termijn en de inhoud van het PIP"),
    ("Wet inburgering 2021, artikel 11", "de inburgeringstermijn van drie jaar"),
]


def context(versie: PipVersie) -> dict:
    dossier = versie.pip.dossier
    toestand = services.toestand_van(dossier)
    eerste = toestand.eerste_pip_dagtekening or versie.dagtekening
    termijn = wet.inburgeringstermijn(eerste, dagtekening_huidige_pip=versie.dagtekening)
    teksten = services.sjabloon(dossier.gemeente)
    redenen = [
        Afwijkingsreden(r).label
        for r in versie.lbt_afwijking_redenen
        if r in Afwijkingsreden.values
    ]
    hoofd = brieven.briefhoofd(dossier.gemeente)
    return {
        "hoofd": hoofd,
        "afzender": brieven.afzender(dossier, versie.vastgesteld_door),
        "ontvanger": brieven.ontvanger(dossier.inburgeraar),
        "kenmerk": kenmerk_van(versie),
        "datum": versie.dagtekening,
        "onderwerp": onderwerp_van(versie),
        "awb_bezwaar": services.AWB_BEZWAAR,
        "versie": versie,
        "dossier": dossier,
        "persoon": dossier.inburgeraar,
        "gemeente": dossier.gemeente,
        "teksten": teksten,
        "termijn": termijn,
        "termijn_grondslag": deadlines.grondslag_tekst(termijn),
        "map": services.map_verplicht(versie),
        "grondslagen": GRONDSLAGEN,
        "afwijking_redenen": redenen,
        "bezwaar_weken": services.BEZWAARTERMIJN_WEKEN,
        "gesprekken": list(versie.pip.voortgangsgesprekken.all()),
    }


def onderwerp_van(versie: PipVersie) -> str:
    """The beschikking's subject line, as printed on it."""
    return "besluit over uw persoonlijk plan inburgering en participatie (PIP)" + (
        f", versie {versie.versienummer}" if versie.versienummer > 1 else ""
    )


def kenmerk_van(versie: PipVersie) -> str:
    """The beschikking's stable, unique reference (`brieven.services.kenmerk`)."""
    return brieven.kenmerk(versie.pip.dossier.gemeente, "PIP", versie.pk)


def markeer_verzonden(versie: PipVersie, *, kanaal: str, datum, actor):
    if datum < versie.dagtekening:
        raise brieven.Brieffout(_("De verzenddatum ligt vóór de dagtekening van het besluit."))
    return brieven.markeer_verzonden(
        versie.pip.dossier,
        kenmerk_=kenmerk_van(versie),
        kanaal=kanaal,
        datum=datum,
        actor=actor,
        onderwerp=_("Besluit PIP versie %(n)s") % {"n": versie.versienummer},
        pip_versie=versie.versienummer,
    )


def html(template: str, versie: PipVersie) -> str:
    # Legal documents for the inburgeraar are Dutch, whatever the user's interface language.
    with translation.override("nl"):
        return render_to_string(template, context(versie))


def pdf(template: str, versie: PipVersie) -> bytes:
    return pdf_uit_html(html(template, versie))


def beschikking_pdf(versie: PipVersie) -> bytes:
    return pdf("pip/beschikking.html", versie)


def samenvatting_pdf(versie: PipVersie) -> bytes:
    return pdf("pip/samenvatting_document.html", versie)


def _hoofdletter(tekst: str) -> str:
    return tekst[:1].upper() + tekst[1:]


def verzonden(dossier) -> list[Verzondenbrief]:
    """The beschikking of every version that was vastgesteld (also one replaced since), for
    the person's own list (`brieven.verzonden`), dated on its dagtekening. A draft, or a
    version waiting for approval, is not in it."""
    versies = PipVersie.objects.filter(
        pip__dossier=dossier,
        status__in=[Status.VASTGESTELD, Status.VERVANGEN],
        dagtekening__isnull=False,
    ).select_related("pip__dossier__gemeente")
    return [
        Verzondenbrief(
            kenmerk=kenmerk_van(versie),
            soort=PIP_BESCHIKKING,
            onderwerp=_hoofdletter(onderwerp_van(versie)),
            datum=versie.dagtekening,
            pdf=lambda versie=versie: beschikking_pdf(versie),
            beschikking=True,
            vervangen=versie.status == Status.VERVANGEN,
            bron=versie,
        )
        for versie in versies
        if versie.dagtekening is not None
    ]
