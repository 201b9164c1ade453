"""The fine procedure (Wi art. 22, 23, 26, 27; Besluit 7.1) as casework: open a case, record
the individual assessment, send the voornemen, receive the zienswijze, decide (beschikking or
geen boete), record the outcome of bezwaar or beroep, hand over for collection, and close as
paid or remitted.

Every step checks the status table (`statussen.ZAAK_STATUS`) and the rules of
`inburgering.wet` first, then changes the case and appends its event in one transaction: a
refused step saves nothing. Letters (voornemen, beschikking) go out through the brieven app
(letterhead, kenmerk, `brief_verzonden`); their PDFs come from `inburgering.pdfdocument`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering import wet
from inburgering.accounts.models import Gebruiker
from inburgering.brieven import services as brieven
from inburgering.brieven.verzonden import BOETE_BESCHIKKING, BOETE_VOORNEMEN, Verzondenbrief
from inburgering.dossiers.models import Dossier
from inburgering.dossiers.services import registreer
from inburgering.dossiers.toestand import OngeldigeGebeurtenis
from inburgering.dossiers.uitleg import regeltekst
from inburgering.dossiers.workflow import Soort
from inburgering.exports import als_csv
from inburgering.pdfdocument import pdf_uit_html
from inburgering.wet.boetes import euro

from .models import (
    OPEN,
    TELT_MEE,
    Artikel,
    Handhavingszaak,
    Rechtsmiddel,
    Uitspraak,
    Verwijtbaarheid,
    ZaakStatus,
    Zienswijzevorm,
)
from .statussen import ZAAK_STATUS

S = ZaakStatus


class Handhavingsfout(OngeldigeGebeurtenis):
    """The step does not fit; the message is Dutch, names the legal reason, meant for the user."""


# --- reading ---------------------------------------------------------------------------------


def zaken_van(dossier: Dossier) -> list[Handhavingszaak]:
    return list(dossier.handhavingszaken.order_by("constatering", "pk"))


def _termijn_label(maanden: int | None) -> str:
    if maanden is None:
        return _("inburgeringstermijn")
    return _("nieuwe termijn van %(n)s maanden") % {"n": maanden}


def opgelegd_in_termijn(
    dossier: Dossier, nieuwe_termijn_maanden: int | None, *, behalve: int | None = None
) -> int:
    """Cents imposed (and standing) in this termijn, other cases than `behalve`."""
    return sum(
        z.bedrag_cents
        for z in dossier.handhavingszaken.filter(
            status__in=TELT_MEE, nieuwe_termijn_maanden=nieuwe_termijn_maanden
        ).exclude(pk=behalve)
    )


def _onherroepelijk(zaak: Handhavingszaak, peildatum: dt.date) -> bool:
    if zaak.status not in TELT_MEE or zaak.beschikt_op is None:
        return False
    return wet.boete_onherroepelijk(
        dagtekening=zaak.beschikt_op,
        peildatum=peildatum,
        rechtsmiddel_aangewend=bool(zaak.rechtsmiddel),
        rechtsmiddel_beslist=bool(zaak.uitspraak),
    ).waarde


def eerdere_overtredingen(zaak: Handhavingszaak, peildatum: dt.date) -> list:
    """The dossier's other art. 23 cases with an imposed fine, for the doubling (Besluit 7.1
    lid 3): when established, whether irrevocable on `peildatum`, and their base amount."""
    uit = []
    for ander in zaak.dossier.handhavingszaken.filter(
        artikel=Artikel.ART23, status__in=TELT_MEE
    ).exclude(pk=zaak.pk):
        basis = (ander.berekening or {}).get("basisbedrag_cents") or wet.boetes.BOETE_ART23_CENTS
        uit.append(
            wet.EerdereOvertreding(ander.constatering, _onherroepelijk(ander, peildatum), basis)
        )
    return uit


def _beoordeling(zaak: Handhavingszaak) -> wet.IndividueleBeoordeling | None:
    if zaak.beoordeeld_op is None:
        return None
    return wet.IndividueleBeoordeling(
        zaak.beoordeeld_op, zaak.beoordelaar, zaak.beoordeling, bool(zaak.boete_passend)
    )


def bereken(zaak: Handhavingszaak, peildatum: dt.date) -> wet.Uitkomst:
    """The amount the rules package computes for this case on `peildatum` (incl. culpability,
    doubling and the cap)."""
    doelgroep = wet.Doelgroep(zaak.dossier.doelgroep)
    gemeenschappelijk: dict[str, Any] = {
        "doelgroep": doelgroep,
        "individuele_beoordeling": _beoordeling(zaak),
        "bijstand_verlaagd": zaak.bijstand_verlaagd,
        "reeds_opgelegd_cents": opgelegd_in_termijn(
            zaak.dossier, zaak.nieuwe_termijn_maanden, behalve=zaak.pk
        ),
        "nieuwe_termijn_maanden": zaak.nieuwe_termijn_maanden,
    }
    if zaak.artikel == Artikel.ART22:
        return wet.boete_art22(**gemeenschappelijk)
    return wet.boete_art23(
        constatering=zaak.constatering,
        verwijtbaarheid=wet.Verwijtbaarheid(zaak.verwijtbaarheid),
        eerdere_overtredingen=eerdere_overtredingen(zaak, peildatum),
        **gemeenschappelijk,
    )


# --- writing ---------------------------------------------------------------------------------


def _vergrendel(zaak: Handhavingszaak) -> Handhavingszaak:
    return Handhavingszaak.objects.select_for_update().select_related("dossier").get(pk=zaak.pk)


def _stap(
    zaak: Handhavingszaak,
    naar: str,
    soort: Soort,
    datum: dt.date,
    actor: Gebruiker | None,
    melding: str | None = None,
    **gegevens: Any,
) -> None:
    """Check the status table, save the case and append the step's event (inside the caller's
    transaction)."""
    ZAAK_STATUS.controleer(zaak.status or None, naar, melding=melding, fout=Handhavingsfout)
    zaak.status = naar
    zaak.save()
    payload = {"zaak": zaak.pk, "artikel": zaak.artikel, "status": naar}
    payload.update({k: v for k, v in gegevens.items() if v not in (None, "")})
    registreer(zaak.dossier, soort, datum, actor=actor, gegevens=payload)


def _niet_in_toekomst(datum: dt.date) -> None:
    if datum > timezone.localdate():
        raise Handhavingsfout(_("De datum ligt in de toekomst."))


def open_zaak(
    dossier: Dossier,
    *,
    artikel: str,
    constatering: dt.date,
    gedraging: str,
    actor: Gebruiker | None,
    verwijtbaarheid: str = "",
    nieuwe_termijn_maanden: int | None = None,
    bijstand_verlaagd: bool = False,
) -> Handhavingszaak:
    """A signal of an offence of art. 22 or 23 (the facts, the day it was established)."""
    if artikel not in Artikel.values:
        raise Handhavingsfout(_("Kies artikel 22 of artikel 23 van de Wet inburgering."))
    if not gedraging.strip():
        raise Handhavingsfout(_("Beschrijf de feiten: wat heeft de inburgeraar niet gedaan?"))
    if artikel == Artikel.ART23 and verwijtbaarheid not in Verwijtbaarheid.values:
        raise Handhavingsfout(
            _(
                "Kies de mate van verwijtbaarheid: die bepaalt de hoogte van een boete op grond "
                "van artikel 23 (artikel 7.1, vierde lid, Besluit inburgering 2021)."
            )
        )
    if nieuwe_termijn_maanden is not None:
        try:
            wet.boeteplafond(nieuwe_termijn_maanden=nieuwe_termijn_maanden)
        except ValueError as exc:
            raise Handhavingsfout(
                _(
                    "Een nieuwe termijn van DUO duurt 6, 12, 18 of 24 maanden (artikel 7.1, "
                    "vijfde lid, Besluit inburgering 2021)."
                )
            ) from exc
    _niet_in_toekomst(constatering)
    with transaction.atomic():
        zaak = Handhavingszaak(
            dossier=dossier,
            artikel=artikel,
            constatering=constatering,
            gedraging=gedraging.strip(),
            verwijtbaarheid=verwijtbaarheid if artikel == Artikel.ART23 else "",
            nieuwe_termijn_maanden=nieuwe_termijn_maanden,
            bijstand_verlaagd=bijstand_verlaagd,
            aangemaakt_door=actor,
        )
        _stap(zaak, S.SIGNAAL, Soort.HANDHAVING_SIGNAAL, constatering, actor)
    return zaak


def leg_beoordeling_vast(
    zaak: Handhavingszaak,
    *,
    datum: dt.date,
    beoordelaar: str,
    afwegingen: str,
    boete_passend: bool,
    actor: Gebruiker | None,
) -> Handhavingszaak:
    """The individual assessment (CJEU C-158/23): who weighed what, and the conclusion."""
    if not beoordelaar.strip() or not afwegingen.strip():
        raise Handhavingsfout(
            _("Een individuele beoordeling vraagt de naam van de beoordelaar en de afwegingen.")
        )
    _niet_in_toekomst(datum)
    with transaction.atomic():
        zaak = _vergrendel(zaak)
        if datum < zaak.constatering:
            raise Handhavingsfout(_("De beoordeling ligt vóór de constatering."))
        zaak.beoordeeld_op = datum
        zaak.beoordelaar = beoordelaar.strip()
        zaak.beoordeling = afwegingen.strip()
        zaak.boete_passend = boete_passend
        _stap(
            zaak,
            S.BEOORDEELD,
            Soort.HANDHAVING_BEOORDELING,
            datum,
            actor,
            boete_passend=boete_passend,
        )
    return zaak


def kenmerk_voornemen(zaak: Handhavingszaak) -> str:
    return brieven.kenmerk(zaak.dossier.gemeente, "BV", zaak.pk)


def kenmerk_beschikking(zaak: Handhavingszaak) -> str:
    return brieven.kenmerk(zaak.dossier.gemeente, "BB", zaak.pk)


def stuur_voornemen(
    zaak: Handhavingszaak, *, datum: dt.date, kanaal: str, actor: Gebruiker
) -> Handhavingszaak:
    """Announce the fine: the amount from the rules package, the zienswijze term, the letter
    marked as sent. Refused without the individual assessment where it is required, when the
    bijstand was already reduced (Wi art. 27) or when the cap leaves no room."""
    _niet_in_toekomst(datum)
    with transaction.atomic():
        zaak = _vergrendel(zaak)
        ZAAK_STATUS.controleer(zaak.status, S.VOORNEMEN, fout=Handhavingsfout)
        if datum < zaak.constatering:
            raise Handhavingsfout(_("Het voornemen ligt vóór de constatering."))
        toets = wet.toets_voornemen(
            doelgroep=wet.Doelgroep(zaak.dossier.doelgroep),
            beoordeling_vastgelegd=zaak.beoordeeld_op is not None,
            boete_passend=zaak.boete_passend,
            bijstand_verlaagd=zaak.bijstand_verlaagd,
        )
        if not toets.geldig:
            raise Handhavingsfout(" ".join(o.melding for o in toets.overtredingen))
        uitkomst = bereken(zaak, datum)
        if not uitkomst.waarde.toegestaan:
            raise Handhavingsfout(
                _("Geen voornemen mogelijk: %(reden)s (%(grondslag)s).")
                % {
                    "reden": uitkomst.waarde.blokkade,
                    "grondslag": "; ".join(str(g) for g in uitkomst.grondslagen),
                }
            )
        termijn = wet.zienswijzetermijn(datum)
        zaak.voornemen_op = datum
        zaak.voornemen_kanaal = kanaal
        zaak.voorgesteld_cents = uitkomst.waarde.bedrag_cents
        zaak.berekening = uitkomst.als_dict()
        zaak.zienswijze_tot = termijn.waarde
        zaak.save()
        brieven.markeer_verzonden(
            zaak.dossier,
            kenmerk_=kenmerk_voornemen(zaak),
            kanaal=kanaal,
            datum=datum,
            actor=actor,
            onderwerp=ONDERWERP_VOORNEMEN,
        )
        _stap(
            zaak,
            S.VOORNEMEN,
            Soort.HANDHAVING_VOORNEMEN,
            datum,
            actor,
            bedrag_cents=zaak.voorgesteld_cents,
            termijn_tot=f"{termijn.waarde:%d-%m-%Y}",
            kenmerk=kenmerk_voornemen(zaak),
        )
    return zaak


def registreer_zienswijze(
    zaak: Handhavingszaak,
    *,
    datum: dt.date,
    vorm: str,
    inhoud: str,
    actor: Gebruiker | None,
) -> Handhavingszaak:
    """The person's zienswijze, written or oral (Awb 4:8, 5:53), with its content."""
    if vorm not in Zienswijzevorm.values:
        raise Handhavingsfout(_("Kies of de zienswijze schriftelijk of mondeling is gegeven."))
    if not inhoud.strip():
        raise Handhavingsfout(_("Vat de zienswijze samen."))
    _niet_in_toekomst(datum)
    with transaction.atomic():
        zaak = _vergrendel(zaak)
        ZAAK_STATUS.controleer(zaak.status, S.ZIENSWIJZE, fout=Handhavingsfout)
        if zaak.voornemen_op and datum < zaak.voornemen_op:
            raise Handhavingsfout(_("De zienswijze ligt vóór het voornemen."))
        zaak.zienswijze_op = datum
        zaak.zienswijze_vorm = vorm
        zaak.zienswijze = inhoud.strip()
        _stap(zaak, S.ZIENSWIJZE, Soort.HANDHAVING_ZIENSWIJZE, datum, actor, vorm=vorm)
    return zaak


