"""The consulent as the inburgeraar's contact person at DUO (Contactpersoon API).

DUO shows this contact person to chain partners with questions about the person. Where the
gemeente chose so (`GemeenteConfiguratie.contactpersoon_aan_duo`), every assignment of a
consulent writes one outbox row (`lever_contactpersoon`, in the assignment's transaction).
The details (name, e-mail, phone) are read when the row is SENT, so a delivery held back for a
missing phone number goes out as soon as the consulent fills it in ("opnieuw controleren").
Sending (`verstuur`): the consulent's DUO id for this gemeente is created once (POST
/contactpersonen) and updated when the details changed (PUT), then the person is linked (POST
/contactpersonen/{id}/personen/{bsn}; DUO replaces an earlier link). A newer assignment
supersedes an unsent older one, as for every delivery (leveringen.py)."""

from __future__ import annotations

from typing import Any

from inburgering.accounts.models import Gebruiker, GemeenteConfiguratie
from inburgering.brieven.models import Briefhoofd, Contactgegevens
from inburgering.dossiers.models import Dossier
from inburgering.dossiers.workflow import Soort

from ..models import DuoContactpersoon, UitgaandBericht
from . import schemas
from .client import Antwoord, DuoClient
from .leveringen import BEVINDINGEN, VERZENDERS, S, lever

#: Contactpersoongegevens of the Contactpersoon API (all three required).
CONTACTPERSOONGEGEVENS: dict[str, Any] = {
    "type": "object",
    "required": ["naam", "email", "telefoonnummer"],
    "properties": {
        "naam": {"type": "string", "maxLength": 100, "pattern": r"^[\s'‘.\w-]{0,100}$"},
        "email": {"type": "string", "minLength": 4, "maxLength": 241},
        "telefoonnummer": {
            "type": "string",
            "minLength": 3,
            "maxLength": 22,
            "pattern": r"^(\+|[0-9])((\s|\s?(-|\(0\))\s?)?[0-9]){2,15}([,][1-9][0-9]{1,8})?$",
        },
    },
}
MELDINGEN = {
    "naam": "De naam van de consulent past niet in het formaat van DUO.",
    "email": "Er is geen e-mailadres van de consulent of van het team (briefhoofd).",
    "telefoonnummer": "Er is geen geldig telefoonnummer van de consulent of van het team "
    "(briefhoofd); DUO eist er een.",
}


def aan(dossier: Dossier) -> bool:
    return GemeenteConfiguratie.objects.filter(
        gemeente_id=dossier.gemeente_id, contactpersoon_aan_duo=True
    ).exists()


def gegevens_van(gebruiker: Gebruiker, dossier: Dossier) -> dict[str, str]:
    """Name, e-mail and phone as DUO gets them: the consulent's own, else the team's general
    ones from the gemeente's letterhead (as the letters do)."""
    hoofd = Briefhoofd.objects.filter(gemeente_id=dossier.gemeente_id).first()
    eigen = Contactgegevens.objects.filter(gebruiker=gebruiker).first()
    return {
        "naam": gebruiker.weergavenaam,
        "email": gebruiker.email or (hoofd.email if hoofd else ""),
        "telefoonnummer": (eigen.telefoon if eigen else "") or (hoofd.telefoon if hoofd else ""),
    }


def bevindingen(bericht: UitgaandBericht) -> list[dict]:
    """What keeps the delivery from DUO: details DUO would refuse (checked at send time)."""
    gebruiker = Gebruiker.objects.filter(pk=bericht.inhoud.get("gebruiker")).first()
    if gebruiker is None:
        return [
            {
                "code": "CONTACTPERSOON",
                "veld": "gebruiker",
                "melding": "De consulent bestaat niet meer.",
            }
        ]
    gegevens = gegevens_van(gebruiker, bericht.dossier)
    gevonden = []
    for fout in schemas.fouten(CONTACTPERSOONGEGEVENS, gegevens):
        veld = next((v for v in MELDINGEN if fout.startswith(v)), "")
        gevonden.append(
            {"code": "CONTACTPERSOON", "veld": veld, "melding": MELDINGEN.get(veld, fout)}
        )
    return gevonden


def lever_contactpersoon(
    dossier: Dossier, consulent: Gebruiker, actor=None
) -> UitgaandBericht | None:
    """Queue the link of the dossier's person to `consulent` at DUO (None when the gemeente
    does not report contact persons)."""
    if not aan(dossier):
        return None
    return lever(dossier, S.CONTACTPERSOON, {"gebruiker": consulent.pk}, actor)


def bij_toewijzing(sender, dossier: Dossier, nieuw=(), **kwargs) -> None:
    """Receiver of `dossier_bijgewerkt`: a consulent assigned in this transaction is queued
    for DUO (outbox first: in the assignment's own transaction)."""
    toegewezen = [e for e in nieuw if e.soort == Soort.CONSULENT_TOEGEWEZEN]
    if not toegewezen or not aan(dossier):
        return
    consulent = Gebruiker.objects.filter(pk=toegewezen[-1].gegevens.get("consulent_id")).first()
    if consulent is not None:
        lever(dossier, S.CONTACTPERSOON, {"gebruiker": consulent.pk}, toegewezen[-1].actor)


def verstuur(bericht: UitgaandBericht, c: DuoClient) -> Antwoord:
    """Create or update the contact person at DUO, then link the person. Returns DUO's answer
    to the link, or to the step that failed (the caller treats it as any delivery's answer)."""
    gebruiker = Gebruiker.objects.get(pk=bericht.inhoud["gebruiker"])
    gegevens = gegevens_van(gebruiker, bericht.dossier)
    bekend = DuoContactpersoon.objects.filter(
        gebruiker=gebruiker, gemeente=bericht.gemeente
    ).first()
    if bekend is None:
        antwoord = c.verzoek("POST", "/contactpersonen", gegevens)
        if antwoord.status != 201:
            return antwoord
        bekend = DuoContactpersoon.objects.create(
            gebruiker=gebruiker,
            gemeente=bericht.gemeente,
            duo_id=antwoord.json()["id"],
            gegevens=gegevens,
        )
    elif bekend.gegevens != gegevens:
        antwoord = c.verzoek("PUT", f"/contactpersonen/{bekend.duo_id}", gegevens)
        if antwoord.status != 200:
            return antwoord
        bekend.gegevens = gegevens
        bekend.save(update_fields=["gegevens", "bijgewerkt_op"])
    bsn = bericht.dossier.inburgeraar.bsn
    pad = f"/contactpersonen/{bekend.duo_id}/personen/{bsn}"
    return c.verzoek("POST", pad, None, bericht_id=bericht.bericht_id)


def registreer() -> None:
    """Hook this delivery into the outbox (leveringen.py) and into assignments (from
    KoppelingenConfig.ready)."""
    from inburgering.dossiers.signalen import dossier_bijgewerkt

    BEVINDINGEN[S.CONTACTPERSOON] = bevindingen
    VERZENDERS[S.CONTACTPERSOON] = verstuur
    dossier_bijgewerkt.connect(bij_toewijzing, dispatch_uid="koppelingen.contactpersoon")
