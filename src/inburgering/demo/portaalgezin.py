"""Demo of a parent reading a minor child's dossier in the portal (ADR 0039): one demo gemeente
(Utrecht) switches `GemeenteConfiguratie.portaal_kinderen` on through the beheerder's
configuration service (in the change trail); a demo parent with an open dossier, a consulent
and an appointment gets an address (a change of personal data, as a consulent records it) and
a daughter of 16 in the same household, with her own dossier opened through
`dossiers.services.open_dossier` and an intake appointment. `oidc_standin --burgers-uit-demo`
offers that parent first."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from inburgering.accounts.models import Gebruiker, Gemeente, GemeenteConfiguratie, Rol
from inburgering.accounts.services import wijzig_configuratie
from inburgering.bsn import SYNTHETISCHE_BSNS, TEST_BSN_BEREIK
from inburgering.dossiers.models import Doelgroep, Dossier, Gezinsrelatie, Inburgeraar
from inburgering.dossiers.persoonsgegevens import wijzig_persoonsgegevens
from inburgering.dossiers.services import NieuwDossier, open_dossier
from inburgering.dossiers.workflow import Fase, Soort
from inburgering.intake.afspraken import plan_afspraak
from inburgering.intake.models import Afspraak
from inburgering.wet.kalender import plus_jaren

from .gemeenten import UTRECHT
from .personen import bsn_met_controlecijfer

ADRES = {"post_straat": "Kanaalweg 12", "post_postcode": "3533 HG", "post_plaats": "Utrecht"}


def demo_ouders() -> list[Inburgeraar]:
    """Demo parents with a minor child linked in a gemeente that allows reading along."""
    aan = GemeenteConfiguratie.objects.filter(
        gemeente_id=OuterRef("gemeente_id"), portaal_kinderen=True
    )
    kind = Gezinsrelatie.objects.filter(
        inburgeraar_id=OuterRef("pk"), soort=Gezinsrelatie.Soort.KIND, gerelateerde__isnull=False
    )
    return list(
        Inburgeraar.objects.filter(bsn__range=SYNTHETISCHE_BSNS)
        .filter(Exists(aan), Exists(kind))
        .order_by("pk")
    )


def _vrij_bsn() -> str:
    """The lowest valid test BSN (RvIG's range, as the rest of the demo) that no person
    record has."""
    for prefix in range(TEST_BSN_BEREIK.start // 10, (TEST_BSN_BEREIK.stop - 1) // 10 + 1):
        bsn = bsn_met_controlecijfer(prefix)
        if bsn is not None and not Inburgeraar.objects.filter(bsn=bsn).exists():
            return bsn
    raise RuntimeError("Het bereik van test-BSN's is op.")


def maak_portaalgezin(cbs_code: str = UTRECHT) -> Dossier | None:
    """Returns the child's dossier (None when the gemeente, a beheerder or a parent is missing,
    or the demo family exists already)."""
    gemeente = Gemeente.objects.filter(cbs_code=cbs_code).first()
    beheerder = (
        Gebruiker.objects.filter(rol=Rol.BEHEERDER, gemeenten=gemeente, is_active=True)
        .order_by("pk")
        .first()
    )
    if gemeente is None or beheerder is None or demo_ouders():
        return None
    nu = timezone.now()
    gepland = Afspraak.objects.filter(
        dossier=OuterRef("pk"), status=Afspraak.Status.GEPLAND, begin__gt=nu
    )
    ouder = (
        Dossier.objects.filter(
            gemeente=gemeente,
            inburgeraar__bsn__range=SYNTHETISCHE_BSNS,
            consulent__isnull=False,
            inburgeraar__geboortedatum__isnull=False,
        )
        .exclude(fase=Fase.AFGEROND)
        .filter(Exists(gepland))
        .select_related("inburgeraar", "consulent")
        .order_by(F("pip_dagtekening").desc(nulls_last=True), "pk")
        .first()
    )
    if ouder is None:
        return None
    vandaag = timezone.localdate()
    geboren = plus_jaren(vandaag, -16) - dt.timedelta(days=120)
    with transaction.atomic():
        wijzig_configuratie(beheerder, gemeente, {"portaal_kinderen": True})
        wijzig_persoonsgegevens(ouder, ADRES, actor=ouder.consulent)
        persoon = ouder.inburgeraar
        kind = open_dossier(
            Inburgeraar(
                bsn=_vrij_bsn(),
                voornamen="Lina",
                voorvoegsel=persoon.voorvoegsel,
                geslachtsnaam=persoon.geslachtsnaam,
                geboortedatum=geboren,
                geslacht="V",
                land_van_herkomst=persoon.land_van_herkomst,
                talen=persoon.talen,
                voorkeurstaal=persoon.voorkeurstaal,
                **ADRES,
            ),
            NieuwDossier(
                gemeente=gemeente,
                regime=ouder.regime,
                doelgroep=ouder.doelgroep or Doelgroep.ASIELSTATUSHOUDER,
                eerste_soort=Soort.SIGNAAL_ONTVANGEN,
                eerste_datum=vandaag - dt.timedelta(days=14),
                gegevens={},
            ),
            actor=ouder.consulent,
            consulent=ouder.consulent,
        )
        relatie = Gezinsrelatie(
            inburgeraar=persoon,
            soort=Gezinsrelatie.Soort.KIND,
            naam=kind.inburgeraar.naam,
            geboortedatum=geboren,
            gerelateerde=kind.inburgeraar,
        )
        relatie.full_clean()
        relatie.save()
        plan_afspraak(
            kind,
            medewerker=ouder.consulent,
            soort="intake",
            vorm="op_locatie",
            begin=(nu + dt.timedelta(days=4)).replace(hour=10, minute=0, second=0, microsecond=0),
            locatie="Stadskantoor, jongerenloket",
        )
    return kind