def neem_beschikking(
    zaak: Handhavingszaak,
    *,
    datum: dt.date,
    bedrag_cents: int,
    motivering: str,
    kanaal: str,
    actor: Gebruiker,
) -> Handhavingszaak:
    """Impose the fine. Refused before the zienswijze term ended (unless it was received), for
    an amount of zero or less, above the article's maximum (Wi art. 26) or above the cap
    (Besluit 7.1 lid 5)."""
    if not motivering.strip():
        raise Handhavingsfout(
            _("Motiveer de boete: de feiten, de afweging van de zienswijze en het bedrag.")
        )
    _niet_in_toekomst(datum)
    with transaction.atomic():
        zaak = _vergrendel(zaak)
        ZAAK_STATUS.controleer(zaak.status, S.BESCHIKT, fout=Handhavingsfout)
        if datum < max(d for d in (zaak.voornemen_op, zaak.zienswijze_op, zaak.constatering) if d):
            raise Handhavingsfout(_("De beschikking ligt vóór het voornemen of de zienswijze."))
        mag = wet.beschikking_toegestaan(
            peildatum=datum,
            termijn_einde=zaak.zienswijze_tot or datum,
            zienswijze_ontvangen=zaak.zienswijze_op is not None,
        )
        if not mag.waarde:
            raise Handhavingsfout(regeltekst(mag.uitleg))
        toets = wet.toets_boetebedrag(
            artikel=zaak.artikel,
            bedrag_cents=bedrag_cents,
            reeds_opgelegd_cents=opgelegd_in_termijn(
                zaak.dossier, zaak.nieuwe_termijn_maanden, behalve=zaak.pk
            ),
            nieuwe_termijn_maanden=zaak.nieuwe_termijn_maanden,
        )
        if not toets.geldig:
            raise Handhavingsfout(" ".join(o.melding for o in toets.overtredingen))
        zaak.beschikt_op = datum
        zaak.opgelegd_cents = bedrag_cents
        zaak.motivering = motivering.strip()
        zaak.save()
        brieven.markeer_verzonden(
            zaak.dossier,
            kenmerk_=kenmerk_beschikking(zaak),
            kanaal=kanaal,
            datum=datum,
            actor=actor,
            onderwerp=ONDERWERP_BESCHIKKING,
        )
        _stap(
            zaak,
            S.BESCHIKT,
            Soort.HANDHAVING_BESCHIKKING,
            datum,
            actor,
            bedrag_cents=bedrag_cents,
            kenmerk=kenmerk_beschikking(zaak),
        )
    return zaak


