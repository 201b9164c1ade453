"""Letters that can be sent: the letterhead per gemeente (with its change log), the sender and
recipient blocks, the kenmerk, the PDF, and marking a letter as sent (an event in the log).

Used by the intake's letters (`intake.brieven`) and the PIP beschikking (`pip.documenten`):
those apps build on this one, never the other way round.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inburgering.accounts.models import Gebruiker, Gemeente
from inburgering.accounts.services import leg_wijziging_vast
from inburgering.dossiers.models import Dossier, DossierEvent, Inburgeraar
from inburgering.dossiers.referentie import Kanaal
from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Soort

from .models import VELDEN, Briefhoofd, BriefhoofdWijziging, Contactgegevens

#: Channels a letter goes out by.
VERZENDKANALEN = (Kanaal.POST, Kanaal.EMAIL, Kanaal.PERSOONLIJK)


class Brieffout(Exception):
    """The letter cannot be marked as sent (Dutch message for the user)."""


def briefhoofd(gemeente: Gemeente) -> Briefhoofd:
    """The gemeente's letterhead; an unsaved empty one when none was made yet."""
    return Briefhoofd.objects.filter(gemeente=gemeente).first() or Briefhoofd(gemeente=gemeente)


def bewaar_briefhoofd(gemeente: Gemeente, gegevens: dict, *, door: Gebruiker) -> Briefhoofd:
    """Save the letterhead and record what changed (who, when, old and new values) in its own
    history and in the configuration trail (`accounts.services.leg_wijziging_vast`)."""
    with transaction.atomic():
        hoofd = Briefhoofd.objects.select_for_update().filter(
            gemeente=gemeente
        ).first() or Briefhoofd(gemeente=gemeente)
        oud = {v: getattr(hoofd, v) for v in VELDEN}
        nieuw = {v: gegevens.get(v, oud[v]) or "" for v in VELDEN}
        gewijzigd = [v for v in VELDEN if oud[v] != nieuw[v]]
        if not gewijzigd and hoofd.pk:
            return hoofd
        nieuw_hoofd = hoofd.pk is None
        for veld in VELDEN:
            setattr(hoofd, veld, nieuw[veld])
        hoofd.bijgewerkt_door = door
        hoofd.save()
        BriefhoofdWijziging.objects.create(
            gemeente=gemeente,
            door=door,
            oud={v: oud[v] for v in gewijzigd},
            nieuw={v: nieuw[v] for v in gewijzigd},
        )
        # The configuration trail (ADR 0018) beside the letterhead's own history; a new
        # letterhead has no old values.
        leg_wijziging_vast(door, hoofd, {} if nieuw_hoofd else oud, nieuw)
    return hoofd


def kenmerk(gemeente: Gemeente, soort: str, nummer: int) -> str:
    """A letter's reference: stable (made from the gemeente's CBS code and the letter's own
    row id, which never change) and unique (the id is). `soort`: "BR" for a letter, "PIP"
    for a beschikking."""
    return f"GM{gemeente.cbs_code}-{soort}-{nummer:06d}"


@dataclass(frozen=True)
class Afzender:
    gemeente: str
    afdeling: str
    postadres: str
    naam: str
    telefoon: str
    email: str
    website: str


def afzender(dossier: Dossier, actor: Gebruiker | None = None) -> Afzender:
    """The sender block: the dossier's consulent (or whoever writes), with their own phone and
    e-mail, else the gemeente's general ones from the letterhead."""
    return afzender_uit(briefhoofd(dossier.gemeente), dossier.consulent or actor)


def telefoon_van(gebruiker: Gebruiker | None) -> str:
    if gebruiker is None or not gebruiker.pk:
        return ""
    gegevens = Contactgegevens.objects.filter(gebruiker=gebruiker).first()
    return gegevens.telefoon if gegevens else ""


def bewaar_contactgegevens(gebruiker: Gebruiker, *, telefoon: str, email: str) -> None:
    """The user's own phone number and e-mail address for the sender block of letters."""
    with transaction.atomic():
        Contactgegevens.objects.update_or_create(
            gebruiker=gebruiker, defaults={"telefoon": telefoon}
        )
        if gebruiker.email != email:
            gebruiker.email = email
            gebruiker.save(update_fields=["email"])


