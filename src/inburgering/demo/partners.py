"""Demo data of the chain partners, through the partners services: the language school
Taalhuis Voorbeeld with user `school` (its demo placements become involvements through the
placement hook), a maatschappelijke begeleiding organisation with user `begeleider` and a few
progress notes, and the COA with user `coa`, who handed over one client profile that the
consulent can take over into the brede intake.

Called from the demo command after the learning route (`maak_partners()`); `verwijder()` is
called by `opslag.verwijder_demodata` before the placements and the dossiers go."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from inburgering.accounts.models import Gebruiker, Gemeente, Rol
from inburgering.bsn import SYNTHETISCHE_BSNS
from inburgering.dossiers.models import Doelgroep, Dossier
from inburgering.dossiers.workflow import Fase
from inburgering.partners import services
from inburgering.partners.haken import koppel_lopende_plaatsingen
from inburgering.partners.models import (
    Betrokkenheid,
    Clientprofiel,
    Examenwens,
    Medewerker,
    Organisatie,
    Organisatiesoort,
    Voortgangsnotitie,
)
from inburgering.traject.models import Aanbieder

from .gemeenten import DEMO_AANDEEL, UTRECHT
from .organisatie import DEMO_DOMEIN, WACHTWOORD

#: (KvK, name, kind, user, first name, last name). The KvK numbers mark the demo organisations.
ORGANISATIES = [
    ("90000001", "Taalhuis Voorbeeld", Organisatiesoort.TAALAANBIEDER, "school", "Lotte", "Smit"),
    (
        "90000011",
        "Stichting Welkom Midden (maatschappelijke begeleiding)",
        Organisatiesoort.BEGELEIDING,
        "begeleider",
        "Ahmad",
        "Rahimi",
    ),
    ("90000012", "COA locatie Utrecht", Organisatiesoort.COA, "coa", "Joyce", "van Dijk"),
]
MB_DOSSIERS = 5


def _gebruiker(username: str, voornaam: str, achternaam: str, gemeenten) -> Gebruiker:
    gebruiker = Gebruiker(
        username=username,
        first_name=voornaam,
        last_name=achternaam,
        rol=Rol.PARTNER,
        email=f"{username}@{DEMO_DOMEIN}",
    )
    gebruiker.set_password(WACHTWOORD)
    gebruiker.save()
    gebruiker.gemeenten.set(gemeenten)
    return gebruiker


def maak_partners(vandaag: dt.date | None = None) -> dict[str, int]:
    vandaag = vandaag or timezone.localdate()
    gemeenten = list(Gemeente.objects.filter(cbs_code__in=list(DEMO_AANDEEL)))
    utrecht = Gemeente.objects.filter(cbs_code=UTRECHT).first()
    telling = {"organisaties": 0, "betrokkenheden": 0, "voortgang": 0, "profielen": 0}
    if utrecht is None:
        return telling
    organisaties: dict[str, Organisatie] = {}
    with transaction.atomic():
        for kvk, naam, soort, username, voornaam, achternaam in ORGANISATIES:
            aanbieder = None
            if soort == Organisatiesoort.TAALAANBIEDER:
                aanbieder = Aanbieder.objects.filter(kvk_nummer=kvk).first()
            organisatie = Organisatie.objects.create(
                naam=naam, soort=soort, kvk_nummer=kvk, aanbieder=aanbieder
            )
            werkgebied = gemeenten if soort == Organisatiesoort.TAALAANBIEDER else [utrecht]
            organisatie.gemeenten.set(werkgebied)
            gebruiker = _gebruiker(username, voornaam, achternaam, werkgebied)
            Medewerker.objects.create(gebruiker=gebruiker, organisatie=organisatie)
            organisaties[username] = organisatie
            telling["organisaties"] += 1
        # The school: its placements from the demo learning route, through the same hook.
        telling["betrokkenheden"] += koppel_lopende_plaatsingen(organisaties["school"])
        # Maatschappelijke begeleiding for asylum permit holders in Utrecht, some with a note.
        kandidaten = Dossier.objects.filter(
            gemeente=utrecht,
            inburgeraar__bsn__range=SYNTHETISCHE_BSNS,
            doelgroep=Doelgroep.ASIELSTATUSHOUDER,
            consulent__username="consulent",
            fase__in=[Fase.BREDE_INTAKE, Fase.PIP_IN_VOORBEREIDING, Fase.PIP_VASTGESTELD],
        ).order_by("pk")
        begeleider = organisaties["begeleider"].medewerkers.get().gebruiker
        for nummer, dossier in enumerate(kandidaten[:MB_DOSSIERS]):
            begin = vandaag - dt.timedelta(days=60 + 7 * nummer)
            rij = services.betrek(
                organisaties["begeleider"], dossier, begin=begin, actor=dossier.consulent
            )
            telling["betrokkenheden"] += 1
            if nummer % 2 == 0:
                services.schrijf_voortgang(
                    rij,
                    datum=vandaag - dt.timedelta(days=10 + nummer),
                    onderwerp="Zorgverzekering en huisarts geregeld",
                    tekst="Samen de zorgverzekering afgesloten en ingeschreven bij de huisarts.",
                    actor=begeleider,
                )
                telling["voortgang"] += 1
        # The COA: one warm handover of a newly linked person, not yet taken over.
        nieuw = (
            Dossier.objects.filter(
                gemeente=utrecht,
                inburgeraar__bsn__range=SYNTHETISCHE_BSNS,
                doelgroep=Doelgroep.ASIELSTATUSHOUDER,
                consulent__username="consulent",
                fase__in=[Fase.GEKOPPELD, Fase.GEHUISVEST],
                brede_intake__isnull=True,
            )
            .order_by("-pk")
            .first()
        )
        if nieuw is not None:
            coa = organisaties["coa"].medewerkers.get().gebruiker
            rij = services.betrek(
                organisaties["coa"],
                nieuw,
                begin=vandaag - dt.timedelta(days=14),
                actor=nieuw.consulent,
            )
            profiel = services.bewaar_profiel(
                rij,
                actor=coa,
                talen="Tigrinya (moedertaal), Arabisch (redelijk), Engels (basis)",
                opleiding="Zes jaar basisonderwijs in Eritrea.",
                werkervaring="Vier jaar naaister in een kleermakerij; wil graag in de zorg werken.",
                voorkeuren="Lessen in de ochtend (kinderen naar school); vrouwelijke docent.",
                azc_contact="Mevrouw De Vries, COA-locatie Utrecht, 088 715 7000",
            )
            services.draag_over(profiel, actor=coa)
            telling["betrokkenheden"] += 1
            telling["profielen"] += 1
    return telling


def verwijder(dossiers) -> None:
    """The demo organisations with everything they recorded, and partner records of the demo
    dossiers (before the placements, providers and dossiers go)."""
    organisaties = Organisatie.objects.filter(kvk_nummer__in=[o[0] for o in ORGANISATIES])
    betrokkenheden = Betrokkenheid.objects.filter(organisatie__in=organisaties) | (
        Betrokkenheid.objects.filter(dossier__in=dossiers)
    )
    Examenwens.objects.filter(betrokkenheid__in=betrokkenheden).delete()
    Voortgangsnotitie.objects.filter(betrokkenheid__in=betrokkenheden).delete()
    Clientprofiel.objects.filter(betrokkenheid__in=betrokkenheden).delete()
    betrokkenheden.delete()
    Medewerker.objects.filter(organisatie__in=organisaties).delete()
    organisaties.delete()