def geen_boete(
    zaak: Handhavingszaak, *, datum: dt.date, reden: str, actor: Gebruiker | None
) -> Handhavingszaak:
    """End the case without a fine, with the reason (e.g. Wi art. 27, the assessment, the
    zienswijze)."""
    if not reden.strip():
        raise Handhavingsfout(_("Geef de reden waarom er geen boete komt."))
    _niet_in_toekomst(datum)
    with transaction.atomic():
        zaak = _vergrendel(zaak)
        ZAAK_STATUS.controleer(zaak.status, S.GEEN_BOETE, fout=Handhavingsfout)
        if zaak.status in TELT_MEE:
            raise Handhavingsfout(
                _(
                    "Een opgelegde boete vervalt alleen door een gegronde beslissing op bezwaar "
                    "of beroep."
                )
            )
        zaak.geen_boete_reden = reden.strip()
        _stap(zaak, S.GEEN_BOETE, Soort.HANDHAVING_GEEN_BOETE, datum, actor, reden=reden.strip())
    return zaak


def leg_bijstand_verlaagd_vast(
    zaak: Handhavingszaak, *, datum: dt.date, actor: Gebruiker | None
) -> Handhavingszaak:
    """Wi art. 27: the bijstand was already reduced for the same behaviour (Participatiewet art.
    18 or 18b), so the fine is left out: the case ends without a fine, with that reason."""
    return _bijstand_verlaagd(zaak, datum=datum, actor=actor)