def afzender_uit(hoofd: Briefhoofd, consulent: Gebruiker | None) -> Afzender:
    return Afzender(
        gemeente=hoofd.gemeente.naam,
        afdeling=hoofd.afdeling,
        postadres=hoofd.postadres,
        naam=consulent.weergavenaam if consulent else "",
        telefoon=telefoon_van(consulent) or hoofd.telefoon,
        email=(consulent.email if consulent else "") or hoofd.email,
        website=hoofd.website,
    )


def ontvanger(persoon: Inburgeraar) -> list[str]:
    """The recipient's name and post address as lines (empty address lines left out)."""
    regels = [persoon.naam]
    if persoon.post_straat:
        regels.append(persoon.post_straat)
    plaats = " ".join(d for d in (persoon.post_postcode, persoon.post_plaats) if d)
    if plaats:
        regels.append(plaats)
    return regels


def heeft_postadres(persoon: Inburgeraar) -> bool:
    return bool(persoon.post_straat and persoon.post_plaats)


def verzending(dossier: Dossier, kenmerk_: str) -> DossierEvent | None:
    """The event that marked this letter as sent, if any."""
    return (
        dossier.events.filter(soort=Soort.BRIEF_VERZONDEN, gegevens__kenmerk=kenmerk_)
        .select_related("actor")
        .order_by("pk")
        .first()
    )


def kanaal_label(event: DossierEvent | None) -> str:
    if event is None:
        return ""
    waarde = event.gegevens.get("kanaal", "")
    return str(Kanaal(waarde).label) if waarde in Kanaal.values else waarde


def markeer_verzonden(
    dossier: Dossier,
    *,
    kenmerk_: str,
    kanaal: str,
    datum: dt.date,
    actor: Gebruiker,
    onderwerp: str,
    brief: int | None = None,
    pip_versie: int | None = None,
) -> DossierEvent:
    """Record that the letter went out (channel, date) as a `brief_verzonden` event."""
    if kanaal not in VERZENDKANALEN:
        raise Brieffout(_("Kies hoe de brief is verzonden."))
    if datum > timezone.localdate():
        raise Brieffout(_("De verzenddatum ligt in de toekomst."))
    if kanaal == Kanaal.POST and not heeft_postadres(dossier.inburgeraar):
        raise Brieffout(
            _("Er is geen postadres bekend. Vul eerst het postadres van de inburgeraar in.")
        )
    gegevens: dict = {"kenmerk": kenmerk_, "kanaal": kanaal, "onderwerp": onderwerp}
    if brief is not None:
        gegevens["brief"] = brief
    if pip_versie is not None:
        gegevens["pip_versie"] = pip_versie
    with transaction.atomic():
        Dossier.objects.select_for_update().filter(pk=dossier.pk).first()
        if verzending(dossier, kenmerk_) is not None:
            raise Brieffout(_("Deze brief is al als verzonden gemarkeerd."))
        return registreer(dossier, Soort.BRIEF_VERZONDEN, datum, actor=actor, gegevens=gegevens)


def document(
    *,
    hoofd: Briefhoofd,
    afzender_: Afzender,
    ontvanger_: list[str],
    kenmerk_: str,
    datum: dt.date,
    onderwerp: str,
    tekst: str,
) -> str:
    """The letter as an HTML document for print (PDF), always in Dutch."""
    with translation.override("nl"):
        return render_to_string(
            "brieven/brief_document.html",
            {
                "hoofd": hoofd,
                "afzender": afzender_,
                "ontvanger": ontvanger_,
                "kenmerk": kenmerk_,
                "datum": datum,
                "onderwerp": onderwerp,
                "tekst": tekst,
            },
        )


VOORBEELD_TEKST = (
    "Beste mevrouw Voorbeeld,\n\nDit is een voorbeeld van een brief met het briefhoofd van "
    "uw gemeente. De tekst van elke soort brief stelt u in bij de briefsjablonen."
)


def voorbeeld(hoofd: Briefhoofd, door: Gebruiker) -> str:
    """A sample letter with this (possibly unsaved) letterhead, for the beheerder's preview."""
    return document(
        hoofd=hoofd,
        afzender_=afzender_uit(hoofd, door),
        ontvanger_=["A. Voorbeeld", "Voorbeeldstraat 1", "1234 AB Voorbeeldplaats"],
        kenmerk_=kenmerk(hoofd.gemeente, "BR", 0),
        datum=timezone.localdate(),
        onderwerp="Voorbeeldbrief",
        tekst=VOORBEELD_TEKST,
    )


def pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()
