"""Demo of the consulent as contact person at DUO (Contactpersoon API): one demo gemeente
(Deventer) switches `GemeenteConfiguratie.contactpersoon_aan_duo` on through the beheerder's
configuration service (it lands in the change trail), gives its letterhead the team's general
phone and e-mail (what DUO gets when a consulent has none) and queues, through the delivery
service, the link of every open demo dossier to its consulent. The demo command sends them to
the simulator with the other deliveries (`duo.synchroniseer`)."""

from __future__ import annotations

from django.db import transaction

from inburgering.accounts.models import Gebruiker, Gemeente, Rol
from inburgering.accounts.services import wijzig_configuratie
from inburgering.brieven.services import bewaar_briefhoofd, briefhoofd
from inburgering.bsn import SYNTHETISCHE_BSNS
from inburgering.dossiers.models import Dossier
from inburgering.dossiers.workflow import Fase
from inburgering.koppelingen.duo.contactpersoon import lever_contactpersoon

from .gemeenten import DEVENTER

TEAM = {"telefoon": "0570 693 000", "email": "inburgering@deventer.example"}


def meld_contactpersonen(cbs_code: str = DEVENTER) -> int:
    """Returns the number of contact-person deliveries queued."""
    gemeente = Gemeente.objects.filter(cbs_code=cbs_code).first()
    beheerder = (
        Gebruiker.objects.filter(rol=Rol.BEHEERDER, gemeenten=gemeente, is_active=True)
        .order_by("pk")
        .first()
    )
    if gemeente is None or beheerder is None:
        return 0
    with transaction.atomic():
        wijzig_configuratie(beheerder, gemeente, {"contactpersoon_aan_duo": True})
        hoofd = briefhoofd(gemeente)
        if not hoofd.telefoon or not hoofd.email:
            bewaar_briefhoofd(
                gemeente,
                {
                    "telefoon": hoofd.telefoon or TEAM["telefoon"],
                    "email": hoofd.email or TEAM["email"],
                },
                door=beheerder,
            )
        dossiers = (
            Dossier.objects.filter(
                gemeente=gemeente,
                inburgeraar__bsn__range=SYNTHETISCHE_BSNS,
                consulent__isnull=False,
            )
            .exclude(fase=Fase.AFGEROND)
            .select_related("consulent", "gemeente")
            .order_by("pk")
        )
        return sum(
            1 for d in dossiers if lever_contactpersoon(d, d.consulent, actor=beheerder) is not None
        )