def _bijstand_verlaagd(zaak, *, datum, actor):
    reden = _(
        "De bijstand is voor dezelfde gedraging al verlaagd (artikel 27 Wet inburgering 2021)."
    )
    with transaction.atomic():
        zaak = _vergrendel(zaak)
        if zaak.status not in OPEN:
            raise Handhavingsfout(
                _("Artikel 27 kan alleen worden vastgelegd zolang er nog geen besluit is.")
            )
        zaak.bijstand_verlaagd = True
        zaak.save()
        return geen_boete(zaak, datum=datum, reden=reden, actor=actor)


def beslis_rechtsmiddel(
    zaak: Handhavingszaak,
    *,
    soort: str,
    uitspraak: str,
    datum: dt.date,
    actor: Gebruiker | None,
    bedrag_cents: int | None = None,
) -> Handhavingszaak:
    """The outcome of bezwaar or beroep: gegrond (the fine lapses), deels gegrond (a lower
    amount) or ongegrond (the fine stands)."""
    if soort not in Rechtsmiddel.values or uitspraak not in Uitspraak.values:
        raise Handhavingsfout(_("Kies bezwaar of beroep en de uitkomst."))
    _niet_in_toekomst(datum)
    with transaction.atomic():
        zaak = _vergrendel(zaak)
        if zaak.status not in (S.BESCHIKT, S.HEROVERWOGEN):
            raise Handhavingsfout(_("Bezwaar of beroep gaat over een opgelegde boete."))
        if zaak.beschikt_op and datum < zaak.beschikt_op:
            raise Handhavingsfout(_("De beslissing ligt vóór de beschikking."))
        zaak.rechtsmiddel = soort
        zaak.uitspraak = uitspraak
        zaak.uitspraak_op = datum
        if uitspraak == Uitspraak.GEGROND:
            zaak.geen_boete_reden = _("%(soort)s gegrond verklaard.") % {
                "soort": Rechtsmiddel(soort).label
            }
            _stap(
                zaak,
                S.GEEN_BOETE,
                Soort.HANDHAVING_RECHTSMIDDEL,
                datum,
                actor,
                uitspraak=uitspraak,
                rechtsmiddel=soort,
                bedrag_cents=0,
            )
            return zaak
        if uitspraak == Uitspraak.DEELS:
            if bedrag_cents is None or bedrag_cents >= (zaak.opgelegd_cents or 0):
                raise Handhavingsfout(
                    _(
                        "Bij een deels gegrond bezwaar of beroep is het nieuwe bedrag lager dan "
                        "het opgelegde."
                    )
                )
            if bedrag_cents <= 0:
                raise Handhavingsfout(
                    _("Een boete is een bedrag groter dan nul; kies anders 'gegrond'.")
                )
            zaak.opgelegd_cents = bedrag_cents
        _stap(
            zaak,
            S.HEROVERWOGEN,
            Soort.HANDHAVING_RECHTSMIDDEL,
            datum,
            actor,
            uitspraak=uitspraak,
            rechtsmiddel=soort,
            bedrag_cents=zaak.opgelegd_cents,
        )
    return zaak


def draag_over(
    zaak: Handhavingszaak, *, datum: dt.date, actor: Gebruiker | None
) -> Handhavingszaak:
    """Hand the imposed fine over to the gemeente's debt collection (it then appears in the
    collection export)."""
    _niet_in_toekomst(datum)
    with transaction.atomic():
        zaak = _vergrendel(zaak)
        if zaak.beschikt_op and datum < zaak.beschikt_op:
            raise Handhavingsfout(_("De datum ligt vóór de beschikking."))
        zaak.overgedragen_op = datum
        _stap(
            zaak,
            S.OVERGEDRAGEN,
            Soort.HANDHAVING_INVORDERING,
            datum,
            actor,
            bedrag_cents=zaak.opgelegd_cents,
            kenmerk=kenmerk_beschikking(zaak),
        )
    return zaak


def meld_afgedaan(
    zaak: Handhavingszaak,
    *,
    naar: str,
    datum: dt.date,
    actor: Gebruiker | None,
    reden: str = "",
) -> Handhavingszaak:
    """The fine is paid, or remitted (kwijtgescholden, with a reason)."""
    if naar not in (S.BETAALD, S.KWIJTGESCHOLDEN):
        raise Handhavingsfout(_("Kies betaald of kwijtgescholden."))
    if naar == S.KWIJTGESCHOLDEN and not reden.strip():
        raise Handhavingsfout(_("Geef de reden van de kwijtschelding."))
    _niet_in_toekomst(datum)
    with transaction.atomic():
        zaak = _vergrendel(zaak)
        if zaak.beschikt_op and datum < zaak.beschikt_op:
            raise Handhavingsfout(_("De datum ligt vóór de beschikking."))
        zaak.afgedaan_op = datum
        zaak.afgedaan_reden = reden.strip()
        _stap(
            zaak,
            naar,
            Soort.HANDHAVING_AFGEDAAN,
            datum,
            actor,
            bedrag_cents=zaak.opgelegd_cents,
            reden=str(ZaakStatus(naar).label) + (f": {reden.strip()}" if reden.strip() else ""),
        )
    return zaak


# --- overview --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Volgende:
    """The next step of a case and the day it is due (None: no deadline)."""

    stap: str
    uiterlijk: dt.date | None = None
    verlopen: bool = False


def volgende_stap(zaak: Handhavingszaak, vandaag: dt.date) -> Volgende | None:
    if zaak.status == S.SIGNAAL:
        if wet.individuele_beoordeling_vereist(wet.Doelgroep(zaak.dossier.doelgroep)).waarde:
            return Volgende(_("Individuele beoordeling vastleggen (HvJ EU C-158/23)"))
        return Volgende(_("Voornemen versturen of besluiten tot geen boete"))
    if zaak.status == S.BEOORDEELD:
        return Volgende(_("Voornemen versturen of besluiten tot geen boete"))
    if zaak.status == S.VOORNEMEN and zaak.zienswijze_tot:
        if vandaag <= zaak.zienswijze_tot:
            return Volgende(
                _("Zienswijze afwachten; daarna beschikking"), zaak.zienswijze_tot, False
            )
        return Volgende(_("Beschikking nemen of geen boete"), zaak.zienswijze_tot, True)
    if zaak.status == S.ZIENSWIJZE:
        return Volgende(_("Zienswijze afwegen en beschikking nemen of geen boete"))
    if zaak.status in (S.BESCHIKT, S.HEROVERWOGEN):
        return Volgende(_("Overdragen voor invordering"))
    if zaak.status == S.OVERGEDRAGEN:
        return Volgende(_("Betaling of kwijtschelding vastleggen"))
    return None


@dataclass(frozen=True)
class Termijnstand:
    sleutel: int | None
    label: str
    ruimte: wet.Uitkomst


def termijnstanden(zaken: list[Handhavingszaak]) -> list[Termijnstand]:
    """The running total against the cap, per termijn that has cases (always the
    inburgeringstermijn)."""
    sleutels: list[int | None] = [None]
    for zaak in zaken:
        if zaak.nieuwe_termijn_maanden not in sleutels:
            sleutels.append(zaak.nieuwe_termijn_maanden)
    uit = []
    for sleutel in sleutels:
        bedragen = [z.bedrag_cents for z in zaken if z.nieuwe_termijn_maanden == sleutel]
        uit.append(
            Termijnstand(
                sleutel,
                _termijn_label(sleutel),
                wet.boeteruimte(bedragen, nieuwe_termijn_maanden=sleutel),
            )
        )
    return uit


def samenvatting(dossier: Dossier, vandaag: dt.date | None = None) -> dict:
    """The dossier's fine cases as plain JSON (for the transfer package on a move, Wi art. 35
    lid 4): per case its article, state, amounts and dates; per termijn the total and cap."""
    vandaag = vandaag or timezone.localdate()
    zaken = zaken_van(dossier)

    def datum(d: dt.date | None) -> str | None:
        return d.isoformat() if d else None

    return {
        "zaken": [
            {
                "kenmerk_voornemen": kenmerk_voornemen(z) if z.voornemen_op else None,
                "kenmerk_beschikking": kenmerk_beschikking(z) if z.beschikt_op else None,
                "artikel": z.artikel,
                "status": z.status,
                "constatering": datum(z.constatering),
                "nieuwe_termijn_maanden": z.nieuwe_termijn_maanden,
                "verwijtbaarheid": z.verwijtbaarheid or None,
                "individuele_beoordeling": datum(z.beoordeeld_op),
                "boete_passend": z.boete_passend,
                "bijstand_verlaagd": z.bijstand_verlaagd,
                "voornemen": datum(z.voornemen_op),
                "voorgesteld_cents": z.voorgesteld_cents,
                "zienswijze_tot": datum(z.zienswijze_tot),
                "zienswijze": datum(z.zienswijze_op),
                "beschikking": datum(z.beschikt_op),
                "opgelegd_cents": z.opgelegd_cents,
                "bedrag_cents": z.bedrag_cents,
                "geen_boete_reden": z.geen_boete_reden or None,
                "rechtsmiddel": z.rechtsmiddel or None,
                "uitspraak": z.uitspraak or None,
                "uitspraak_op": datum(z.uitspraak_op),
                "overgedragen": datum(z.overgedragen_op),
                "afgedaan": datum(z.afgedaan_op),
            }
            for z in zaken
        ],
        "termijnen": [
            {
                "nieuwe_termijn_maanden": t.sleutel,
                "totaal_cents": t.ruimte.waarde.totaal_cents,
                "plafond_cents": t.ruimte.waarde.plafond_cents,
                "ruimte_cents": t.ruimte.waarde.ruimte_cents,
            }
            for t in termijnstanden(zaken)
        ],
        "peildatum": vandaag.isoformat(),
    }


# --- documents -------------------------------------------------------------------------------

ONDERWERP_VOORNEMEN = "Voornemen tot het opleggen van een boete"
ONDERWERP_BESCHIKKING = "Besluit: boete op grond van de Wet inburgering 2021"

_FEIT = {
    Artikel.ART22: (
        "U bent niet verschenen voor de brede intake, of u heeft daar onvoldoende aan "
        "meegewerkt. Dat staat in artikel 22 van de Wet inburgering 2021."
    ),
    Artikel.ART23: (
        "U heeft niet of onvoldoende meegewerkt aan de ondersteuning en begeleiding uit uw "
        "persoonlijk plan inburgering en participatie (PIP), of u heeft niet gedaan wat volgens "
        "de afgesproken intensiteit van u werd verwacht. Dat staat in artikel 23 van de Wet "
        "inburgering 2021."
    ),
}
_BEDRAG_GRONDSLAG = {
    Artikel.ART22: "artikel 22 en 26 Wet inburgering 2021 en artikel 7.1, eerste en vijfde lid, "
    "Besluit inburgering 2021",
    Artikel.ART23: "artikel 23 en 26 Wet inburgering 2021 en artikel 7.1, tweede tot en met "
    "vijfde lid, Besluit inburgering 2021",
}


def _d(d: dt.date | None) -> str:
    return d.strftime("%d-%m-%Y") if d else ""


def voornemen_tekst(zaak: Handhavingszaak) -> str:
    persoon = zaak.dossier.inburgeraar
    consulent = zaak.dossier.consulent
    berekening = zaak.berekening or {}
    delen = [
        f"Beste {persoon.naam},",
        "Wij zijn van plan u een boete te geven. In deze brief leest u waarom, hoe hoog de boete "
        "is en wat u kunt doen als u het er niet mee eens bent.",
        "Wat is er gebeurd?\n"
        f"{_FEIT[zaak.artikel]} Wij hebben dit vastgesteld op {_d(zaak.constatering)}:\n"
        f"{zaak.gedraging}",
        "Hoe hoog is de boete?\n"
        f"De boete is {euro(zaak.voorgesteld_cents or 0)}. "
        f"{berekening.get('uitleg', '')}\n"
        f"Wettelijke grondslag: {_BEDRAG_GRONDSLAG[zaak.artikel]}.",
    ]
    if zaak.beoordeeld_op:
        delen.append(
            "Wij hebben uw situatie eerst persoonlijk beoordeeld "
            f"({_d(zaak.beoordeeld_op)}). Wij vinden een boete in uw geval passend."
        )
    delen += [
        "Bent u het er niet mee eens?\n"
        f"Vertel ons dan uiterlijk {_d(zaak.zienswijze_tot)} waarom. Dat heet een zienswijze. "
        "U kunt ons schrijven, of een gesprek aanvragen met uw consulent"
        + (f" {consulent.weergavenaam}" if consulent else "")
        + ". Noem het kenmerk van deze brief. Wij besluiten pas over de boete als deze datum "
        "voorbij is of als wij uw reactie hebben.",
        "Krijgt u een uitkering en is die al verlaagd om dezelfde reden? Laat het ons weten. "
        "Dan krijgt u geen boete (artikel 27 Wet inburgering 2021).",
        "Met vriendelijke groet,\n\n"
        + (consulent.weergavenaam if consulent else "")
        + f"\nGemeente {zaak.dossier.gemeente.naam}",
    ]
    return "\n\n".join(delen)


def beschikking_tekst(zaak: Handhavingszaak) -> str:
    persoon = zaak.dossier.inburgeraar
    hoofd = brieven.briefhoofd(zaak.dossier.gemeente)
    delen = [
        f"Beste {persoon.naam},",
        f"Wij geven u een boete van {euro(zaak.opgelegd_cents or 0)}.",
        "Waarom krijgt u deze boete?\n"
        f"{_FEIT[zaak.artikel]} Wij hebben dit vastgesteld op {_d(zaak.constatering)}:\n"
        f"{zaak.gedraging}",
        f"Op {_d(zaak.voornemen_op)} schreven wij u dat wij van plan waren u een boete te geven "
        f"(kenmerk {kenmerk_voornemen(zaak)}).",
    ]
    if zaak.zienswijze_op:
        vorm = Zienswijzevorm(zaak.zienswijze_vorm).label.lower() if zaak.zienswijze_vorm else ""
        delen.append(f"U heeft op {_d(zaak.zienswijze_op)} {vorm} gereageerd:\n{zaak.zienswijze}")
    else:
        delen.append(
            f"U heeft tot en met {_d(zaak.zienswijze_tot)} de tijd gehad om te reageren. "
            "Wij hebben geen reactie ontvangen."
        )
    delen += [
        f"Onze afweging\n{zaak.motivering}",
        "Hoe hoog is de boete?\n"
        f"De boete is {euro(zaak.opgelegd_cents or 0)}. "
        f"{(zaak.berekening or {}).get('uitleg', '')}\n"
        f"Wettelijke grondslag: {_BEDRAG_GRONDSLAG[zaak.artikel]}.",
    ]
    if zaak.artikel == Artikel.ART22:
        delen.append(
            "U krijgt een nieuwe termijn van twee maanden na de datum van deze brief om alsnog "
            "naar de brede intake te komen en mee te werken (artikel 22, tweede lid, Wet "
            "inburgering 2021). Doet u dat niet, dan kunt u opnieuw een boete krijgen."
        )
    bezwaar = (
        "Bent u het niet eens met dit besluit?\n"
        "Dan kunt u bezwaar maken. Doe dat binnen 6 weken na de datum van deze brief "
        "(artikel 6:7 Algemene wet bestuursrecht). Schrijf in uw bezwaarschrift uw naam en "
        "adres, de datum, het kenmerk van deze brief, waarom u het er niet mee eens bent, en "
        "zet uw handtekening eronder."
    )
    if hoofd.bezwaar_adres:
        bezwaar += f"\nStuur uw bezwaarschrift naar:\n{hoofd.bezwaar_adres}"
    if hoofd.bezwaar_digitaal:
        bezwaar += f"\nU kunt ook digitaal bezwaar maken: {hoofd.bezwaar_digitaal}"
    delen += [
        bezwaar,
        "Hoe betaalt u?\nU krijgt van ons een aparte rekening met de betaalgegevens. "
        "Kunt u niet in één keer betalen? Neem dan contact met ons op.",
        "Met vriendelijke groet,",
    ]
    return "\n\n".join(delen)


def _document(zaak: Handhavingszaak, *, kenmerk_: str, datum, onderwerp: str, tekst: str) -> str:
    dossier = zaak.dossier
    return brieven.document(
        hoofd=brieven.briefhoofd(dossier.gemeente),
        afzender_=brieven.afzender(dossier, zaak.aangemaakt_door),
        ontvanger_=brieven.ontvanger(dossier.inburgeraar),
        kenmerk_=kenmerk_,
        datum=datum,
        onderwerp=onderwerp,
        tekst=tekst,
    )


def voornemen_pdf(zaak: Handhavingszaak) -> bytes:
    if zaak.voornemen_op is None:
        raise Handhavingsfout(_("Er is nog geen voornemen verstuurd."))
    return pdf_uit_html(
        _document(
            zaak,
            kenmerk_=kenmerk_voornemen(zaak),
            datum=zaak.voornemen_op,
            onderwerp=ONDERWERP_VOORNEMEN,
            tekst=voornemen_tekst(zaak),
        )
    )


def beschikking_pdf(zaak: Handhavingszaak) -> bytes:
    if zaak.beschikt_op is None:
        raise Handhavingsfout(_("Er is nog geen beschikking genomen."))
    return pdf_uit_html(
        _document(
            zaak,
            kenmerk_=kenmerk_beschikking(zaak),
            datum=zaak.beschikt_op,
            onderwerp=ONDERWERP_BESCHIKKING,
            tekst=beschikking_tekst(zaak),
        )
    )


def verzonden(dossier: Dossier) -> list[Verzondenbrief]:
    """The fine letters that went out (each is marked as sent in the step that makes it), for
    the person's own list (`brieven.verzonden`): the voornemen with the last day for a
    zienswijze, the beschikking (open to bezwaar from its date). A case that never reached the
    voornemen has no letter."""
    brieven_: list[Verzondenbrief] = []
    for zaak in dossier.handhavingszaken.filter(voornemen_op__isnull=False).select_related(
        "dossier__gemeente", "dossier__inburgeraar", "dossier__consulent", "aangemaakt_door"
    ):
        brieven_.append(
            Verzondenbrief(
                kenmerk=kenmerk_voornemen(zaak),
                soort=BOETE_VOORNEMEN,
                onderwerp=ONDERWERP_VOORNEMEN,
                datum=zaak.voornemen_op,
                pdf=lambda zaak=zaak: voornemen_pdf(zaak),
                reageren_tot=zaak.zienswijze_tot,
                bron=zaak,
            )
        )
        if zaak.beschikt_op is not None:
            brieven_.append(
                Verzondenbrief(
                    kenmerk=kenmerk_beschikking(zaak),
                    soort=BOETE_BESCHIKKING,
                    onderwerp=ONDERWERP_BESCHIKKING,
                    datum=zaak.beschikt_op,
                    pdf=lambda zaak=zaak: beschikking_pdf(zaak),
                    beschikking=True,
                    bron=zaak,
                )
            )
    return brieven_


# --- collection export -----------------------------------------------------------------------

INVORDERING_KOP = (
    "kenmerk",
    "gemeente",
    "bsn",
    "naam",
    "straat",
    "postcode",
    "plaats",
    "artikel",
    "dagtekening",
    "bedrag_cents",
    "overgedragen_op",
)


def ter_invordering(dossiers) -> list[Handhavingszaak]:
    """Cases handed over for collection and not yet paid or remitted, in these dossiers."""
    return list(
        Handhavingszaak.objects.filter(status=S.OVERGEDRAGEN, dossier__in=dossiers)
        .select_related("dossier__inburgeraar", "dossier__gemeente")
        .order_by("overgedragen_op", "pk")
    )


def invorderingsbestand(zaken: list[Handhavingszaak]) -> bytes:
    """The CSV for the gemeente's debt collection system (`;`, UTF-8 with BOM)."""
    rijen = []
    for z in zaken:
        p = z.dossier.inburgeraar
        rijen.append(
            (
                kenmerk_beschikking(z),
                z.dossier.gemeente.cbs_code,
                p.bsn,
                p.naam,
                p.post_straat,
                p.post_postcode,
                p.post_plaats,
                z.artikel,
                z.beschikt_op,
                z.opgelegd_cents or 0,
                z.overgedragen_op,
            )
        )
    return als_csv(INVORDERING_KOP, rijen, bom=True)
